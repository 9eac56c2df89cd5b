"""What the keyboard can reach on a screen, and the ring that moves between them.

Tab and the arrow keys move the focus; Enter (or Space) activates it. A focusable is
either a pygame_gui button (shown focused by selecting it) or an area the scene draws
itself (shown with a ring).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pygame
import pygame_gui

from game.ui import draw


@dataclass
class Focusable:
    """Something the keyboard can reach: a pygame_gui button or a drawn area."""

    rect: Callable[[], pygame.Rect]
    action: Callable[[], Any]
    button: pygame_gui.elements.UIButton | None = None
    name: str = ""

    @classmethod
    def at(cls, rect: pygame.Rect, action: Callable[[], Any], name: str) -> Focusable:
        """A drawn area that stays where it is."""
        return cls(lambda: rect, action, None, name)


@dataclass
class FocusRing:
    """Tab and arrow keys move the focus; Enter activates it."""

    items: list[Focusable] = field(default_factory=list)
    index: int = 0

    def clear(self) -> None:
        """Forget every focusable (the scene is being rebuilt)."""
        self.items.clear()
        self.index = 0

    def add(self, item: Focusable) -> Focusable:
        """Register a focusable, in Tab order."""
        self.items.append(item)
        return item

    @property
    def current(self) -> Focusable | None:
        """The focused item."""
        return self.items[self.index] if self.items else None

    def move(self, step: int) -> None:
        """Move the focus by `step` items, wrapping around."""
        if self.items:
            self.index = (self.index + step) % len(self.items)
            self.sync()

    def focus(self, name: str) -> bool:
        """Focus the item called `name`; False when there is none."""
        for i, item in enumerate(self.items):
            if item.name == name:
                self.index = i
                self.sync()
                return True
        return False

    def sync(self) -> None:
        """Show the focus on pygame_gui buttons by selecting the focused one."""
        for i, item in enumerate(self.items):
            if item.button is not None:
                if i == self.index:
                    item.button.select()
                else:
                    item.button.unselect()

    def draw(self, surface: pygame.Surface) -> None:
        """The focus ring around a drawn (non-button) item."""
        item = self.current
        if item is not None and item.button is None:
            draw.focus_ring(surface, item.rect())


