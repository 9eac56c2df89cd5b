"""Charts of a report drawn as plain SVG geometry (no script, nothing fetched): lines of
meters over the months with their levels, the news marked on the time axis, and the
agreements of each front as a strip.

The geometry is data; `templates/_charts.html` writes it out as SVG. Each line differs
by its dash as well as its colour, is labelled at its end, and each chart carries a text
alternative, so nothing depends on colour alone.
"""

from __future__ import annotations

import dataclasses
import math
import statistics
from collections.abc import Callable
from dataclasses import dataclass

from game.i18n import _
from game.wording import agreement_text, date_words, short_month

WIDTH, HEIGHT = 720, 250
LEFT, RIGHT, TOP, BOTTOM = 34, 118, 10, 46
#: The least room between two labels at the lines' ends, in pixels.
LABEL_GAP = 12
#: How each line and level is drawn: its colour and its dash (written as SVG attributes,
#: so that every renderer, WeasyPrint's included, draws it the same).
INKS = {
    "amlo": ("#1b6e37", ""), "trump": ("#b0182f", "7 3"), "trust": ("#1f55a0", ""),
    "trade": ("#a65300", ""), "migration": ("#6a3d9a", "7 3"), "security": ("#4d4d4d", "2 3"),
    "median": ("#1f55a0", ""), "compromise": ("#1b6e37", "5 4"),
    "collision": ("#b0182f", "5 4"), "floor": ("#555555", "2 3"),
}
#: The news kinds' colours on the time axis.
NEWS_INKS = {"inject": "#b0182f", "written": "#b0182f", "dated": "#1f55a0", "drawn": "#555555"}


def level_words(kind: str, value: int) -> str:
    """A level drawn across a chart, in words: `compromise 80`, `collision 10`,
    `floor 35`."""
    words = {"compromise": _("compromise {n}"), "collision": _("collision {n}"),
             "floor": _("floor {n}")}
    return words.get(kind, "{n}").format(n=value)


def ink(style: str) -> tuple[str, str]:
    """The colour and dash of a style: `amlo`, or `amlo floor` (the leader's colour,
    dashed as a floor), `amlo comfort` (dotted)."""
    first, _sep, level = style.partition(" ")
    colour, dash = INKS.get(first, ("#555555", ""))
    if level == "floor":
        dash = "2 3"
    elif level == "comfort":
        dash = "1 5"
    return colour, dash


class Inked:
    """Drawn in the colour and dash of its `style` (see INKS)."""

    style: str

    @property
    def colour(self) -> str:
        """Its colour."""
        return ink(self.style)[0]

    @property
    def dash(self) -> str:
        """Its dash pattern (empty: solid)."""
        return ink(self.style)[1]


@dataclass(frozen=True)
class Line(Inked):
    """A meter's line: its name, points, and how it is drawn."""

    name: str
    style: str  # see INKS
    points: str
    label_x: float
    label_y: float
    values: list[int]


@dataclass(frozen=True)
class Level(Inked):
    """A level drawn across the chart (a floor, a comfort level, an ending's threshold)."""

    y: float
    label: str
    style: str
    label_y: float


@dataclass(frozen=True)
class Tick:
    """A mark on an axis, with its words."""

    at: float
    label: str


@dataclass(frozen=True)
class Marker:
    """The news of one month on the time axis: `kind` is `inject`, `written`, `dated` or
    `drawn`; `titles` are its headlines (a tooltip and a link to the month's row)."""

    x: float
    turn: int
    kind: str
    titles: str

    @property
    def colour(self) -> str:
        """Its colour."""
        return NEWS_INKS.get(self.kind, "#555555")


@dataclass(frozen=True)
class Chart:
    """One line chart over the months of a game."""

    id: str
    title: str
    summary: str  # its text alternative
    width: int
    height: int
    x0: float
    x1: float
    y0: float
    y1: float
    lines: list[Line]
    levels: list[Level]
    months: list[Tick]
    values: list[Tick]
    markers: list[Marker]


@dataclass(frozen=True)
class Overlay:
    """Many games' lines of one meter, with their median and range."""

    chart: Chart
    games: list[str]  # each game's points
    band: str  # the range as a polygon's points


def overlay_chart(chart_id: str, title: str, months: list[str], games: list[list[int]],
                  levels: list[tuple[int, str, str]]) -> Overlay:
    """A meter of many games over `months`: each game thin, their median bold, and the
    range between the lowest and the highest a shaded band (games that ended early
    count until their end)."""
    count = len(months) + 1
    middle, low, high = [], [], []
    for n in range(count):
        values = [g[n] for g in games if len(g) > n]
        if not values:
            break
        middle.append(round(statistics.median(values)))
        low.append(min(values))
        high.append(max(values))
    chart = line_chart(chart_id, title, months, [(_("median"), "median", middle)], levels, [])
    chart = dataclasses.replace(chart, summary=_(
        "{title} of {n} games: the median from {first} to {last}; the range at the end "
        "from {low} to {high}").format(title=title, n=len(games), first=middle[0],
                                        last=middle[-1], low=low[-1], high=high[-1]))
    lines = [" ".join(f"{_x(n, count):.1f},{_y(v):.1f}" for n, v in enumerate(g))
             for g in games]
    edge = [f"{_x(n, count):.1f},{_y(v):.1f}" for n, v in enumerate(high)]
    edge += [f"{_x(n, count):.1f},{_y(v):.1f}" for n, v in reversed(list(enumerate(low)))]
    return Overlay(chart=chart, games=lines, band=" ".join(edge))


