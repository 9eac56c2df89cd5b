"""Reading saves with clear refusals, listing them, and naming them.

Saves are untrusted input: a file passed around by students, soon one that came
over a network. Reading one never writes to it and never ends in a traceback:
anything that is not a save this game can play is refused with one sentence
naming the file (`SaveProblem`), in the language in use (`game.i18n`; file names, field
paths and ids stay as they are). In order:

1. the file: it must be a regular file (not a folder, a pipe or a device) of at
   most `MAX_SAVE_BYTES`; no more than that is ever read;
2. the JSON: UTF-8, no NaN or Infinity, no number too long to read, no key twice
   in one object, not nested deeper than the parser goes;
3. the format: old formats are migrated step by step, newer ones refused;
4. the fields, each read strictly (`format.py`), then checked against each other
   (`check.structure_problem`).

The checks against the content (`check.content_problem`) need the engine, so the
session runs them when it builds the game (`Session.from_save`).
"""

from __future__ import annotations

import json
import math
import os
import stat
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from game import __version__
from game.i18n import _
from game.persistence.check import Problem, structure_problem, validation_problem
from game.persistence.files import BACKUP, SUFFIX
from game.persistence.format import MAX_TEXT, SAVE_FORMAT, Header, SaveFile
from game.persistence.migrations import MigrationError, migrate

#: The largest file read as a save. A finished 24-turn game's save is about 45 KB and
#: the longest scenario (120 turns) stays far below this; anything larger is refused
#: before it is read, so a huge file can neither fill the memory nor stall the game.
MAX_SAVE_BYTES = 4 * 1024 * 1024

#: Longest numeral read in a save (seeds are the longest numbers: at most 39 digits).
MAX_DIGITS = 60

ProblemKind = Literal["unreadable", "not-json", "damaged", "format", "newer"]


