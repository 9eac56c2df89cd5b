"""Writing saves so that none is ever lost, and reading them with clear refusals.

A save is written to a temporary file in the same folder, flushed and synced,
then renamed over the old one, so a process killed at any moment leaves the
old save or the new one, never a broken one. The previous version is kept as
`NAME.bak`. Reading never writes: a bad file is left exactly as it was.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from game import __version__
from game.persistence.files import BACKUP, SUFFIX
from game.persistence.format import SAVE_FORMAT, Header, SaveFile
from game.persistence.migrations import MigrationError, migrate

ProblemKind = Literal["unreadable", "not-json", "damaged", "format", "newer"]


class SaveProblem(Exception):
    """A save that cannot be loaded: one sentence saying what and which file."""

    def __init__(self, kind: ProblemKind, path: Path, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.path = path
        self.message = message


# -------------------------------------------------------------------------- reading


def _shown(path: Path) -> str:
    return str(path)


def read_save(path: Path) -> SaveFile:
    """Read, migrate and validate a save; raises SaveProblem with one clear sentence."""
    name = _shown(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SaveProblem("unreadable", path, f"There is no save file at {name}.") from None
    except OSError as exc:
        raise SaveProblem("unreadable", path,
                          f"The save {name} cannot be read: {exc.strerror}.") from None
    try:
        raw = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError):
        what = "it is empty" if not data.strip() else "it is cut short or is not a save"
        raise SaveProblem("not-json", path,
                          f"The save {name} is damaged: {what} (not valid JSON).") from None
    if not isinstance(raw, dict) or "header" not in raw:
        raise SaveProblem("damaged", path,
                          f"{name} is not an Unlikely Allies save (it has no header).")
    header = raw.get("header")
    version = header.get("format") if isinstance(header, dict) else None
    if isinstance(version, int) and version > SAVE_FORMAT:
        made_by = header.get("game_version", "a newer version") if isinstance(header, dict) else ""
        raise SaveProblem(
            "newer", path,
            f"The save {name} was made by Unlikely Allies {made_by}, newer than this one "
            f"({__version__}); update the game to load it.")
    try:
        raw = migrate(raw)
    except MigrationError as exc:
        raise SaveProblem("format", path, f"The save {name} cannot be loaded: {exc}.") from None
    try:
        return SaveFile.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        raise SaveProblem(
            "damaged", path,
            f"The save {name} is damaged: {where}: {first['msg'].lower()}.") from None


@dataclass(frozen=True)
class SaveInfo:
    """A save's header and file, for a list of saves."""

    path: Path
    header: Header


def list_saves(folder: Path) -> tuple[list[SaveInfo], list[SaveProblem]]:
    """Every save in a folder, newest first, and the files that could not be read."""
    found: list[SaveInfo] = []
    problems: list[SaveProblem] = []
    if not folder.is_dir():
        return found, problems
    for path in folder.glob(f"*{SUFFIX}"):
        if path.name.startswith("."):
            continue
        try:
            raw = json.loads(path.read_bytes())
            header = Header.model_validate(migrate(raw)["header"])
        except (OSError, ValueError, MigrationError, KeyError, TypeError):
            try:
                read_save(path)
            except SaveProblem as problem:
                problems.append(problem)
            continue
        found.append(SaveInfo(path, header))
    found.sort(key=lambda info: info.header.updated, reverse=True)
    return found, problems


def safe_name(label: str) -> str:
    """A file name for a save label: letters, digits, dashes and underscores only."""
    cleaned = "".join(c if c.isalnum() or c in "-_" else "-" for c in label.strip())
    cleaned = "-".join(part for part in cleaned.split("-") if part)
    return cleaned[:60] or "save"


__all__ = ["BACKUP", "SUFFIX", "SaveInfo", "SaveProblem", "list_saves", "read_save", "safe_name"]
