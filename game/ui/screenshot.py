"""Render one scene offscreen to a PNG, after playing a seed to a given turn."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.core.orders import ChooseOption, Hold
from game.core.state import CHOICE, OVER, UPKEEP
from game.session import Session
from game.ui.app import App
from game.ui.main import make_app
from game.ui.router import Reset
from game.ui.scene import Scene
from game.ui.settings import Settings

SCENES = ("title", "setup", "game", "card-focus", "event", "resolution", "why", "menu", "chart",
          "end", "replay", "saves", "settings", "help", "about", "handover")


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


def _transition(app: App, scene: str, side: str, seed: int, turn: int,
                scenario: str) -> Reset[Scene]:
    """The scenes, bottom first, that show `scene`."""
    from game.ui.scenes.game.board import BoardScene
    from game.ui.scenes.replay import ReplayScene
    from game.ui.scenes.setup import SetupScene

    if scene == "title":
        return Reset(app.make("title"))
    if scene == "setup":
        setup = SetupScene(app)
        setup.pick_scenario(scenario)
        setup.pick_side(side)
        return Reset(app.make("title"), setup)
    if scene in ("help", "about"):
        return Reset(app.make("help", "about" if scene == "about" else "rules"))
    if scene in ("saves", "settings"):
        if scene == "saves":
            for label, at in (("before-the-tariffs", 5), ("autosave", turn),
                              ("after-culiacan", 12)):
                _played(app, side, seed, at).save(label)
        return Reset(app.make("title"), app.make(scene))
    if scene in ("end", "replay"):
        session = _played(app, side, seed, 99, scenario=scenario)
        if scene == "end":
            return Reset(app.make("end", session, side))
        replay = ReplayScene(app, session, side)
        replay.show(turn - 1)
        return Reset(app.make("end", session, side), replay)
    session = _played(app, side, seed, turn, want_choice=scene == "event", scenario=scenario)
    if scene == "handover":  # two players at one computer
        session.agents.clear()
    if scene != "event":  # the board itself: the month opened, its news decided and read
        if session.state.phase == UPKEEP:
            session.begin_turn()
        while session.state.phase == CHOICE and (side in session.state.pending or
                                                 not session.agents):
            session.choose(ChooseOption(session.state.pending[0], 0))
    board = BoardScene(app, session, side)
    table = board.table
    if scene != "event":
        table.news_seen = len(table.month_news())
    scenes: list[Scene] = [board]
    if scene == "card-focus":
        board.select(0)
    elif scene == "resolution":
        board.select(len(table.hand()))
        table.play(Hold(side))
        scenes.append(app.make("resolution", table))
    elif scene in ("why", "menu"):
        scenes.append(app.make(scene, table))
    elif scene == "chart":
        scenes.append(app.make("chart", session))
    elif scene == "handover":  # the first seat's card held, the computer passes on
        table.sit(side)
        table.play(Hold(side))
        scenes.append(app.make("handover", table, "trump" if side == "amlo" else "amlo"))
    return Reset(*scenes)


def render(scene: str, out: Path, side: str = "amlo", seed: int = 1, turn: int = 1,
           size: tuple[int, int] = (1280, 720), text_size: int = 0,
           save_dir: Path | None = None, scenario: str = "full_term",
           effects: str = "exact", language: str | None = None) -> Path:
    """Draw `scene` and write it to `out` (in `language`, if given)."""
    settings = Settings(text_size=text_size, animation="off", effects=effects)
    app = make_app(size=size, settings=settings, save_dir=save_dir, offscreen=True,
                   language=language)
    result = app.load_content()
    if result.content is not None and scenario not in result.content.scenarios:
        raise UnknownScenario(f"no scenario '{scenario}'; choose from: "
                              f"{', '.join(result.content.scenarios)}")
    if result.content is None:
        app.start()
    else:
        app.router.apply(_transition(app, scene, side, seed, turn, scenario))
    for _ in range(3):
        app.step()
    app.render()
    out.parent.mkdir(parents=True, exist_ok=True)
    pygame.image.save(app.window, str(out))
    pygame.quit()
    return out
