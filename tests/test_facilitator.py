"""The facilitator's actions on the server's tables (in-process, on the test clock): a
month's time runs out and the seat holds or the computer plays it; the computer takes the
seat of a player who is away; the game ends with the month under way; each is in the
table's log, so a rebuilt server has it all and the export replays to the same state."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.core.replay import replay
from game.core.state import CHOICE, POLICY
from game.core.turn import Engine
from game.models.bundle import Content
from game.persistence.format import OrderEntry
from game.server.clock import FakeClock
from game.server.rooms import GameTable, Hub, Refused
from game.server.views import view_for


def table_of_two(hub: Hub) -> GameTable:
    room, _token = hub.create_room("Class 3B", "full_term")
    table = hub.join(room.code, "Ana", "amlo", "en")[0]
    hub.join(room.code, "Ben", "trump", "es")
    return table


def month_of_holds(hub: Hub, table: GameTable, sides: tuple[str, ...] = ("amlo", "trump")
                   ) -> None:
    """`sides` take each news's first option and hold, until the month is resolved."""
    from game.protocol import Choose, HoldOrder

    session = table.session
    assert session is not None
    turn = session.state.turn
    while session.state.turn == turn and not session.over:
        state = session.state
        for side in sides:
            view = view_for(table, side)
            if state.phase == CHOICE and side in state.pending:
                hub.order(table, side, Choose(type="choose", option=0, version=view.version))
            elif state.phase == POLICY and side not in table.pending:
                hub.order(table, side, HoldOrder(type="hold", version=view.version))


def replays(hub: Hub, table: GameTable, content: Content) -> None:
    """The table's export replays to its state."""
    save = hub.export(table)
    orders = [OrderEntry.model_validate(o).model_dump(exclude_none=True)
              for o in save["orders"]]
    assert table.session is not None
    again = replay(Engine(content, "full_term"), table.room.seed, orders,
                   open_turn=table.session.state.turn if not table.session.over else None)
    assert again.to_json() == table.session.state.to_json()


@pytest.mark.parametrize("then", ["hold", "computer"])
def test_a_month_whose_time_runs_out_is_played_as_the_facilitator_chose(
        hub: Hub, content: Content, then: str) -> None:
    clock = hub.clock
    assert isinstance(clock, FakeClock)
    table = table_of_two(hub)
    hub.set_deadline(table, 5, then)
    assert table.session is not None
    view = view_for(table, "amlo")
    assert view.deadline_in == 300 and view.then == then and view.deadline
    clock.advance(299)
    assert not hub.expire(table)  # not yet
    clock.advance(2)
    assert hub.expire(table)
    assert table.session.state.turn == 2 and view_for(table, "trump").deadline_in == 300
    last = table.session.orders[-2:]
    if then == "hold":
        assert [o["order"] for o in last] == ["hold", "hold"]
    assert hub.owed(table)  # the new month waits for the people again
    replays(hub, table, content)
    # a restart: the deadline is a log entry like the rest
    again = Hub(hub.store, content, clock)
    assert again.load() == []
    rebuilt = again.tables[table.id]
    assert rebuilt.minutes == 5 and rebuilt.then == then and rebuilt.due is not None
    assert rebuilt.session is not None
    assert rebuilt.session.state.to_json() == table.session.state.to_json()


def test_a_paused_table_does_not_run_out_of_time(hub: Hub) -> None:
    clock = hub.clock
    assert isinstance(clock, FakeClock)
    table = table_of_two(hub)
    hub.set_deadline(table, 1, "hold")
    hub.pause(table, True)
    clock.advance(3600)
    assert not hub.expire(table) and table.session is not None
    assert table.session.state.turn == 1
    with pytest.raises(Refused) as refused:
        hub.order(table, "amlo", _hold(table))
    assert refused.value.code == "paused"
    hub.pause(table, False)  # the month's time starts again
    assert view_for(table, "amlo").deadline_in == 60


def _hold(table: GameTable) -> object:
    from game.protocol import HoldOrder

    return HoldOrder(type="hold", version=table.version)


def test_the_computer_takes_the_seat_of_a_player_who_is_away(hub: Hub,
                                                             content: Content) -> None:
    table = table_of_two(hub)
    token_holder = next(iter(t for t, (tab, side) in hub.tokens.items()
                             if tab is table and side == "trump"))
    hub.computer_for(table, "trump", "normal")
    assert token_holder not in hub.tokens  # the player's token no longer acts
    assert table.seats["trump"].kind == "agent"
    assert view_for(table, "amlo").other == "computer"
    with pytest.raises(Refused):
        hub.computer_for(table, "trump", "normal")
    # Ana alone now plays the game to its end
    assert table.session is not None
    while not table.session.over:
        month_of_holds(hub, table, ("amlo",))
    assert table.session.over
    replays(hub, table, content)
    again = Hub(hub.store, content, hub.clock)
    assert again.load() == []
    assert again.tables[table.id].seats["trump"].kind == "agent"


def test_the_facilitator_ends_a_game_with_its_month(hub: Hub, content: Content) -> None:
    table = table_of_two(hub)
    assert table.session is not None
    hub.stop(table)
    assert not table.session.over  # the month under way is played first
    with pytest.raises(Refused):
        hub.stop(table)

    month_of_holds(hub, table)
    assert table.session.over and table.session.state.turn == 1
    ending = view_for(table, "amlo").ending
    assert ending is not None and ending.id == "stopped"
    assert ending.title == "The facilitator ended the game"
    assert view_for(table, "trump").ending.title == "El facilitador terminó la partida"  # type: ignore[union-attr]
    replays(hub, table, content)


