"""The same seeds give the same games: a few whole games pinned for every agent.

Speed work must not change how anyone plays. Each case plays a full game and
compares the hash of its final state (meters, hands, ledger, log, everything
`GameState.to_json` holds) with the one recorded here. A deliberate change of
the rules, the content or an agent's play updates these figures in the same
commit, saying why.
"""

from __future__ import annotations

import hashlib
import json

import pytest

from game.ai.agents import make_agent
from game.content import load_game_content
from game.core.turn import Engine
from game.session import play_out

#: (AMLO's player, Trump's player) → per seed: (ending, turns, final trust, state hash).
PINNED: dict[tuple[str, str], dict[int, tuple[str, int, int, str]]] = {
    ("random", "random"): {1: ("cold_truce", 24, 31, "48eaa7aa5f98"),
                           7: ("populist_collision", 8, 9, "c60e11c12e63"),
                           42: ("populist_collision", 19, 1, "149e29d36db4")},
    ("greedy", "greedy"): {1: ("unlikely_allies", 17, 80, "692a3246e63a"),
                           7: ("populist_collision", 23, 0, "dcb10ff3734d"),
                           42: ("populist_collision", 10, 10, "f20d64291bcb")},
    ("reciprocal", "reciprocal"): {1: ("unlikely_allies", 16, 100, "67d4df55c14d"),
                                   7: ("unlikely_allies", 19, 88, "dd740bbc3b5e"),
                                   42: ("unlikely_allies", 16, 100, "ade6fc8b2bec")},
    ("lookahead", "lookahead"): {1: ("unlikely_allies", 19, 83, "080bc7c7900b"),
                                 7: ("unlikely_allies", 13, 85, "4f6467ca9893"),
                                 42: ("unlikely_allies", 14, 84, "b991e067a549")},
    ("easy", "hard"): {1: ("working_relationship", 24, 89, "79f0a448b244"),
                       7: ("working_relationship", 24, 58, "aef62af0a366"),
                       42: ("working_relationship", 24, 68, "cf4ca67eac16")},
    ("hard", "normal"): {1: ("unlikely_allies", 24, 100, "80ce4470ac34"),
                         7: ("unlikely_allies", 12, 81, "97580a9be83b"),
                         42: ("unlikely_allies", 15, 100, "5ce4c3be3252")},
}


@pytest.fixture(scope="module")
def engine() -> Engine:
    content = load_game_content().content
    assert content is not None
    return Engine(content, "full_term")


@pytest.mark.parametrize("players", list(PINNED), ids=[f"{a}-{t}" for a, t in PINNED])
def test_the_same_seeds_give_the_same_games(engine: Engine, players: tuple[str, str]) -> None:
    amlo, trump = players
    for seed, expected in PINNED[players].items():
        state = engine.new_game(seed)
        play_out(engine, state, {"amlo": make_agent(amlo, "amlo", engine),
                                 "trump": make_agent(trump, "trump", engine)})
        assert state.ending is not None
        digest = hashlib.sha256(json.dumps(state.to_json(), sort_keys=True).encode())
        got = (state.ending["id"], state.turn, state.meters["trust"], digest.hexdigest()[:12])
        assert got == expected, (players, seed)
