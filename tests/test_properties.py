"""Random playouts: every game ends in time, meters stay in range, nothing raises."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.ai.agents import AGENTS, make_agent
from game.content import load_game_content
from game.core.state import OVER
from game.core.turn import Engine
from game.models.bundle import Content
from game.session import play_out
from tests.profiles import examples


@pytest.fixture(scope="module")
def engine() -> Engine:
    content: Content | None = load_game_content().content
    assert content is not None
    return Engine(content, "full_term")


@pytest.mark.fuzz
@settings(max_examples=examples(150, 2000))
@given(seed=st.integers(0, 2**31 - 1),
       amlo=st.sampled_from(sorted(AGENTS)), trump=st.sampled_from(sorted(AGENTS)))
def test_random_games_end_in_time_with_meters_in_range(
    engine: Engine, seed: int, amlo: str, trump: str
) -> None:
    state = engine.new_game(seed)
    agents = {"amlo": make_agent(amlo, "amlo", engine, seed),
              "trump": make_agent(trump, "trump", engine, seed)}
    play_out(engine, state, agents)
    assert state.phase == OVER and state.ending is not None
    assert 1 <= state.turn <= engine.turns
    cap = engine.rules.capital_max
    for meter, value in state.meters.items():
        assert 0 <= value <= (cap if meter.startswith("capital") else 100), (meter, value)
    for _turn, meter, delta, before, after, _cause in state.ledger:
        assert after - before == delta
        hi = 2 if meter.startswith("agreement") else cap if meter.startswith("capital") else 100
        assert 0 <= after <= hi, (meter, after)
    assert all(0 <= v <= 2 for v in state.agreements.values())
