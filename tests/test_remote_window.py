"""'Join a class game' in the window, without a window: the join form's transitions, the
remote board fed the views a real table at the server makes (game.server's Hub and
view_for, in this process), and the window's connection to a real server that is killed
and started again."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

pygame = pytest.importorskip("pygame")

from game.client import ClientError, Seat, take_seat  # noqa: E402
from game.content import load_game_content  # noqa: E402
from game.protocol import Choose, HoldOrder, Play  # noqa: E402
from game.server.clock import FakeClock  # noqa: E402
from game.server.rooms import GameTable, Hub  # noqa: E402
from game.server.store import Store  # noqa: E402
from game.server.views import view_for  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.remote import LINK, Connection  # noqa: E402
from game.ui.remote_table import mode_of  # noqa: E402
from game.ui.router import Reset  # noqa: E402
from game.ui.scenes.join import JoinScene, address_of  # noqa: E402
from game.ui.scenes.remote import RemoteBoard  # noqa: E402
from tests.server import free_port, start  # noqa: E402
from tests.xvfb import wait_for  # noqa: E402


class FakeLink:
    """A connection that delivers what the test puts in and keeps what the board sends."""

    def __init__(self) -> None:
        self.inbox: list[dict[str, Any]] = []
        self.sent: list[dict[str, Any]] = []
        self.closed = False

    def poll(self) -> list[dict[str, Any]]:
        messages, self.inbox = self.inbox, []
        return messages

    def send(self, message: dict[str, Any]) -> None:
        self.sent.append(message)

    def close(self) -> None:
        self.closed = True


@pytest.fixture
def hub(tmp_path: Path) -> Hub:
    content = load_game_content().content
    assert content is not None
    return Hub(Store(f"sqlite:///{tmp_path / 'server.sqlite3'}"), content, FakeClock())


def key(app: App, code: int) -> None:
    """A key pressed in the window, as SDL delivers it."""
    app.handle(pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, unicode="", scancode=0))


# -- the join form -----------------------------------------------------------------------


def join_form(app: App) -> JoinScene:
    app.router.apply(Reset(app.make("title"), app.make("join")))
    form = app.scene
    assert isinstance(form, JoinScene)
    return form


def test_the_title_opens_the_join_form_and_esc_comes_back(app: App) -> None:
    app.router.apply(Reset(app.make("title")))
    button = next(item for item in app.scene.focus.items if item.name == "join")
    app.go(button.action())
    assert [scene.name for scene in app.scenes] == ["title", "join"]
    assert app.scene.focus.current is not None and app.scene.focus.current.name == "code"
    key(app, pygame.K_ESCAPE)
    assert [scene.name for scene in app.scenes] == ["title"]


def test_an_empty_field_is_named_and_nothing_is_asked(app: App) -> None:
    form = join_form(app)
    form.entries["code"].set_text("abc123")
    form.join()
    assert not form.joining and form.error == "Type your name."
    assert form.focus.current is not None and form.focus.current.name == "name"
    assert form.texts["code"] == "abc123"  # kept across the rebuild


def test_the_language_and_the_side_cycle(app: App) -> None:
    form = join_form(app)
    assert form.lang == "en" and form.side is None
    form.next_language()
    form.next_side()
    form.next_side()
    assert (form.lang, form.side) == ("es", "trump")
    assert " es trump" in form.trace_words()


def test_an_address_is_read_as_host_and_port() -> None:
    assert address_of(" http://10.0.0.5:9000/ ") == "10.0.0.5:9000"
    assert address_of("school.example") == "school.example:8765"


def seated_through(app: App, form: JoinScene, monkeypatch: pytest.MonkeyPatch,
                   taken: Seat | ClientError) -> None:
    """Join with take_seat answering `taken`; wait for the thread, then the wake-up."""
    def take(host: str, code: str, name: str, side: str | None, lang: str) -> Seat:
        asked.append((host, code, name, side, lang))
        if isinstance(taken, ClientError):
            raise taken
        return taken

    asked: list[tuple[Any, ...]] = []
    monkeypatch.setattr("game.ui.scenes.join.take_seat", take)
    monkeypatch.setattr("game.ui.scenes.join.room_scenario", lambda host, code: "full_term")
    monkeypatch.setattr("game.ui.scenes.join.Connection", lambda seat: _Started(seat))
    for field, text in (("address", "127.0.0.1:9"), ("code", " a7eguk"), ("name", "Ana")):
        form.entries[field].set_text(text)
    form.join()
    assert form.joining and app.scene is form
    assert "joining" in form.trace_words()
    wait_for("the joining thread", lambda: form.result)
    app.handle(pygame.event.Event(pygame.USEREVENT))  # the wake-up the thread posts
    assert asked == [("127.0.0.1:9", "A7EGUK", "Ana", None, "en")]


class _Started(FakeLink):
    """A connection that never connects: the board stays on "connecting"."""

    def __init__(self, seat: Seat) -> None:
        super().__init__()
        self.seat = seat

    def start(self) -> _Started:
        return self


def test_a_refusal_is_shown_in_the_servers_words(app: App,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    form = join_form(app)
    seated_through(app, form, monkeypatch, ClientError("There is no room with that code."))
    assert app.scene is form and not form.joining
    assert form.error == "There is no room with that code."


def test_a_seat_replaces_the_form_with_the_remote_board(app: App,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    form = join_form(app)
    seated_through(app, form, monkeypatch, Seat("127.0.0.1:9", "ab" * 32, "amlo", 1))
    assert [scene.name for scene in app.scenes] == ["title", "remote"]
    board = app.scene
    assert isinstance(board, RemoteBoard) and board.table.mode == "connecting"
    assert board.table.scenario == "full_term"


def test_an_unreachable_server_is_said_and_the_window_never_waits(app: App,
                                                                  tmp_path: Path) -> None:
    form = join_form(app)
    for field, text in (("address", f"127.0.0.1:{free_port()}"), ("code", "ABCDEF"),
                        ("name", "Ana")):
        form.entries[field].set_text(text)
    started = time.monotonic()
    form.join()
    assert time.monotonic() - started < 0.5  # the request runs on its own thread
    wait_for("the joining thread", lambda: form.result)
    app.handle(pygame.event.Event(pygame.USEREVENT))
    assert app.scene is form and form.error.startswith("Cannot reach the server at 127.0.0.1:")


# -- the remote board ----------------------------------------------------------------------


def board_at(app: App, link: FakeLink) -> RemoteBoard:
    board = RemoteBoard(app, link, "full_term", "en", "127.0.0.1:8765")
    app.router.apply(Reset(app.make("title"), board))
    return board


def deliver(board: RemoteBoard, link: FakeLink, table: GameTable, side: str = "amlo") -> None:
    link.inbox.append(view_for(table, side).model_dump())
    board.update(0.0)


def other_side(hub: Hub, table: GameTable) -> None:
    """Trump's seat does what its view asks (the first option, the first card or hold)."""
    view = view_for(table, "trump")
    deciding = [news for news in view.news if news.options]
    if deciding:
        hub.order(table, "trump", Choose(type="choose", option=0, version=view.version))
    elif view.can_hold and view.phase == "policy":
        playable = [card for card in view.hand if card.why_not is None]
        hub.order(table, "trump", Play(type="play", card=playable[0].id, version=view.version)
                  if playable else HoldOrder(type="hold", version=view.version))


