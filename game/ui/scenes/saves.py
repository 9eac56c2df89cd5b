"""Saved games: the saves in the save folder, newest first, to load or delete.

Each save is a row: its label and when it was saved, then the scenario, the
side the player led, the turn and month, and whether the game is finished.
Files that cannot be read are listed too, with the reason, and cannot be
loaded. Deleting asks first, in an overlay, and removes the `.bak` copy too.
"""

from __future__ import annotations

import contextlib
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.core.state import month_index
from game.i18n import _
from game.persistence.store import BACKUP, SaveInfo, SaveProblem, list_saves
from game.ui import draw, theme
from game.ui.app import App
from game.ui.focus import Focusable
from game.ui.router import Pop, Transition
from game.ui.scene import Action, Outcome, Scene
from game.wording import month_words

if TYPE_CHECKING:
    from game.models.bundle import Content

Row = SaveInfo | SaveProblem

#: Size at text scale 1 of a row's first line, its details, and the header lines.
TITLE_PX, DETAIL_PX, SMALL_PX = 18, 15, 14
DOUBLE_CLICK_MS = 400


def clock_ms() -> int:
    """Milliseconds since the window opened (tests set the clock here)."""
    return pygame.time.get_ticks()


def saved_time(updated: str) -> str:
    """`2019-05-01 14:03` in local time for an ISO 8601 time stamp."""
    try:
        moment = datetime.fromisoformat(updated)
    except ValueError:
        return updated[:16].replace("T", " ")
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")


def save_name(info: SaveInfo) -> str:
    """The name a player knows a save by: its label ("Autosave" for autosaves)."""
    label = info.header.label
    if label == "autosave":
        return _("Autosave")
    return label or info.path.stem


def row_name(row: Row) -> str:
    """The name of a row: a save's label, or a damaged file's name."""
    return save_name(row) if isinstance(row, SaveInfo) else row.path.name


