"""Seeded randomness kept inside the game state, so a game can be saved and replayed."""

from __future__ import annotations

import random
from bisect import bisect_right
from typing import Any


def make_rng(seed: int) -> random.Random:
    """A generator for one game; the same seed always gives the same game."""
    return random.Random(seed)


def _shuffle(rng: random.Random, items: list[Any]) -> None:
    """`rng.shuffle(items)`, the same draws in the same order, without a method call for
    each item (CPython's `_randbelow_with_getrandbits`, written out)."""
    getrandbits = rng.getrandbits
    for i in range(len(items) - 1, 0, -1):
        n = i + 1
        k = n.bit_length()
        j = getrandbits(k)
        while j >= n:
            j = getrandbits(k)
        items[i], items[j] = items[j], items[i]


def _shuffle_by_method(rng: random.Random, items: list[Any]) -> None:
    rng.shuffle(items)


#: Shuffle a list with a game's generator: exactly what `random.Random.shuffle` does,
#: written out where this Python draws as we expect (a test compares the two).
shuffle = _shuffle if getattr(random.Random, "_randbelow", None) is getattr(
    random.Random, "_randbelow_with_getrandbits", object()) else _shuffle_by_method


def pick_weighted(rng: random.Random, items: list[Any], cumulative: list[int]) -> Any:
    """`rng.choices(items, cum_weights=cumulative)[0]`, written out: the same draw."""
    return items[bisect_right(cumulative, rng.random() * (cumulative[-1] + 0.0), 0,
                              len(items) - 1)]


def rng_to_json(rng: random.Random) -> list[Any]:
    """The generator's full state as JSON-ready data."""
    version, internal, gauss = rng.getstate()
    return [version, list(internal), gauss]


def rng_from_json(data: list[Any]) -> random.Random:
    """Rebuild a generator from `rng_to_json` output."""
    rng = random.Random()
    rng.setstate((int(data[0]), tuple(int(x) for x in data[1]), data[2]))
    return rng


def derive_seed(seed: int, index: int) -> int:
    """The seed of game `index` in a series started from `seed` (stable across runs)."""
    x = (seed * 0x9E3779B97F4A7C15 + index * 0xBF58476D1CE4E5B9 + 0x94D049BB133111EB)
    x &= (1 << 64) - 1
    x ^= x >> 31
    x = (x * 0xD6E8FEB86659FD93) & ((1 << 64) - 1)
    x ^= x >> 32
    return x & 0x7FFFFFFF
