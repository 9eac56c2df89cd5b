"""The charts: each line's series and the endings' thresholds, and the drawing."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable

import pygame

from game.core.endings import thresholds
from game.i18n import _
from game.models.bundle import Content
from game.models.content import Ending
from game.report.summary import series
from game.session import Session
from game.ui import draw, theme
from game.ui.draw import Colour


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


def draw_chart(
    surface: pygame.Surface,
    rect: pygame.Rect,
    lines: list[tuple[str, list[int], Colour, int]],
    thresholds: list[tuple[int, str, Colour]],
    label_size: int,
) -> None:
    """A line chart of meters over turns, readable in greyscale.

    Each line is (label, values from turn 0, colour, dash length: 0 solid); each
    is labelled at its end, so no legend colour is needed to tell them apart.
    """
    draw.panel(surface, rect)
    fnt = theme.font(label_size)
    pad_l, pad_r = fnt.size("100")[0] + 10, max(fnt.size(label)[0] for label, *_ in lines) + 16
    pad_t, pad_b = 10, fnt.get_linesize() + 8
    plot = pygame.Rect(rect.x + pad_l, rect.y + pad_t, rect.width - pad_l - pad_r,
                       rect.height - pad_t - pad_b)
    if plot.width < 20 or plot.height < 20:
        return
    turns = max((len(values) for _l, values, *_ in lines), default=1) - 1
    span = max(1, turns)

    def point(i: int, v: int) -> tuple[int, int]:
        return (plot.x + round(plot.width * i / span), plot.bottom - round(plot.height * v / 100))

    for v in (0, 25, 50, 75, 100):
        y = point(0, v)[1]
        pygame.draw.line(surface, theme.PANEL_HI, (plot.x, y), (plot.right, y), 1)
        image = fnt.render(str(v), True, theme.MUTED)
        surface.blit(image, (plot.x - image.get_width() - 6, y - image.get_height() // 2))
    labels: list[tuple[pygame.Surface, tuple[int, int]]] = []
    for value, label, colour in thresholds:
        y = point(0, value)[1]
        for x in range(plot.x, plot.right, 7):  # thin and dotted: unlike any data line
            pygame.draw.line(surface, colour, (x, y), (min(x + 2, plot.right), y), 1)
        image = fnt.render(label, True, colour)
        labels.append((image, (plot.x + 6, y - image.get_height() - 1 if value > 50 else y + 2)))
    step = max(1, span // 12)
    for i in range(0, span + 1, step):
        image = fnt.render(str(i), True, theme.MUTED)
        surface.blit(image, (point(i, 0)[0] - image.get_width() // 2, plot.bottom + 4))
    used: list[int] = []
    for label, values, colour, dash in lines:
        points = [point(i, v) for i, v in enumerate(values)]
        if len(points) >= 2:
            if dash:
                for (x1, y1), (x2, y2) in itertools.pairwise(points):
                    length = max(1, math.hypot(x2 - x1, y2 - y1))
                    n = int(length // dash)
                    for k in range(0, n + 1, 2):
                        a, b = k / (n + 1), min(1.0, (k + 1) / (n + 1))
                        pygame.draw.line(surface, colour, (x1 + (x2 - x1) * a, y1 + (y2 - y1) * a),
                                         (x1 + (x2 - x1) * b, y1 + (y2 - y1) * b), 3)
            else:
                pygame.draw.lines(surface, colour, False, points, 3)
        for p in points:
            pygame.draw.circle(surface, colour, p, 3)
        if points:
            image = fnt.render(label, True, colour)
            y = points[-1][1] - image.get_height() // 2
            while any(abs(y - other) < image.get_height() for other in used):
                y += image.get_height() // 2 + 1
            used.append(y)
            surface.blit(image, (points[-1][0] + 8, y))
    for image, pos in labels:  # small labels on a backing: a line passes behind, not through
        pygame.draw.rect(surface, theme.PANEL, pygame.Rect(pos, image.get_size()).inflate(6, 0),
                         border_radius=3)
        surface.blit(image, pos)

