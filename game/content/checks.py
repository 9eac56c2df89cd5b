"""Checks across files, on everything that passed its schema.

Unknown ids, flags read but never set, cards that can never be played, events
that can never fire and endings that can never be reached. Reachability uses
each condition's own bounds (interval reasoning over meters, flags, turns and
months): a "possibly satisfiable" answer is conservative, so a warning here is
always a real problem.

The checks also run when some items or files were broken, so that one run
reports every problem. `Gaps` says what is missing; a check whose answer
depends on what is missing is not made (an id a broken item declares still
exists; nothing is unknown in a table with an unreadable file; unknown flags,
months or rules make every condition possible).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from game.content.diagnostics import Diagnostic, Report, Severity, did_you_mean
from game.i18n import _
from game.models.bundle import Content, Origin
from game.models.content import (
    AGREEMENT_STEPS,
    ENDING_KINDS,
    SIDES,
    STATE_METERS,
    AgreementIs,
    AllOf,
    AnyOf,
    Assumption,
    Card,
    Chain,
    DateIs,
    Event,
    FlagIs,
    HistoryEntry,
    Inject,
    MeterIs,
    Not,
    Rules,
    Scenario,
    ScheduleEvent,
    SetFlag,
    Signed,
    TurnIs,
)

Loc = tuple[str | int, ...]

#: Tables whose items can set flags or schedule events.
_SETTERS = frozenset({"cards", "events", "scenarios"})


def _upper(model: type[BaseModel], name: str) -> int:
    """The highest value the schema allows for an integer field."""
    for rule in model.model_fields[name].metadata:
        high = getattr(rule, "le", None)
        if isinstance(high, int):
            return high
    raise LookupError(f"{model.__name__}.{name} has no upper bound")


@dataclass
class Gaps:
    """What could not be validated, so that checks do not report its absence as a problem."""

    #: table → ids of items that failed validation but whose `id` is readable
    broken: dict[str, set[str]] = field(default_factory=dict)
    #: tables with at least one item that failed validation
    incomplete: set[str] = field(default_factory=set)
    #: tables with a file whose items could not be read at all (bad YAML, too large, ...)
    unread: set[str] = field(default_factory=set)
    #: (table, data) of each item that failed validation, searched for flags and events
    raw: list[tuple[str, Any]] = field(default_factory=list)
    #: the rules in force could not be read: checks use `fallback_rules`
    rules_broken: bool = False
    #: sources cited by items a later pack removed, replaced or patched: still cited by
    #: the pack that defines them
    cited_before: set[str] = field(default_factory=set)
    #: table → id → the pack that removed it (`remove:` in its manifest)
    removed: dict[str, dict[str, str]] = field(default_factory=dict)

    def add_broken(self, table: str, item_id: str | None, raw: Any) -> None:
        """Record an item of `table` that failed validation."""
        self.incomplete.add(table)
        if item_id is not None:
            self.broken.setdefault(table, set()).add(item_id)
        self.raw.append((table, raw))

    def covers(self, table: str, item_id: str) -> bool:
        """True when `item_id` may exist in `table` though no valid item has it."""
        return table in self.unread or item_id in self.broken.get(table, ())

    def complete(self, *tables: str) -> bool:
        """True when every item of these tables was read and is valid."""
        return not any(t in self.unread or t in self.incomplete for t in tables)

    def choices(self, table: str, valid: Iterable[str]) -> list[str]:
        """Ids a reference into `table` may mean, for a did-you-mean."""
        return [*valid, *sorted(self.broken.get(table, ()))]

    @staticmethod
    def fallback_rules() -> Rules:
        """Rules to check against when rules.yaml is broken: the widest limits it allows."""
        return Rules(capital_max=_upper(Rules, "capital_max"), interactions=[])


def _text(value: Any) -> str | None:
    """`value` when it is text, else None: raw data of a broken item can be anything."""
    return value if isinstance(value, str) else None


def _raw_refs(data: Any, flags: set[str], events: set[str]) -> None:
    """Flags set and events named anywhere inside the raw data of a broken item."""
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if node.get("kind") == "set_flag" and isinstance(node.get("flag"), str):
                flags.add(node["flag"])
            if isinstance(node.get("event"), str):
                events.add(node["event"])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


_ALIASES: dict[type[BaseModel], dict[str, str]] = {}


def _aliases(cls: type[BaseModel]) -> dict[str, str]:
    found = _ALIASES.get(cls)
    if found is None:
        found = {name: info.alias or name for name, info in cls.model_fields.items()}
        _ALIASES[cls] = found
    return found


def walk(obj: Any, loc: Loc = ()) -> Iterator[tuple[Loc, BaseModel]]:
    """Every model inside `obj` (itself included), with its location as YAML keys."""
    if isinstance(obj, BaseModel):
        yield loc, obj
        aliases = _aliases(type(obj))
        for name, value in obj.__dict__.items():
            if isinstance(value, (BaseModel, list, dict)) and value:
                yield from walk(value, (*loc, aliases.get(name, name)))
    elif isinstance(obj, list):
        for i, value in enumerate(obj):
            if isinstance(value, (BaseModel, list, dict)):
                yield from walk(value, (*loc, i))
    elif isinstance(obj, dict):
        for key, value in obj.items():
            if isinstance(value, (BaseModel, list)):
                yield from walk(value, (*loc, key))


def month_index(month: str) -> int:
    """Months since year 0: `2019-05` → 2019*12+4."""
    year, mon = month.split("-")
    return int(year) * 12 + int(mon) - 1


@dataclass
class Bounds:
    """What the game can ever reach: meter ranges, flags set somewhere, months, turns."""

    capital_max: int
    flags_set: set[str]
    windows: list[tuple[int, int]]  # scenario month ranges, inclusive
    max_turns: int
    ranges: dict[str, tuple[int, int]] = field(default_factory=dict)
    flags_known: bool = True  # False: a file that may set flags could not be read
    months_known: bool = True  # False: a scenario could not be read

    def meter_range(self, meter: str) -> tuple[int, int]:
        """Range of a meter."""
        return (0, self.capital_max) if meter.startswith("capital") else (0, 100)

    def month_possible(self, lo: int | None, hi: int | None) -> bool:
        """Whether any scenario's months meet [lo, hi]."""
        if not self.months_known:
            return True
        lo_ = lo if lo is not None else -(10**9)
        hi_ = hi if hi is not None else 10**9
        return any(a <= hi_ and lo_ <= b for a, b in self.windows)