class SavesScene(Scene):
    """Load or delete a saved game."""

    name = "saves"

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.saves: list[SaveInfo] = []
        self.problems: list[SaveProblem] = []
        self.selected = 0
        self.first = 0  # first row in view
        self.confirming: Row | None = None  # the row the delete overlay asks about
        self.heights: list[int] = []
        self.scrolling = False
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
        header = info.header
        content = self.content()
        scenario = content.scenarios.get(header.scenario) if content is not None else None
        parts = [scenario.title if scenario is not None else header.scenario]
        humans = [side for side, player in header.sides.items() if player.kind == "human"]
        names = [self.leader(side) for side in humans]
        if len(names) == 1:
            parts.append(_("you led {leader}").format(leader=names[0]))
        elif names:
            parts.append(_("{a} and {b} both led by people").format(a=names[0], b=names[1]))
        else:
            parts.append(_("computer against computer"))
        try:
            month = month_words(month_index(header.month))
        except ValueError:
            month = header.month
        parts.append(_("turn {turn}, {month}").format(turn=header.turn, month=month))
        if header.ending is not None:
            endings = content.endings if content is not None else []
            ending = next((e for e in endings if e.id == header.ending), None)
            parts.append(_("ended: {title}").format(
                title=ending.title if ending is not None else header.ending))
        return " · ".join(parts)

    def leader(self, side: str) -> str:
        """A leader's short name."""
        content = self.content()
        leader = content.leaders.get(side) if content is not None else None
        return leader.short if leader is not None else side

    def content(self) -> Content | None:
        """The game content (waiting for it if it is still loading); None if it is broken."""
        return self.app.load_content().content

    # layout -----------------------------------------------------------------

    @property
    def margin(self) -> int:
        return max(24, round(self.app.size[0] * 0.03))

    def layout(self) -> dict[str, pygame.Rect]:
        """Heading, list panel, notice line, key help and buttons."""
        w, h = self.app.size
        m = self.margin
        title_h = theme.font(self.px(28), True).get_linesize()
        small_h = theme.font(self.px(SMALL_PX)).get_linesize()
        top = 18
        heading = pygame.Rect(m, top, w - 2 * m, title_h)
        folder = pygame.Rect(m, heading.bottom + 2, w - 2 * m, small_h)
        count = pygame.Rect(m, folder.bottom + round(10 * self.s), w - 2 * m, small_h)
        bh = round(44 * self.s)
        buttons = pygame.Rect(m, h - bh - 20, w - 2 * m, bh)
        notice_h = 0
        if self.notice:
            lines = draw.wrap_lines(self.notice, theme.font(self.px(DETAIL_PX)), w - 2 * m)
            notice_h = min(3, len(lines)) * theme.font(self.px(DETAIL_PX)).get_linesize()
        notice = pygame.Rect(m, buttons.y - 12 - notice_h, w - 2 * m, notice_h)
        bottom = notice.y - 10 if notice_h else buttons.y - 16
        panel = pygame.Rect(m, count.bottom + 6, w - 2 * m, bottom - count.bottom - 6)
        return {"heading": heading, "folder": folder, "count": count, "panel": panel,
                "notice": notice, "buttons": buttons}

    def inner(self) -> pygame.Rect:
        """The part of the list panel rows are drawn in (room left for the focus ring)."""
        inner = self.layout()["panel"].inflate(-20, -20)
        if self.scrolling:
            inner.width -= 14  # the scroll bar
        return inner

    def pads(self) -> tuple[int, int]:
        """Padding inside a row, across and down."""
        return round(14 * self.s), round(8 * self.s)

    def measure(self, width: int) -> list[int]:
        """The height of every row at a row width."""
        pad_x, pad_y = self.pads()
        text_w = width - 2 * pad_x
        title_h = theme.font(self.px(TITLE_PX), True).get_linesize()
        heights = []
        for row in self.rows:
            body = self.details(row) if isinstance(row, SaveInfo) else row.briefly()
            lines = min(3, len(draw.wrap_lines(body, theme.font(self.px(DETAIL_PX)), text_w)))
            detail_h = lines * theme.font(self.px(DETAIL_PX)).get_linesize()
            heights.append(2 * pad_y + title_h + 2 + detail_h)
        return heights

    def measure_all(self) -> None:
        """Row heights for the current size; whether they need a scroll bar."""
        self.measured_notice = self.notice
        self.scrolling = False
        inner = self.inner()
        self.heights = self.measure(inner.width)
        needed = sum(self.heights) + self.gap * max(0, len(self.heights) - 1)
        if needed > inner.height:
            self.scrolling = True
            self.heights = self.measure(self.inner().width)

    @property
    def gap(self) -> int:
        return round(8 * self.s)

    def visible(self) -> list[tuple[int, pygame.Rect]]:
        """The rows in view, from `first`, with their rectangles."""
        inner = self.inner()
        out: list[tuple[int, pygame.Rect]] = []
        y = inner.y
        for index in range(self.first, len(self.rows)):
            height = self.heights[index] if index < len(self.heights) else 0
            if y + height > inner.bottom and out:
                break
            out.append((index, pygame.Rect(inner.x, y, inner.width, min(height,
                                                                           inner.bottom - y))))
            y += height + self.gap
        return out

    def row_rect(self, index: int) -> pygame.Rect:
        """Where row `index` is drawn; an empty rectangle when it is out of view."""
        for shown, rect in self.visible():
            if shown == index:
                return rect
        return pygame.Rect(self.inner().x, self.inner().y, 0, 0)

    def scroll_into_view(self) -> None:
        """Move the view so that the selected row shows."""
        if not self.rows:
            self.first = 0
            return
        self.first = max(0, min(self.first, self.selected, len(self.rows) - 1))
        while self.first < self.selected and all(i != self.selected for i, _r in self.visible()):
            self.first += 1

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
        if self.confirming is not None:
            self.build_confirm()
            return
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

    def build_confirm(self) -> None:
        """The Delete and Cancel buttons of the confirmation."""
        _box, buttons = self.confirm_layout()
        fnt = theme.font(self.px(16), True)
        pad = round(36 * self.s)
        x = buttons.right
        for label, action, name in ((_("Cancel  (N)"), self.cancel_delete, "cancel"),
                                    (_("Delete  (Y)"), self.delete_confirmed, "confirm")):
            bw = max(round(140 * self.s), fnt.size(label)[0] + pad)
            x -= bw
            self.button(pygame.Rect(x, buttons.y, bw, buttons.height), label, action, name=name)
            x -= round(12 * self.s)
        self.focus.items.reverse()  # Delete first, then Cancel
        self.focus.focus("confirm")

    def confirm_layout(self) -> tuple[pygame.Rect, pygame.Rect]:
        """The overlay box and its row of buttons."""
        w, h = self.app.size
        bw = min(w - 80, round(620 * self.s))
        inner_w = bw - 2 * round(24 * self.s)
        heading, message = self.confirm_text()
        text_h = (draw.text_height(heading, inner_w, self.px(22), True)
                  + draw.text_height(message, inner_w, self.px(16)) + round(12 * self.s))
        bh = round(44 * self.s)
        pad = round(24 * self.s)
        height = min(h - 40, pad + text_h + pad + bh + pad)
        box = pygame.Rect((w - bw) // 2, (h - height) // 2, bw, height)
        buttons = pygame.Rect(box.x + pad, box.bottom - pad - bh, box.width - 2 * pad, bh)
        return box, buttons

    def confirm_text(self) -> tuple[str, str]:
        """The question and what it means."""
        row = self.confirming
        name = row_name(row) if row is not None else ""
        path = row.path if row is not None else Path()
        if path.with_name(path.name + BACKUP).exists():
            what = _("The file {file} and its backup copy will be removed.")
        else:
            what = _("The file {file} will be removed.")
        return (_("Delete '{label}'? This cannot be undone.").format(label=name),
                what.format(file=path.name))

    def update_buttons(self) -> None:
        """Load is offered only for a save that can be read."""
        if self.load_button is None:
            return
        if self.rows and isinstance(self.rows[self.selected], SaveInfo):
            self.load_button.enable()
        else:
            self.load_button.disable()

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
        return self.app.open_save(row.path)  # on failure it sets self.notice

    def ask_delete(self) -> None:
        """Ask whether to delete the selected row."""
        if not self.rows:
            return
        self.confirming = self.rows[self.selected]
        self.teardown()
        self.build()
        self.app.dirty = True

    def cancel_delete(self) -> None:
        """Keep the file."""
        self.confirming = None
        self.teardown()
        self.build()
        self.app.dirty = True

    def delete_confirmed(self) -> None:
        """Remove the file and its backup, then read the folder again."""
        row = self.confirming
        self.confirming = None
        if row is not None:
            name = row_name(row)
            try:
                row.path.unlink(missing_ok=True)
                with contextlib.suppress(FileNotFoundError):
                    row.path.with_name(row.path.name + BACKUP).unlink()
            except OSError as exc:
                self.notice = _("Could not delete {file}: {why}").format(
                    file=row.path.name, why=exc.strerror or exc)
            else:
                self.notice = _("Deleted '{label}'.").format(label=name)
        self.refresh()
        self.teardown()
        self.build()
        self.app.dirty = True

    # input ------------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> Outcome:
        """Arrows choose a row, Enter loads, D or Delete deletes, Esc goes back."""
        if self.confirming is not None:
            return self.handle_confirm(event)
        if event.type == pygame.KEYDOWN:
            key = event.key
            if key == pygame.K_ESCAPE:
                return Pop()
            if key in (pygame.K_DELETE, pygame.K_d):
                self.ask_delete()
                return True
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

    def handle_confirm(self, event: pygame.event.Event) -> Outcome:
        """Y or Enter deletes (Enter on Cancel cancels), N or Esc keeps the file."""
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_y, pygame.K_DELETE):
                self.delete_confirmed()
                return True
            if event.key in (pygame.K_n, pygame.K_ESCAPE):
                self.cancel_delete()
                return True
        return super().handle(event)

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
            self.draw_count(surface, parts["count"])
            self.draw_rows(surface)
        else:
            self.draw_empty(surface, panel)
        self.draw_notice(surface, parts)
        if self.confirming is not None:
            self.draw_confirm(surface)

    def draw_notice(self, surface: pygame.Surface, parts: dict[str, pygame.Rect]) -> None:
        """The notice over the buttons when there is one; the keys left of the buttons."""
        if self.notice:
            draw.text(surface, self.notice, parts["notice"], self.px(DETAIL_PX), theme.WARN,
                      max_lines=3)
        buttons = parts["buttons"]
        left = self.bottom_buttons()[-1][3].x
        area = pygame.Rect(buttons.x, buttons.y - 10, max(0, left - buttons.x - 20),
                           buttons.height + 20)
        if self.rows:
            words = _("Up and Down choose, Enter loads, D deletes, Esc goes back")
        else:
            words = _("Esc goes back")
        size = self.px(SMALL_PX)
        while size > self.px(SMALL_PX) * 0.8 and len(draw.wrap_lines(
                words, theme.font(size), area.width)) > 2:
            size -= 1
        used = min(area.height, draw.text_height(words, area.width, size))
        draw.text(surface, words, pygame.Rect(area.x, area.centery - used // 2, area.width,
                                              used), size, theme.MUTED)

    def draw_count(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        """How many saves, and which rows are in view when they do not all fit."""
        words = _("{n} saves").format(n=len(self.saves)) if len(self.saves) != 1 \
            else _("1 save")
        if self.problems:
            words += " · " + (_("{n} damaged files").format(n=len(self.problems))
                              if len(self.problems) != 1 else _("1 damaged file"))
        draw.text(surface, words, rect, self.px(SMALL_PX), theme.MUTED, max_lines=1)
        shown = self.visible()
        if shown and len(shown) < len(self.rows):
            draw.text(surface, _("showing {a}–{b} of {n}").format(
                a=shown[0][0] + 1, b=shown[-1][0] + 1, n=len(self.rows)), rect,
                self.px(SMALL_PX), theme.MUTED, align="right", max_lines=1)

    def draw_rows(self, surface: pygame.Surface) -> None:
        """The rows in view, and a scroll bar when there are more."""
        inner = self.inner()
        clip = surface.get_clip()
        surface.set_clip(self.layout()["panel"].inflate(-4, -4))
        shown = self.visible()
        for index, rect in shown:
            self.draw_row(surface, index, rect)
        if self.scrolling and shown:
            track = pygame.Rect(inner.right + 6, inner.y, 8, inner.height)
            pygame.draw.rect(surface, theme.BG, track, border_radius=4)
            total = len(self.rows)
            top = track.y + track.height * shown[0][0] // total
            bottom = track.y + track.height * (shown[-1][0] + 1) // total
            pygame.draw.rect(surface, theme.MUTED,
                             pygame.Rect(track.x, top, track.width, max(8, bottom - top)),
                             border_radius=4)
        surface.set_clip(clip)

    def draw_row(self, surface: pygame.Surface, index: int, rect: pygame.Rect) -> None:
        """One save: name and time saved, then its details; or a damaged file."""
        row = self.rows[index]
        chosen = index == self.selected
        if chosen:
            draw.panel(surface, rect, theme.PANEL_HI, theme.ACCENT, 2, radius=6)
            bar = pygame.Rect(rect.x + 2, rect.y + 6, round(5 * self.s), rect.height - 12)
            pygame.draw.rect(surface, theme.ACCENT, bar, border_radius=2)
        else:
            draw.panel(surface, rect, theme.BG, theme.LINE, 1, radius=6)
        pad_x, pad_y = self.pads()
        body = rect.inflate(-2 * pad_x, -2 * pad_y)
        title_font = theme.font(self.px(TITLE_PX), True)
        title_h = title_font.get_linesize()
        line = pygame.Rect(body.x, body.y, body.width, title_h)
        details = pygame.Rect(body.x, line.bottom + 2, body.width, max(0, body.bottom -
                                                                        line.bottom - 2))
        if isinstance(row, SaveProblem):
            size = title_h * 2 // 3
            icon = pygame.Rect(body.x, line.y + (title_h - size) // 2, size, size)
            self.warning_icon(surface, icon)
            name_x = icon.right + round(8 * self.s)
            why = {"newer": _("{file} — made by a newer version, cannot be loaded"),
                   "unreadable": _("{file} — cannot be read")}.get(
                row.kind, _("{file} — damaged, cannot be loaded"))
            draw.text(surface, why.format(file=row.path.name),
                      pygame.Rect(name_x, line.y, body.right - name_x, title_h),
                self.px(TITLE_PX), theme.BAD, bold=True, max_lines=1, shrink=True)
            draw.text(surface, row.briefly(), details, self.px(DETAIL_PX), theme.MUTED,
                      max_lines=3)
            return
        when = saved_time(row.header.updated)
        when_font = theme.font(self.px(DETAIL_PX))
        when_w = when_font.size(when)[0]
        right = body.right
        draw.text(surface, when, pygame.Rect(right - when_w, line.y + (title_h -
                  when_font.get_linesize()) // 2, when_w, when_font.get_linesize()),
                  self.px(DETAIL_PX), theme.MUTED, max_lines=1)
        right -= when_w + round(14 * self.s)
        if row.header.ending is not None:
            right = self.badge(surface, _("Finished"), right, line)
        draw.text(surface, save_name(row), pygame.Rect(body.x, line.y, max(0, right - body.x),
                                                       title_h),
                  self.px(TITLE_PX), theme.TEXT, bold=True, max_lines=1)
        draw.text(surface, self.details(row), details, self.px(DETAIL_PX),
                  theme.TEXT if chosen else theme.MUTED, max_lines=3)

    def badge(self, surface: pygame.Surface, word: str, right: int, line: pygame.Rect) -> int:
        """A pill with a word, ending at `right`; returns where the space left of it ends."""
        fnt = theme.font(self.px(SMALL_PX), True)
        tw, th = fnt.size(word)
        pad = round(8 * self.s)
        pill = pygame.Rect(right - tw - 2 * pad, line.y + (line.height - th - 4) // 2,
                           tw + 2 * pad, th + 4)
        pygame.draw.rect(surface, theme.GOOD, pill, 2, border_radius=pill.height // 2)
        draw.text(surface, word, pill.inflate(-2 * pad, -4), self.px(SMALL_PX), theme.GOOD,
                  bold=True, max_lines=1, align="center")
        return pill.x - round(10 * self.s)

    def warning_icon(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        """A triangle with a bar and a dot: this file is damaged."""
        pygame.draw.polygon(surface, theme.BAD, [(rect.centerx, rect.y),
                                                 (rect.right, rect.bottom),
                                                 (rect.x, rect.bottom)])
        stroke = max(2, rect.width // 8)
        pygame.draw.line(surface, theme.BG, (rect.centerx, rect.y + rect.height * 0.35),
                         (rect.centerx, rect.y + rect.height * 0.7), stroke)
        pygame.draw.circle(surface, theme.BG, (rect.centerx, rect.bottom - stroke * 1.2),
                           max(1, stroke // 2 + 1))

    def draw_empty(self, surface: pygame.Surface, panel: pygame.Rect) -> None:
        """There are no saves yet: say so, and where they will be kept."""
        pad = round(30 * self.s)
        width = min(panel.width, round(760 * self.s))
        paragraphs: list[draw.Paragraph] = [
            (_("There are no saved games yet."), 22, True, theme.TEXT),
            (_("The game saves itself after every turn, and Ctrl+S saves during a game. "
               "Saves are kept in this folder:"), 16, False, theme.MUTED),
            (str(self.app.save_dir), 16, False, theme.TEXT),
        ]
        needed = sum(draw.text_height(t, width - 2 * pad, self.px(size), bold) + 6
                     for t, size, bold, _c in paragraphs)
        box = pygame.Rect(0, 0, width, min(panel.height, needed + 2 * pad))
        box.center = panel.center
        box.y = min(box.y, panel.y + panel.height // 5)
        draw.panel(surface, box, theme.PANEL)
        draw.fitted(surface, box.inflate(-2 * pad, -2 * pad), paragraphs, self.s)

    def draw_confirm(self, surface: pygame.Surface) -> None:
        """The shaded screen and the question."""
        shade = pygame.Surface(self.app.size, pygame.SRCALPHA)
        shade.fill((0, 0, 0, 160))
        surface.blit(shade, (0, 0))
        box, buttons = self.confirm_layout()
        draw.panel(surface, box, theme.PANEL, theme.ACCENT, 2)
        pad = round(24 * self.s)
        heading, message = self.confirm_text()
        body = pygame.Rect(box.x + pad, box.y + pad, box.width - 2 * pad,
                           buttons.y - box.y - 2 * pad)
        y = body.y
        y += draw.text(surface, heading, pygame.Rect(body.x, y, body.width, body.bottom - y),
                       self.px(22), theme.TEXT, bold=True) + round(12 * self.s)
        draw.text(surface, message, pygame.Rect(body.x, y, body.width, max(0, body.bottom - y)),
                  self.px(16), theme.MUTED)

    def draw_over(self, surface: pygame.Surface) -> None:
        """The focus ring, kept inside the list panel."""
        current = self.focus.current
        if current is not None and current.button is None and current.rect().width == 0:
            return  # the focused row is out of view (it never stays so)
        super().draw_over(surface)
