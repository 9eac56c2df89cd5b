"""Endings: the record kept when one is reached, with each leader's standing."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from game.content.models import Ending, Leader
from game.core.state import SIDES, GameState


def standing(state: GameState, leaders: Mapping[str, Leader]) -> dict[str, int]:
    """Each leader's polls above (positive) or below (negative) his floor."""
    return {side: state.meters[f"polls.{side}"] - leaders[side].floor for side in SIDES}


def score(state: GameState) -> int:
    """The shared score of the relationship: trust plus 10 per signed agreement."""
    return state.meters["trust"] + 10 * sum(1 for v in state.agreements.values() if v >= 2)


def ending_record(
    ending: Ending | None, state: GameState, leaders: Mapping[str, Leader]
) -> dict[str, Any]:
    """What is stored in the state when `ending` is reached."""
    return {
        "id": ending.id if ending else "term_end",
        "kind": ending.kind if ending else "term_end",
        "side": ending.side if ending else None,
        "turn": state.turn,
        "standing": standing(state, leaders),
        "score": score(state),
    }