def satisfiable(cond: Any, bounds: Bounds) -> bool:
    """False only when the condition can provably never hold."""
    if cond is None:
        return True
    if isinstance(cond, AllOf):
        if not all(satisfiable(c, bounds) for c in cond.of):
            return False
        ranges: dict[str, tuple[int, int]] = {}
        for c in cond.of:
            if isinstance(c, MeterIs):
                lo, hi = ranges.get(c.meter, bounds.meter_range(c.meter))
                lo = max(lo, c.min) if c.min is not None else lo
                hi = min(hi, c.max) if c.max is not None else hi
                if lo > hi:
                    return False
                ranges[c.meter] = (lo, hi)
        return True
    if isinstance(cond, AnyOf):
        return any(satisfiable(c, bounds) for c in cond.of)
    if isinstance(cond, Not):
        inner = cond.cond
        return not (isinstance(inner, AllOf) and not inner.of)
    if isinstance(cond, MeterIs):
        lo, hi = bounds.meter_range(cond.meter)
        lo = max(lo, cond.min) if cond.min is not None else lo
        hi = min(hi, cond.max) if cond.max is not None else hi
        return lo <= hi
    if isinstance(cond, FlagIs):
        return (not cond.set) or cond.flag in bounds.flags_set or not bounds.flags_known
    if isinstance(cond, AgreementIs):
        return AGREEMENT_STEPS.index(cond.min) <= AGREEMENT_STEPS.index(cond.max)
    if isinstance(cond, TurnIs):
        lo = cond.min or 1
        hi = cond.max if cond.max is not None else bounds.max_turns
        return lo <= hi and lo <= bounds.max_turns
    if isinstance(cond, DateIs):
        first = month_index(cond.from_) if cond.from_ else None
        last = month_index(cond.until) if cond.until else None
        ordered = first is None or last is None or first <= last
        return ordered and bounds.month_possible(first, last)
    if isinstance(cond, Signed):
        return cond.min <= 3
    return True


