"""Render one scene offscreen to a PNG, after playing a seed to a given turn."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.core.state import CHOICE, OVER, UPKEEP
from game.session import Session
from game.ui.app import App
from game.ui.router import make_app
from game.ui.settings import Settings

SCENES = ("title", "setup", "game", "card-focus", "event", "resolution", "why", "menu", "chart",
          "end", "replay", "saves", "settings", "help", "about")


class UnknownScenario(ValueError):
    """The scenario asked for is not in the content."""


def _played(app: App, side: str, seed: int, turn: int, want_choice: bool = False,
            scenario: str = "full_term") -> Session:
    """A game of `seed` played by agents up to the start of `turn`, `side` then human."""
    other = "trump" if side == "amlo" else "amlo"
    session = Session.new(app.content, scenario, seed, {side: "greedy", other: "reciprocal"},
                          save_dir=app.save_dir)
    while session.state.phase != OVER:
        if session.state.phase == UPKEEP:
            if session.state.turn >= turn and not want_choice:
                break
            session.begin_turn(agents_choose=False)
            if want_choice and session.state.turn >= turn and side in session.state.pending:
                del session.agents[side]
                session.agents_choose()
                return session
            session.agents_choose()
        session.resolve({})
    del session.agents[side]
    return session


def render(scene: str, out: Path, side: str = "amlo", seed: int = 1, turn: int = 1,
           size: tuple[int, int] = (1280, 720), text_size: int = 0,
           save_dir: Path | None = None, scenario: str = "full_term",
           effects: str = "exact") -> Path:
    """Draw `scene` and write it to `out`."""
    from game.ui.scenes.end import EndScene
    from game.ui.scenes.game import GameScene
    from game.ui.scenes.help import HelpScene
    from game.ui.scenes.setup import SetupScene
    from game.ui.scenes.title import TitleScene

    settings = Settings(text_size=text_size, animation="off", effects=effects)
    app = make_app(size=size, settings=settings, save_dir=save_dir, offscreen=True)
    result = app.load_content()
    if result.content is not None and scenario not in result.content.scenarios:
        raise UnknownScenario(f"no scenario '{scenario}'; choose from: "
                         f"{', '.join(result.content.scenarios)}")
    if result.content is None:
        app.start()
    elif scene == "title":
        app.reset(TitleScene(app))
    elif scene == "setup":
        app.reset(TitleScene(app))
        setup = SetupScene(app)
        setup.pick_scenario(scenario)
        setup.pick_side(side)
        app.push(setup)
    elif scene in ("help", "about"):
        app.reset(HelpScene(app, "about" if scene == "about" else "rules"))
    elif scene == "saves":
        from game.ui.scenes.saves import SavesScene

        for label, at in (("before-the-tariffs", 5), ("autosave", turn), ("after-culiacan", 12)):
            _played(app, side, seed, at).save(label)
        app.reset(TitleScene(app))
        app.push(SavesScene(app))
    elif scene == "settings":
        from game.ui.scenes.settings import SettingsScene

        app.reset(TitleScene(app))
        app.push(SettingsScene(app))
    elif scene == "end":
        session = _played(app, side, seed, 99, scenario=scenario)
        app.reset(EndScene(app, session, side))
    elif scene == "replay":
        from game.ui.scenes.replay import ReplayScene

        session = _played(app, side, seed, 99, scenario=scenario)
        app.reset(EndScene(app, session, side))
        replay = ReplayScene(app, session, side)
        app.push(replay)
        replay.show(turn - 1)
    else:
        session = _played(app, side, seed, turn, want_choice=scene == "event",
                          scenario=scenario)
        game = GameScene(app, session, side)
        app.reset(game)
        if scene != "event" and session.state.phase == CHOICE and side in session.state.pending:
            game.choose(0)
        if scene != "event":
            game.set_mode("board")
        if scene == "card-focus":
            game.select(0)
            game.hover = 0
        elif scene == "resolution":
            game.select(len(game.hand()))
            game.play_selected()
        elif scene in ("why", "menu"):
            game.set_mode(scene)
        elif scene == "chart":
            game.open_chart()
    for _ in range(3):
        app.step()
    app.render()
    out.parent.mkdir(parents=True, exist_ok=True)
    pygame.image.save(app.window, str(out))
    pygame.quit()
    return out
