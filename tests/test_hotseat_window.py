"""Two players at one computer in the window, without a window: the new-game screen's
choice, the handover between seats (opaque, in the incoming seat's language), each seat's
hand, both cards resolved together, the news decided by the seat it concerns, and the
saves, loads and rematches of a game of two."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

pygame = pytest.importorskip("pygame")

from game import i18n  # noqa: E402
from game.core.orders import Hold, PlayCard  # noqa: E402
from game.core.state import CHOICE, SIDES, UPKEEP  # noqa: E402
from game.session import Session  # noqa: E402
from game.ui import theme  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.main import make_app  # noqa: E402
from game.ui.opening import open_save  # noqa: E402
from game.ui.router import Reset  # noqa: E402
from game.ui.scene import Scene  # noqa: E402
from game.ui.scenes.end import EndScene  # noqa: E402
from game.ui.scenes.game.board import BoardScene  # noqa: E402
from game.ui.scenes.game.handover import HandoverScene  # noqa: E402
from game.ui.scenes.game.news import NewsOverlay  # noqa: E402
from game.ui.scenes.game.resolution import ResolutionOverlay  # noqa: E402
from game.ui.scenes.setup import SetupScene  # noqa: E402
from game.ui.settings import Settings  # noqa: E402
from tests.legibility import problems  # noqa: E402


def start_two(app: App, seed: int = 3, trump: str = "en") -> SetupScene:
    """The new-game screen with two players chosen (Trump's seat in `trump`), then Start."""
    setup = SetupScene(app)
    app.router.apply(Reset(app.make("title"), setup))
    setup.pick_agent("two")
    while setup.languages["trump"] != trump:
        setup.next_language("trump")
    assert setup.seed_entry is not None
    setup.seed_entry.set_text(str(seed))
    app.go(setup.start())
    return setup


def board_of(app: App) -> BoardScene:
    board = app.scenes[0]
    assert isinstance(board, BoardScene)
    return board


def to_a_hand(app: App, steps: list[str] | None = None) -> BoardScene:
    """Read and decide the news (first option), take each handover, until a seat's hand is
    on show; each screen noted in `steps` ("handover trump", "decide amlo", "read")."""
    for _ in range(60):
        top = app.scene
        if isinstance(top, HandoverScene):
            (steps if steps is not None else []).append(f"handover {top.side}")
            app.go(top.take())
        elif isinstance(top, NewsOverlay):
            deciding = top.table.deciding()
            (steps if steps is not None else []).append(
                f"decide {top.table.human}" if deciding else "read")
            app.go(top.choose(0) if deciding else top.read())
        elif isinstance(top, ResolutionOverlay):
            app.go(top.close())
        elif isinstance(top, BoardScene):
            return top
        else:
            pytest.fail(f"unexpected screen {top.name}")
    pytest.fail("no hand in 60 screens")


def play_hold(app: App) -> Any:
    """The player at the board holds (a card whose effects need no checking)."""
    board = app.scene
    assert isinstance(board, BoardScene)
    board.select(len(board.table.hand()))
    app.go(board.play_selected())
    return app.scene


def test_choosing_two_players_starts_a_game_with_no_computer_player(app: App) -> None:
    start_two(app)
    board = board_of(app)
    assert board.table.session.agents == {} and board.table.hotseat
    assert board.table.session.humans() == list(SIDES)
    assert isinstance(app.scene, HandoverScene | NewsOverlay)  # nobody's hand shows at once


def test_after_amlos_card_the_handover_hides_the_board_then_trumps_hand(
        app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    start_two(app)
    board = to_a_hand(app)
    table = board.table
    assert table.human == table.present == "amlo" and table.hand() == list(
        table.state.hands["amlo"])
    resolved: list[dict[str, Any]] = []
    real = table.session.resolve
    monkeypatch.setattr(table.session, "resolve",
                        lambda orders: resolved.append(dict(orders)) or real(orders))
    card = next(c for c in table.hand() if table.engine.why_not(table.state, "amlo", c) is None)
    board.select(table.hand().index(card))
    app.go(board.play_selected())
    handover = app.scene
    assert isinstance(handover, HandoverScene) and handover.side == "trump"
    assert resolved == [] and table.held == {"amlo": PlayCard("amlo", card)}  # held, not played
    assert app.visible() == [handover] and table.present is None  # the board is not drawn
    drawn: list[str] = []
    monkeypatch.setattr(board, "draw", lambda surface: drawn.append("board"))
    app.render()
    assert drawn == []
    assert handover.label() == "I am the player of Trump — show my hand  (Enter)"
    app.go(handover.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0,
                                              unicode="\r", scancode=0)))
    assert app.scene is board and table.present == table.human == "trump"
    assert table.hand() == list(table.state.hands["trump"])
    board.select(len(table.hand()))
    app.go(board.play_selected())
    shown = app.scene
    assert isinstance(shown, ResolutionOverlay)
    assert resolved == [{"amlo": PlayCard("amlo", card), "trump": Hold("trump")}]
    assert table.last_resolved is not None and set(table.last_resolved.orders) == set(SIDES)
    assert table.present is None and table.held == {}


