"""The save file format: a header readable on its own, then the state and the order log.

Saves are JSON validated by pydantic on load, never pickle. `SAVE_FORMAT` is
raised whenever the layout changes, with a migration in `migrations.py` that
turns the previous layout into the new one.

Saves are untrusted input (they are passed around and will come over a network),
so every field is read strictly: no coercion (`"5"` is not 5, `true` is not 1),
a range for every number, a pattern for every id, a length for every string and
list, and exactly the keys the game writes. These models check each field on its
own; `game.persistence.check` checks the fields against each other and against
the content. The layout is the one `GameState.to_json` writes, unchanged: these
models only read it more strictly.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    model_validator,
    with_config,
)
from pydantic import Strict as NoCoercion
from typing_extensions import TypedDict

from game.i18n import _

SAVE_FORMAT = 2  # 2: a month may bring several news (each turn record lists them)

# ---------------------------------------------------------------------------- limits
# Far above anything a real game reaches (a finished 24-turn game has ~500 ledger
# entries and ~75 orders; scenarios have at most 120 turns), far below what could
# make loading slow.

#: Highest turn number a save may name (scenarios have at most 120).
MAX_TURN = 1000
#: Most cards in one hand, deck or discard pile.
MAX_PILE = 1000
#: Most ledger entries.
MAX_LEDGER = 100_000
#: Most entries in the other lists and maps of the state (flags, modifiers, ...).
MAX_ITEMS = 1000
#: Most orders in the order log (two cards and two decisions a turn).
MAX_ORDERS = 4 * MAX_TURN
#: Highest index of an event option.
MAX_OPTION = 99
#: Longest free text (labels, causes); ids are at most 64 characters.
MAX_TEXT = 200
#: Largest seed, either way.
MAX_SEED = 2**128
#: Most content packs a game was played with.
MAX_PACKS = 100

# ----------------------------------------------------------------------------- types

ID_PATTERN = r"^[a-z][a-z0-9_]*$"
TEXT_PATTERN = r"^[^\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]*$"
GAME_ID_PATTERN = r"^[A-Za-z0-9_-]{1,64}$"
MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"
FIRED_PATTERN = r"^(inject:[0-9]{1,4}|[a-z][a-z0-9_]*)$"
VERSION_PATTERN = r"^[A-Za-z0-9.+_-]{1,40}$"
FINGERPRINT_PATTERN = r"^[0-9a-f]{1,128}$"

Int = Annotated[int, NoCoercion()]
Str = Annotated[str, NoCoercion()]
#: A content id (card, event, scenario, ending, flag, interaction, pack, agent).
Id = Annotated[str, NoCoercion(), Field(pattern=ID_PATTERN, max_length=64)]
#: Text without control characters (they could rewrite a terminal when printed) or
#: bidirectional overrides (they reverse what follows them).
Text = Annotated[str, NoCoercion(), Field(pattern=TEXT_PATTERN, max_length=MAX_TEXT)]
GameId = Annotated[str, NoCoercion(), Field(pattern=GAME_ID_PATTERN)]
Month = Annotated[str, NoCoercion(), Field(pattern=MONTH_PATTERN)]
Turn = Annotated[int, NoCoercion(), Field(ge=1, le=MAX_TURN)]
Count = Annotated[int, NoCoercion(), Field(ge=0, le=MAX_TURN)]
Meter = Annotated[int, NoCoercion(), Field(ge=0, le=100)]
Capital = Annotated[int, NoCoercion(), Field(ge=0, le=20)]
Step = Annotated[int, NoCoercion(), Field(ge=0, le=2)]
Delta = Annotated[int, NoCoercion(), Field(ge=-100, le=100)]
Option = Annotated[int, NoCoercion(), Field(ge=0, le=MAX_OPTION)]
Word32 = Annotated[int, NoCoercion(), Field(ge=0, le=2**32 - 1)]
Seed = Annotated[int, NoCoercion(), Field(ge=-MAX_SEED, le=MAX_SEED)]
Finite = Annotated[float, NoCoercion(), Field(allow_inf_nan=False)]
Side = Literal["amlo", "trump"]
#: The two sides, typed for the maps of a save.
BOTH: tuple[Side, Side] = ("amlo", "trump")
Phase = Literal["upkeep", "choice", "policy", "over"]
Stance = Literal["cooperate", "confront", "domestic", "hold"]
#: Meters as the state stores them (game.models.content.STATE_METERS).
StateMeter = Literal["trust", "polls.amlo", "polls.trump", "tension.trade",
                     "tension.migration", "tension.security", "capital.amlo",
                     "capital.trump"]
#: What a ledger entry may change: a meter or an agreement.
LedgerMeter = Literal["trust", "polls.amlo", "polls.trump", "tension.trade",
                      "tension.migration", "tension.security", "capital.amlo",
                      "capital.trump", "agreement.trade", "agreement.migration",
                      "agreement.security"]
#: An entry of `fired`: an event id, or `inject:N` for the scenario's Nth inject.
FiredId = Annotated[str, NoCoercion(),
                    Field(pattern=FIRED_PATTERN, max_length=64)]


def _timestamp(value: str) -> str:
    try:
        datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(_("{value} is not a date and time (ISO 8601)").format(
            value=repr(value))) from None
    return value


Timestamp = Annotated[str, NoCoercion(), Field(max_length=40), AfterValidator(_timestamp)]

_FORBID = ConfigDict(extra="forbid", strict=True)


Meters = TypedDict("Meters", {
    "trust": Meter, "polls.amlo": Meter, "polls.trump": Meter, "tension.trade": Meter,
    "tension.migration": Meter, "tension.security": Meter, "capital.amlo": Capital,
    "capital.trump": Capital,
})
with_config(_FORBID)(Meters)


@with_config(_FORBID)
class Agreements(TypedDict):
    """Each front's agreement: 0 none, 1 talks, 2 signed."""

    trade: Step
    migration: Step
    security: Step


