"""Endings: the record kept when one is reached, with each leader's standing."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, NamedTuple

from game.core.state import SIDES, GameState
from game.models.content import AllOf, Ending, LastTurn, Leader, MeterIs, Signed


class Thresholds(NamedTuple):
    """The trust lines the endings draw, read from content so that mods show true numbers."""

    collision: int | None  # trust at or below which the relationship collides
    compromise: int | None  # trust at or above which compromise is possible
    signed: int  # agreements compromise needs signed (0: none)
    at_end: bool = False  # compromise is judged only at the end of the scenario


def _required(condition: Any) -> Iterator[Any]:
    """The conditions that must all hold for `condition` to hold (through `all`)."""
    if isinstance(condition, AllOf):
        for inner in condition.of:
            yield from _required(inner)
    else:
        yield condition


def thresholds(endings: Iterable[Ending]) -> Thresholds:
    """The first collision and compromise endings' trust lines, in priority order."""
    collision: int | None = None
    compromise: int | None = None
    signed = 0
    at_end = False
    for ending in endings:
        required = list(_required(ending.when))
        if ending.kind == "collision" and collision is None:
            collision = next((c.max for c in required if isinstance(c, MeterIs)
                              and c.meter == "trust" and c.max is not None and c.min is None),
                             None)
        elif ending.kind == "compromise" and compromise is None:
            compromise = next((c.min for c in required if isinstance(c, MeterIs)
                               and c.meter == "trust" and c.min is not None), None)
            signed = max((c.min for c in required if isinstance(c, Signed)), default=0)
            at_end = any(isinstance(c, LastTurn) for c in required)
    return Thresholds(collision, compromise, signed, at_end)


def standing(state: GameState, leaders: Mapping[str, Leader]) -> dict[str, int]:
    """Each leader's polls above (positive) or below (negative) his floor."""
    return {side: state.meters[f"polls.{side}"] - leaders[side].floor for side in SIDES}


def score(state: GameState, per_signed: int) -> int:
    """The shared score of the relationship: trust plus `per_signed` per signed agreement."""
    return state.meters["trust"] + per_signed * sum(1 for v in state.agreements.values()
                                                    if v >= 2)


def ending_record(
    ending: Ending | None, state: GameState, leaders: Mapping[str, Leader], per_signed: int
) -> dict[str, Any]:
    """What is stored in the state when `ending` is reached."""
    return {
        "id": ending.id if ending else "term_end",
        "kind": ending.kind if ending else "term_end",
        "side": ending.side if ending else None,
        "turn": state.turn,
        "standing": standing(state, leaders),
        "score": score(state, per_signed),
    }
