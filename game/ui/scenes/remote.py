"""A seat at a table of the game server ("Join a class game"), drawn from its latest view
(game.ui.remote_table): it sends orders, never outcomes, and after an order waits for the
next view. Its connection (game.ui.remote) lives on another thread; the board drains its
queue when on top and closes it on leaving the stack. Each month shows in turn the last
month's reveal, the news (and the decision asked of this seat), then the hand; then the
ending."""

from __future__ import annotations

from functools import partial

import pygame

from game import i18n
from game.i18n import Translator, _
from game.ui import draw, theme
from game.ui.app import App
from game.ui.draw import Paragraph
from game.ui.focus import Focusable
from game.ui.remote import Link, Seat, open_report
from game.ui.remote_table import HAND_MODES, RemoteTable
from game.ui.router import Pop, Push, Transition
from game.ui.scene import Outcome, Scene
from game.ui.widgets import board as panels
from game.ui.widgets import seat
from game.ui.widgets import seat_panels as lower
from game.ui.widgets.hand import Marks, card_rects, draw_hand, draw_news_list
from game.ui.widgets.scroll import Scroll

#: Modes drawn as one panel of words under the top bar.
MESSAGES = ("connecting", "waiting", "refused")


class RemoteBoard(Scene):
    """One seat's game at the server."""

    name = "remote"

    def __init__(self, app: App, link: Link, scenario: str | None = None,
                 lang: str | None = None, host: str = "") -> None:
        super().__init__(app)
        self.table = RemoteTable(link, scenario, host)
        self.speaks: Translator | None = None
        if lang and lang != app.translator.lang and lang in i18n.available():
            self.speaks = i18n.translator_for(lang, app.loader.packs)
        self.leaving = False
        self.built: tuple[str, int, str | None] = ("", -1, None)  # the shape last laid out
        self.told = ""  # the outcome, once traced
        self.card_rects: list[pygame.Rect] = []
        self.option_rows: list[tuple[pygame.Rect, Scroll]] = []
        self.scrolls = (Scroll(), Scroll(), Scroll())  # details or story; words; changes

    def voice(self) -> Translator | None:
        """The seat's language, when it is not the window's."""
        return self.speaks

    # receiving ------------------------------------------------------------------------

    def entered(self) -> Transition[Scene] | None:
        """On top again: leave if the player said so; else take what came meanwhile."""
        if self.leaving:
            return Pop()
        self.receive()
        return None

    def update(self, dt: float) -> bool:
        """Drain the connection's queue (only on top: below an overlay, the board waits)."""
        if self.app.scene is self:
            self.receive()
        return False

    def receive(self) -> None:
        """What the connection has: new widgets if the screen changed, a trace line for
        each view, and one for the outcome once the game is over."""
        lost, version = self.table.lost, self.table.shape()[1]
        viewed = self.table.absorb()
        if self.table.shape()[1] != version:
            self.scrolls = (Scroll(), Scroll(), Scroll())
        if self.table.shape() != self.built:
            self.relay()
        if viewed or lost != self.table.lost or self.table.notice:
            self.app.dirty = True
        if viewed:
            self.app.trace("view")
        ending = self.table.view.ending if self.table.view else None
        if ending is not None and not self.told:
            self.told = ending.outcome
            self.app.trace(f"outcome {self.told}")

    def relay(self) -> None:
        """Widgets anew for what the screen now shows, the focus where it belongs."""
        Scene.teardown(self)
        self.build()
        self.focus.sync()
        self.app.dirty = True

    # orders ---------------------------------------------------------------------------

    def sent(self, went: bool) -> None:
        """After an order: the sound of a card."""
        if went:
            self.app.sounds.play("card")

    def choose(self, n: int) -> None:
        """The seat's `n`th option on the news it decides."""
        self.sent(self.table.choose(n))

    def select(self, index: int) -> None:
        """Choose a card (or Hold) without playing it yet."""
        if self.table.select(index):
            self.focus.focus(f"card-{index}")
            self.app.dirty = True

    def card_action(self, index: int) -> None:
        """Enter or a click on a card: choose it, or play it when it is already chosen."""
        if self.table.selected == index:
            self.sent(self.table.play_selected())
        else:
            self.select(index)

    def play_selected(self) -> None:
        """The Play button."""
        self.sent(self.table.play_selected())

    def go_on(self) -> Transition[Scene] | None:
        """Continue: past the reveal, past the news; at the end, back to the title."""
        if self.table.mode in ("over", "refused"):
            return Pop()
        if self.table.go_on():
            self.relay()
        return None

    def report(self) -> None:
        """The game's debrief report from the server, beside the saves, in the browser."""
        seat_: Seat = self.table.link.seat  # type: ignore[attr-defined]  # shown only then
        self.table.notice = open_report(seat_, self.app.save_dir / "reports")

    def leave(self) -> Transition[Scene]:
        """Back to the title; from a game still going, ask first."""
        if self.table.mode in ("over", "refused"):
            return Pop()

        def yes() -> None:
            self.leaving = True

        return Push(self.app.make(
            "confirm", _("Leave this game?"),
            _("Your seat stays at the table, and the other player sees you as "
              "disconnected. This window cannot come back to it."), _("Leave  (Y)"), yes))

    # layout and widgets ---------------------------------------------------------------

    def layout(self) -> dict[str, pygame.Rect]:
        """The board's parts; for a screen of words, all the space under the top bar."""
        view = self.table.view
        return seat.board_parts(self.app.size, self.s, None if view is None or self.table.mode
                                in MESSAGES else seat.center_panel(view, self.app.content,
                                                                   self.table.scenario))

    def build(self) -> None:
        self.built = self.table.shape()
        parts = self.layout()
        mode, view = self.table.mode, self.table.view
        bh, bw = round(34 * self.s), round(280 * self.s)
        leave = panels.top_buttons([_("Leave  (Esc)")], self.app.size[0], parts["top"].height,
                                   self.s)[0]
        self.button(leave, _("Leave  (Esc)"), self.leave, name="leave",
                    object_id="@small_button")
        box = parts["lower"]
        self.option_rows, self.card_rects = [], []
        if mode in ("reveal", "news", "over", "refused"):
            label = (_("Back to the title  (Enter)") if mode in ("over", "refused")
                     else _("Continue  (Enter)"))
            self.button(pygame.Rect(box.right - bw - 14, box.bottom - bh - 12, bw, bh), label,
                        self.go_on, name="continue")
            if mode == "over" and isinstance(getattr(self.table.link, "seat", None), Seat):
                self.button(pygame.Rect(box.right - 2 * bw - 28, box.bottom - bh - 12, bw, bh),
                            _("Debrief report"), self.report, name="report")
            self.focus.focus("continue")
        elif self.table.options():
            column = lower.news_layout(box, True, self.s)[1]
            assert column is not None
            for n, rect in enumerate(lower.option_rects(column, self.table.options(), self.s)):
                self.option_rows.append((rect, Scroll()))
                self.focus.add(Focusable.at(rect, partial(self.choose, n), name=f"option-{n}"))
            self.focus.focus("option-0")
        elif mode in HAND_MODES and view is not None:
            self.card_rects = card_rects(parts["hand"], len(view.hand), self.s)
            for i, rect in enumerate(self.card_rects):
                self.focus.add(Focusable.at(rect, partial(self.card_action, i),
                                            name=f"card-{i}"))
            dp = parts["details"]
            play = self.button(pygame.Rect(dp.x + 10, dp.bottom - bh - 10, dp.width - 20, bh),
                               _("Play selected  (Enter)"), self.play_selected, name="play")
            if mode != "play":
                play.disable()
            self.focus.focus(f"card-{self.table.selected or 0}")

    def teardown(self) -> None:
        """Remove the widgets; once off the stack, close the connection too."""
        super().teardown()
        if self not in self.app.router.stack:
            self.table.link.close()

    # input ----------------------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> Outcome:
        """Digits pick a card or an option, H holds, Enter plays or goes on, Esc leaves;
        the wheel and the page keys scroll the long text on show."""
        scrolls = (*self.scrolls, *(scroll for _rect, scroll in self.option_rows))
        if any(scroll.handle(event, self.s, ends=False) for scroll in scrolls):
            self.app.dirty = True
            return True
        table, mode = self.table, self.table.mode
        if event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN) and table.notice:
            table.notice = ""
            self.app.dirty = True
        hand = len(table.view.hand) if table.view and mode in HAND_MODES else -1
        if event.type == pygame.KEYDOWN:
            key = event.key
            if key == pygame.K_ESCAPE:
                return self.leave()
            if key == pygame.K_F1:
                return Push(self.app.make("help"))
            if pygame.K_1 <= key <= pygame.K_9:
                if self.option_rows:
                    self.choose(key - pygame.K_1)
                elif key - pygame.K_1 < hand:
                    self.select(key - pygame.K_1)
                return True
            if key == pygame.K_h and hand >= 0:
                self.select(hand)
                return True
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            rows = [rect for rect, _scroll in self.option_rows] or self.card_rects
            hit = next((i for i, rect in enumerate(rows) if rect.collidepoint(event.pos)), None)
            if hit is not None:
                (self.choose if self.option_rows else self.card_action)(hit)
                return True
        if event.type == pygame.MOUSEMOTION:
            table.pointed = self.follow_pointer(self.card_rects, event.pos, table.pointed)
        outcome = super().handle(event)
        current = self.focus.current
        if event.type == pygame.KEYDOWN and current and current.name.startswith("card-"):
            table.pointed = int(current.name[5:])
        return outcome

    def trace_words(self) -> str:
        """The mode and the month, for the trace file: `play turn 3`."""
        view = self.table.view
        return f"{self.table.mode} turn {view.turn if view else 0}"

    # drawing --------------------------------------------------------------------------

    def message(self) -> list[Paragraph]:
        """The words of a screen without a board: connecting, waiting, refused, the end."""
        view = self.table.view
        leader = self.app.content.leaders.get(view.side) if view else None
        notice = [(self.table.notice, 15, True, theme.WARN)] if self.table.notice else []
        return seat.message_paragraphs(view, self.table.refused, self.table.host,
                                       leader.short if leader else "") + notice

    def draw(self, surface: pygame.Surface) -> None:
        """The top bar; the leaders and the fronts; below, what the mode shows."""
        table, view, mode = self.table, self.table.view, self.table.mode
        parts = self.layout()
        left = panels.top_buttons([_("Leave  (Esc)")], self.app.size[0], parts["top"].height,
                                  self.s)[0].x
        label = (_("Turn {turn} of {turns} · {month}").format(
            turn=view.turn, turns=view.turns, month=view.month) if view and view.turns
            else _("Join a class game"))
        seat.draw_top_bar(surface, parts["top"], label, seat.status_words(view, table.lost),
                          left, self.s)
        if view is None or mode in MESSAGES:
            lower.draw_message(surface, parts["lower"], self.message(), self.s, self.scrolls[1])
            return
        content = self.app.content
        for side, key in (("amlo", "left"), ("trump", "right")):
            panel = seat.leader_panel(view, side, content, table.previous)
            if panel is not None:
                panels.draw_leader(surface, parts[key], panel, self.s)
        panels.draw_center(surface, parts["center"], seat.center_panel(
            view, content, table.scenario), self.s)
        box = parts["lower"]
        if mode == "reveal" and view.last is not None:
            lower.draw_reveal(surface, box, view, view.last, self.s, self.scrolls[1:])
        elif mode == "over":
            lower.draw_message(surface, box, self.message(), self.s, self.scrolls[1])
        elif mode in ("decide", "news") or self.option_rows:
            focused = self.focus.current
            lower.draw_news(surface, box, view, self.s, self.scrolls[0], self.option_rows,
                            int(focused.name[7:]) if focused and focused.name.startswith(
                                "option-") else None, table.notice)
        else:
            self.draw_hand(surface, parts)

    def draw_hand(self, surface: pygame.Surface, parts: dict[str, pygame.Rect]) -> None:
        """The hand, with a heading that says what the seat waits for; beside it, the
        card in full, or the month's news and the last month's moves."""
        table, view, mode = self.table, self.table.view, self.table.mode
        assert view is not None
        content = self.app.content
        draw_hand(surface, parts["hand"], seat.card_views(view, content), self.card_rects,
                  Marks(table.selected, table.pointed), content.rules.hold_gain, self.s,
                  table.notice or seat.hand_heading(mode, view))
        index = table.pointed if table.pointed is not None else table.selected
        if index is None or index > len(view.hand):
            draw_news_list(surface, parts["details"], seat.month_entries(view), self.s)
            return
        rect = parts["details"]
        draw.panel(surface, rect)
        pad = round(10 * self.s)
        self.scrolls[0].column(
            surface, pygame.Rect(rect.x + pad, rect.y + pad, rect.width - 2 * pad,
                                 rect.height - pad - round(54 * self.s)),
            seat.card_paragraphs(view.hand[index] if index < len(view.hand) else None,
                                 content.rules.hold_gain), self.s)


__all__ = ["RemoteBoard"]