def test_the_modes_follow_the_view() -> None:
    assert mode_of(None, 0, 0) == "connecting"
    assert mode_of(None, 0, 0, "refused") == "refused"


def test_a_whole_game_on_the_remote_board_by_keys(app: App, hub: Hub) -> None:
    """The board from a waiting seat to the ending: each key sends the right order with
    the view's version, input waits for the next view, the other's status shows, and the
    ending shows its outcome."""
    room, _token = hub.create_room("Class", "full_term")
    table, _side, _amlo = hub.join(room.code, "Ana", "amlo", "en")
    table.seats["amlo"].sockets.add(object())  # type: ignore[arg-type]
    link = FakeLink()
    board = board_at(app, link)
    assert board.table.mode == "connecting"
    deliver(board, link, table)
    assert board.table.mode == "waiting" and board.trace_words() == "waiting turn 0"
    seen = {"waiting"}
    hub.join(room.code, "Ben", None, "en")
    table.seats["trump"].sockets.add(object())  # type: ignore[arg-type]
    hub.advance(table)
    deliver(board, link, table)
    for _step in range(600):
        mode = board.table.mode
        seen.add(mode)
        if mode == "over":
            break
        view = board.table.view
        assert view is not None
        if mode in ("reveal", "news"):
            key(app, pygame.K_RETURN)
            assert board.table.mode != mode
            continue
        if mode in ("committed", "wait"):
            assert not link.sent
            other_side(hub, table)
            deliver(board, link, table)
            continue
        before = len(link.sent)
        if mode == "decide":
            key(app, pygame.K_1)
            assert link.sent[-1] == {"type": "choose", "option": 0, "version": view.version}
        else:
            assert mode == "play", mode
            playable = [i for i, card in enumerate(view.hand) if card.why_not is None]
            if playable:
                key(app, pygame.K_1 + playable[0])
                key(app, pygame.K_RETURN)
                assert link.sent[-1] == {"type": "play", "card": view.hand[playable[0]].id,
                                         "version": view.version}
            else:
                key(app, pygame.K_h)
                key(app, pygame.K_RETURN)
                assert link.sent[-1] == {"type": "hold", "version": view.version}
        assert len(link.sent) == before + 1 and board.table.mode == "sent"
        key(app, pygame.K_1)  # nothing more until the next view
        key(app, pygame.K_RETURN)
        assert len(link.sent) == before + 1
        message = link.sent.pop()
        order = (Choose if message["type"] == "choose" else Play if message["type"] == "play"
                 else HoldOrder)
        hub.order(table, "amlo", order(**message))
        deliver(board, link, table)
        if board.table.mode == "committed":
            assert table.pending and board.table.view is not None
            assert board.table.view.other == "choosing"
    assert board.table.mode == "over", seen
    assert {"waiting", "play", "committed", "reveal", "over"} <= seen
    view = board.table.view
    assert view is not None and view.ending is not None
    assert board.told == view.ending.outcome
    assert view.ending.outcome.startswith("Outcome: ")
    assert [scene.name for scene in app.scenes] == ["title", "remote"]
    key(app, pygame.K_RETURN)  # back to the title, and the connection closed
    assert [scene.name for scene in app.scenes] == ["title"] and link.closed


