"""The game's picture: the border between the two countries, drawn in code.

A plain map of the US–Mexico border from the Pacific to the Gulf (real coordinates,
simplified), the United States above and Mexico below, with the three fronts placed
where they are fought over: trade at Laredo (the busiest land port for goods),
migration at El Paso and Ciudad Juárez, security on the Sonora corridor at Nogales.
The title screen stands on it; the same three places give the fronts their icons
on the board.
"""

from __future__ import annotations

from functools import lru_cache

import pygame

from game.ui import art, theme

#: The border, west to east, as (longitude, latitude): the land line from the Pacific to
#: El Paso, then the Rio Grande to the Gulf.
BORDER = ((-117.12, 32.53), (-114.72, 32.72), (-114.81, 32.49), (-111.07, 31.33),
          (-108.21, 31.33), (-108.21, 31.78), (-106.53, 31.78), (-105.0, 30.68),
          (-104.4, 29.57), (-103.1, 29.0), (-102.4, 29.77), (-101.4, 29.77),
          (-100.5, 28.7), (-99.5, 27.5), (-99.1, 26.4), (-98.2, 26.1), (-97.15, 25.95))
#: The Pacific coast (north to south) and the Gulf coast (north to south) that close the
#: two countries' shapes at either end.
PACIFIC = ((-118.4, 34.0), (-117.12, 32.53), (-116.6, 31.7), (-115.9, 30.4), (-115.0, 28.7),
           (-114.1, 27.4), (-113.2, 26.0), (-112.3, 24.6), (-111.6, 23.5))
GULF = ((-93.8, 29.7), (-94.8, 29.3), (-96.4, 28.4), (-97.2, 27.6), (-97.15, 25.95),
        (-97.6, 24.5), (-97.7, 23.5))
#: What the map shows: west, east, south, north.
BOUNDS = (-118.4, -93.8, 23.5, 34.0)
#: Where each front is fought over.
PLACES = {"trade": (-99.5, 27.5), "migration": (-106.5, 31.76), "security": (-110.95, 31.34)}

US_LAND = (40, 49, 64)
MX_LAND = (38, 52, 46)


def project(lon: float, lat: float, rect: pygame.Rect) -> tuple[int, int]:
    """A coordinate's place in `rect` (a plain equirectangular projection)."""
    west, east, south, north = BOUNDS
    return (rect.x + round((lon - west) / (east - west) * rect.width),
            rect.y + round((north - lat) / (north - south) * rect.height))


def _mix(colour: tuple[int, int, int], strength: float) -> tuple[int, int, int]:
    """`colour` laid over the window's background at `strength`."""
    r, g, b = (round(bg + (c - bg) * strength) for bg, c in zip(theme.BG, colour, strict=True))
    return (r, g, b)


@lru_cache(maxsize=8)
def picture(size: tuple[int, int], strength: float = 1.0) -> pygame.Surface:
    """The map at `size`, its colours laid over the background at `strength` (1: full;
    small: faint), the sea in the background's colour. Opaque, so it blits fast."""
    w, h = size
    image = pygame.Surface(size)
    image.fill(theme.BG)
    rect = pygame.Rect(0, 0, w, h)
    border = [project(lon, lat, rect) for lon, lat in BORDER]
    pacific = [project(lon, lat, rect) for lon, lat in PACIFIC]
    gulf = [project(lon, lat, rect) for lon, lat in GULF]
    # The United States: from the Pacific shore along the border to the Gulf shore, and
    # round by the top of the map; Mexico likewise by the bottom.
    north = [(pacific[0][0], 0), *pacific[:2], *border[1:], *gulf[gulf.index(border[-1]) - 1::-1],
             (gulf[0][0], 0)]
    south_gulf = gulf[gulf.index(border[-1]):]
    south = [*border, *south_gulf, (south_gulf[-1][0], h), (pacific[-1][0], h),
             *pacific[:0:-1]]
    pygame.draw.polygon(image, _mix(US_LAND, strength), north)
    pygame.draw.polygon(image, _mix(MX_LAND, strength), south)
    line = max(2, round(min(w, h) / 160))
    pygame.draw.lines(image, _mix(theme.MUTED, strength), False, border, line)
    return image


def draw_backdrop(surface: pygame.Surface, rect: pygame.Rect, strength: float = 1.0,
                  places: bool = True) -> None:
    """The map filling `rect`, with each front's icon at its place (unless not `places`)."""
    surface.blit(picture(rect.size, strength), rect.topleft)
    if not places:
        return
    icon = max(14, rect.height // 9)
    for front, (lon, lat) in PLACES.items():
        x, y = project(lon, lat, rect)
        pygame.draw.circle(surface, theme.PANEL_HI, (x, y), icon * 2 // 3)
        pygame.draw.circle(surface, theme.ACCENT, (x, y), icon * 2 // 3, 2)
        image = art.front_icon(front, icon * 3 // 4, theme.TEXT)
        surface.blit(image, (x - image.get_width() // 2, y - image.get_height() // 2))


def clear_caches() -> None:
    """Forget the pictures made (after a pygame.quit())."""
    picture.cache_clear()