def test_news_written_by_the_facilitator_is_news_like_any_other(hub: Hub,
                                                                content: Content,
                                                                tmp_path: Path) -> None:
    """It comes with next month's news in both seats' languages as written, its changes
    in the ledger as the facilitator's; the save names it, so a replay, a load and a
    rebuilt server all have it."""
    import json
    import subprocess
    import sys


    table = table_of_two(hub)
    news = {"title": "Governors meet at the border", "text": "They ask both capitals to talk.",
            "effects": [{"kind": "meter", "meter": "trust", "delta": 5}]}
    hub.inject(table, "facilitator_1", news)
    assert table.session is not None
    month_of_holds(hub, table)
    for side in ("amlo", "trump"):
        view = view_for(table, side)
        assert view.news[0].title == "Governors meet at the border"
    english = view_for(table, "amlo").why
    assert any("inject by the facilitator: Governors meet at the border: trust +5" in line
               for line in english), english
    assert any("noticia enviada por el facilitador: Governors meet" in line
               for line in view_for(table, "trump").why)
    replays(hub, table, content)
    save = hub.export(table)
    assert save["orders"][0] == {"turn": 1, "order": "inject", "event": "facilitator_1",
                                 "custom": news}
    path = tmp_path / "written.json"
    path.write_text(json.dumps(save))
    done = subprocess.run([sys.executable, "-m", "game", "replay", str(path), "--verify"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "VERIFIED" in done.stdout, done.stdout + done.stderr
    again = Hub(hub.store, content, hub.clock)
    assert again.load() == []
    rebuilt = again.tables[table.id].session
    assert rebuilt is not None and rebuilt.state.to_json() == table.session.state.to_json()


def test_a_player_who_joined_again_is_seated_back_in_his_game(hub: Hub,
                                                              content: Content) -> None:
    """Ben's laptop died: the computer took his seat; he joins again (alone at a new
    table) and the facilitator seats him back; he plays on from the month under way, with
    the token of his new join, and a rebuilt server has him there."""
    from game.protocol import HoldOrder

    table = table_of_two(hub)
    room = table.room
    hub.computer_for(table, "trump", "normal")
    waiting, _side, token = hub.join(room.code, "Ben", None, "es")
    assert waiting.number == 2 and waiting.session is None
    with pytest.raises(Refused) as refused:
        hub.seat_player(room, 2, 1, "amlo")  # Ana's seat: taken by a person
    assert refused.value.code == "seat_taken"
    with pytest.raises(Refused) as refused:
        hub.seat_player(room, 1, 2, "amlo")  # table 1 has no one waiting alone
    assert refused.value.code == "not_waiting"
    assert hub.seat_player(room, 2, 1, "trump") is table
    assert table.seats["trump"].kind == "human" and table.seats["trump"].name == "Ben"
    assert hub.seat_of(token) == (table, "trump") and not waiting.seats
    assert table.session is not None and "trump" not in table.session.agents
    assert view_for(table, "trump").lang == "es"
    state = table.session.state
    if state.phase == POLICY:
        hub.order(table, "trump", HoldOrder(type="hold", version=table.version))
    again = Hub(hub.store, content, hub.clock)
    assert again.load() == []
    rebuilt = again.tables[table.id]
    assert rebuilt.seats["trump"].kind == "human" and again.seat_of(token) is not None
    assert rebuilt.session is not None and "trump" not in rebuilt.session.agents
    replays(hub, table, content)


def test_two_players_waiting_alone_are_paired(hub: Hub) -> None:
    room, _token = hub.create_room("Class 3B", "full_term")
    first = hub.join(room.code, "Ana", "amlo", "en")[0]
    second = hub.join(room.code, "Ben", "amlo", "en")[0]  # asked for the same side
    assert first is not second and first.session is None and second.session is None
    assert hub.seat_player(room, 2, 1, "trump") is first
    assert first.session is not None and not second.seats


def test_the_computer_takes_only_an_away_players_seat(hub: Hub) -> None:
    table = table_of_two(hub)
    table.seats["trump"].sockets.add(object())  # type: ignore[arg-type]
    with pytest.raises(Refused) as refused:
        hub.computer_for(table, "trump", "normal")
    assert refused.value.code == "seat_present"
    hub.computer_for(table, "amlo", "normal")
    table.seats["trump"].sockets.clear()
    with pytest.raises(Refused) as refused:  # two computers would play it out at once
        hub.computer_for(table, "trump", "normal")
    assert refused.value.code == "both_computer"


def test_a_time_for_some_tables_is_not_the_rooms(hub: Hub) -> None:
    table = table_of_two(hub)
    room = table.room
    hub.set_deadline(table, 5, "computer")  # this table only
    later = hub.join(room.code, "Cy", "amlo", "en")[0]
    hub.join(room.code, "Di", "trump", "en")
    assert room.minutes is None and later.minutes is None
    hub.set_deadline(later, 3, "hold", room=True)
    assert room.minutes == 3
    again = Hub(hub.store, hub.content, hub.clock)
    again.load()
    assert again.rooms[room.code].minutes == 3
    assert again.tables[table.id].minutes == 5
