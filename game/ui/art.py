"""Art drawn in code: flags, leader badges, front and category icons, arrows.

Every function takes a size and returns a cached surface (shared: blit it, never
draw on it). Shapes are drawn at `SS` times the size and smoothscaled down, so
their edges are antialiased. An icon is one colour on transparent: every pixel
has the icon's colour and only alpha varies, so scaling leaves no dark fringe.
Icon shapes are written in a unit square, (0, 0) top-left to (1, 1) bottom-right.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, Literal

import pygame
from pygame.typing import ColorLike

from game.ui import theme

if TYPE_CHECKING:  # the title draws before the game's models are imported
    from game.models.content import Emblem, Flag

#: Supersampling: shapes are drawn this many times larger, then scaled down.
SS = 4
#: The canton's share of the flag: 2/5 of the width, 7/13 of the height (as the US flag).
CANTON_W, CANTON_H = 2 / 5, 7 / 13
#: Stars are white, on every flag that has them.
STAR = (255, 255, 255)
#: A five-pointed star of radius 1 round (0, 0), one point up: its ten corners.
UNIT_STAR = [((1 if i % 2 == 0 else 0.4) * math.cos(-math.pi / 2 + i * math.pi / 5),
              (1 if i % 2 == 0 else 0.4) * math.sin(-math.pi / 2 + i * math.pi / 5))
             for i in range(10)]
#: Below this outer radius (in final pixels) a star is drawn as a dot: its points blur.
STAR_MIN_RADIUS = 2.2

#: The badge's ring: the panels' line colour, seen on the window's and the panels' grounds.
RING = theme.LINE

Point = tuple[float, float]
Rgb = tuple[int, int, int]


def clear_caches() -> None:
    """Forget every drawn surface (call after a pygame.quit(): the badges used fonts)."""
    for cached in (flag, _badge, _icon):
        cached.cache_clear()


def _rgb(colour: ColorLike) -> Rgb:
    """Any pygame colour as a hashable (r, g, b)."""
    c = pygame.Color(colour)
    return (c.r, c.g, c.b)


def _down(image: pygame.Surface, width: int, height: int) -> pygame.Surface:
    """`image` smoothscaled to width × height (the antialiasing step)."""
    return pygame.transform.smoothscale(image, (max(1, width), max(1, height)))


@lru_cache(maxsize=32)
def flag(flag: Flag, width: int, height: int) -> pygame.Surface:
    """The flag at width × height: equal stripes, the canton with its stars, the seal."""
    width, height = max(1, width), max(1, height)
    return _down(_draw_flag(flag, width * SS, height * SS, SS), width, height)


def _draw_flag(flag: Flag, w: int, h: int, scale: float) -> pygame.Surface:
    """The flag drawn at w × h pixels, `scale` times its final size."""
    image = pygame.Surface((w, h), pygame.SRCALPHA)
    n = len(flag.colors)
    for i, colour in enumerate(flag.colors):
        if flag.stripes == "horizontal":
            top, bottom = round(i * h / n), round((i + 1) * h / n)
            image.fill(colour, pygame.Rect(0, top, w, bottom - top))
        else:
            left, right = round(i * w / n), round((i + 1) * w / n)
            image.fill(colour, pygame.Rect(left, 0, right - left, h))
    if flag.canton is not None:
        box = pygame.Rect(0, 0, round(w * CANTON_W), round(h * CANTON_H))
        image.fill(flag.canton, box)
        if flag.stars:
            _stars(image, box, scale)
    if (seal := flag.seal) is not None:
        radius = min(0.2 * h, 0.14 * w)
        centre = (w / 2, h / 2)
        dark = pygame.Color(seal).lerp((0, 0, 0), 0.45)
        pygame.draw.circle(image, dark, centre, radius)
        pygame.draw.circle(image, seal, centre, radius - max(scale, radius * 0.14))
    return image


def _stars(image: pygame.Surface, box: pygame.Rect, scale: float) -> None:
    """White stars in staggered rows on the canton `box`: the rows and their size follow
    the canton's final size (about one row per 5 px), dots when stars would blur."""
    rows = max(3, min(9, round(box.height / scale / 5) - 1))
    rows -= 1 - rows % 2  # odd, so the first and last rows are the long ones
    longest = (rows + 3) // 2
    dx, dy = box.width / (2 * longest), box.height / (rows + 1)
    radius = 0.45 * min(2 * dx, math.hypot(dx, dy))
    for row in range(rows):
        for col in range(longest - row % 2):
            x, y = box.x + dx * (2 * col + 1 + row % 2), box.y + dy * (row + 1)
            if radius / scale < STAR_MIN_RADIUS:
                pygame.draw.circle(image, STAR, (x, y), radius * 0.6)
            else:
                pygame.draw.polygon(image, STAR, [(x + cx * radius, y + cy * radius)
                                                  for cx, cy in UNIT_STAR])


