"""A seat at the game server, drawn from its latest view (game.protocol.View) alone.

The server sends the view already in the seat's language: its words are drawn as they
come. The board's own panels (board, hand) are reused through small adapters; the
window's local content only lends what a view does not carry (the leaders' emblems,
the trust lines, the categories' icons). Nothing here reads a session or a table.
"""

from __future__ import annotations

from collections.abc import Mapping

import pygame

from game.client import other_words
from game.core.endings import thresholds
from game.core.state import FRONTS
from game.i18n import _
from game.models.bundle import Content
from game.models.content import Ending
from game.protocol import CardView as SeatCard
from game.protocol import View
from game.ui import draw, theme
from game.ui.draw import Paragraph
from game.ui.widgets.board import (
    CenterPanel,
    LeaderPanel,
    board_layout,
    center_height,
    draw_top,
    leader_height,
)
from game.ui.widgets.effects import Effects
from game.ui.widgets.hand import CardView
from game.ui.widgets.scroll import Item
from game.wording import EffectPart, agreement_text, sentence, threshold_words


def _px(size: float, scale: float) -> int:
    return round(size * scale)


def calm(text: str) -> str:
    """The server's arrows in words (the game's font has no arrow)."""
    return text.replace(" → ", f" {_('to')} ")


# -- adapters to the board's panels -----------------------------------------------------


def leader_panel(view: View, side: str, content: Content,
                 previous: Mapping[str, int]) -> LeaderPanel | None:
    """A leader's panel: his figures from the view, his emblem from the content."""
    figures = next((leader for leader in view.leaders if leader.side == side), None)
    leader = content.leaders.get(side)
    if figures is None or leader is None:
        return None
    shown = leader.model_copy(update={"short": figures.short, "floor": figures.floor,
                                      "comfort": figures.comfort})
    return LeaderPanel(leader=shown, mine=side == view.side, polls=figures.polls,
                       previous=previous.get(side, figures.polls), shown=float(figures.polls),
                       capital=figures.capital, capital_max=content.rules.capital_max)


def scenario_endings(content: Content, scenario: str | None) -> list[Ending]:
    """The endings the room's scenario can reach (every ending, if it is not known)."""
    sc = content.scenarios.get(scenario or "")
    if sc is None:
        return list(content.endings)
    return [ending for ending in sorted(content.endings, key=lambda e: -e.priority)
            if (not ending.scenarios or sc.id in ending.scenarios)
            and ending.id not in sc.exclude_endings]


def center_panel(view: View, content: Content, scenario: str | None) -> CenterPanel:
    """Trust and the fronts as the view has them, with the scenario's trust lines."""
    meters = {"trust": view.trust, **{f"tension.{f}": 0 for f in FRONTS},
              **{f"tension.{front.front}": front.tension for front in view.fronts}}
    steps = {agreement_text(step): step for step in range(3)}
    agreements = {f: 0 for f in FRONTS}
    agreements.update({front.front: steps.get(front.agreement, 0) for front in view.fronts})
    endings = scenario_endings(content, scenario)
    lines = thresholds(endings)
    marks = tuple((at, colour) for at, colour in ((lines.collision, theme.BAD),
                                                  (lines.compromise, theme.GOOD))
                  if at is not None)
    return CenterPanel(meters=meters, shown={k: float(v) for k, v in meters.items()},
                       agreements=agreements, trust_marks=marks,
                       trust_words=threshold_words(content, endings),
                       erodes=min((step.min for step in content.rules.tension_erosion),
                                  default=101), notes={})


def effect_parts(effects: str) -> tuple[EffectPart, ...]:
    """The server's words for what a card or option does, as one part of a line."""
    return (EffectPart(effects),) if effects else ()


def card_views(view: View, content: Content) -> list[CardView]:
    """The hand's cards, as the hand widget draws them."""
    cards = []
    for card in view.hand:
        local = content.cards.get(card.id)
        cards.append(CardView(where=card.category.upper(),
                              category=local.category if local is not None else "",
                              stance=card.kind, cost=card.cost, title=card.title,
                              playable=card.why_not is None, answers=False,
                              preview=effect_parts(card.effects)))
    return cards


def card_paragraphs(card: SeatCard | None, hold_gain: int) -> list[Item]:
    """A card of the hand in full; Hold when `card` is None."""
    if card is None:
        return [(_("Hold"), 18, True, theme.TEXT),
                (_("Play no card this month and bank {n} more capital. Holding counts as "
                   "neither tough nor friendly: below your comfort level your base "
                   "dislikes it.").format(n=hold_gain), 15, False, theme.TEXT)]
    lines: list[Item] = [(card.title, 18, True, theme.TEXT), (card.text, 15, False, theme.TEXT),
                         Effects(effect_parts(card.effects), 15, _("Effect:"))]
    if card.why_not:
        lines.append((_("Cannot play: ") + card.why_not, 15, True, theme.BAD))
    return lines


