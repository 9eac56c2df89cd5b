"""The network protocol between the game server and a seat (docs/PROTOCOL.md).

Every message is one JSON object with a `type`. What a client sends is untrusted: it is
read by `read_client`, which checks its size and validates it against a strict model
(a discriminated union on `type`), and answers anything else with a `ProtocolError`
naming what is wrong, never an exception. What the server sends a seat is built from
that seat's view alone (`game.server.views.view_for`): its own hand and decisions, the
other leader's card only once both are committed, and nothing of the other's hand, the
seed, the generator, the decks or the orders not yet revealed.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

#: The protocol's version: a client speaking another is told so and refused.
PROTOCOL = 1
#: The largest message a client may send, in bytes (an order is about 80).
MAX_MESSAGE = 4096

Token = Annotated[str, Field(min_length=16, max_length=128, pattern=r"^[A-Za-z0-9_\-]+$")]
CardId = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[a-z0-9_]+$")]
Version = Annotated[int, Field(ge=0, le=10**9)]


class Message(BaseModel):
    """A message: strict, nothing unknown, nothing coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# ------------------------------------------------------------------ client → server


class Hello(Message):
    """The first message on a connection: who this is (the seat's token)."""

    type: Literal["hello"]
    protocol: int
    token: Token


class Play(Message):
    """Play a card from the hand this month; `version` is the view it was chosen on."""

    type: Literal["play"]
    card: CardId
    version: Version


class HoldOrder(Message):
    """Play no card this month and bank capital."""

    type: Literal["hold"]
    version: Version


class Choose(Message):
    """Pick option `option` (0-based, as offered) of the news this seat decides."""

    type: Literal["choose"]
    option: Annotated[int, Field(ge=0, le=9)]
    version: Version


class Ping(Message):
    """Keep the connection alive; answered by a `pong`."""

    type: Literal["ping"]


ClientMessage = Annotated[Hello | Play | HoldOrder | Choose | Ping, Field(discriminator="type")]


class _Client(BaseModel):
    message: ClientMessage


class ProtocolError(Message):
    """Why a message could not be read: a code and the facts (put in words by the
    server, in the seat's language)."""

    type: Literal["error"] = "error"
    code: str
    message: str = ""


def read_client(raw: str | bytes) -> Hello | Play | HoldOrder | Choose | Ping | ProtocolError:
    """A client's message, checked; or the error to answer it with."""
    if len(raw) > MAX_MESSAGE:
        return ProtocolError(code="too_large")
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        return ProtocolError(code="not_json")
    if not isinstance(data, dict) or not isinstance(data.get("type"), str):
        return ProtocolError(code="no_type")
    try:
        return _Client.model_validate({"message": data}).message
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        if first["type"] == "union_tag_invalid":
            return ProtocolError(code="unknown_type")
        where = ".".join(str(part) for part in first["loc"][2:])
        return ProtocolError(code="bad_message", message=where)


# ------------------------------------------------------------------ server → client


class Leader(Message):
    """One leader's public figures."""

    side: str
    name: str
    short: str
    polls: int
    floor: int
    comfort: int
    capital: int


class Front(Message):
    """One front: its tension and how far its agreement has come."""

    front: str
    name: str
    tension: int
    agreement: str


class OptionView(Message):
    """One option of a decision on the news, as the deciding seat sees it."""

    index: int
    label: str
    effects: str


class NewsView(Message):
    """One story of the month; `options` only for the seat that decides it now."""

    event: str
    title: str
    text: str
    deciders: list[str]
    options: list[OptionView] = []
    chosen: list[str] = []  # each decision taken on it so far: "AMLO: <the option>"


class CardView(Message):
    """A card of this seat's own hand."""

    id: str
    title: str
    text: str
    category: str
    stance: str  # in words
    kind: str  # the stance's code: cooperate, confront or domestic
    cost: int
    effects: str
    why_not: str | None = None


class Played(Message):
    """What one leader did in the month just resolved."""

    side: str
    card: str | None
    title: str
    kind: str  # the stance's code: cooperate, confront, domestic, or hold


class Reveal(Message):
    """The month just resolved: both leaders' moves, their interaction, what changed."""

    turn: int
    month: str
    played: list[Played]
    interaction: str | None
    changes: list[str]


class Standing(Message):
    """A line of the end's standings, and whether it is good news for whom it names."""

    text: str
    good: bool


class Swing(Message):
    """One of the largest swings: when and how much, and its main causes."""

    heading: str
    causes: str


class Ending(Message):
    """How the game ended, and the game beside history."""

    id: str
    kind: str
    title: str
    text: str
    outcome: str  # "Outcome: <kind> — <title>", as the terminal's last line
    heading: str = ""  # the kind in words, and the turn
    standings: list[Standing] = []
    history: str = ""  # what really happened (the ending's own)
    beside: list[str] = []  # the game's news beside the real moments they stand for
    swings: list[Swing] = []


class Line(Message):
    """One line of the chart: a meter's value at the start and after every month."""

    meter: str  # trust, polls.amlo or polls.trump
    name: str
    values: list[int]


class Threshold(Message):
    """A level drawn across the chart: where an ending is reached."""

    value: int
    label: str
    kind: str  # compromise or collision


class Chart(Message):
    """The game so far as lines over the months."""

    months: list[str]  # each point's month: the start, then each month played
    lines: list[Line]
    thresholds: list[Threshold]


class View(Message):
    """Everything one seat may see of its table, whole (never a difference): sent on
    every connection, every change, and after an error."""

    type: Literal["view"] = "view"
    protocol: int = PROTOCOL
    version: int
    room: str
    code: str = ""  # the room's join code (another game: the join form, filled in)
    table: int
    side: str
    name: str  # this seat's player
    other_name: str
    other: Literal["waiting", "choosing", "chosen", "disconnected", "computer", "empty",
                   "waiting_you"]
    lang: str
    turn: int
    turns: int
    month: str
    phase: str
    trust: int
    leaders: list[Leader]
    fronts: list[Front]
    news: list[NewsView]
    hand: list[CardView]
    can_hold: bool
    committed: str | None  # this seat's order this month, once given
    last: Reveal | None
    ending: Ending | None
    deadline: str | None = None  # when this month's time runs out (ISO 8601, UTC)
    deadline_in: int | None = None  # ...in seconds from when this view was made
    then: str | None = None  # what happens then: "hold" or "computer"
    chart: Chart | None = None
    why: list[str] = []  # every change since the start of last month, with its cause
    paused: bool = False  # by the facilitator: no order is taken until it resumes
    stopping: bool = False  # the facilitator ends the game when this month is resolved
    notices: list[str] = []  # the facilitator's messages to this table, latest last


class Pong(Message):
    """The answer to a ping."""

    type: Literal["pong"] = "pong"


def dump(message: BaseModel) -> str:
    """A message as the JSON text sent on the wire."""
    return message.model_dump_json()


def read_server(raw: str | bytes) -> dict[str, Any]:
    """A server's message as data (a client trusts its server, but not blindly: a
    message that is not a JSON object is an error of its own)."""
    data = json.loads(raw)
    if not isinstance(data, dict):
        raise ValueError("the server sent something that is not a message")
    return data