Pile = Annotated[list[Id], Field(max_length=MAX_PILE)]


@with_config(_FORBID)
class Piles(TypedDict):
    """A pile of cards (hand, deck or discards) for each side."""

    amlo: Pile
    trump: Pile


@with_config(_FORBID)
class SideCounts(TypedDict):
    """A count for each side (months below the floor)."""

    amlo: Count
    trump: Count


@with_config(_FORBID)
class Standing(TypedDict):
    """Each leader's polls above (positive) or below (negative) his floor."""

    amlo: Delta
    trump: Delta


@with_config(_FORBID)
class Stances(TypedDict, total=False):
    """The stance each leader showed last turn (none before the first turn resolves)."""

    amlo: Stance
    trump: Stance


@with_config(_FORBID)
class Choices(TypedDict, total=False):
    """The option (index into the event's `choices`) each leader picked."""

    amlo: Option
    trump: Option


@with_config(_FORBID)
class Plays(TypedDict, total=False):
    """The card each leader played (None: he held)."""

    amlo: Id | None
    trump: Id | None


# Positional records: lists in the file, read as tuples (lax only about list-vs-tuple:
# every item inside is still strict).
RngState = Annotated[
    tuple[Literal[3], Annotated[list[Word32], Field(min_length=625, max_length=625)],
          Finite | None],
    NoCoercion(False),
]
ModifierData = Annotated[tuple[StateMeter, Delta, Turn, Text, Text], NoCoercion(False)]
Change = Annotated[tuple[Turn, LedgerMeter, Delta, Meter, Meter, Text], NoCoercion(False)]
Due = Annotated[tuple[Annotated[int, NoCoercion(), Field(ge=1, le=2 * MAX_TURN)], Id, Text],
                NoCoercion(False)]


#: Most news one month can bring (dated, chained and scripted events, and one drawn).
MAX_NEWS = 20


class News(BaseModel):
    """One news of a month and the leaders' decisions on it."""

    model_config = _FORBID

    event: Id = Field(description="The event.")
    choices: Choices = Field(description="Side → the index of the option it picked.")


class Record(BaseModel):
    """One turn of the turn log."""

    model_config = _FORBID

    turn: Turn = Field(description="The turn it records.")
    month: Month = Field(description="YYYY-MM of that turn.")
    news: Annotated[list[News], Field(max_length=MAX_NEWS)] = Field(
        description="The month's news in the order it came, each with its decisions.")
    orders: Plays = Field(description="Side → the card it played, or None when it held.")
    interaction: Id | None = Field(description="The interaction of the two stances, if any.")


class EndingData(BaseModel):
    """The record kept in the state when an ending is reached."""

    model_config = _FORBID

    id: Id = Field(description="The ending's id (`term_end` when no ending matched).")
    kind: Literal["compromise", "collision", "domestic_defeat", "term_end"]
    side: Side | None = Field(description="For domestic_defeat: who lost his base.")
    turn: Turn = Field(description="The turn it was reached.")
    standing: Standing
    score: Annotated[int, NoCoercion(), Field(ge=-1000, le=1000)]


# ---------------------------------------------------------------------------- models


class Strict(BaseModel):
    """Saves are read strictly: unknown fields in a known format are damage."""

    model_config = _FORBID


class Player(Strict):
    """Who plays a side."""

    kind: Literal["human", "agent"] = Field(description="A person or the computer.")
    agent: Id | None = Field(default=None, description="Agent kind when the computer plays.")
    difficulty: Id | None = Field(default=None, description="Difficulty id it was chosen by.")
    personality: Annotated[dict[Id, Int | Finite], Field(max_length=20)] | None = Field(
        default=None, description="The personality values the agent played with."
    )
    lang: Annotated[str, NoCoercion(), Field(pattern=r"^[a-z]{2,3}$")] | None = Field(
        default=None, description="The language a person played this side in, when two "
        "played at one computer each in their own.")
    name: Text | None = Field(default=None, description="The person's name, as they gave it "
                              "joining a table of the game server (for the debrief).")


class PackRef(Strict):
    """A content pack the game was played with."""

    id: Id
    version: Annotated[str, NoCoercion(), Field(pattern=VERSION_PATTERN)]


