"""The game server: rooms and seats, the engine as the only authority, each seat seeing
only its own, the log as the truth, and a real server that two terminal clients finish a
game on."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import update

from game.core.state import SIDES
from game.models.bundle import Content
from game.protocol import MAX_MESSAGE, Choose, HoldOrder, Play, ProtocolError, read_client
from game.server.clock import FakeClock
from game.server.rooms import JOINS_PER_MINUTE, GameTable, Hub, Refused
from game.server.store import Store, game_tables
from game.server.views import view_for
from tests.server import WAIT, Server, join, start


def seated(hub: Hub, lang: str = "en") -> tuple[GameTable, str, str]:
    room, _token = hub.create_room("Class 3B", "full_term")
    table, _side, amlo = hub.join(room.code, "Ana", "amlo", lang)
    _table, _side, trump = hub.join(room.code, "Ben", None, "es")
    return table, amlo, trump


def shows(secret: str, text: str) -> bool:
    """Whether `text` (JSON) shows a card: its id anywhere as a word of its own, its
    title as a whole value (a news headline may share a card title's words)."""
    if re.fullmatch(r"[a-z0-9_]+", secret):
        return re.search(rf"(?<![a-z0-9_]){secret}(?![a-z0-9_])", text) is not None
    return json.dumps(secret, ensure_ascii=False) in text


def step(hub: Hub, table: GameTable) -> None:
    """Each seat does what its view asks: the first option, the first playable card, or
    hold."""
    for side in SIDES:
        view = view_for(table, side)
        deciding = [n for n in view.news if n.options]
        if deciding:
            hub.order(table, side, Choose(type="choose", option=0, version=view.version))
        elif view.can_hold and view.phase == "policy":
            playable = [c for c in view.hand if c.why_not is None]
            hub.order(table, side, Play(type="play", card=playable[0].id,
                                         version=view.version) if playable
                      else HoldOrder(type="hold", version=view.version))


def play_out(hub: Hub, table: GameTable, rounds: int = 400) -> None:
    """Play `rounds` rounds of `step`, or to the end."""
    for _round in range(rounds):
        assert table.session is not None
        if table.session.over:
            return
        step(hub, table)


def test_a_class_is_seated_in_pairs_and_a_table_plays_to_its_end(hub: Hub) -> None:
    table, _amlo, _trump = seated(hub)
    room = table.room
    third = hub.join(room.code, "Cy", None, "en")[0]
    assert third is not table and third.number == 2 and table.session is not None
    assert third.session is None  # waits for a second player
    assert view_for(third, "amlo").phase == "waiting"
    play_out(hub, table)
    assert view_for(table, "amlo").ending is not None
    assert not room.ended  # table 2 has not played: the deal stays secret
    hub.add_computer(room, "normal")  # an odd-sized class: the computer takes the seat
    assert third.session is not None and third.seats["trump"].kind == "agent"
    play_out(hub, third)
    assert room.ended


def test_each_seat_sees_its_own_language_and_nothing_of_the_other_hand(hub: Hub) -> None:
    """Every view either seat is shown over a whole game: no card id or title of the
    other's hand that it has not played, no seed, generator, decks or discards."""
    table, _amlo, _trump = seated(hub)
    assert table.session is not None
    seed = table.room.seed
    leaks = []
    session = table.session
    for _step in range(400):
        if session.over:
            break
        for side in SIDES:
            other = "trump" if side == "amlo" else "amlo"
            hidden = set(session.state.hands[other]) | set(session.state.decks[other])
            text = view_for(table, side).model_dump_json()
            data = json.loads(text)
            data["last"] = None  # what was revealed of the last month is the other's card
            rest = json.dumps(data, ensure_ascii=False)
            titles = {session.engine.content.cards[c].title for c in hidden}
            leaks += [f"{side} saw {c}" for c in hidden | titles if shows(c, rest)]
            leaks += [f"{side} saw the {word}" for word in ("seed", "rng", "decks", "discards")
                      if f'"{word}"' in text]
            if str(seed) in text:
                leaks.append(f"{side} saw the deal")
        if not session.over:
            step(hub, table)
    assert session.over and leaks == []
    assert view_for(table, "trump").lang == "es" and view_for(table, "amlo").lang == "en"


def test_a_wrong_order_is_refused_and_changes_nothing(hub: Hub) -> None:
    table, _amlo, _trump = seated(hub)
    assert table.session is not None
    before = table.session.state.to_json()
    view = view_for(table, "amlo")
    other_card = table.session.state.hands["trump"][0]
    for message, code in (
        (Play(type="play", card="amlo_nope", version=view.version), None),
        (Play(type="play", card=other_card, version=view.version), None),
        (HoldOrder(type="hold", version=view.version + 5), "stale"),
        (Choose(type="choose", option=9, version=view.version), None),
    ):
        with pytest.raises(Refused) as refused:
            hub.order(table, "amlo", message)
        assert code is None or refused.value.code == code
    assert table.session.state.to_json() == before and table.entries == 0


def test_a_restarted_server_rebuilds_every_table_from_its_log(hub: Hub, db_url: str,
                                                             content: Content) -> None:
    table, amlo, _trump = seated(hub)
    play_out(hub, table, rounds=5)
    assert table.session is not None and table.entries > 0
    again = Hub(Store(db_url), content, FakeClock())
    assert again.load() == []
    rebuilt = again.tables[table.id]
    assert rebuilt.session is not None
    assert rebuilt.session.state.to_json() == table.session.state.to_json()
    assert rebuilt.pending == table.pending and rebuilt.version == table.version
    assert again.seat_of(amlo) == (rebuilt, "amlo")
    # a log that no longer leads to the stored state is refused, not played
    with again.store.transaction() as conn:  # the stored hash no longer fits the log
        conn.execute(update(game_tables).where(game_tables.c.id == table.id)
                     .values(state_hash="0" * 64, entries=table.entries))
    third = Hub(Store(db_url), content, FakeClock())
    problems = third.load()
    assert len(problems) == 1 and "hash_mismatch" in problems[0]
    assert third.tables[table.id].broken == "hash_mismatch"


def test_tokens_act_only_for_their_seat_and_joins_are_rate_limited(hub: Hub) -> None:
    table, amlo, trump = seated(hub)
    other_room, facilitator = hub.create_room("Class 4A", "full_term")
    far = hub.join(other_room.code, "Di", None, "en")
    assert hub.seat_of(amlo) == (table, "amlo") and hub.seat_of(trump) == (table, "trump")
    assert hub.seat_of(far[2]) == (far[0], "amlo") and far[0].room is other_room
    assert hub.seat_of(facilitator) is None and hub.seat_of("x" * 43) is None
    with pytest.raises(Refused):
        hub.facilitated(table.room.code, facilitator)  # another room's facilitator
    for _n in range(JOINS_PER_MINUTE):
        hub.check_rate("10.0.0.7")
    with pytest.raises(Refused) as refused:
        hub.check_rate("10.0.0.7")
    assert refused.value.code == "too_many_joins"
    hub.check_rate("10.0.0.8")  # another address is not held back
    assert isinstance(hub.clock, FakeClock)
    hub.clock.advance(61)
    hub.check_rate("10.0.0.7")


@pytest.mark.parametrize("raw,code", [
    ("x" * (MAX_MESSAGE + 1), "too_large"),
    ("{not json", "not_json"),
    ("[1, 2]", "no_type"),
    ('{"type": "launch"}', "unknown_type"),
    ('{"type": "play", "card": "a b", "version": 1}', "bad_message"),
    ('{"type": "play", "card": "x", "version": "1"}', "bad_message"),
    ('{"type": "hold", "version": -1}', "bad_message"),
    ('{"type": "hold", "version": 1, "side": "trump"}', "bad_message"),
    ('{"type": "hello", "protocol": 1, "token": "../../etc/passwd"}', "bad_message"),
])
def test_a_malformed_message_is_named_not_raised(raw: str, code: str) -> None:
    read = read_client(raw)
    assert isinstance(read, ProtocolError) and read.code == code


# ------------------------------------------------------------------ a real server


@pytest.fixture
def server(tmp_path: Path, db_url: str) -> Iterator[tuple[Server, str, str]]:
    running = start(tmp_path / "data", "--new-room", "Class 3B", "--db", db_url)
    code = running.wait_for("Room code: ").split()[-1]
    token = running.wait_for("Facilitator: ").split("Bearer ")[1].rstrip('"')
    yield running, code, token
    running.stop()


def outcome(process: subprocess.Popen[str]) -> str:
    out, _err = process.communicate(timeout=WAIT * 3)
    assert process.returncode == 0, out[-3000:]
    return out.strip().splitlines()[-1]


def test_two_terminal_clients_finish_a_game_that_the_export_replays(
        server: tuple[Server, str, str], tmp_path: Path) -> None:
    running, code, token = server
    amlo = join(running, code, "Ana", "--side", "amlo", "--agent", "reciprocal")
    trump = join(running, code, "Ben", "--side", "trump", "--agent", "random")
    first, second = outcome(amlo), outcome(trump)
    assert first == second and first.startswith("Outcome: "), (first, second)
    info = running.get(f"/api/rooms/{code}")
    assert info["ended"] and isinstance(info["deal"], int)  # told once the room has ended
    exported = subprocess.run(
        [sys.executable, "-m", "game", "export", running.address, code, "--token", token,
         "--out", str(tmp_path / "saves")], capture_output=True, text=True, timeout=WAIT)
    assert exported.returncode == 0, exported.stderr
    save = Path(exported.stdout.split()[0])
    verified = subprocess.run([sys.executable, "-m", "game", "replay", str(save), "--verify"],
                              capture_output=True, text=True, timeout=WAIT)
    lines = verified.stdout.strip().splitlines()
    assert verified.returncode == 0 and lines[-1].startswith("VERIFIED"), verified.stdout
    assert lines[-2] == first


def test_the_server_refuses_what_it_should(server: tuple[Server, str, str]) -> None:
    """A wrong token on the websocket, the facilitator's requests without the token, a
    join to no room, a body too large: each a refusal with a sentence, the server on."""
    import urllib.error

    from websockets.sync.client import connect

    running, code, token = server
    with connect(f"ws://{running.address}/ws") as ws:
        ws.send(json.dumps({"type": "hello", "protocol": 1, "token": "A" * 43}))
        answer = json.loads(ws.recv(timeout=WAIT))
        assert answer["type"] == "error" and answer["code"] == "bad_token"
    with connect(f"ws://{running.address}/ws") as ws:
        ws.send("{not json")
        assert json.loads(ws.recv(timeout=WAIT))["code"] == "not_json"
    for path, key in ((f"/api/rooms/{code}/tables", "x" * 43), ("/api/rooms/NOPE/tables", token)):
        with pytest.raises(urllib.error.HTTPError) as refused:
            running.get(path, key)
        assert refused.value.code in (403, 404)
        assert json.loads(refused.value.read())["message"]
    with pytest.raises(urllib.error.HTTPError) as refused:
        running.post("/api/join", {"code": "NOPE", "name": "Ana"})
    assert refused.value.code == 404
    with pytest.raises(urllib.error.HTTPError) as refused:
        running.post("/api/join", {"code": code, "name": "x" * 5000})
    assert refused.value.code == 413
    seat = running.post("/api/join", {"code": code, "name": "Ana", "lang": "es"})
    assert seat["side"] == "amlo" and re.fullmatch(r"[0-9a-f]{64}", seat["token"])
    computer = running.post(f"/api/rooms/{code}/computer", {"agent": "normal"}, token)
    assert computer["seats"]["trump"]["kind"] == "agent"
    with connect(f"ws://{running.address}/ws") as ws:
        ws.send(json.dumps({"type": "hello", "protocol": 1, "token": seat["token"]}))
        view = json.loads(ws.recv(timeout=WAIT))
        assert view["type"] == "view" and view["other"] == "computer" and view["lang"] == "es"
        ws.send(json.dumps({"type": "launch"}))
        error = json.loads(ws.recv(timeout=WAIT))
        assert error["code"] == "unknown_type" and error["message"].startswith("El servidor")
        ws.send(json.dumps({"type": "ping"}))
        assert json.loads(ws.recv(timeout=WAIT)) == {"type": "pong"}
    assert running.get("/api/health")["ok"]
    running.stop()  # Ctrl+C: a clean stop that says so
    assert running.process.returncode == 0 and running.wait_for("Server stopped.")


def test_a_player_who_asked_for_no_side_makes_way_for_one_who_did(hub: Hub) -> None:
    """Ben joins first without a preference, Ana then asks for AMLO: Ben moves to Trump,
    before anything is played, and both play at one table."""
    room, _token = hub.create_room("Class 3B", "full_term")
    first, side, ben = hub.join(room.code, "Ben", None, "en")
    assert side == "amlo"
    table, side, _ana = hub.join(room.code, "Ana", "amlo", "en")
    assert table is first and side == "amlo" and len(room.tables) == 1
    assert hub.seat_of(ben) == (table, "trump") and table.session is not None
    again = Hub(hub.store, hub.content, FakeClock())
    again.load()
    assert again.seat_of(ben) is not None and again.seat_of(ben)[1] == "trump"


def test_every_message_a_seat_receives_over_a_whole_game_hides_the_other_side(
        server: tuple[Server, str, str], content: Content) -> None:
    """A seat played over a real socket against the server's computer player, every
    message recorded (views, errors provoked on the way, pongs): no card id or title of
    the other side outside the month already revealed, no deal, no generator, no decks."""
    from websockets.sync.client import connect

    running, code, token = server
    seat = running.post("/api/join", {"code": code, "name": "Ana", "side": "amlo"})
    running.post(f"/api/rooms/{code}/computer", {"agent": "hard"}, token)
    theirs = {c.id for c in content.cards.values() if c.side == "trump"}
    theirs |= {content.cards[c].title for c in theirs}
    received: list[str] = []
    with connect(f"ws://{running.address}/ws") as ws:
        ws.send(json.dumps({"type": "hello", "protocol": 1, "token": seat["token"]}))
        for _message in range(2000):
            raw = str(ws.recv(timeout=WAIT))
            received.append(raw)
            view = json.loads(raw)
            if view["type"] != "view":
                continue
            if view["ending"] is not None:
                break
            reply = None
            deciding = [n for n in view["news"] if n["options"]]
            if deciding:
                reply = {"type": "choose", "option": 0, "version": view["version"]}
            elif view["can_hold"] and view["phase"] == "policy":
                if view["turn"] % 5 == 0:  # a card it does not hold: an error, then a view
                    ws.send(json.dumps({"type": "play", "card": "amlo_nope",
                                        "version": view["version"]}))
                    received.append(str(ws.recv(timeout=WAIT)))
                    view = json.loads(ws.recv(timeout=WAIT))
                    received.append(json.dumps(view))
                playable = [c for c in view["hand"] if c["why_not"] is None]
                reply = ({"type": "play", "card": playable[0]["id"], "version": view["version"]}
                         if playable else {"type": "hold", "version": view["version"]})
            if reply is not None:
                ws.send(json.dumps(reply))
        else:
            raise AssertionError("the game did not end")
    deal = running.get(f"/api/rooms/{code}")["deal"]
    leaks = []
    for raw in received:
        data = json.loads(raw)
        if data.get("type") == "view":
            data["last"] = None  # the month revealed: the other's card, now both are in
        rest = json.dumps(data, ensure_ascii=False)
        leaks += [f"{c} in {rest[:80]}" for c in theirs if shows(c, rest)]
        leaks += [word for word in ('"seed"', '"rng"', '"decks"', '"discards"', '"orders"')
                  if word in raw]
        if str(deal) in raw:
            leaks.append("the deal")
    errors = [json.loads(r) for r in received if json.loads(r)["type"] == "error"]
    assert errors and all(e["code"] == "rejected" for e in errors)
    assert leaks == [] and len(received) > 40


def test_a_connected_player_moved_to_the_other_side_plays_it(
        server: tuple[Server, str, str]) -> None:
    """Ben is connected, waiting as AMLO without having asked; Ana asks for AMLO: Ben's
    connection now plays Trump, and both play the month through."""
    import threading

    from websockets.sync.client import ClientConnection, connect

    running, code, _token = server
    ben = running.post("/api/join", {"code": code, "name": "Ben"})
    seen: dict[str, dict[str, object]] = {}

    def one_month(ws: ClientConnection, name: str) -> None:
        """Answer every view until the first month is resolved."""
        while True:
            view = json.loads(ws.recv(timeout=WAIT))
            if view["type"] != "view":
                continue
            if view["last"] is not None:
                seen[name] = view
                return
            if any(n["options"] for n in view["news"]):
                ws.send(json.dumps({"type": "choose", "option": 0,
                                    "version": view["version"]}))
            elif view["can_hold"] and view["phase"] == "policy":
                ws.send(json.dumps({"type": "hold", "version": view["version"]}))

    with connect(f"ws://{running.address}/ws") as ben_ws, \
            connect(f"ws://{running.address}/ws") as ana_ws:
        ben_ws.send(json.dumps({"type": "hello", "protocol": 1, "token": ben["token"]}))
        assert json.loads(ben_ws.recv(timeout=WAIT))["side"] == "amlo"
        ana = running.post("/api/join", {"code": code, "name": "Ana", "side": "amlo"})
        ana_ws.send(json.dumps({"type": "hello", "protocol": 1, "token": ana["token"]}))
        players = [threading.Thread(target=one_month, args=(ws, name))
                   for ws, name in ((ben_ws, "Ben"), (ana_ws, "Ana"))]
        for player in players:
            player.start()
        for player in players:
            player.join(timeout=WAIT)
    assert seen["Ben"]["side"] == "trump" and seen["Ana"]["side"] == "amlo"


def test_an_order_the_database_refuses_is_refused_and_the_table_is_as_the_log_says(
        hub: Hub, monkeypatch: pytest.MonkeyPatch) -> None:
    """A write that fails (a full disk, a lost database) leaves the table exactly as its
    log in the database says, and the next order is taken as usual."""
    table, _amlo, _trump = seated(hub)
    play_out(hub, table, rounds=2)
    assert table.session is not None
    before, entries = table.session.state.to_json(), table.entries
    real = hub.store.append

    def full_disk(*_args: object, **_kwargs: object) -> None:
        raise OSError("no space left on device")

    monkeypatch.setattr(hub.store, "append", full_disk)
    with pytest.raises(Refused) as refused:
        step(hub, table)
    assert refused.value.code == "storage"
    assert table.session.state.to_json() == before and table.entries == entries
    monkeypatch.setattr(hub.store, "append", real)
    step(hub, table)
    assert table.entries > entries


def test_the_terminal_client_says_so_when_its_player_is_moved_to_the_other_side(
        hub: Hub) -> None:
    import io

    from game.client import Client, Seat

    room, _token = hub.create_room("Class 3B", "full_term")
    _table, side, ben = hub.join(room.code, "Ben", None, "en")
    table, _side, _ana = hub.join(room.code, "Ana", "amlo", "en")
    out = io.StringIO()
    client = Client(Seat("127.0.0.1:1", ben, side, table.number), out, None, None)
    client.show(json.loads(view_for(table, "trump").model_dump_json()))
    assert "You play Trump now: the other player asked for your side." in out.getvalue()
    assert client.seat.side == "trump"


def test_a_view_carries_the_chart_the_causes_and_the_end_beside_history(hub: Hub) -> None:
    """What the browser seat draws besides the board: the chart (a point per month played
    and the start), every change since last month with its cause, and at the end the
    standings, what really happened, the game beside history and the largest swings."""
    table, _amlo, _trump = seated(hub)
    assert table.session is not None
    first = view_for(table, "amlo")
    # the start, then each month to now (the month under way as it stands)
    assert first.chart is not None and first.chart.months == ["start", "December 2018"]
    assert [line.meter for line in first.chart.lines] == ["trust", "polls.amlo", "polls.trump"]
    assert {t.kind for t in first.chart.thresholds} == {"compromise", "collision"}
    step(hub, table)
    step(hub, table)
    view = view_for(table, "trump")  # Spanish
    assert view.chart is not None and len(view.chart.months) == table.session.state.turn + 1
    assert view.chart.months[0] == "el principio"
    assert all(len(line.values) == len(view.chart.months) for line in view.chart.lines)
    assert view.why and all(line.startswith("Turno ") for line in view.why)
    play_out(hub, table)
    view = view_for(table, "amlo")
    ending = view.ending
    assert ending is not None and ending.heading and ending.swings
    assert [s.text.split(":")[0] for s in ending.standings][:2] == ["AMLO (you)", "Trump"]
    assert ending.beside and all(line[0].isupper() for line in ending.beside)
    assert view.chart is not None
    assert len(view.chart.months) == table.session.state.turn + 1
