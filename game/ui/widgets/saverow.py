"""One row of the saved-games list: a save (its name, when it was saved, whether the game
is finished, its details), or a file that cannot be loaded and why."""

from __future__ import annotations

import pygame

from game.i18n import _
from game.ui import draw, theme

#: Size at text scale 1 of a row's first line and its details, and of small words.
TITLE_PX, DETAIL_PX, SMALL_PX = 18, 15, 14


def _px(size: float, scale: float) -> int:
    return round(size * scale)


def frame(surface: pygame.Surface, rect: pygame.Rect, chosen: bool,
           scale: float) -> tuple[pygame.Rect, pygame.Rect]:
    """The row's panel; the rectangles of its first line and of its details."""
    if chosen:
        draw.panel(surface, rect, theme.PANEL_HI, theme.ACCENT, 2, radius=6)
        bar = pygame.Rect(rect.x + 2, rect.y + 6, round(5 * scale), rect.height - 12)
        pygame.draw.rect(surface, theme.ACCENT, bar, border_radius=2)
    else:
        draw.panel(surface, rect, theme.BG, theme.LINE, 1, radius=6)
    body = rect.inflate(-2 * round(14 * scale), -2 * round(8 * scale))
    title_h = theme.font(_px(TITLE_PX, scale), True).get_linesize()
    line = pygame.Rect(body.x, body.y, body.width, title_h)
    details = pygame.Rect(body.x, line.bottom + 2, body.width,
                          max(0, body.bottom - line.bottom - 2))
    return line, details


