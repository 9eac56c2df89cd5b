"""The board: both leaders, trust and the fronts, the hand and the card in full.

The board owns the game's `Table`; the news, the resolution, "why did it move?" and
the menu are overlays pushed above it, each its own scene. Whenever the board is on
top it makes sure the game is where a player can act: a new month is opened, news the
player has not read (or owes a decision on) is shown, an ended game goes to its end.
When two play at one computer, the computer is handed over (an opaque screen) before
each seat's card and before a decision on the news that belongs to the other seat.
"""

from __future__ import annotations

from functools import partial

import pygame

from game.core.orders import Hold, Order, PlayCard, Rejected
from game.core.state import FRONTS, OVER, UPKEEP
from game.i18n import Translator, _
from game.session import Session
from game.ui import draw
from game.ui.app import App
from game.ui.focus import Focusable
from game.ui.router import Push, Replace, Transition
from game.ui.scene import Action, Outcome, Scene
from game.ui.scenes.game.keys import game_input
from game.ui.scenes.game.views import card_paragraphs, card_views
from game.ui.table import Table
from game.ui.widgets import board as panels
from game.ui.widgets.hand import Marks, card_rects, draw_hand, draw_news_list
from game.ui.widgets.scroll import Scroll
from game.wording import offer_text, rejection_text

#: Keys that move the keyboard focus over the cards.
BROWSE_KEYS = (pygame.K_TAB, pygame.K_LEFT, pygame.K_RIGHT, pygame.K_UP, pygame.K_DOWN)


