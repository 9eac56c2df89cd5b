"""Saved games: the saves in the save folder, newest first, to load or delete.

Each save is a row: its label and when it was saved, then the scenario, the
side the player led, the turn and month, and whether the game is finished.
Files that cannot be read are listed too, with the reason, and cannot be
loaded. Deleting asks first (the confirm overlay) and removes the `.bak` copy too.
"""

from __future__ import annotations

from functools import partial

import pygame
import pygame_gui

from game.i18n import _
from game.persistence.store import SaveInfo, SaveProblem, delete_save, has_backup, list_saves
from game.ui import draw, theme
from game.ui.app import App
from game.ui.focus import Focusable
from game.ui.opening import open_save
from game.ui.router import Pop, Push, Transition
from game.ui.scene import Action, Outcome, Scene
from game.ui.widgets import saverow as rows
from game.ui.widgets.rowlist import RowList
from game.ui.widgets.saverow import DETAIL_PX, SMALL_PX
from game.wording import (
    damaged_words,
    delete_question,
    save_details,
    save_name,
    saved_time,
)

Row = SaveInfo | SaveProblem

DOUBLE_CLICK_MS = 400


def clock_ms() -> int:
    """Milliseconds since the window opened (tests set the clock here)."""
    return pygame.time.get_ticks()


def row_name(row: Row) -> str:
    """The name of a row: a save's label, or a damaged file's name."""
    if isinstance(row, SaveInfo):
        return save_name(row.header.label, row.path.stem)
    return row.path.name


