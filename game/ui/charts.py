"""What the charts draw: each line's series and the endings' thresholds."""

from __future__ import annotations

from collections.abc import Iterable

from game.core.endings import thresholds
from game.i18n import _
from game.models.bundle import Content
from game.models.content import Ending
from game.report.summary import series
from game.session import Session
from game.ui import theme


def chart_lines(session: Session) -> list[tuple[str, list[int], tuple[int, int, int], int]]:
    """The chart's lines: polls of both leaders and trust, each with its own dash."""
    data = series(session.state)
    leaders = session.engine.content.leaders
    return [
        (_("Trust"), data["trust"], theme.ACCENT, 0),
        (leaders["amlo"].short, data["polls.amlo"], theme.AMLO, 12),
        (leaders["trump"].short, data["polls.trump"], theme.TRUMP, 5),
    ]


def chart_thresholds(content: Content, endings: Iterable[Ending] | None = None,
                     ) -> list[tuple[int, str, tuple[int, int, int]]]:
    """The ending thresholds drawn on the chart, read from the endings (`endings`: a
    scenario's own, when known)."""
    lines = thresholds(content.endings if endings is None else endings)
    out = []
    if lines.compromise is not None:
        out.append((lines.compromise, _("compromise {n}").format(n=lines.compromise), theme.GOOD))
    if lines.collision is not None:
        out.append((lines.collision, _("collision {n}").format(n=lines.collision), theme.BAD))
    return out
