"""Drives a real App with real SDL events on the dummy video driver (shared by the UI tests)."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame

from game.models.bundle import Content
from game.ui.main import make_app
from game.ui.router import Push
from game.ui.scene import Scene
from game.ui.settings import Settings


class Driver:
    """Sends keys and clicks to a real App, runs its loop and notes the scenes shown."""

    def __init__(self, tmp: Path, size: tuple[int, int] = (1280, 720), text_size: int = 0,
                 settings_path: Path | None = None) -> None:
        self.settings_path = settings_path or tmp / "settings.json"
        self.app = make_app(size=size, settings=Settings(animation="off", text_size=text_size),
                       settings_path=self.settings_path, save_dir=tmp / "saves",
                       offscreen=True)
        self.app.start()  # the title at once; the content loads in the background
        self.seen: list[str] = [self.app.scene.name]
        assert self.app.load_content().content is not None
        self.step()

    @property
    def content(self) -> Content:
        return self.app.content

    def open(self, scene: Scene) -> None:
        """Open a screen above the current one, as a button would."""
        self.app.router.apply(Push(scene))
        self.step()

    def step(self, times: int = 2) -> None:
        for _ in range(times):
            self.app.step()
            name = self.app.scene.name if self.app.scenes else "closed"
            if name != self.seen[-1]:
                self.seen.append(name)

    def key(self, key: int, mod: int = 0, unicode: str = "") -> None:
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod,
                                             unicode=unicode, scancode=0))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, scancode=0))
        self.step()

    def click(self, pos: tuple[int, int]) -> None:
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0),
                                             buttons=(0, 0, 0)))
        self.step(1)
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
        self.step(1)
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
        self.step()

    def click_button(self, name: str) -> None:
        item = next(i for i in self.app.scene.focus.items if i.name == name)
        self.click(item.rect().center)

    @property
    def focused(self) -> str:
        current = self.app.scene.focus.current
        return current.name if current is not None else ""