class _Checker:
    def __init__(
        self, content: Content, files: dict[str, Any], report: Report, gaps: Gaps
    ) -> None:
        self.content = content
        self.files = files
        self.report = report
        self.gaps = gaps
        # did-you-mean costs about a millisecond against hundreds of ids: a file of
        # thousands of unknown ids gets suggestions for its first ones only
        self.hints_left = 200
        self.choices: dict[str, list[str]] = {}

    def add(self, origin: Origin, sub: Loc, severity: Severity, code: str, message: str) -> None:
        origin = origin.of_field(sub[0] if sub else None)  # a field a patch set: its line
        loc = (*origin.loc, *sub)
        parsed = self.files.get(origin.file)
        line, col = parsed.yaml.position(loc) if parsed is not None else (1, 1)
        path = ".".join(
            (f"[{p}]" if isinstance(p, int) else str(p)) for p in loc
        ).replace(".[", "[")
        self.report.add(Diagnostic(origin.file, line, col, severity, code, path, message))

    def items(self) -> Iterator[tuple[str, str, Any, Origin]]:
        c = self.content
        tables: list[tuple[str, list[Any]]] = [
            ("cards", list(c.cards.values())),
            ("events", list(c.events.values())),
            ("endings", c.endings),
            ("scenarios", list(c.scenarios.values())),
            ("leaders", list(c.leaders.values())),
            ("history", list(c.history.values())),
            ("difficulties", list(c.difficulties.values())),
            ("assumptions", list(c.assumptions.values())),
        ]
        for table, items in tables:
            for item in items:
                origin = c.origins.get((table, item.id))
                if origin is not None:
                    yield table, item.id, item, origin