def badge(emblem: Emblem, size: int) -> pygame.Surface:
    """A leader's round badge of `size` pixels: his flag (or, without one, his stripes
    and initials) in a circle with a thin ring; outside the circle is transparent."""
    return _badge(emblem.initials, tuple(emblem.colors), emblem.flag, max(4, size))


def ring_width(size: int) -> float:
    """The width in pixels of the ring round a badge of `size` pixels."""
    return max(1.5, size / 28)


@lru_cache(maxsize=16)
def _badge(initials: str, colours: tuple[str, ...], drawn: Flag | None,
           size: int) -> pygame.Surface:
    """The cached badge (see `badge`)."""
    big, middle = size * SS, (size * SS / 2, size * SS / 2)
    stripes = drawn
    if stripes is None:  # no flag in the content: its stripes, as a flag
        from game.models.content import Flag

        stripes = Flag(stripes="vertical", colors=colours)
    image = _draw_flag(stripes, big, big, SS)
    inner, far = big / 2 - ring_width(size) * SS, big * 0.75
    pygame.draw.circle(image, RING, middle, far, round(far - inner))  # the ring, and beyond
    mask = pygame.Surface((big, big), pygame.SRCALPHA)
    mask.fill((255, 255, 255, 0))
    pygame.draw.circle(mask, (255, 255, 255, 255), middle, big / 2)
    # Clear outside the circle but keep the ring's colour there, so its smoothed edge
    # stays its colour (a blit onto clear pixels would copy the source's black).
    image.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
    image = _down(image, size, size)
    if drawn is None:
        _initials(image, initials, size / 2 - ring_width(size) - 1)
    return image


