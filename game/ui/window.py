"""Opening the game's window, or saying plainly why none can open."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

import pygame

from game.ui import draw, theme

#: Names a file for the trace (see Trace): set by the end-to-end tests.
TRACE_VARIABLE = "UNLIKELY_ALLIES_TRACE"


class WindowUnavailable(Exception):
    """No window can open here: no display, or SDL found no video device."""


def set_minimum(size: tuple[int, int]) -> None:
    """Ask the window system not to let the window shrink below `size` (where it can)."""
    import warnings

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            pygame.Window.from_display_module().minimum_size = size
    except (pygame.error, AttributeError):  # no window yet, or an older pygame-ce
        pass


def open_window(size: tuple[int, int], fullscreen: bool, offscreen: bool) -> pygame.Surface:
    """The window (drawn in memory with `offscreen`); WindowUnavailable if there is none."""
    if offscreen:  # drawn in memory, heard by nobody
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
        os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    try:
        pygame.display.init()
    except pygame.error as exc:
        raise WindowUnavailable(str(exc)) from None
    chosen = os.environ.get("SDL_VIDEODRIVER", "")
    if not offscreen and pygame.display.get_driver() in ("offscreen", "dummy") \
            and chosen not in ("offscreen", "dummy"):
        # SDL falls back to drawing into memory when it finds no display: a window
        # nobody can see would wait for input forever.
        pygame.display.quit()
        raise WindowUnavailable("SDL found no video device")
    pygame.font.init()
    theme.font.cache_clear()  # fonts made before a pygame.quit() are dead
    draw.clear_caches()
    flags = pygame.RESIZABLE
    if fullscreen and not offscreen:
        flags |= pygame.FULLSCREEN
        size = (0, 0)
    window = pygame.display.set_mode(size, flags)
    pygame.display.set_caption("Unlikely Allies")
    pygame.key.set_repeat(350, 40)
    return window


class Trace:
    """A file to which the window writes one line per key, click and button it handled,
    so that an end-to-end test can wait for each step instead of sleeping, and knows
    where to click next: `key h scene=game:turn 3 at card-0=80,520 play=1060,680` (what
    was handled, the scenes then in view and a few words from the top one, and where
    the top one's focusable parts are, by name, the focused one marked with a star)."""

    def __init__(self, path: str) -> None:
        # Open for the window's whole life; the app closes it when the player quits.
        self.file = open(path, "a", encoding="utf-8", buffering=1)  # noqa: SIM115

    @classmethod
    def from_environment(cls) -> Trace | None:
        """The trace file named by TRACE_VARIABLE, if any."""
        path = os.environ.get(TRACE_VARIABLE)
        return cls(path) if path else None

    def write(self, what: str, shown: Sequence[Any]) -> None:
        """A line: `what`, then the scenes in view (bottom first) and the top one's parts."""
        if not shown:
            self.file.write(f"{what} scene=- at\n")
            return
        top = shown[-1]
        names = "/".join(scene.name for scene in shown)
        words = top.trace_words()
        focused = top.focus.current
        places = " ".join(f"{'*' if item is focused else ''}{item.name}="
                          f"{rect.centerx},{rect.centery}"
                          for item in top.focus.items if (rect := item.rect()).width)
        self.file.write(f"{what} scene={names}{':' + words if words else ''} at {places}\n")

    def close(self) -> None:
        """Close the file."""
        self.file.close()
