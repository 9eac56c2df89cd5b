"""What a game looked like: meter series per turn, and its largest swings with causes."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from game.core.state import GameState

TRACKED = ("trust", "polls.amlo", "polls.trump")


def series(state: GameState, meters: tuple[str, ...] = TRACKED) -> dict[str, list[int]]:
    """Each meter's value at the start (index 0) and at the end of every turn played."""
    last_turn = state.turn
    out: dict[str, list[int]] = {}
    for meter in meters:
        entries = [c for c in state.ledger if c[1] == meter]
        value = entries[0][3] if entries else state.meters[meter]
        values = [value]
        i = 0
        for turn in range(1, last_turn + 1):
            while i < len(entries) and entries[i][0] <= turn:
                value = entries[i][4]
                i += 1
            values.append(value)
        out[meter] = values
    return out


@dataclass(frozen=True)
class Swing:
    """A meter's net change in one turn, and what caused it."""

    turn: int
    meter: str
    delta: int
    causes: list[tuple[str, int]]  # (cause, net change), largest first


def largest_swings(state: GameState, count: int = 3,
                   meters: tuple[str, ...] = TRACKED) -> list[Swing]:
    """The `count` largest net changes of one meter in one turn, with their causes."""
    net: dict[tuple[int, str], int] = defaultdict(int)
    causes: dict[tuple[int, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for turn, meter, delta, _before, _after, cause in state.ledger:
        if meter in meters:
            net[(turn, meter)] += delta
            causes[(turn, meter)][cause] += delta
    ranked = sorted(net.items(), key=lambda kv: (-abs(kv[1]), kv[0][0], kv[0][1]))
    out = []
    for (turn, meter), delta in ranked[:count]:
        if delta == 0:
            continue
        parts = sorted(causes[(turn, meter)].items(), key=lambda kv: -abs(kv[1]))
        out.append(Swing(turn, meter, delta, [(c, d) for c, d in parts if d]))
    return out


@dataclass(frozen=True)
class Beside:
    """A moment of the player's game next to what really happened then."""

    game_month: str  # YYYY-MM when it came up in the game
    event: str  # the event id
    real_date: str  # when it really happened
    text: str  # what really happened


def beside_history(state: GameState, history: dict[str, object],
                   limit: int | None = 4) -> list[Beside]:
    """The game's news that stands for real moments, each with what really happened.

    `history` maps ids to entries with `date`, `text` and `events` (content's
    history file); the first `limit` matches in game order are returned (all, with None).
    """
    by_event: dict[str, object] = {}
    for entry in history.values():
        for event_id in getattr(entry, "events", []):
            by_event.setdefault(event_id, entry)
    out: list[Beside] = []
    for record in state.log:
        for news in record["news"]:
            event_id = news["event"]
            entry = by_event.get(event_id)
            if entry is not None:
                out.append(Beside(record["month"], str(event_id),
                                  str(getattr(entry, "date", "")),
                                  str(getattr(entry, "text", ""))))
                if limit is not None and len(out) >= limit:
                    return out
    return out
