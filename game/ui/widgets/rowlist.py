"""A list of rows of different heights in a panel, scrolled to keep one row in view."""

from __future__ import annotations

from collections.abc import Callable

import pygame

#: Room kept around the rows for the focus ring, and for the scroll bar when shown.
RING, BAR = 10, 14


class RowList:
    """Which rows show in a panel: their heights, the first in view, a scroll bar or not."""

    def __init__(self) -> None:
        self.heights: list[int] = []
        self.first = 0  # the first row in view
        self.scrolling = False  # the rows do not all fit: a scroll bar shows
        self.gap = 8

    def inner(self, panel: pygame.Rect) -> pygame.Rect:
        """Where the rows are drawn in `panel`."""
        inner = panel.inflate(-2 * RING, -2 * RING)
        if self.scrolling:
            inner.width -= BAR
        return inner

    def fit(self, panel: pygame.Rect, measure: Callable[[int], list[int]], gap: int) -> None:
        """Measure the rows at the panel's width (narrower if they need a scroll bar)."""
        self.gap = gap
        self.scrolling = False
        inner = self.inner(panel)
        self.heights = measure(inner.width)
        if sum(self.heights) + gap * max(0, len(self.heights) - 1) > inner.height:
            self.scrolling = True
            self.heights = measure(self.inner(panel).width)

    def visible(self, panel: pygame.Rect) -> list[tuple[int, pygame.Rect]]:
        """The rows in view, from `first` down, with their rectangles (at least one)."""
        inner = self.inner(panel)
        out: list[tuple[int, pygame.Rect]] = []
        y = inner.y
        for index in range(self.first, len(self.heights)):
            height = self.heights[index]
            if y + height > inner.bottom and out:
                break
            out.append((index, pygame.Rect(inner.x, y, inner.width,
                                           min(height, inner.bottom - y))))
            y += height + self.gap
        return out

    def rect_of(self, panel: pygame.Rect, index: int) -> pygame.Rect:
        """Where row `index` is drawn; an empty rectangle when it is out of view."""
        for shown, rect in self.visible(panel):
            if shown == index:
                return rect
        inner = self.inner(panel)
        return pygame.Rect(inner.x, inner.y, 0, 0)

    def show(self, panel: pygame.Rect, index: int) -> None:
        """Scroll so that row `index` is in view."""
        if not self.heights:
            self.first = 0
            return
        self.first = max(0, min(self.first, index, len(self.heights) - 1))
        while self.first < index and all(i != index for i, _r in self.visible(panel)):
            self.first += 1
