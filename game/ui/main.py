"""Scene names to scene classes, and the window's entry point.

The only module that knows every scene: scenes ask the app for the next one by
name (`app.make("menu", table)`), so none of them imports another.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pygame

from game.ui.app import App
from game.ui.scene import Scene
from game.ui.window import WindowUnavailable


# Each scene module is imported when its scene is first shown, not at start-up: the
# title must be on screen before the game's models and saves are even imported.
def _title() -> type[Scene]:
    from game.ui.scenes.title import TitleScene
    return TitleScene


def _setup() -> type[Scene]:
    from game.ui.scenes.setup import SetupScene
    return SetupScene


def _game() -> type[Scene]:
    from game.ui.scenes.game.board import BoardScene
    return BoardScene


def _news() -> type[Scene]:
    from game.ui.scenes.game.news import NewsOverlay
    return NewsOverlay


def _handover() -> type[Scene]:
    from game.ui.scenes.game.handover import HandoverScene
    return HandoverScene


def _resolution() -> type[Scene]:
    from game.ui.scenes.game.resolution import ResolutionOverlay
    return ResolutionOverlay


def _why() -> type[Scene]:
    from game.ui.scenes.game.why import WhyOverlay
    return WhyOverlay


def _menu() -> type[Scene]:
    from game.ui.scenes.game.menu import MenuOverlay
    return MenuOverlay


def _end() -> type[Scene]:
    from game.ui.scenes.end import EndScene
    return EndScene


def _chart() -> type[Scene]:
    from game.ui.scenes.chart import ChartScene
    return ChartScene


def _help() -> type[Scene]:
    from game.ui.scenes.help import HelpScene
    return HelpScene


def _settings() -> type[Scene]:
    from game.ui.scenes.settings import SettingsScene
    return SettingsScene


def _saves() -> type[Scene]:
    from game.ui.scenes.saves import SavesScene
    return SavesScene


def _replay() -> type[Scene]:
    from game.ui.scenes.replay import ReplayScene
    return ReplayScene


def _confirm() -> type[Scene]:
    from game.ui.scenes.confirm import ConfirmOverlay
    return ConfirmOverlay


def _join() -> type[Scene]:
    from game.ui.scenes.join import JoinScene
    return JoinScene


def _remote() -> type[Scene]:
    from game.ui.scenes.remote import RemoteBoard
    return RemoteBoard


def _mods() -> type[Scene]:
    from game.ui.scenes.mods import ModsScene
    return ModsScene


def _error() -> type[Scene]:
    from game.ui.scenes.error import ErrorScene
    return ErrorScene


SCENES: dict[str, Callable[[], type[Scene]]] = {
    "title": _title, "setup": _setup, "game": _game, "end": _end, "chart": _chart,
    "help": _help, "settings": _settings, "saves": _saves, "error": _error,
    "replay": _replay, "news": _news, "resolution": _resolution, "why": _why, "menu": _menu,
    "confirm": _confirm, "handover": _handover, "join": _join, "remote": _remote,
    "mods": _mods,
}


def _route(load: Callable[[], type[Scene]]) -> Callable[..., Scene]:
    """A maker of the scene `load` gives, imported on its first use."""
    def make(app: App, *args: Any) -> Scene:
        return load()(app, *args)
    return make


ROUTES: dict[str, Callable[..., Scene]] = {name: _route(load) for name, load in SCENES.items()}


def make_app(**options: Any) -> App:
    """A window that knows every scene (options as for `App`)."""
    return App(routes=ROUTES, **options)


def main(size: tuple[int, int] = (1280, 720), save_dir: Path | None = None,
         packs: list[Path] | None = None, language: str | None = None,
         mods: bool = True) -> int:
    """Open the window and play (in `language`, if given; with the mods folder's mods
    unless `mods` is False); raises WindowUnavailable when no window can open."""
    try:
        app = make_app(size=size, save_dir=save_dir, packs=packs, language=language,
                       mods=mods)
    except pygame.error as exc:  # set_mode on a display that went away
        raise WindowUnavailable(str(exc)) from None
    app.start()
    return app.run()
