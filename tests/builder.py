"""A tiny state builder for rule tests, independent of the shipped content.

`make_content` builds a `Content` straight from the pydantic models, with small
defaults chosen for easy arithmetic, so that rebalancing `content/` never breaks
a rule test. Defaults (each can be overridden):

- rules: the four core interactions only (reciprocity trust +6; each side
  exploited: cooperator polls -3, confronter polls +2, trust -4; escalation:
  trust -10, every tension +5, both polls +1); capital cap 10; income 1 and no
  income steps; hold +1; no poll drift, no tension drift, no erosion, no base
  pressure; agreements advance on cooperation and talks break on confront.
- leaders: floor 20, baseline 50, comfort 30 for both.
- scenario `test`: 2019-01, 6 turns, hand of 3; trust 50, polls 50/50, every
  tension 30, capital 5/5; no flags, agreements, pressure or injects.
- endings: a catch-all `time_up` (kind term_end) on `{kind: last_turn}`, priority 0.
- a source `src`; no cards and no events unless given.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from game.core.orders import Hold, Order, PlayCard, Rejected
from game.core.state import POLICY, UPKEEP, GameState
from game.core.turn import Engine, TurnOpened, TurnResolved
from game.models.bundle import Content
from game.models.content import (
    STATE_METERS,
    Card,
    Ending,
    Event,
    Leader,
    Rules,
    Scenario,
    Source,
)

SCENARIO = "test"

INTERACTIONS: list[dict[str, Any]] = [
    {
        "id": "reciprocity", "title": "Reciprocity", "text": "Both reached out.",
        "amlo": "cooperate", "trump": "cooperate",
        "effects": [{"kind": "meter", "meter": "trust", "delta": 6}],
    },
    {
        "id": "amlo_exploited", "title": "AMLO exploited", "text": "Mexico gave ground.",
        "amlo": "cooperate", "trump": "confront",
        "effects": [
            {"kind": "meter", "meter": "polls.amlo", "delta": -3},
            {"kind": "meter", "meter": "polls.trump", "delta": 2},
            {"kind": "meter", "meter": "trust", "delta": -4},
        ],
    },
    {
        "id": "trump_exploited", "title": "Trump exploited", "text": "Washington gave ground.",
        "amlo": "confront", "trump": "cooperate",
        "effects": [
            {"kind": "meter", "meter": "polls.trump", "delta": -3},
            {"kind": "meter", "meter": "polls.amlo", "delta": 2},
            {"kind": "meter", "meter": "trust", "delta": -4},
        ],
    },
    {
        "id": "escalation", "title": "Escalation", "text": "Both struck at once.",
        "amlo": "confront", "trump": "confront",
        "effects": [
            {"kind": "meter", "meter": "trust", "delta": -10},
            {"kind": "meter", "meter": "tension.trade", "delta": 5},
            {"kind": "meter", "meter": "tension.migration", "delta": 5},
            {"kind": "meter", "meter": "tension.security", "delta": 5},
            {"kind": "meter", "meter": "polls.amlo", "delta": 1},
            {"kind": "meter", "meter": "polls.trump", "delta": 1},
        ],
    },
]

RULES: dict[str, Any] = {
    "capital_max": 10,
    "income_base": 1,
    "income_steps": [],
    "hold_gain": 1,
    "polls_drift": 0,
    "tension_drift": 0,
    "tension_erosion": [],
    "base_pressure": 0,
    "agreement_on_cooperation": True,
    "confront_setback": True,
    "interactions": INTERACTIONS,
}

METERS: dict[str, int] = {
    "trust": 50,
    "polls.amlo": 50,
    "polls.trump": 50,
    "tension.trade": 30,
    "tension.migration": 30,
    "tension.security": 30,
    "capital.amlo": 5,
    "capital.trump": 5,
}


def _leader(side: str) -> dict[str, Any]:
    return {
        "id": side,
        "name": side.upper(),
        "short": side.upper(),
        "office": "President",
        "country": "Mexico" if side == "amlo" else "United States",
        "wants": "To win.",
        "emblem": {"initials": side[:2].upper(), "colors": ["#000000", "#ffffff"]},
        "floor": 20,
        "baseline": 50,
        "comfort": 30,
        "personality": {"comfort": 30, "populism": 1.0, "forgiveness": 0.5},
    }


def _scenario() -> dict[str, Any]:
    return {
        "id": SCENARIO,
        "title": "Test",
        "start": "2019-01",
        "turns": 6,
        "briefing": "A test.",
        "question": "Does it work?",
        "objectives": ["Test the rules."],
        "meters": dict(METERS),
        "hand_size": 3,
    }


TERM_END: dict[str, Any] = {
    "id": "time_up", "kind": "term_end", "title": "Time up", "text": "Time ran out.",
    "priority": 0, "when": {"kind": "last_turn"},
}

# ---------------------------------------------------------------- content dicts


def card(
    id: str,
    side: str = "amlo",
    stance: str = "domestic",
    category: str = "domestic",
    cost: int = 0,
    effects: Iterable[Mapping[str, Any]] = (),
    from_: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A card as content data; `from_` is `from`; `extra` takes `requires`, `once`, `until`..."""
    data = {
        "id": id, "side": side, "title": id, "text": id, "context": id, "sources": ["src"],
        "category": category, "stance": stance, "cost": cost,
        "effects": [dict(e) for e in effects], **extra,
    }
    if from_ is not None:
        data["from"] = from_
    return data


