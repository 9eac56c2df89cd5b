"""The merged, validated content of all loaded packs: what the rules engine reads."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import cached_property

from pydantic import BaseModel

from game.models.content import (
    Assumption,
    Card,
    Difficulty,
    Ending,
    Event,
    HistoryEntry,
    Leader,
    Manifest,
    Rules,
    Scenario,
    Source,
)


@dataclass(frozen=True)
class Origin:
    """Where an item was defined: pack, file (as shown to users) and index in that file."""

    pack: str
    file: str
    loc: tuple[str | int, ...]
    #: fields changed since by later packs' `patch:`, each with where it was changed
    patched: tuple[tuple[str, Origin], ...] = ()

    def of_field(self, name: str | int | None) -> Origin:
        """Where the field `name` of the item was last set: its patch, else the item."""
        for field_name, where in reversed(self.patched):
            if field_name == name:
                return where
        return self


@dataclass(eq=False)
class Content:
    """Everything the game plays with, after merging packs in order."""

    packs: list[Manifest]
    rules: Rules
    cards: dict[str, Card]
    events: dict[str, Event]
    endings: list[Ending]
    leaders: dict[str, Leader]
    scenarios: dict[str, Scenario]
    sources: dict[str, Source]
    origins: dict[tuple[str, str], Origin] = field(default_factory=dict)
    history: dict[str, HistoryEntry] = field(default_factory=dict)
    difficulties: dict[str, Difficulty] = field(default_factory=dict)
    assumptions: dict[str, Assumption] = field(default_factory=dict)
    #: each pack's folder, by id, in load order (the base game's first)
    folders: dict[str, str] = field(default_factory=dict)

    @property
    def extra_folders(self) -> list[str]:
        """The folders of the packs loaded after the base game (mods, `--pack`)."""
        return list(self.folders.values())[1:]

    def cards_for(self, side: str) -> list[Card]:
        """The cards a side may hold, in content order."""
        return [c for c in self.cards.values() if c.side in (side, "both")]

    @cached_property
    def fingerprint(self) -> str:
        """A short hash of the merged content, to tell whether a save's content changed.

        Fields at their default values are left out, so that a field a new version of the
        game adds, unused, does not make every save's content look changed.
        """
        def dump(item: BaseModel) -> object:
            return item.model_dump(mode="json", by_alias=True, exclude_defaults=True)

        blob = {
            "rules": dump(self.rules),
            "cards": [dump(c) for c in self.cards.values()],
            "events": [dump(e) for e in self.events.values()],
            "endings": [dump(e) for e in self.endings],
            "leaders": [dump(v) for v in self.leaders.values()],
            "scenarios": [dump(s) for s in self.scenarios.values()],
        }
        text = json.dumps(blob, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()[:16]
