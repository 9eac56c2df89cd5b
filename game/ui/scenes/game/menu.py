"""The game's menu, over the board: resume, save (under a name, if one is typed),
settings, the rules, and back to the title."""

from __future__ import annotations

import pygame
import pygame_gui

from game.i18n import _
from game.ui import draw, theme
from game.ui.app import App
from game.ui.focus import Focusable
from game.ui.router import Pop, Push, Reset, Transition
from game.ui.scene import Outcome, Scene
from game.ui.scenes.game.keys import game_input
from game.ui.table import Table

BUTTONS = 5


class MenuOverlay(Scene):
    """Esc opens it from the board or the news; Esc closes it."""

    name = "menu"
    overlay = True

    def __init__(self, app: App, table: Table) -> None:
        super().__init__(app)
        self.table = table
        self.save_name: pygame_gui.elements.UITextEntryLine | None = None
        self.typed = ""  # kept when the menu is laid out again (a resize)

    def box(self) -> pygame.Rect:
        """The menu box, as tall as its name box and buttons need."""
        w, h = self.app.size
        bw = max(round(w * 0.4), round(360 * self.s))
        bh = round(70 * self.s) + round(52 * self.s) + BUTTONS * round(56 * self.s) + \
            round(20 * self.s)
        return pygame.Rect((w - bw) // 2, max(0, (h - bh) // 2), bw, min(h, bh))

    def build(self) -> None:
        box = self.box()
        bw = box.width - 60
        y = box.y + round(70 * self.s)
        # A name for the save, if the player wants one (else it is named by the month).
        entry = pygame_gui.elements.UITextEntryLine(
            pygame.Rect(box.x + 30, y, bw, round(40 * self.s)), manager=self.app.manager,
            placeholder_text=_("Name for the save (optional)"))
        entry.set_text_length_limit(40)
        if self.typed:
            entry.set_text(self.typed)
        self.save_name = entry
        self.elements.append(entry)
        y += round(52 * self.s)
        for label, action, name in (
            (_("Resume  (Esc)"), Pop, "resume"),
            (_("Save  (Ctrl+S)"), self.save, "save"),
            (_("Settings"), lambda: Push(self.app.make("settings")), "settings"),
            (_("How to play  (F1)"), lambda: Push(self.app.make("help")), "help"),
            (_("Quit to title"), self.to_title, "title"),
        ):
            self.button(pygame.Rect(box.x + 30, y, bw, round(44 * self.s)), label, action,
                        name=name)
            y += round(56 * self.s)
        # Reached by Tab after the buttons: Resume stays first, as Esc opened it.
        self.focus.add(Focusable(lambda: entry.rect, entry.focus, name="save-name"))

    def teardown(self) -> None:
        if self.save_name is not None:
            self.typed = self.save_name.get_text()
            self.save_name = None
        super().teardown()

    def save(self) -> Transition[Scene]:
        """Save under the name typed (or one made from the month), then resume."""
        typed = self.save_name.get_text() if self.save_name is not None else self.typed
        self.table.notice = self.table.save(typed)
        return Pop()

    def to_title(self) -> Transition[Scene]:
        """Leave to the title screen (the game is autosaved as well)."""
        self.table.session.save("autosave")
        return Reset(self.app.make("title"))

    def handle(self, event: pygame.event.Event) -> Outcome:
        """Enter in the name box saves under that name; Esc resumes."""
        if (event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and self.save_name is not None
                and event.ui_element is self.save_name):
            return self.save()
        shared = game_input(self.app, self.table, event)
        if shared is not None:
            return shared
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            return Pop()
        return super().handle(event)

    def draw(self, surface: pygame.Surface) -> None:
        """The box and its heading (the buttons are pygame_gui's)."""
        box = self.box()
        draw.panel(surface, box, theme.PANEL, theme.ACCENT, 2)
        draw.text(surface, _("Menu"), pygame.Rect(box.x + 30, box.y + 20, box.width - 60,
                                                  self.px(36)),
                  self.px(22), theme.TEXT, bold=True, max_lines=1)


__all__ = ["MenuOverlay"]
