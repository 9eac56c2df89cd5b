"""Replaying a game from its seed and order log: the basis of saves you can trust."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

from game.core.orders import ChooseOption, Inject, Order, Stop, order_from_json
from game.core.state import OVER, UPKEEP, GameState
from game.core.turn import Engine, TurnResolved, written_event


class ReplayError(Exception):
    """An order of the log cannot be played on this content (it changed, or the log is bad).

    As data, like every refusal of the core: `turn`, a `code` and its `facts`
    (`game.wording.replay_error_text` says it in words). Codes: `after_end`,
    `wrong_turn` (`at`: the game's turn), `unreadable` (`detail`), `refused`
    (`side`, `rejected`: the engine's `Rejected`), `no_such_turn` (`last`).
    """

    def __init__(self, turn: int, code: str, facts: Mapping[str, Any] | None = None) -> None:
        super().__init__(turn, code)
        self.turn = turn
        self.code = code
        self.facts: Mapping[str, Any] = MappingProxyType(dict(facts or {}))


def written_events(engine: Engine, orders: Iterable[Mapping[str, Any]]) -> None:
    """The news a facilitator wrote during a game (kept in its inject orders) join
    `engine`'s events, so that the game's state and log can be read; one not written as
    content is is left out here (a replay then says where)."""
    for entry in orders:
        news = entry.get("custom")
        if entry.get("order") == "inject" and isinstance(news, Mapping):
            with contextlib.suppress(ValueError):
                engine.add_event(written_event(str(entry["event"]), news))


def replay(
    engine: Engine,
    seed: int,
    orders: Iterable[Mapping[str, Any]],
    to_turn: int | None = None,
    open_turn: int | None = None,
    before_reveal: Callable[[GameState], None] | None = None,
) -> GameState:
    """Re-run a game from its seed through its orders.

    Stops after the orders of `to_turn` when given. When `open_turn` is the turn
    the replay stopped at, that turn is begun (upkeep and news), as a save made
    in the middle of a turn expects. `before_reveal` is shown the state of each month
    just before its cards are revealed (hands as they were dealt; it must not change it):
    a debrief asks there what another player would have played.
    """
    state = engine.new_game(seed)
    policy: dict[str, Order] = {}
    for entry in orders:
        turn = int(entry["turn"])
        if to_turn is not None and turn > to_turn:
            break
        if state.phase == OVER:
            raise ReplayError(turn, "after_end")
        if state.phase == UPKEEP:
            if turn != state.turn:
                raise ReplayError(turn, "wrong_turn", {"at": state.turn})
            engine.begin_turn(state)
        try:
            order = order_from_json(dict(entry))
        except (KeyError, ValueError) as exc:
            raise ReplayError(turn, "unreadable", {"detail": str(exc)}) from None
        if isinstance(order, (Inject, Stop)):
            if isinstance(order, Inject) and order.news is not None:
                try:
                    engine.add_event(written_event(order.event, order.news))
                except ValueError as exc:  # pydantic's: not written as content is
                    raise ReplayError(turn, "unreadable", {"detail": str(exc)}) from None
            rejected = (engine.inject(state, order.event) if isinstance(order, Inject)
                        else engine.stop(state))
            if rejected is not None:
                raise ReplayError(turn, "refused", {"side": None, "rejected": rejected})
            continue
        if isinstance(order, ChooseOption):
            rejected = engine.choose(state, order)
            if rejected is not None:
                raise ReplayError(turn, "refused", {"side": order.side, "rejected": rejected})
            continue
        policy[order.side] = order
        if len(policy) == 2:
            if before_reveal is not None:
                before_reveal(state)
            result = engine.resolve(state, policy)
            if not isinstance(result, TurnResolved):
                raise ReplayError(turn, "refused", {"side": None, "rejected": result})
            policy = {}
    if open_turn is not None and state.phase == UPKEEP and state.turn == open_turn:
        engine.begin_turn(state)
    return state


class Difference(NamedTuple):
    """Where a replay and a save first differ: the path, and each one's value there.

    `what` is `value` (two different values), `missing` (a key in one only: the
    values say whether each has it) or `length` (lists of different lengths: the
    values are the lengths).
    """

    path: str
    what: str
    replayed: Any
    saved: Any


def first_difference(a: Any, b: Any, path: str = "state") -> Difference | None:
    """The first place two JSON values (the replay's, the save's) differ; None if equal."""
    if type(a) is not type(b):
        return Difference(path, "value", a, b)
    if isinstance(a, dict):
        for key in sorted(set(a) | set(b), key=str):
            if key not in a or key not in b:
                return Difference(f"{path}.{key}", "missing", key in a, key in b)
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
            return Difference(path, "length", len(a), len(b))
        return None
    return None if a == b else Difference(path, "value", a, b)
