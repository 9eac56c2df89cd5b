"""Checks of a save beyond its fields: do they agree with each other, and with the content?

`format.py` reads every field strictly on its own. Here the fields are checked
against each other (`structure_problem`, run by `read_save`: the header agrees
with the state, the turn log is numbered 1..turn, the phase fits the rest, the
ledger adds up) and against the content the game is loaded with
(`content_problem`, run by the session once it has built the engine: every card
and event id is known, the meters are within the rules' limits, every decision
names an option the event has). A save that passes both can be played to its end.

Each check returns the first problem found, or None: where it is (the field's
path in the file, e.g. `state.hands.amlo[2]`) and what is wrong, in words of the
language in use (`game.i18n`: the path, ids and values stay as they are).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from itertools import chain
from typing import cast

from pydantic import ValidationError

from game.core.state import CHOICE, OVER, UPKEEP, month_name
from game.core.turn import Engine
from game.i18n import N_, _
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
            yield Problem(f"header.{name}", _("{saved} but the state says {state}").format(
                saved=_short(ours), state=_short(theirs)))
    if header.month != month_name(state.month):
        yield Problem("header.month", _("{saved} but the state is at {month}").format(
            saved=repr(header.month), month=repr(month_name(state.month))))
    ending = state.ending.id if state.ending is not None else None
    if header.ending != ending:
        yield Problem("header.ending", _("{saved} but the state's ending is {ending}").format(
            saved=_short(header.ending), ending=_short(ending)))
    for side in BOTH:
        player = header.sides[side]
        if player.kind == "agent" and player.agent is None:
            yield Problem(f"header.sides.{side}.agent",
                          _("a computer player needs an agent kind"))
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
        yield Problem("state.rng[1][624]", _("the generator's position is {n}, past the end "
                                             "of its state (at most 624)").format(n=words[-1]))
    if not any(words[:-1]):
        yield Problem("state.rng[1]", _("the generator's state is all zeros, which no "
                                        "generator ever reaches"))


def _turns(save: SaveFile) -> Iterator[Problem]:
    """The turn log, the phase, the decisions pending and the order log agree."""
    state = save.state
    if len(set(state.pending)) != len(state.pending):
        yield Problem("state.pending", _("a leader is listed twice"))
    for i, record in enumerate(state.log):
        if record.turn != i + 1:
            yield Problem(f"state.log[{i}].turn", _("record {n} of the log is numbered {turn}")
                          .format(n=i + 1, turn=record.turn))
    opened = state.phase != UPKEEP
    expected = state.turn if opened else state.turn - 1
    if len(state.log) != expected:
        yield Problem("state.log", _("it has {count} records for a game in the {phase} phase "
                                     "of turn {turn} (it should have {expected})").format(
            count=len(state.log), phase=state.phase, turn=state.turn, expected=expected))
    phase = state.phase
    if phase != OVER and state.ending is not None:
        yield Problem("state.ending", _("the game has an ending but is in the {phase} phase")
                      .format(phase=phase))
    if phase == OVER:
        if state.ending is None:
            yield Problem("state.ending", _("the game is over but has no ending"))
        elif state.ending.turn != state.turn:
            yield Problem("state.ending.turn", _("the ending is at turn {at} but the game at "
                                                 "turn {turn}").format(at=state.ending.turn,
                                                                       turn=state.turn))
    if phase != CHOICE and state.event is not None:
        yield Problem("state.event", _("no news is being decided in the {phase} phase")
                      .format(phase=phase))
    if phase == CHOICE and state.event is None:
        yield Problem("state.event", _("the leaders have to decide on news, but there is none"))
    if phase == CHOICE and not state.pending:
        yield Problem("state.pending", _("in the choice phase someone still has to decide"))
    if phase != CHOICE and state.pending:
        yield Problem("state.pending", _("no one has to decide in the {phase} phase")
                      .format(phase=phase))
    if phase != CHOICE and state.queue:
        yield Problem("state.queue", _("no news waits for a decision in the {phase} phase")
                      .format(phase=phase))
    if phase == CHOICE and state.log:
        month = [news.event for news in state.log[-1].news]
        if state.event not in month:
            yield Problem("state.event", _("{event} is not among this turn's news").format(
                event=_short(state.event)))
        elif state.queue != [e for e in month[month.index(state.event) + 1:]
                             if e in state.queue]:
            yield Problem("state.queue", _("the news waiting for a decision is not this turn's "
                                           "news after the one being decided, in its order"))
    played = 0
    for i, record in enumerate(state.log):
        finished = record.turn < state.turn or phase == OVER
        if finished:
            played += 1
            if set(record.orders) != set(BOTH):
                yield Problem(f"state.log[{i}].orders",
                              _("a finished turn names both leaders' orders"))
        elif record.orders or record.interaction is not None:
            yield Problem(f"state.log[{i}].orders", _("the turn in progress has no orders yet"))
        events = [news.event for news in record.news]
        if len(set(events)) != len(events):
            yield Problem(f"state.log[{i}].news", _("the same news came twice in one month"))
    if phase == CHOICE and state.log:
        for news in state.log[-1].news:
            if news.event == state.event:
                for side in state.pending:
                    if side in news.choices:
                        yield Problem("state.pending", _("{side} has to decide but already did")
                                      .format(side=side))
    if bool(played) != bool(state.last_stance) or (played and len(state.last_stance) != 2):
        yield Problem("state.last_stance", _("it names both leaders' stances once a turn has "
                                             "been played, and none before"))
    for side in BOTH:
        if state.below_floor[side] > played:
            yield Problem(f"state.below_floor.{side}", _(
                "{n} months below the floor after {played} months played").format(
                n=state.below_floor[side], played=played))
    last = 1
    for i, order in enumerate(save.orders):
        if order.turn > len(state.log):
            yield Problem(f"orders[{i}].turn", _("turn {turn} has not begun (the game is at "
                                                 "turn {at}, {phase} phase)").format(
                turn=order.turn, at=state.turn, phase=state.phase))
        if order.turn < last:
            yield Problem(f"orders[{i}].turn", _comes_after(order.turn, last))
        last = order.turn


def _ledger(save: SaveFile) -> Iterator[Problem]:
    """Every ledger entry is a real change, in turn order, of a turn that was played."""
    opened = len(save.state.log)
    last = 1
    for i, (turn, meter, delta, before, after, _cause) in enumerate(save.state.ledger):
        if turn > opened:
            yield Problem(f"state.ledger[{i}][0]", _("turn {turn} has not been played")
                          .format(turn=turn))
        if turn < last:
            yield Problem(f"state.ledger[{i}][0]", _comes_after(turn, last))
        last = turn
        if after - before != delta:
            yield Problem(f"state.ledger[{i}][2]", _("a change of {delta} from {before} to "
                                                     "{after}").format(delta=delta,
                                                                       before=before, after=after))
        if meter.startswith("agreement.") and max(before, after) > 2:
            yield Problem(f"state.ledger[{i}]", _("an agreement is 0, 1 or 2"))


# ------------------------------------------------------------------------ content


def _players(engine: Engine, save: SaveFile, agents: Collection[str]) -> Iterator[Problem]:
    """Every computer player is an agent the game has."""
    difficulties = engine.content.difficulties
    for side in BOTH:
        player = save.header.sides[side]
        if player.agent is not None and player.agent not in agents \
                and player.agent not in difficulties:
            known = ", ".join(sorted({*agents, *difficulties}))
            yield Problem(f"header.sides.{side}.agent", _(
                "{agent} is not an agent (they are {known})").format(
                agent=repr(player.agent), known=known), content=True)


def _content(engine: Engine, save: SaveFile) -> Iterator[Problem]:
    state = save.state
    if state.turn > engine.turns:
        yield Problem("state.turn", _("turn {turn} is past the end of the scenario ({turns} "
                                      "turns)").format(turn=state.turn, turns=engine.turns),
                      content=True)
    month = engine.start + state.turn - 1
    if state.month != month:
        yield Problem("state.month", _wrong_month(state.turn, month_name(month),
                                                  month_name(state.month)), content=True)
    meters = cast(dict[str, int], state.meters)
    for meter in STATE_METERS:
        limit = engine.rules.meter_max_of(meter)
        if meters[meter] > limit:
            yield Problem(f"state.meters.{meter}", _("{value} is more than its limit of "
                                                     "{limit}").format(value=meters[meter],
                                                                       limit=limit),
                          content=True)
    for name in ("hands", "decks", "discards"):
        piles = getattr(state, name)
        for side in BOTH:
            cards = engine.cards[side]
            for i, card_id in enumerate(piles[side]):
                if card_id not in cards:
                    yield Problem(f"state.{name}.{side}[{i}]",
                                  _not_a_card(engine, card_id, side), content=True)
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
            yield Problem(f"state.scheduled[{i}][1]", _("{event} is not an event of the game")
                          .format(event=repr(event_id)), content=True)
    for event_id in state.cooldowns:
        if event_id not in events:
            yield Problem(f"state.cooldowns.{event_id}", _no_event(event_id), content=True)
    injects = len(engine.scenario.injects)
    for i, fired in enumerate(state.fired):
        if fired.startswith("inject:"):
            if int(fired[7:]) >= injects:
                yield Problem(f"state.fired[{i}]", _("the scenario has {count} scripted events, "
                                                     "not {n}").format(count=injects,
                                                                       n=int(fired[7:]) + 1),
                              content=True)
        elif fired not in events:
            yield Problem(f"state.fired[{i}]", _no_event(fired), content=True)
    yield from _records(engine, save)
    yield from _ending(engine, save)
    for i, order in enumerate(save.orders):
        if order.card is not None and order.side is not None and \
                order.card not in engine.cards[order.side]:
            yield Problem(f"orders[{i}].card", _not_a_card(engine, order.card, order.side),
                          content=True)
        if order.event is not None and order.event not in events:
            yield Problem(f"orders[{i}].event", _no_event(order.event), content=True)
    picks: dict[tuple[int, str], int] = {}  # (turn, side) → decisions met so far
    for i, order in enumerate(save.orders):
        if order.index is None or order.side is None or order.turn > len(state.log):
            continue
        # A leader's k-th decision of a month is on the k-th news that gave him options.
        k = picks.get((order.turn, order.side), 0)
        picks[(order.turn, order.side)] = k + 1
        asked = [n.event for n in state.log[order.turn - 1].news if n.event in events
                 and order.side in events[n.event].choices]
        count = len(events[asked[k]].choices[order.side]) if k < len(asked) else 0
        if order.index >= count:
            yield Problem(f"orders[{i}].index", _("{leader} had {count} options at turn {turn}, "
                                                  "not {n}").format(
                leader=_leader(engine, order.side), count=count, turn=order.turn,
                n=order.index + 1), content=True)


def _records(engine: Engine, save: SaveFile) -> Iterator[Problem]:
    """Each turn record names known news, options it has, known cards and interactions."""
    state = save.state
    events = engine.events
    interactions = {i.id for i in engine.rules.interactions}
    for i, record in enumerate(state.log):
        where = f"state.log[{i}]"
        month = month_name(engine.start + record.turn - 1)
        if record.month != month:
            yield Problem(f"{where}.month", _wrong_month(record.turn, month, record.month),
                          content=True)
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
                options = [o for o, _option in event.choices.get(side, ())]
                if index not in options:
                    yield Problem(f"{where}.news[{n}].choices.{side}", _(
                        "the news {event} has no option {index} for {leader}").format(
                        event=repr(news.event), index=index, leader=_leader(engine, side)),
                        content=True)
            chosen = set(news.choices)
            if not current or n < deciding:
                if chosen != choosers:
                    yield Problem(f"{where}.news[{n}].choices", _(
                        "every leader with options on a news has decided once its decisions "
                        "are over"), content=True)
            elif n == deciding:
                if chosen | set(state.pending) != choosers:
                    yield Problem("state.pending", _(
                        "the leaders who still have to decide are not the ones with options "
                        "on this news"), content=True)
            elif chosen:
                yield Problem(f"{where}.news[{n}].choices",
                              _("a decision on news that is not yet open"), content=True)
        for side, card_id in record.orders.items():
            if card_id is not None and card_id not in engine.cards[side]:
                yield Problem(f"{where}.orders.{side}", _not_a_card(engine, card_id, side),
                              content=True)
        if record.interaction is not None and record.interaction not in interactions:
            yield Problem(f"{where}.interaction", _("{interaction} is not an interaction of "
                                                    "the rules").format(
                interaction=repr(record.interaction)), content=True)
    finished = [r for r in state.log if r.turn < state.turn or state.phase == OVER]
    if finished:
        for side, card_id in finished[-1].orders.items():
            stance = engine.cards[side][card_id].card.stance if card_id is not None \
                and card_id in engine.cards[side] else "hold"
            if state.last_stance.get(side) != stance:
                yield Problem(f"state.last_stance.{side}", _(
                    "{saved} but the last card played shows {stance}").format(
                    saved=_short(state.last_stance.get(side)), stance=repr(stance)),
                    content=True)


def _ending(engine: Engine, save: SaveFile) -> Iterator[Problem]:
    """The ending is one of the content's, with its kind and side."""
    ending = save.state.ending
    if ending is None:
        return
    known = {e.id: e for e in engine.content.endings}
    found = known.get(ending.id)
    if found is None and ending.id not in ("term_end", "stopped"):
        yield Problem("state.ending.id", _("{ending} is not an ending of the game").format(
            ending=repr(ending.id)), content=True)
        return
    kind, side = (found.kind, found.side) if found is not None else ("term_end", None)
    if (ending.kind, ending.side) != (kind, side):
        yield Problem("state.ending.kind", _("the ending {ending} is {expected}, not {found}")
                      .format(ending=repr(ending.id), expected=_kind(kind, side),
                              found=_kind(ending.kind, ending.side)), content=True)