def test_the_other_players_status_and_a_lost_connection_show(app: App, hub: Hub) -> None:
    from game.ui.widgets.seat import status_words

    room, _token = hub.create_room("Class", "full_term")
    table, _side, _amlo = hub.join(room.code, "Ana", "amlo", "en")
    hub.join(room.code, "Ben", None, "en")
    hub.advance(table)
    link = FakeLink()
    board = board_at(app, link)
    deliver(board, link, table)
    assert status_words(board.table.view, False)[0] == "Ben is disconnected (reconnecting…)."
    table.seats["trump"].sockets.add(object())  # type: ignore[arg-type]
    deliver(board, link, table)
    # the month opens on news Ana decides first: Ben waits for her
    assert table.session is not None and table.session.state.pending == ["amlo"]
    assert status_words(board.table.view, False)[0] == "Ben is waiting for your decision."
    link.inbox.append({"type": LINK, "state": "lost"})
    board.update(0.0)
    assert board.table.lost
    assert status_words(board.table.view, True)[0] == "Connection lost; reconnecting…"
    deliver(board, link, table)
    assert not board.table.lost


def test_a_view_the_window_cannot_read_is_said_not_raised(app: App, hub: Hub) -> None:
    room, _token = hub.create_room("Class", "full_term")
    table, _side, _amlo = hub.join(room.code, "Ana", "amlo", "en")
    link = FakeLink()
    board = board_at(app, link)
    link.inbox.append({**view_for(table, "amlo").model_dump(), "surprise": 1})
    board.update(0.0)
    assert board.table.view is None
    assert board.table.notice == "The server sent a view this window cannot read."


