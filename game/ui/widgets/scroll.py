"""Paragraphs at their full size in a box, scrolled when they do not all fit.

Larger text sizes make room this way instead of shrinking the text: the box shows
what fits, a bar on its right says how much more there is and where, and the wheel
or the page keys move through it. The scene keeps one `Scroll` per box (its place
in the text) and hands it the events.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import pygame

from game.ui import draw, theme
from game.ui.draw import Paragraph


class Block(Protocol):
    """Something other than text that a column can hold (a line of effects)."""

    def height(self, width: int, scale: float) -> int: ...

    def draw(self, surface: pygame.Surface, rect: pygame.Rect, scale: float) -> int: ...


Item = Paragraph | Block

#: Width kept at the right of a box for the scroll bar, at text scale 1.
BAR = 10
#: Space after each paragraph, as draw.fitted leaves.
GAP = 6
#: How much smaller than asked text may be drawn at the normal size before it scrolls.
SHRINK = 0.85


def heights(paragraphs: Sequence[Item], width: int, scale: float) -> list[int]:
    """How tall each paragraph is at its full size in a column `width` wide."""
    return [(draw.text_height(item[0], width, round(item[1] * scale), item[2])
             if isinstance(item, tuple) else item.height(width, scale)) + GAP
            for item in paragraphs]


def fits(paragraphs: Sequence[Item], rect: pygame.Rect, scale: float) -> bool:
    """The paragraphs fit `rect` at their full size."""
    return sum(heights(paragraphs, rect.width, scale)) <= rect.height


class Scroll:
    """Where one box of text is scrolled to, and how to draw it there."""

    def __init__(self) -> None:
        self.offset = 0  # pixels scrolled down
        self.total = 0  # the text's full height, as last drawn
        self.view = pygame.Rect(0, 0, 0, 0)  # the box, as last drawn

    @property
    def more(self) -> int:
        """How many pixels of text lie beyond the box (0: it all fits)."""
        return max(0, self.total - self.view.height)

    def by(self, pixels: int) -> bool:
        """Scroll by `pixels` (down if positive); True if the view moved."""
        before = self.offset
        self.offset = max(0, min(self.more, self.offset + pixels))
        return self.offset != before

    def handle(self, event: pygame.event.Event, scale: float, ends: bool = True) -> bool:
        """The wheel over the box, or Page Up / Page Down (and, with `ends`, Home / End):
        True if used."""
        step = round(3 * 24 * scale)
        if event.type == pygame.MOUSEWHEEL and self.view.collidepoint(pygame.mouse.get_pos()):
            return self.by(-event.y * step) or self.more > 0
        if event.type == pygame.KEYDOWN and self.more:
            page = max(step, self.view.height - step)
            moves = {pygame.K_PAGEDOWN: page, pygame.K_PAGEUP: -page,
                     pygame.K_END: self.more, pygame.K_HOME: -self.total}
            if event.key in moves and (ends or event.key in (pygame.K_PAGEDOWN,
                                                             pygame.K_PAGEUP)):
                self.by(moves[event.key])
                return True
        return False

    def column(self, surface: pygame.Surface, rect: pygame.Rect, paragraphs: Sequence[Item],
               scale: float) -> None:
        """The paragraphs in `rect`: at full size if they fit; at the normal text size a
        little smaller if that is enough (text only); else at full size, scrolled."""
        text = [item for item in paragraphs if isinstance(item, tuple)]
        if len(text) == len(paragraphs) and (fits(text, rect, scale) or (scale <= 1 and fits(
                [(t, round(size * SHRINK), b, c) for t, size, b, c in text], rect, scale))):
            self.view, self.total, self.offset = rect, 0, 0
            draw.fitted(surface, rect, text, scale)
        else:
            self.draw(surface, rect, paragraphs, scale)

    def draw(self, surface: pygame.Surface, rect: pygame.Rect, paragraphs: Sequence[Item],
             scale: float) -> None:
        """The paragraphs at full size in `rect`, from the scrolled place, with a bar
        at the right when they do not all fit."""
        bar = round(BAR * scale)
        column = rect.width
        sizes = heights(paragraphs, column, scale)
        if sum(sizes) > rect.height:  # make room for the bar, and measure again
            column = rect.width - bar - 4
            sizes = heights(paragraphs, column, scale)
        self.view = rect
        self.total = sum(sizes)
        self.offset = max(0, min(self.offset, self.more))
        clip = surface.get_clip()
        surface.set_clip(rect.clip(clip) if clip else rect)
        y = rect.y - self.offset
        for item, height in zip(paragraphs, sizes, strict=True):
            if y + height > rect.y and y < rect.bottom:
                if isinstance(item, tuple):
                    text, size, bold, colour = item
                    draw.text(surface, text, pygame.Rect(rect.x, y, column, height), round(
                        size * scale), colour, bold=bold)
                else:
                    item.draw(surface, pygame.Rect(rect.x, y, column, height), scale)
            y += height
        surface.set_clip(clip)
        if self.more:
            track = pygame.Rect(rect.right - bar, rect.y, bar, rect.height)
            pygame.draw.rect(surface, theme.BG, track, border_radius=bar // 2)
            thumb_h = max(bar * 2, rect.height * rect.height // self.total)
            top = rect.y + (rect.height - thumb_h) * self.offset // self.more
            pygame.draw.rect(surface, theme.MUTED, pygame.Rect(track.x, top, bar, thumb_h),
                             border_radius=bar // 2)