def status_words(view: View | None, lost: bool) -> tuple[str, tuple[int, int, int]]:
    """The top bar's right: this window's connection lost, or the other player's status
    and the deadline, if there is one; and its colour."""
    if lost:
        return _("Connection lost; reconnecting…"), theme.WARN
    if view is None or view.phase == "waiting" or view.ending is not None:
        return "", theme.TEXT
    if view.paused:
        return _("The facilitator has paused the game: wait for it to resume."), theme.WARN
    words = sentence(other_words(view.model_dump()))
    if view.notices:
        words = _("Facilitator: {text}").format(text=view.notices[-1]) + "  ·  " + words
    if view.deadline_in is not None:
        words += "  ·  " + _("Time left this month: {time}").format(
            time=f"{view.deadline_in // 60}:{view.deadline_in % 60:02d}")
    return words, theme.ACCENT


def message_paragraphs(view: View | None, refused: str, host: str, leader: str
                       ) -> list[Paragraph]:
    """The words of a screen without a board: connecting, refused, waiting for a second
    player (who plays `leader`), or the ending."""
    if refused:
        return [(_("The server refused this seat"), 22, True, theme.TEXT),
                (refused, 16, False, theme.TEXT)]
    if view is None:
        return [(_("Connecting to {host}…").format(host=host), 22, True, theme.TEXT)]
    if view.ending is not None:
        lines: list[Paragraph] = [(view.ending.outcome, 16, True, theme.ACCENT),
                                  (view.ending.title, 24, True, theme.TEXT),
                                  (view.ending.text, 15, False, theme.TEXT)]
        for month, played in month_entries(view)[1:]:  # the last month's moves
            lines += [(month, 15, True, theme.MUTED), (played, 15, False, theme.TEXT)]
        return lines
    return [(_("Waiting for the other player"), 22, True, theme.TEXT),
            (_("Room {room}, table {table}: you play {leader}.").format(
                room=view.room, table=view.table, leader=leader or view.side), 16, False,
             theme.TEXT),
            (_("The game starts when a second player joins this table, or when the "
               "facilitator seats a computer player in it."), 15, False, theme.MUTED)]


def hand_heading(mode: str, view: View) -> str:
    """The hand's heading while the seat cannot play: what it waits for ("" to play)."""
    if mode == "sent":
        return _("Sending your order…")
    if mode == "committed":
        return _("Chosen: {order}. The month resolves once both leaders have chosen.").format(
            order=view.committed or "")
    return _("Waiting for the news to be decided.") if mode == "wait" else ""


def month_entries(view: View) -> list[tuple[str, str]]:
    """The month's headlines, then the last month's moves (for the news list)."""
    shorts = {leader.side: leader.short for leader in view.leaders}
    entries = [(f"{view.month} · " + (" · ".join(news.title for news in view.news)
                                      or _("A quiet month")), "")]
    if view.last is not None:
        entries.append((view.last.month, " · ".join(
            f"{shorts.get(p.side, p.side)}: {sentence(p.title)}" for p in view.last.played)))
    return entries


def board_parts(size: tuple[int, int], scale: float, centre: CenterPanel | None
                ) -> dict[str, pygame.Rect]:
    """The board's parts, the top row as tall as the leaders and fronts (`centre`) need;
    without a centre (a screen of words), `lower` is all the space under the top bar."""
    parts = board_layout(size, scale)
    if centre is None:
        m, top = round(12 * scale), parts["top"].bottom
        parts["lower"] = pygame.Rect(m, top, size[0] - 2 * m, size[1] - top - m)
        return parts
    needed = max(leader_height(scale), center_height(centre, parts["center"].width, scale))
    return board_layout(size, scale, needed)


def draw_top_bar(surface: pygame.Surface, rect: pygame.Rect, label: str,
                 status: tuple[str, tuple[int, int, int]], right: int, scale: float) -> None:
    """The month at the left of the top bar, the status (in its colour) at its right,
    both left of `right` (where the bar's buttons begin)."""
    words, colour = status
    half = (right - 40) // 2 if words else right - 26
    label_w = min(theme.font(_px(20, scale), True).size(label)[0] + 4, half)
    draw_top(surface, rect, label, 14 + label_w + 26, scale)
    line = theme.font(_px(16, scale)).get_linesize()
    draw.text(surface, words, pygame.Rect(label_w + 40, (rect.height - line) // 2,
                                          right - label_w - 52, line),
              _px(16, scale), colour, align="right", max_lines=1, shrink=True)