def event(
    id: str,
    effects: Iterable[Mapping[str, Any]] = (),
    weight: int = 10,
    cooldown: int = 0,
    **extra: Any,
) -> dict[str, Any]:
    """An event as content data; `extra` takes `when`, `once`, `date`, `choices`, `next`."""
    return {
        "id": id, "title": id, "text": id, "context": id, "sources": ["src"],
        "weight": weight, "cooldown": cooldown, "effects": [dict(e) for e in effects], **extra,
    }


def ending(id: str, kind: str, when: Mapping[str, Any], priority: int = 50,
           side: str | None = None) -> dict[str, Any]:
    """An ending as content data."""
    return {"id": id, "kind": kind, "title": id, "text": id, "priority": priority,
            "side": side, "when": dict(when)}


def choice(side: str, label: str, effects: Iterable[Mapping[str, Any]] = ()) -> dict[str, Any]:
    """An event option as content data."""
    return {"side": side, "label": label, "effects": [dict(e) for e in effects]}


def meter(name: str, delta: int) -> dict[str, Any]:
    """Effect: change a meter."""
    return {"kind": "meter", "meter": name, "delta": delta}


def meter_is(name: str, min: int | None = None, max: int | None = None) -> dict[str, Any]:
    """Condition: a meter within inclusive bounds."""
    return {"kind": "meter", "meter": name, "min": min, "max": max}


def flag_is(name: str, set: bool = True) -> dict[str, Any]:
    """Condition: a flag set (or unset)."""
    return {"kind": "flag", "flag": name, "set": set}


# ---------------------------------------------------------------- content


def make_content(
    *,
    cards: Iterable[Mapping[str, Any]] = (),
    events: Iterable[Mapping[str, Any]] = (),
    endings: Iterable[Mapping[str, Any]] = (),
    rules: Mapping[str, Any] | None = None,
    scenario: Mapping[str, Any] | None = None,
    leaders: Mapping[str, Mapping[str, Any]] | None = None,
    term_end: bool = True,
) -> Content:
    """A validated `Content` from small dicts merged over the defaults above.

    `scenario["meters"]` is merged over the default meters; `leaders` maps a side
    to the fields to override. Endings are sorted by priority, highest first,
    exactly as the content loader does (the engine checks them in list order).
    """
    rules_data = {**RULES, **(rules or {})}
    scenario_data = _scenario()
    for key, value in (scenario or {}).items():
        if key == "meters":
            scenario_data["meters"] = {**METERS, **value}
        else:
            scenario_data[key] = value
    leader_data = {side: _leader(side) for side in ("amlo", "trump")}
    for side, fields in (leaders or {}).items():
        leader_data[side].update(fields)
    ending_list = [Ending.model_validate(e) for e in endings]
    if term_end:
        ending_list.append(Ending.model_validate(TERM_END))
    card_list = [Card.model_validate(c) for c in cards]
    event_list = [Event.model_validate(e) for e in events]
    return Content(
        packs=[],
        rules=Rules.model_validate(rules_data),
        cards={c.id: c for c in card_list},
        events={e.id: e for e in event_list},
        endings=sorted(ending_list, key=lambda e: -e.priority),
        leaders={side: Leader.model_validate(d) for side, d in leader_data.items()},
        scenarios={SCENARIO: Scenario.model_validate(scenario_data)},
        sources={"src": Source.model_validate(
            {"id": "src", "title": "Test source", "url": "https://example.org/"}
        )},
    )