def _both_sides(sides: dict[Side, Player]) -> dict[Side, Player]:
    if len(sides) != 2:
        raise ValueError(_("it names who plays each of the two sides"))
    return sides


class Header(Strict):
    """What a save holds, readable without loading the game."""

    format: Annotated[int, NoCoercion(), Field(ge=1)] = Field(description="Save format number.")
    game_version: Annotated[str, NoCoercion(), Field(pattern=VERSION_PATTERN)] = Field(
        description="Version of the game that wrote it.")
    game_id: GameId = Field(description="Stable id of the game across its saves.")
    created: Timestamp = Field(description="When the game started (ISO 8601, UTC).")
    updated: Timestamp = Field(description="When this save was written (ISO 8601, UTC).")
    label: Text = Field(default="", description="A name given by the player, or 'autosave'.")
    scenario: Id
    seed: Seed
    sides: Annotated[dict[Side, Player], AfterValidator(_both_sides)]
    packs: Annotated[list[PackRef], Field(max_length=MAX_PACKS)]
    fingerprint: Annotated[str, NoCoercion(), Field(pattern=FINGERPRINT_PATTERN)] = Field(
        description="Hash of the merged content it was played with.")
    turn: Turn
    month: Month = Field(description="YYYY-MM of the current turn.")
    phase: Phase
    ending: Id | None = Field(default=None, description="Ending id when the game is over.")
    forked_from: GameId | None = Field(default=None,
                                       description="Game id this one forked from.")


class StateData(Strict):
    """The game state as `GameState.to_json` writes it."""

    scenario: Id
    seed: Seed
    turn: Turn
    month: Annotated[int, NoCoercion(), Field(ge=0, le=9999 * 12 + 11)]
    meters: Meters
    flags: Annotated[list[Id], Field(max_length=MAX_ITEMS)]
    agreements: Agreements
    rng: RngState
    decks: Piles
    hands: Piles
    discards: Piles
    modifiers: Annotated[list[ModifierData], Field(max_length=MAX_ITEMS)]
    ledger: Annotated[list[Change], Field(max_length=MAX_LEDGER)]
    cooldowns: Annotated[dict[Id, Annotated[int, NoCoercion(), Field(ge=0, le=2 * MAX_TURN)]],
                         Field(max_length=MAX_ITEMS)]
    fired: Annotated[list[FiredId], Field(max_length=MAX_ITEMS)]
    scheduled: Annotated[list[Due], Field(max_length=MAX_ITEMS)]
    below_floor: SideCounts
    last_stance: Stances
    phase: Phase
    event: Id | None
    pending: Annotated[list[Side], Field(max_length=2)]
    queue: Annotated[list[Id], Field(max_length=MAX_NEWS)]
    log: Annotated[list[Record], Field(max_length=MAX_TURN)]
    ending: EndingData | None


class WrittenNews(Strict):
    """The news a facilitator wrote during the game (read as an event of the content when
    the game is replayed)."""

    title: Text
    text: Text
    effects: Annotated[list[dict[str, Any]], Field(max_length=MAX_NEWS)] = []


class OrderEntry(Strict):
    """One order of the log: a card, a hold or an event pick, with its turn; or the
    facilitator's inject of an event as news, or the facilitator's end of the game."""

    turn: Turn
    order: Literal["play", "hold", "choose", "inject", "stop"]
    side: Side | None = None
    card: Id | None = None
    index: Option | None = None
    event: Id | None = None
    custom: WrittenNews | None = None

    @model_validator(mode="after")
    def _shape(self) -> OrderEntry:
        """A play names a card, a pick an option, a hold neither, each with its side; an
        inject names an event and no side."""
        if self.order == "stop":
            if (self.side, self.card, self.index, self.event) != (None, None, None, None):
                raise ValueError(_("a 'stop' names nothing but its turn"))
            return self
        if self.custom is not None and self.order != "inject":
            raise ValueError(_("only an 'inject' carries written news"))
        if self.order == "inject":
            if self.event is None or self.side is not None or self.card is not None or \
                    self.index is not None:
                raise ValueError(_("an 'inject' names an event and nothing else"))
            return self
        if self.side is None:
            raise ValueError(_("a leader's order names his side"))
        wanted = {"play": (True, False), "hold": (False, False), "choose": (False, True)}
        card, index = wanted[self.order]
        if (self.card is not None) != card or (self.index is not None) != index or \
                self.event is not None:
            raise ValueError({"play": _("a 'play' order names a card and nothing else"),
                              "hold": _("a 'hold' order names neither a card nor an option"),
                              "choose": _("a 'choose' order names an option and nothing else"),
                              }[self.order])
        return self


class SaveFile(Strict):
    """A whole save."""

    header: Header
    state: StateData
    orders: Annotated[list[OrderEntry], Field(max_length=MAX_ORDERS)]

    _source: Path | None = PrivateAttr(default=None)

    @property
    def source(self) -> Path | None:
        """The file it was read from (set by `read_save`), for messages."""
        return self._source

    def read_from(self, path: Path) -> SaveFile:
        """Remember the file it was read from; returns itself."""
        self._source = path
        return self
