"""Checks of a save beyond its fields: do they agree with each other, and with the content?

`format.py` reads every field strictly on its own. Here the fields are checked
against each other (`structure_problem`, run by `read_save`: the header agrees
with the state, the turn log is numbered 1..turn, the phase fits the rest, the
ledger adds up) and against the content the game is loaded with
(`content_problem`, run by the session once it has built the engine: every card
and event id is known, the meters are within the rules' limits, every decision
names an option the event has). A save that passes both can be played to its end.

Each check returns the first problem found, or None: where it is (the field's
path in the file, e.g. `state.hands.amlo[2]`) and what is wrong, in words.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from itertools import chain
from typing import cast

from pydantic import ValidationError

from game.core.state import CHOICE, OVER, UPKEEP, month_name
from game.core.turn import Engine
from game.models.content import STATE_METERS, Personality
from game.persistence.format import (
    BOTH,
    FINGERPRINT_PATTERN,
    FIRED_PATTERN,
    GAME_ID_PATTERN,
    ID_PATTERN,
    MONTH_PATTERN,
    TEXT_PATTERN,
    VERSION_PATTERN,
    SaveFile,
)


@dataclass(frozen=True, slots=True)
class Problem:
    """Where a save is wrong, and what is wrong there."""

    where: str
    what: str
    #: True when the loaded content, not the file, may be why (a pack changed since).
    content: bool = False

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"


def structure_problem(save: SaveFile) -> Problem | None:
    """The first way the save's fields disagree with each other, or None."""
    return next(_structure(save), None)


def content_problem(
    engine: Engine, save: SaveFile, agents: Collection[str], state: bool = True
) -> Problem | None:
    """The first way the save does not fit the content of `engine`, or None.

    `agents` are the agent kinds the game knows (besides the content's difficulties).
    With `state` False only the players are checked: the game is rebuilt from its
    orders, not from the saved state. The structure is checked first, so that this
    can be called on any `SaveFile`.
    """
    checks = chain(_structure(save), _players(engine, save, agents))
    if state:
        checks = chain(checks, _content(engine, save))
    return next(checks, None)


def validation_problem(exc: ValidationError) -> Problem:
    """The first error of a pydantic validation, as a problem."""
    first = exc.errors(include_url=False)[0]
    return _error(first["loc"], first["type"], first["msg"], first.get("input"),
                  first.get("ctx") or {})


# ------------------------------------------------------------------------ structure


def _structure(save: SaveFile) -> Iterator[Problem]:
    header, state = save.header, save.state
    for name in ("scenario", "seed", "turn", "phase"):
        ours, theirs = getattr(header, name), getattr(state, name)
        if ours != theirs:
            yield Problem(f"header.{name}", f"{_short(ours)} but the state says {_short(theirs)}")
    if header.month != month_name(state.month):
        yield Problem("header.month", f"{header.month!r} but the state is at "
                      f"{month_name(state.month)!r}")
    ending = state.ending.id if state.ending is not None else None
    if header.ending != ending:
        yield Problem("header.ending", f"{_short(header.ending)} but the state's ending is "
                      f"{_short(ending)}")
    for side in BOTH:
        player = header.sides[side]
        if player.kind == "agent" and player.agent is None:
            yield Problem(f"header.sides.{side}.agent", "a computer player needs an agent kind")
        if player.personality:
            try:
                Personality.model_validate(player.personality, strict=True)
            except ValidationError as exc:
                inner = validation_problem(exc)
                yield Problem(f"header.sides.{side}.personality.{inner.where}", inner.what)
    yield from _turns(save)
    yield from _ledger(save)
    words = state.rng[1]
    if words[-1] > 624:
        yield Problem("state.rng[1][624]", f"the generator's position is {words[-1]}, "
                      "past the end of its state (at most 624)")
    if not any(words[:-1]):
        yield Problem("state.rng[1]", "the generator's state is all zeros, which no "
                      "generator ever reaches")