def test_leaving_a_game_asks_first_and_closes_the_connection(app: App, hub: Hub) -> None:
    room, _token = hub.create_room("Class", "full_term")
    table, _side, _amlo = hub.join(room.code, "Ana", "amlo", "en")
    link = FakeLink()
    board = board_at(app, link)
    deliver(board, link, table)
    key(app, pygame.K_F1)  # the rules over it: the board stays, and so does its connection
    assert [scene.name for scene in app.scenes] == ["title", "remote", "help"]
    assert not link.closed
    key(app, pygame.K_ESCAPE)
    assert app.scene is board
    key(app, pygame.K_ESCAPE)
    assert app.scene.name == "confirm" and not link.closed
    key(app, pygame.K_y)
    assert [scene.name for scene in app.scenes] == ["title"] and link.closed


def test_quitting_the_window_closes_the_connection(app: App) -> None:
    link = FakeLink()
    board_at(app, link)
    app.running = False
    app.run()
    assert link.closed


# -- the connection ------------------------------------------------------------------------


def test_the_connection_reconnects_by_itself_and_stops_cleanly(tmp_path: Path) -> None:
    """A real server: the connection's first view, the server killed (the connection says
    it is lost), the server started again on the same port and database (the view comes
    again, by itself), an order sent and answered, and close() ends the thread."""
    server = start(tmp_path / "data", "--new-room", "Class")
    code = server.wait_for("Room code: ").split()[-1]
    seat = take_seat(server.address, code, "Ana", "amlo", "en")
    woken = threading.Event()
    connection = Connection(seat, wake=woken.set).start()
    try:
        def first_view() -> dict[str, Any] | None:
            return next((m for m in connection.poll() if m.get("type") == "view"), None)

        view = wait_for("the first view", first_view)
        assert view["phase"] == "waiting" and woken.is_set()
        server.stop(kill=True)
        wait_for("the connection to notice", lambda: any(
            m == {"type": LINK, "state": "lost"} for m in connection.poll()))
        server = start(tmp_path / "data", port=server.port)
        view = wait_for("the view again, after reconnecting", first_view)
        assert view["phase"] == "waiting"
        connection.send({"type": "hold", "version": view["version"]})
        answer = wait_for("the server's answer", lambda: next(
            (m for m in connection.poll() if m.get("type") == "error"), None))
        assert answer["code"] == "not_started"
    finally:
        connection.close()
        server.stop()
    assert not connection.running


def test_a_connection_to_nowhere_stops_at_once_when_closed() -> None:
    connection = Connection(Seat(f"127.0.0.1:{free_port()}", "ab" * 32), wake=lambda: None)
    connection.start()
    wait_for("a failed attempt", lambda: any(m.get("state") == "lost"
                                             for m in connection.poll()))
    started = time.monotonic()
    connection.close()
    assert not connection.running and time.monotonic() - started < 2


def test_a_wrong_token_is_refused_and_not_tried_again(tmp_path: Path) -> None:
    server = start(tmp_path / "data")
    connection = Connection(Seat(server.address, "ab" * 32), wake=lambda: None).start()
    try:
        refused = wait_for("the refusal", lambda: next(
            (m for m in connection.poll() if m.get("state") == "refused"), None))
        assert refused["message"]
        wait_for("the thread to end", lambda: not connection.running)
    finally:
        connection.close()
        server.stop()
