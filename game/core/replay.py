"""Replaying a game from its seed and order log: the basis of saves you can trust."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from game.core.orders import ChooseOption, Order, order_from_json
from game.core.state import OVER, UPKEEP, GameState
from game.core.turn import Engine, TurnResolved


class ReplayError(Exception):
    """An order of the log cannot be played on this content (it changed, or the log is bad)."""


def replay(
    engine: Engine,
    seed: int,
    orders: Iterable[Mapping[str, Any]],
    to_turn: int | None = None,
    open_turn: int | None = None,
) -> GameState:
    """Re-run a game from its seed through its orders.

    Stops after the orders of `to_turn` when given. When `open_turn` is the turn
    the replay stopped at, that turn is begun (upkeep and news), as a save made
    in the middle of a turn expects.
    """
    state = engine.new_game(seed)
    policy: dict[str, Order] = {}
    for entry in orders:
        turn = int(entry["turn"])
        if to_turn is not None and turn > to_turn:
            break
        if state.phase == OVER:
            raise ReplayError(f"turn {turn}: an order after the game had ended")
        if state.phase == UPKEEP:
            if turn != state.turn:
                raise ReplayError(f"turn {turn}: an order in the log for turn {turn} "
                                  f"while the game is at turn {state.turn}")
            engine.begin_turn(state)
        try:
            order = order_from_json(dict(entry))
        except (KeyError, ValueError) as exc:
            raise ReplayError(f"turn {turn}: an unreadable order ({exc})") from None
        if isinstance(order, ChooseOption):
            rejected = engine.choose(state, order)
            if rejected is not None:
                raise ReplayError(f"turn {turn}: {order.side}'s decision — {rejected.code}")
            continue
        policy[order.side] = order
        if len(policy) == 2:
            result = engine.resolve(state, policy)
            if not isinstance(result, TurnResolved):
                raise ReplayError(f"turn {turn}: {result.code}")
            policy = {}
    if open_turn is not None and state.phase == UPKEEP and state.turn == open_turn:
        engine.begin_turn(state)
    return state


def first_difference(a: Any, b: Any, path: str = "state") -> str | None:
    """The path of the first place two JSON values differ, with both values; None if equal."""
    if type(a) is not type(b):
        return f"{path}: {a!r} != {b!r}"
    if isinstance(a, dict):
        for key in sorted(set(a) | set(b), key=str):
            if key not in a or key not in b:
                return f"{path}.{key}: only in {'the replay' if key in a else 'the save'}"
            found = first_difference(a[key], b[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            found = first_difference(x, y, f"{path}[{i}]")
            if found:
                return found
        if len(a) != len(b):
            return f"{path}: {len(a)} items in the replay, {len(b)} in the save"
        return None
    return None if a == b else f"{path}: {a!r} != {b!r}"
