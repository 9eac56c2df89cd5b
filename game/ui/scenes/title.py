"""The title screen: new game, continue, how to play, quit."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.i18n import _
from game.ui import borderland, draw, theme
from game.ui.router import Push, Quit, Transition
from game.ui.scene import Outcome, Scene

if TYPE_CHECKING:
    from game.persistence.store import SaveInfo


class TitleScene(Scene):
    """The first screen."""

    name = "title"
    emblem = 0  # the flags' size, set when the buttons are laid out

    def latest_autosave(self) -> SaveInfo | None:
        """The newest save in the save folder, if any (None until the content is loaded)."""
        if not self.app.content_ready:
            return None
        from game.persistence.store import list_saves

        saves, _problems = list_saves(self.app.save_dir)
        return saves[0] if saves else None

    def build(self) -> None:
        w = self.app.size[0]
        latest = self.latest_autosave()
        entries = [
            (_("New game"), self.new_game, "new"),
            (_("Join a class game"), self.join_game, "join"),
            (_("Continue"), lambda: self.continue_game(latest) if latest else None, "continue"),
            (_("Saved games"), self.saves, "saves"),
            (_("Settings"), self.settings, "settings"),
            (_("Mods"), lambda: Push(self.app.make("mods")), "mods"),
            (_("How to play  (F1)"), self.help, "help"),
            (_("Quit"), self.quit, "quit"),
        ]
        bw, bh, gap = round(320 * self.s), round(46 * self.s), round(12 * self.s)
        self.emblem, top, columns = self.layout(len(entries))
        rows = -(-len(entries) // columns)
        x0 = (w - columns * bw - (columns - 1) * 2 * gap) // 2
        for i, (label, action, name) in enumerate(entries):
            col, row = divmod(i, rows)
            rect = pygame.Rect(x0 + col * (bw + 2 * gap), top + row * (bh + gap), bw, bh)
            button = self.button(rect, label, action, name=name, focus=name != "continue" or
                                 latest is not None)
            if name == "continue" and latest is None:
                button.disable()  # stays in place, so the menu never jumps

    def layout(self, buttons: int) -> tuple[int, int, int]:
        """The emblems' size, where the buttons start, and in how many columns: one
        column under big emblems if there is room; else two; else smaller emblems."""
        h = self.app.size[1]
        words = round(16 * self.s) + theme.font(self.px(48), True).get_linesize() + \
            theme.font(self.px(20)).get_linesize() + round(20 * self.s)
        room = h - round(h * 0.06) - words - round(70 * self.s)  # the key help below
        row = round(46 * self.s) + round(12 * self.s)
        emblem = round(110 * self.s)
        for columns in (1, 2):
            rows = -(-buttons // columns)
            if emblem + rows * row <= room:
                break
        emblem = max(round(40 * self.s), min(emblem, room - rows * row))
        return emblem, round(h * 0.06) + emblem + words, columns

    def saves(self) -> Transition[Scene]:
        """The list of saved games."""
        return Push(self.app.make("saves"))

    def settings(self) -> Transition[Scene]:
        """Window, text size, animation."""
        return Push(self.app.make("settings"))

    def new_game(self) -> Transition[Scene] | None:
        """Open the new-game screen (once the content is ready)."""
        if self.app.load_content().content is None:
            return None  # the error screen is on its way
        return Push(self.app.make("setup"))

    def join_game(self) -> Transition[Scene] | None:
        """Open the form that takes a seat at a class's game server."""
        if self.app.load_content().content is None:
            return None
        return Push(self.app.make("join"))

    def continue_game(self, info: SaveInfo) -> Transition[Scene] | None:
        """Load the newest save and play on."""
        from game.ui.opening import open_save  # the saves' modules, once they are needed

        return open_save(self.app, info.path)

    def help(self) -> Transition[Scene]:
        """Open the rules."""
        return Push(self.app.make("help"))

    def quit(self) -> Transition[Scene]:
        """Close the game."""
        return Quit()

    def handle(self, event: pygame.event.Event) -> Outcome:
        """F1 opens help; Esc quits from the title."""
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_F1:
                return self.help()
            if event.key == pygame.K_ESCAPE:
                return self.quit()
        return super().handle(event)

    def draw(self, surface: pygame.Surface) -> None:
        """The border behind it all; the two flags, the title and the subtitle."""
        w, h = self.app.size
        borderland.draw_backdrop(surface, pygame.Rect(0, 0, w, h), 0.8, places=False)
        top = round(h * 0.06)
        size = self.emblem  # as laid out with the buttons
        gap = round(40 * self.s)
        if self.app.content_if_loaded is not None:
            for i, side in enumerate(("amlo", "trump")):
                leader = self.app.content.leaders[side]
                x = w // 2 - gap // 2 - size if i == 0 else w // 2 + gap // 2
                draw.badge(surface, pygame.Rect(x, top, size, size), leader.emblem)
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
