"""Which packs load, in which order, and which of their files the game never reads.

The first pack given is the base game (`core`); the others load after it in the order
their `depends` ask, else in the order given. A pack that depends on a pack not given,
a cycle of packs that depend on each other, two folders with one id, a pack that calls
itself `core`, and a pack made for other versions of the game are errors at the line
of its manifest that says so.

A pack's files are found by name (`cards/*.yaml`, `rules.yaml`, `locale/es.po`, ...);
every other file is reported as a warning that says what the game would have read
instead: `cards/x.yml` is not read, `cards/x.yaml` would be.
"""

from __future__ import annotations

import difflib
import itertools
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from game import __version__
from game.content.diagnostics import Diagnostic, Report, did_you_mean
from game.content.explain import shown_path
from game.content.yamlload import LoadedYaml
from game.i18n import _
from game.models.content import Manifest
from game.models.versions import allows

#: Content folders: each `*.yaml` file in one holds items of its kind.
FOLDERS = ("cards", "events", "endings", "leaders", "scenarios")
#: Files at the top of a pack, each of one kind.
ROOT_FILES = ("pack", "rules", "sources", "history", "difficulties", "assumptions")
#: The pack id of the base game; no other pack may take it.
BASE_ID = "core"
#: Most unread files reported for one pack; past that, one warning says how many more.
MAX_UNREAD = 20
#: Files a pack may hold for people rather than the game: never reported.
_FOR_PEOPLE = ("readme", "license", "licence", "copying", "changelog", "authors", "notice")
_PEOPLE_SUFFIXES = (".md", ".txt", ".rst", ".html", ".pdf", ".png", ".jpg", ".jpeg", ".svg")


@dataclass
class PackFolder:
    """A pack folder whose manifest was read (`manifest` is None when it is broken)."""

    folder: Path
    manifest_file: str
    yaml: LoadedYaml
    manifest: Manifest | None
    id: str

    def where(self, *loc: str | int) -> tuple[int, int]:
        """Line and column of `loc` in the manifest."""
        return self.yaml.position(loc)


def order_packs(found: Sequence[PackFolder], report: Report) -> list[PackFolder]:
    """The packs in the order they load, after reporting what is wrong with that order.

    The first is the base game and stays first. A pack whose dependencies cannot all
    load before it (missing, or in a cycle) still loads, last, so that one run reports
    its other problems too; the errors block the game from starting.
    """
    if not found:
        return []
    base, rest = found[0], []
    seen: dict[str, PackFolder] = {base.id: base}
    for pack in found[1:]:
        if pack.id == BASE_ID and pack.manifest is not None:
            line, col = pack.where("id")
            report.add(Diagnostic(pack.manifest_file, line, col, "error", "reserved-id", "id",
                                  _("the id 'core' is the base game's: give your pack an id of "
                                    "its own, like my_region")))
            continue
        if pack.id in seen:
            line, col = pack.where("id")
            report.add(Diagnostic(pack.manifest_file, line, col, "error", "duplicate-id", "id",
                                  _("two folders hold the pack '{id}': {first} and this one; "
                                    "load only one of them").format(
                                      id=pack.id, first=seen[pack.id].manifest_file)))
            continue
        seen[pack.id] = pack
        rest.append(pack)
    for pack in (base, *rest):
        _check_game_version(pack, report)
    known = [pack.id for pack in (base, *rest)]
    for pack in (base, *rest):
        for i, dep in enumerate(_depends(pack)):
            if dep not in seen or pack is base:  # nothing loads before the base
                line, col = pack.where("depends", i)
                report.add(Diagnostic(
                    pack.manifest_file, line, col, "error", "missing-dependency",
                    f"depends[{i}]",
                    _("the pack '{pack}' needs the pack '{dep}', which is not loaded: load it "
                      "too (--pack FOLDER, or put it in the mods folder).").format(
                          pack=pack.id, dep=dep) + did_you_mean(dep, known)))
    ordered = [base]
    loaded = {base.id}
    waiting = list(rest)
    while waiting:
        ready = next((p for p in waiting
                      if all(d in loaded or d not in seen for d in _depends(p))), None)
        if ready is None:  # every pack left waits on another: a cycle
            _report_cycle(waiting, report)
            ordered.extend(waiting)
            break
        waiting.remove(ready)
        ordered.append(ready)
        loaded.add(ready.id)
    return ordered


def _depends(pack: PackFolder) -> list[str]:
    return list(pack.manifest.depends) if pack.manifest is not None else []


def _check_game_version(pack: PackFolder, report: Report) -> None:
    if pack.manifest is None or allows(pack.manifest.game, __version__):
        return
    line, col = pack.where("game")
    report.add(Diagnostic(pack.manifest_file, line, col, "error", "incompatible-game", "game",
                          _("the pack '{pack}' is made for game versions '{wanted}', and this "
                            "game is version {version}: use a version of the pack made for "
                            "it, or change `game:` once you have checked that the pack "
                            "works").format(pack=pack.id, wanted=pack.manifest.game,
                                            version=__version__)))