def engine_for(content: Content) -> Engine:
    """The engine of the `test` scenario."""
    return Engine(content, SCENARIO)


# ---------------------------------------------------------------- states


def meter_key(key: str) -> str:
    """`polls_amlo` → `polls.amlo` (keyword arguments cannot hold dots)."""
    if key in STATE_METERS:
        return key
    name = key.replace("_", ".", 1)
    if name not in STATE_METERS:
        raise KeyError(f"no meter {key!r}")
    return name


def new(engine: Engine, seed: int = 1, **meters: int) -> GameState:
    """A new game at the upkeep of turn 1 with the given meters set (e.g. `polls_amlo=30`)."""
    state = engine.new_game(seed)
    for key, value in meters.items():
        state.meters[meter_key(key)] = value
    return state


def start(engine: Engine, seed: int = 1, **meters: int) -> GameState:
    """A new game at the policy phase of turn 1 with the given meters set."""
    state = new(engine, seed, **meters)
    opened = engine.begin_turn(state)
    assert isinstance(opened, TurnOpened), opened
    assert state.phase == POLICY, state.phase
    return state


def force_hand(state: GameState, side: str, *card_ids: str) -> None:
    """Make `side`'s hand exactly `card_ids`, taking one copy of each out of deck/discards."""
    for card_id in card_ids:
        if card_id in state.hands[side]:
            continue
        for pile in (state.decks[side], state.discards[side]):
            if card_id in pile:
                pile.remove(card_id)
                break
    state.decks[side].extend(c for c in state.hands[side] if c not in card_ids)
    state.hands[side] = list(card_ids)


def order(side: str, card_id: str | None) -> Order:
    """`PlayCard` for a card id, `Hold` for None."""
    return Hold(side) if card_id is None else PlayCard(side, card_id)


def play(engine: Engine, state: GameState, amlo: str | None = None,
         trump: str | None = None) -> TurnResolved:
    """Resolve the policy phase (None = Hold); a card not yet in hand is put there first."""
    for side, card_id in (("amlo", amlo), ("trump", trump)):
        if card_id is not None and card_id not in state.hands[side]:
            state.hands[side].append(card_id)
    result = engine.resolve(state, {"amlo": order("amlo", amlo), "trump": order("trump", trump)})
    assert isinstance(result, TurnResolved), result
    return result


def begin(engine: Engine, state: GameState) -> TurnOpened:
    """Begin the next turn (upkeep and news); fails the test if rejected."""
    assert state.phase == UPKEEP, state.phase
    opened = engine.begin_turn(state)
    assert not isinstance(opened, Rejected), opened
    return opened


def run_turn(engine: Engine, state: GameState, amlo: str | None = None,
             trump: str | None = None) -> TurnResolved:
    """Begin the next turn and resolve it with the given orders (None = Hold)."""
    begin(engine, state)
    return play(engine, state, amlo, trump)


def causes(state: GameState, meter: str, since: int = 0) -> list[tuple[int, str]]:
    """The (delta, cause) ledger entries of one meter, from ledger index `since`."""
    return [(c[2], c[5]) for c in state.ledger[since:] if c[1] == meter]
