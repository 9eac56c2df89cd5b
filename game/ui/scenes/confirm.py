"""A question over the screen that asked it: do this, or keep things as they are.

Y (or Enter on the yes button) does it, N or Esc cancels; either way the screen below
comes back. Used before anything that cannot be undone, such as deleting a save.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.i18n import _
from game.ui import draw, theme
from game.ui.app import App
from game.ui.router import Pop, Transition
from game.ui.scene import Outcome, Scene


class ConfirmOverlay(Scene):
    """`heading` and `message`, a yes button called `yes` and Cancel."""

    name = "confirm"
    overlay = True

    def __init__(self, app: App, heading: str, message: str, yes: str,
                 on_yes: Callable[[], None], yes_keys: tuple[int, ...] = ()) -> None:
        super().__init__(app)
        self.heading, self.message, self.yes = heading, message, yes
        self.on_yes = on_yes
        self.yes_keys = (pygame.K_y, *yes_keys)

    def layout(self) -> tuple[pygame.Rect, pygame.Rect]:
        """The box and its row of buttons, as tall as the words need."""
        w, h = self.app.size
        bw = min(w - 80, round(620 * self.s))
        pad = round(24 * self.s)
        inner_w = bw - 2 * pad
        text_h = (draw.text_height(self.heading, inner_w, self.px(22), True)
                  + draw.text_height(self.message, inner_w, self.px(16)) + round(12 * self.s))
        bh = round(44 * self.s)
        height = min(h - 40, pad + text_h + pad + bh + pad)
        box = pygame.Rect((w - bw) // 2, (h - height) // 2, bw, height)
        return box, pygame.Rect(box.x + pad, box.bottom - pad - bh, box.width - 2 * pad, bh)

    def build(self) -> None:
        _box, buttons = self.layout()
        fnt = theme.font(self.px(16), True)
        pad = round(36 * self.s)
        x = buttons.right
        for label, action, name in ((_("Cancel  (N)"), Pop, "cancel"),
                                    (self.yes, self.confirm, "confirm")):
            bw = max(round(140 * self.s), fnt.size(label)[0] + pad)
            x -= bw
            self.button(pygame.Rect(x, buttons.y, bw, buttons.height), label, action, name=name)
            x -= round(12 * self.s)
        self.focus.items.reverse()  # yes first, then Cancel
        self.focus.focus("confirm")

    def confirm(self) -> Transition[Scene]:
        """Do it, and close the question."""
        self.on_yes()
        return Pop()

    def handle(self, event: pygame.event.Event) -> Outcome:
        """Y (and the yes keys) confirm, N or Esc cancel."""
        if event.type == pygame.KEYDOWN:
            if event.key in self.yes_keys:
                return self.confirm()
            if event.key in (pygame.K_n, pygame.K_ESCAPE):
                return Pop()
        return super().handle(event)

    def draw(self, surface: pygame.Surface) -> None:
        """The question and what it means."""
        box, buttons = self.layout()
        draw.panel(surface, box, theme.PANEL, theme.ACCENT, 2)
        pad = round(24 * self.s)
        body = pygame.Rect(box.x + pad, box.y + pad, box.width - 2 * pad,
                           buttons.y - box.y - 2 * pad)
        y = body.y
        y += draw.text(surface, self.heading, pygame.Rect(body.x, y, body.width, body.bottom - y),
                       self.px(22), theme.TEXT, bold=True) + round(12 * self.s)
        draw.text(surface, self.message, pygame.Rect(body.x, y, body.width,
                                                     max(0, body.bottom - y)),
                  self.px(16), theme.MUTED)


__all__ = ["ConfirmOverlay"]
