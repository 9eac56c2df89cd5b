"""Two people at one terminal: both leaders human, each seat in its own language.

Between seats a handover screen hides what the last player saw ("Pass the computer to the
player of Trump: press Enter when ready"); each player then sees his own hand, his own
figures and his own decisions on the news, in his language. What both see together (the
month's news, both cards revealed, the ending) is in the game's language (`--lang`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

from game.content.localize import localize
from game.core.orders import Order
from game.core.state import SIDES, UPKEEP
from game.i18n import Translator, _, using
from game.session import Session
from game.textui import Quit, TextGame, _isatty, wrap
from game.wording import goal_text, month_words

#: Clears a terminal and its scrollback, so the next player cannot scroll back to a hand.
CLEAR = "\033[2J\033[3J\033[H"


class HotSeatGame(TextGame):
    """One game, two human seats at one terminal (see the module's docstring)."""

    def __init__(self, session: Session, seats: dict[str, Translator], inp: TextIO,
                 out: TextIO, verbose: bool = False, effects: str = "exact") -> None:
        super().__init__(session, "", inp, out, verbose, effects)
        #: Each seat's language, and the content in it (the same game, in its words).
        self.seats = seats
        self.shared = self.content
        self.words = {side: localize(self.content, language) for side, language in seats.items()}
        #: A seat may not take back a decision: the other player may have seen it.
        self.undo_allowed = False

    @contextmanager
    def seat(self, side: str) -> Iterator[None]:
        """What one player sees, in his language and with his own hand as "you"."""
        self.human, self.content = side, self.words[side]
        try:
            with using(self.seats[side]):
                yield
        finally:  # the screens both see name both leaders, in the game's language
            self.human, self.content = "", self.shared

    def hide(self) -> None:
        """Hide what is on the screen before the computer changes hands."""
        if _isatty(self.out):
            self.out.write(CLEAR)
        else:  # a transcript (a file, a test): a rule marks the handover
            self.say()
            self.say("~" * 78)
        self.out.flush()

    def handover(self, side: str) -> None:
        """Ask for the computer to be passed to `side`'s player, in his language."""
        self.hide()
        with self.seat(side):
            self.ask(_("Pass the computer to the player of {name}, then press Enter. ").format(
                name=self.content.leaders[side].short))
            self.say(_("{name}, your card for {month}:").format(
                name=self.content.leaders[side].name, month=month_words(self.s.state.month)))

    def intro(self) -> None:
        """The briefing both read, then what each leader wants."""
        self.briefing(_("Two players, one computer: {amlo} against {trump}.").format(
            amlo=self.content.leaders["amlo"].name, trump=self.content.leaders["trump"].name))
        self.goals()
        for side in SIDES:
            leader = self.content.leaders[side]
            self.say(wrap(_("What {name} wants: ").format(name=leader.short) + leader.wants))
        self.say()
        self.say(wrap(_(
            "How to play: each month the computer goes to each player in turn, who picks one "
            "card by its number (or h to hold and bank capital) while the other looks away. "
            "Both cards are then revealed together. A decision on the news is made by the "
            "leader it concerns. {goal} Type i N for a card's story, b for the news in full, "
            "s NAME to save, q to quit (the game is saved every turn).").format(
                goal=goal_text(self.content, self.engine.scenario_endings)), ""))

    def decisions(self) -> None:
        """The news decisions of this month, each by the seat it concerns."""
        st = self.s.state
        side = next(s for s in SIDES if s in st.pending)
        with self.seat(side):
            self.say()
            self.say(_("{name} decides:").format(name=self.content.leaders[side].short))
            mark = len(st.ledger)
            self.decide()
            if self.verbose:
                self.show_changes(mark, _("  The decision changed:"))

    def orders(self) -> dict[str, Order] | None:
        """Each seat's card, chosen out of the other's sight; None if a seat undid."""
        chosen: dict[str, Order] = {}
        for side in SIDES:
            self.handover(side)
            with self.seat(side):
                self.status()
                order = self.pick_order()
            if order is None:
                return None
            chosen[side] = order
        self.hide()
        return chosen

    def run(self, on_turn: Callable[[Session], None] | None = None, resumed: bool = False) -> int:
        """Play until the end or until a player quits; returns the exit code."""
        if resumed:
            self.say(_("Game loaded: {scenario}, turn {turn}.").format(
                scenario=self.engine.scenario.title, turn=self.s.state.turn))
            if self.s.state.phase != UPKEEP:
                self.header()
        else:
            self.intro()
        try:
            while not self.s.over:
                if self.s.state.phase == UPKEEP:
                    self.open_turn()
                elif self.s.state.pending:
                    self.decisions()
                else:
                    orders = self.orders()
                    if orders is not None:  # else a seat quit its choice: ask again
                        self.settle(orders, on_turn)
            self.ending()
        except Quit:
            self.quit()
        return 0
