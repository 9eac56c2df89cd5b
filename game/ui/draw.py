"""Drawing helpers: text that wraps and never spills, meters, icons, emblems.

Everything here draws on a surface inside a rectangle it is given, and never
outside it: text that does not fit is shrunk a step or cut with an ellipsis.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import TYPE_CHECKING

import pygame

from game.ui import art, audit, borderland, theme

if TYPE_CHECKING:
    from game.models.content import Emblem

Colour = tuple[int, int, int]

#: Set by tests: characters drawn that the font has no glyph for ("tofu").
CHECK_GLYPHS = False
MISSING: set[str] = set()


#: The chosen text scale (the app sets it): text shrunk to fit never goes below the
#: size it has at the normal scale, so a larger text size never means smaller text.
SCALE = 1.0


def set_scale(scale: float) -> None:
    """The text scale now chosen (see SCALE)."""
    global SCALE
    SCALE = scale


_KNOWN: dict[tuple[bool, str], bool] = {}  # (bold, character) → has a glyph


def _check(bold: bool, line: str) -> None:
    """Record characters of `line` that the font cannot draw (freetype knows, font doesn't)."""
    import pygame.freetype

    if not pygame.freetype.get_init():
        pygame.freetype.init()
    face = pygame.freetype.Font(theme.font_path(bold), 16)
    for ch in set(line):
        if (bold, ch) in _KNOWN:
            continue
        _KNOWN[bold, ch] = found = not ch.strip() or face.get_metrics(ch)[0] is not None
        if not found:
            MISSING.add(ch)


def wrap_lines(text: str, fnt: pygame.font.Font, width: int) -> list[str]:
    """`text` split into lines no wider than `width` (words kept whole when they fit)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        words = paragraph.split()
        if not words:
            lines.append("")
            continue
        line = words[0]
        for word in words[1:]:
            trial = f"{line} {word}"
            if fnt.size(trial)[0] <= width:
                line = trial
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return [ellipsize(line, fnt, width) for line in lines]


def ellipsize(text: str, fnt: pygame.font.Font, width: int) -> str:
    """`text`, cut with an ellipsis if wider than `width`."""
    if fnt.size(text)[0] <= width:
        return text
    while text and fnt.size(text + "…")[0] > width:
        text = text[:-1]
    return text + "…"


def text(
    surface: pygame.Surface,
    content: str,
    rect: pygame.Rect,
    size: int,
    colour: Colour = theme.TEXT,
    bold: bool = False,
    italic: bool = False,
    align: str = "left",
    max_lines: int | None = None,
    shrink: bool | float = False,
    wanted: int | None = None,
) -> int:
    """Draw wrapped text inside `rect`; returns the height used. Never draws outside.

    With `shrink`, the size steps down (to 70 %, or to the fraction `shrink` gives)
    until every word fits the width and the lines fit `max_lines`, before anything
    is cut. Laid-out blocks are cached, so redrawing an unchanged screen only blits.
    `wanted` is the size the caller would have liked, when it already shrank the text.
    """
    if rect.width <= 0 or rect.height <= 0:
        if audit.DRAWN is not None and content.strip():
            audit.record(surface, content, rect, (0, 0), wanted or size, 0, True, colour)
        return 0  # no room at all: draw nothing rather than spill
    block, drawn_size, cut = _block(content, rect.width, rect.height, size, colour, bold,
                                    italic, align, max_lines, shrink, SCALE)
    if audit.DRAWN is not None and content.strip():
        audit.record(surface, content, rect, block.get_size(), wanted or size, drawn_size,
                     cut, colour)
    surface.blit(block, rect.topleft)
    return block.get_height()


@lru_cache(maxsize=768)
def _block(content: str, width: int, height: int, size: int, colour: Colour, bold: bool,
           italic: bool, align: str, max_lines: int | None, shrink: bool | float,
           scale: float = 1.0) -> tuple[pygame.Surface, int, bool]:
    """The text laid out and rendered once, on a transparent surface; the size it was
    drawn at, and whether some of it was cut."""
    fnt = theme.font(size, bold, italic)
    if shrink:
        floor = shrink if isinstance(shrink, float) else 0.7
        smallest = max(8, round(size * floor), round(size / scale) if scale > 1 else 0)
        while size > smallest:
            words_fit = all(fnt.size(word)[0] <= width for word in content.split())
            room = max(1, height // fnt.get_linesize())
            allowed = min(room, max_lines) if max_lines else room
            lines_fit = len(wrap_lines(content, fnt, width)) <= allowed
            if words_fit and lines_fit:
                break
            size -= 1
            fnt = theme.font(size, bold, italic)
    lines = wrap_lines(content, fnt, width)
    cut = any(line.endswith("…") for line in lines) and "…" not in content
    line_h = fnt.get_linesize()
    fit = max(1, height // line_h)  # a box a little short of one line still shows it
    limit = min(fit, max_lines) if max_lines else fit
    if len(lines) > limit:
        lines = lines[:limit]
        lines[-1] = ellipsize(lines[-1] + " …", fnt, width)
        cut = True
    block = pygame.Surface((width, max(1, line_h * len(lines))), pygame.SRCALPHA)
    y = 0
    for line in lines:
        if CHECK_GLYPHS:
            _check(bold, line)
        image = fnt.render(line, True, colour)
        if align == "center":
            x = (width - image.get_width()) // 2
        elif align == "right":
            x = width - image.get_width()
        else:
            x = 0
        block.blit(image, (x, y))
        y += line_h
    if not lines:
        return pygame.Surface((width, 0), pygame.SRCALPHA), size, cut
    return block, size, cut


def clear_caches() -> None:
    """Forget laid-out text and emblems (their fonts die with a pygame.quit())."""
    _block.cache_clear()
    art.clear_caches()
    borderland.clear_caches()
    text_height.cache_clear()
    _shade.cache_clear()


@lru_cache(maxsize=2048)
def text_height(content: str, width: int, size: int, bold: bool = False) -> int:
    """Height that `content` wrapped to `width` needs."""
    fnt = theme.font(size, bold)
    return len(wrap_lines(content, fnt, width)) * fnt.get_linesize()


Paragraph = tuple[str, int, bool, Colour]  # text, size at scale 1, bold, colour


def _shrink_to_fit(body: pygame.Rect, paragraphs: list[Paragraph], scale: float,
                   floor: float) -> float:
    """The largest shrink (1, 0.95, …, down to `floor`) at which the paragraphs fit."""
    shrink = 1.0
    while shrink > floor:
        needed = sum(text_height(t, body.width, round(size * scale * shrink), bold) + 6
                     for t, size, bold, _c in paragraphs)
        if needed <= body.height:
            break
        shrink = max(floor, shrink - 0.05)
    return shrink


def fitted(surface: pygame.Surface, body: pygame.Rect, paragraphs: list[Paragraph],
           scale: float) -> None:
    """Paragraphs shrunk together, step by step, until they all fit in `body`; at a
    larger text size never below the normal size (what does not fit then is cut, and
    the legibility test says where: the layout must make room instead)."""
    shrink = _shrink_to_fit(body, paragraphs, scale, 0.5 if scale <= 1 else 1 / scale)
    y = body.y
    for content, size, bold, colour in paragraphs:
        px = max(round(size * scale * shrink), size if scale > 1 else 0)
        y += text(surface, content, pygame.Rect(body.x, y, body.width, max(0, body.bottom - y)),
                  px, colour, bold=bold, wanted=round(size * scale)) + 6


def panel(surface: pygame.Surface, rect: pygame.Rect, colour: Colour = theme.PANEL,
          border: Colour | None = theme.LINE, width: int = 1, radius: int = 8) -> None:
    """A rounded panel."""
    pygame.draw.rect(surface, colour, rect, border_radius=radius)
    if border is not None:
        pygame.draw.rect(surface, border, rect, width, border_radius=radius)


def stance_icon(surface: pygame.Surface, stance: str, center: tuple[int, int], r: int) -> None:
    """A shape per stance, so colour is not the only signal.

    cooperate: circle; confront: triangle; domestic: square; hold: bar.
    """
    colour = theme.STANCE_COLOUR.get(stance, theme.MUTED)
    x, y = center
    if stance == "cooperate":
        pygame.draw.circle(surface, colour, center, r)
    elif stance == "confront":
        pygame.draw.polygon(surface, colour, [(x, y - r), (x + r, y + r), (x - r, y + r)])
    elif stance == "domestic":
        pygame.draw.rect(surface, colour, pygame.Rect(x - r, y - r, 2 * r, 2 * r))
    else:
        pygame.draw.rect(surface, colour, pygame.Rect(x - r, y - r // 3, 2 * r, max(2, r // 1)))


def agreement_icon(surface: pygame.Surface, step: int, center: tuple[int, int], r: int) -> None:
    """Empty, half or full circle for none, talks, signed."""
    colour = (theme.MUTED, theme.WARN, theme.GOOD)[step]
    pygame.draw.circle(surface, colour, center, r, 2)
    if step == 1:
        pygame.draw.polygon(surface, colour, [
            (center[0] + r * math.cos(a), center[1] + r * math.sin(a))
            for a in [math.pi / 2 + i * math.pi / 12 for i in range(13)]
        ] + [center])
    elif step == 2:
        pygame.draw.circle(surface, colour, center, r)


def bar(
    surface: pygame.Surface,
    rect: pygame.Rect,
    value: float,
    colour: Colour,
    lo: int = 0,
    hi: int = 100,
    marks: tuple[tuple[int, Colour], ...] = (),
) -> None:
    """A horizontal meter with optional threshold marks."""
    pygame.draw.rect(surface, theme.BG, rect, border_radius=4)
    share = max(0.0, min(1.0, (value - lo) / (hi - lo)))
    filled = pygame.Rect(rect.x, rect.y, round(rect.width * share), rect.height)
    if filled.width:
        pygame.draw.rect(surface, colour, filled, border_radius=4)
    pygame.draw.rect(surface, theme.LINE, rect, 1, border_radius=4)
    for at, mark_colour in marks:
        x = rect.x + round(rect.width * (at - lo) / (hi - lo))
        pygame.draw.line(surface, mark_colour, (x, rect.y - 4), (x, rect.bottom + 3), 3)


def badge(surface: pygame.Surface, rect: pygame.Rect, emblem: Emblem) -> None:
    """A leader's round badge (his flag, or stripes and initials; see game.ui.art),
    centred in `rect`."""
    size = min(rect.width, rect.height)
    surface.blit(art.badge(emblem, size), (rect.x + (rect.width - size) // 2,
                                           rect.y + (rect.height - size) // 2))


def shade(surface: pygame.Surface) -> None:
    """Darken everything drawn so far (under a dialog)."""
    surface.blit(_shade(surface.get_size()), (0, 0))


@lru_cache(maxsize=4)
def _shade(size: tuple[int, int]) -> pygame.Surface:
    veil = pygame.Surface(size, pygame.SRCALPHA)
    veil.fill((0, 0, 0, 150))
    return veil


def focus_ring(surface: pygame.Surface, rect: pygame.Rect) -> None:
    """The keyboard focus: a thick light outline."""
    pygame.draw.rect(surface, theme.ACCENT, rect.inflate(6, 6), 3, border_radius=10)
