"""Extraction of every player-visible string into a gettext template (.pot)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import write_po

from game import __version__
from game.content.localize import owner
from game.models.bundle import Content


def content_messages(content: Content) -> Iterator[tuple[str, str]]:
    """(context, English text) for every content string a player can see (the same walk
    the game looks them up by: game.content.localize)."""
    from game.content.localize import messages

    return messages(content)


def field_descriptions() -> list[str]:
    """What each field of a content file means (the models' descriptions): a diagnostic
    about a missing field quotes it, in the player's language."""
    from pydantic import BaseModel

    from game.models import content as models

    found: dict[str, None] = {}
    for value in vars(models).values():
        if isinstance(value, type) and issubclass(value, BaseModel) and value.__module__ == \
                models.__name__:
            for field in value.model_fields.values():
                if field.description:
                    found[field.description] = None
    return list(found)


#: The functions of game.i18n whose arguments are strings to translate.
KEYWORDS = {"_": None, "N_": None, "Nn_": (1, 2), "pgettext": ((1, "c"), 2),
            "ngettext": (1, 2)}


def _flag(message: Message | None) -> None:
    """Our strings use {braces}, never %: say so, so that translation tools check the
    braces and leave a "%" (`{p}%`) alone."""
    if message is None:
        return
    message.flags.discard("python-format")
    text = message.id if isinstance(message.id, str) else " ".join(message.id)
    if "{" in text:
        message.flags.add("python-brace-format")


def template(content: Content, pack: str | None = None) -> Catalog:
    """Every string to translate: the interface's (from the code) and the content's;
    with `pack`, only the texts of that pack's own items (its cards, events…)."""
    catalog = Catalog(project="Unlikely Allies", version=__version__)
    if pack is None:
        package = Path(__file__).resolve().parent
        for filename, lineno, message, comments, context in extract_from_dir(
            str(package), keywords=KEYWORDS,
            method_map=[("**.py", "python"), ("server/templates/**.html", "jinja2"),
                        ("report/templates/**.html", "jinja2")],
        ):
            _flag(catalog.add(message, locations=[(f"game/{filename}", lineno)],
                              auto_comments=comments, context=context))
        for description in field_descriptions():
            _flag(catalog.add(description, locations=[("game/models/content.py", 1)]))
    for context, text in content_messages(content):
        if pack is None or owner(context, content) == pack:
            _flag(catalog.add(text, context=context))
    return catalog


def write_template(content: Content, out: Path, pack: str | None = None) -> int:
    """Write the template of every string to translate (of one `pack`) to a .pot file."""
    catalog = template(content, pack)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as handle:
        write_po(handle, catalog, width=100)
    return len(catalog)


def update_catalogue(content: Content, pack: str, path: Path, lang: str) -> dict[str, int]:
    """Bring the pack's catalogue `path` (made if missing) up to date with its texts:
    translations of unchanged texts kept, new texts added untranslated, a text whose
    English changed keeps its old translation marked fuzzy (shown to translators, not to
    players, until they check it), entries for texts that are gone dropped. How many of
    each, by `kept`, `new`, `fuzzy`, `dropped`."""
    from babel.messages.pofile import read_po

    fresh = template(content, pack)
    if path.is_file():
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=lang)
    else:
        catalog = Catalog(locale=lang, project="Unlikely Allies", version=__version__)
    before = {(m.context, m.id) for m in catalog if m.id and m.string}
    catalog.update(fresh, update_header_comment=False)
    counts = {"kept": 0, "new": 0, "fuzzy": 0, "dropped": len(catalog.obsolete)}
    for message in catalog:
        if not message.id:
            continue
        if message.fuzzy:
            counts["fuzzy"] += 1
        elif (message.context, message.id) in before:
            counts["kept"] += 1
        else:
            counts["new"] += 1
    catalog.obsolete.clear()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, ignore_obsolete=True)
    return counts
