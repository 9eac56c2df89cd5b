"""A finished game, month by month: the news and decisions, both cards, what they did
together, and where the meters stood at the end of the month."""

from __future__ import annotations

from typing import Any

import pygame

from game.core.state import FRONTS, SIDES, month_index
from game.i18n import _
from game.session import Session
from game.ui import draw, theme
from game.ui.app import App
from game.ui.draw import Paragraph
from game.ui.router import Pop
from game.ui.scene import Outcome, Scene
from game.ui.widgets.scroll import Scroll
from game.wording import (
    agreement_text,
    front_text,
    grouped_changes,
    meter_text,
    month_words,
    net_changes,
    net_words,
    stance_text,
)

#: Causes of the month's routine changes, told together in one line.
ROUTINE = ("upkeep:", "drift:")


def meters_by_month(session: Session) -> list[dict[str, int]]:
    """The meters (and agreements, as `agreement.FRONT`) at the end of each month played,
    read back from the game's ledger of changes."""
    state = session.state
    first: dict[str, int] = {}  # each meter's value before its first change
    for _turn, meter, _delta, before, _after, _cause in state.ledger:
        first.setdefault(meter, before)
    values = {**state.meters, **{f"agreement.{f}": state.agreements[f] for f in FRONTS}}
    values.update(first)
    out: list[dict[str, int]] = []
    entries = iter(state.ledger)
    pending = next(entries, None)
    for record in state.log:
        while pending is not None and pending[0] <= record["turn"]:
            values[pending[1]] = pending[4]
            pending = next(entries, None)
        out.append(dict(values))
    return out