def draw_save(surface: pygame.Surface, rect: pygame.Rect, name: str, when: str,
              finished: bool, details: str, chosen: bool, scale: float) -> None:
    """A save: its name, a Finished badge, when it was saved; then its details."""
    line, below = frame(surface, rect, chosen, scale)
    when_font = theme.font(_px(DETAIL_PX, scale))
    when_w = when_font.size(when)[0]
    draw.text(surface, when, pygame.Rect(line.right - when_w, line.y + (
        line.height - when_font.get_linesize()) // 2, when_w, when_font.get_linesize()),
        _px(DETAIL_PX, scale), theme.MUTED, max_lines=1)
    right = line.right - when_w - round(14 * scale)
    if finished:
        right = badge(surface, _("Finished"), right, line, scale)
    draw.text(surface, name, pygame.Rect(line.x, line.y, max(0, right - line.x), line.height),
              _px(TITLE_PX, scale), theme.TEXT, bold=True, max_lines=1)
    draw.text(surface, details, below, _px(DETAIL_PX, scale),
              theme.TEXT if chosen else theme.MUTED, max_lines=3)


def draw_problem(surface: pygame.Surface, rect: pygame.Rect, headline: str, why: str,
                 chosen: bool, scale: float) -> None:
    """A file that cannot be loaded: a warning sign, what is wrong, and why."""
    line, below = frame(surface, rect, chosen, scale)
    size = line.height * 2 // 3
    icon = pygame.Rect(line.x, line.y + (line.height - size) // 2, size, size)
    warning_icon(surface, icon)
    name_x = icon.right + round(8 * scale)
    draw.text(surface, headline, pygame.Rect(name_x, line.y, line.right - name_x, line.height),
              _px(TITLE_PX, scale), theme.BAD, bold=True, max_lines=1, shrink=True)
    draw.text(surface, why, below, _px(DETAIL_PX, scale), theme.MUTED, max_lines=3)


def badge(surface: pygame.Surface, word: str, right: int, line: pygame.Rect,
          scale: float) -> int:
    """A pill with a word, ending at `right`; returns where the space left of it ends."""
    fnt = theme.font(_px(SMALL_PX, scale), True)
    tw, th = fnt.size(word)
    pad = round(8 * scale)
    pill = pygame.Rect(right - tw - 2 * pad, line.y + (line.height - th - 4) // 2,
                       tw + 2 * pad, th + 4)
    pygame.draw.rect(surface, theme.GOOD, pill, 2, border_radius=pill.height // 2)
    draw.text(surface, word, pill.inflate(-2 * pad, -4), _px(SMALL_PX, scale), theme.GOOD,
              bold=True, max_lines=1, align="center")
    return pill.x - round(10 * scale)


def warning_icon(surface: pygame.Surface, rect: pygame.Rect) -> None:
    """A triangle with a bar and a dot: this file is damaged."""
    pygame.draw.polygon(surface, theme.BAD, [(rect.centerx, rect.y), (rect.right, rect.bottom),
                                             (rect.x, rect.bottom)])
    stroke = max(2, rect.width // 8)
    pygame.draw.line(surface, theme.BG, (rect.centerx, rect.y + rect.height * 0.35),
                     (rect.centerx, rect.y + rect.height * 0.7), stroke)
    pygame.draw.circle(surface, theme.BG, (rect.centerx, rect.bottom - stroke * 1.2),
                       max(1, stroke // 2 + 1))


def draw_scroll_bar(surface: pygame.Surface, inner: pygame.Rect, first: int, last: int,
                    total: int) -> None:
    """A bar right of `inner` showing which rows (first..last of total) are in view."""
    track = pygame.Rect(inner.right + 6, inner.y, 8, inner.height)
    pygame.draw.rect(surface, theme.BG, track, border_radius=4)
    top = track.y + track.height * first // total
    bottom = track.y + track.height * (last + 1) // total
    pygame.draw.rect(surface, theme.MUTED,
                     pygame.Rect(track.x, top, track.width, max(8, bottom - top)),
                     border_radius=4)


def row_height(details: str, width: int, scale: float) -> int:
    """How tall a row is whose details read `details`, at a row width."""
    text_w = width - 2 * round(14 * scale)
    title_h = theme.font(_px(TITLE_PX, scale), True).get_linesize()
    detail_font = theme.font(_px(DETAIL_PX, scale))
    lines = min(3, len(draw.wrap_lines(details, detail_font, text_w)))
    return 2 * round(8 * scale) + title_h + 2 + lines * detail_font.get_linesize()


def draw_empty(surface: pygame.Surface, panel: pygame.Rect, folder: str, scale: float) -> None:
    """There are no saves yet: say so, and where they will be kept."""
    pad = round(30 * scale)
    width = min(panel.width, round(760 * scale))
    paragraphs: list[draw.Paragraph] = [
        (_("There are no saved games yet."), 22, True, theme.TEXT),
        (_("The game saves itself after every turn, and Ctrl+S saves during a game. "
           "Saves are kept in this folder:"), 16, False, theme.MUTED),
        (folder, 16, False, theme.TEXT),
    ]
    needed = sum(draw.text_height(t, width - 2 * pad, _px(size, scale), bold) + 6
                 for t, size, bold, _c in paragraphs)
    box = pygame.Rect(0, 0, width, min(panel.height, needed + 2 * pad))
    box.center = panel.center
    box.y = min(box.y, panel.y + panel.height // 5)
    draw.panel(surface, box, theme.PANEL)
    draw.fitted(surface, box.inflate(-2 * pad, -2 * pad), paragraphs, scale)


def draw_keys(surface: pygame.Surface, area: pygame.Rect, words: str, scale: float) -> None:
    """The keys to use, in at most two lines (a little smaller if they need it)."""
    size = _px(SMALL_PX, scale)
    while size > _px(SMALL_PX, scale) * 0.8 and len(draw.wrap_lines(
            words, theme.font(size), area.width)) > 2:
        size -= 1
    used = min(area.height, draw.text_height(words, area.width, size))
    draw.text(surface, words, pygame.Rect(area.x, area.centery - used // 2, area.width, used),
              size, theme.MUTED)


def draw_count(surface: pygame.Surface, rect: pygame.Rect, saves: int, damaged: int,
               shown: tuple[int, int] | None, total: int, scale: float) -> None:
    """How many saves (and damaged files), and which rows are in view if not all."""
    words = _("{n} saves").format(n=saves) if saves != 1 else _("1 save")
    if damaged:
        words += " · " + (_("{n} damaged files").format(n=damaged) if damaged != 1
                          else _("1 damaged file"))
    draw.text(surface, words, rect, _px(SMALL_PX, scale), theme.MUTED, max_lines=1)
    if shown is not None:
        draw.text(surface, _("showing {a}–{b} of {n}").format(
            a=shown[0] + 1, b=shown[1] + 1, n=total), rect,
            _px(SMALL_PX, scale), theme.MUTED, align="right", max_lines=1)


def screen_layout(size: tuple[int, int], scale: float, notice: str) -> dict[str, pygame.Rect]:
    """The saved-games screen: heading, folder and count lines, the list panel, the
    notice (as tall as its words, up to three lines), and the row of buttons."""
    w, h = size
    m = max(24, round(w * 0.03))
    small_h = theme.font(_px(SMALL_PX, scale)).get_linesize()
    heading = pygame.Rect(m, 18, w - 2 * m, theme.font(_px(28, scale), True).get_linesize())
    folder = pygame.Rect(m, heading.bottom + 2, w - 2 * m, small_h)
    count = pygame.Rect(m, folder.bottom + round(10 * scale), w - 2 * m, small_h)
    bh = round(44 * scale)
    buttons = pygame.Rect(m, h - bh - 20, w - 2 * m, bh)
    notice_h = 0
    if notice:
        detail = theme.font(_px(DETAIL_PX, scale))
        notice_h = min(3, len(draw.wrap_lines(notice, detail, w - 2 * m))) * detail.get_linesize()
    notice_rect = pygame.Rect(m, buttons.y - 12 - notice_h, w - 2 * m, notice_h)
    bottom = notice_rect.y - 10 if notice_h else buttons.y - 16
    panel = pygame.Rect(m, count.bottom + 6, w - 2 * m, bottom - count.bottom - 6)
    return {"heading": heading, "folder": folder, "count": count, "panel": panel,
            "notice": notice_rect, "buttons": buttons}
