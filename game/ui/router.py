"""Scene names to scene classes, and the window's entry point.

The only module that knows every scene: scenes ask the app for the next one by
name, so none of them imports another.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pygame

from game.ui.app import App, Scene, WindowUnavailable
from game.ui.scenes.chart import ChartScene
from game.ui.scenes.end import EndScene
from game.ui.scenes.error import ErrorScene
from game.ui.scenes.game import GameScene
from game.ui.scenes.help import HelpScene
from game.ui.scenes.saves import SavesScene
from game.ui.scenes.settings import SettingsScene
from game.ui.scenes.setup import SetupScene
from game.ui.scenes.title import TitleScene

ROUTES: dict[str, Callable[..., Scene]] = {
    "title": TitleScene,
    "setup": SetupScene,
    "game": GameScene,
    "end": EndScene,
    "chart": ChartScene,
    "help": HelpScene,
    "settings": SettingsScene,
    "saves": SavesScene,
    "error": ErrorScene,
}


def make_app(**options: Any) -> App:
    """A window that knows every scene (options as for `App`)."""
    return App(routes=ROUTES, **options)


def main(size: tuple[int, int] = (1280, 720), save_dir: Path | None = None,
         packs: list[Path] | None = None) -> int:
    """Open the window and play; raises WindowUnavailable when no window can open."""
    try:
        app = make_app(size=size, save_dir=save_dir, packs=packs)
    except pygame.error as exc:  # set_mode on a display that went away
        raise WindowUnavailable(str(exc)) from None
    app.start()
    return app.run()
