"""One row of the list of mods: its name and version, On or Off, who made it and its
folder, what it is, what it adds, changes and removes, and its problems."""

from __future__ import annotations

import pygame

from game.content.mods import Mod
from game.i18n import _, current, ngettext, pgettext
from game.ui import draw, theme
from game.ui.widgets.saverow import DETAIL_PX, SMALL_PX, TITLE_PX, frame

Line = tuple[str, tuple[int, int, int]]


def own(context: str, text: str) -> str:
    """A text of the mod's own, in the language in use (from its catalogue, if loaded)."""
    return current().pgettext(context, text)


def _px(size: float, scale: float) -> int:
    return round(size * scale)


def lines(mod: Mod, checked: bool) -> list[Line]:
    """The row's lines below its name, each with its colour."""
    by = _("by {authors}").format(authors=", ".join(mod.authors)) if mod.authors else ""
    out: list[Line] = [(" · ".join(w for w in (by, f"{mod.folder.name}/") if w), theme.MUTED)]
    if mod.description:
        out.append((own(f"packs.{mod.id}.description", mod.description), theme.TEXT))
    if not checked:
        out.append((_("Checking the mod…"), theme.MUTED))
        return out
    if mod.summary:
        out.append((mod.summary, theme.TEXT))
    errors = mod.errors
    if errors:
        first = sorted(errors)[0]
        out.append((ngettext("{n} error: left out of games until it is fixed. First: {where} "
                             "{message}", "{n} errors: left out of games until they are fixed. "
                             "First: {where} {message}", len(errors)).format(
            n=len(errors), where=f"{first.file.rsplit('/', 1)[-1]}:{first.line}:",
            message=first.message), theme.BAD))
    elif mod.problems:
        first = sorted(mod.problems)[0]
        out.append((ngettext("{n} warning. First: {where} {message}",
                             "{n} warnings. First: {where} {message}", len(mod.problems)).format(
            n=len(mod.problems), where=f"{first.file.rsplit('/', 1)[-1]}:{first.line}:",
            message=first.message), theme.WARN))
    else:
        out.append((_("No problems found."), theme.GOOD))
    return out


def row_height(mod: Mod, checked: bool, width: int, scale: float) -> int:
    """How tall the row of `mod` is at a row width (each line up to two lines of text)."""
    text_w = width - 2 * round(14 * scale)
    title_h = theme.font(_px(TITLE_PX, scale), True).get_linesize()
    detail = theme.font(_px(DETAIL_PX, scale))
    count = sum(min(2, len(draw.wrap_lines(words, detail, text_w)))
                for words, _colour in lines(mod, checked))
    return 2 * round(8 * scale) + title_h + 2 + count * detail.get_linesize()


def draw_mod(surface: pygame.Surface, rect: pygame.Rect, mod: Mod, checked: bool,
             chosen: bool, scale: float) -> None:
    """The row of `mod`: name and version, On or Off at the right, then its lines."""
    line, below = frame(surface, rect, chosen, scale)
    word = pgettext("mod", "On") if mod.on else pgettext("mod", "Off")
    fnt = theme.font(_px(SMALL_PX, scale), True)
    pad = round(8 * scale)
    tw, th = fnt.size(word)
    pill = pygame.Rect(line.right - tw - 2 * pad, line.y + (line.height - th - 4) // 2,
                       tw + 2 * pad, th + 4)
    colour = theme.GOOD if mod.on else theme.MUTED
    pygame.draw.rect(surface, colour, pill, 2, border_radius=pill.height // 2)
    draw.text(surface, word, pill.inflate(-2 * pad, -4), _px(SMALL_PX, scale), colour,
              bold=True, max_lines=1, align="center")
    name = own(f"packs.{mod.id}.name", mod.name)
    draw.text(surface, f"{name}  {mod.version}",
              pygame.Rect(line.x, line.y, max(0, pill.x - line.x - pad), line.height),
              _px(TITLE_PX, scale), theme.TEXT if mod.on else theme.MUTED, bold=True,
              max_lines=1)
    y = below.y
    detail = theme.font(_px(DETAIL_PX, scale))
    for words, colour in lines(mod, checked):
        height = min(2, len(draw.wrap_lines(words, detail, below.width))) * \
            detail.get_linesize()
        draw.text(surface, words, pygame.Rect(below.x, y, below.width, height),
                  _px(DETAIL_PX, scale), colour, max_lines=2)
        y += height