def _turns(save: SaveFile) -> Iterator[Problem]:
    """The turn log, the phase, the decisions pending and the order log agree."""
    state = save.state
    if len(set(state.pending)) != len(state.pending):
        yield Problem("state.pending", "a leader is listed twice")
    for i, record in enumerate(state.log):
        if record.turn != i + 1:
            yield Problem(f"state.log[{i}].turn", f"record {i + 1} of the log is numbered "
                          f"{record.turn}")
    opened = state.phase != UPKEEP
    expected = state.turn if opened else state.turn - 1
    if len(state.log) != expected:
        yield Problem("state.log", f"it has {len(state.log)} records for a game in the "
                      f"{state.phase} phase of turn {state.turn} (it should have {expected})")
    phase = state.phase
    if phase != OVER and state.ending is not None:
        yield Problem("state.ending", f"the game has an ending but is in the {phase} phase")
    if phase == OVER:
        if state.ending is None:
            yield Problem("state.ending", "the game is over but has no ending")
        elif state.ending.turn != state.turn:
            yield Problem("state.ending.turn", f"the ending is at turn {state.ending.turn} but "
                          f"the game at turn {state.turn}")
    if phase != CHOICE and state.event is not None:
        yield Problem("state.event", f"no news is being decided in the {phase} phase")
    if phase == CHOICE and state.event is None:
        yield Problem("state.event", "the leaders have to decide on news, but there is none")
    if phase == CHOICE and not state.pending:
        yield Problem("state.pending", "in the choice phase someone still has to decide")
    if phase != CHOICE and state.pending:
        yield Problem("state.pending", f"no one has to decide in the {phase} phase")
    if phase != CHOICE and state.queue:
        yield Problem("state.queue", f"no news waits for a decision in the {phase} phase")
    if phase == CHOICE and state.log:
        month = [news.event for news in state.log[-1].news]
        if state.event not in month:
            yield Problem("state.event", f"{_short(state.event)} is not among this turn's news")
        elif state.queue != [e for e in month[month.index(state.event) + 1:]
                             if e in state.queue]:
            yield Problem("state.queue", "the news waiting for a decision is not this turn's "
                          "news after the one being decided, in its order")
    played = 0
    for i, record in enumerate(state.log):
        finished = record.turn < state.turn or phase == OVER
        if finished:
            played += 1
            if set(record.orders) != set(BOTH):
                yield Problem(f"state.log[{i}].orders", "a finished turn names both leaders' "
                              "orders")
        elif record.orders or record.interaction is not None:
            yield Problem(f"state.log[{i}].orders", "the turn in progress has no orders yet")
        events = [news.event for news in record.news]
        if len(set(events)) != len(events):
            yield Problem(f"state.log[{i}].news", "the same news came twice in one month")
    if phase == CHOICE and state.log:
        for news in state.log[-1].news:
            if news.event == state.event:
                for side in state.pending:
                    if side in news.choices:
                        yield Problem("state.pending", f"{side} has to decide but already did")
    if bool(played) != bool(state.last_stance) or (played and len(state.last_stance) != 2):
        yield Problem("state.last_stance", "it names both leaders' stances once a turn has "
                      "been played, and none before")
    for side in BOTH:
        if state.below_floor[side] > played:
            yield Problem(f"state.below_floor.{side}", f"{state.below_floor[side]} months below "
                          f"the floor after {played} months played")
    last = 1
    for i, order in enumerate(save.orders):
        if order.turn > len(state.log):
            yield Problem(f"orders[{i}].turn", f"turn {order.turn} has not begun (the game is "
                          f"at turn {state.turn}, {state.phase} phase)")
        if order.turn < last:
            yield Problem(f"orders[{i}].turn", f"turn {order.turn} comes after turn {last}")
        last = order.turn