class SavesScene(Scene):
    """Load or delete a saved game."""

    name = "saves"

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.saves: list[SaveInfo] = []
        self.problems: list[SaveProblem] = []
        self.selected = 0
        self.view = RowList()  # which rows are in view
        self.measured_notice = ""
        self.load_button: pygame_gui.elements.UIButton | None = None
        self.delete_button: pygame_gui.elements.UIButton | None = None
        self.last_click = (-1, -DOUBLE_CLICK_MS)
        self.refresh()

    # data -------------------------------------------------------------------

    @property
    def rows(self) -> list[Row]:
        """Saves newest first, then the files that cannot be read."""
        return [*self.saves, *self.problems]

    def refresh(self) -> None:
        """Read the save folder again."""
        self.saves, problems = list_saves(self.app.save_dir)
        self.problems = sorted(problems, key=lambda p: p.path.name)
        self.selected = max(0, min(self.selected, len(self.rows) - 1))

    def details(self, info: SaveInfo) -> str:
        """Scenario, side, turn and month of a save (and its ending when finished)."""
        self.app.load_content()  # waits for it if it is still loading
        return save_details(info.header, self.app.content_if_loaded)

    # layout -----------------------------------------------------------------

    def layout(self) -> dict[str, pygame.Rect]:
        """Heading, list panel, notice line, key help and buttons."""
        return rows.screen_layout(self.app.size, self.s, self.notice)

    def inner(self) -> pygame.Rect:
        """The part of the list panel rows are drawn in."""
        return self.view.inner(self.layout()["panel"])

    def measure(self, width: int) -> list[int]:
        """The height of every row at a row width."""
        return [rows.row_height(self.details(row) if isinstance(row, SaveInfo) else
                                row.briefly(), width, self.s) for row in self.rows]

    def measure_all(self) -> None:
        """Row heights for the current size; whether they need a scroll bar."""
        self.measured_notice = self.notice
        self.view.fit(self.layout()["panel"], self.measure, round(8 * self.s))

    def visible(self) -> list[tuple[int, pygame.Rect]]:
        """The rows in view, with their rectangles."""
        return self.view.visible(self.layout()["panel"])

    def row_rect(self, index: int) -> pygame.Rect:
        """Where row `index` is drawn; an empty rectangle when it is out of view."""
        return self.view.rect_of(self.layout()["panel"], index)

    def scroll_into_view(self) -> None:
        """Move the view so that the selected row shows."""
        self.view.show(self.layout()["panel"], self.selected)

    def bottom_buttons(self) -> list[tuple[str, Action, str, pygame.Rect]]:
        """Back, Delete and Load, from the right: label, action, name, rectangle."""
        buttons = self.layout()["buttons"]
        fnt = theme.font(self.px(16), True)
        pad = round(36 * self.s)
        out = []
        x = buttons.right
        for label, action, name in ((_("Back  (Esc)"), Pop, "back"),
                                    (_("Delete  (D)"), self.ask_delete, "delete"),
                                    (_("Load  (Enter)"), self.load, "load")):
            bw = max(round(150 * self.s), fnt.size(label)[0] + pad)
            x -= bw
            out.append((label, action, name, pygame.Rect(x, buttons.y, bw, buttons.height)))
            x -= round(12 * self.s)
        return out

    def build(self) -> None:
        self.measure_all()
        self.scroll_into_view()
        made: dict[str, pygame_gui.elements.UIButton] = {}
        for label, action, name, rect in self.bottom_buttons():
            made[name] = self.button(rect, label, action, name=name, focus=bool(self.rows))
        self.load_button, self.delete_button = made["load"], made["delete"]
        # Tab order: the rows, then Load, Delete, Back.
        items = {item.name: item for item in self.focus.items}
        self.focus.clear()
        for index in range(len(self.rows)):
            self.focus.add(Focusable(partial(self.row_rect, index), self.load,
                                     name=f"row-{index}"))
        for name in ("load", "delete", "back"):
            if name in items:
                self.focus.add(items[name])
        if not self.rows:
            self.load_button.disable()
            self.delete_button.disable()
            self.focus.add(Focusable(lambda: made["back"].rect, Pop, made["back"],
                                     "back"))
            self.focus.focus("back")
        else:
            self.focus.focus(f"row-{self.selected}")
            self.update_buttons()

    def teardown(self) -> None:
        """Forget the buttons with the widgets."""
        self.load_button = self.delete_button = None
        super().teardown()

    def confirm_text(self, row: Row) -> tuple[str, str]:
        """The question before deleting `row`, and what it means."""
        return delete_question(row_name(row), row.path.name, has_backup(row.path))

    def update_buttons(self) -> None:
        """Load is offered only for a save that can be read."""
        if self.load_button is not None:
            readable = bool(self.rows) and isinstance(self.rows[self.selected], SaveInfo)
            (self.load_button.enable if readable else self.load_button.disable)()

    # actions ----------------------------------------------------------------

    def select(self, index: int) -> None:
        """Select row `index` (clamped), show it and put the focus on it."""
        if not self.rows:
            return
        self.selected = max(0, min(index, len(self.rows) - 1))
        self.scroll_into_view()
        self.focus.focus(f"row-{self.selected}")
        self.update_buttons()
        self.app.dirty = True

    def load(self) -> Transition[Scene] | None:
        """Load the selected save; a damaged file only says why it cannot be loaded."""
        if not self.rows:
            return None
        row = self.rows[self.selected]
        if isinstance(row, SaveProblem):
            self.notice = row.briefly()
            self.app.dirty = True
            return None
        self.notice = ""
        return open_save(self.app, row.path)  # on failure it sets self.notice

    def ask_delete(self) -> Transition[Scene] | None:
        """Ask, over this screen, whether to delete the selected row."""
        if not self.rows:
            return None
        row = self.rows[self.selected]
        heading, message = self.confirm_text(row)
        return Push(self.app.make("confirm", heading, message, _("Delete  (Y)"),
                                  partial(self.delete, row), (pygame.K_DELETE,)))

    def delete(self, row: Row) -> None:
        """Remove the file and its backup, then read the folder again."""
        try:
            delete_save(row.path)
        except OSError as exc:
            self.notice = _("Could not delete {file}: {why}").format(
                file=row.path.name, why=exc.strerror or exc)
        else:
            self.notice = _("Deleted '{label}'.").format(label=row_name(row))
        self.refresh()

    # input ------------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> Outcome:
        """Arrows choose a row, Enter loads, D or Delete deletes, Esc goes back."""
        if event.type == pygame.KEYDOWN:
            key = event.key
            if key == pygame.K_ESCAPE:
                return Pop()
            if key in (pygame.K_DELETE, pygame.K_d):
                return self.ask_delete() or True
            moves = {pygame.K_UP: -1, pygame.K_DOWN: 1, pygame.K_PAGEUP: -5,
                     pygame.K_PAGEDOWN: 5}
            if key in moves and self.rows:
                self.select(self.selected + moves[key])
                return True
            if key in (pygame.K_HOME, pygame.K_END) and self.rows:
                self.select(0 if key == pygame.K_HOME else len(self.rows) - 1)
                return True
        if event.type == pygame.MOUSEWHEEL and self.rows:
            self.select(self.selected - event.y)
            return True
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for index, rect in self.visible():
                if rect.collidepoint(event.pos):
                    now = clock_ms()
                    double = self.last_click[0] == index and \
                        now - self.last_click[1] < DOUBLE_CLICK_MS
                    self.last_click = (index, now)
                    self.select(index)
                    return (self.load() or True) if double else True
        used = super().handle(event)
        current = self.focus.current
        if used is True and current is not None and current.name.startswith("row-"):
            self.select(int(current.name[4:]))  # Tab onto a row selects it
        return used

    def trace_words(self) -> str:
        """The row chosen, for the trace file."""
        return row_name(self.rows[self.selected]) if self.rows else ""

    # drawing ----------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        """Heading, the list (or why it is empty), notice and key help."""
        if self.notice != self.measured_notice:
            self.measure_all()  # the notice takes room from the list
            self.scroll_into_view()
        parts = self.layout()
        draw.text(surface, _("Saved games"), parts["heading"], self.px(28), theme.TEXT,
                  bold=True, max_lines=1, shrink=True)
        panel = parts["panel"]
        if self.rows:
            draw.text(surface, _("Kept in {folder}").format(folder=self.app.save_dir),
                      parts["folder"], self.px(SMALL_PX), theme.MUTED, max_lines=1)
            draw.panel(surface, panel, theme.PANEL)
            shown = self.visible()
            rows.draw_count(surface, parts["count"], len(self.saves), len(self.problems),
                            (shown[0][0], shown[-1][0]) if shown and len(shown) < len(self.rows)
                            else None, len(self.rows), self.s)
            self.draw_rows(surface)
        else:
            rows.draw_empty(surface, panel, str(self.app.save_dir), self.s)
        self.draw_notice(surface, parts)

    def draw_notice(self, surface: pygame.Surface, parts: dict[str, pygame.Rect]) -> None:
        """The notice over the buttons when there is one; the keys left of the buttons."""
        if self.notice:
            draw.text(surface, self.notice, parts["notice"], self.px(DETAIL_PX), theme.WARN,
                      max_lines=3)
        buttons = parts["buttons"]
        left = self.bottom_buttons()[-1][3].x
        rows.draw_keys(surface, pygame.Rect(buttons.x, buttons.y - 10,
                                            max(0, left - buttons.x - 20), buttons.height + 20),
                       _("Up and Down choose, Enter loads, D deletes, Esc goes back")
                       if self.rows else _("Esc goes back"), self.s)

    def draw_rows(self, surface: pygame.Surface) -> None:
        """The rows in view, and a scroll bar when there are more."""
        clip = surface.get_clip()
        surface.set_clip(self.layout()["panel"].inflate(-4, -4))
        shown = self.visible()
        for index, rect in shown:
            row, chosen = self.rows[index], index == self.selected
            if isinstance(row, SaveProblem):
                rows.draw_problem(surface, rect, damaged_words(row.kind, row.path.name),
                                  row.briefly(), chosen, self.s)
            else:
                rows.draw_save(surface, rect, row_name(row), saved_time(row.header.updated),
                               row.header.ending is not None, self.details(row), chosen,
                               self.s)
        if self.view.scrolling and shown:
            rows.draw_scroll_bar(surface, self.inner(), shown[0][0], shown[-1][0],
                                 len(self.rows))
        surface.set_clip(clip)

    def draw_over(self, surface: pygame.Surface) -> None:
        """The focus ring, kept inside the list panel."""
        current = self.focus.current
        if current is not None and current.button is None and current.rect().width == 0:
            return  # the focused row is out of view (it never stays so)
        super().draw_over(surface)