def run_checks(
    content: Content, files: dict[str, Any], report: Report, gaps: Gaps | None = None
) -> None:
    """Add every cross-file problem of the merged content to the report.

    `gaps` names what failed validation, when something did; `content` then holds
    only what was valid.
    """
    gaps = gaps if gaps is not None else Gaps()
    ck = _Checker(content, files, report, gaps)
    rules = content.rules

    # Rules: interactions name explicit sides only (broken rules were reported already).
    for sub, model in () if gaps.rules_broken else walk(rules):
        meter = getattr(model, "meter", "")
        side = getattr(model, "side", "")
        if isinstance(meter, str) and meter.endswith((".self", ".other")):
            _rules_diag(ck, (*sub, "meter"), "bad-value",
                        _("'{meter}' has no meaning in rules; name amlo or trump").format(
                            meter=meter))
        elif side in ("self", "other"):
            _rules_diag(ck, (*sub, "side"), "bad-value",
                        _("side '{side}' has no meaning in rules; name amlo or trump").format(
                            side=side))

    # Collect flags set anywhere, events referenced anywhere.
    flags_set: set[str] = set()
    referenced_events: set[str] = set()
    items = [(*entry, list(walk(entry[2]))) for entry in ck.items()]  # walk each item once
    for _table, _item_id, item, _origin, parts in items:  # `_` is the translator here
        for _loc, model in parts:
            if isinstance(model, SetFlag):
                flags_set.add(model.flag)
            elif isinstance(model, ScheduleEvent):
                referenced_events.add(model.event)
        if isinstance(item, Event):
            referenced_events.update(chain.event for chain in item.next)
    for scenario in content.scenarios.values():
        flags_set.update(scenario.flags)
        referenced_events.update(inject.event for inject in scenario.injects)
    for table, raw in gaps.raw:
        _raw_refs(raw, flags_set, referenced_events)
        if table == "scenarios" and isinstance(raw, dict) and isinstance(raw.get("flags"), list):
            flags_set.update(f for f in raw["flags"] if isinstance(f, str))

    windows = [
        (month_index(s.start), month_index(s.start) + s.turns - 1)
        for s in content.scenarios.values()
    ]
    months_known = gaps.complete("scenarios")
    bounds = Bounds(
        capital_max=rules.capital_max,
        flags_set=flags_set,
        windows=windows,
        max_turns=max((s.turns for s in content.scenarios.values()), default=0)
        if months_known else _upper(Scenario, "turns"),
        flags_known=not (gaps.unread & _SETTERS),
        months_known=months_known,
    )

    _check_sources(ck, content, items)
    for table, item_id, item, origin, parts in items:
        for loc, model in parts:
            _check_refs(ck, origin, loc, model, bounds, content)
        if table == "cards":
            _check_card(ck, origin, item, bounds)
        elif table == "events":
            _check_event(ck, origin, item, bounds, referenced_events,
                         all_known=bounds.flags_known)
        elif table == "endings":
            if not satisfiable(item.when, bounds):
                ck.add(origin, ("when",), "warning", "ending-unreachable",
                       _("ending '{ending}' can never be reached: its condition cannot "
                         "hold").format(ending=item_id))
            if item.side is None:
                _check_sideless(ck, origin, ("when",), item.when, _("an ending without `side`"))
            if item.kind == "domestic_defeat" and item.side is None:
                ck.add(origin, ("kind",), "error", "missing-field",
                       _("a domestic_defeat ending needs `side` (who lost his base)"))
        elif table == "scenarios":
            _check_scenario(ck, origin, item, content)
        for i, scenario_id in enumerate(getattr(item, "scenarios", ())):  # cards, events...
            hint = _unknown(ck, "scenarios", scenario_id, content.scenarios, harmless=True)
            if hint is not None:
                ck.add(origin, ("scenarios", i), "error", "unknown-id",
                       _("no scenario '{scenario}'.").format(scenario=scenario_id) + hint)
    _check_whole(ck, content)


def _rules_diag(ck: _Checker, loc: Loc, code: str, message: str) -> None:
    for name, parsed in ck.files.items():
        if parsed.kind == "rules":
            line, col = parsed.yaml.position(loc)
            path = ".".join(str(p) for p in loc)
            ck.report.add(Diagnostic(name, line, col, "error", code, path, message))


def _unknown(ck: _Checker, table: str, item_id: str, valid: Iterable[str],
             harmless: bool = False) -> str | None:
    """The did-you-mean of a reference to no item of `table`, or None when it exists.

    A reference to an item a later pack removed is no problem where it is `harmless` (a
    scenario leaving it out, a history entry naming it); elsewhere the hint names the pack.
    """
    if item_id in valid or ck.gaps.covers(table, item_id):
        return None
    remover = ck.gaps.removed.get(table, {}).get(item_id)
    if remover is not None:
        return None if harmless else " " + _("(the pack '{pack}' removes it)").format(
            pack=remover)
    if ck.hints_left <= 0:
        return ""
    ck.hints_left -= 1
    if table not in ck.choices:
        ck.choices[table] = ck.gaps.choices(table, valid)
    return did_you_mean(item_id, ck.choices[table])


