"""Diagnostics: what a modder reads when a content file is wrong."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem found in one place of one content file."""

    file: str
    line: int
    col: int
    severity: Severity
    code: str
    path: str
    message: str

    def format(self) -> str:
        """`FILE:LINE:COL: error|warning [code] field.path: message`."""
        where = f" {self.path}:" if self.path else ""
        return (
            f"{self.file}:{self.line}:{self.col}: {self.severity} [{self.code}]{where} "
            f"{self.message}"
        )

    def to_json(self) -> dict[str, object]:
        """The diagnostic as a JSON-ready dict."""
        return {
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "severity": self.severity,
            "code": self.code,
            "path": self.path,
            "message": self.message,
        }


@dataclass
class Report:
    """All diagnostics of a load, collected before anything is reported."""

    items: list[Diagnostic] = field(default_factory=list)

    def add(self, diagnostic: Diagnostic) -> None:
        """Record one diagnostic."""
        self.items.append(diagnostic)

    @property
    def errors(self) -> list[Diagnostic]:
        """The diagnostics that block loading, sorted by place."""
        return sorted(d for d in self.items if d.severity == "error")

    @property
    def warnings(self) -> list[Diagnostic]:
        """The diagnostics that do not block loading, sorted by place."""
        return sorted(d for d in self.items if d.severity == "warning")

    def has_errors(self) -> bool:
        """True when at least one error was found."""
        return any(d.severity == "error" for d in self.items)


#: Every diagnostic code, with what it means (shown by `validate --codes`).
CODES: dict[str, str] = {
    "yaml-syntax": "the file is not valid YAML",
    "duplicate-key": "the same key appears twice in one mapping",
    "bad-type": "a value has the wrong type or is out of range",
    "unknown-field": "a field the schema does not know",
    "missing-field": "a required field is missing",
    "unknown-kind": "a condition or effect `kind` that does not exist",
    "bad-value": "a value is not one of those allowed",
    "unknown-id": "a reference to a card, event, source or pack that does not exist",
    "duplicate-id": "two items of one kind share an id in one pack",
    "bad-pack": "a pack folder or manifest is missing or wrong",
    "flag-never-set": "a flag is read but nothing ever sets it",
    "card-unplayable": "a card can never be played",
    "event-unreachable": "an event can never fire",
    "ending-unreachable": "an ending can never be reached",
    "empty-deck": "a leader has too few cards to fill a hand",
    "no-ending": "a scenario excludes every ending, so no game of it could end",
    "missing-ending": "no ending of a required kind exists",
    "bad-range": "a lower bound is above its upper bound",
    "too-large": "a file is bigger than a content file may be (1 MB); it is not read",
    "not-utf8": "a file holds bytes that are not UTF-8 text; save it as UTF-8",
    "bad-character": "a file holds a character YAML does not allow (a control character)",
    "tab-indent": "a line is indented with a tab; YAML needs spaces",
    "recursive-alias": "a YAML alias (*name) inside the list or mapping it points at",
    "too-many-nodes": "a file holds too many values once its aliases are expanded",
    "too-deep": "lists and mappings are nested deeper than content ever needs",
    "outside-pack": "a file or folder of a pack is a link to somewhere outside the pack",
    "unreadable": "a file cannot be opened (a folder, a broken link, no permission)",
    "source-incomplete": "a source without a publisher or a date: a class cannot find it",
    "source-unused": "a source that no card, event or history entry cites",
}


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ` did you mean 'x'?` suffix for the closest choice, or an empty string."""
    if len(word) > 100:  # no id is that long, and comparing it would be slow
        return ""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" did you mean '{close[0]}'?" if close else ""
