"""Loading content packs: read every file, validate it, merge packs in order.

`load_packs` never raises for bad content: it returns a report holding every
problem it found (schema, references, reachability) and, when there were no
errors, the merged `Content`.

Packs are untrusted input (teachers download them), so a file is refused before
it is read when it is a link leading out of its pack, is not a regular file, or
is bigger than `MAX_FILE_BYTES`; then its bytes must be UTF-8 and its YAML stays
within the limits of `game.content.yamlload`. Files are only ever read.

One run reports every problem: the items of a list file (cards, events, ...) are
validated one by one and the valid ones kept; the cross-file checks run on
everything valid even when there were errors, told by `Gaps` what could not be
read so that a broken item or file does not also show up as a flood of unknown
ids elsewhere.
"""

from __future__ import annotations

import gc
import os
import stat
import typing
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from game.content.checks import Gaps, run_checks
from game.content.diagnostics import Diagnostic, Report, did_you_mean
from game.content.explain import path_text, schema_diagnostics, shown_path
from game.content.packs import FOLDERS, PackFolder, order_packs, unread_files
from game.content.patches import Changes, apply_patches, patch_rules
from game.content.yamlload import LoadedYaml, line_col, load_yaml
from game.i18n import N_, _
from game.models.bundle import Content, Origin
from game.models.content import (
    FILE_KINDS,
    PATCH_TABLES,
    Assumption,
    AssumptionFile,
    Card,
    CardFile,
    Difficulty,
    DifficultyFile,
    Ending,
    EndingFile,
    Event,
    EventFile,
    HistoryEntry,
    HistoryFile,
    Leader,
    Manifest,
    Rules,
    Scenario,
    Source,
    SourceFile,
)

#: Largest content file read, in bytes. The biggest file of the base game is 55 KB;
#: a file twenty times that is no longer something a person wrote by hand.
MAX_FILE_BYTES = 1_000_000


@dataclass
class ParsedFile:
    """One content file after YAML parsing and schema validation.

    `model` holds what is valid (for a list file, its valid items); `broken` the id
    (when readable) and data of each item that failed; `unread` is true when the
    file's items could not be read at all.
    """

    pack: str
    shown: str
    kind: str
    yaml: LoadedYaml
    model: BaseModel | None
    broken: list[tuple[str | None, Any]] = field(default_factory=list)
    unread: bool = False
    #: for a list file, the index in the file of each valid item of `model`
    positions: list[int] = field(default_factory=list)


@dataclass
class LoadResult:
    """The outcome of a load: the report, and the content when there was no error."""

    report: Report
    content: Content | None
    files: dict[str, ParsedFile]
    #: each pack's folder, by id, in the order the packs loaded
    folders: dict[str, Path] = field(default_factory=dict)
    #: what each pack adds, replaces, patches and removes, by id
    changes: dict[str, Changes] = field(default_factory=dict)


# --------------------------------------------------------------------------- file reading


