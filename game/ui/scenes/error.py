"""Shown instead of the title when the content does not validate: never a crash."""

from __future__ import annotations

import pygame

from game.content.diagnostics import Diagnostic
from game.i18n import _
from game.ui import draw, theme
from game.ui.router import Quit
from game.ui.scene import Outcome, Scene


class ErrorScene(Scene):
    """The content's diagnostics, as `validate` prints them."""

    name = "error"

    def __init__(self, app: object, errors: list[Diagnostic]) -> None:
        super().__init__(app)  # type: ignore[arg-type]
        self.errors = errors
        self.first = 0

    def build(self) -> None:
        w, h = self.app.size
        bw, bh = round(200 * self.s), round(44 * self.s)
        self.button(pygame.Rect(w - bw - 30, h - bh - 24, bw, bh), _("Quit"), self.quit)

    def quit(self) -> Quit:
        """Close the game."""
        return Quit()

    def handle(self, event: pygame.event.Event) -> Outcome:
        """Arrows scroll the list; Esc quits."""
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                return self.quit()
            if event.key in (pygame.K_DOWN, pygame.K_PAGEDOWN):
                self.first = min(len(self.errors) - 1, self.first + 1)
                return True
            if event.key in (pygame.K_UP, pygame.K_PAGEUP):
                self.first = max(0, self.first - 1)
                return True
        if event.type == pygame.MOUSEWHEEL:
            self.first = max(0, min(len(self.errors) - 1, self.first - event.y))
            return True
        return super().handle(event)

    def draw(self, surface: pygame.Surface) -> None:
        """Heading, explanation and one line per diagnostic."""
        w, h = self.app.size
        y = 30
        y += draw.text(surface, _("The game content has errors"), pygame.Rect(40, y, w - 80, 60),
                       self.px(30), theme.BAD, bold=True)
        y += draw.text(surface, _("The game cannot start until they are fixed. Each line names "
                                  "the file, line and column; `python -m game validate` prints "
                                  "the same list."), pygame.Rect(40, y + 8, w - 80, 80),
                       self.px(17), theme.MUTED) + 20
        bottom = h - round(90 * self.s)
        for diagnostic in self.errors[self.first:]:
            used = draw.text(surface, diagnostic.format(), pygame.Rect(40, y, w - 80, bottom - y),
                             self.px(15), theme.TEXT)
            y += used + 8
            if y >= bottom:
                break
        draw.text(surface, _("{n} errors").format(n=len(self.errors)),
                  pygame.Rect(40, h - round(60 * self.s), 400, 40), self.px(16), theme.MUTED)
