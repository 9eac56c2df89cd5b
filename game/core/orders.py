"""What a leader can do in a turn, and what comes back when it cannot be done."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

# Orders are named tuples: immutable, and cheap to create in simulations that
# build thousands of them a second.


class PlayCard(NamedTuple):
    """Play a card from the hand this turn."""

    side: str
    card: str


class Hold(NamedTuple):
    """Play nothing this turn and bank political capital."""

    side: str


class ChooseOption(NamedTuple):
    """Pick `option` (0-based, among this side's options) of the current event."""

    side: str
    option: int


class Inject(NamedTuple):
    """The facilitator sends an event of the content as news: it comes first among next
    month's news, whatever its condition, and its effects are the inject's. With `news`
    (a title, a text and effects), the event is one the facilitator wrote on the spot."""

    event: str
    news: Mapping[str, Any] | None = None


class Stop(NamedTuple):
    """The facilitator ends the game: it ends when the month under way is resolved."""


Order = PlayCard | Hold


_NO_FACTS: Mapping[str, Any] = MappingProxyType({})


class Rejected(NamedTuple):
    """An order that cannot be carried out: why, as a code and the facts behind it.

    The presentation layers put it in words (`game.wording.rejection_text`). Codes:
    `turn_begun`, `no_decision`, `not_pending`, `no_option`, `phase`, `no_side`,
    `no_order`, `wrong_side`, `not_in_hand`, `cost`, `window`, `requires`.
    """

    code: str
    facts: Mapping[str, Any] = _NO_FACTS


def order_to_json(order: PlayCard | Hold | ChooseOption | Inject | Stop) -> dict[str, object]:
    """An order as JSON-ready data (for the order log of saves)."""
    if isinstance(order, Stop):
        return {"order": "stop"}
    if isinstance(order, Inject):
        written = {"custom": dict(order.news)} if order.news is not None else {}
        return {"order": "inject", "event": order.event, **written}
    if isinstance(order, PlayCard):
        return {"order": "play", "side": order.side, "card": order.card}
    if isinstance(order, Hold):
        return {"order": "hold", "side": order.side}
    return {"order": "choose", "side": order.side, "index": order.option}


def order_from_json(data: dict[str, object]) -> PlayCard | Hold | ChooseOption | Inject | Stop:
    """Inverse of `order_to_json`."""
    if data["order"] == "stop":
        return Stop()
    if data["order"] == "inject":
        news = data.get("custom")
        return Inject(str(data["event"]), dict(news) if isinstance(news, Mapping) else None)
    kind, side = data["order"], str(data["side"])
    if kind == "play":
        return PlayCard(side, str(data["card"]))
    if kind == "hold":
        return Hold(side)
    if kind == "choose":
        index = data["index"]
        return ChooseOption(side, int(index) if isinstance(index, (int, str)) else 0)
    raise ValueError(f"unknown order {kind!r}")