def _ledger(save: SaveFile) -> Iterator[Problem]:
    """Every ledger entry is a real change, in turn order, of a turn that was played."""
    opened = len(save.state.log)
    last = 1
    for i, (turn, meter, delta, before, after, _cause) in enumerate(save.state.ledger):
        if turn > opened:
            yield Problem(f"state.ledger[{i}][0]", f"turn {turn} has not been played")
        if turn < last:
            yield Problem(f"state.ledger[{i}][0]", f"turn {turn} comes after turn {last}")
        last = turn
        if after - before != delta:
            yield Problem(f"state.ledger[{i}][2]", f"a change of {delta} from {before} to "
                          f"{after}")
        if meter.startswith("agreement.") and max(before, after) > 2:
            yield Problem(f"state.ledger[{i}]", "an agreement is 0, 1 or 2")


# ------------------------------------------------------------------------ content


def _players(engine: Engine, save: SaveFile, agents: Collection[str]) -> Iterator[Problem]:
    """Every computer player is an agent the game has."""
    difficulties = engine.content.difficulties
    for side in BOTH:
        player = save.header.sides[side]
        if player.agent is not None and player.agent not in agents \
                and player.agent not in difficulties:
            known = ", ".join(sorted({*agents, *difficulties}))
            yield Problem(f"header.sides.{side}.agent", f"{player.agent!r} is not an agent "
                          f"(they are {known})", content=True)


def _content(engine: Engine, save: SaveFile) -> Iterator[Problem]:
    state = save.state
    if state.turn > engine.turns:
        yield Problem("state.turn", f"turn {state.turn} is past the end of the scenario "
                      f"({engine.turns} turns)", content=True)
    month = engine.start + state.turn - 1
    if state.month != month:
        yield Problem("state.month", f"turn {state.turn} of the scenario is "
                      f"{month_name(month)}, not {month_name(state.month)}", content=True)
    meters = cast(dict[str, int], state.meters)
    for meter in STATE_METERS:
        limit = engine.rules.meter_max_of(meter)
        if meters[meter] > limit:
            yield Problem(f"state.meters.{meter}", f"{meters[meter]} is more than its limit of "
                          f"{limit}", content=True)
    for name in ("hands", "decks", "discards"):
        piles = getattr(state, name)
        for side in BOTH:
            cards = engine.cards[side]
            for i, card_id in enumerate(piles[side]):
                if card_id not in cards:
                    yield Problem(f"state.{name}.{side}[{i}]", f"{card_id!r} is not one of "
                                  f"{_leader(engine, side)}'s cards", content=True)
    events = engine.events
    if state.event is not None and state.event not in events:
        yield Problem("state.event", _no_event(state.event), content=True)
    for i, event_id in enumerate(state.queue):
        if event_id not in events:
            yield Problem(f"state.queue[{i}]", _no_event(event_id), content=True)
    for i, (_due, event_id, _cause) in enumerate(state.scheduled):
        # A chain or an effect may schedule an event the scenario leaves out: it is
        # dropped when due. It must still be an event of the game.
        if event_id not in engine.content.events:
            yield Problem(f"state.scheduled[{i}][1]", f"{event_id!r} is not an event of the "
                          "game", content=True)
    for event_id in state.cooldowns:
        if event_id not in events:
            yield Problem(f"state.cooldowns.{event_id}", _no_event(event_id), content=True)
    injects = len(engine.scenario.injects)
    for i, fired in enumerate(state.fired):
        if fired.startswith("inject:"):
            if int(fired[7:]) >= injects:
                yield Problem(f"state.fired[{i}]", f"the scenario has {injects} scripted "
                              f"events, not {int(fired[7:]) + 1}", content=True)
        elif fired not in events:
            yield Problem(f"state.fired[{i}]", _no_event(fired), content=True)
    yield from _records(engine, save)
    yield from _ending(engine, save)
    for i, order in enumerate(save.orders):
        if order.card is not None and order.card not in engine.cards[order.side]:
            yield Problem(f"orders[{i}].card", f"{order.card!r} is not one of "
                          f"{_leader(engine, order.side)}'s cards", content=True)
    picks: dict[tuple[int, str], int] = {}  # (turn, side) → decisions met so far
    for i, order in enumerate(save.orders):
        if order.index is None or order.turn > len(state.log):
            continue
        # A leader's k-th decision of a month is on the k-th news that gave him options.
        k = picks.get((order.turn, order.side), 0)
        picks[(order.turn, order.side)] = k + 1
        asked = [n.event for n in state.log[order.turn - 1].news if n.event in events
                 and order.side in events[n.event].choices]
        count = len(events[asked[k]].choices[order.side]) if k < len(asked) else 0
        if order.index >= count:
            yield Problem(f"orders[{i}].index", f"{_leader(engine, order.side)} had "
                          f"{count} options at turn {order.turn}, not {order.index + 1}",
                          content=True)


