"""Same seed and same orders give the same game, byte for byte; states round-trip."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.ai.agents import make_agent
from game.core.state import CHOICE, OVER, GameState
from game.core.turn import Engine
from game.models.bundle import Content
from game.session import play_out


def play(engine: Engine, seed: int, amlo: str, trump: str) -> GameState:
    state = engine.new_game(seed)
    agents = {
        "amlo": make_agent(amlo, "amlo", engine, seed),
        "trump": make_agent(trump, "trump", engine, seed),
    }
    return play_out(engine, state, agents)


def dump(state: GameState) -> str:
    return json.dumps(state.to_json(), sort_keys=True)


@pytest.mark.parametrize("seed", [1, 7, 12345])
def test_same_seed_same_game(content: Content, seed: int) -> None:
    engine = Engine(content, "full_term")
    assert dump(play(engine, seed, "greedy", "random")) == dump(
        play(engine, seed, "greedy", "random"))


def test_different_seeds_differ(content: Content) -> None:
    engine = Engine(content, "full_term")
    assert dump(play(engine, 1, "random", "random")) != dump(play(engine, 2, "random", "random"))


def test_replaying_the_order_log_gives_the_same_state(content: Content) -> None:
    from game.core.orders import ChooseOption, order_from_json
    from game.session import Session

    session = Session.new(content, "full_term", 99, {"amlo": "greedy", "trump": "reciprocal"})
    while not session.over:
        session.begin_turn()
        session.resolve({})
    engine = Engine(content, "full_term")
    state = engine.new_game(99)
    log = iter(session.orders)
    pending: dict[str, object] = {}
    while state.phase != OVER:
        engine.begin_turn(state)
        while state.pending:
            order = order_from_json(next(log))
            assert isinstance(order, ChooseOption)
            assert engine.choose(state, order) is None
        pending = {}
        for _ in range(2):
            order = order_from_json(next(log))
            pending[order.side] = order
        engine.resolve(state, pending)  # type: ignore[arg-type]
    assert dump(state) == dump(session.state)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**31 - 1), stop=st.integers(1, 23))
def test_json_round_trip_mid_game_continues_identically(
    content: Content, seed: int, stop: int
) -> None:
    engine = Engine(content, "full_term")
    state = engine.new_game(seed)
    agents = {s: make_agent("random", s, engine, seed) for s in ("amlo", "trump")}
    while state.phase != OVER and state.turn < stop:
        engine.begin_turn(state)
        while state.phase == CHOICE:
            for side in list(state.pending):
                engine.choose(state, agents[side].choose_option(engine, state))
        engine.resolve(state, {s: agents[s].choose_order(engine, state) for s in agents})
    copy = GameState.from_json(json.loads(json.dumps(state.to_json())))
    assert dump(copy) == dump(state)
    twin = {s: make_agent("random", s, engine, seed + 1) for s in ("amlo", "trump")}
    twin2 = {s: make_agent("random", s, engine, seed + 1) for s in ("amlo", "trump")}
    assert dump(play_out(engine, state, twin)) == dump(play_out(engine, copy, twin2))