def _report_cycle(waiting: list[PackFolder], report: Report) -> None:
    """One error on each pack of a cycle, naming the whole cycle."""
    by_id = {pack.id: pack for pack in waiting}
    start = waiting[0]
    path = [start.id]
    current = start
    while True:  # follow the first dependency still waiting until a pack comes back
        nxt = next(d for d in _depends(current) if d in by_id)
        if nxt in path:
            cycle = [*path[path.index(nxt):], nxt]
            break
        path.append(nxt)
        current = by_id[nxt]
    words = " → ".join(cycle)
    for pack_id, dep in itertools.pairwise(cycle):
        pack = by_id[pack_id]
        i = _depends(pack).index(dep)
        line, col = pack.where("depends", i)
        report.add(Diagnostic(
            pack.manifest_file, line, col, "error", "dependency-cycle", f"depends[{i}]",
            _("the packs depend on each other in a circle ({cycle}), so none can load "
              "first: remove '{dep}' from the depends of '{pack}', or the other way "
              "round").format(cycle=words, dep=dep, pack=pack_id)))


# ------------------------------------------------------------------------- unread files


def unread_files(folder: Path, read: Sequence[Path] = ()) -> list[Diagnostic]:
    """A warning for each file of the pack `folder` that the game does not read, saying
    what it would have read instead (one warning for a whole folder it does not read).

    `read` are the files the game reads: a folder whose files are read through links
    from a content folder is not reported.
    """
    targets = {where.parent for path in read if path.is_symlink()
               if (where := _resolved(path)) is not None}
    found: list[Diagnostic] = []
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return found
    for name in names:
        path = folder / name
        if name.startswith(".") or (path.is_symlink() and not path.exists()):
            continue
        if path.is_dir():
            here = _resolved(path)
            if here is not None and not any(t.is_relative_to(here) for t in targets):
                found.extend(_unread_folder(path, name))
        elif not _read_at_top(name):
            found.append(_unread_top_file(path, name))
    if len(found) > MAX_UNREAD:
        more = len(found) - MAX_UNREAD
        found = found[:MAX_UNREAD]
        found.append(_warning(folder, _("and {n} more files the game does not read").format(
            n=more)))
    return found


def _resolved(path: Path) -> Path | None:
    """Where `path` leads, or None for a link that leads nowhere or back to itself."""
    try:
        return path.resolve(strict=True)
    except (OSError, RuntimeError):
        return None


def _warning(path: Path, message: str) -> Diagnostic:
    return Diagnostic(shown_path(path, follow=False), 1, 1, "warning", "unread-file", "",
                      message)


def _for_people(name: str) -> bool:
    lower = name.lower()
    return lower.startswith(_FOR_PEOPLE) or lower.endswith(_PEOPLE_SUFFIXES)


def _read_at_top(name: str) -> bool:
    return name in {f"{kind}.yaml" for kind in ROOT_FILES} or _for_people(name)


def _unread_top_file(path: Path, name: str) -> Diagnostic:
    stem, _dot, suffix = name.partition(".")
    if stem.lower() in FOLDERS and suffix.lower() in ("yaml", "yml"):
        return _warning(path, _("this file is not read: {kind} go in the folder {kind}/, one "
                                "or more .yaml files there, like {kind}/{name}").format(
                                    kind=stem.lower(), name=f"{stem.lower()}.yaml"))
    wanted = [f"{kind}.yaml" for kind in ROOT_FILES]
    close = difflib.get_close_matches(name.lower(), wanted, n=1, cutoff=0.6)
    if close or suffix.lower() in ("yml", "yaml", "json"):
        hint = _("did you mean {name}?").format(name=close[0]) if close else _(
            "at the top of a pack the game reads {files}").format(files=", ".join(wanted))
        return _warning(path, _("this file is not read: {hint}").format(hint=hint))
    return _warning(path, _("this file is not read by the game (a pack holds pack.yaml, "
                            "rules.yaml and the like, the folders {folders}, and "
                            "locale/)").format(folders=", ".join(f"{f}/" for f in FOLDERS)))


def _unread_folder(path: Path, name: str) -> list[Diagnostic]:
    if name in FOLDERS:
        if path.is_symlink():  # the loader says whether it may be read
            return []
        return [_unread_content_file(p, name) for p in sorted(path.iterdir())
                if not p.name.startswith(".") and p.suffix != ".yaml"
                and not _for_people(p.name)]
    if name == "locale":
        return [_warning(p, _("this file is not read: translations are locale/<language>.po "
                              "files, like locale/es.po"))
                for p in sorted(path.iterdir())
                if not p.name.startswith(".") and p.suffix not in (".po", ".pot", ".mo")
                and not _for_people(p.name)]
    if name in ("schemas", "docs", "images", "tests"):  # for editors and people
        return []
    close = difflib.get_close_matches(name.lower(), [*FOLDERS, "locale"], n=1, cutoff=0.6)
    if close:
        return [_warning(path, _("the folder {name}/ is not read: did you mean {folder}/?")
                         .format(name=name, folder=close[0]))]
    return [_warning(path, _("the folder {name}/ is not read: the game reads the folders "
                             "{folders} and locale/").format(
                                 name=name, folders=", ".join(f"{f}/" for f in FOLDERS)))]


def _unread_content_file(path: Path, folder: str) -> Diagnostic:
    if path.is_dir():
        return _warning(path, _("folders inside {folder}/ are not read: move its files up "
                                "into {folder}/").format(folder=folder))
    if path.suffix.lower() in (".yml", ".yaml"):  # .yml, .YAML
        return _warning(path, _("this file is not read: only files ending in .yaml are; did "
                                "you mean {name}?").format(name=f"{folder}/{path.stem}.yaml"))
    return _warning(path, _("this file is not read: the folder {folder}/ holds .yaml "
                            "files").format(folder=folder))
