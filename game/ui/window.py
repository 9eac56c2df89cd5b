"""Opening the game's window, or saying plainly why none can open."""

from __future__ import annotations

import os

import pygame

from game.ui import draw, theme


class WindowUnavailable(Exception):
    """No window can open here: no display, or SDL found no video device."""


def open_window(size: tuple[int, int], fullscreen: bool, offscreen: bool) -> pygame.Surface:
    """The window (drawn in memory with `offscreen`); WindowUnavailable if there is none."""
    if offscreen:
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
