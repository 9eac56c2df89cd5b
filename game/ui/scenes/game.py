"""The game screen: leaders, trust track, fronts, hand, news; event, resolution and menus.

Overlays (the news decision, the resolution, the "why did it move" list and
the menu) are modes of this scene, so the board stays visible underneath.
"""

from __future__ import annotations

from functools import partial
from typing import Any

import pygame
import pygame_gui

from game.core.effects import timed_deltas
from game.core.endings import thresholds
from game.core.orders import ChooseOption, Hold, Order, PlayCard, Rejected
from game.core.state import FRONTS, OVER, SIDES, UPKEEP, month_index
from game.core.turn import TurnOpened, TurnResolved
from game.i18n import _
from game.session import Session
from game.ui import board, draw, theme
from game.ui.app import App, Focusable, Scene
from game.ui.draw import Paragraph
from game.wording import (
    AGREEMENT_WORDS,
    answer_text,
    cause_text,
    change_words,
    effect_words,
    explain,
    meter_text,
    month_words,
    net_changes,
    net_words,
    offer_text,
    rejection_text,
    sources_text,
    threshold_words,
)


def preview_words(effects: list[Any], side: str, content: Any, style: str = "exact") -> str:
    """What a card's or option's effects do now and over the coming months:
    `trust +2, migration tension -6; then AMLO polls -1/month for 2 months` (with
    `style` "direction", `trust ++, AMLO polls -` instead: the shipped font has no ▲▼)."""
    now, later = timed_deltas(effects, side)
    return effect_words(now, content, style, ("+", "-"), later)