class BoardScene(Scene):
    """A game in progress, seen from the human's side."""

    name = "game"

    def __init__(self, app: App, session: Session, human: str,
                 voices: dict[str, Translator] | None = None) -> None:
        super().__init__(app)
        self.table = Table(session, human, voices)
        self.selected: int | None = None  # index into the hand (len(hand) = hold)
        self.pointed: int | None = None  # the card under the pointer or the keyboard focus
        self.card_rects: list[pygame.Rect] = []
        self.meter_rects: dict[str, pygame.Rect] = {}
        self.details = Scroll()  # the card in full, scrolled at a larger text size

    # flow ---------------------------------------------------------------------------

    def entered(self) -> Transition[Scene] | None:
        """On top again: the end, a new month, or the news still to read."""
        table = self.table
        if table.state.phase == OVER:
            return Replace(self.app.make("end", table.session, table.you, table.voices))
        if table.state.phase == UPKEEP:
            opened = table.open_turn()
            if isinstance(opened, Rejected):
                table.notice = rejection_text(opened)
                return None
            self.selected = self.pointed = None
            self.rebuild()  # a new hand
        return self.onward()

    def onward(self) -> Transition[Scene] | None:
        """The computer handed to the seat that must act (two players at one computer),
        or the news to read or decide on; None when the player chooses his card."""
        side = self.table.handover()
        if side is not None:
            self.selected = self.pointed = None
            return Push(self.app.make("handover", self.table, side))
        if self.table.owed_news() or self.table.unread():
            return Push(self.app.make("news", self.table))
        return None

    def voice(self) -> Translator | None:
        """The language of the seat at the computer, if it is not the window's."""
        return self.table.voice()

    def select(self, index: int) -> None:
        """Choose a card (or Hold, at index len(hand)) without playing it yet."""
        if 0 <= index <= len(self.table.hand()):
            self.selected = self.pointed = index
            self.focus.focus(f"card-{index}")
            self.app.dirty = True

    def card_action(self, index: int) -> Transition[Scene] | None:
        """Enter or a click on a card: choose it, or play it when it is already chosen."""
        if self.selected == index:
            return self.play_selected()
        self.select(index)
        return None

    def play_selected(self) -> Transition[Scene] | None:
        """Play the chosen card or hold; the month's resolution follows."""
        table = self.table
        hand = table.hand()
        if self.selected is None:
            table.notice = _("Choose a card first (1–{n}), or H to hold.").format(n=len(hand))
            return None
        order: Order
        if self.selected >= len(hand):
            order = Hold(table.human)
        else:
            card_id = hand[self.selected]
            why = table.engine.why_not(table.state, table.human, card_id)
            if why is not None:
                table.notice = _("You cannot play that now: {why}").format(
                    why=rejection_text(why))
                return None
            order = PlayCard(table.human, card_id)
        result = table.play(order)
        if result is None:  # held until the other seat has chosen, out of this one's sight
            self.app.sounds.play("card")
            return self.onward()
        if isinstance(result, Rejected):
            table.notice = rejection_text(result)
            return None
        table.notice = table.session.last_save_error or ""
        self.app.sounds.play("card")
        return Push(self.app.make("resolution", table))

    def undo(self) -> Transition[Scene] | None:
        """Take back the last decision on this month's news and show that news again."""
        if not self.table.undo():
            self.table.notice = _("There is no decision to undo this month.")
            self.app.dirty = True
            return None
        self.selected = None
        return Push(self.app.make("news", self.table))

    def open_overlay(self, name: str, *args: object) -> Transition[Scene]:
        """Open one of the game's overlays (menu, why) above the board."""
        return Push(self.app.make(name, self.table, *args))

    # layout and widgets -------------------------------------------------------------

    def layout(self, centre: panels.CenterPanel | None = None) -> dict[str, pygame.Rect]:
        """The board's parts, the top row as tall as the leaders and fronts (`centre`, if
        already made) need; kept on the table: the overlays draw over the same lower half."""
        first = panels.board_layout(self.app.size, self.s)
        needed = max(panels.leader_height(self.s), panels.center_height(
            centre or self.center_panel(), first["center"].width, self.s))
        self.table.layout = panels.board_layout(self.app.size, self.s, needed)
        return self.table.layout

    def top_buttons(self) -> list[tuple[str, Action, str]]:
        """The top bar's buttons, from the right."""
        buttons: list[tuple[str, Action, str]] = [
            (_("Menu (Esc)"), partial(self.open_overlay, "menu"), "menu"),
            (_("Why? (W)"), partial(self.open_overlay, "why", None), "why"),
            (_("Chart (C)"), self.open_chart, "chart")]
        if self.table.session.can_undo():
            buttons.append((_("Undo (U)"), self.undo, "undo"))
        return buttons

    def build(self) -> None:
        parts = self.layout()
        bh = round(34 * self.s)
        hand = self.table.hand()
        self.card_rects = card_rects(parts["hand"], len(hand), self.s)
        for i, rect in enumerate(self.card_rects):
            self.focus.add(Focusable.at(rect, partial(self.card_action, i), name=f"card-{i}"))
        dp = parts["details"]
        self.button(pygame.Rect(dp.x + 10, dp.bottom - bh - 10, dp.width - 20, bh),
                    _("Play selected  (Enter)"), self.play_selected, name="play")
        buttons = self.top_buttons()
        for (label, action, name), rect in zip(buttons, panels.top_buttons(
                [label for label, *_rest in buttons], self.app.size[0], parts["top"].height,
                self.s), strict=True):
            self.button(rect, label, action, name=name, object_id="@small_button")
        if self.selected is not None:
            self.focus.focus(f"card-{self.selected}")
        elif hand:
            self.focus.focus("card-0")

    def open_chart(self) -> Transition[Scene]:
        """Polls and trust over the months so far."""
        return Push(self.app.make("chart", self.table.session))

    # input --------------------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> Outcome:
        """Keys of the board; clicks on cards and meters; the pointer over the cards; the
        wheel and the page keys scroll the card shown in full."""
        shared = game_input(self.app, self.table, event, (self.details,), ends=False)
        if shared is not None:
            return shared
        if event.type == pygame.KEYDOWN:
            key = event.key
            if pygame.K_1 <= key <= pygame.K_9 and key - pygame.K_1 < len(self.table.hand()):
                self.select(key - pygame.K_1)
                return True
            keys: dict[int, Action] = {
                pygame.K_h: lambda: self.select(len(self.table.hand())), pygame.K_u: self.undo,
                pygame.K_w: partial(self.open_overlay, "why", None), pygame.K_c: self.open_chart,
                pygame.K_ESCAPE: partial(self.open_overlay, "menu")}
            if key in keys:
                return keys[key]() or True
            if key in BROWSE_KEYS:
                outcome = super().handle(event)
                current = self.focus.current
                self.pointed = (int(current.name[5:]) if current is not None
                                and current.name.startswith("card-") else None)
                return outcome
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for i, rect in enumerate(self.card_rects):
                if rect.collidepoint(event.pos):
                    return self.card_action(i) or True
            for meter, rect in self.meter_rects.items():
                if rect.collidepoint(event.pos):
                    return self.open_overlay("why", meter)
        if event.type == pygame.MOUSEMOTION:
            self.pointed = self.follow_pointer(self.card_rects, event.pos, self.pointed)
        return super().handle(event)

    def trace_words(self) -> str:
        """The month (and the seat at the computer, at two players), for the trace file."""
        seat = f" {self.table.present or '-'}" if self.table.hotseat else ""
        return f"turn {self.table.state.turn}{seat}"

    # drawing ------------------------------------------------------------------------

    def update(self, dt: float) -> bool:
        """Slide the shown meters toward their real values."""
        return self.table.animate(dt, self.app.settings.animation_seconds)

    def draw(self, surface: pygame.Surface) -> None:
        """The board; under an overlay, the past news instead of the hand."""
        table = self.table
        centre = self.center_panel()  # once a frame: it asks the engine for open gestures
        parts = self.layout(centre)
        labels = [label for label, *_rest in self.top_buttons()]
        left = min(r.x for r in panels.top_buttons(labels, self.app.size[0],
                                                   parts["top"].height, self.s))
        panels.draw_top(surface, parts["top"], table.month_label(table.resolving), left, self.s)
        self.meter_rects = {}
        for side, key in (("amlo", "left"), ("trump", "right")):
            self.draw_leader(surface, parts[key], side)
        self.meter_rects.update(panels.draw_center(surface, parts["center"], centre, self.s))
        if self.app.scene is not self:
            draw_news_list(surface, parts["lower"], table.news_entries(), self.s)
            return
        draw_hand(surface, parts["hand"], card_views(table, self.app.settings.effects),
                  self.card_rects, Marks(self.selected, self.pointed),
                  table.engine.rules.hold_gain, self.s, table.notice)
        index = self.pointed if self.pointed is not None else self.selected
        if index is None or index > len(table.hand()):
            draw_news_list(surface, parts["details"], table.news_entries(), self.s)
            return
        rect = parts["details"]
        draw.panel(surface, rect)
        pad = round(10 * self.s)
        bottom = rect.bottom - round(54 * self.s)
        self.details.column(surface, pygame.Rect(rect.x + pad, rect.y + pad,
                                                 rect.width - 2 * pad, bottom - rect.y - pad),
                            card_paragraphs(self.table, index, self.app.settings.effects), self.s)

    def draw_leader(self, surface: pygame.Surface, rect: pygame.Rect, side: str) -> None:
        """A leader's panel, his meters clickable."""
        table = self.table
        meter = f"polls.{side}"
        polls = table.state.meters[meter]
        panel = panels.LeaderPanel(
            leader=table.content.leaders[side], mine=side == table.you, polls=polls,
            previous=table.previous.get(meter, polls), shown=table.shown.get(meter, polls),
            capital=table.state.meters[f"capital.{side}"],
            capital_max=table.engine.rules.capital_max)
        self.meter_rects.update(panels.draw_leader(surface, rect, panel, self.s))

    def center_panel(self) -> panels.CenterPanel:
        """What the centre of the board shows."""
        table = self.table
        offers = table.engine.open_offers(table.state)
        return panels.CenterPanel(
            meters=dict(table.state.meters), shown=dict(table.shown),
            agreements=dict(table.state.agreements), trust_marks=table.trust_marks,
            trust_words=table.trust_words,
            erodes=min((step.min for step in table.engine.rules.tension_erosion), default=101),
            notes={front: offer_text(offers, front, table.human, table.content)
                   for front in FRONTS})


__all__ = ["BoardScene"]
