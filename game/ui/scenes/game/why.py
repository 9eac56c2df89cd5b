"""'Why did it move?': every change since the start of last month (of one meter, when
the player clicked it), grouped by month and cause, over the board."""

from __future__ import annotations

import pygame

from game.i18n import _
from game.report.told import why_lines
from game.ui import draw, theme
from game.ui.app import App
from game.ui.draw import Paragraph
from game.ui.router import Pop
from game.ui.scene import Outcome, Scene
from game.ui.scenes.game.keys import game_input
from game.ui.table import Table
from game.ui.widgets import board as panels
from game.ui.widgets.scroll import Scroll, fits
from game.wording import meter_text

#: Past this many lines, the list reads better in two columns than in tiny type.
ONE_COLUMN = 12


class WhyOverlay(Scene):
    """The ledger of the last two months, with causes; Esc closes it."""

    name = "why"
    overlay = True

    def __init__(self, app: App, table: Table, meter: str | None = None) -> None:
        super().__init__(app)
        self.table = table
        self.meter = meter
        self.scroll = Scroll()

    def box(self) -> pygame.Rect:
        """The centred box."""
        return panels.overlay_box(self.app.size, 0.9, 0.9)

    def build(self) -> None:
        box = self.box()
        bh = round(34 * self.s)
        self.button(pygame.Rect(box.right - 190, box.bottom - bh - 14, 176, bh),
                    _("Close  (Esc)"), Pop, name="close")

    def handle(self, event: pygame.event.Event) -> Outcome:
        """Esc or W closes; the wheel and the page keys scroll a long list."""
        shared = game_input(self.app, self.table, event, (self.scroll,))
        if shared is not None:
            return shared
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_w):
            return Pop()
        return super().handle(event)

    def lines(self) -> tuple[str, list[str]]:
        """The title, and one line per month and cause: `Turn 3, card “…”: trust -4
        (to 55), AMLO polls +1 (to 61)`."""
        content = self.table.content
        lines = why_lines(self.table.state, content, self.meter)
        title = (_("Why did {meter} move?").format(meter=meter_text(self.meter, content))
                 if self.meter else _("Why did the numbers move?"))
        return title, lines or [_("No change yet.")]

    def draw(self, surface: pygame.Surface) -> None:
        """The title, a line on what is listed, and the list in one or two columns."""
        box = self.box()
        draw.panel(surface, box, theme.PANEL, theme.ACCENT, 2)
        pad = round(20 * self.s)
        y = box.y + pad
        title, lines = self.lines()
        y += draw.text(surface, title, pygame.Rect(box.x + pad, y, box.width - 2 * pad,
                                                   self.px(34)),
                       self.px(22), theme.TEXT, bold=True, max_lines=1) + 4
        y += draw.text(surface, _("Every change since the start of last turn, with its cause."),
                       pygame.Rect(box.x + pad, y, box.width - 2 * pad, self.px(24)),
                       self.px(14), theme.MUTED, max_lines=1) + 8
        area = pygame.Rect(box.x + pad, y, box.width - 2 * pad,
                           box.bottom - round(60 * self.s) - y)
        rows: list[Paragraph] = [(line, 15, False, theme.TEXT) for line in lines]
        half = (len(lines) + 1) // 2
        col = (area.width - pad) // 2
        columns = [rows[:half], rows[half:]]
        if len(lines) > ONE_COLUMN and all(
                fits(c, pygame.Rect(0, 0, col, area.height), self.s) for c in columns):
            for i, chunk in enumerate(columns):  # two columns read better than tiny type
                draw.fitted(surface, pygame.Rect(area.x + i * (col + pad), area.y, col,
                                                 area.height), chunk, self.s)
        else:
            self.scroll.column(surface, area, rows, self.s)


__all__ = ["WhyOverlay"]