# ------------------------------------------------------------------------ words


def _leader(engine: Engine, side: str) -> str:
    leader = engine.leaders.get(side)
    return leader.short if leader is not None else side


def _kind(kind: str, side: str | None) -> str:
    """An ending's kind, and whose it is when it is one side's."""
    return _("{kind} for {side}").format(kind=repr(kind), side=side) if side else repr(kind)


def _not_a_card(engine: Engine, card_id: object, side: str) -> str:
    return _("{card} is not one of {leader}'s cards").format(card=repr(card_id),
                                                            leader=_leader(engine, side))


def _comes_after(turn: int, last: int) -> str:
    return _("turn {turn} comes after turn {last}").format(turn=turn, last=last)


def _wrong_month(turn: int, month: str, saved: str) -> str:
    return _("turn {turn} of the scenario is {month}, not {saved}").format(
        turn=turn, month=month, saved=saved)


def _no_event(event_id: str) -> str:
    return _("{event} is not an event of this scenario").format(event=repr(event_id))


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


#: pydantic's names for the steps inside a type, which are not fields of the file.
_STEPS = ("function-", "tuple[", "list[", "dict[", "literal[", "nullable[", "union[",
          "typed-dict", "model[", "json-or-python", "constrained-", "lax-or-strict")
_TYPES = {"int", "float", "str", "bool", "none", "list", "dict", "tuple"}