class GameScene(Scene):
    """A game in progress, seen from the human's side."""

    name = "game"

    def __init__(self, app: App, session: Session, human: str) -> None:
        super().__init__(app)
        self.session = session
        self.human = human
        self.content = session.engine.content
        # The endings' trust lines never change during a game: read them once.
        lines = thresholds(session.engine.scenario_endings)
        self.trust_marks = tuple((at, colour) for at, colour in (
            (lines.collision, theme.BAD), (lines.compromise, theme.GOOD)) if at is not None)
        self.trust_words = threshold_words(self.content, session.engine.scenario_endings)
        self.mode = "board"  # board | event | resolution | why | menu
        self.selected: int | None = None  # index into the hand (len(hand) = hold)
        self.hover: int | None = None
        self.card_rects: list[pygame.Rect] = []
        self.meter_rects: dict[str, pygame.Rect] = {}
        self.shown: dict[str, float] = dict(session.state.meters)  # animated values
        self.previous: dict[str, int] = dict(session.state.meters)
        self.last_resolved: TurnResolved | None = None
        self.turn_first_change = 0
        self.why_meter: str | None = None
        self.option_rows: list[tuple[int, pygame.Rect]] = []
        self.browsing = False  # the player moved the keyboard focus over the cards
        self.notice = ""
        self.save_name: Any = None  # the menu's box for a save's name, while it is open
        self.opened: TurnOpened | None = None
        self.news_seen = 0  # how many of this month's news the dialog has shown
        if session.state.phase == UPKEEP:
            self.open_turn()
        else:  # a loaded game: straight to the news he owes a decision on, if any
            self.turn_first_change = len(session.state.ledger)
            news = [n["event"] for n in self.month_news()]
            if human in session.state.pending and session.state.event in news:
                self.news_seen = news.index(session.state.event)
                self.mode = "event"

    # ------------------------------------------------------------------ flow

    @property
    def state(self) -> Any:
        """The game state."""
        return self.session.state

    def open_turn(self) -> None:
        """Upkeep and news of the next turn; the event dialog if there is news."""
        self.previous = dict(self.state.meters)
        opened = self.session.begin_turn()
        if isinstance(opened, Rejected):
            self.notice = rejection_text(opened)
            return
        self.opened = opened
        self.turn_first_change = opened.first_change
        self.selected = None
        self.browsing = False
        self.news_seen = 0
        self.mode = "event" if opened.events else "board"

    def month_news(self) -> list[dict[str, Any]]:
        """This month's news records, in the order it came (each with its decisions)."""
        return list(self.state.log[-1]["news"]) if self.state.log else []

    def shown_news(self) -> str | None:
        """The news the dialog shows: the next one of the month not yet read."""
        news = self.month_news()
        return news[self.news_seen]["event"] if self.news_seen < len(news) else None

    def deciding(self) -> bool:
        """The human has to decide on the news shown."""
        return self.human in self.state.pending and self.shown_news() == self.state.event

    def choose(self, index: int) -> None:
        """The human's pick on the news."""
        if self.session.choose(ChooseOption(self.human, index)) is None:
            self.next_news()

    def undo(self) -> None:
        """Take back the last decision on this month's news and show that news again."""
        if not self.session.undo():
            self.notice = _("There is no decision to undo this month.")
            self.app.dirty = True
            return
        self.selected = None
        news = [n["event"] for n in self.month_news()]
        if self.state.event in news:
            self.news_seen = news.index(self.state.event)
        self.set_mode("event")

    def next_news(self) -> None:
        """On to the month's next news, or back to the board after the last."""
        self.news_seen += 1
        if self.shown_news() is None:
            self.set_mode("board")
        else:
            self.rebuild()

    def hand(self) -> list[str]:
        """The human's hand."""
        return list(self.state.hands[self.human])

    def select(self, index: int) -> None:
        """Select a card (or Hold, at index len(hand)) without playing it yet."""
        if 0 <= index <= len(self.hand()):
            self.selected = index
            self.focus.focus(f"card-{index}")
            self.app.dirty = True

    def play_selected(self) -> None:
        """Play the selected card or hold."""
        hand = self.hand()
        if self.selected is None:
            self.notice = _("Choose a card first (1–{n}), or H to hold.").format(n=len(hand))
            return
        order: Order
        if self.selected >= len(hand):
            order = Hold(self.human)
        else:
            card_id = hand[self.selected]
            why = self.session.engine.why_not(self.state, self.human, card_id)
            if why is not None:
                self.notice = _("You cannot play that now: {why}").format(why=rejection_text(why))
                return
            order = PlayCard(self.human, card_id)
        self.previous = dict(self.state.meters)
        self.shown = {k: float(v) for k, v in self.previous.items()}
        result = self.session.resolve({self.human: order})
        if isinstance(result, Rejected):
            self.notice = rejection_text(result)
            return
        self.last_resolved = result
        self.notice = self.session.last_save_error or ""
        self.mode = "resolution"
        self.rebuild()

    def after_resolution(self) -> None:
        """Continue after the resolution: the end, or the next month."""
        if self.state.phase == OVER:
            self.app.replace(self.app.make("end", self.session, self.human))
            return
        self.open_turn()
        self.rebuild()

    def save(self) -> None:
        """Save the game under the name typed in the menu, or one made from the turn."""
        typed = self.save_name.get_text().strip() if self.save_name is not None else ""
        label = typed or f"turn-{self.state.turn}-{self.human}"
        path = self.session.save(label)
        self.notice = (_("Saved as {name}").format(name=path.name) if path is not None
                       else _("Not saved: {why}").format(why=self.session.last_save_error))

    def open_help(self) -> None:
        """The rules."""
        self.app.push(self.app.make("help"))

    def open_settings(self) -> None:
        """Text size, window, animation; back to the menu afterwards."""
        self.app.push(self.app.make("settings"))

    def open_chart(self) -> None:
        """Polls and trust over the turns so far."""
        self.app.push(self.app.make("chart", self.session))

    def to_title(self) -> None:
        """Leave to the title screen (the game is autosaved every turn)."""
        self.session.save("autosave")
        self.app.reset(self.app.make("title"))

    def set_mode(self, mode: str, meter: str | None = None) -> None:
        """Switch overlay; the board is never shown while the human owes a decision."""
        if mode == "board" and self.human in self.state.pending:
            mode = "event"
            news = [n["event"] for n in self.month_news()]
            if self.state.event in news:  # show the news he owes a decision on
                self.news_seen = news.index(self.state.event)
        self.mode = mode
        self.why_meter = meter
        self.rebuild()

    # ------------------------------------------------------------------ layout

    def layout(self) -> dict[str, pygame.Rect]:
        """Rectangles of the board's parts for the current window and text size."""
        w, h = self.app.size
        m = round(12 * self.s)
        top = round(46 * self.s)
        side_w = round(w * 0.24)
        row1_h = round((h - top) * 0.42)
        center = pygame.Rect(m + side_w + m, top, w - 2 * (side_w + 2 * m), row1_h)
        left = pygame.Rect(m, top, side_w, row1_h)
        right = pygame.Rect(w - m - side_w, top, side_w, row1_h)
        y2 = top + row1_h + m
        details_w = round(w * 0.30)
        hand = pygame.Rect(m, y2, w - 3 * m - details_w, h - y2 - m)
        details = pygame.Rect(hand.right + m, y2, details_w, h - y2 - m)
        return {"left": left, "right": right, "center": center, "hand": hand,
                "details": details, "top": pygame.Rect(0, 0, w, top)}

    def build(self) -> None:
        parts = self.layout()
        w, _h = self.app.size
        bh = round(34 * self.s)
        bw = round(120 * self.s)
        typed = self.save_name.get_text() if self.save_name is not None else ""
        self.save_name = None  # made again below while the menu is open
        y = (parts["top"].height - bh) // 2
        if self.mode == "board":
            self.build_hand(parts["hand"])
            dp = parts["details"]
            self.button(pygame.Rect(dp.x + 10, dp.bottom - bh - 10, dp.width - 20, bh),
                        _("Play selected  (Enter)"), self.play_selected, name="play")
            self.button(pygame.Rect(w - 3 * bw - 36, y, bw, bh), _("Chart (C)"),
                        self.open_chart, name="chart", object_id="@small_button")
            self.button(pygame.Rect(w - 2 * bw - 24, y, bw, bh), _("Why? (W)"),
                        lambda: self.set_mode("why"), name="why", object_id="@small_button")
            self.button(pygame.Rect(w - bw - 12, y, bw, bh), _("Menu (Esc)"),
                        lambda: self.set_mode("menu"), name="menu", object_id="@small_button")
            if self.session.can_undo():
                self.button(pygame.Rect(w - 4 * bw - 48, y, bw, bh), _("Undo (U)"),
                            self.undo, name="undo", object_id="@small_button")
            if self.selected is not None:
                self.focus.focus(f"card-{self.selected}")
            elif self.hand():
                self.focus.focus("card-0")
        elif self.mode == "event":
            self.build_event()
        elif self.mode == "resolution":
            box = self.resolution_rect()
            bw2 = round(240 * self.s)
            self.button(pygame.Rect(box.right - bw2 - 14, box.bottom - bh - 12, bw2, bh),
                        _("Continue  (Enter)"), self.after_resolution, name="continue")
        elif self.mode == "why":
            box = self.overlay_rect(0.9, 0.9)
            self.button(pygame.Rect(box.right - 190, box.bottom - bh - 14, 176, bh),
                        _("Close  (Esc)"), lambda: self.set_mode("board"), name="close")
        elif self.mode == "menu":
            box = self.menu_rect()
            bw2 = box.width - 60
            yy = box.y + round(70 * self.s)
            # A name for the save, if the player wants one (else it is named by turn).
            self.save_name = pygame_gui.elements.UITextEntryLine(
                pygame.Rect(box.x + 30, yy, bw2, round(40 * self.s)), manager=self.app.manager,
                placeholder_text=_("Name for the save (optional)"))
            self.save_name.set_text_length_limit(40)
            if typed:  # a rebuild (a resize) keeps what was typed
                self.save_name.set_text(typed)
            self.elements.append(self.save_name)
            entry = self.save_name
            yy += round(52 * self.s)
            for label, action, name in (
                (_("Resume  (Esc)"), lambda: self.set_mode("board"), "resume"),
                (_("Save  (Ctrl+S)"), self.save_and_resume, "save"),
                (_("Settings"), self.open_settings, "settings"),
                (_("How to play  (F1)"), self.open_help, "help"),
                (_("Quit to title"), self.to_title, "title"),
            ):
                self.button(pygame.Rect(box.x + 30, yy, bw2, round(44 * self.s)), label, action,
                            name=name)
                yy += round(56 * self.s)
            # Reached by Tab after the buttons: Resume stays first, as Esc opened it.
            self.focus.add(Focusable(lambda: entry.rect, entry.focus, name="save-name"))

    def save_and_resume(self) -> None:
        """Save, then back to the board."""
        self.save()
        self.save_name = None
        self.set_mode("board")

    def build_hand(self, area: pygame.Rect) -> None:
        """Cards and Hold as focusable drawn areas."""
        hand = self.hand()
        gap = round(10 * self.s)
        hold_w = round(area.width * 0.11)
        n = len(hand)
        card_w = (area.width - hold_w - gap * (n + 1)) // max(1, n) if n else 0
        self.card_rects = []
        top = area.y + round(30 * self.s)
        for i in range(n):
            rect = pygame.Rect(area.x + i * (card_w + gap), top, card_w, area.bottom - top)
            self.card_rects.append(rect)
        self.card_rects.append(pygame.Rect(area.right - hold_w, top, hold_w, area.bottom - top))
        for i, rect in enumerate(self.card_rects):
            self.focus.add(Focusable.at(rect, partial(self.card_action, i),
                                     name=f"card-{i}"))

    def card_action(self, index: int) -> None:
        """Enter on a card: select it, or play it when already selected."""
        if self.selected == index:
            self.play_selected()
        else:
            self.select(index)

    def menu_rect(self) -> pygame.Rect:
        """The menu box, as tall as its name box and five buttons need."""
        w, h = self.app.size
        bw = max(round(w * 0.4), round(360 * self.s))
        bh = round(70 * self.s) + round(52 * self.s) + 5 * round(56 * self.s) + round(20 * self.s)
        return pygame.Rect((w - bw) // 2, max(0, (h - bh) // 2), bw, min(h, bh))

    def overlay_rect(self, wf: float = 0.7, hf: float = 0.8) -> pygame.Rect:
        """The centred box of an overlay."""
        w, h = self.app.size
        bw, bh = round(w * wf), round(h * hf)
        return pygame.Rect((w - bw) // 2, (h - bh) // 2, bw, bh)

    def event_layout(self) -> tuple[pygame.Rect, pygame.Rect, pygame.Rect | None]:
        """The news dialog's box, its text column, and its options column (if any)."""
        box = self.overlay_rect(0.9, 0.92)
        pad = round(20 * self.s)
        head = pad + theme.font(self.px(13), True).get_linesize() + \
            2 * theme.font(self.px(24), True).get_linesize() + 6
        body = pygame.Rect(box.x + pad, box.y + head, box.width - 2 * pad,
                           box.height - head - pad)
        if not self.deciding():
            body.height -= round(56 * self.s)
            return box, body, None
        text_w = round(body.width * 0.54)
        options = pygame.Rect(body.x + text_w + pad, body.y, body.width - text_w - pad,
                              body.height)
        return box, pygame.Rect(body.x, body.y, text_w, body.height), options

    def build_event(self) -> None:
        """Option buttons of the news dialog (or Continue when the human has none)."""
        box, _text, column = self.event_layout()
        bh = round(40 * self.s)
        self.option_rows = []
        if column is None:
            bw = round(240 * self.s)
            self.button(pygame.Rect(box.right - bw - 14, box.bottom - bh - 14, bw, bh),
                        _("Continue  (Enter)"), self.next_news, name="continue")
            return
        indices = self.session.engine.options_of(self.state, self.human)
        gap = round(10 * self.s)
        share = (column.height + gap) // max(1, len(indices))
        y = column.y
        for n, index in enumerate(indices):
            rect = pygame.Rect(column.x, y, column.width, share - gap)
            self.option_rows.append((index, rect))
            self.focus.add(Focusable.at(rect, partial(self.choose, n),
                                     name=f"option-{n}"))
            y += share

    # ------------------------------------------------------------------ input

    def handle(self, event: pygame.event.Event) -> bool:
        """Keys of the board and overlays; clicks on cards and meters."""
        if (event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and self.save_name is not None
                and event.ui_element is self.save_name):
            self.save_and_resume()  # Enter in the name box saves under that name
            return True
        if event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN) and self.notice:
            self.notice = ""  # a notice ("Saved as …") lasts until the next thing done
            self.app.dirty = True
        if event.type == pygame.KEYDOWN:
            key, mod = event.key, event.mod
            if key == pygame.K_s and mod & pygame.KMOD_CTRL:
                self.save()
                return True
            if key == pygame.K_F1:
                self.open_help()
                return True
            if self.mode == "board":
                if pygame.K_1 <= key <= pygame.K_9 and key - pygame.K_1 < len(self.hand()):
                    self.select(key - pygame.K_1)
                    return True
                if key == pygame.K_h:
                    self.select(len(self.hand()))
                    return True
                if key == pygame.K_u:
                    self.undo()
                    return True
                if key == pygame.K_w:
                    self.set_mode("why")
                    return True
                if key == pygame.K_c:
                    self.open_chart()
                    return True
                if key == pygame.K_ESCAPE:
                    self.set_mode("menu")
                    return True
            elif self.mode == "event":
                if key == pygame.K_ESCAPE:
                    self.set_mode("menu")
                    return True
                if pygame.K_1 <= key <= pygame.K_9 and self.deciding():
                    count = len(self.session.engine.options_of(self.state, self.human))
                    if key - pygame.K_1 < count:
                        self.choose(key - pygame.K_1)
                        return True
            elif self.mode in ("why", "menu") and key == pygame.K_ESCAPE:
                self.set_mode("board")
                return True
            elif self.mode == "resolution" and key == pygame.K_ESCAPE:
                self.after_resolution()
                return True
        if (event.type == pygame.KEYDOWN and self.mode == "board" and event.key in
                (pygame.K_TAB, pygame.K_LEFT, pygame.K_RIGHT, pygame.K_UP, pygame.K_DOWN)):
            self.browsing = True
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and self.mode == "event":
            for n, (_index, rect) in enumerate(self.option_rows):
                if rect.collidepoint(event.pos):
                    self.choose(n)
                    return True
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and self.mode == "board":
            for i, rect in enumerate(self.card_rects):
                if rect.collidepoint(event.pos):
                    self.card_action(i)
                    return True
            for meter, rect in self.meter_rects.items():
                if rect.collidepoint(event.pos):
                    self.set_mode("why", meter)
                    return True
        if event.type == pygame.MOUSEMOTION and self.mode == "board":
            hover = next((i for i, r in enumerate(self.card_rects) if r.collidepoint(event.pos)),
                         None)
            if hover != self.hover:
                self.hover = hover
                self.app.dirty = True
        return super().handle(event)

    # ------------------------------------------------------------------ animation

    def update(self, dt: float) -> bool:
        """Slide the shown meters toward their real values."""
        seconds = self.app.settings.animation_seconds
        moving = False
        for meter, value in self.state.meters.items():
            shown = self.shown.get(meter, float(value))
            if shown != value:
                if seconds <= 0:
                    shown = float(value)
                else:
                    step = max(abs(value - self.previous.get(meter, value)), 1) * dt / seconds
                    shown = value if abs(value - shown) <= step else shown + (
                        step if value > shown else -step)
                self.shown[meter] = shown
                moving = True
        return moving

    # ------------------------------------------------------------------ drawing

    def draw(self, surface: pygame.Surface) -> None:
        """The board, under any overlay."""
        parts = self.layout()
        self.draw_top(surface, parts["top"])
        self.meter_rects = {}
        for side, key in (("amlo", "left"), ("trump", "right")):
            self.draw_leader(surface, parts[key], side)
        self.draw_center(surface, parts["center"])
        if self.mode == "board":
            self.draw_hand(surface, parts["hand"])
            self.draw_details(surface, parts["details"])
            return
        if self.mode == "resolution":  # the board stays in view: its meters slide
            self.draw_resolution(surface)
            return
        self.draw_news(surface, parts["hand"].union(parts["details"]))
        draw.shade(surface)
        if self.mode == "event":
            self.draw_event(surface)
        elif self.mode == "resolution":
            self.draw_resolution(surface)
        elif self.mode == "why":
            self.draw_why(surface)
        elif self.mode == "menu":
            box = self.menu_rect()
            draw.panel(surface, box, theme.PANEL, theme.ACCENT, 2)
            draw.text(surface, _("Menu"), pygame.Rect(box.x + 30, box.y + 20, box.width - 60,
                                                      self.px(36)),
                      self.px(22), theme.TEXT, bold=True, max_lines=1)

    def top_label(self) -> str:
        """The turn and month the screen is about: during the resolution, the month just
        resolved (the state has already moved on to the next)."""
        st = self.state
        if self.mode == "resolution" and self.last_resolved is not None and st.log:
            return _("Turn {turn} of {turns} · {month} — what happened").format(
                turn=self.last_resolved.turn, turns=self.session.engine.turns,
                month=month_words(month_index(st.log[-1]["month"])))
        return _("Turn {turn} of {turns} · {month}").format(
            turn=st.turn, turns=self.session.engine.turns, month=month_words(st.month))

    def draw_top(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        """Turn, month and scenario."""
        label = self.top_label()
        draw.text(surface, label, pygame.Rect(14, (rect.height - self.px(24)) // 2 - 2,
                                              rect.width // 2, self.px(34)),
                  self.px(20), theme.TEXT, bold=True, max_lines=1)
        if self.notice:
            draw.text(surface, self.notice, pygame.Rect(rect.width // 3, 8,
                                                        rect.width // 3, rect.height - 8),
                      self.px(14), theme.WARN, max_lines=2)

    def draw_leader(self, surface: pygame.Surface, rect: pygame.Rect, side: str) -> None:
        """A leader's panel (see game.ui.board), with his meters clickable."""
        meter = f"polls.{side}"
        polls = self.state.meters[meter]
        panel = board.LeaderPanel(
            leader=self.content.leaders[side], mine=side == self.human, polls=polls,
            previous=self.previous.get(meter, polls), shown=self.shown.get(meter, polls),
            capital=self.state.meters[f"capital.{side}"],
            capital_max=self.session.engine.rules.capital_max)
        self.meter_rects.update(board.draw_leader(surface, rect, panel, self.s))

    def draw_center(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        """The trust track and the three fronts (see game.ui.board), meters clickable."""
        erosion = self.session.engine.rules.tension_erosion
        offers = self.session.engine.open_offers(self.state)
        panel = board.CenterPanel(
            meters=dict(self.state.meters), shown=dict(self.shown),
            agreements=dict(self.state.agreements), trust_marks=self.trust_marks,
            trust_words=self.trust_words,
            erodes=min((step.min for step in erosion), default=101),
            notes={front: offer_text(offers, front, self.human, self.content)
                   for front in FRONTS})
        self.meter_rects.update(board.draw_center(surface, rect, panel, self.s))

    def draw_hand(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        """The cards, each with category, stance (shape and word), cost and title."""
        draw.text(surface, _("Your hand — 1–{n} select, Enter plays, H holds").format(
            n=len(self.hand())), pygame.Rect(rect.x, rect.y, rect.width, self.px(26)),
            self.px(15), theme.MUTED, max_lines=1)
        engine = self.session.engine
        hand = self.hand()
        offers = engine.open_offers(self.state)
        for i, card_rect in enumerate(self.card_rects):
            chosen = self.selected == i
            hovered = self.hover == i
            if i >= len(hand):
                self.draw_hold(surface, card_rect, chosen, hovered)
                continue
            cc = engine.card(self.human, hand[i])
            card = cc.card
            playable = engine.why_not(self.state, self.human, hand[i]) is None
            bg = theme.PANEL_HI if chosen or hovered else theme.PANEL
            draw.panel(surface, card_rect, bg, theme.ACCENT if chosen else theme.LINE,
                       3 if chosen else 1)
            pad = round(8 * self.s)
            inner = card_rect.inflate(-2 * pad, -2 * pad)
            y = inner.y
            key = theme.font(self.px(15), True).render(str(i + 1), True, theme.ACCENT)
            surface.blit(key, (inner.right - key.get_width(), y))
            where = card.category.upper() + (f" · {cc.front.upper()}" if cc.front and
                                              cc.front != card.category else "")
            y += draw.text(surface, where, pygame.Rect(inner.x, y, inner.width - key.get_width()
                                                       - 4, 2 * self.px(20)),
                           self.px(12), theme.MUTED, bold=True, max_lines=2, shrink=True)
            r = round(7 * self.s)
            stance_w = inner.width - 2 * r - 6
            row_h = theme.font(self.px(14), True).get_linesize()
            draw.stance_icon(surface, card.stance, (inner.x + r, y + row_h // 2), r)
            draw.text(surface, _(card.stance), pygame.Rect(inner.x + 2 * r + 6, y, stance_w,
                                                           row_h),
                      self.px(14), theme.STANCE_COLOUR[card.stance], bold=True, max_lines=1,
                      shrink=True)
            cost = _("cost {c}").format(c=card.cost)
            needed = (theme.font(self.px(14), True).size(_(card.stance))[0]
                      + theme.font(self.px(14)).size(cost)[0] + 12)
            if needed > stance_w:  # no room on one row: cost goes below
                y += row_h
            draw.text(surface, cost, pygame.Rect(inner.x, y, inner.width, row_h), self.px(14),
                      theme.TEXT, align="right", max_lines=1)
            y += row_h + 4
            y += draw.text(surface, card.title, pygame.Rect(inner.x, y, inner.width,
                                                           inner.bottom - y),
                           self.px(16), theme.TEXT if playable else theme.MUTED, bold=True,
                           max_lines=3, shrink=0.55) + 4
            if not playable:
                draw.text(surface, _("cannot play now"), pygame.Rect(inner.x, inner.bottom -
                                                                     self.px(22), inner.width,
                                                                     self.px(22)),
                          self.px(13), theme.BAD, bold=True, max_lines=1)
            else:
                preview = preview_words(card.effects, self.human, self.content,
                                        self.app.settings.effects)
                if answer_text(offers, self.human, card.stance, cc.front, self.content):
                    y += draw.text(surface, _("answers his offer"),
                                   pygame.Rect(inner.x, y, inner.width, self.px(20)),
                                   self.px(13), theme.GOOD, bold=True, max_lines=1, shrink=True)
                if draw.text_height(preview, inner.width, self.px(13)) <= inner.bottom - y:
                    draw.text(surface, preview, pygame.Rect(inner.x, y, inner.width,
                                                            inner.bottom - y),
                              self.px(13), theme.MUTED)

    def draw_hold(self, surface: pygame.Surface, rect: pygame.Rect, chosen: bool,
                  hovered: bool) -> None:
        """The Hold card."""
        draw.panel(surface, rect, theme.PANEL_HI if chosen or hovered else theme.PANEL,
                   theme.ACCENT if chosen else theme.LINE, 3 if chosen else 1)
        inner = rect.inflate(-12, -16)
        y = inner.y
        y += draw.text(surface, _("H"), pygame.Rect(inner.x, y, inner.width, self.px(22)),
                       self.px(15), theme.ACCENT, bold=True, align="right", max_lines=1)
        y += draw.text(surface, _("Hold"), pygame.Rect(inner.x, y, inner.width, self.px(26)),
                       self.px(17), theme.TEXT, bold=True, max_lines=1) + 6
        draw.text(surface, _("bank +{n} capital").format(n=self.session.engine.rules.hold_gain),
                  pygame.Rect(inner.x, y, inner.width, inner.bottom - y), self.px(14),
                  theme.MUTED)

    def draw_details(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        """The focused or hovered card in full, else the news of past turns."""
        focused = self.focus.current
        index = self.hover if self.hover is not None else (
            self.focus.index if self.browsing and focused is not None and
            focused.name.startswith("card-") else None)
        if index is None and self.selected is not None:
            index = self.selected
        hand = self.hand()
        if index is None or index > len(hand):
            self.draw_news(surface, rect)
            return
        draw.panel(surface, rect)
        pad = round(10 * self.s)
        bottom = rect.bottom - round(54 * self.s)
        body = pygame.Rect(rect.x + pad, rect.y + pad, rect.width - 2 * pad, bottom - rect.y - pad)
        if index == len(hand):
            lines = [(_("Hold"), 18, True, theme.TEXT),
                     (_("Play no card this month and bank {n} more capital. Holding counts as "
                        "neither tough nor friendly: below your comfort level your base "
                        "dislikes it.").format(n=self.session.engine.rules.hold_gain), 15, False,
                      theme.TEXT)]
        else:
            card_id = hand[index]
            cc = self.session.engine.card(self.human, card_id)
            card = cc.card
            why = self.session.engine.why_not(self.state, self.human, card_id)
            sources = sources_text(card.sources, self.content)
            lines = [
                (card.title, 18, True, theme.TEXT),
                (card.text, 15, False, theme.TEXT),
                (_("Effect: ") + preview_words(card.effects, self.human, self.content,
                                               self.app.settings.effects), 15, True,
                 theme.ACCENT),
            ]
            answer = answer_text(self.session.engine.open_offers(self.state), self.human,
                                 card.stance, cc.front, self.content)
            if answer:
                lines.append((answer, 15, True, theme.GOOD))
            if why:
                lines.append((_("Cannot play: ") + rejection_text(why), 15, True, theme.BAD))
            lines += [(_("What really happened: ") + card.context, 14, False, theme.MUTED),
                      (_("Sources: ") + sources, 12, False, theme.MUTED)]
        self.draw_fitted(surface, body, lines)

    def draw_fitted(self, surface: pygame.Surface, body: pygame.Rect,
                    lines: list[Paragraph]) -> None:
        """Paragraphs that fit `body`, at this screen's text scale."""
        draw.fitted(surface, body, lines, self.s)

    def draw_news(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        """The news of the last turns, newest first, with what each leader played."""
        draw.panel(surface, rect)
        pad = round(10 * self.s)
        body = pygame.Rect(rect.x + pad, rect.y + pad, rect.width - 2 * pad,
                           rect.height - 2 * pad - round(50 * self.s))
        y = body.y
        y += draw.text(surface, _("News"), pygame.Rect(body.x, y, body.width, self.px(26)),
                       self.px(17), theme.TEXT, bold=True, max_lines=1) + 4
        for record in reversed(self.state.log):
            if y >= body.bottom - self.px(20):
                break
            titles = [self.content.events[n["event"]].title for n in record["news"]
                      if n["event"] in self.content.events]
            title = f"{record['month']} · " + (" · ".join(titles) if titles
                                                else _("A quiet month"))
            plays = []
            for side in SIDES:
                if side in record["orders"]:
                    card_id = record["orders"][side]
                    played = self.content.cards[card_id].title if card_id else _("held")
                    plays.append(f"{self.content.leaders[side].short}: {played}")
            played_text = " · ".join(plays)
            needed = draw.text_height(title, body.width, self.px(14), True) + (
                draw.text_height(played_text, body.width, self.px(13)) if plays else 0)
            if y + needed > body.bottom:
                break  # only whole entries: older news waits for the chart and the end
            y += draw.text(surface, title, pygame.Rect(body.x, y, body.width, body.bottom - y),
                           self.px(14), theme.TEXT, bold=True)
            if plays:
                y += draw.text(surface, played_text,
                               pygame.Rect(body.x, y, body.width, max(0, body.bottom - y)),
                               self.px(13), theme.MUTED)
            y += 6

    def news_paragraphs(self, event: Any) -> list[Paragraph]:
        """The news dialog's left column: the story, then everything this news changed
        (all of it, first), the other leader's decision, the month's routine, and the
        background and sources."""
        sources = sources_text(event.sources, self.content)
        lines: list[Paragraph] = [(event.text, 16, False, theme.TEXT)]
        # What this news did itself comes first, all of it; the month's routine after
        # (read from the ledger, so a game loaded mid-month shows the same).
        this_month = [c for c in self.state.ledger if c[0] == self.state.turn]
        news_at = next((i for i, c in enumerate(this_month)
                        if c[5].startswith(("event:", "choice:"))), len(this_month))
        own = [c for c in this_month if c[5] == f"event:{event.id}"]
        if own:
            lines.append((_("This news: ") + change_words(own, self.content, _("to")), 15,
                          True, theme.ACCENT))
        record = self.month_news()[self.news_seen]
        for side in SIDES:
            if side != self.human and side in record["choices"]:
                index = record["choices"][side]
                lines.append((_("{name} decided: {label}").format(
                    name=self.content.leaders[side].short, label=event.choices[index].label),
                    15, True, theme.ACCENT))
        routine = net_changes(this_month[:news_at])
        if routine and self.news_seen == 0:
            lines.append((_("Since last month: ") + net_words(routine, self.content), 13,
                          False, theme.MUTED))
        lines += [(_("Background: ") + event.context, 14, False, theme.MUTED),
                  (_("Sources: ") + sources, 12, False, theme.MUTED)]
        return lines

    def draw_event(self, surface: pygame.Surface) -> None:
        """The news dialog: headline and story, background and sources; options beside."""
        event = self.content.events.get(self.shown_news() or "")
        box, column, _options = self.event_layout()
        draw.panel(surface, box, theme.PANEL, theme.ACCENT, 2)
        if event is None:
            return
        pad = round(20 * self.s)
        y = box.y + pad
        count = len(self.month_news())
        head = _("NEWS {n} of {count} · {month}").format(
            n=self.news_seen + 1, count=count, month=month_words(self.state.month)) \
            if count > 1 else _("NEWS · {month}").format(month=month_words(self.state.month))
        y += draw.text(surface, head,
                       pygame.Rect(box.x + pad, y, box.width - 2 * pad, self.px(22)),
                       self.px(13), theme.ACCENT, bold=True, max_lines=1)
        draw.text(surface, event.title, pygame.Rect(box.x + pad, y, box.width - 2 * pad,
                                                    column.y - y),
                  self.px(24), theme.TEXT, bold=True, max_lines=2, shrink=True)
        self.draw_fitted(surface, column, self.news_paragraphs(event))
        focused = self.focus.current
        for n, (index, rect) in enumerate(self.option_rows):
            choice = event.choices[index]
            chosen = focused is not None and focused.name == f"option-{n}"
            draw.panel(surface, rect, theme.PANEL_HI if chosen else theme.BG,
                       theme.ACCENT if chosen else theme.LINE, 2 if chosen else 1)
            preview = preview_words(choice.effects, self.human, self.content,
                                    self.app.settings.effects)
            paragraphs: list[Paragraph] = [(f"{n + 1}. {choice.label}", 16, True, theme.TEXT)]
            if choice.text:
                paragraphs.append((choice.text, 14, False, theme.TEXT))
            paragraphs.append((preview, 14, True, theme.ACCENT))
            self.draw_fitted(surface, rect.inflate(-20, -14), paragraphs)

    def grouped_changes(self, first: int, meter: str | None = None) -> str:
        """Changes from `first`, one line per cause: `cause: trust -4 (to 55), ...`."""
        lines: list[str] = []
        last_cause = None
        for turn, name, delta, _before, after, cause in self.state.ledger[first:]:
            if meter is not None and name != meter:
                continue
            label = meter_text(name, self.content)
            if name.startswith("agreement."):
                part = f"{label} {_('to')} {_(AGREEMENT_WORDS[after])}"
            else:
                part = f"{label} {delta:+d} ({_('to')} {after})"
            key = (turn, cause)
            if key == last_cause:
                lines[-1] += f", {part}"
            else:
                lines.append(_("Turn {t}, {cause}: {part}").format(
                    t=turn, cause=cause_text(cause, self.content), part=part))
                last_cause = key
        return "\n".join(lines)

    def changes_text(self, first: int, limit: int = 12, meter: str | None = None) -> str:
        """Ledger entries from `first`, one per line, with their causes."""
        entries = [c for c in self.state.ledger[first:] if meter is None or c[1] == meter]
        lines = explain(entries[:limit], self.content, arrow=_("to"))
        if len(entries) > limit:
            lines.append(_("… and {n} more").format(n=len(entries) - limit))
        return "\n".join(lines)

    def resolution_rect(self) -> pygame.Rect:
        """Where the resolution is shown: the lower half, under the meters that move."""
        parts = self.layout()
        return parts["hand"].union(parts["details"])

    def draw_resolution(self, surface: pygame.Surface) -> None:
        """Both cards side by side, the interaction named, every change with its cause."""
        result = self.last_resolved
        box = self.resolution_rect()
        draw.panel(surface, box, theme.PANEL, theme.ACCENT, 2)
        if result is None:
            return
        pad = round(14 * self.s)
        left = pygame.Rect(box.x + pad, box.y + pad, round(box.width * 0.42), box.height - 2 * pad)
        card_h = round(left.height * 0.46)
        half = (left.width - pad) // 2
        for i, side in enumerate(SIDES):
            rect = pygame.Rect(left.x + i * (half + pad), left.y, half, card_h)
            order = result.orders[side]
            stance = self.session.engine.stance(order)
            title = (self.content.cards[order.card].title if isinstance(order, PlayCard)
                     else _("Held"))
            draw.panel(surface, rect, theme.PANEL_HI)
            inner = rect.inflate(-16, -12)
            yy = inner.y
            yy += draw.text(surface, self.content.leaders[side].short.upper(),
                            pygame.Rect(inner.x, yy, inner.width, self.px(22)), self.px(13),
                            theme.MUTED, bold=True, max_lines=1)
            r = round(8 * self.s)
            draw.stance_icon(surface, stance, (inner.x + r, yy + r + 3), r)
            yy += draw.text(surface, _(stance), pygame.Rect(inner.x + 2 * r + 8, yy,
                                                            inner.width - 2 * r - 8,
                                                            self.px(22)),
                            self.px(14), theme.STANCE_COLOUR[stance], bold=True, max_lines=1,
                            shrink=True)
            draw.text(surface, title, pygame.Rect(inner.x, yy, inner.width, inner.bottom - yy),
                      self.px(16), theme.TEXT, bold=True, max_lines=3, shrink=0.6)
        interaction = next((i for i in self.content.rules.interactions
                            if i.id == result.interaction), None)
        if interaction is not None:
            words: list[Paragraph] = [(interaction.title, 19, True, theme.ACCENT),
                                      (interaction.text, 15, False, theme.TEXT)]
        else:
            words = [(_("No interaction: at least one side looked inward."), 16, True,
                      theme.MUTED)]
        y = left.y + card_h + pad
        self.draw_fitted(surface, pygame.Rect(left.x, y, left.width, left.bottom - y), words)
        right = pygame.Rect(left.right + 2 * pad, box.y + pad, box.right - left.right - 3 * pad,
                            box.height - 2 * pad - round(50 * self.s))
        self.draw_fitted(surface, right, [
            (_("What changed and why"), 16, True, theme.TEXT),
            (self.changes_text(result.first_change, limit=16), 14, False, theme.TEXT),
        ])

    def why_text(self) -> tuple[str, str]:
        """The "why did it move?" overlay's title and its lines: every change since the
        start of last turn (of the chosen meter, if any), grouped by cause."""
        previous_turn = max(1, self.state.turn - 1)
        first = next((i for i, c in enumerate(self.state.ledger) if c[0] >= previous_turn),
                     len(self.state.ledger))
        title = (_("Why did {meter} move?").format(meter=meter_text(self.why_meter, self.content))
                 if self.why_meter else _("Why did the numbers move?"))
        return title, self.grouped_changes(first, meter=self.why_meter) or _("No change yet.")

    def draw_why(self, surface: pygame.Surface) -> None:
        """Every change since the start of this turn (or of one meter), with its cause."""
        box = self.overlay_rect(0.9, 0.9)
        draw.panel(surface, box, theme.PANEL, theme.ACCENT, 2)
        pad = round(20 * self.s)
        y = box.y + pad
        title, text = self.why_text()
        y += draw.text(surface, title, pygame.Rect(box.x + pad, y, box.width - 2 * pad,
                                                   self.px(34)),
                       self.px(22), theme.TEXT, bold=True, max_lines=1) + 4
        y += draw.text(surface, _("Every change since the start of last turn, with its cause."),
                       pygame.Rect(box.x + pad, y, box.width - 2 * pad, self.px(24)),
                       self.px(14), theme.MUTED, max_lines=1) + 8
        area = pygame.Rect(box.x + pad, y, box.width - 2 * pad,
                           box.bottom - round(60 * self.s) - y)
        lines = text.split("\n")
        if len(lines) > 12:  # a long list reads better in two columns than in tiny type
            half = (len(lines) + 1) // 2
            col = (area.width - pad) // 2
            for i, chunk in enumerate((lines[:half], lines[half:])):
                self.draw_fitted(surface, pygame.Rect(area.x + i * (col + pad), area.y, col,
                                                      area.height),
                                 [("\n".join(chunk), 14, False, theme.TEXT)])
        else:
            self.draw_fitted(surface, area, [(text, 15, False, theme.TEXT)])


__all__ = ["GameScene"]
