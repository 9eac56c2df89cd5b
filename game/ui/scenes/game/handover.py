"""Handing the computer over, when two play at one computer ("hot-seat").

An opaque screen between one seat's screens and the other's: it is not an overlay, so
nothing of the board below (the last player's hand, the card he looked at) is drawn
under it. In the incoming seat's language it asks for the computer to be passed to that
seat's player, who then shows his own screens with Enter or the button. It comes before
each seat's card and before a decision on the news that belongs to the other seat.
"""

from __future__ import annotations

import pygame

from game.i18n import Translator, _, language
from game.ui import borderland, draw, theme
from game.ui.app import App
from game.ui.router import Pop, Push, Transition
from game.ui.scene import Outcome, Scene
from game.ui.scenes.game.keys import game_input
from game.ui.table import Table
from game.wording import month_words


class HandoverScene(Scene):
    """"Pass the computer to the player of Trump", until that player says he is there."""

    name = "handover"

    def __init__(self, app: App, table: Table, side: str) -> None:
        super().__init__(app)
        self.table = table
        self.side = side  # the seat the computer goes to

    def voice(self) -> Translator | None:
        """The incoming seat's language (the window's, unless he chose another): never
        that of the seat at the board below."""
        return self.table.voices.get(self.side) or self.app.translator

    def deciding(self) -> bool:
        """The computer goes to the seat for a decision on the news (else for its card)."""
        return self.side in self.table.state.pending

    # layout -------------------------------------------------------------------------

    def layout(self) -> dict[str, pygame.Rect]:
        """The centred panel, as tall as its words need, and its parts top to bottom: the
        month, the leader's badge, whom to pass the computer to, why, and the button."""
        w, h = self.app.size
        pad, gap = round(28 * self.s), round(14 * self.s)
        bw = min(w - 2 * round(40 * self.s), max(round(w * 0.6), round(600 * self.s)))
        inner_w = bw - 2 * pad
        heights = {"month": theme.font(self.px(14), True).get_linesize(),
                   "badge": round(96 * self.s),
                   "heading": min(2 * theme.font(self.px(28), True).get_linesize(),
                                  draw.text_height(self.heading(), inner_w, self.px(28), True)),
                   "why": draw.text_height(self.why(), inner_w, self.px(17)),
                   "button": round(46 * self.s)}
        total = 2 * pad + sum(heights.values()) + gap * (len(heights) - 1) + gap
        box = pygame.Rect((w - bw) // 2, max(0, (h - total) // 2), bw, min(h, total))
        parts = {"box": box}
        y = box.y + pad
        for part, height in heights.items():
            if part == "button":  # a little further from the words
                y = max(y + gap, box.bottom - pad - height)
            parts[part] = pygame.Rect(box.x + pad, y, inner_w, height)
            y += height + gap
        return parts

    def label(self) -> str:
        """The button's words, naming the incoming player."""
        name = self.table.content.leaders[self.side].short
        return (_("I am the player of {name} — show the decision  (Enter)") if self.deciding()
                else _("I am the player of {name} — show my hand  (Enter)")).format(name=name)

    def heading(self) -> str:
        """Whom to pass the computer to."""
        return _("Pass the computer to the player of {name}").format(
            name=self.table.content.leaders[self.side].short)

    def build(self) -> None:
        row = self.layout()["button"]
        label = self.label()
        bw = min(row.width, theme.font(self.px(16), True).size(label)[0] + round(48 * self.s))
        self.button(pygame.Rect(row.centerx - bw // 2, row.y, bw, row.height), label, self.take,
                    name="take")
        self.focus.focus("take")

    # flow ---------------------------------------------------------------------------

    def take(self) -> Transition[Scene]:
        """The incoming player is at the computer: back to the board, now his."""
        self.table.sit(self.side)
        return Pop()

    def handle(self, event: pygame.event.Event) -> Outcome:
        """Enter or Space shows the incoming player's screens; Esc opens the menu (to save
        or leave); Ctrl+S saves, F1 the rules."""
        shared = game_input(self.app, self.table, event)
        if shared is not None:
            return shared
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            return Push(self.app.make("menu", self.table))
        return super().handle(event)

    def trace_words(self) -> str:
        """The incoming seat and its language, for the trace file."""
        return f"{self.side} {language()}"

    # drawing ------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        """Opaque: the border faint behind a panel with the incoming leader's badge, whom to
        pass the computer to, and why."""
        w, h = self.app.size
        surface.fill(theme.BG)  # nothing of the screen before shows through
        borderland.draw_backdrop(surface, pygame.Rect(0, 0, w, h), 0.4, places=False)
        table = self.table
        parts = self.layout()
        draw.panel(surface, parts["box"], theme.PANEL, theme.ACCENT, 2)
        draw.text(surface, table.month_label(), parts["month"], self.px(14), theme.MUTED,
                  bold=True, align="center", max_lines=1, shrink=True)
        draw.badge(surface, parts["badge"], table.content.leaders[self.side].emblem)
        draw.text(surface, self.heading(), parts["heading"], self.px(28), theme.TEXT, bold=True,
                  align="center", max_lines=2, shrink=True)
        draw.text(surface, self.why(), parts["why"], self.px(17), theme.TEXT, align="center")
        if table.notice:  # "Saved as …", after Ctrl+S
            box = parts["box"]
            draw.text(surface, table.notice, pygame.Rect(box.x, box.bottom + 6, box.width,
                                                         self.px(22)),
                      self.px(14), theme.WARN, align="center", max_lines=1, shrink=True)

    def why(self) -> str:
        """What the incoming player is to do, and what the other does meanwhile."""
        table = self.table
        name = table.content.leaders[self.side].short
        if self.deciding():
            event = table.content.events.get(table.state.event or "")
            return _("{name} has a decision to make on the news: {title}.").format(
                name=name, title=event.title if event is not None else "")
        return _("{name} chooses a card for {month}. The other player looks away until both "
                 "cards are revealed together.").format(
            name=name, month=month_words(table.state.month))


__all__ = ["HandoverScene"]
