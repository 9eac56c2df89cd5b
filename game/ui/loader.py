"""The game's content, loaded once for the window, on another thread while the title
shows: YAML and pydantic are pure Python work, and the title must not wait for them.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

if TYPE_CHECKING:
    from game.content.loader import LoadResult
    from game.models.bundle import Content

#: Posted when the background load ends; it wakes the window's loop.
CONTENT_LOADED = pygame.event.custom_type()


class ContentLoader:
    """Loads and validates the content (with any packs) once, in the background or now."""

    def __init__(self, packs: list[Path]) -> None:
        self.packs = packs
        self._content: Content | None = None
        self._result: LoadResult | None = None
        self._thread: threading.Thread | None = None

    def load(self) -> LoadResult:
        """The content, loaded and validated once (waits for the background load)."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        if self._result is None:
            from game.content import load_game_content

            self._result = load_game_content(self.packs)
            self._content = self._result.content
        return self._result

    def start(self) -> None:
        """Load on another thread; CONTENT_LOADED is posted when it ends."""
        def work() -> None:
            from game.content import load_game_content

            result = load_game_content(self.packs)
            self._content = result.content
            self._result = result
            pygame.event.post(pygame.event.Event(CONTENT_LOADED))

        self._thread = threading.Thread(target=work, name="content-loader", daemon=True)
        self._thread.start()

    @property
    def ready(self) -> bool:
        """True once the content has been loaded (successfully or not)."""
        return self._result is not None

    @property
    def content(self) -> Content | None:
        """The validated content if it loaded without errors, else None (never waits)."""
        return self._content if self.ready else None
