"""Scene changes without a window: the router's stack, and the transition each scene
returns for a key, checked on scenes that are never drawn."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

pygame = pytest.importorskip("pygame")

from game.core.state import UPKEEP, GameState  # noqa: E402
from game.session import Session  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.focus import FocusRing  # noqa: E402
from game.ui.main import make_app  # noqa: E402
from game.ui.router import CHAIN_LIMIT, Pop, Push, Quit, Replace, Reset, Router  # noqa: E402
from game.ui.scenes.game.board import BoardScene  # noqa: E402
from game.ui.scenes.game.menu import MenuOverlay  # noqa: E402
from game.ui.scenes.game.news import NewsOverlay  # noqa: E402
from game.ui.scenes.game.resolution import ResolutionOverlay  # noqa: E402
from game.ui.scenes.game.why import WhyOverlay  # noqa: E402
from game.ui.settings import Settings  # noqa: E402

# -- the router alone ------------------------------------------------------------------


class Fake:
    """A scene as the router sees it; it notes what was done to it."""

    def __init__(self, name: str, log: list[str], then: Any = None) -> None:
        self.name, self.log, self.then = name, log, then
        self.focus = FocusRing()

    def build(self) -> None:
        self.log.append(f"build {self.name}")

    def teardown(self) -> None:
        self.log.append(f"teardown {self.name}")

    def entered(self) -> Any:
        then, self.then = self.then, None
        return then


def names(router: Router[Fake]) -> list[str]:
    return [scene.name for scene in router.stack]


def test_push_pop_replace_reset_and_quit() -> None:
    log: list[str] = []
    changes: list[int] = []
    router: Router[Fake] = Router(lambda: changes.append(1))
    router.apply(Push(Fake("title", log)))
    router.apply(Push(Fake("setup", log)))
    assert names(router) == ["title", "setup"]
    assert log == ["build title", "teardown title", "build setup"]  # only the top is built
    router.apply(Replace(Fake("game", log)))
    assert names(router) == ["title", "game"]
    router.apply(Pop())
    assert names(router) == ["title"] and log[-1] == "build title"
    router.apply(Reset(Fake("a", log), Fake("b", log)))
    assert names(router) == ["a", "b"]
    router.apply(Quit())
    assert router.stack == [] and router.top is None
    assert len(changes) == 6
    router.apply(None)
    assert len(changes) == 6  # nothing to do, nothing said


def test_a_scene_just_shown_can_move_on_at_once() -> None:
    log: list[str] = []
    router: Router[Fake] = Router()
    news = Fake("news", log, then=Pop())  # read at once, then closes itself
    board = Fake("board", log, then=Push(news))
    router.apply(Push(board))
    assert names(router) == ["board"]  # board -> news -> (news pops) -> board
    assert log.count("build board") == 2


def test_scenes_handing_the_stack_back_and_forth_are_stopped() -> None:
    class Restless(Fake):
        def entered(self) -> Any:
            return Replace(Restless(self.name, self.log))

    router: Router[Fake] = Router()
    with pytest.raises(RuntimeError, match=str(CHAIN_LIMIT)):
        router.apply(Push(Restless("spin", [])))


# -- real scenes, never drawn ------------------------------------------------------------


def key(code: int, mod: int = 0) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=code, mod=mod, unicode="", scancode=0)


def month_with_news_owed(app: App) -> Session:
    """A game at a month where AMLO (the human from now on) owes a decision on the news."""
    session = Session.new(app.content, "full_term", 4, {"amlo": "greedy", "trump": "reciprocal"})
    for _ in range(30):
        if session.state.phase == UPKEEP:
            session.begin_turn(agents_choose=False)
            if "amlo" in session.state.pending:
                del session.agents["amlo"]
                session.agents_choose()
                return session
            session.agents_choose()
        session.resolve({})
    pytest.fail("no news to decide on in 30 months")


def test_a_new_game_opens_its_first_month_and_its_news(app: App) -> None:
    session = Session.new(app.content, "full_term", 4, {"trump": "reciprocal"})
    app.router.apply(Reset(app.make("game", session, "amlo")))
    assert session.state.phase != UPKEEP  # the board opened the first month
    names = [scene.name for scene in app.scenes]
    assert names == (["game", "news"] if session.state.log[-1]["news"] else ["game"])


def board_after_the_first_news(app: App) -> BoardScene:
    """A new game's board, its first month's news decided (first option) and read."""
    session = Session.new(app.content, "full_term", 4, {"trump": "reciprocal"})
    board = BoardScene(app, session, "amlo")
    app.router.apply(Reset(board))
    while app.scene is not board:
        news = app.scene
        assert isinstance(news, NewsOverlay)
        app.go(news.choose(0) if board.table.deciding() else news.read())
    return board


def test_the_boards_keys_open_the_overlays(app: App) -> None:
    board = board_after_the_first_news(app)
    menu = board.handle(key(pygame.K_ESCAPE))
    assert isinstance(menu, Push) and isinstance(menu.scene, MenuOverlay)
    why = board.handle(key(pygame.K_w))
    assert isinstance(why, Push) and isinstance(why.scene, WhyOverlay) and why.scene.meter is None
    help_ = board.handle(key(pygame.K_F1))
    assert isinstance(help_, Push) and help_.scene.name == "help"
    chart = board.handle(key(pygame.K_c))
    assert isinstance(chart, Push) and chart.scene.name == "chart"
    assert board.handle(key(pygame.K_h)) is True and board.selected == len(board.table.hand())
    played = board.handle(key(pygame.K_RETURN))  # the chosen Hold, played
    assert isinstance(played, Push) and isinstance(played.scene, ResolutionOverlay)
    app.go(played)
    assert played.scene.handle(key(pygame.K_ESCAPE)) == Pop()
    assert MenuOverlay(app, board.table).handle(key(pygame.K_ESCAPE)) == Pop()


def test_the_news_asks_first_and_esc_opens_the_menu_over_it(app: App) -> None:
    session = month_with_news_owed(app)
    app.router.apply(Reset(app.make("game", session, "amlo")))
    news = app.scene
    assert isinstance(news, NewsOverlay) and news.table.deciding()
    menu = news.handle(key(pygame.K_ESCAPE))
    assert isinstance(menu, Push) and isinstance(menu.scene, MenuOverlay)
    app.go(menu)
    app.go(app.scene.handle(key(pygame.K_ESCAPE)))  # resume: the news again, still owed
    assert app.scene is news and news.table.deciding()


def test_the_news_before_a_decision_is_read_first(app: App) -> None:
    """A month whose first news asks nothing and whose next asks the player to decide:
    the first is shown first, not skipped on the way to the decision."""
    session = Session.new(app.content, "full_term", 1, {"amlo": "greedy", "trump": "greedy"})
    for _ in range(30):
        before = session.state.to_json()
        session.begin_turn(agents_choose=False)
        news = [n["event"] for n in session.state.log[-1]["news"]]
        if "amlo" in session.state.pending and news.index(session.state.event or "") > 0:
            owed = session.state.event
            break
        session.agents_choose()
        session.resolve({})
    else:
        pytest.fail("no month with a decision after a first news in 30 months")
    session.state = GameState.from_json(before)  # the board opens that month itself
    del session.agents["amlo"]
    app.router.apply(Reset(app.make("game", session, "amlo")))
    shown = app.scene
    assert isinstance(shown, NewsOverlay) and shown.table.shown_news() == news[0]
    assert not shown.table.deciding()
    while shown.table.shown_news() != owed:
        app.go(shown.read())
    assert app.scene is shown and shown.table.deciding()


def test_the_title_quits_and_the_end_starts_over(app: App) -> None:
    session = Session.new(app.content, "full_term", 4, {"trump": "reciprocal"})
    again = app.make("end", session, "amlo").new_game()  # type: ignore[attr-defined]
    assert isinstance(again, Reset)
    assert [scene.name for scene in again.scenes] == ["title", "setup"]
    title = app.make("title")
    assert title.handle(key(pygame.K_ESCAPE)) == Quit()
    app.router.apply(Reset(title))
    app.go(title.handle(key(pygame.K_ESCAPE)))
    assert app.scenes == [] and not app.running


@pytest.mark.parametrize("speed", ["normal", "fast", "off"])
def test_both_cards_turn_over_at_the_animation_speed(tmp_path: Path, speed: str) -> None:
    from game.ui.scenes.game.resolution import ResolutionOverlay
    from game.ui.screenshot import _transition

    app = make_app(settings=Settings(animation=speed), settings_path=tmp_path / "s.json",
                   save_dir=tmp_path / "saves", offscreen=True)
    try:
        assert app.load_content().content is not None
        app.router.apply(_transition(app, "resolution", "amlo", 2, 3, "full_term"))
        overlay = app.scene
        assert isinstance(overlay, ResolutionOverlay) and overlay.reveal == 0
        overlay.update(0.1)
        if speed == "off":
            assert overlay.reveal == 1  # at once
        else:
            seconds = app.settings.animation_seconds * 0.75
            assert overlay.reveal == pytest.approx(0.1 / seconds)
            assert overlay.update(seconds) and overlay.reveal == 1
        assert not overlay.update(0.1)  # done: the loop may sleep again
        app.render()
    finally:
        pygame.quit()


def test_a_card_played_sounds_and_the_reveal_sounds_once(app: App) -> None:
    played: list[str] = []
    app.sounds.play = lambda name: played.append(name)  # type: ignore[method-assign]
    board = board_after_the_first_news(app)
    played.clear()
    board.select(len(board.table.hand()))
    app.go(board.play_selected())
    overlay = app.scene
    assert isinstance(overlay, ResolutionOverlay) and played == ["card"]
    overlay.update(0.01)
    overlay.update(10.0)
    overlay.update(0.01)
    assert played == ["card", "reveal"]