class ReplayScene(Scene):
    """Step through a finished game with the Left and Right keys; Esc goes back."""

    name = "replay"

    def __init__(self, app: App, session: Session, human: str) -> None:
        super().__init__(app)
        self.session = session
        self.human = human
        self.records: list[dict[str, Any]] = list(session.state.log)
        self.meters = meters_by_month(session)
        self.index = 0  # the month shown
        self.columns = (Scroll(), Scroll(), Scroll())  # each scrolled if long

    def build(self) -> None:
        w, h = self.app.size
        bh = round(42 * self.s)
        bw = round(200 * self.s)
        y = h - bh - 16
        for i, (label, action, name) in enumerate((
            (_("Previous  (Left)"), lambda: self.show(self.index - 1), "previous"),
            (_("Next  (Right)"), lambda: self.show(self.index + 1), "next"),
            (_("Back  (Esc)"), Pop, "back"),
        )):
            self.button(pygame.Rect(w - (3 - i) * (bw + 12), y, bw, bh), label, action,
                        name=name)
        self.focus.focus("next")

    def show(self, index: int) -> None:
        """Show month `index` (kept within the game)."""
        self.index = max(0, min(len(self.records) - 1, index))
        self.columns = (Scroll(), Scroll(), Scroll())
        self.app.dirty = True

    def handle(self, event: pygame.event.Event) -> Outcome:
        """Left and Right step through the months, Home and End jump, Esc goes back; the
        wheel and the page keys scroll a long column."""
        if any(scroll.handle(event, self.s, ends=False) for scroll in self.columns):
            self.app.dirty = True
            return True
        if event.type == pygame.KEYDOWN:
            moves = {pygame.K_LEFT: self.index - 1, pygame.K_RIGHT: self.index + 1,
                     pygame.K_HOME: 0, pygame.K_END: len(self.records) - 1}
            if event.key in moves:
                self.show(moves[event.key])
                return True
            if event.key == pygame.K_ESCAPE:
                return Pop()
        return super().handle(event)

    def month_paragraphs(self) -> list[Paragraph]:
        """What happened in the month shown, in the order it happened."""
        content = self.session.engine.content
        record = self.records[self.index]
        lines: list[Paragraph] = []
        for news in record["news"]:
            event = content.events.get(news["event"])
            if event is None:
                continue
            lines.append((_("News: {title}").format(title=event.title), 16, True, theme.TEXT))
            for side, option in news["choices"].items():
                lines.append((_("{name} decided: {label}").format(
                    name=content.leaders[side].short, label=event.choices[option].label),
                    14, False, theme.TEXT))
        if not record["news"]:
            lines.append((_("A quiet month."), 15, False, theme.MUTED))
        for side in SIDES:
            card_id = record["orders"].get(side)
            name = content.leaders[side].short + (_(" (you)") if side == self.human else "")
            card = content.cards.get(card_id or "")
            lines.append((_("{name} played “{title}” ({stance})").format(
                name=name, title=card.title, stance=stance_text(card.stance)) if card is not None
                else _("{name} held").format(name=name), 16, True, theme.ACCENT))
        interaction = next((i for i in content.rules.interactions
                            if i.id == record["interaction"]), None)
        if interaction is not None:
            lines.append((interaction.title + ". " + interaction.text, 14, False, theme.TEXT))
        return lines

    def change_paragraphs(self) -> list[Paragraph]:
        """Every change of the month shown: the routine in one line, the rest by cause."""
        content = self.session.engine.content
        record = self.records[self.index]
        lines: list[Paragraph] = []
        changes = [c for c in self.session.state.ledger if c[0] == record["turn"]]
        # The month's routine (income, drift, calm) in one line; the rest by cause.
        routine = net_changes(c for c in changes if c[5].startswith(ROUTINE))
        lines.append((_("What changed and why"), 16, True, theme.TEXT))
        if routine:
            lines.append((_("Since last month: ") + net_words(routine, content), 13, False,
                          theme.MUTED))
        lines += [(line, 13, False, theme.TEXT) for line in grouped_changes(
            [c for c in changes if not c[5].startswith(ROUTINE)], content, _("to"))]
        return lines

    def meter_paragraphs(self) -> list[Paragraph]:
        """Where the meters stood at the end of the month shown."""
        content = self.session.engine.content
        values = self.meters[self.index]
        lines: list[Paragraph] = [(_("At the end of the month"), 16, True, theme.TEXT)]
        for meter in ("trust", "polls.amlo", "polls.trump"):
            lines.append((f"{meter_text(meter, content)}: {values[meter]}", 15, True,
                          theme.TEXT))
        for front in FRONTS:
            lines.append((_("{front}: tension {tension}, agreement {step}").format(
                front=front_text(front).capitalize(), tension=values[f"tension.{front}"],
                step=agreement_text(values[f"agreement.{front}"])), 14, False, theme.TEXT))
        return lines

    def trace_words(self) -> str:
        """The month shown, for the trace file."""
        return f"month {self.index + 1} of {len(self.records)}"

    def draw(self, surface: pygame.Surface) -> None:
        """The month shown: what happened on the left, the meters on the right."""
        w, h = self.app.size
        m = round(20 * self.s)
        record = self.records[self.index]
        title = _("Replay · turn {turn} of {count} · {month}").format(
            turn=self.index + 1, count=len(self.records),
            month=month_words(month_index(record["month"])))
        draw.text(surface, title, pygame.Rect(m, m, w - 2 * m, self.px(36)), self.px(24),
                  theme.TEXT, bold=True, max_lines=1, shrink=True)
        top = m + self.px(44)
        bottom = h - round(42 * self.s) - 32
        # Three columns, each alone: a long list of changes never shrinks the story.
        third = (w - 4 * m) * 3 // 8
        left = pygame.Rect(m, top, third, bottom - top)
        middle = pygame.Rect(left.right + m, top, third, bottom - top)
        right = pygame.Rect(middle.right + m, top, w - middle.right - 2 * m, bottom - top)
        for rect, paragraphs, scroll in zip(
                (left, middle, right), (self.month_paragraphs(), self.change_paragraphs(),
                                        self.meter_paragraphs()), self.columns, strict=True):
            draw.panel(surface, rect)
            scroll.column(surface, rect.inflate(-2 * m, -2 * m), paragraphs, self.s)