@dataclass(frozen=True)
class Cell:
    """A month of a front's agreement strip: its step (0 none, 1 talks, 2 signed)."""

    x: float
    width: float
    step: int
    words: str


@dataclass(frozen=True)
class Strip:
    """The agreements of every front over the months."""

    width: int
    height: int
    x0: float
    rows: list[tuple[str, float, list[Cell]]]  # (front's words, y, cells)
    months: list[Tick]
    label_x: float


def _x(index: int, count: int) -> float:
    span = WIDTH - LEFT - RIGHT
    return LEFT + (span * index / (count - 1) if count > 1 else span / 2)


def _y(value: float) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (1 - value / 100)


def month_ticks(months: list[str], at: Callable[[int], float]) -> list[Tick]:
    """Labels for the time axis: the start and about eight months between, never
    crowded (`months` are YYYY-MM of the months played; index 0 is the start, placed at
    `at(0)`, month n at `at(n)`)."""
    step = max(1, math.ceil(len(months) / 8))
    ticks = [Tick(at(0), _("start"))]
    for n, month in enumerate(months, start=1):
        if n % step == 0 or n == len(months):
            ticks.append(Tick(at(n), short_month(month)))
    return ticks


def _spread(wanted: list[float]) -> list[float]:
    """Label heights moved apart just enough that none overlaps another."""
    order = sorted(range(len(wanted)), key=lambda i: wanted[i])
    placed = [0.0] * len(wanted)
    last = -math.inf
    for i in order:
        placed[i] = max(wanted[i], last + LABEL_GAP)
        last = placed[i]
    overflow = last - (HEIGHT - BOTTOM)
    if overflow > 0:  # pushed below the plot: move them all up
        placed = [y - overflow for y in placed]
    return placed


def line_chart(chart_id: str, title: str, months: list[str],
               lines: list[tuple[str, str, list[int]]],
               levels: list[tuple[int, str, str]],
               news: list[tuple[int, str, list[str]]]) -> Chart:
    """A chart of meters (0–100) over `months`: `lines` are (name, style, values from
    the start), `levels` (value, label, style), `news` (turn, kind, headlines)."""
    count = len(months) + 1
    drawn = []
    ends = _spread([_y(values[-1]) + 4 for _name, _style, values in lines])
    for (name, style, values), end in zip(lines, ends, strict=True):
        points = " ".join(f"{_x(n, count):.1f},{_y(v):.1f}" for n, v in enumerate(values))
        drawn.append(Line(name=name, style=style, points=points,
                          label_x=_x(len(values) - 1, count) + 6, label_y=end, values=values))
    heights = _spread([_y(value) - 2 for value, _label, _style in levels])
    marks = [Marker(x=_x(turn, count), turn=turn, kind=kind, titles=" · ".join(titles))
             for turn, kind, titles in news]
    summary = "; ".join(
        _("{name} from {first} to {last} (lowest {low}, highest {high})").format(
            name=name, first=values[0], last=values[-1], low=min(values), high=max(values))
        for name, _style, values in lines)
    return Chart(id=chart_id, title=title, summary=summary, width=WIDTH, height=HEIGHT,
                 x0=LEFT, x1=WIDTH - RIGHT, y0=TOP, y1=HEIGHT - BOTTOM, lines=drawn,
                 levels=[Level(_y(v), label, style, label_y)
                         for (v, label, style), label_y in zip(levels, heights, strict=True)],
                 months=month_ticks(months, lambda n: _x(n, count)),
                 values=[Tick(_y(v), str(v)) for v in (0, 25, 50, 75, 100)],
                 markers=marks)


def agreement_strip(months: list[str], fronts: list[tuple[str, list[int]]]) -> Strip:
    """Each front's agreement month by month (`fronts`: words and steps from the start),
    the start and each month a cell of its own across the chart's width."""
    count = len(months) + 1
    width = (WIDTH - LEFT - RIGHT) / count
    rows: list[tuple[str, float, list[Cell]]] = []
    for n, (words, steps) in enumerate(fronts):
        cells = [Cell(x=LEFT + i * width, width=width, step=step,
                      words=f"{words}, {date_words(months[i - 1]) if i else _('start')}: "
                            f"{agreement_text(step)}")
                 for i, step in enumerate(steps)]
        rows.append((words, 8 + n * 22, cells))
    return Strip(width=WIDTH, height=8 + len(fronts) * 22 + 24, x0=LEFT, rows=rows,
                 months=month_ticks(months, lambda n: LEFT + (n + 0.5) * width),
                 label_x=WIDTH - RIGHT + 6)
