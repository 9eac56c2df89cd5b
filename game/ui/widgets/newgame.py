"""Parts of the new-game screen: a row of buttons each as wide as its words, and what the
screen says of the chosen game (the side and its goals, or both sides at two players)."""

from __future__ import annotations

import pygame

from game.i18n import _
from game.models.bundle import Content
from game.models.content import Scenario
from game.ui import draw, theme
from game.wording import goal_lines

#: Between two buttons of a row.
GAP = 8


def button_row(rect: pygame.Rect, labels: list[str], scale: float) -> list[pygame.Rect]:
    """Buttons side by side in `rect`, each as wide as its label needs and the room left
    shared out (evenly, if the labels need more room than there is)."""
    fnt = theme.font(round((14 if scale > 1.2 else 16) * scale), True)  # the buttons' font
    needs = [fnt.size(label)[0] + 2 * round(8 * scale) + 2 for label in labels]  # + padding
    room = rect.width - GAP * (len(labels) - 1)
    if sum(needs) > room:
        needs = [room // len(labels)] * len(labels)
    extra = (room - sum(needs)) // max(1, len(labels))
    rects, x = [], rect.x
    for need in needs:
        rects.append(pygame.Rect(x, rect.y, need + extra, rect.height))
        x += need + extra + GAP
    return rects


def briefing(content: Content, scenario: Scenario, side: str | None) -> list[draw.Paragraph]:
    """What the chosen game is about: the leader `side` leads and his goals, or (None) both
    leaders and all the goals when two play at one computer; then the scenario."""
    about: list[draw.Paragraph] = []
    if side is not None:
        you = content.leaders[side]
        about.append((_("You lead {name}. He wants: {wants}").format(
            name=you.short, wants=you.wants), 15, False, theme.TEXT))
        mine = [goal.text for goal in scenario.goals if goal.side in (None, side)]
        if mine:
            about.append((_("Your goals, judged at the end"), 15, True, theme.GOOD))
            about += [("• " + text, 14, False, theme.TEXT) for text in mine]
    else:
        leaders = content.leaders
        about.append((_("Two players, one computer: {amlo} against {trump}.").format(
            amlo=leaders["amlo"].short, trump=leaders["trump"].short), 15, True, theme.TEXT))
        about += [(_("What {name} wants: ").format(name=leader.short) + leader.wants, 14,
                   False, theme.TEXT) for leader in (leaders["amlo"], leaders["trump"])]
        goals = goal_lines(content, [(goal, None) for goal in scenario.goals])
        if goals:
            about.append((_("Goals, judged at the end:"), 15, True, theme.GOOD))
            about += [(f"• {whose}: {text}", 14, False, theme.TEXT) for whose, text, _m in goals]
    about += [
        (_("{turns} monthly turns from {start}").format(
            turns=scenario.turns, start=scenario.start), 15, True, theme.ACCENT),
        (scenario.briefing, 14, False, theme.TEXT),
        (_("Question: ") + scenario.question, 14, True, theme.TEXT),
        (_("In this lesson: ") + " ".join(scenario.objectives), 13, False, theme.MUTED)]
    return about