def _initials(image: pygame.Surface, initials: str, inside: float) -> None:
    """Centre `initials` (light on a dark outline) on `image`, the whole of them inside a
    circle of radius `inside`: the largest bold size that fits, else the first two letters
    at 8 px, else those shrunk to fit."""
    tries = [(initials, points) for points in range(max(8, image.get_width() * 2 // 5), 7, -1)]
    for text, points in [*tries, (initials[:2], 8)]:
        label = _label(text, points)
        w, h = label.get_size()
        if math.hypot(w, h) / 2 <= inside:
            break
    else:  # even two letters at 8 px are too big: shrink them
        shrink = inside / (math.hypot(w, h) / 2) * 0.98
        w, h = int(w * shrink), int(h * shrink)
        if h < 3:
            return  # too small to read: a plain badge says more than a smudge
        label = _down(label, w, h)
    size = image.get_width()
    image.blit(label, ((size - w) // 2, (size - h) // 2))


def _label(text: str, points: int) -> pygame.Surface:
    """`text` in bold, light on a one-pixel dark outline, cropped to its ink."""
    font = theme.font(points, bold=True)
    glyphs = font.render(text, True, theme.TEXT)
    outline = font.render(text, True, theme.BG)
    image = pygame.Surface((glyphs.get_width() + 2, glyphs.get_height() + 2), pygame.SRCALPHA)
    for dx, dy in ((0, 0), (1, 0), (2, 0), (0, 1), (2, 1), (0, 2), (1, 2), (2, 2)):
        image.blit(outline, (dx, dy))
    image.blit(glyphs, (1, 1))
    return image.subsurface(image.get_bounding_rect()).copy()


class _Pen:
    """Draws one colour on a transparent canvas in unit coordinates; `on=False` cuts."""

    def __init__(self, size: int, colour: Rgb) -> None:
        self.k = size * SS
        self.inks = ((*colour, 0), (*colour, 255))  # indexed by `on`: cut, ink
        self.image = pygame.Surface((self.k, self.k), pygame.SRCALPHA)
        self.image.fill(self.inks[0])

    def poly(self, points: Sequence[Point], on: bool = True) -> None:
        """A filled polygon."""
        pygame.draw.polygon(self.image, self.inks[on], [(x * self.k, y * self.k)
                                                        for x, y in points])

    def disc(self, centre: Point, radius: float, on: bool = True) -> None:
        """A filled circle."""
        k = self.k
        pygame.draw.circle(self.image, self.inks[on], (centre[0] * k, centre[1] * k), radius * k)

    def box(self, x0: float, y0: float, x1: float, y1: float, round_: float = 0,
            on: bool = True) -> None:
        """A filled rectangle from (x0, y0) to (x1, y1), corners rounded by `round_`."""
        k = self.k
        rect = pygame.Rect(round(x0 * k), round(y0 * k), round((x1 - x0) * k),
                           round((y1 - y0) * k))
        pygame.draw.rect(self.image, self.inks[on], rect, border_radius=round(round_ * k))

    def limb(self, points: Sequence[Point], width: float) -> None:
        """A thick line through `points` with round ends and joints."""
        half = width / 2
        for a, b in pairwise(points):
            length = math.dist(a, b) or 1
            nx, ny = (b[1] - a[1]) / length * half, (a[0] - b[0]) / length * half
            self.poly([(a[0] + nx, a[1] + ny), (b[0] + nx, b[1] + ny),
                       (b[0] - nx, b[1] - ny), (a[0] - nx, a[1] - ny)])
        for p in points:
            self.disc(p, half)


def _truck(pen: _Pen) -> None:
    """Trade: a lorry facing right, its cargo box, cab, window and two wheels."""
    pen.box(0.03, 0.2, 0.6, 0.66, 0.04)
    pen.poly([(0.66, 0.34), (0.82, 0.34), (0.97, 0.54), (0.97, 0.74), (0.66, 0.74)])
    pen.box(0.03, 0.6, 0.97, 0.74)
    pen.poly([(0.72, 0.41), (0.79, 0.41), (0.88, 0.54), (0.72, 0.54)], on=False)
    for x in (0.24, 0.8):
        pen.disc((x, 0.78), 0.155, on=False)
        pen.disc((x, 0.78), 0.11)


def _walker(pen: _Pen) -> None:
    """Migration: a person walking right, mid-stride, with limbs thick enough to read
    at 16 px."""
    pen.disc((0.58, 0.13), 0.12)
    pen.limb([(0.54, 0.34), (0.46, 0.58)], 0.2)
    pen.limb([(0.46, 0.58), (0.61, 0.74), (0.7, 0.92)], 0.14)
    pen.limb([(0.46, 0.58), (0.36, 0.76), (0.2, 0.9)], 0.14)
    pen.limb([(0.53, 0.35), (0.65, 0.47), (0.78, 0.5)], 0.12)
    pen.limb([(0.51, 0.35), (0.38, 0.47), (0.29, 0.59)], 0.12)


def _shield_half(inset: float) -> list[Point]:
    """The left half of a shield's edge, `inset` inside the full shield, from the peak
    down: a shoulder, a straight side, then a curved flank to the point at the bottom."""
    side, foot, point = 0.12 + inset, 0.5, 0.95 - inset * 1.4
    flank = [((1 - t) ** 2 * side + 2 * (1 - t) * t * (side + 0.02) + t * t * 0.5,
              (1 - t) ** 2 * foot + 2 * (1 - t) * t * (0.8 - inset) + t * t * point)
             for t in (i / 10 for i in range(1, 11))]  # a quadratic curve
    return [(0.5, 0.06 + inset), (side, 0.16 + inset * 0.6), (side, foot), *flank]


def _shield(pen: _Pen) -> None:
    """Security: a shield, its right half hollowed so it reads as a shield, not a blob."""
    half = _shield_half(0)
    pen.poly(half + [(1 - x, y) for x, y in reversed(half[1:-1])])
    pen.poly([(1 - x, y) for x, y in _shield_half(0.1)], on=False)


def _house(pen: _Pen) -> None:
    """Domestic: a house with a chimney and a door."""
    pen.box(0.66, 0.1, 0.78, 0.4)
    pen.poly([(0.5, 0.05), (0.97, 0.48), (0.03, 0.48)])
    pen.box(0.16, 0.44, 0.84, 0.94)
    pen.box(0.41, 0.62, 0.59, 0.94, on=False)


def _bubbles(pen: _Pen) -> None:
    """Diplomacy: two speech bubbles, one answering the other."""
    pen.box(0.02, 0.06, 0.64, 0.52, 0.13)
    pen.poly([(0.12, 0.46), (0.3, 0.46), (0.08, 0.66)])
    pen.box(0.28, 0.3, 1.0, 0.84, 0.18, on=False)
    pen.box(0.36, 0.38, 0.96, 0.8, 0.13)
    pen.poly([(0.7, 0.74), (0.88, 0.74), (0.92, 0.96)])


FRONT_ICONS: dict[str, Callable[[_Pen], None]] = {
    "trade": _truck, "migration": _walker, "security": _shield}
CATEGORY_ICONS: dict[str, Callable[[_Pen], None]] = {
    **FRONT_ICONS, "domestic": _house, "diplomacy": _bubbles}
ARROWS: dict[str, list[Point]] = {"up": [(0.5, 0.16), (0.92, 0.84), (0.08, 0.84)],
                                  "down": [(0.08, 0.16), (0.92, 0.16), (0.5, 0.84)]}


@lru_cache(maxsize=128)
def _icon(shape: str, size: int, colour: Rgb) -> pygame.Surface:
    """The cached icon `shape` (a category, an arrow, or anything else: a plain dot) of
    `size` pixels in `colour`."""
    pen = _Pen(size, colour)
    if shape in CATEGORY_ICONS:
        CATEGORY_ICONS[shape](pen)
    elif shape in ARROWS:
        pen.poly(ARROWS[shape])
    else:
        pen.disc((0.5, 0.5), 0.28)
    return _down(pen.image, size, size)


def front_icon(front: str, size: int, colour: ColorLike) -> pygame.Surface:
    """The icon of a front, `size` pixels square, `colour` on transparent: a lorry for
    trade, a walking person for migration, a shield for security. Another name is a
    ValueError (the fronts are a closed set)."""
    if front not in FRONT_ICONS:
        raise ValueError(f"no front called {front!r}: one of {', '.join(FRONT_ICONS)}")
    return _icon(front, max(1, size), _rgb(colour))


def category_icon(category: str, size: int, colour: ColorLike) -> pygame.Surface:
    """The icon of a card category: the fronts' icons, a house for domestic, two speech
    bubbles for diplomacy, and a plain dot for any category it does not know."""
    shape = category if category in CATEGORY_ICONS else "dot"
    return _icon(shape, max(1, size), _rgb(colour))


def arrow(direction: Literal["up", "down"], size: int, colour: ColorLike) -> pygame.Surface:
    """A filled triangle pointing `direction` ("up" or "down"), for a rise or a fall."""
    if direction not in ARROWS:
        raise ValueError(f"an arrow points 'up' or 'down', not {direction!r}")
    return _icon(direction, max(1, size), _rgb(colour))
