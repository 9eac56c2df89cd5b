"""A game at the game server's table as one seat sees it: the latest view, and what this
window adds to it (which reveal and news were shown, the card chosen, an order on its
way). It draws nothing and handles no input: the remote board does (game.ui.scenes.remote),
as the local board does with game.ui.table.

The server sends the seat's whole view after every change, so nothing here is worked out
from the rules: an order is sent with the version of the view it was chosen on, and
input waits for the next view.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from game.i18n import _
from game.protocol import View
from game.ui.remote import LINK, Link

#: Modes whose lower half is the hand.
HAND_MODES = ("play", "sent", "committed", "wait")


def mode_of(view: View | None, seen: int, read: int, refused: str = "") -> str:
    """What the seat is shown: connecting, refused, waiting (for a second player), reveal
    (the month last resolved, until seen), over, decide, news (until read), play,
    committed (its order given), or wait (for the other's decision)."""
    if refused:
        return "refused"
    if view is None:
        return "connecting"
    if view.phase == "waiting":
        return "waiting"
    if view.last is not None and view.last.turn > seen:
        return "reveal"
    if view.ending is not None:
        return "over"
    if any(news.options for news in view.news):
        return "decide"
    if view.news and read < view.turn:
        return "news"
    if view.committed:
        return "committed"
    return "play" if view.can_hold and view.phase == "policy" else "wait"


class RemoteTable:
    """One seat's game at the server, from its views."""

    def __init__(self, link: Link, scenario: str | None = None, host: str = "") -> None:
        self.link, self.scenario, self.host = link, scenario, host
        self.view: View | None = None
        self.previous: dict[str, int] = {}  # polls at the start of the month, for trends
        self.seen = self.read = 0  # the last month whose reveal, whose news was shown
        self.sent = False  # an order is on its way: input waits for the next view
        self.lost = False  # the connection dropped; it is being made again
        self.refused = ""  # the server's sentence when it refused the seat
        self.notice = ""  # one line to the player (the server's refusal of an order)
        self.selected: int | None = None  # index into the hand (len(hand) = Hold)
        self.pointed: int | None = None  # the card under the pointer or the keyboard focus

    @property
    def mode(self) -> str:
        """What the seat is shown now (see mode_of); "sent" while an order is on its way."""
        mode = mode_of(self.view, self.seen, self.read, self.refused)
        return "sent" if self.sent and mode in ("play", "decide") else mode

    def shape(self) -> tuple[str, int, str | None]:
        """What the board's widgets depend on: when it changes, they are made anew."""
        view = self.view
        return self.mode, view.version if view else -1, view.committed if view else None

    def absorb(self) -> bool:
        """Every message the connection has, oldest first; True if a view came."""
        viewed = False
        for message in self.link.poll():
            kind = message.get("type")
            if kind == "view":
                try:
                    self.take(View.model_validate(message))
                except ValidationError:  # a server this window cannot read: say so
                    self.notice = _("The server sent a view this window cannot read.")
                    continue
                viewed = True
            elif kind == "error" and message.get("code") != "stale":
                self.notice = str(message.get("message") or "")
            elif kind == LINK:
                self.lost = message.get("state") == "lost"
                if message.get("state") == "refused":
                    self.refused = str(message.get("message") or "")
        return viewed

    def take(self, view: View) -> None:
        """The latest view: input is free again."""
        old = self.view
        if old is None or old.turn != view.turn:
            self.previous = {leader.side: leader.polls for leader in (old or view).leaders}
            self.selected = self.pointed = None
        self.view, self.sent, self.lost = view, False, False

    # orders ---------------------------------------------------------------------------

    def order(self, message: dict[str, Any]) -> bool:
        """Send an order chosen on the latest view; nothing more until the next view."""
        if self.view is None or self.sent:
            return False
        self.link.send({**message, "version": self.view.version})
        self.sent = True
        self.notice = ""
        return True

    def choose(self, n: int) -> bool:
        """The seat's `n`th option on the news it decides."""
        view = self.view
        news = next((news for news in view.news if news.options), None) if view else None
        if view is None or news is None or n >= len(news.options) or self.mode != "decide":
            return False
        self.read = view.turn
        return self.order({"type": "choose", "option": news.options[n].index})

    def select(self, index: int) -> bool:
        """Choose a card (or Hold, at the end of the hand) without playing it yet."""
        if self.view is None or not 0 <= index <= len(self.view.hand):
            return False
        self.selected = self.pointed = index
        return True

    def play_selected(self) -> bool:
        """Play the chosen card, or hold; else say why not. True if an order went."""
        view = self.view
        if view is None or self.mode != "play":
            return False
        if self.selected is None:
            self.notice = _("Choose a card first (1–{n}), or H to hold.").format(
                n=len(view.hand))
        elif self.selected >= len(view.hand):
            return self.order({"type": "hold"})
        elif view.hand[self.selected].why_not:
            self.notice = _("You cannot play that now: {why}").format(
                why=view.hand[self.selected].why_not)
        else:
            return self.order({"type": "play", "card": view.hand[self.selected].id})
        return False

    def go_on(self) -> bool:
        """Past the reveal, or past the news; True if the seat moved on."""
        view, mode = self.view, self.mode
        if view is not None and mode == "reveal" and view.last is not None:
            self.seen = view.last.turn
        elif view is not None and mode == "news":
            self.read = view.turn
        else:
            return False
        return True

    def options(self) -> int:
        """How many options the news this seat decides has (0: none to decide)."""
        view = self.view
        news = next((news for news in view.news if news.options), None) if view else None
        return len(news.options) if news else 0


__all__ = ["HAND_MODES", "RemoteTable", "mode_of"]
