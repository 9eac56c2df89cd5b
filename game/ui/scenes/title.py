"""The title screen: new game, continue, how to play, quit."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.i18n import _
from game.ui import draw, theme
from game.ui.app import Scene

if TYPE_CHECKING:
    from game.persistence.store import SaveInfo


class TitleScene(Scene):
    """The first screen."""

    name = "title"

    def latest_autosave(self) -> SaveInfo | None:
        """The newest save in the save folder, if any (None until the content is loaded)."""
        if not self.app.content_ready:
            return None
        from game.persistence.store import list_saves

        saves, _problems = list_saves(self.app.save_dir)
        return saves[0] if saves else None

    def build(self) -> None:
        w, h = self.app.size
        bw, bh = round(340 * self.s), round(48 * self.s)
        x = (w - bw) // 2
        y = round(h * 0.42)
        entries = [(_("New game"), self.new_game, "new")]
        latest = self.latest_autosave()
        if latest is not None:
            entries.append((_("Continue"), lambda: self.continue_game(latest), "continue"))
        entries += [
            (_("How to play  (F1)"), self.help, "help"),
            (_("Quit"), self.quit, "quit"),
        ]
        for label, action, name in entries:
            self.button(pygame.Rect(x, y, bw, bh), label, action, name=name)
            y += bh + round(14 * self.s)

    def new_game(self) -> None:
        """Open the new-game screen (once the content is ready)."""
        from game.ui.scenes.setup import SetupScene

        if self.app.load_content().content is None:
            return  # the error screen is on its way
        self.app.push(SetupScene(self.app))

    def continue_game(self, info: SaveInfo) -> None:
        """Load the newest save and play on."""
        from game.ui.scenes.game import open_save

        open_save(self.app, info.path)

    def help(self) -> None:
        """Open the rules."""
        from game.ui.scenes.help import HelpScene

        self.app.push(HelpScene(self.app))

    def quit(self) -> None:
        """Close the game."""
        self.app.running = False

    def handle(self, event: pygame.event.Event) -> bool:
        """F1 opens help; Esc quits from the title."""
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_F1:
                self.help()
                return True
            if event.key == pygame.K_ESCAPE:
                self.quit()
                return True
        return super().handle(event)

    def draw(self, surface: pygame.Surface) -> None:
        """Title, subtitle and the two emblems."""
        w, h = self.app.size
        top = round(h * 0.08)
        size = round(110 * self.s)
        gap = round(40 * self.s)
        if self.app.content_ready and self.app._content is not None:
            for i, side in enumerate(("amlo", "trump")):
                leader = self.app.content.leaders[side]
                x = w // 2 - gap // 2 - size if i == 0 else w // 2 + gap // 2
                draw.emblem(surface, pygame.Rect(x, top, size, size), leader.emblem.initials,
                            leader.emblem.colors)
        y = top + size + round(16 * self.s)
        y += draw.text(surface, _("Unlikely Allies"), pygame.Rect(0, y, w, round(70 * self.s)),
                       self.px(48), theme.TEXT, bold=True, align="center")
        draw.text(surface, _("Mexico and the United States, December 2018 – November 2020"),
                  pygame.Rect(40, y, w - 80, round(34 * self.s)), self.px(20), theme.MUTED,
                  align="center")
        if self.notice:
            draw.text(surface, self.notice, pygame.Rect(40, h - round(90 * self.s), w - 80,
                                                        round(44 * self.s)),
                      self.px(15), theme.WARN, align="center", max_lines=2)
        draw.text(surface, _("Tab or arrows to move, Enter to choose, F1 for help"),
                  pygame.Rect(40, h - round(40 * self.s), w - 80, round(30 * self.s)),
                  self.px(15), theme.MUTED, align="center")