def _size_text(size: int) -> str:
    """A byte count as people say it: 1.4 MB, 320 KB, 12 bytes."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f}".removesuffix(".0") + " MB"
    if size >= 1_000:
        return f"{size / 1_000:.0f} KB"
    return _("{n} bytes").format(n=size)


def _outside(path: Path, root: Path) -> Path | None:
    """Where `path` leads when a link takes it out of the pack folder `root`, else None."""
    target = path.resolve()
    return None if target == root or target.is_relative_to(root) else target


def _through_links(path: Path, root: Path) -> bool:
    """Whether `path` or a folder between it and `root` is a link (only links lead out)."""
    try:
        parts = Path(os.path.abspath(path)).relative_to(root).parts
    except ValueError:  # not written as inside the pack
        return True
    current = root
    for part in parts:
        current = current / part
        if current.is_symlink():
            return True
    return False


def _refused(path: Path, code: str, message: str, line: int = 1, col: int = 1) -> Diagnostic:
    """An error on a file or folder that is not read, named as the user wrote it."""
    return Diagnostic(shown_path(path, follow=False), line, col, "error", code, "", message)


def read_text(path: Path, root: Path | None = None) -> str | Diagnostic:
    """The text of a content file, or why it is refused; reads at most MAX_FILE_BYTES + 1.

    With `root`, a file that is (or lies behind) a link leading outside that pack
    folder is refused without being opened.
    """
    try:
        if root is not None and _through_links(path, root):
            target = _outside(path, root)
            if target is not None:
                return _refused(path, "outside-pack",
                                _("this file is a link to {target}, outside the pack folder; "
                                  "a pack may only use its own files").format(target=target))
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return _refused(path, "unreadable",
                            _("this is not a regular file (a folder or a device named like a "
                              "content file): rename or remove it"))
        if info.st_size > MAX_FILE_BYTES:
            return _too_large(path, info.st_size)
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except RuntimeError:  # a link loop, before Python 3.13
        return _refused(path, "unreadable", _("this file is a link that leads back to itself"))
    except OSError as exc:
        # the system's own words for why (`strerror`), as it gives them
        reason = exc.strerror or type(exc).__name__
        return _refused(path, "unreadable",
                        _("cannot open this file: {reason}").format(reason=reason.lower()))
    if len(data) > MAX_FILE_BYTES:  # it grew after `stat`
        return _too_large(path, len(data))
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data  # a UTF-8 BOM is fine
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = body[:exc.start].decode("utf-8")  # valid up to the bad byte
        line, col = line_col(before, len(before))
        return _refused(path, "not-utf8",
                        _("byte {byte} here is not UTF-8 text: save the file as UTF-8 (in most "
                          "editors: Save As, Encoding: UTF-8)").format(
                            byte=f"0x{body[exc.start]:02X}"), line, col)


def _too_large(path: Path, size: int) -> Diagnostic:
    """Refuse a file bigger than MAX_FILE_BYTES, saying both sizes."""
    return _refused(path, "too-large",
                    _("the file is {size} ({bytes} bytes); a content file may be at most "
                      "{limit} ({limit_bytes} bytes): split it into several files").format(
                        size=_size_text(size), bytes=f"{size:,}",
                        limit=_size_text(MAX_FILE_BYTES), limit_bytes=f"{MAX_FILE_BYTES:,}"))


def _list_field(model_cls: type[BaseModel]) -> tuple[str, type[BaseModel]] | None:
    """(field, item model) of a file model that is one list of items, like `cards:`."""
    if len(model_cls.model_fields) != 1:
        return None
    name, info = next(iter(model_cls.model_fields.items()))
    if typing.get_origin(info.annotation) is not list:
        return None
    item = typing.get_args(info.annotation)[0]
    return (name, item) if isinstance(item, type) and issubclass(item, BaseModel) else None


def _raw_id(data: Any) -> str | None:
    """The `id` of an item that failed validation, when it is readable."""
    item_id = data.get("id") if isinstance(data, dict) else None
    return item_id if isinstance(item_id, str) and item_id else None


def parse_file(path: Path, kind: str, pack: str, report: Report,
               root: Path | None = None) -> ParsedFile:
    """Read, parse and validate one file, adding every problem to the report.

    `root` is the pack folder, when the file must not lead outside it.
    """
    shown = shown_path(path)
    text = read_text(path, root)
    if isinstance(text, Diagnostic):
        report.add(text)
        return ParsedFile(pack, text.file, kind, LoadedYaml(None, None, []), None, unread=True)
    parsed = load_yaml(text)
    for problem in parsed.problems:
        report.add(
            Diagnostic(shown, problem.line, problem.col, "error", problem.code, "", problem.message)
        )
    if parsed.root is None and not parsed.problems:
        report.add(Diagnostic(shown, 1, 1, "error", "missing-field", "", _("the file is empty")))
        return ParsedFile(pack, shown, kind, parsed, None, unread=True)
    if parsed.data is None:
        return ParsedFile(pack, shown, kind, parsed, None, unread=True)
    model_cls = FILE_KINDS[kind]
    if not isinstance(parsed.data, dict):
        line, col = parsed.position(())
        report.add(
            Diagnostic(
                shown, line, col, "error", "bad-type", "",
                _("expected a mapping at the top of a {kind} file, got {type}").format(
                    kind=kind, type=type(parsed.data).__name__),
            )
        )
        return ParsedFile(pack, shown, kind, parsed, None, unread=True)
    spec = _list_field(model_cls)
    if spec is None:
        try:
            model = model_cls.model_validate(parsed.data)
        except ValidationError as err:
            report.items.extend(schema_diagnostics(err, parsed, model_cls, shown))
            item_id = _raw_id(parsed.data)
            return ParsedFile(pack, shown, kind, parsed, None, [(item_id, parsed.data)],
                              unread=item_id is None)
        return ParsedFile(pack, shown, kind, parsed, model)
    return _parse_list(parsed, kind, pack, shown, model_cls, spec, report)


def _parse_list(
    parsed: LoadedYaml, kind: str, pack: str, shown: str, model_cls: type[BaseModel],
    spec: tuple[str, type[BaseModel]], report: Report,
) -> ParsedFile:
    """A file holding one list of items: each item validated on its own, valid ones kept."""
    name, item_cls = spec
    data: dict[Any, Any] = parsed.data
    raw_items = data.get(name)
    listed = isinstance(raw_items, list)
    if isinstance(raw_items, list):  # most files are valid: one call for the whole file
        try:
            model = model_cls.model_validate(data)
        except ValidationError:
            pass
        else:
            return ParsedFile(pack, shown, kind, parsed, model,
                              positions=list(range(len(raw_items))))
    try:  # the file around its items: unknown top-level keys, a missing or non-list field
        model_cls.model_validate({**data, name: []} if listed else data)
    except ValidationError as err:
        report.items.extend(schema_diagnostics(err, parsed, model_cls, shown))
    if not isinstance(raw_items, list):
        return ParsedFile(pack, shown, kind, parsed, None, unread=True)
    valid: list[BaseModel] = []
    positions: list[int] = []
    broken: list[tuple[str | None, Any]] = []
    for index, raw in enumerate(raw_items):
        try:
            valid.append(item_cls.model_validate(raw))
            positions.append(index)
        except ValidationError as err:
            report.items.extend(schema_diagnostics(err, parsed, model_cls, shown, (name, index)))
            broken.append((_raw_id(raw), raw))
    values: dict[str, Any] = {name: valid}
    model = model_cls.model_construct(None, **values)
    return ParsedFile(pack, shown, kind, parsed, model, broken, positions=positions)


def pack_files(pack_dir: Path) -> list[tuple[str, Path]]:
    """Every content file of a pack, with its kind, in a stable order.

    A folder that is a link leading outside the pack is left out: its files are
    never listed nor read.
    """
    return _pack_files(pack_dir)[0]


def _pack_files(pack_dir: Path) -> tuple[list[tuple[str, Path]], list[tuple[str, Diagnostic]]]:
    """`pack_files`, and each folder left out with the diagnostic that says why."""
    root = pack_dir.resolve()
    out: list[tuple[str, Path]] = []
    refused: list[tuple[str, Diagnostic]] = []
    for kind in ("rules", "sources", "history", "difficulties", "assumptions"):
        path = pack_dir / f"{kind}.yaml"
        if path.is_file() or path.is_symlink():
            out.append((kind, path))
    for folder in FOLDERS:
        sub = pack_dir / folder
        try:
            target = _outside(sub, root) if sub.is_symlink() else None
        except (OSError, RuntimeError):
            refused.append((folder, _refused(
                sub, "unreadable",
                _("the folder {folder}/ is a link that leads back to itself").format(
                    folder=folder))))
            continue
        if target is not None:
            refused.append((folder, _refused(
                sub, "outside-pack", _("the folder {folder}/ is a link to {target}, outside "
                                       "the pack folder; a pack may only use its own "
                                       "files").format(folder=folder, target=target))))
            continue
        if sub.is_dir():
            out.extend((folder, p) for p in sorted(sub.glob("*.yaml")))
    return out, refused


# --------------------------------------------------------------------------------- merging


@dataclass
class _Merge:
    cards: dict[str, Card]
    events: dict[str, Event]
    endings: dict[str, Ending]
    leaders: dict[str, Leader]
    scenarios: dict[str, Scenario]
    sources: dict[str, Source]
    origins: dict[tuple[str, str], Origin]
    history: dict[str, HistoryEntry] = field(default_factory=dict)
    difficulties: dict[str, Difficulty] = field(default_factory=dict)
    assumptions: dict[str, Assumption] = field(default_factory=dict)
    rules: Rules | None = None
    gaps: Gaps = field(default_factory=Gaps)

    def tables(self) -> dict[str, dict[str, Any]]:
        """The items merged so far, by table then id (the dicts themselves)."""
        return {table: getattr(self, table) for table in PATCH_TABLES}


def _items(model: BaseModel) -> tuple[str, list[Any]]:
    if isinstance(model, CardFile):
        return "cards", list(model.cards)
    if isinstance(model, EventFile):
        return "events", list(model.events)
    if isinstance(model, EndingFile):
        return "endings", list(model.endings)
    if isinstance(model, SourceFile):
        return "sources", list(model.sources)
    if isinstance(model, HistoryFile):
        return "history", list(model.history)
    if isinstance(model, DifficultyFile):
        return "difficulties", list(model.difficulties)
    if isinstance(model, AssumptionFile):
        return "assumptions", list(model.assumptions)
    if isinstance(model, Leader):
        return "leaders", [model]
    if isinstance(model, Scenario):
        return "scenarios", [model]
    return "", []


def load_packs(pack_dirs: Sequence[Path], check: bool = True) -> LoadResult:
    """Load packs in order (later override earlier by id) and validate everything."""
    # Parsing makes hundreds of thousands of short-lived, acyclic node objects; the
    # cycle collector would rescan them again and again, so it waits until the end.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _load_packs(pack_dirs, check)
    finally:
        if enabled:
            gc.enable()


def _read_manifests(pack_dirs: Sequence[Path], report: Report,
                    files: dict[str, ParsedFile]) -> list[PackFolder]:
    """The manifest of each pack folder that has one (broken manifests included)."""
    found: list[PackFolder] = []
    for pack_dir in pack_dirs:
        manifest_path = pack_dir / "pack.yaml"
        if not pack_dir.is_dir():
            report.add(Diagnostic(shown_path(pack_dir), 1, 1, "error", "bad-pack", "",
                                  _("no such pack folder")))
            continue
        if not (manifest_path.is_file() or manifest_path.is_symlink()):
            others = [p.name for p in pack_dir.glob("pack.*")]
            report.add(Diagnostic(
                shown_path(manifest_path), 1, 1, "error", "bad-pack", "",
                _("a pack needs a pack.yaml manifest (id, name, version, authors, game)")
                + (" " + _("{name} is not read: only pack.yaml is").format(name=others[0])
                   if others else "")))
            continue
        parsed = parse_file(manifest_path, "pack", "?", report, pack_dir.resolve())
        files[parsed.shown] = parsed
        manifest = parsed.model if isinstance(parsed.model, Manifest) else None
        # A broken manifest's files are read still, so that one run reports every problem.
        pack_id = manifest.id if manifest else _raw_id(parsed.yaml.data) or pack_dir.name
        parsed.pack = pack_id
        found.append(PackFolder(pack_dir, parsed.shown, parsed.yaml, manifest, pack_id))
    return found


def _load_packs(pack_dirs: Sequence[Path], check: bool) -> LoadResult:
    report = Report()
    files: dict[str, ParsedFile] = {}
    merge = _Merge({}, {}, {}, {}, {}, {}, {})
    manifests: list[Manifest] = []
    folders: dict[str, Path] = {}
    changes: dict[str, Changes] = {}
    rules_seen = False
    for pack in order_packs(_read_manifests(pack_dirs, report, files), report):
        manifest, pack_id = pack.manifest, pack.id
        changed = changes[pack_id] = Changes()
        folders[pack_id] = pack.folder
        if manifest is not None:
            manifests.append(manifest)
            _apply_removals(manifest, files[pack.manifest_file], merge, changed, report)
        seen_in_pack: dict[tuple[str, str], str] = {}
        paths, refused = _pack_files(pack.folder)
        for folder, diagnostic in refused:
            report.add(diagnostic)
            merge.gaps.unread.add(folder)
        if check:
            report.items.extend(unread_files(pack.folder, [path for _kind, path in paths]))
        root = pack.folder.resolve()
        for kind, path in paths:
            parsed = parse_file(path, kind, pack_id, report, root)
            files[parsed.shown] = parsed
            _note_gaps(parsed, merge.gaps)
            if kind == "rules":  # a later pack's rules replace the earlier ones
                rules_seen = True
                merge.rules = parsed.model if isinstance(parsed.model, Rules) else None
                merge.gaps.rules_broken = merge.rules is None
                continue
            if parsed.model is None:
                continue
            _merge_items(parsed, pack_id, merge, seen_in_pack, changed, report)
        if manifest is not None:
            apply_patches(manifest, pack.yaml, pack.manifest_file, merge.tables(),
                          merge.origins, merge.gaps, changed, report)
            merge.rules = patch_rules(manifest, pack.yaml, pack.manifest_file, merge.rules,
                                      changed, report)
    if not rules_seen and folders:
        report.add(Diagnostic(shown_path(pack_dirs[0]) if pack_dirs else "content", 1, 1,
                              "error", "bad-pack", "", _("no rules.yaml in any loaded pack")))
    if not folders or (merge.rules is None and not check):
        return LoadResult(report, None, files, folders, changes)
    content = Content(
        packs=manifests,
        rules=merge.rules if merge.rules is not None else Gaps.fallback_rules(),
        cards=merge.cards,
        events=merge.events,
        endings=sorted(merge.endings.values(), key=lambda e: -e.priority),
        leaders=merge.leaders,
        scenarios=merge.scenarios,
        sources=merge.sources,
        origins=merge.origins,
        history=dict(sorted(merge.history.items(), key=lambda kv: kv[1].date)),
        difficulties=dict(sorted(merge.difficulties.items(), key=lambda kv: kv[1].order)),
        assumptions=dict(sorted(merge.assumptions.items(), key=lambda kv: kv[1].order)),
        folders={pack: str(path) for pack, path in folders.items()},
    )
    if check:
        merge.gaps.rules_broken = merge.gaps.rules_broken or merge.rules is None
        run_checks(content, files, report, merge.gaps)
    ok = not report.has_errors() and merge.rules is not None
    return LoadResult(report, content if ok else None, files, folders, changes)


def _note_gaps(parsed: ParsedFile, gaps: Gaps) -> None:
    """Record in `gaps` what of this file could not be validated."""
    if parsed.kind == "rules":
        return
    if parsed.unread:
        gaps.unread.add(parsed.kind)
    for item_id, raw in parsed.broken:
        gaps.add_broken(parsed.kind, item_id, raw)


#: What one item of each table is called in a diagnostic.
_ITEM_WORDS = {
    "cards": N_("card"), "events": N_("event"), "endings": N_("ending"),
    "sources": N_("source"), "history": N_("history entry"), "difficulties": N_("difficulty"),
    "assumptions": N_("assumption"), "leaders": N_("leader"), "scenarios": N_("scenario"),
}


def _merge_items(
    parsed: ParsedFile, pack_id: str, merge: _Merge, seen_in_pack: dict[tuple[str, str], str],
    changes: Changes, report: Report,
) -> None:
    """Add the valid items of one file to the merge, refusing ids repeated in one pack."""
    assert parsed.model is not None
    table, items = _items(parsed.model)
    single = parsed.kind in ("leaders", "scenarios")
    for number, item in enumerate(items):
        loc: tuple[str | int, ...] = () if single else (table, parsed.positions[number])
        key = (table, item.id)
        if key in seen_in_pack:
            line, col = parsed.yaml.position((*loc, "id"))
            report.add(
                Diagnostic(parsed.shown, line, col, "error", "duplicate-id",
                           path_text((*loc, "id"), parsed.yaml.data),
                           _("{kind} id '{id}' is already used in {file}").format(
                               kind=_(_ITEM_WORDS.get(table, table)), id=item.id,
                               file=seen_in_pack[key]))
            )
            continue
        seen_in_pack[key] = parsed.shown
        existing = getattr(merge, table)
        if item.id in existing:
            merge.gaps.cited_before.update(getattr(existing[item.id], "sources", ()))
        changes.note("replaced" if item.id in existing else "added", table, item.id)
        existing[item.id] = item
        merge.origins[key] = Origin(pack_id, parsed.shown, loc)


def _apply_removals(
    manifest: Manifest, parsed: ParsedFile, merge: _Merge, changes: Changes, report: Report
) -> None:
    for table, ids in manifest.remove.items():
        existing: dict[str, Any] = getattr(merge, table)
        for i, item_id in enumerate(ids):
            if item_id in existing:
                merge.gaps.cited_before.update(getattr(existing[item_id], "sources", ()))
                merge.gaps.removed.setdefault(table, {})[item_id] = manifest.id
                del existing[item_id]
                merge.origins.pop((table, item_id), None)
                changes.note("removed", table, item_id)
            elif not merge.gaps.covers(table, item_id):
                line, col = parsed.yaml.position(("remove", table, i))
                report.add(
                    Diagnostic(parsed.shown, line, col, "warning", "unknown-id",
                               f"remove.{table}[{i}]",
                               _("cannot remove '{id}': no earlier pack defines it.").format(
                                   id=item_id) + did_you_mean(item_id, existing))
                )
