"""Loading content packs: read every file, validate it, merge packs in order.

`load_packs` never raises for bad content: it returns a report holding every
problem it found (schema, references, reachability) and, when there were no
errors, the merged `Content`.
"""

from __future__ import annotations

import gc
import re
import types
import typing
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

from pydantic import BaseModel, ValidationError

from game.content.diagnostics import Diagnostic, Report, did_you_mean
from game.content.yamlload import LoadedYaml, load_yaml
from game.models.bundle import Content, Origin
from game.models.content import (
    FILE_KINDS,
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

#: Folders of a pack whose every `*.yaml` file holds items of one kind.
FOLDERS = ("cards", "events", "endings", "leaders", "scenarios")


@dataclass
class ParsedFile:
    """One content file after YAML parsing and schema validation."""

    pack: str
    shown: str
    kind: str
    yaml: LoadedYaml
    model: BaseModel | None


@dataclass
class LoadResult:
    """The outcome of a load: the report, and the content when there was no error."""

    report: Report
    content: Content | None
    files: dict[str, ParsedFile]


def shown_path(path: Path) -> str:
    """A path as users should see it: relative to the working folder when inside it."""
    absolute = path.resolve()
    try:
        return str(absolute.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(absolute)


# ---------------------------------------------------------------- pydantic → diagnostics

_EXPECTED_RE = re.compile(r"'([^']*)'")


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated/Optional to the inner type."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return _unwrap(args[0])
        return tuple(_unwrap(a) for a in args)
    return annotation


def _model_at(model: Any, loc: Sequence[str | int]) -> type[BaseModel] | None:
    """The model class that owns the last part of `loc`, following lists and unions."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, tuple):  # a union: pick the member whose kind is `part`
            chosen = None
            for member in current:
                if isinstance(member, type) and issubclass(member, BaseModel):
                    kind_field = member.model_fields.get("kind")
                    if kind_field is not None and part in typing.get_args(kind_field.annotation):
                        chosen = member
            if chosen is None:
                return None
            current = chosen
            continue
        origin = typing.get_origin(current)
        if origin in (list, dict):
            current = typing.get_args(current)[-1]
            continue
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = _field_by_alias(current, str(part))
            if field is None:
                return current
            current = field
            continue
        return None
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return current
    return None


def _field_by_alias(model: type[BaseModel], name: str) -> Any:
    for field_name, info in model.model_fields.items():
        if (info.alias or field_name) == name:
            return info.annotation
    return None


def _aliases(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()]


def _path_text(loc: Sequence[str | int], data: Any) -> str:
    """`cards[3].effects[0].delta`, skipping union tags that are not keys in the data."""
    out = ""
    node = data
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
            node = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
        elif isinstance(node, dict) and part in node:
            out += f".{part}" if out else str(part)
            node = node[part]
        elif isinstance(node, dict) and node.get("kind") == part:
            continue
        elif isinstance(node, dict):
            out += f".{part}" if out else str(part)
            node = None
        else:
            continue
    return out


def _schema_diagnostics(
    err: ValidationError, parsed: LoadedYaml, model: type[BaseModel], shown: str
) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for item in err.errors(include_url=False):
        loc = tuple(item["loc"])
        kind = item["type"]
        path = _path_text(loc, parsed.data)
        ctx = item.get("ctx") or {}
        if kind == "extra_forbidden":
            owner = _model_at(model, loc[:-1])
            name = str(loc[-1])
            hint = did_you_mean(name, _aliases(owner)) if owner else ""
            line, col = parsed.position(loc, key=True)
            code, message = "unknown-field", f"unknown field '{name}'.{hint}"
        elif kind == "missing":
            owner = _model_at(model, loc[:-1])
            line, col = parsed.position(loc[:-1])
            code, message = "missing-field", f"required field '{loc[-1]}' is missing"
            if owner is not None and loc[-1] in owner.model_fields:
                desc = owner.model_fields[str(loc[-1])].description
                if desc:
                    message += f" ({desc})"
        elif kind == "union_tag_invalid":
            tag = str(ctx.get("tag", ""))
            expected = _EXPECTED_RE.findall(str(ctx.get("expected_tags", "")))
            line, col = parsed.position((*loc, "kind"))
            path = f"{path}.kind" if path else "kind"
            code = "unknown-kind"
            message = f"unknown kind '{tag}'.{did_you_mean(tag, expected)}"
            if not did_you_mean(tag, expected):
                message += f" Expected one of: {', '.join(expected)}"
        elif kind == "union_tag_not_found":
            line, col = parsed.position(loc)
            code, message = "missing-field", "required field 'kind' is missing"
        elif kind in ("literal_error", "enum"):
            expected = _EXPECTED_RE.findall(str(ctx.get("expected", "")))
            given = item.get("input")
            line, col = parsed.position(loc)
            code = "bad-value"
            hint = did_you_mean(str(given), expected) if expected else ""
            message = f"'{given}' is not allowed here.{hint}"
            if expected and not hint:
                message += f" Expected one of: {', '.join(expected)}"
        else:
            line, col = parsed.position(loc)
            code = "bad-type"
            given = item.get("input")
            shown_input = (
                type(given).__name__ if isinstance(given, (dict, list)) else repr(given)
            )
            message = f"{item['msg']} (got {shown_input})"
        out.append(Diagnostic(shown, line, col, "error", code, path, message))
    return out


# --------------------------------------------------------------------------- file reading


def parse_file(path: Path, kind: str, pack: str, report: Report) -> ParsedFile:
    """Read, parse and validate one file, adding every problem to the report."""
    shown = shown_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        report.add(Diagnostic(shown, 1, 1, "error", "yaml-syntax", "", f"cannot read: {exc}"))
        return ParsedFile(pack, shown, kind, LoadedYaml(None, None, []), None)
    parsed = load_yaml(text)
    for problem in parsed.problems:
        report.add(
            Diagnostic(shown, problem.line, problem.col, "error", problem.code, "", problem.message)
        )
    if parsed.root is None and not parsed.problems:
        report.add(Diagnostic(shown, 1, 1, "error", "missing-field", "", "the file is empty"))
        return ParsedFile(pack, shown, kind, parsed, None)
    if parsed.data is None:
        return ParsedFile(pack, shown, kind, parsed, None)
    model_cls = FILE_KINDS[kind]
    if not isinstance(parsed.data, dict):
        report.add(
            Diagnostic(
                shown, 1, 1, "error", "bad-type", "",
                f"expected a mapping at the top of a {kind} file, got {type(parsed.data).__name__}",
            )
        )
        return ParsedFile(pack, shown, kind, parsed, None)
    try:
        model = model_cls.model_validate(parsed.data)
    except ValidationError as err:
        for diagnostic in _schema_diagnostics(err, parsed, model_cls, shown):
            report.add(diagnostic)
        return ParsedFile(pack, shown, kind, parsed, None)
    return ParsedFile(pack, shown, kind, parsed, model)


def pack_files(pack_dir: Path) -> list[tuple[str, Path]]:
    """Every content file of a pack, with its kind, in a stable order."""
    out: list[tuple[str, Path]] = []
    for kind in ("rules", "sources", "history", "difficulties"):
        path = pack_dir / f"{kind}.yaml"
        if path.is_file():
            out.append((kind, path))
    for folder in FOLDERS:
        sub = pack_dir / folder
        if sub.is_dir():
            out.extend((folder, p) for p in sorted(sub.glob("*.yaml")))
    return out


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
    rules: Rules | None = None


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


def _load_packs(pack_dirs: Sequence[Path], check: bool) -> LoadResult:
    from game.content.checks import run_checks

    report = Report()
    files: dict[str, ParsedFile] = {}
    merge = _Merge({}, {}, {}, {}, {}, {}, {})
    manifests: list[Manifest] = []
    loaded_ids: list[str] = []
    for pack_dir in pack_dirs:
        manifest_path = pack_dir / "pack.yaml"
        if not pack_dir.is_dir():
            report.add(
                Diagnostic(shown_path(pack_dir), 1, 1, "error", "bad-pack", "",
                           "no such pack folder")
            )
            continue
        if not manifest_path.is_file():
            report.add(
                Diagnostic(shown_path(manifest_path), 1, 1, "error", "bad-pack", "",
                           "a pack needs a pack.yaml manifest (id, name, version, authors, game)")
            )
            continue
        parsed_manifest = parse_file(manifest_path, "pack", "?", report)
        files[parsed_manifest.shown] = parsed_manifest
        manifest = parsed_manifest.model
        if not isinstance(manifest, Manifest):
            continue
        pack_id = manifest.id
        parsed_manifest.pack = pack_id
        for i, dep in enumerate(manifest.depends):
            if dep not in loaded_ids:
                line, col = parsed_manifest.yaml.position(("depends", i))
                report.add(
                    Diagnostic(parsed_manifest.shown, line, col, "error", "unknown-id",
                               f"depends[{i}]",
                               f"pack '{dep}' must be loaded before '{pack_id}'."
                               f"{did_you_mean(dep, loaded_ids)}")
                )
        manifests.append(manifest)
        loaded_ids.append(pack_id)
        _apply_removals(manifest, parsed_manifest, merge, report)
        seen_in_pack: dict[tuple[str, str], str] = {}
        for kind, path in pack_files(pack_dir):
            parsed = parse_file(path, kind, pack_id, report)
            files[parsed.shown] = parsed
            if parsed.model is None:
                continue
            if isinstance(parsed.model, Rules):
                merge.rules = parsed.model
                continue
            table, items = _items(parsed.model)
            single = kind in ("leaders", "scenarios")
            for index, item in enumerate(items):
                loc: tuple[str | int, ...] = () if single else (table, index)
                key = (table, item.id)
                if key in seen_in_pack:
                    line, col = parsed.yaml.position((*loc, "id"))
                    report.add(
                        Diagnostic(parsed.shown, line, col, "error", "duplicate-id",
                                   _path_text((*loc, "id"), parsed.yaml.data),
                                   f"{table[:-1]} id '{item.id}' is already used in "
                                   f"{seen_in_pack[key]}")
                    )
                    continue
                seen_in_pack[key] = parsed.shown
                getattr(merge, table)[item.id] = item
                merge.origins[key] = Origin(pack_id, parsed.shown, loc)
    if merge.rules is None and not report.has_errors():
        report.add(Diagnostic(shown_path(pack_dirs[0]) if pack_dirs else "content", 1, 1,
                              "error", "bad-pack", "", "no rules.yaml in any loaded pack"))
    if report.has_errors() or merge.rules is None:
        return LoadResult(report, None, files)
    content = Content(
        packs=manifests,
        rules=merge.rules,
        cards=merge.cards,
        events=merge.events,
        endings=sorted(merge.endings.values(), key=lambda e: -e.priority),
        leaders=merge.leaders,
        scenarios=merge.scenarios,
        sources=merge.sources,
        origins=merge.origins,
        history=dict(sorted(merge.history.items(), key=lambda kv: kv[1].date)),
        difficulties=dict(sorted(merge.difficulties.items(), key=lambda kv: kv[1].order)),
    )
    if check:
        run_checks(content, files, report)
    return LoadResult(report, None if report.has_errors() else content, files)


def _apply_removals(
    manifest: Manifest, parsed: ParsedFile, merge: _Merge, report: Report
) -> None:
    for table, ids in manifest.remove.items():
        existing: dict[str, Any] = getattr(merge, table)
        for i, item_id in enumerate(ids):
            if item_id in existing:
                del existing[item_id]
                merge.origins.pop((table, item_id), None)
            else:
                line, col = parsed.yaml.position(("remove", table, i))
                report.add(
                    Diagnostic(parsed.shown, line, col, "warning", "unknown-id",
                               f"remove.{table}[{i}]",
                               f"cannot remove '{item_id}': no earlier pack defines it."
                               f"{did_you_mean(item_id, existing)}")
                )
