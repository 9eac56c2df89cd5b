"""A pack's `patch:`: fields changed in items of earlier packs, without copying them.

Each entry names an item by its `id` and gives the fields to change; a field given
replaces that field whole (a list or a block is given whole), the others stay. The
changed item is validated like any other, and a problem is reported at the entry's
line in the manifest. `rules:` changes fields of the rules the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from game.content.checks import Gaps
from game.content.diagnostics import Diagnostic, Report, did_you_mean
from game.content.explain import schema_diagnostics
from game.content.yamlload import LoadedYaml
from game.i18n import _
from game.models.bundle import Origin
from game.models.content import (
    PATCH_TABLES,
    Assumption,
    Card,
    Difficulty,
    Ending,
    Event,
    HistoryEntry,
    Leader,
    Manifest,
    Rules,
    Scenario,
    Source,
)

#: The model of one item of each table a pack may patch.
ITEM_MODELS: dict[str, type[BaseModel]] = {
    "cards": Card, "events": Event, "endings": Ending, "leaders": Leader,
    "scenarios": Scenario, "sources": Source, "history": HistoryEntry,
    "difficulties": Difficulty, "assumptions": Assumption,
}


@dataclass
class Changes:
    """What one pack does to the packs before it (for `validate --diff` and the list of
    mods): ids it adds, replaces whole, patches (with the fields) and removes, by table."""

    added: dict[str, list[str]] = field(default_factory=dict)
    replaced: dict[str, list[str]] = field(default_factory=dict)
    patched: dict[str, list[tuple[str, tuple[str, ...]]]] = field(default_factory=dict)
    removed: dict[str, list[str]] = field(default_factory=dict)

    def note(self, kind: str, table: str, item: Any) -> None:
        """Record one change: `kind` is added, replaced, patched or removed."""
        getattr(self, kind).setdefault(table, []).append(item)

    def touched(self) -> set[tuple[str, str]]:
        """The items of earlier packs this pack removes, replaces or patches."""
        return {*((t, i) for t, ids in self.replaced.items() for i in ids),
                *((t, i) for t, ids in self.removed.items() for i in ids),
                *((t, i) for t, done in self.patched.items() for i, _f in done)}

    def empty(self) -> bool:
        """True when the pack changes nothing."""
        return not (self.added or self.replaced or self.patched or self.removed)


def _dump(item: BaseModel) -> dict[str, Any]:
    """An item as the data it was read from, to be validated again with some fields
    changed."""
    return item.model_dump(by_alias=True, exclude_unset=True, round_trip=True)


def apply_patches(
    manifest: Manifest, yaml: LoadedYaml, shown: str, tables: dict[str, dict[str, Any]],
    origins: dict[tuple[str, str], Origin], gaps: Gaps, changes: Changes, report: Report,
) -> None:
    """Change the items of `tables` (by table, then id) as `manifest.patch` says.

    An id `gaps` covers may exist though no valid item has it (a broken file): a patch of
    it is not reported as unknown. The sources a changed item cited stay cited (in
    `gaps.cited_before`), whatever the patch does to them.
    """
    for table in PATCH_TABLES:
        existing = tables[table]
        for i, entry in enumerate(getattr(manifest.patch, table)):
            at = ("patch", table, i)
            if entry.id not in existing:
                if not gaps.covers(table, entry.id):
                    line, col = yaml.position((*at, "id"))
                    report.add(Diagnostic(
                        shown, line, col, "error", "unknown-id", f"patch.{table}[{i}].id",
                        _("there is no '{id}' in the {table} of the packs loaded before "
                          "this one, so nothing to change.").format(id=entry.id, table=table)
                        + did_you_mean(entry.id, existing)))
                continue
            given = dict(entry.model_extra or {})
            if not given:
                line, col = yaml.position(at)
                report.add(Diagnostic(
                    shown, line, col, "warning", "empty-patch", f"patch.{table}[{i}]",
                    _("this change names '{id}' but no field to change: add a field and its "
                      "new value under the id, like `cost: 2`").format(id=entry.id)))
                continue
            model = ITEM_MODELS[table]
            try:
                changed = model.model_validate({**_dump(existing[entry.id]), **given})
            except ValidationError as err:
                report.items.extend(schema_diagnostics(err, yaml, model, shown, at=at))
                continue
            gaps.cited_before.update(getattr(existing[entry.id], "sources", ()))
            existing[entry.id] = changed
            fields = tuple(given)
            old = origins.get((table, entry.id))
            if old is not None:
                where = Origin(manifest.id, shown, at)
                origins[(table, entry.id)] = Origin(
                    old.pack, old.file, old.loc,
                    (*old.patched, *((name, where) for name in fields)))
            changes.note("patched", table, (entry.id, fields))


def patch_rules(manifest: Manifest, yaml: LoadedYaml, shown: str, rules: Rules | None,
                changes: Changes, report: Report) -> Rules | None:
    """The rules with `manifest.patch.rules` applied (as they were when it fails)."""
    given = manifest.patch.rules
    if not given or rules is None:
        return rules
    try:
        changed = Rules.model_validate({**_dump(rules), **given})
    except ValidationError as err:
        report.items.extend(schema_diagnostics(err, yaml, Rules, shown, at=("patch", "rules")))
        return rules
    changes.note("patched", "rules", ("rules", tuple(given)))
    return changed
