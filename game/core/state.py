"""The game state: everything that changes during a game, and nothing else.

Plain mutable containers with slots, because the rules engine runs thousands of
games a second in simulations; `to_json`/`from_json` give a canonical form for
saves and for comparing two games byte for byte.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from game.core.rng import rng_from_json, rng_to_json

SIDES = ("amlo", "trump")
FRONTS = ("trade", "migration", "security")

#: Phases of a turn, in order.
UPKEEP, CHOICE, POLICY, OVER = "upkeep", "choice", "policy", "over"

#: One ledger entry: (turn, meter, delta, before, after, cause).
Change = tuple[int, str, int, int, int, str]


@dataclass(slots=True)
class Modifier:
    """A change applied to a meter at each upkeep, for a number of turns."""

    meter: str
    delta: int
    turns: int
    label: str
    cause: str


@dataclass(slots=True)
class GameState:
    """One game in progress."""

    scenario: str
    seed: int
    turn: int
    month: int  # months since year 0 (2018-12 → 2018*12+11)
    meters: dict[str, int]
    flags: set[str]
    agreements: dict[str, int]  # front → 0 none, 1 talks, 2 signed
    rng: random.Random
    decks: dict[str, list[str]] = field(default_factory=dict)
    hands: dict[str, list[str]] = field(default_factory=dict)
    discards: dict[str, list[str]] = field(default_factory=dict)
    modifiers: list[Modifier] = field(default_factory=list)
    ledger: list[Change] = field(default_factory=list)
    cooldowns: dict[str, int] = field(default_factory=dict)  # event → first turn it may fire
    fired: set[str] = field(default_factory=set)  # once-events and injects that fired
    scheduled: list[tuple[int, str, str]] = field(default_factory=list)  # (turn, event, cause)
    below_floor: dict[str, int] = field(default_factory=dict)
    last_stance: dict[str, str] = field(default_factory=dict)
    phase: str = UPKEEP
    event: str | None = None  # the event of this turn, if any
    pending: list[str] = field(default_factory=list)  # sides that still have to choose
    queue: list[str] = field(default_factory=list)  # this month's news still to decide on
    log: list[dict[str, Any]] = field(default_factory=list)  # one record per turn
    ending: dict[str, Any] | None = None

    @property
    def over(self) -> bool:
        """True once an ending was reached."""
        return self.ending is not None

    def clone(self, ledger: bool = False, rng: random.Random | None = None) -> GameState:
        """A copy that can be played on without touching this one (for lookahead).

        Past turn records are shared (they never change once a turn is over); the
        ledger is left empty unless asked for, as rollouts do not need it. With
        `rng`, the copy draws from that generator instead of a copy of this game's.
        """
        if rng is None:
            rng = random.Random.__new__(random.Random)  # no seeding: the state is set next
            rng.setstate(self.rng.getstate())
        log = self.log[:-1]
        if self.log:
            log.append(_record_copy(self.log[-1]))
        return GameState(
            scenario=self.scenario,
            seed=self.seed,
            turn=self.turn,
            month=self.month,
            meters=dict(self.meters),
            flags=set(self.flags),
            agreements=dict(self.agreements),
            rng=rng,
            decks={k: list(v) for k, v in self.decks.items()},
            hands={k: list(v) for k, v in self.hands.items()},
            discards={k: list(v) for k, v in self.discards.items()},
            modifiers=[Modifier(m.meter, m.delta, m.turns, m.label, m.cause)
                       for m in self.modifiers],
            ledger=list(self.ledger) if ledger else [],
            cooldowns=dict(self.cooldowns),
            fired=set(self.fired),
            scheduled=list(self.scheduled),
            below_floor=dict(self.below_floor),
            last_stance=dict(self.last_stance),
            phase=self.phase,
            event=self.event,
            pending=list(self.pending),
            queue=list(self.queue),
            log=log,
            ending=self.ending,
        )

    def to_json(self) -> dict[str, Any]:
        """Canonical JSON-ready form (sets sorted) for saves and comparisons.

        Everything is copied: the result stays as it is while the game goes on.
        """
        return {
            "scenario": self.scenario,
            "seed": self.seed,
            "turn": self.turn,
            "month": self.month,
            "meters": dict(sorted(self.meters.items())),
            "flags": sorted(self.flags),
            "agreements": dict(sorted(self.agreements.items())),
            "rng": rng_to_json(self.rng),
            "decks": {k: list(v) for k, v in self.decks.items()},
            "hands": {k: list(v) for k, v in self.hands.items()},
            "discards": {k: list(v) for k, v in self.discards.items()},
            "modifiers": [
                [m.meter, m.delta, m.turns, m.label, m.cause] for m in self.modifiers
            ],
            "ledger": [list(c) for c in self.ledger],
            "cooldowns": dict(sorted(self.cooldowns.items())),
            "fired": sorted(self.fired),
            "scheduled": [list(s) for s in self.scheduled],
            "below_floor": dict(sorted(self.below_floor.items())),
            "last_stance": dict(sorted(self.last_stance.items())),
            "phase": self.phase,
            "event": self.event,
            "pending": list(self.pending),
            "queue": list(self.queue),
            "log": [_record_copy(r) for r in self.log],
            "ending": None if self.ending is None else {
                **self.ending, "standing": dict(self.ending["standing"])
            },
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> GameState:
        """Rebuild a state from `to_json` output (already validated by the caller)."""
        return cls(
            scenario=data["scenario"],
            seed=int(data["seed"]),
            turn=int(data["turn"]),
            month=int(data["month"]),
            meters={k: int(v) for k, v in data["meters"].items()},
            flags=set(data["flags"]),
            agreements={k: int(v) for k, v in data["agreements"].items()},
            rng=rng_from_json(data["rng"]),
            decks={k: list(v) for k, v in data["decks"].items()},
            hands={k: list(v) for k, v in data["hands"].items()},
            discards={k: list(v) for k, v in data["discards"].items()},
            modifiers=[Modifier(m[0], int(m[1]), int(m[2]), m[3], m[4]) for m in data["modifiers"]],
            ledger=[
                (int(c[0]), c[1], int(c[2]), int(c[3]), int(c[4]), c[5]) for c in data["ledger"]
            ],
            cooldowns={k: int(v) for k, v in data["cooldowns"].items()},
            fired=set(data["fired"]),
            scheduled=[(int(s[0]), s[1], s[2]) for s in data["scheduled"]],
            below_floor={k: int(v) for k, v in data["below_floor"].items()},
            last_stance=dict(data["last_stance"]),
            phase=data["phase"],
            event=data["event"],
            pending=list(data["pending"]),
            queue=list(data["queue"]),
            log=[_record_copy(r) for r in data["log"]],
            ending=None if data["ending"] is None else {
                **data["ending"], "standing": dict(data["ending"]["standing"])
            },
        )


def _record_copy(record: dict[str, Any]) -> dict[str, Any]:
    """A turn record that shares nothing that can change with the original."""
    return {**record, "news": [{"event": n["event"], "choices": dict(n["choices"])}
                               for n in record["news"]],
            "orders": dict(record["orders"])}


def month_name(month: int) -> str:
    """`2019-05` style text of a month index."""
    return f"{month // 12:04d}-{month % 12 + 1:02d}"


def month_index(text: str) -> int:
    """Month index of `YYYY-MM`."""
    year, mon = text.split("-")
    return int(year) * 12 + int(mon) - 1