#: What each pattern of `format.py` stands for, in words (translated where shown).
_PATTERNS = {
    ID_PATTERN: N_("an id (lower-case letters, digits and _)"),
    TEXT_PATTERN: N_("text without control characters"),
    GAME_ID_PATTERN: N_("a game id (letters, digits, - and _)"),
    MONTH_PATTERN: N_("a month (YYYY-MM)"),
    FIRED_PATTERN: N_("an event id or inject:N"),
    VERSION_PATTERN: N_("a version (letters, digits, ., +, - and _)"),
    FINGERPRINT_PATTERN: N_("a content fingerprint (hexadecimal digits)"),
}

#: Error kinds → what was wanted, in words (translated where shown).
_WANTED = {
    "int_type": N_("a whole number"), "int_parsing": N_("a whole number"),
    "float_type": N_("a number"), "finite_number": N_("a finite number"),
    "string_type": N_("text"), "bool_type": N_("true or false"),
    "list_type": N_("a list"), "tuple_type": N_("a list"), "set_type": N_("a list"),
    "dict_type": N_("an object"), "model_type": N_("an object"),
    "model_attributes_type": N_("an object"), "typed_dict_type": N_("an object"),
    "none_required": N_("null"),
}


def _error(loc: tuple[int | str, ...], kind: str, msg: str, given: object,
           ctx: dict[str, object]) -> Problem:
    """The problem one pydantic error describes."""
    where = ""
    for part in loc:
        if isinstance(part, int):
            where += f"[{part}]"
        elif part == "[key]":
            where = _("{where} (a key)").format(where=where)
        elif part in _TYPES or part.startswith(_STEPS):
            continue
        else:
            where += f".{part}" if where else part
    where = where or _("the save")
    if kind == "missing":
        return Problem(where, _("it is missing"))
    if kind == "extra_forbidden":
        return Problem(where, _("there is no such field"))
    if kind in ("less_than_equal", "less_than"):
        return Problem(where, _("{value} is more than {limit}").format(
            value=_short(given), limit=ctx.get("le", ctx.get("lt"))))
    if kind in ("greater_than_equal", "greater_than"):
        return Problem(where, _("{value} is less than {limit}").format(
            value=_short(given), limit=ctx.get("ge", ctx.get("gt"))))
    if kind == "string_pattern_mismatch":
        wanted = _PATTERNS.get(str(ctx.get("pattern")))
        if wanted is None:
            return Problem(where, _("{value} is not allowed here").format(value=_short(given)))
        return Problem(where, _("{value} is not {wanted}").format(value=_short(given),
                                                                 wanted=_(wanted)))
    if kind == "too_long":
        if isinstance(given, str):
            return Problem(where, _("it is longer than {n} characters").format(
                n=ctx.get("max_length")))
        return Problem(where, _("it has more than {n} items").format(n=ctx.get("max_length")))
    if kind == "too_short":
        return Problem(where, _("it has fewer than {n} items").format(n=ctx.get("min_length")))
    if kind in ("value_error", "assertion_error"):
        return Problem(where, msg.removeprefix("Value error, ").removeprefix("Assertion failed, "))
    expected = _WANTED.get(kind)
    # pydantic's own words, lower-cased, for the kinds above the save's types do not
    # meet; the two they meet are in the language in use (the same words in English).
    if expected is not None:
        what = _("it should be {wanted}").format(wanted=_(expected))
    elif kind == "literal_error" and msg == f"Input should be {ctx.get('expected')}":
        what = _("input should be {expected}").format(expected=_one_of(str(ctx["expected"])))
    elif kind == "string_too_long" and msg == (f"String should have at most "
                                               f"{ctx.get('max_length')} characters"):
        what = _("string should have at most {n} characters").format(n=ctx["max_length"])
    else:
        what = msg[:1].lower() + msg[1:]
    if isinstance(given, (int, float, str, bool)) or given is None:
        what = _("{what}, not {value}").format(what=what, value=_short(given))
    elif isinstance(given, dict):
        what = _("{what}, not an object").format(what=what)
    elif isinstance(given, list):
        what = _("{what}, not a list").format(what=what)
    return Problem(where, what)


def _one_of(expected: str) -> str:
    """pydantic's list of allowed values (`'a', 'b' or 'c'`) in the language in use."""
    some, sep, last = expected.rpartition(" or ")
    return _("{some} or {last}").format(some=some, last=last) if sep else expected
