"""Conditions: compiled once from content into fast predicates over a game state."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from game.core.state import GameState, month_index
from game.models.content import (
    AGREEMENT_STEPS,
    AgreementIs,
    AllOf,
    AnyOf,
    BelowFloor,
    DateIs,
    FlagIs,
    LastStance,
    LastTurn,
    MeterIs,
    Not,
    Signed,
    TurnIs,
)

Predicate = Callable[[GameState], bool]

OTHER = {"amlo": "trump", "trump": "amlo"}


def resolve_side(ref: str, side: str | None) -> str:
    """`self`/`other` relative to `side`; explicit sides unchanged."""
    if ref == "self":
        return side or "amlo"
    if ref == "other":
        return OTHER[side or "amlo"]
    return ref


def resolve_meter(meter: str, side: str | None) -> str:
    """`polls.self` → `polls.amlo` when `side` is amlo; other names unchanged."""
    if meter.endswith(".self"):
        return meter[:-4] + resolve_side("self", side)
    if meter.endswith(".other"):
        return meter[:-5] + resolve_side("other", side)
    return meter


def _always(_: GameState) -> bool:
    return True


def _and(a: Predicate, b: Predicate) -> Predicate:
    return lambda s: a(s) and b(s)


def _or(a: Predicate, b: Predicate) -> Predicate:
    return lambda s: a(s) or b(s)


def _fold(parts: list[Predicate], both: bool) -> Predicate:
    """Chain predicates pairwise (faster than `all()` over a generator in hot loops)."""
    if not parts:
        return _always if both else (lambda s: False)
    out = parts[-1]
    for part in reversed(parts[:-1]):
        out = _and(part, out) if both else _or(part, out)
    return out


def compile_condition(cond: Any, side: str | None, last_turn: int) -> Predicate:
    """A predicate for `cond`; `side` resolves self/other; `last_turn` for `last_turn`."""
    if cond is None:
        return _always
    if isinstance(cond, AllOf):
        return _fold([compile_condition(c, side, last_turn) for c in cond.of], both=True)
    if isinstance(cond, AnyOf):
        return _fold([compile_condition(c, side, last_turn) for c in cond.of], both=False)
    if isinstance(cond, Not):
        inner = compile_condition(cond.cond, side, last_turn)
        return lambda s: not inner(s)
    if isinstance(cond, MeterIs):
        meter = resolve_meter(cond.meter, side)
        lo = cond.min if cond.min is not None else -(10**9)
        hi = cond.max if cond.max is not None else 10**9
        return lambda s: lo <= s.meters[meter] <= hi
    if isinstance(cond, FlagIs):
        flag = cond.flag
        return (lambda s: flag in s.flags) if cond.set else (lambda s: flag not in s.flags)
    if isinstance(cond, AgreementIs):
        front = cond.front
        alo, ahi = AGREEMENT_STEPS.index(cond.min), AGREEMENT_STEPS.index(cond.max)
        return lambda s: alo <= s.agreements[front] <= ahi
    if isinstance(cond, TurnIs):
        tlo, thi = cond.min or 1, cond.max or 10**9
        return lambda s: tlo <= s.turn <= thi
    if isinstance(cond, DateIs):
        mlo = month_index(cond.from_) if cond.from_ else -(10**9)
        mhi = month_index(cond.until) if cond.until else 10**9
        return lambda s: mlo <= s.month <= mhi
    if isinstance(cond, LastStance):
        who, stance = resolve_side(cond.side, side), cond.stance
        return lambda s: s.last_stance.get(who) == stance
    if isinstance(cond, BelowFloor):
        who, turns = resolve_side(cond.side, side), cond.turns
        return lambda s: s.below_floor.get(who, 0) >= turns
    if isinstance(cond, LastTurn):
        return lambda s: s.turn >= last_turn
    if isinstance(cond, Signed):
        need = cond.min
        return lambda s: sum(1 for v in s.agreements.values() if v >= 2) >= need
    raise TypeError(f"unknown condition {cond!r}")


NEVER, EVER = -(10**9), 10**9


def date_window(cond: Any) -> tuple[int, int]:
    """The months (first, last, as month indices) outside which `cond` can never hold,
    as far as its dates alone tell; (NEVER, EVER) when they do not bound it."""
    if isinstance(cond, DateIs):
        return (month_index(cond.from_) if cond.from_ else NEVER,
                month_index(cond.until) if cond.until else EVER)
    if isinstance(cond, AllOf):
        lo, hi = NEVER, EVER
        for part in cond.of:
            a, b = date_window(part)
            lo, hi = max(lo, a), min(hi, b)
        return lo, hi
    return NEVER, EVER
