"""The month resolved, over the lower half of the board (whose meters slide above it):
both cards side by side, what they did together, every change with its cause."""

from __future__ import annotations

import pygame

from game.core.orders import PlayCard
from game.core.state import SIDES
from game.i18n import _
from game.ui import draw, theme
from game.ui.app import App
from game.ui.draw import Paragraph
from game.ui.router import Pop, Transition
from game.ui.scene import Outcome, Scene
from game.ui.scenes.game.keys import game_input
from game.ui.table import Table
from game.ui.widgets import board as panels
from game.ui.widgets.scroll import Scroll
from game.wording import explain, stance_text


class ResolutionOverlay(Scene):
    """What the month's two moves did; Continue (or Esc) goes on to the next month."""

    name = "resolution"
    overlay = True
    shades = False  # the board stays bright: its meters move

    def __init__(self, app: App, table: Table) -> None:
        super().__init__(app)
        self.table = table
        self.words, self.changes = Scroll(), Scroll()  # scrolled when a larger text needs
        self.reveal = 0.0  # how far both cards have turned over: 0 face down, 1 face up

    def box(self) -> pygame.Rect:
        """The lower half of the board, under the meters that move."""
        return self.table.layout.get("lower") or \
            panels.board_layout(self.app.size, self.s)["lower"]

    def build(self) -> None:
        box = self.box()
        bh, bw = round(34 * self.s), round(240 * self.s)
        self.button(pygame.Rect(box.right - bw - 14, box.bottom - bh - 12, bw, bh),
                    _("Continue  (Enter)"), self.close, name="continue")

    def update(self, dt: float) -> bool:
        """Turn both cards over together (at once with animation off), sounding as they
        start to turn; True meanwhile."""
        if self.reveal >= 1:
            return False
        if self.reveal == 0:
            self.app.sounds.play("reveal")
        seconds = self.app.settings.animation_seconds * 0.75
        self.reveal = 1.0 if seconds <= 0 else min(1.0, self.reveal + dt / seconds)
        self.app.dirty = True
        return True

    def close(self) -> Transition[Scene]:
        """Back to the board, which opens the next month (or the end)."""
        self.table.resolving = False
        return Pop()

    def handle(self, event: pygame.event.Event) -> Outcome:
        """Esc continues too; the wheel and the page keys scroll a long list."""
        shared = game_input(self.app, self.table, event, (self.words, self.changes))
        if shared is not None:
            return shared
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            return self.close()
        return super().handle(event)

    def changes_text(self, first: int) -> list[str]:
        """The month's changes from ledger entry `first`, one per line, with causes."""
        table = self.table
        return explain(table.state.ledger[first:], table.content, arrow=_("to"))

    def draw(self, surface: pygame.Surface) -> None:
        """Both cards side by side, the interaction named, every change with its cause."""
        table = self.table
        result = table.last_resolved
        box = self.box()
        draw.panel(surface, box, theme.PANEL, theme.ACCENT, 2)
        if result is None:
            return
        pad = round(14 * self.s)
        left = pygame.Rect(box.x + pad, box.y + pad, round(box.width * 0.42), box.height - 2 * pad)
        card_h = min(round(left.height * 0.46), self.move_height())
        half = (left.width - pad) // 2
        for i, side in enumerate(SIDES):
            order = result.orders[side]
            title = (table.content.cards[order.card].title if isinstance(order, PlayCard)
                     else _("Held"))
            self.draw_move(surface, pygame.Rect(left.x + i * (half + pad), left.y, half, card_h),
                           side, table.engine.stance(order), title)
        if self.reveal < 1:
            return  # what the cards did together shows once both are face up
        interaction = next((i for i in table.content.rules.interactions
                            if i.id == result.interaction), None)
        if interaction is not None:
            words: list[Paragraph] = [(interaction.title, 19, True, theme.ACCENT),
                                      (interaction.text, 15, False, theme.TEXT)]
        else:
            words = [(_("No interaction: at least one side looked inward."), 16, True,
                      theme.MUTED)]
        y = left.y + card_h + pad
        self.words.column(surface, pygame.Rect(left.x, y, left.width, left.bottom - y), words,
                          self.s)
        right = pygame.Rect(left.right + 2 * pad, box.y + pad, box.right - left.right - 3 * pad,
                            box.height - 2 * pad - round(50 * self.s))
        lines: list[Paragraph] = [(_("What changed and why"), 16, True, theme.TEXT)]
        lines += [(line, 14, False, theme.TEXT) for line in self.changes_text(
            result.first_change)]
        self.changes.column(surface, right, lines, self.s)
        if table.notice:  # a save that failed, say
            draw.text(surface, table.notice, pygame.Rect(right.x, right.bottom + 4, right.width
                                                         - round(260 * self.s), self.px(40)),
                      self.px(14), theme.WARN, max_lines=2, shrink=True)

    def move_height(self) -> int:
        """How tall a move's panel must be: the leader, the stance, two lines of title."""
        line = theme.font(self.px(13), True).get_linesize()
        return 12 + line + theme.font(self.px(14), True).get_linesize() + \
            2 * theme.font(self.px(16), True).get_linesize() + 8

    def draw_move(self, surface: pygame.Surface, rect: pygame.Rect, side: str, stance: str,
                  title: str) -> None:
        """One leader's move, turning over: its back (his flag) narrowing to an edge, then
        its face widening: his name, the stance (shape and word), the card."""
        if self.reveal >= 1:
            self.draw_face(surface, rect, side, stance, title)
            return
        face = self.reveal >= 0.5
        card = pygame.Surface(rect.size, pygame.SRCALPHA)
        local = pygame.Rect((0, 0), rect.size)
        if face:
            self.draw_face(card, local, side, stance, title)
        else:
            draw.panel(card, local, theme.PANEL, theme.ACCENT, 2)
            size = min(local.width, local.height) * 2 // 3
            draw.badge(card, pygame.Rect(0, 0, size, size).move(
                (local.width - size) // 2, (local.height - size) // 2),
                self.table.content.leaders[side].emblem)
        width = max(1, round(rect.width * abs(self.reveal * 2 - 1)))
        turned = pygame.transform.smoothscale(card, (width, rect.height))
        surface.blit(turned, (rect.centerx - width // 2, rect.y))

    def draw_face(self, surface: pygame.Surface, rect: pygame.Rect, side: str, stance: str,
                  title: str) -> None:
        """A move face up: his name, the stance (shape and word), the card."""
        draw.panel(surface, rect, theme.PANEL_HI)
        inner = rect.inflate(-16, -12)
        y = inner.y
        y += draw.text(surface, self.table.content.leaders[side].short.upper(),
                       pygame.Rect(inner.x, y, inner.width, self.px(22)), self.px(13),
                       theme.MUTED, bold=True, max_lines=1)
        r = round(8 * self.s)
        draw.stance_icon(surface, stance, (inner.x + r, y + r + 3), r)
        y += draw.text(surface, stance_text(stance), pygame.Rect(inner.x + 2 * r + 8, y,
                                                       inner.width - 2 * r - 8, self.px(22)),
                       self.px(14), theme.STANCE_COLOUR[stance], bold=True, max_lines=1,
                       shrink=True)
        draw.text(surface, title, pygame.Rect(inner.x, y, inner.width, inner.bottom - y),
                  self.px(16), theme.TEXT, bold=True, max_lines=3, shrink=True)


__all__ = ["ResolutionOverlay"]
