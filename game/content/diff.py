"""What a pack does to the packs before it, in words: `validate --diff` and the list of
mods in the window."""

from __future__ import annotations

from game.content.patches import Changes
from game.i18n import _, ngettext


def count_words(table: str, n: int) -> str:
    """`3 cards`, `1 history entry`: a number of items of one table."""
    words = {
        "cards": ngettext("{n} card", "{n} cards", n),
        "events": ngettext("{n} event", "{n} events", n),
        "endings": ngettext("{n} ending", "{n} endings", n),
        "leaders": ngettext("{n} leader", "{n} leaders", n),
        "scenarios": ngettext("{n} scenario", "{n} scenarios", n),
        "sources": ngettext("{n} source", "{n} sources", n),
        "history": ngettext("{n} history entry", "{n} history entries", n),
        "difficulties": ngettext("{n} difficulty", "{n} difficulties", n),
        "assumptions": ngettext("{n} assumption", "{n} assumptions", n),
    }
    if table == "rules":
        return _("the rules")
    return words.get(table, f"{{n}} {table}").format(n=n)


def _changed(changes: Changes) -> dict[str, int]:
    """How many items of each table a pack changes, whole or in part."""
    out: dict[str, int] = {}
    for table, ids in changes.replaced.items():
        out[table] = out.get(table, 0) + len(ids)
    for table, patched in changes.patched.items():
        out[table] = out.get(table, 0) + len({item_id for item_id, _fields in patched})
    return out


def summary(changes: Changes) -> str:
    """One line: `adds 1 scenario, 3 events; changes 1 card; removes 1 card`."""
    parts = []
    if changes.added:
        parts.append(_("adds {what}").format(what=", ".join(
            count_words(t, len(ids)) for t, ids in changes.added.items())))
    changed = _changed(changes)
    if changed:
        parts.append(_("changes {what}").format(what=", ".join(
            count_words(t, n) for t, n in changed.items())))
    if changes.removed:
        parts.append(_("removes {what}").format(what=", ".join(
            count_words(t, len(ids)) for t, ids in changes.removed.items())))
    return "; ".join(parts) if parts else _("changes nothing in the game")


def details(changes: Changes) -> list[str]:
    """Each change on a line of its own, every id named (for `validate --diff`)."""
    lines = []
    for table, ids in changes.added.items():
        lines.append(_("adds {what}: {ids}").format(what=count_words(table, len(ids)),
                                                    ids=", ".join(ids)))
    for table, ids in changes.replaced.items():
        lines.append(_("replaces whole {what}: {ids}").format(
            what=count_words(table, len(ids)), ids=", ".join(ids)))
    for table, patched in changes.patched.items():
        for item_id, fields in patched:
            if table == "rules":
                lines.append(_("changes in the rules: {fields}").format(
                    fields=", ".join(fields)))
            else:
                lines.append(_("changes {item} in {table}: {fields}").format(
                    item=item_id, table=table, fields=", ".join(fields)))
    for table, ids in changes.removed.items():
        lines.append(_("removes {what}: {ids}").format(what=count_words(table, len(ids)),
                                                       ids=", ".join(ids)))
    return lines or [_("changes nothing in the game")]