def test_the_news_decision_of_the_other_seat_goes_through_a_handover(app: App) -> None:
    """Months of a game: each decision on the news is made by the seat it concerns, after a
    handover to that seat when another had the computer; each card likewise."""
    start_two(app, seed=5)
    steps: list[str] = []
    at: str | None = None
    for _month in range(8):
        to_a_hand(app, steps)
        steps.append(f"card {board_of(app).table.human}")
        play_hold(app)
        to_a_hand(app, steps)
        steps.append(f"card {board_of(app).table.human}")
        assert isinstance(play_hold(app), ResolutionOverlay)
        app.go(app.scene.close())  # type: ignore[attr-defined]
    decided = set()
    for step in steps:
        kind, _sp, who = step.partition(" ")
        if kind == "handover":
            at = who
        elif kind in ("decide", "card"):
            assert who == at, steps  # only after the computer was handed to that seat
            decided.add((kind, who))
    assert {("decide", "trump"), ("decide", "amlo"), ("card", "trump")} <= decided
    handovers = [step for step in steps if step.startswith("handover ")]
    assert handovers.count("handover trump") >= 8  # before each of Trump's cards at least


def test_each_seat_sees_its_screens_in_its_language(app: App) -> None:
    start_two(app, trump="es")
    english = app.translator
    board = to_a_hand(app)
    assert board.table.human == "amlo" and i18n.current() is english
    content = board.table.content
    play_hold(app)
    handover = app.scene
    assert isinstance(handover, HandoverScene) and i18n.language() == "es"
    assert handover.heading() == "Pasa la computadora a quien juega con Trump"
    app.go(handover.take())
    board = to_a_hand(app)
    assert board.table.human == "trump" and i18n.language() == "es"
    spanish = i18n.current()
    card = board.table.hand()[0]
    assert board.table.content.cards[card].title == spanish.pgettext(
        f"cards.{card}.title", content.cards[card].title)
    assert board.table.engine.content is content  # only what is shown is translated
    assert isinstance(play_hold(app), ResolutionOverlay)
    assert i18n.current() is english  # what both see: the window's language
    app.go(app.scene.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_ESCAPE, mod=0,
                                               unicode="", scancode=0)))
    app.go(to_a_hand(app).open_overlay("menu"))
    app.go(app.scene.to_title())  # type: ignore[attr-defined]
    assert app.scene.name == "title" and i18n.current() is english


def test_no_decision_can_be_taken_back_at_two(app: App) -> None:
    start_two(app, seed=5)
    steps: list[str] = []
    board = to_a_hand(app, steps)
    assert any(step.startswith("decide ") for step in steps)
    assert not board.table.session.can_undo()
    assert "undo" not in [name for *_rest, name in board.top_buttons()]


def test_a_hotseat_save_loads_rematches_and_plays_again_as_hotseat(app: App,
                                                                    tmp_path: Path) -> None:
    start_two(app, trump="es")
    for _ in range(2):
        to_a_hand(app)
        play_hold(app)
        to_a_hand(app)
        play_hold(app)
    save = next((tmp_path / "saves").glob("autosave-*.json"))
    app.router.apply(Reset(app.make("title")))
    app.go(open_save(app, save))
    board = board_of(app)
    assert board.table.hotseat and board.table.session.agents == {}
    # each seat's language was kept in the save: Trump's player reads Spanish again
    assert {side: v.lang for side, v in board.table.voices.items()} == {"trump": "es"}
    assert isinstance(app.scene, HandoverScene | NewsOverlay)
    hand = to_a_hand(app)
    assert hand.table.present == "amlo"
    # a finished game of two: its rematch and its replay keep two players, the seats'
    # languages following the players to their new leaders
    session = Session.new(app.content, "full_term", 3, {})
    while not session.over:
        if session.state.phase == UPKEEP:
            session.begin_turn()
        elif session.state.phase == CHOICE:
            session.choose(session_choice(session))
        else:
            session.resolve({side: Hold(side) for side in SIDES})
    spanish = i18n.translator_for("es")
    end = app.make("end", session, "", {"trump": spanish})
    assert isinstance(end, EndScene)
    for again, voices in ((end.rematch(), {"amlo": spanish}),
                          (end.play_again(), {"trump": spanish})):
        app.go(again)
        board = board_of(app)
        assert board.table.hotseat and board.table.session.agents == {}
        assert board.table.voices == voices


def session_choice(session: Session) -> Any:
    from game.core.orders import ChooseOption

    return ChooseOption(session.state.pending[0], 0)


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_two_player_setup_is_legible_at_every_text_size(tmp_path: Path,
                                                            language: str) -> None:
    """The new-game screen with two players and the seats' languages: nothing cut, faint
    or under a button, at each text size's smallest window."""
    found = []
    try:
        for text_size, size in enumerate(theme.MIN_SIZES):
            app = make_app(size=size, settings=Settings(text_size=text_size, animation="off"),
                           settings_path=tmp_path / "s.json", save_dir=tmp_path / "saves",
                           offscreen=True, language=language)
            assert app.load_content().content is not None
            setup: Scene = SetupScene(app)
            app.router.apply(Reset(app.make("title"), setup))
            setup.pick_agent("two")  # type: ignore[attr-defined]
            setup.next_language("trump")  # type: ignore[attr-defined]
            app.step()
            found += [f"text {text_size}: {p}" for p in problems(app, None)[0]]
    finally:
        pygame.quit()
        i18n.set_translator(i18n.ENGLISH)
    assert found == []
