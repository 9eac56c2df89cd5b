"""The game's written-out draws are exactly the standard library's: saves and pinned
games depend on every draw coming out the same."""

from __future__ import annotations

import random

from game.core import rng as game_rng
from game.core.rng import pick_weighted, shuffle


def test_shuffle_is_random_shuffle() -> None:
    assert shuffle is game_rng._shuffle  # this Python draws the way the copy expects
    for seed in range(500):
        ours, theirs = random.Random(seed), random.Random(seed)
        a = list(range(seed % 97))
        b = list(a)
        shuffle(ours, a)
        theirs.shuffle(b)
        assert a == b
        assert ours.random() == theirs.random()  # and the generators end alike


def test_pick_weighted_is_random_choices() -> None:
    for seed in range(500):
        ours, theirs = random.Random(seed), random.Random(seed)
        weights = [1 + (seed * 7 + i * 13) % 9 for i in range(2 + seed % 20)]
        items = [f"e{i}" for i in range(len(weights))]
        cumulative = []
        total = 0
        for weight in weights:
            total += weight
            cumulative.append(total)
        for _ in range(5):
            assert pick_weighted(ours, items, cumulative) == \
                theirs.choices(items, weights=weights)[0]
        assert ours.random() == theirs.random()
