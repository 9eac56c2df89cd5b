"""What the legibility test sees of every text drawn: set `DRAWN` to a list and each
call of draw.text adds a `Drawn` to it (nothing is recorded otherwise)."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.ui import theme

Colour = tuple[int, int, int]


@dataclass(frozen=True)
class Drawn:
    """One text drawn, as the legibility test sees it: its box, the size asked for and
    the size drawn (smaller when it was shrunk to fit), whether anything was cut, and
    its colour and the colour of what it was drawn on."""

    content: str
    rect: tuple[int, int, int, int]
    size: int
    drawn_size: int
    cut: bool
    colour: Colour
    background: Colour
    shown: tuple[int, int, int, int] = (0, 0, 0, 0)  # the part drawn, within the clip


#: Set by tests to a list: every text drawn is added to it (see `Drawn`).
DRAWN: list[Drawn] | None = None


def record(surface: pygame.Surface, content: str, rect: pygame.Rect, block: tuple[int, int],
           size: int, drawn_size: int, cut: bool, colour: Colour) -> None:
    """Note a text drawn (see `Drawn`), with the colour it was drawn on."""
    if DRAWN is None:
        return
    shown = pygame.Rect(rect.topleft, block).clip(surface.get_clip())
    if not block[0]:  # no room at all: nothing drawn, all of it cut
        DRAWN.append(Drawn(content, (rect.x, rect.y, rect.w, rect.h), size, 0, True, colour,
                           colour))
    elif shown.width and shown.height:
        DRAWN.append(Drawn(content, (rect.x, rect.y, rect.w, rect.h), size, drawn_size, cut,
                           colour, background(surface, shown),
                           (shown.x, shown.y, shown.w, shown.h)))


def background(surface: pygame.Surface, area: pygame.Rect) -> Colour:
    """The colour most of `area` shows (sampled on a grid), before anything is drawn on it."""
    area = area.clip(surface.get_clip())
    if not area.width or not area.height:
        return theme.BG
    seen: dict[Colour, int] = {}
    for i in range(1, 6):
        for j in range(1, 4):
            c = surface.get_at((area.x + area.width * i // 6, area.y + area.height * j // 4))
            key = (c.r, c.g, c.b)
            seen[key] = seen.get(key, 0) + 1
    return max(seen, key=lambda k: seen[k])
