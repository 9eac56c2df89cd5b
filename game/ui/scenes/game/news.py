"""The news dialog, over the board: the month's news one by one, each with everything
it changed, and the player's options when the news asks him to decide. Each news
sounds a wire-service tick as it comes up (once: not again when the dialog is laid out
anew for a resize or uncovered by the menu)."""

from __future__ import annotations

from functools import partial
from typing import Any

import pygame

from game.core.state import SIDES
from game.i18n import _
from game.ui import draw, theme
from game.ui.app import App
from game.ui.draw import Paragraph
from game.ui.focus import Focusable
from game.ui.router import Pop, Push, Transition
from game.ui.scene import Outcome, Scene
from game.ui.scenes.game.keys import game_input
from game.ui.table import Table
from game.ui.widgets import board as panels
from game.ui.widgets.effects import Effects
from game.ui.widgets.scroll import Item, Scroll
from game.wording import change_words, month_words, net_changes, net_words, sources_text


class NewsOverlay(Scene):
    """One news of the month at a time; closes itself after the last."""

    name = "news"
    overlay = True

    def __init__(self, app: App, table: Table) -> None:
        super().__init__(app)
        self.table = table
        self.option_rows: list[tuple[int, pygame.Rect]] = []
        self.story = Scroll()  # the news, scrolled when a larger text size needs it
        self.option_text: list[Scroll] = []  # each option's words, likewise
        self.sounded: tuple[int, int, str | None] | None = None  # the news last heard

    # flow ---------------------------------------------------------------------------

    def choose(self, n: int) -> Transition[Scene] | None:
        """The player's `n`th option on the news shown."""
        indices = self.table.engine.options_of(self.table.state, self.table.human)
        if n >= len(indices):
            return None
        self.table.choose(n)
        return self.onward()

    def read(self) -> Transition[Scene] | None:
        """Done reading a news that asks nothing of the player."""
        self.table.news_seen += 1
        return self.onward()

    def onward(self) -> Transition[Scene] | None:
        """The month's next news; back to the board after the last, or to hand the
        computer to the other seat when the news is his to decide (two players)."""
        self.table.owed_news()  # never past a news the player still has to decide on
        self.story, self.option_text = Scroll(), []
        if self.table.unread() and self.table.handover() is None:
            self.rebuild()
            return None
        return Pop()

    # layout -------------------------------------------------------------------------

    def layout(self) -> tuple[pygame.Rect, pygame.Rect, pygame.Rect | None]:
        """The dialog's box, its text column, and its options column (if any)."""
        box = panels.overlay_box(self.app.size, 0.9, 0.92)
        pad = round(20 * self.s)
        head = pad + theme.font(self.px(13), True).get_linesize() + \
            2 * theme.font(self.px(24), True).get_linesize() + 6
        body = pygame.Rect(box.x + pad, box.y + head, box.width - 2 * pad,
                           box.height - head - pad)
        if not self.table.deciding():
            body.height -= round(56 * self.s)
            return box, body, None
        text_w = round(body.width * 0.54)
        options = pygame.Rect(body.x + text_w + pad, body.y, body.width - text_w - pad,
                              body.height)
        return box, pygame.Rect(body.x, body.y, text_w, body.height), options

    def build(self) -> None:
        """The option rows (or Continue when the player has nothing to decide)."""
        shown = (self.table.state.turn, self.table.news_seen, self.table.shown_news())
        if shown[2] is not None and shown != self.sounded:
            self.sounded = shown
            self.app.sounds.play("news")
        box, _text, column = self.layout()
        bh = round(40 * self.s)
        self.option_rows = []
        if len(self.option_text) != 9:
            self.option_text = [Scroll() for _n in range(9)]
        if column is None:
            bw = round(240 * self.s)
            self.button(pygame.Rect(box.right - bw - 14, box.bottom - bh - 14, bw, bh),
                        _("Continue  (Enter)"), self.read, name="continue")
            return
        indices = self.table.engine.options_of(self.table.state, self.table.human)
        gap = round(10 * self.s)
        share = (column.height + gap) // max(1, len(indices))
        y = column.y
        for n, index in enumerate(indices):
            rect = pygame.Rect(column.x, y, column.width, share - gap)
            self.option_rows.append((index, rect))
            self.focus.add(Focusable.at(rect, partial(self.choose, n), name=f"option-{n}"))
            y += share

    # input --------------------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> Outcome:
        """1–9 choose, Esc opens the menu; a click on an option chooses it; the wheel and
        the page keys scroll a long story or option."""
        shared = game_input(self.app, self.table, event, (self.story, *self.option_text),
                            ends=False)
        if shared is not None:
            return shared
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                return Push(self.app.make("menu", self.table))
            if pygame.K_1 <= event.key <= pygame.K_9 and self.table.deciding():
                return self.choose(event.key - pygame.K_1) or True
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for n, (_index, rect) in enumerate(self.option_rows):
                if rect.collidepoint(event.pos):
                    return self.choose(n) or True
        return super().handle(event)

    def trace_words(self) -> str:
        """Whether the player decides or reads, for the trace file."""
        return "decide" if self.table.deciding() else "read"

    # drawing ------------------------------------------------------------------------

    def paragraphs(self, event: Any) -> list[Paragraph]:
        """The left column: the story, then everything this news changed (all of it,
        first), the other leader's decision, the month's routine, background, sources."""
        table = self.table
        state, content = table.state, table.content
        lines: list[Paragraph] = [(event.text, 16, False, theme.TEXT)]
        # Read from the ledger, so a game loaded mid-month shows the same.
        this_month = [c for c in state.ledger if c[0] == state.turn]
        news_at = next((i for i, c in enumerate(this_month)
                        if c[5].startswith(("event:", "choice:"))), len(this_month))
        own = [c for c in this_month if c[5] == f"event:{event.id}"]
        if own:
            lines.append((_("This news: ") + change_words(own, content, _("to")), 15, True,
                          theme.ACCENT))
        record = table.month_news()[table.news_seen]
        for side in SIDES:
            if side != table.you and side in record["choices"]:
                label = event.choices[record["choices"][side]].label
                lines.append((_("{name} decided: {label}").format(
                    name=content.leaders[side].short, label=label), 15, True, theme.ACCENT))
        routine = net_changes(this_month[:news_at])
        if routine and table.news_seen == 0:
            lines.append((_("Since last month: ") + net_words(routine, content), 13, False,
                          theme.MUTED))
        lines.append((_("Background: ") + event.context, 14, False, theme.MUTED))
        lines.append((_("Sources: ") + sources_text(event.sources, content), 12, False,
                      theme.MUTED))
        return lines

    def draw(self, surface: pygame.Surface) -> None:
        """Headline and story, background and sources; the options beside."""
        table = self.table
        event = table.content.events.get(table.shown_news() or "")
        box, column, _options = self.layout()
        draw.panel(surface, box, theme.PANEL, theme.ACCENT, 2)
        if event is None:
            return
        pad = round(20 * self.s)
        y = box.y + pad
        count = len(table.month_news())
        month = month_words(table.state.month)
        head = (_("NEWS {n} of {count} · {month}").format(
            n=table.news_seen + 1, count=count, month=month) if count > 1
            else _("NEWS · {month}").format(month=month))
        y += draw.text(surface, head, pygame.Rect(box.x + pad, y, box.width - 2 * pad,
                                                  self.px(22)),
                       self.px(13), theme.ACCENT, bold=True, max_lines=1)
        draw.text(surface, event.title, pygame.Rect(box.x + pad, y, box.width - 2 * pad,
                                                    column.y - y),
                  self.px(24), theme.TEXT, bold=True, max_lines=2, shrink=True)
        self.story.column(surface, column, self.paragraphs(event), self.s)
        focused = self.focus.current
        for n, (index, rect) in enumerate(self.option_rows):
            choice = event.choices[index]
            chosen = focused is not None and focused.name == f"option-{n}"
            draw.panel(surface, rect, theme.PANEL_HI if chosen else theme.BG,
                       theme.ACCENT if chosen else theme.LINE, 2 if chosen else 1)
            paragraphs: list[Item] = [(f"{n + 1}. {choice.label}", 16, True, theme.TEXT)]
            if choice.text:
                paragraphs.append((choice.text, 14, False, theme.TEXT))
            paragraphs.append(Effects(table.preview(choice.effects, self.app.settings.effects),
                                      14))
            self.option_text[n].column(surface, rect.inflate(-20, -14), paragraphs, self.s)


__all__ = ["NewsOverlay"]
