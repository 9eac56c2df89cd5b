"""Effects: compiled once from content into functions that change a game state.

Every meter change goes through `change_meter`, which clamps the value and writes
the ledger entry with its cause: that is how the game can always say why a
number moved.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Protocol

from game.core.conditions import resolve_meter, resolve_side
from game.core.state import GameState, Modifier
from game.models.content import (
    AddModifier,
    ChangeMeter,
    ClearFlag,
    DiscardCards,
    DrawCards,
    MoveAgreement,
    ScheduleEvent,
    SetFlag,
)


class Dealer(Protocol):
    """What effects need from the engine: dealing cards into hands and out of them."""

    def draw(self, state: GameState, side: str, count: int) -> None:
        """Deal `count` cards into a hand."""

    def discard_random(self, state: GameState, side: str, count: int) -> None:
        """Discard up to `count` cards from a hand at random."""


Apply = Callable[[Dealer, GameState, str], object]  # what it returns is ignored


def change_meter(state: GameState, meter: str, delta: int, cause: str, hi: int) -> int:
    """Add `delta` to `meter`, clamped to 0..hi (the meter's limit); returns the real change."""
    before = state.meters[meter]
    after = before + delta
    if after > hi:
        after = hi
    elif after < 0:
        after = 0
    if after != before:
        state.meters[meter] = after
        state.ledger.append((state.turn, meter, after - before, before, after, cause))
    return after - before


def move_agreement(state: GameState, front: str, step: int, cause: str) -> None:
    """Move a front's agreement (0 none, 1 talks, 2 signed), written to the ledger."""
    before = state.agreements[front]
    after = min(2, max(0, before + step))
    if after != before:
        state.agreements[front] = after
        state.ledger.append(
            (state.turn, f"agreement.{front}", after - before, before, after, cause)
        )


def compile_effect(effect: Any, side: str | None, limits: Mapping[str, int]) -> Apply:
    """A function applying `effect`; `side` resolves self/other; `limits` maps each meter
    to its highest value."""
    if isinstance(effect, ChangeMeter):
        meter, delta = resolve_meter(effect.meter, side), effect.delta
        hi = limits[meter]

        def apply(eng: Dealer, s: GameState, cause: str) -> None:
            # change_meter, written out: this runs for most effects of every turn
            meters = s.meters
            before = meters[meter]
            after = before + delta
            if after > hi:
                after = hi
            elif after < 0:
                after = 0
            if after != before:
                meters[meter] = after
                s.ledger.append((s.turn, meter, after - before, before, after, cause))

        return apply
    if isinstance(effect, SetFlag):
        flag = effect.flag
        return lambda eng, s, cause: s.flags.add(flag)
    if isinstance(effect, ClearFlag):
        flag = effect.flag
        return lambda eng, s, cause: s.flags.discard(flag)
    if isinstance(effect, MoveAgreement):
        front, step = effect.front, effect.step
        return lambda eng, s, cause: move_agreement(s, front, step, cause)
    if isinstance(effect, AddModifier):
        meter, delta, turns, label = (
            resolve_meter(effect.meter, side), effect.delta, effect.turns, effect.label
        )
        return lambda eng, s, cause: s.modifiers.append(
            Modifier(meter, delta, turns, label, cause)
        )
    if isinstance(effect, ScheduleEvent):
        event, turns = effect.event, effect.turns
        return lambda eng, s, cause: s.scheduled.append((s.turn + turns, event, cause))
    if isinstance(effect, DrawCards):
        who, count = resolve_side(effect.side, side), effect.count
        return lambda eng, s, cause: eng.draw(s, who, count)
    if isinstance(effect, DiscardCards):
        who, count = resolve_side(effect.side, side), effect.count
        return lambda eng, s, cause: eng.discard_random(s, who, count)
    raise TypeError(f"unknown effect {effect!r}")


def compile_effects(
    effects: list[Any], side: str | None, limits: Mapping[str, int]
) -> tuple[Apply, ...]:
    """Compile a list of effects, keeping their order."""
    return tuple(compile_effect(e, side, limits) for e in effects)


def timed_deltas(effects: list[Any], side: str | None,
                 ) -> tuple[dict[str, int], list[tuple[str, int, int]]]:
    """What a list of effects does now, and what it does over the coming months: the
    meter changes made at once (before clamping), and each ongoing change as (meter,
    change each month, months) — a preview that does not net a later cost against a
    gain now."""
    now: dict[str, int] = {}
    later: list[tuple[str, int, int]] = []
    for effect in effects:
        if isinstance(effect, ChangeMeter):
            meter = resolve_meter(effect.meter, side)
            now[meter] = now.get(meter, 0) + effect.delta
        elif isinstance(effect, AddModifier):
            later.append((resolve_meter(effect.meter, side), effect.delta, effect.turns))
    return now, later


def static_deltas(effects: list[Any], side: str | None) -> dict[str, int]:
    """The meter changes a list of effects makes, before clamping (for previews and AI)."""
    out: dict[str, int] = {}
    for effect in effects:
        if isinstance(effect, ChangeMeter):
            meter = resolve_meter(effect.meter, side)
            out[meter] = out.get(meter, 0) + effect.delta
        elif isinstance(effect, AddModifier):
            meter = resolve_meter(effect.meter, side)
            out[meter] = out.get(meter, 0) + effect.delta * effect.turns
    return out