def _records(engine: Engine, save: SaveFile) -> Iterator[Problem]:
    """Each turn record names known news, options it has, known cards and interactions."""
    state = save.state
    events = engine.events
    interactions = {i.id for i in engine.rules.interactions}
    for i, record in enumerate(state.log):
        where = f"state.log[{i}]"
        month = month_name(engine.start + record.turn - 1)
        if record.month != month:
            yield Problem(f"{where}.month", f"turn {record.turn} of the scenario is {month}, "
                          f"not {record.month}", content=True)
        current = record.turn == state.turn and state.phase == CHOICE
        deciding = [n.event for n in record.news].index(state.event) \
            if current and state.event in [n.event for n in record.news] else len(record.news)
        for n, news in enumerate(record.news):
            event = events.get(news.event)
            if event is None:
                yield Problem(f"{where}.news[{n}].event", _no_event(news.event), content=True)
                continue
            choosers = set(event.choices)
            for side, index in news.choices.items():
                options = [o for o, _ in event.choices.get(side, ())]
                if index not in options:
                    yield Problem(f"{where}.news[{n}].choices.{side}", f"the news "
                                  f"{news.event!r} has no option {index} for "
                                  f"{_leader(engine, side)}", content=True)
            chosen = set(news.choices)
            if not current or n < deciding:
                if chosen != choosers:
                    yield Problem(f"{where}.news[{n}].choices", "every leader with options on "
                                  "a news has decided once its decisions are over",
                                  content=True)
            elif n == deciding:
                if chosen | set(state.pending) != choosers:
                    yield Problem("state.pending", "the leaders who still have to decide are "
                                  "not the ones with options on this news", content=True)
            elif chosen:
                yield Problem(f"{where}.news[{n}].choices", "a decision on news that is not "
                              "yet open", content=True)
        for side, card_id in record.orders.items():
            if card_id is not None and card_id not in engine.cards[side]:
                yield Problem(f"{where}.orders.{side}", f"{card_id!r} is not one of "
                              f"{_leader(engine, side)}'s cards", content=True)
        if record.interaction is not None and record.interaction not in interactions:
            yield Problem(f"{where}.interaction", f"{record.interaction!r} is not an "
                          "interaction of the rules", content=True)
    finished = [r for r in state.log if r.turn < state.turn or state.phase == OVER]
    if finished:
        for side, card_id in finished[-1].orders.items():
            stance = engine.cards[side][card_id].card.stance if card_id is not None \
                and card_id in engine.cards[side] else "hold"
            if state.last_stance.get(side) != stance:
                yield Problem(f"state.last_stance.{side}", f"{_short(state.last_stance.get(side))}"
                              f" but the last card played shows {stance!r}", content=True)


def _ending(engine: Engine, save: SaveFile) -> Iterator[Problem]:
    """The ending is one of the content's, with its kind and side."""
    ending = save.state.ending
    if ending is None:
        return
    known = {e.id: e for e in engine.content.endings}
    found = known.get(ending.id)
    if found is None and ending.id != "term_end":
        yield Problem("state.ending.id", f"{ending.id!r} is not an ending of the game",
                      content=True)
        return
    kind, side = (found.kind, found.side) if found is not None else ("term_end", None)
    if (ending.kind, ending.side) != (kind, side):
        yield Problem("state.ending.kind", f"the ending {ending.id!r} is {kind!r}"
                      + (f" for {side}" if side else "") + f", not {ending.kind!r}"
                      + (f" for {ending.side}" if ending.side else ""), content=True)


