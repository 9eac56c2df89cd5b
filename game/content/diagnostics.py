"""Diagnostics: what a modder reads when a content file is wrong."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from game.i18n import N_, _, pgettext

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
        """`FILE:LINE:COL: error|warning [code] field.path: message`, the severity in the
        language in use (the message already is: it was written in it)."""
        where = f" {self.path}:" if self.path else ""
        return (
            f"{self.file}:{self.line}:{self.col}: {severity_word(self.severity)} "
            f"[{self.code}]{where} {self.message}"
        )

    def to_json(self) -> dict[str, object]:
        """The diagnostic as a JSON-ready dict (`severity` stays `error` or `warning`,
        for programs; only the message is in the language in use)."""
        return {
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "severity": self.severity,
            "code": self.code,
            "path": self.path,
            "message": self.message,
        }


def severity_word(severity: Severity) -> str:
    """`error` or `warning`, as a reader of the language in use says it."""
    if severity == "error":
        return pgettext("severity", "error")
    return pgettext("severity", "warning")


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


#: Every diagnostic code, with what it means (shown by `validate --codes`, translated
#: there with `_()`).
CODES: dict[str, str] = {
    "yaml-syntax": N_("the file is not valid YAML"),
    "duplicate-key": N_("the same key appears twice in one mapping"),
    "bad-type": N_("a value has the wrong type or is out of range"),
    "unknown-field": N_("a field the schema does not know"),
    "missing-field": N_("a required field is missing"),
    "unknown-kind": N_("a condition or effect `kind` that does not exist"),
    "bad-value": N_("a value is not one of those allowed"),
    "unknown-id": N_("a reference to a card, event, source or pack that does not exist"),
    "duplicate-id": N_("two items of one kind share an id in one pack"),
    "bad-pack": N_("a pack folder or manifest is missing or wrong"),
    "flag-never-set": N_("a flag is read but nothing ever sets it"),
    "card-unplayable": N_("a card can never be played"),
    "event-unreachable": N_("an event can never fire"),
    "ending-unreachable": N_("an ending can never be reached"),
    "empty-deck": N_("a leader has too few cards to fill a hand"),
    "no-ending": N_("a scenario excludes every ending, so no game of it could end"),
    "missing-ending": N_("no ending of a required kind exists"),
    "bad-range": N_("a lower bound is above its upper bound"),
    "too-large": N_("a file is bigger than a content file may be (1 MB); it is not read"),
    "not-utf8": N_("a file holds bytes that are not UTF-8 text; save it as UTF-8"),
    "bad-character": N_("a file holds a character YAML does not allow (a control character)"),
    "tab-indent": N_("a line is indented with a tab; YAML needs spaces"),
    "recursive-alias": N_("a YAML alias (*name) inside the list or mapping it points at"),
    "too-many-nodes": N_("a file holds too many values once its aliases are expanded"),
    "too-deep": N_("lists and mappings are nested deeper than content ever needs"),
    "outside-pack": N_("a file or folder of a pack is a link to somewhere outside the pack"),
    "unreadable": N_("a file cannot be opened (a folder, a broken link, no permission)"),
    "source-incomplete": N_("a source without a publisher or a date: a class cannot find it"),
    "source-unused": N_("a source that no card, event or history entry cites"),
    "reserved-id": N_("a pack takes the id 'core', which is the base game's"),
    "missing-dependency": N_("a pack depends on a pack that is not loaded"),
    "dependency-cycle": N_("packs depend on each other in a circle, so none can load first"),
    "incompatible-game": N_("a pack is made for other versions of the game"),
    "unread-file": N_("a file or folder of a pack that the game does not read (a file "
                      "ending in .yml, a misspelt folder, ...)"),
    "empty-patch": N_("a patch names an item but no field to change"),
}


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ` did you mean 'x'?` suffix for the closest choice, or an empty string (in the
    language in use: it follows a sentence, after a space)."""
    if len(word) > 100:  # no id is that long, and comparing it would be slow
        return ""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return " " + _("did you mean '{name}'?").format(name=close[0]) if close else ""