def _check_refs(
    ck: _Checker, origin: Origin, loc: Loc, model: Any, bounds: Bounds, content: Content
) -> None:
    events = content.events
    if isinstance(model, (ScheduleEvent, Chain, Inject)):
        hint = _unknown(ck, "events", model.event, events)
        if hint is not None:
            ck.add(origin, (*loc, "event"), "error", "unknown-id",
                   _("no event '{event}'.").format(event=model.event) + hint)
    elif (isinstance(model, FlagIs) and model.set and bounds.flags_known
          and model.flag not in bounds.flags_set):
        ck.add(origin, (*loc, "flag"), "warning", "flag-never-set",
               _("flag '{flag}' is read here but nothing sets it.").format(flag=model.flag)
               + did_you_mean(model.flag, bounds.flags_set))
    elif (isinstance(model, MeterIs) and model.min is not None and model.max is not None
          and model.min > model.max):
        ck.add(origin, (*loc, "min"), "error", "bad-range",
               _("min {min} is above max {max}: this can never hold").format(
                   min=model.min, max=model.max))
    if isinstance(model, HistoryEntry):
        for i, event_id in enumerate(model.events):
            hint = _unknown(ck, "events", event_id, events, harmless=True)
            if hint is not None:
                ck.add(origin, (*loc, "events", i), "error", "unknown-id",
                       _("no event '{event}'.").format(event=event_id) + hint)
    if isinstance(model, (Card, Event, HistoryEntry, Assumption)):
        for i, tag in enumerate(model.sources):
            hint = _unknown(ck, "sources", tag, content.sources)
            if hint is not None:
                ck.add(origin, (*loc, "sources", i), "error", "unknown-id",
                       _("no source '{source}' in sources.yaml.").format(source=tag) + hint)


def _check_card(ck: _Checker, origin: Origin, card: Any, bounds: Bounds) -> None:
    if card.cost > bounds.capital_max:
        ck.add(origin, ("cost",), "warning", "card-unplayable",
               _("costs {cost} but capital never exceeds {max}").format(
                   cost=card.cost, max=bounds.capital_max))
    if not satisfiable(card.requires, bounds):
        ck.add(origin, ("requires",), "warning", "card-unplayable",
               _("card '{card}' can never be played: its `requires` cannot hold").format(
                   card=card.id))
    lo = month_index(card.from_) if card.from_ else None
    hi = month_index(card.until) if card.until else None
    if lo is not None and hi is not None and lo > hi:
        ck.add(origin, ("from",), "error", "bad-range", _("`from` is after `until`"))
    elif not bounds.month_possible(lo, hi):
        ck.add(origin, ("from",) if card.from_ else ("until",), "warning", "card-unplayable",
               _("card '{card}' is playable only outside every scenario's months").format(
                   card=card.id))
    for i, month in enumerate(card.played):
        m = month_index(month)
        if (lo is not None and m < lo) or (hi is not None and m > hi):
            ck.add(origin, ("played", i), "warning", "bad-value",
                   _("played in {month}, outside the months the card exists ({first} to "
                     "{last})").format(month=month, first=card.from_ or "…",
                                       last=card.until or "…"))


def _check_sideless(ck: _Checker, origin: Origin, loc: Loc, obj: Any, where: str) -> None:
    """`self` and `other` mean nothing where no leader acts (event news, endings, injects);
    `where` names the place, already translated."""
    for sub_loc, model in walk(obj, loc):
        meter = getattr(model, "meter", "")
        side = getattr(model, "side", "")
        if isinstance(meter, str) and meter.endswith((".self", ".other")):
            ck.add(origin, (*sub_loc, "meter"), "error", "bad-value",
                   _("'{meter}' has no meaning in {where}: name amlo or trump (e.g. "
                     "'{example}')").format(meter=meter, where=where,
                                            example=f"{meter.rsplit('.', 1)[0]}.amlo"))
        elif side in ("self", "other") and not isinstance(model, (Card, Event)):
            ck.add(origin, (*sub_loc, "side"), "error", "bad-value",
                   _("side '{side}' has no meaning in {where}: name amlo or trump").format(
                       side=side, where=where))


