"""The save file format: a header readable on its own, then the state and the order log.

Saves are JSON validated by pydantic on load, never pickle. `SAVE_FORMAT` is
raised whenever the layout changes, with a migration in `migrations.py` that
turns the previous layout into the new one.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SAVE_FORMAT = 1


class Strict(BaseModel):
    """Saves are read strictly: unknown fields in a known format are damage."""

    model_config = ConfigDict(extra="forbid")


class Player(Strict):
    """Who plays a side."""

    kind: Literal["human", "agent"] = Field(description="A person or the computer.")
    agent: str | None = Field(default=None, description="Agent kind when the computer plays.")
    difficulty: str | None = Field(default=None, description="Difficulty id it was chosen by.")
    personality: dict[str, float] | None = Field(
        default=None, description="The personality values the agent played with."
    )


class PackRef(Strict):
    """A content pack the game was played with."""

    id: str
    version: str


class Header(Strict):
    """What a save holds, readable without loading the game."""

    format: int = Field(description="Save format number.")
    game_version: str = Field(description="Version of the game that wrote it.")
    game_id: str = Field(description="Stable id of the game across its saves.")
    created: str = Field(description="When the game started (ISO 8601, UTC).")
    updated: str = Field(description="When this save was written (ISO 8601, UTC).")
    label: str = Field(default="", description="A name given by the player, or 'autosave'.")
    scenario: str
    seed: int
    sides: dict[Literal["amlo", "trump"], Player]
    packs: list[PackRef]
    fingerprint: str = Field(description="Hash of the merged content it was played with.")
    turn: int
    month: str = Field(description="YYYY-MM of the current turn.")
    phase: str
    ending: str | None = Field(default=None, description="Ending id when the game is over.")
    forked_from: str | None = Field(default=None, description="Game id this one forked from.")


class StateData(Strict):
    """The game state as `GameState.to_json` writes it."""

    scenario: str
    seed: int
    turn: int = Field(ge=1)
    month: int
    meters: dict[str, int]
    flags: list[str]
    agreements: dict[str, int]
    rng: tuple[int, list[int], float | None]
    decks: dict[str, list[str]]
    hands: dict[str, list[str]]
    discards: dict[str, list[str]]
    modifiers: list[tuple[str, int, int, str, str]]
    ledger: list[tuple[int, str, int, int, int, str]]
    cooldowns: dict[str, int]
    fired: list[str]
    scheduled: list[tuple[int, str, str]]
    below_floor: dict[str, int]
    last_stance: dict[str, str]
    phase: Literal["upkeep", "choice", "policy", "over"]
    event: str | None
    pending: list[str]
    log: list[dict[str, Any]]
    ending: dict[str, Any] | None


class OrderEntry(Strict):
    """One order of the log: a card, a hold or an event pick, with its turn."""

    turn: int = Field(ge=1)
    order: Literal["play", "hold", "choose"]
    side: Literal["amlo", "trump"]
    card: str | None = None
    index: int | None = None


class SaveFile(Strict):
    """A whole save."""

    header: Header
    state: StateData
    orders: list[OrderEntry]
