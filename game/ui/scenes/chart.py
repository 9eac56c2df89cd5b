"""The chart: both leaders' polls and trust over the turns so far, with the thresholds."""

from __future__ import annotations

import pygame

from game.core.endings import thresholds as ending_lines
from game.i18n import _
from game.session import Session
from game.ui import draw, theme
from game.ui.app import App
from game.ui.charts import chart_lines, chart_thresholds, draw_chart
from game.ui.router import Pop
from game.ui.scene import Outcome, Scene


class ChartScene(Scene):
    """A full-screen chart over the game."""

    name = "chart"

    def __init__(self, app: App, session: Session) -> None:
        super().__init__(app)
        self.session = session

    def build(self) -> None:
        w, h = self.app.size
        bw, bh = round(200 * self.s), round(42 * self.s)
        self.button(pygame.Rect(w - bw - 24, h - bh - 16, bw, bh), _("Back  (Esc)"),
                    Pop, name="back")

    def handle(self, event: pygame.event.Event) -> Outcome:
        """Esc or C closes the chart."""
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_c):
            return Pop()
        return super().handle(event)

    def draw(self, surface: pygame.Surface) -> None:
        """Title, a legend in words, and the chart."""
        w, h = self.app.size
        m = round(20 * self.s)
        y = m
        y += draw.text(surface, _("Polls and trust, turn by turn"),
                       pygame.Rect(m, y, w - 2 * m, self.px(40)), self.px(26), theme.TEXT,
                       bold=True, max_lines=1)
        leaders = self.session.engine.content.leaders
        lines = ending_lines(self.session.engine.scenario_endings)
        legend = _("Solid line: trust. Long dashes: {a} polls (floor {fa}). Short dashes: {t} "
                   "polls (floor {ft}). Dotted lines: the thresholds of compromise (trust {c}) "
                   "and collision (trust {k}).").format(
            a=leaders["amlo"].short, fa=leaders["amlo"].floor, t=leaders["trump"].short,
            ft=leaders["trump"].floor, c=lines.compromise, k=lines.collision)
        y += draw.text(surface, legend, pygame.Rect(m, y + 4, w - 2 * m, self.px(60)),
                       self.px(15), theme.MUTED, max_lines=3) + 10
        thresholds = [
            *chart_thresholds(self.session.engine.content,
                              self.session.engine.scenario_endings),
            (leaders["amlo"].floor, _("{n} floor").format(n=leaders["amlo"].short), theme.AMLO),
            (leaders["trump"].floor, _("{n} floor").format(n=leaders["trump"].short),
             theme.TRUMP),
        ]
        bottom = h - round(42 * self.s) - 28
        draw_chart(surface, pygame.Rect(m, y, w - 2 * m, bottom - y), chart_lines(self.session),
                   thresholds, self.px(14))
