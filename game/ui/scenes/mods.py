"""The mods: the packs in the mods folder, what each adds, changes and removes, its
problems, and a switch to turn each on or off.

The list shows at once from the mods' manifests; what each changes and its problems
come from one load of the base game with every mod, on another thread (a message wakes
the window when it ends). Turning a mod on or off loads the game's content again behind
this screen, so the next new game plays with it.
"""

from __future__ import annotations

import threading
from functools import partial

import pygame

from game.content.mods import Mod, installed, set_on, survey
from game.i18n import _, pgettext
from game.paths import mods_dir
from game.ui import browser, draw, theme
from game.ui.app import App
from game.ui.focus import Focusable
from game.ui.loader import MODS_CHECKED, ContentLoader
from game.ui.router import Pop
from game.ui.scene import Action, Outcome, Scene
from game.ui.widgets import modrow
from game.ui.widgets import saverow as rows
from game.ui.widgets.rowlist import RowList
from game.ui.widgets.saverow import DETAIL_PX, SMALL_PX


class ModsScene(Scene):
    """See the installed mods; turn one on or off."""

    name = "mods"

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.folder = mods_dir()
        self.mods: list[Mod] = installed(self.folder)
        self.checked = False
        self.selected = 0
        self.view = RowList()
        self.thread = threading.Thread(target=self.check, name="mods-check", daemon=True)
        self.thread.start()

    def check(self) -> None:
        """Load the base game with every mod, to say what each changes and what is wrong."""
        checked = survey(self.folder)
        on = {mod.folder: mod.on for mod in self.mods}  # a switch pressed meanwhile counts
        for mod in checked:
            mod.on = on.get(mod.folder, mod.on)
        self.mods, self.checked = checked, True
        pygame.event.post(pygame.event.Event(MODS_CHECKED))

    def wait(self) -> None:
        """Wait until the mods have been checked (screenshots and tests)."""
        self.thread.join()

    # layout -----------------------------------------------------------------

    def layout(self) -> dict[str, pygame.Rect]:
        """Heading, folder line, list panel, notice and buttons (as the saved games)."""
        return rows.screen_layout(self.app.size, self.s, self.notice)

    def measure(self, width: int) -> list[int]:
        """Each row's height at a row width."""
        return [modrow.row_height(mod, self.checked, width, self.s) for mod in self.mods]

    def row_rect(self, index: int) -> pygame.Rect:
        """Where row `index` is drawn (empty when out of view)."""
        return self.view.rect_of(self.layout()["panel"], index)

    def bottom_buttons(self) -> list[tuple[str, Action, str, pygame.Rect]]:
        """Back, Open the folder and Turn on/off, from the right."""
        buttons = self.layout()["buttons"]
        fnt = theme.font(self.px(16), True)
        chosen = self.mods[self.selected] if self.mods else None
        switch = _("Turn off  (Space)") if chosen is not None and chosen.on else \
            _("Turn on  (Space)")
        out: list[tuple[str, Action, str, pygame.Rect]] = []
        x = buttons.right
        shown = ((_("Back  (Esc)"), Pop, "back"),
                 (_("Open the folder  (O)"), self.open_folder, "folder"),
                 (switch, self.toggle, "toggle"))
        for label, action, name in shown if self.mods else shown[:2]:
            bw = max(round(150 * self.s), fnt.size(label)[0] + round(36 * self.s))
            x -= bw
            out.append((label, action, name, pygame.Rect(x, buttons.y, bw, buttons.height)))
            x -= round(12 * self.s)
        return out

    def build(self) -> None:
        self.view.fit(self.layout()["panel"], self.measure, round(8 * self.s))
        self.view.show(self.layout()["panel"], self.selected)
        for label, action, name, rect in self.bottom_buttons():
            self.button(rect, label, action, name=name)
        items = {item.name: item for item in self.focus.items}
        self.focus.clear()
        for index in range(len(self.mods)):
            self.focus.add(Focusable(partial(self.row_rect, index), self.toggle,
                                     name=f"row-{index}"))
        for name in ("toggle", "folder", "back"):
            if name in items:
                self.focus.add(items[name])
        self.focus.focus(f"row-{self.selected}" if self.mods else "folder")

    # actions ----------------------------------------------------------------

    def select(self, index: int) -> None:
        """Choose row `index` (clamped) and show it."""
        if self.mods:
            self.selected = max(0, min(index, len(self.mods) - 1))
            self.rebuild()  # the switch's words follow the row
            self.focus.focus(f"row-{self.selected}")
            self.app.dirty = True

    def toggle(self) -> None:
        """Turn the chosen mod on or off, and load the game's content again."""
        if not self.mods:
            return
        mod = self.mods[self.selected]
        try:
            set_on(mod.folder.name, not mod.on, self.folder)
        except OSError as exc:
            self.notice = _("Could not change the mods folder: {why}").format(
                why=exc.strerror or exc)
            return
        mod.on = not mod.on
        self.notice = (_("{mod} is on: new games load it after the base game.") if mod.on
                       else _("{mod} is off: new games leave it out.")).format(mod=mod.name)
        self.app.loader = ContentLoader(self.app.loader.given, self.app.loader.mods)
        self.app.loader.start()
        self.select(self.selected)

    def open_folder(self) -> None:
        """Show the mods folder in the system's file browser (made first if need be)."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self.notice = _("Could not make the mods folder: {why}").format(
                why=exc.strerror or exc)
            return
        if not browser.open_in_browser(self.folder.as_uri()):
            self.notice = _("No program here opens folders: the mods folder is {folder}"
                            ).format(folder=self.folder)

    # input ------------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> Outcome:
        """Up and Down choose, Space turns on or off, O opens the folder, Esc goes back."""
        if event.type == MODS_CHECKED:
            self.rebuild()
            self.app.dirty = True
            return True
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                return Pop()
            if event.key == pygame.K_SPACE:
                self.toggle()
                return True
            if event.key == pygame.K_o:
                self.open_folder()
                return True
            moves = {pygame.K_UP: -1, pygame.K_DOWN: 1}
            if event.key in moves:
                self.select(self.selected + moves[event.key])
                return True
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for index, rect in self.view.visible(self.layout()["panel"]):
                if rect.collidepoint(event.pos) and self.mods:
                    self.select(index)
                    return True
        return super().handle(event)

    def trace_words(self) -> str:
        """The chosen mod and whether it is on, for the trace file."""
        if not self.mods:
            return ""
        mod = self.mods[self.selected]
        return f"{mod.folder.name} {'on' if mod.on else 'off'}"

    # drawing ----------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        """Heading, where the mods are kept, the rows (or how to add one), the notice."""
        parts = self.layout()
        draw.text(surface, _("Mods"), parts["heading"], self.px(28), theme.TEXT, bold=True,
                  max_lines=1)
        draw.text(surface, pgettext("mods", "Kept in {folder}").format(folder=self.folder),
                  parts["folder"], self.px(SMALL_PX), theme.MUTED, max_lines=1)
        panel = parts["panel"]
        draw.panel(surface, panel, theme.PANEL)
        if self.mods:
            clip = surface.get_clip()
            surface.set_clip(panel.inflate(-4, -4))
            for index, rect in self.view.visible(panel):
                modrow.draw_mod(surface, rect, self.mods[index], self.checked,
                                index == self.selected, self.s)
            surface.set_clip(clip)
        else:
            draw.fitted(surface, panel.inflate(-2 * round(30 * self.s), -2 * round(30 * self.s)), [
                (_("No mods yet."), 22, True, theme.TEXT),
                (_("A mod is a content pack: a folder with a pack.yaml. Put one in the mods "
                   "folder (Open the folder, below), then come back here. "
                   "python -m game new-pack DIR writes one to start from."), 16, False,
                 theme.MUTED)], self.s)
        if self.notice:
            draw.text(surface, self.notice, parts["notice"], self.px(DETAIL_PX), theme.WARN,
                      max_lines=3)
        left = self.bottom_buttons()[-1][3].x
        buttons = parts["buttons"]
        rows.draw_keys(surface, pygame.Rect(buttons.x, buttons.y - 10,
                                            max(0, left - buttons.x - 20), buttons.height + 20),
                       _("Up and Down choose, Space turns on or off, Esc goes back")
                       if self.mods else _("O opens the folder, Esc goes back"), self.s)