class SaveProblem(Exception):
    """A save that cannot be loaded: one sentence saying what and which file."""

    def __init__(self, kind: ProblemKind, path: Path, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.path = path
        self.message = message

    def briefly(self) -> str:
        """The sentence with the file's name alone instead of its whole path (for a
        window, where the folder is already on screen). Every translation keeps the
        path whole (`{name}`), so this holds in every language."""
        return self.message.replace(_shown(self.path), _shown(Path(self.path.name)), 1)


class DamagedSave(SaveProblem):
    """A save whose data does not fit the game it is loaded into (found by the session)."""

    def __init__(self, path: Path, problem: Problem) -> None:
        super().__init__("damaged", path, _damaged_text(path, problem))
        self.problem = problem


# -------------------------------------------------------------------------- reading


def _shown(path: Path) -> str:
    """The file's name as it can be printed on one line (control characters escaped)."""
    text = str(path)
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _damaged_text(path: Path, problem: object) -> str:
    return _("The save {name} is damaged: {problem}.").format(name=_shown(path), problem=problem)


def damaged(path: Path, problem: Problem) -> SaveProblem:
    """The refusal of a save with this problem."""
    return SaveProblem("damaged", path, _damaged_text(path, problem))


def _unreadable(path: Path, reason: object) -> SaveProblem:
    """The refusal of a file that cannot be read (`reason`: the system's words)."""
    return SaveProblem("unreadable", path, _("The save {name} cannot be read: {reason}.")
                       .format(name=_shown(path), reason=reason))


def read_bytes(path: Path, limit: int = MAX_SAVE_BYTES) -> bytes:
    """The bytes of a save file, at most `limit`; raises SaveProblem for anything else.

    Looks before it reads: a folder, a pipe or a device named like a save is refused
    without being opened for long (a pipe is opened without waiting for a writer),
    and no more than `limit` + 1 bytes are ever read.
    """
    name = _shown(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise SaveProblem("unreadable", path,
                          _("There is no save file at {name}.").format(name=name)) from None
    except (OSError, ValueError) as exc:
        raise _unreadable(path, getattr(exc, "strerror", None) or exc) from None
    _refuse_odd(path, info, limit)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _unreadable(path, exc.strerror or exc) from None
    try:
        _refuse_odd(path, os.fstat(fd), limit)  # it may have been swapped since the stat
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        raise _unreadable(path, exc.strerror or exc) from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        _too_large(path, len(data), limit)
    return data


def _refuse_odd(path: Path, info: os.stat_result, limit: int) -> None:
    if not stat.S_ISREG(info.st_mode):
        text = (_("The save {name} cannot be read: it is a folder.")
                if stat.S_ISDIR(info.st_mode) else
                _("The save {name} cannot be read: it is not a regular file."))
        raise SaveProblem("unreadable", path, text.format(name=_shown(path)))
    if info.st_size > limit:
        _too_large(path, info.st_size, limit)


def _too_large(path: Path, size: int, limit: int) -> None:
    raise SaveProblem("unreadable", path, _(
        "The save {name} is too large to be a save ({size}; saves are at most {limit})."
    ).format(name=_shown(path), size=_megabytes(size), limit=_megabytes(limit)))


def _megabytes(size: int) -> str:
    if size >= 100_000:
        return _("{n} MB").format(n=f"{size / (1024 * 1024):.1f}")
    return _("{n} bytes").format(n=size)


class _Refused(ValueError):
    """JSON this reader refuses although the json module would take it."""


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    made = dict(pairs)
    if len(made) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise _Refused(_("the key {key} appears twice in one object").format(
                    key=repr(_printable(key))))
            seen.add(key)
    return made


def _printable(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


def _constant(name: str) -> Any:
    raise _Refused(_("it holds {name}, which is not a number a save can hold").format(name=name))


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        number = text[:20] + ("..." if len(text) > 20 else "")
        raise _Refused(_("the number {number} is too large").format(number=number))
    return value


def _int(text: str) -> int:
    if len(text) > MAX_DIGITS:
        raise _Refused(_("it holds a number with {n} digits").format(n=len(text)))
    return int(text)


def parse_json(path: Path, data: bytes) -> Any:
    """The JSON value of a save's bytes; raises SaveProblem with the reason it is refused."""
    name = _shown(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SaveProblem("not-json", path, _(
            "The save {name} is damaged: it is not UTF-8 text (at byte {at})."
        ).format(name=name, at=exc.start)) from None
    # The json module reads long numerals in quadratic time when Python's own limit on
    # them is lifted; only then is every numeral checked here (it costs time).
    digits = sys.get_int_max_str_digits() if hasattr(sys, "get_int_max_str_digits") else 0
    try:
        return json.loads(text.removeprefix("\ufeff"), object_pairs_hook=_object,
                          parse_float=_float, parse_constant=_constant,
                          parse_int=None if 0 < digits <= 5000 else _int)
    except _Refused as exc:
        raise SaveProblem("damaged", path, _damaged_text(path, exc)) from None
    except RecursionError:
        raise SaveProblem("damaged", path, _(
            "The save {name} is damaged: it is nested too deeply to be a save."
        ).format(name=name)) from None
    except json.JSONDecodeError:
        why = (_("The save {name} is damaged: it is empty (not valid JSON).")
               if not text.strip() else
               _("The save {name} is damaged: it is cut short or is not a save "
                 "(not valid JSON)."))
        raise SaveProblem("not-json", path, why.format(name=name)) from None
    except ValueError:  # a numeral longer than Python reads
        raise SaveProblem("damaged", path, _(
            "The save {name} is damaged: it holds a number too long to read."
        ).format(name=name)) from None


def _raw(path: Path, data: bytes | None = None) -> dict[str, Any]:
    """The raw data of a save (read from `path`, or given as `data`), migrated to the
    current format."""
    name = _shown(path)
    if data is not None and len(data) > MAX_SAVE_BYTES:
        _too_large(path, len(data), MAX_SAVE_BYTES)
    raw = parse_json(path, read_bytes(path) if data is None else data)
    if not isinstance(raw, dict) or "header" not in raw:
        raise SaveProblem("damaged", path, _(
            "{name} is not an Unlikely Allies save (it has no header).").format(name=name))
    header = raw.get("header")
    version = header.get("format") if isinstance(header, dict) else None
    if isinstance(version, int) and not isinstance(version, bool) and version > SAVE_FORMAT:
        made_by = header.get("game_version") if isinstance(header, dict) else None
        known = isinstance(made_by, str) and made_by.isprintable() and len(made_by) <= 40
        newer = (_("The save {name} was made by Unlikely Allies {version}, newer than this "
                   "one ({current}); update the game to load it.") if known else
                 _("The save {name} was made by a version of Unlikely Allies newer than this "
                   "one ({current}); update the game to load it."))
        raise SaveProblem("newer", path, newer.format(name=name, version=made_by,
                                                      current=__version__))
    try:
        return migrate(raw)
    except MigrationError as exc:
        raise SaveProblem("format", path, _("The save {name} cannot be loaded: {why}.").format(
            name=name, why=exc)) from None
    except (KeyError, TypeError, ValueError, AttributeError) as exc:  # a step met odd data
        raise SaveProblem("format", path, _(
            "The save {name} cannot be brought up to date: {error}."
        ).format(name=name, error=f"{type(exc).__name__} {exc}")) from None


def read_save(path: Path, data: bytes | None = None) -> SaveFile:
    """Read, migrate and validate a save (from `path`, or the bytes `data` of a file of
    that name, say in a zip); raises SaveProblem with one clear sentence."""
    raw = _raw(path, data)
    try:
        save = SaveFile.model_validate(raw)
    except ValidationError as exc:
        raise damaged(path, validation_problem(exc)) from None
    problem = structure_problem(save)
    if problem is not None:
        raise damaged(path, problem)
    return save.read_from(path)


@dataclass(frozen=True)
class SaveInfo:
    """A save's header and file, for a list of saves."""

    path: Path
    header: Header


def read_header(path: Path) -> Header:
    """Only the header of a save (for lists); raises SaveProblem like `read_save`."""
    raw = _raw(path)
    try:
        return Header.model_validate(raw["header"])
    except ValidationError as exc:
        problem = validation_problem(exc)
        raise damaged(path, Problem(f"header.{problem.where}", problem.what)) from None


def list_saves(folder: Path) -> tuple[list[SaveInfo], list[SaveProblem]]:
    """Every save in a folder, newest first, and the files that could not be read.

    Only headers are read (a damaged state shows when the save is loaded); every
    file goes through the same limits as `read_save`, and nothing in the folder
    (a folder or a pipe named like a save, a huge file, a half-written one) stops
    the listing.
    """
    found: list[SaveInfo] = []
    problems: list[SaveProblem] = []
    try:
        if not folder.is_dir():
            return found, problems
        paths = sorted(p for p in folder.glob(f"*{SUFFIX}") if not p.name.startswith("."))
    except (OSError, ValueError):
        return found, problems
    for path in paths:
        try:
            found.append(SaveInfo(path, read_header(path)))
        except SaveProblem as problem:
            problems.append(problem)
    found.sort(key=lambda info: info.header.updated, reverse=True)
    return found, problems


# -------------------------------------------------------------------------- naming


def delete_save(path: Path) -> None:
    """Remove a save and its backup copy, if any (OSError if the save cannot be removed)."""
    path.unlink(missing_ok=True)
    path.with_name(path.name + BACKUP).unlink(missing_ok=True)


def has_backup(path: Path) -> bool:
    """A backup copy of this save exists beside it."""
    return path.with_name(path.name + BACKUP).exists()


def clean_label(label: str) -> str:
    """A label as a save can hold it: no control characters, at most 200 characters."""
    kept = "".join(c for c in label if unicodedata.category(c) not in ("Cc", "Cs")
                   and not ("\u202a" <= c <= "\u202e" or "\u2066" <= c <= "\u2069"))
    return kept.strip()[:MAX_TEXT]

#: Names Windows keeps for devices, whatever the extension (`CON.json` is the console).
RESERVED_NAMES = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{port}{n}" for port in ("COM", "LPT") for n in "0123456789¹²³"}
)
#: Longest file name made for a label, in UTF-8 bytes (file systems allow 255, and
#: the temporary and backup names add to it).
MAX_NAME_BYTES = 120
MAX_NAME_CHARS = 60


def safe_name(label: str) -> str:
    """A file name (without folder or suffix) for a save label, safe on every system.

    Letters (any alphabet), digits, dashes and underscores only, so it can never
    name another folder (`..`, `/`, `\\`, `C:` all go); never empty; not a Windows
    device name; never an autosave's name; at most 60 characters and 120 bytes.
    """
    text = unicodedata.normalize("NFC", label)
    cleaned = "".join(c if c.isalnum() or c in "-_" else "-" for c in text.strip())
    cleaned = "-".join(part for part in cleaned.split("-") if part)[:MAX_NAME_CHARS]
    while len(cleaned.encode("utf-8")) > MAX_NAME_BYTES:
        cleaned = cleaned[:-1]
    cleaned = cleaned.strip("-") or "save"
    if cleaned.upper() in RESERVED_NAMES or cleaned.lower().startswith("autosave"):
        cleaned = f"save-{cleaned}"
    return cleaned


__all__ = ["BACKUP", "MAX_SAVE_BYTES", "SUFFIX", "DamagedSave", "SaveInfo", "SaveProblem",
           "clean_label", "damaged", "list_saves", "read_bytes", "read_header", "read_save",
           "safe_name"]
