"""The mods folder: packs a player installed, each on or off, loaded after the base game.

A mod is a pack folder inside `game.paths.mods_dir()`. Which are off is kept in
`mods.json` in that folder, by folder name. Games load the base game, then the mods that
are on, then any `--pack` given; a mod with errors is left out of the game (and said so
in the list of mods) rather than keeping the game from starting.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from game.content.diagnostics import Diagnostic
from game.content.diff import summary
from game.content.yamlload import load_yaml
from game.i18n import _
from game.paths import core_pack, mods_dir

#: The file in the mods folder that lists the mods turned off.
STATE_FILE = "mods.json"
#: Most mods listed: a folder of thousands is not a mods folder.
MAX_MODS = 200

if TYPE_CHECKING:
    from game.content.loader import LoadResult


@dataclass
class Mod:
    """One installed mod, as the list of mods shows it."""

    folder: Path
    id: str
    name: str
    version: str = "?"
    authors: list[str] = field(default_factory=list)
    description: str = ""
    on: bool = True
    #: what it adds, changes and removes, in words (after `survey`)
    summary: str = ""
    #: its errors and warnings (after `survey`)
    problems: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        """Its problems that keep it out of a game."""
        return [d for d in self.problems if d.severity == "error"]


def _folders(root: Path) -> list[Path]:
    try:
        entries = sorted(root.iterdir())
    except OSError:  # no mods folder yet
        return []
    return [p for p in entries if not p.name.startswith(".") and p.is_dir()
            and (p / "pack.yaml").is_file()][:MAX_MODS]


def turned_off(root: Path | None = None) -> set[str]:
    """The folder names of the mods turned off (none when the file is missing or broken)."""
    try:
        data = json.loads(((root or mods_dir()) / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    off = data.get("off") if isinstance(data, dict) else None
    return {name for name in off if isinstance(name, str)} if isinstance(off, list) else set()


def set_on(folder_name: str, on: bool, root: Path | None = None) -> None:
    """Turn the mod in `folder_name` on or off (written so that a crash loses nothing)."""
    where = root or mods_dir()
    off = turned_off(where)
    off = off - {folder_name} if on else off | {folder_name}
    where.mkdir(parents=True, exist_ok=True)
    target = where / STATE_FILE
    temporary = target.with_name(f".{STATE_FILE}.tmp")
    temporary.write_text(json.dumps({"off": sorted(off)}, indent=2) + "\n", encoding="utf-8")
    os.replace(temporary, target)


def installed(root: Path | None = None) -> list[Mod]:
    """Every mod of the mods folder, from its manifest alone (fast: nothing validated)."""
    from game.content.loader import read_text

    where = root or mods_dir()
    off = turned_off(where)
    mods = []
    for folder in _folders(where):
        mod = Mod(folder, folder.name, folder.name, on=folder.name not in off)
        # read as any content file: within its size, inside its pack, UTF-8
        text = read_text(folder / "pack.yaml", folder.resolve())
        data = load_yaml(text).data if isinstance(text, str) else None
        if isinstance(data, dict):
            mod.id = str(data.get("id") or folder.name)
            mod.name = str(data.get("name") or mod.id)
            mod.version = str(data.get("version") or "?")
            authors = data.get("authors")
            mod.authors = [str(a) for a in authors] if isinstance(authors, list) else []
            mod.description = str(data.get("description") or "")
        mods.append(mod)
    return mods


def _inside(diagnostic: Diagnostic, folder: Path) -> bool:
    try:
        return Path(diagnostic.file).resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):
        return False


def survey(root: Path | None = None) -> list[Mod]:
    """Every installed mod with what it changes and its problems, found by loading the
    base game with all of them, on and off (one load)."""
    from game.content.loader import load_packs

    mods = installed(root)
    if not mods:
        return mods
    result = load_packs([core_pack(), *(m.folder for m in mods)])
    for mod in mods:
        mod.problems = [d for d in result.report.items if _inside(d, mod.folder)]
        changed = result.changes.get(mod.id)
        if changed is not None:
            mod.summary = summary(changed)
    return mods


@dataclass
class ModdedLoad:
    """The content loaded with the mods that are on, and the mods left out of it."""

    result: LoadResult
    left_out: list[Mod]


def load_with_mods(extra: Sequence[Path] = (), root: Path | None = None,
                   use_mods: bool = True) -> ModdedLoad:
    """The base game, the mods that are on, then `extra`; a mod with errors is left out
    (and so is every mod when together they break the game)."""
    from game.content.loader import load_packs

    mods = [m for m in installed(root) if m.on] if use_mods else []
    result = load_packs([core_pack(), *(m.folder for m in mods), *extra])
    if result.content is not None or not mods:
        return ModdedLoad(result, [])
    broken = [m for m in mods if any(_inside(d, m.folder) for d in result.report.errors)]
    if not broken:  # the errors are elsewhere: in the base game or in `extra`, or
        broken = mods  # the mods together break what each leaves alone
    for mod in broken:
        mod.problems = [d for d in result.report.items if _inside(d, mod.folder)]
    kept = [m for m in mods if m not in broken]
    again = load_packs([core_pack(), *(m.folder for m in kept), *extra])
    return ModdedLoad(again, broken)


def left_out_sentence(left_out: Sequence[Mod]) -> str:
    """One sentence naming the mods a game was started without."""
    return _("Left out of the game because of errors: {mods} (python -m game mods, or Mods "
             "on the title screen, says why).").format(mods=", ".join(m.name for m in left_out))
