"""What `validate` says about the packs' translations (`<pack>/locale/<lang>.po`).

Each problem is a diagnostic at file:line, in the same form as the content's:
- `po-syntax` (error): the file is not a catalogue gettext can read;
- `po-unknown` (warning): an entry for a text that does not exist (a misspelt context,
  a card that was renamed, English that has since changed): it would never show;
- `po-placeholders` (error): the translation's {placeholders} differ from the English,
  so the sentence would break or say the wrong number;
- `po-missing` (warning): how many of the pack's own texts a language still lacks;
- `po-fuzzy` (warning): translations marked fuzzy (their English changed since), which
  players do not see until a translator checks them.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from pathlib import Path

from game.content.diagnostics import Diagnostic, Report
from game.content.explain import shown_path
from game.content.localize import messages, owner
from game.i18n import N_, _, interface_locale, ngettext, pgettext
from game.models.bundle import Content

PLACEHOLDER = re.compile(r"\{[^{}]*\}")
#: The codes of these checks, with what each means (shown by `validate --codes`,
#: translated there with `_()`).
CODES: dict[str, str] = {
    "po-syntax": N_("a translation catalogue (locale/*.po) gettext cannot read"),
    "po-unknown": N_("a translation for a text that does not exist (it would never show)"),
    "po-placeholders": N_("a translation whose {placeholders} differ from the English"),
    "po-missing": N_("texts of a pack not yet translated into a language (how many)"),
    "po-fuzzy": N_("translations to check: their English changed, so players do not see "
                   "them yet"),
}


def interface_texts() -> set[str]:
    """The interface's strings, as its catalogues list them (their English msgids)."""
    from babel.messages.pofile import read_po

    found: set[str] = set()
    for path in sorted(interface_locale().glob("*.po")):
        with path.open("rb") as handle:
            found |= {str(m.id) for m in read_po(handle) if m.id and not m.context}
    return found


def _item_of(context: str | None) -> tuple[str, str] | None:
    """The (table, id) of a content context like `cards.<id>.title`."""
    parts = (context or "").split(".")
    return (parts[0], parts[1]) if len(parts) > 2 else None


def check(packs: Sequence[tuple[str, Path]], content: Content, report: Report,
          changed: Collection[tuple[str, str]] = ()) -> None:
    """Check every `locale/*.po` of the packs (id, folder), adding to `report`.

    `changed` are the items (table, id) a later pack removed, replaced or patched: an
    earlier pack's translation of their old texts is not an error.
    """
    from babel.messages.pofile import PoFileError, read_po

    english = dict.fromkeys(messages(content))
    known_content = {(context, text) for context, text in english}
    known_interface = interface_texts()
    for n, (pack_id, folder) in enumerate(packs):
        # A pack's own texts; those of no one pack (history, the rules…) are the base
        # game's, the first pack's.
        own = [key for key in known_content
               if owner(key[0], content) == pack_id
               or (n == 0 and (key[0] == "modifier" or owner(key[0], content) is None))]
        for path in sorted((folder / "locale").glob("*.po")):
            shown = shown_path(path)
            try:
                with path.open("rb") as handle:
                    catalogue = read_po(handle, abort_invalid=True)
            except (PoFileError, UnicodeDecodeError, ValueError) as exc:
                line = int(match.group(1)) if (match := re.search(r"on (\d+)", str(exc))) \
                    else 1
                # Babel's own words about the fault follow, as it writes them.
                report.add(Diagnostic(shown, line, 1, "error", "po-syntax", "",
                                      _("not a catalogue gettext can read: {error}").format(
                                          error=exc)))
                continue
            translated: set[tuple[str | None, str]] = set()
            fuzzy: list[int] = []
            for message in catalogue:
                if not message.id or not isinstance(message.id, str):
                    continue
                key = (message.context, message.id)
                where = message.context or message.id[:40]
                if message.context is None:
                    exists = message.id in known_interface
                else:
                    exists = key in known_content
                if not exists and _item_of(message.context) in changed:
                    continue
                if not exists:
                    report.add(Diagnostic(
                        shown, message.lineno or 1, 1, "warning", "po-unknown", where,
                        _("no text of the game or its packs is this one: a misspelt "
                          "context, an item that was renamed, or English that changed "
                          "since (`python -m game extract` writes what exists)")))
                    continue
                text = message.string if isinstance(message.string, str) else ""
                if not text:
                    continue
                if message.fuzzy:
                    fuzzy.append(message.lineno or 1)
                    continue
                translated.add(key)
                if sorted(PLACEHOLDER.findall(message.id)) != sorted(PLACEHOLDER.findall(text)):
                    wanted = ", ".join(sorted(set(PLACEHOLDER.findall(message.id))))
                    found = ", ".join(sorted(set(PLACEHOLDER.findall(text))))
                    report.add(Diagnostic(
                        shown, message.lineno or 1, 1, "error", "po-placeholders", where,
                        _("the translation must keep the placeholders {wanted} exactly: it "
                          "has {found}").format(
                            wanted=wanted or pgettext("placeholders", "(none)"),
                            found=found or pgettext("placeholders", "none"))))
            if fuzzy:
                report.add(Diagnostic(
                    shown, fuzzy[0], 1, "warning", "po-fuzzy", "",
                    ngettext("{n} translation is marked fuzzy: its English changed since "
                             "it was translated; check it, then remove the fuzzy mark",
                             "{n} translations are marked fuzzy: their English changed "
                             "since they were translated; check each, then remove the "
                             "fuzzy mark", len(fuzzy)).format(n=len(fuzzy))))
            missing = [key for key in own if key not in translated]
            if missing:
                report.add(Diagnostic(
                    shown, 1, 1, "warning", "po-missing", "",
                    _("{n} of {total} texts of the pack '{pack}' have no translation here "
                      "yet (the first: {first})").format(
                        n=len(missing), total=len(own), pack=pack_id, first=missing[0][0])))
