"""The game versions a pack is made for: its manifest's `game:` field.

A requirement is one or more clauses separated by commas, each an operator and a
version: `>=0.1`, `>=0.1,<1`, `==0.1.*`, `~=0.1`. A version without an operator means
exactly that version. Versions are numbers separated by dots and compare number by
number, a missing number counting as 0 (`1` is `1.0.0`). This is the part of Python's
version specifiers (PEP 440) a pack needs, without pre-releases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from game.i18n import _

_CLAUSE = re.compile(r"^\s*(>=|<=|==|!=|~=|>|<)?\s*(\d+(?:\.\d+)*)(\.\*)?\s*$")
Version = tuple[int, ...]


def parse_version(text: str) -> Version:
    """`0.1.0` as (0, 1, 0); ValueError when it is not numbers separated by dots."""
    if not re.fullmatch(r"\d+(\.\d+)*", text.strip()):
        raise ValueError(text)
    return tuple(int(part) for part in text.strip().split("."))


def _padded(a: Version, b: Version) -> tuple[Version, Version]:
    width = max(len(a), len(b))
    return a + (0,) * (width - len(a)), b + (0,) * (width - len(b))


@dataclass(frozen=True)
class Clause:
    """One operator and version of a requirement."""

    op: str
    version: Version
    wildcard: bool = False

    def allows(self, version: Version) -> bool:
        """Whether `version` meets this clause."""
        if self.wildcard:  # ==0.1.* : the first numbers are these
            same = version[: len(self.version)] + (0,) * (len(self.version) - len(version))
            return (same == self.version) == (self.op == "==")
        mine, theirs = _padded(self.version, version)
        if self.op == "~=":  # ~=0.1 : >=0.1 and the same numbers but the last
            prefix = self.version[:-1] if len(self.version) > 1 else self.version
            return theirs >= mine and version[: len(prefix)] == prefix
        return {
            ">=": theirs >= mine, "<=": theirs <= mine, ">": theirs > mine,
            "<": theirs < mine, "==": theirs == mine, "!=": theirs != mine,
        }[self.op]


def parse_requirement(text: str) -> tuple[Clause, ...]:
    """The clauses of `text`; ValueError with a sentence for people when it is not one."""
    clauses = []
    for part in str(text).split(","):
        match = _CLAUSE.match(part)
        if match is None or (match.group(3) and match.group(1) not in (None, "==", "!=")):
            raise ValueError(_("'{text}' is not a list of game versions: write an operator "
                               "and a version, several separated by commas, like '>=0.1' or "
                               "'>=0.1,<1'").format(text=text))
        op = match.group(1) or "=="
        if op == "~=" and "." not in match.group(2):
            raise ValueError(_("'~=' needs a version with a dot, like '~=0.1'"))
        clauses.append(Clause(op, parse_version(match.group(2)), bool(match.group(3))))
    return tuple(clauses)


def allows(requirement: str, version: str) -> bool:
    """Whether the game `version` meets `requirement` (which must be valid)."""
    found = parse_version(version)
    return all(clause.allows(found) for clause in parse_requirement(requirement))
