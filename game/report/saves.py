"""The saves a class report is made from: files, folders of saves, and the zip the
facilitator's console downloads, each read as untrusted input. A file that cannot be read
is one sentence in the list of problems; the rest are reported."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

from game.i18n import _
from game.persistence.format import SaveFile
from game.persistence.store import MAX_SAVE_BYTES, SaveProblem, read_save

#: The most saves one class report reads (a school's year of classes fits).
MAX_SAVES = 5000


def gather(paths: list[Path]) -> tuple[list[tuple[Path, SaveFile]], list[str]]:
    """Every save in `paths` (files, folders' `*.json` files, zips' `*.json` members),
    and a sentence for each one that could not be read."""
    saves: list[tuple[Path, SaveFile]] = []
    problems: list[str] = []

    over = [False]  # the limit was reached (and said once)

    def add(path: Path, data: bytes | None = None) -> None:
        if len(saves) + len(problems) >= MAX_SAVES:
            if not over[0]:
                over[0] = True
                problems.append("… " + _("only the first {n} saves are read.").format(
                    n=MAX_SAVES))
            return
        try:
            saves.append((path, read_save(path, data)))
        except SaveProblem as problem:
            problems.append(problem.message)

    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.json") if p.is_file())
            if not found:
                problems.append(_("{path}: the folder holds no save (.json file).").format(
                    path=path))
            for file in found:
                add(file)
        elif path.suffix.lower() == ".zip" and path.is_file():
            _from_zip(path, add, problems)
        elif not path.exists():
            problems.append(_("{path}: there is no such file or folder.").format(path=path))
        else:
            add(path)
    return saves, problems


def _from_zip(path: Path, add: Callable[[Path, bytes | None], None],
              problems: list[str]) -> None:
    """Each `.json` member of a zip, read within the size a save may have."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.infolist()
                       if not m.is_dir() and m.filename.lower().endswith(".json")]
            if not members:
                problems.append(_("{path}: the zip holds no save (.json file).").format(
                    path=path))
            for member in members:
                shown = path / member.filename
                if member.file_size > MAX_SAVE_BYTES:
                    problems.append(_("{path}: too large to be a save.").format(path=shown))
                    continue
                with archive.open(member) as handle:
                    add(shown, handle.read(MAX_SAVE_BYTES + 1))
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError) as exc:
        problems.append(_("{path}: the zip cannot be read ({why}).").format(path=path, why=exc))
