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
    from game.content.mods import Mod
    from game.models.bundle import Content

#: Posted when the background load ends; it wakes the window's loop.
CONTENT_LOADED = pygame.event.custom_type()
#: Posted when the mods screen has checked every mod. Made here, with the window: pygame
#: numbers its event types afresh after `pygame.quit()`, so a type made by a module
#: imported later could take the number of one of pygame_gui's.
MODS_CHECKED = pygame.event.custom_type()


class ContentLoader:
    """Loads and validates the content once, in the background or now: the base game, the
    mods turned on (unless `mods` is False), then the `packs` given."""

    def __init__(self, packs: list[Path], mods: bool = True) -> None:
        self.given = packs
        self.mods = mods
        self._content: Content | None = None
        self._result: LoadResult | None = None
        self._thread: threading.Thread | None = None
        #: mods left out of the game because of their errors
        self.left_out: list[Mod] = []

    @property
    def packs(self) -> list[Path]:
        """The packs after the base game: those loaded once loaded (mods too), else those
        given."""
        if self._result is not None and self._result.content is not None:
            return [Path(folder) for folder in self._result.content.extra_folders]
        return self.given

    def notice(self) -> str:
        """The sentence naming the mods left out of the game, if any."""
        from game.content.mods import left_out_sentence

        return left_out_sentence(self.left_out) if self.left_out else ""

    def _load(self) -> None:
        from game.content.mods import load_with_mods

        loaded = load_with_mods(self.given, use_mods=self.mods)
        self.left_out = loaded.left_out
        self._content = loaded.result.content
        self._result = loaded.result

    def load(self) -> LoadResult:
        """The content, loaded and validated once (waits for the background load)."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        if self._result is None:
            self._load()
        assert self._result is not None
        return self._result

    def start(self) -> None:
        """Load on another thread; CONTENT_LOADED is posted when it ends."""
        def work() -> None:
            self._load()
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
