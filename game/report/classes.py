"""The class report: many games set side by side.

Games of one scenario and seed form a group (others are reported in their own groups):
the share of each ending, trust and polls of every table overlaid with their median and
range, where the tables' cards first part from each other and from the historical
leaders', which cards were played most and least against what really happened, and one
line per table. Pure: the saves are read by the caller.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from game.core.state import SIDES
from game.core.turn import Engine
from game.i18n import _
from game.models.bundle import Content
from game.persistence.format import SaveFile
from game.report.charts import Overlay, level_words, overlay_chart
from game.report.debrief import GameReport, game_report
from game.report.history import historical_path
from game.report.told import kind_words
from game.wording import date_words


@dataclass(frozen=True)
class Table:
    """One game of a group, as a line of the class report."""

    name: str  # its label, else its file's name
    file: str  # its file's name
    report: GameReport
    ending: str  # the ending's title, or "not over"
    kind: str  # the ending's kind, or "unfinished"
    departure: str  # each leader's first month away from history, in words


@dataclass(frozen=True)
class Share:
    """An ending and how many tables reached it."""

    title: str
    kind: str
    count: int
    percent: int


@dataclass(frozen=True)
class CardUse:
    """A card, how many tables played it, and when history played it."""

    leader: str
    title: str
    tables: int
    percent: int
    history: str  # the months the historical leaders played it, or ""


@dataclass(frozen=True)
class Apart:
    """The first month where the tables' cards part, for one leader."""

    leader: str
    each_other: str  # the month, or "" when they never part
    history: str  # the first month a table's card differs from the historical path


@dataclass
class Group:
    """The games of one scenario and seed."""

    scenario: str
    title: str
    seed: int
    tables: list[Table]
    shares: list[Share] = field(default_factory=list)
    charts: list[Overlay] = field(default_factory=list)
    apart: list[Apart] = field(default_factory=list)
    most: list[CardUse] = field(default_factory=list)
    least: list[CardUse] = field(default_factory=list)
    history_ending: str = ""


@dataclass
class ClassReport:
    """The groups, and the files that could not be reported (one sentence each)."""

    groups: list[Group]
    problems: list[str]

    @property
    def games(self) -> int:
        """How many games are reported."""
        return sum(len(g.tables) for g in self.groups)


def class_report(content: Content, saves: list[tuple[Path, SaveFile]],
                 problems: list[str]) -> ClassReport:
    """The class report of `saves` (each with its file); `problems` are the sentences of
    files already found unreadable, to which saves of unknown scenarios are added."""
    problems = list(problems)
    grouped: dict[tuple[str, int], list[Table]] = {}
    latest: dict[str, tuple[Path, SaveFile]] = {}  # a game saved twice counts once
    for path, save in saves:
        known = latest.get(save.header.game_id)
        if known is None or (save.header.turn, save.header.updated) > (
                known[1].header.turn, known[1].header.updated):
            latest[save.header.game_id] = (path, save)
    for path, save in saves:
        kept = latest[save.header.game_id][0]
        if kept != path:
            problems.append(_("{path}: an earlier save of the same game as {other}, which "
                              "is reported instead.").format(path=path, other=kept))
    for path, save in latest.values():
        header = save.header
        if header.scenario not in content.scenarios:
            problems.append(_("{path}: its scenario '{id}' is not in the loaded content.")
                            .format(path=path, id=header.scenario))
            continue
        report = game_report(content, save)
        grouped.setdefault((header.scenario, header.seed), []).append(
            _table(path, report))
    groups = [_group(content, scenario, seed, tables)
              for (scenario, seed), tables in sorted(grouped.items(),
                                                     key=lambda kv: (-len(kv[1]), kv[0]))]
    return ClassReport(groups=groups, problems=problems)


