"""One game as the window shows it to one player, or to two at one computer.

The board scene owns a `Table`; its overlays (the news, the resolution, "why did it
move?", the menu) read it and move it on. It holds what must survive the overlays
coming and going: the session, whose side the player is on, the meters as the
animation has them, the trust lines read once, and which of the month's news he is
reading. It draws nothing and handles no input.

When both leaders are human ("two players, one computer"), `human` is the seat whose
screens are shown and `present` the seat that has been handed the computer (None while
it passes between them): each card is held until both are chosen, then the month
resolves with both; each seat may speak its own language (`voices`), and the content
is shown in the language in use, never changed in the engine.
"""

from __future__ import annotations

from typing import Any

from game.core.effects import timed_deltas
from game.core.endings import thresholds
from game.core.orders import ChooseOption, Order, Rejected
from game.core.state import POLICY, SIDES, UPKEEP, month_index
from game.core.turn import TurnOpened, TurnResolved
from game.i18n import Translator, _
from game.session import Session
from game.ui import theme
from game.wording import EffectPart, effect_parts, month_words, threshold_words


class Table:
    """A game in progress, seen from the human's side."""

    def __init__(self, session: Session, human: str,
                 voices: dict[str, Translator] | None = None) -> None:
        self.session = session
        self.human = human
        self.engine = session.engine
        # Two players at one computer: the seats, each one's language where it is not the
        # window's, who has the computer now, and the cards held until both are chosen.
        self.seats = tuple(session.humans()) or (human,)
        self.hotseat = len(self.seats) > 1
        self.voices = dict(voices or {})
        self.present: str | None = None
        self.held: dict[str, Order] = {}
        # The endings' trust lines never change during a game: read them once.
        lines = thresholds(session.engine.scenario_endings)
        self.trust_marks = tuple((at, colour) for at, colour in (
            (lines.collision, theme.BAD), (lines.compromise, theme.GOOD)) if at is not None)
        self.shown: dict[str, float] = dict(session.state.meters)  # as the animation has them
        self.previous: dict[str, int] = dict(session.state.meters)  # at the month's start
        self.last_resolved: TurnResolved | None = None
        self.news_seen = 0  # how many of this month's news the player has read
        self.notice = ""  # one line to the player on the board's top bar ("Saved as …")
        self.resolving = False  # the month just resolved is on show
        self.layout: dict[str, Any] = {}  # the board's parts as last laid out
        if session.state.phase != UPKEEP:  # a loaded game: its news was read, up to the
            self.news_seen = len(self.month_news())  # decision it owes, if any
            self.owed_news()

    @property
    def state(self) -> Any:
        """The game state."""
        return self.session.state

    @property
    def content(self) -> Any:
        """The content in the language in use (a seat's own, at two players): only what is
        shown; the engine plays on the content it was made with."""
        from game.content.localize import localized

        return localized(self.engine.content)

    @property
    def trust_words(self) -> tuple[str, str]:
        """How the endings' trust lines read, in the language in use."""
        return threshold_words(self.content, self.engine.scenario_endings)

    # two players at one computer --------------------------------------------------

    def voice(self) -> Translator | None:
        """The language of the seat at the computer, if not the window's."""
        return self.voices.get(self.present) if self.present else None

    def handover(self) -> str | None:
        """At two players, the seat that must be handed the computer now (to decide on the
        news shown, or to choose its card); None when the one at it goes on, or the news
        is for both to read."""
        if not self.hotseat:
            return None
        st = self.state
        if st.pending and (not self.unread() or self.shown_news() == st.event):
            side: str | None = st.pending[0]
        elif st.phase == POLICY and not self.unread():
            side = next((seat for seat in self.seats if seat not in self.held), None)
        else:
            return None
        return side if side != self.present else None

    @property
    def you(self) -> str:
        """The side the screen calls "you": none while two players share the screen."""
        return "" if self.hotseat and self.present is None else self.human

    def sit(self, side: str) -> None:
        """`side`'s player has the computer: his screens from now on."""
        self.present = self.human = side

    # the month's news ------------------------------------------------------------

    def month_news(self) -> list[dict[str, Any]]:
        """This month's news records, in the order it came (each with its decisions)."""
        return list(self.state.log[-1]["news"]) if self.state.log else []

    def shown_news(self) -> str | None:
        """The news the dialog shows: the next one of the month not yet read."""
        news = self.month_news()
        return news[self.news_seen]["event"] if self.news_seen < len(news) else None

    def owes_decision(self) -> bool:
        """The human has to decide on a news before the board can go on."""
        return self.human in self.state.pending

    def deciding(self) -> bool:
        """The human has to decide on the news shown."""
        return self.owes_decision() and self.shown_news() == self.state.event

    def owed_news(self) -> bool:
        """Turn back to the news the human owes a decision on, if he is past it (a loaded
        game, an undo); never forward past news still unread. True if he owes one."""
        if not self.owes_decision():
            return False
        news = [n["event"] for n in self.month_news()]
        if self.state.event in news:
            self.news_seen = min(self.news_seen, news.index(self.state.event))
        return True

    def unread(self) -> bool:
        """Some of this month's news is still to be read."""
        return self.shown_news() is not None

    # moves ------------------------------------------------------------------------

    def open_turn(self) -> TurnOpened | Rejected:
        """Upkeep and news of the next month."""
        self.previous = dict(self.state.meters)
        opened = self.session.begin_turn()
        if not isinstance(opened, Rejected):
            self.news_seen = 0
        return opened

    def choose(self, index: int) -> Rejected | None:
        """The human's pick on the news shown; on to the next news once it is decided
        (at two players, a news both decide waits for the other's pick)."""
        event = self.state.event
        rejected = self.session.choose(ChooseOption(self.human, index))
        if rejected is None and self.state.event != event:
            self.news_seen += 1
        return rejected

    def undo(self) -> bool:
        """Take back the last decision on this month's news; False if there is none."""
        if not self.session.undo():
            return False
        self.owed_news()
        return True

    def play(self, order: Order) -> TurnResolved | Rejected | None:
        """The human's card or hold; the month resolves once every seat has chosen (None:
        held, at two players, until the other seat chooses out of this one's sight)."""
        self.held[self.human] = order
        if self.hotseat:
            self.present = None  # the computer passes on, or both watch the reveal
        if any(seat not in self.held for seat in self.seats):
            return None
        orders, self.held = self.held, {}
        self.previous = dict(self.state.meters)
        self.shown = {k: float(v) for k, v in self.previous.items()}
        result = self.session.resolve(orders)
        if not isinstance(result, Rejected):
            self.last_resolved = result
            self.resolving = True
        return result

    def save(self, typed: str) -> str:
        """Save under the name typed, or one made from the month; what to tell the player."""
        label = typed.strip() or f"turn-{self.state.turn}-{self.human}"
        path = self.session.save(label)
        return (_("Saved as {name}").format(name=path.name) if path is not None
                else _("Not saved: {why}").format(why=self.session.last_save_error))

    def hand(self) -> list[str]:
        """The human's hand."""
        return list(self.state.hands[self.human])

    def news_entries(self) -> list[tuple[str, str]]:
        """Past months, newest first: the headlines and what each leader played."""
        content = self.content
        entries = []
        for record in reversed(self.state.log):
            titles = [content.events[n["event"]].title for n in record["news"]
                      if n["event"] in content.events]
            title = f"{record['month']} · " + (" · ".join(titles) if titles
                                                else _("A quiet month"))
            plays = []
            for side in SIDES:
                if side in record["orders"]:
                    card_id = record["orders"][side]
                    played = content.cards[card_id].title if card_id else _("held")
                    plays.append(f"{content.leaders[side].short}: {played}")
            entries.append((title, " · ".join(plays)))
        return entries

    # showing ----------------------------------------------------------------------

    def animate(self, dt: float, seconds: float) -> bool:
        """Slide the shown meters toward their real values; True while one moves."""
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

    def month_label(self, resolved: bool = False) -> str:
        """The turn and month the screen is about; with `resolved`, the month just
        resolved (the state has already moved on to the next)."""
        st = self.state
        if resolved and self.last_resolved is not None and st.log:
            return _("Turn {turn} of {turns} · {month} — what happened").format(
                turn=self.last_resolved.turn, turns=self.engine.turns,
                month=month_words(month_index(st.log[-1]["month"])))
        return _("Turn {turn} of {turns} · {month}").format(
            turn=st.turn, turns=self.engine.turns, month=month_words(st.month))

    def preview(self, effects: list[Any], style: str) -> tuple[EffectPart, ...]:
        """What effects will do now and over the coming months, as the human sees them
        (good or bad for his side), in numbers or (`style` "direction") arrows."""
        now, later = timed_deltas(effects, self.human)
        return tuple(effect_parts(now, self.content, style, self.human, later))


__all__ = ["Table"]