def _check_event(
    ck: _Checker, origin: Origin, event: Any, bounds: Bounds, referenced: set[str],
    all_known: bool = True,
) -> None:
    """An event's own checks; `all_known` is False when what schedules events is not known."""
    _check_sideless(ck, origin, ("when",), event.when, _("an event's condition"))
    _check_sideless(ck, origin, ("effects",), event.effects,
                    _("an event's own effects (use them in choices, or name the side)"))
    if not satisfiable(event.when, bounds):
        ck.add(origin, ("when",), "warning", "event-unreachable",
               _("event '{event}' can never fire: its `when` cannot hold").format(
                   event=event.id))
        return
    chained = event.id in referenced or not all_known
    if event.date is not None:
        m = month_index(event.date)
        if not bounds.month_possible(m, m) and not chained and event.weight == 0:
            ck.add(origin, ("date",), "warning", "event-unreachable",
                   _("event '{event}' is dated {date}, outside every scenario, and nothing "
                     "chains to it").format(event=event.id, date=event.date))
    elif event.weight == 0 and not chained:
        ck.add(origin, ("weight",), "warning", "event-unreachable",
               _("event '{event}' has weight 0, no date, and no event, card or inject "
                 "schedules it").format(event=event.id))
    sides = {choice.side for choice in event.choices}
    for side in sides:
        if sum(1 for choice in event.choices if choice.side == side) < 2:
            ck.add(origin, ("choices",), "warning", "bad-value",
                   _("{side} has only one option here: a choice needs at least two").format(
                       side=side))
        real = [i for i, choice in enumerate(event.choices)
                if choice.side == side and choice.historical]
        if len(real) > 1:
            ck.add(origin, ("choices", real[1], "historical"), "error", "bad-value",
                   _("{side} really took one option, but {n} are marked historical").format(
                       side=side, n=len(real)))


def _check_scenario(ck: _Checker, origin: Origin, scenario: Any, content: Content) -> None:
    for meter in scenario.meters:
        if meter not in STATE_METERS:
            ck.add(origin, ("meters", meter), "error", "unknown-id",
                   _("no meter '{meter}'.").format(meter=meter)
                   + did_you_mean(meter, STATE_METERS))
    for i, pressure in enumerate(scenario.pressure):
        if pressure.meter.endswith((".self", ".other")):
            ck.add(origin, ("pressure", i, "meter"), "error", "bad-value",
                   _("pressure needs an explicit side (amlo or trump)"))
    endings = {e.id: e for e in content.endings}
    for field_name, name, table in (("exclude_cards", "cards", content.cards),
                                    ("exclude_events", "events", content.events),
                                    ("exclude_endings", "endings", endings)):
        for i, item_id in enumerate(getattr(scenario, field_name)):
            hint = _unknown(ck, name, item_id, table, harmless=True)
            if hint is not None:
                ck.add(origin, (field_name, i), "error", "unknown-id",
                       _("no such id '{id}'.").format(id=item_id) + hint)
    for i, inject in enumerate(scenario.injects):
        _check_sideless(ck, origin, ("injects", i, "when"), inject.when,
                        _("an inject's condition"))
        if inject.turn is None and inject.when is None:
            ck.add(origin, ("injects", i), "error", "missing-field",
                   _("an inject needs `turn` or `when`"))
    for i, goal in enumerate(scenario.goals):
        if goal.side is None:
            _check_sideless(ck, origin, ("goals", i, "when"), goal.when,
                            _("a goal of both leaders"))
    applicable = [e for e in content.endings if (not e.scenarios or scenario.id in e.scenarios)
               and e.id not in scenario.exclude_endings]
    if ck.gaps.complete("endings") and not applicable:
        ck.add(origin, ("exclude_endings",), "error", "no-ending",
               _("scenario '{scenario}' leaves itself no ending").format(scenario=scenario.id))
    elif ck.gaps.complete("endings") and not any(e.kind == "term_end" for e in applicable):
        ck.add(origin, ("exclude_endings",) if scenario.exclude_endings else ("id",),
               "warning", "missing-ending",
               _("scenario '{scenario}' has no ending of kind term_end: a game that reaches "
                 "its last month would end with no title and no words; add one with `when: "
                 "{{kind: last_turn}}`").format(scenario=scenario.id))
    if not ck.gaps.complete("cards"):  # a broken card may be the one missing
        return
    for side in ("amlo", "trump"):
        deck = [
            c for c in content.cards_for(side) if c.id not in scenario.exclude_cards
            and (not c.scenarios or scenario.id in c.scenarios)
        ]
        if sum(c.weight for c in deck) < scenario.hand_size:
            ck.add(origin, ("hand_size",), "error", "empty-deck",
                   _("{side} has {n} cards, fewer than a hand of {size}").format(
                       side=side, n=len(deck), size=scenario.hand_size))