def _table(path: Path, report: GameReport) -> Table:
    outcome = report.outcome
    departure = "; ".join(f"{d.leader}: {d.when}" for d in report.departures)
    return Table(name=report.name or path.name, file=path.name, report=report,
                 ending=outcome.title if outcome else _("not over"),
                 kind=outcome.kind if outcome else "unfinished",
                 departure=departure or "—")


def _group(content: Content, scenario: str, seed: int, tables: list[Table]) -> Group:
    engine = Engine(content, scenario)
    path = historical_path(engine, seed)
    group = Group(scenario=scenario, title=content.scenarios[scenario].title, seed=seed,
                  tables=sorted(tables, key=lambda t: _natural(t.name)))
    counts = Counter((t.ending, t.kind) for t in tables)
    group.shares = [Share(title=title, kind=kind_words(kind) if kind != "unfinished"
                          else _("unfinished"), count=n, percent=round(100 * n / len(tables)))
                    for (title, kind), n in counts.most_common()]
    longest = max(tables, key=lambda t: len(t.report.months)).report
    months = [m.month for m in longest.months]
    lines = [("trust", _("Trust"), longest.thresholds)]
    lines += [(f"polls.{s}", _("{name} polls").format(name=longest.leader(s)),
               {"floor": longest.floors[s]}) for s in SIDES]
    for meter, title, marks in lines:
        group.charts.append(overlay_chart(
            f"{scenario}-{seed}-{meter}", title, months,
            [t.report.series(meter) for t in tables],
            [(value, level_words(kind, value), kind) for kind, value in marks.items()]))
    real = {side: {m["turn"]: (m["orders"][side] or {}).get("card") for m in path["months"]}
            for side in SIDES}
    for n, side in enumerate(SIDES):
        each_other = history = ""
        for month in longest.months:
            played = {t.report.months[month.turn - 1].moves[n].card for t in tables
                      if len(t.report.months) >= month.turn}
            if not each_other and len(played) > 1:
                each_other = month.when
            if not history and any(card != real[side].get(month.turn) for card in played):
                history = month.when
        group.apart.append(Apart(leader=longest.leader(side), each_other=each_other or "—",
                                 history=history or "—"))
    group.most, group.least = _card_use(content, tables, path)
    ending = path["ending"]
    if ending.get("id"):
        found = next((e for e in content.endings if e.id == ending["id"]), None)
        group.history_ending = found.title if found else str(ending["id"])
    return group


def _natural(name: str) -> list[tuple[int, int | str]]:
    """A name's sort key with its numbers as numbers: `table 2` before `table 10`."""
    return [(0, int(part)) if part.isdigit() else (1, part.lower())
            for part in re.split(r"(\d+)", name) if part]


def _card_use(content: Content, tables: list[Table],
              path: dict[str, object]) -> tuple[list[CardUse], list[CardUse]]:
    """The cards played by most tables and by fewest (those history played included),
    each with the months history played it."""
    used: Counter[tuple[str, str]] = Counter()
    for table in tables:
        seen = {(move.side, move.card) for m in table.report.months for move in m.moves
                if move.card}
        used.update(seen)
    when: dict[tuple[str, str], list[str]] = {}
    for month in path["months"]:  # type: ignore[attr-defined]
        for side, order in month["orders"].items():
            if order:
                when.setdefault((side, order["card"]), []).append(date_words(month["month"]))
    every = set(used) | set(when)

    def use(key: tuple[str, str]) -> CardUse:
        side, card = key
        found = content.cards.get(card)
        return CardUse(leader=content.leaders[side].short, title=found.title if found else card,
                       tables=used[key], percent=round(100 * used[key] / len(tables)),
                       history=", ".join(when.get(key, [])))

    ranked = sorted(every, key=lambda k: (-used[k], k))
    most = ranked[:8] if len(ranked) > 16 else ranked[:len(ranked) // 2]
    rest = sorted(set(every) - {k for k in most if used[k]},
                  key=lambda k: (used[k], not when.get(k), k))
    return [use(k) for k in most if used[k]], [use(k) for k in rest[:8]]