# ------------------------------------------------------------------------ words


def _leader(engine: Engine, side: str) -> str:
    leader = engine.leaders.get(side)
    return leader.short if leader is not None else side


def _no_event(event_id: str) -> str:
    return f"{event_id!r} is not an event of this scenario"


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


#: pydantic's names for the steps inside a type, which are not fields of the file.
_STEPS = ("function-", "tuple[", "list[", "dict[", "literal[", "nullable[", "union[",
          "typed-dict", "model[", "json-or-python", "constrained-", "lax-or-strict")
_TYPES = {"int", "float", "str", "bool", "none", "list", "dict", "tuple"}

#: What each pattern of `format.py` stands for, in words.
_PATTERNS = {
    ID_PATTERN: "an id (lower-case letters, digits and _)",
    TEXT_PATTERN: "text without control characters",
    GAME_ID_PATTERN: "a game id (letters, digits, - and _)",
    MONTH_PATTERN: "a month (YYYY-MM)",
    FIRED_PATTERN: "an event id or inject:N",
    VERSION_PATTERN: "a version (letters, digits, ., +, - and _)",
    FINGERPRINT_PATTERN: "a content fingerprint (hexadecimal digits)",
}

#: Error kinds → what was wanted, in words.
_WANTED = {
    "int_type": "a whole number", "int_parsing": "a whole number",
    "float_type": "a number", "finite_number": "a finite number",
    "string_type": "text", "bool_type": "true or false",
    "list_type": "a list", "tuple_type": "a list", "set_type": "a list",
    "dict_type": "an object", "model_type": "an object", "model_attributes_type": "an object",
    "typed_dict_type": "an object", "none_required": "null",
}


def _error(loc: tuple[int | str, ...], kind: str, msg: str, given: object,
           ctx: dict[str, object]) -> Problem:
    """The problem one pydantic error describes."""
    where = ""
    for part in loc:
        if isinstance(part, int):
            where += f"[{part}]"
        elif part == "[key]":
            where += " (a key)"
        elif part in _TYPES or part.startswith(_STEPS):
            continue
        else:
            where += f".{part}" if where else part
    where = where or "the save"
    if kind == "missing":
        return Problem(where, "it is missing")
    if kind == "extra_forbidden":
        return Problem(where, "there is no such field")
    if kind in ("less_than_equal", "less_than"):
        return Problem(where, f"{_short(given)} is more than {ctx.get('le', ctx.get('lt'))}")
    if kind in ("greater_than_equal", "greater_than"):
        return Problem(where, f"{_short(given)} is less than {ctx.get('ge', ctx.get('gt'))}")
    if kind == "string_pattern_mismatch":
        wanted = _PATTERNS.get(str(ctx.get("pattern")), "allowed here")
        return Problem(where, f"{_short(given)} is not {wanted}")
    if kind == "too_long":
        if isinstance(given, str):
            return Problem(where, f"it is longer than {ctx.get('max_length')} characters")
        return Problem(where, f"it has more than {ctx.get('max_length')} items")
    if kind == "too_short":
        return Problem(where, f"it has fewer than {ctx.get('min_length')} items")
    if kind in ("value_error", "assertion_error"):
        return Problem(where, msg.removeprefix("Value error, ").removeprefix("Assertion failed, "))
    expected = _WANTED.get(kind)
    what = f"it should be {expected}" if expected else msg[:1].lower() + msg[1:]
    if isinstance(given, (int, float, str, bool)) or given is None:
        what += f", not {_short(given)}"
    elif isinstance(given, (dict, list)):
        what += f", not {'an object' if isinstance(given, dict) else 'a list'}"
    return Problem(where, what)