def _check_sources(ck: _Checker, content: Content, items: list[Any]) -> None:
    """Every source says who published it and when, and something cites it."""
    cited: set[str] = set(ck.gaps.cited_before)
    for _table, _item_id, item, _origin, _parts in items:
        cited.update(getattr(item, "sources", ()))
    for table, raw in ck.gaps.raw:  # a broken item still cites what it names
        if table in ("cards", "events", "history", "assumptions") and isinstance(raw, dict) \
                and isinstance(raw.get("sources"), list):
            cited.update(s for s in raw["sources"] if isinstance(s, str))
    for source_id, source in content.sources.items():
        origin = content.origins.get(("sources", source_id))
        if origin is None:
            continue
        missing = [name for name in ("publisher", "date") if getattr(source, name) is None]
        if len(missing) == 1:
            ck.add(origin, (missing[0],), "warning", "source-incomplete",
                   _("source '{source}' has no {field}: a class needs the title, the "
                     "publisher and the date to find and judge it").format(
                       source=source_id, field=missing[0]))
        elif missing:
            ck.add(origin, (missing[0],), "warning", "source-incomplete",
                   _("source '{source}' has no {field} and no {other}: a class needs the "
                     "title, the publisher and the date to find and judge it").format(
                       source=source_id, field=missing[0], other=missing[1]))
        if source_id not in cited and not ck.gaps.unread & {"cards", "events", "history"}:
            ck.add(origin, (), "warning", "source-unused",
                   _("no card, event or history entry cites source '{source}'").format(
                       source=source_id))


def _check_whole(ck: _Checker, content: Content) -> None:
    first = next(iter(ck.files.values()), None)
    where = first.shown if first is not None else "content"
    gaps = ck.gaps
    # A broken item that still says what it is (its id, its kind) counts as that; one
    # that does not might be the missing one, so nothing is reported missing.
    said = {table: [_text(raw.get(name)) if isinstance(raw, dict) else None
                    for t, raw in gaps.raw if t == table]
            for table, name in (("leaders", "id"), ("endings", "kind"))}
    leaders_known = "leaders" not in gaps.unread and all(s in SIDES for s in said["leaders"])
    for side in SIDES:
        if side not in content.leaders and side not in said["leaders"] and leaders_known:
            ck.report.add(Diagnostic(where, 1, 1, "error", "missing-field", "",
                                     _("no leader file for '{side}' in any pack").format(
                                         side=side)))
    kinds: set[str | None] = {e.kind for e in content.endings}
    kinds.update(said["endings"])
    endings_known = "endings" not in gaps.unread and all(k in ENDING_KINDS for k in said["endings"])
    for kind in ENDING_KINDS:
        if kind not in kinds and endings_known:
            severity: Severity = "error" if kind == "term_end" else "warning"
            ck.report.add(Diagnostic(where, 1, 1, severity, "missing-ending", "",
                                     _("no ending of kind '{kind}'").format(kind=kind)))
    if not content.scenarios and gaps.complete("scenarios"):
        ck.report.add(Diagnostic(where, 1, 1, "error", "missing-field", "",
                                 _("no scenario in any pack")))
