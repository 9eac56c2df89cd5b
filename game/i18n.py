"""Translations: gettext catalogues (.po) read with Babel.

UI strings are marked with `_()`. Content text is English source text; it is
extracted to a catalogue template with `python -m game extract` and translated
per pack in `locale/<lang>.po`. Only English ships for now, so `_` returns the
text unchanged until a language is chosen with `set_language`.
"""

from __future__ import annotations

import gettext
from pathlib import Path

_translations: gettext.NullTranslations = gettext.NullTranslations()


def _(text: str) -> str:
    """Translate a UI string into the current language."""
    return _translations.gettext(text)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a string whose form depends on a count."""
    return _translations.ngettext(singular, plural, n)


def set_language(lang: str, locale_dirs: list[Path]) -> bool:
    """Use `lang` for the UI, reading `<dir>/<lang>.po` files; False if none was found."""
    global _translations
    from babel.messages.pofile import read_po
    from babel.support import Translations

    found = False
    merged: gettext.NullTranslations = gettext.NullTranslations()
    for folder in locale_dirs:
        po_path = folder / f"{lang}.po"
        if not po_path.is_file():
            continue
        with po_path.open("rb") as handle:
            catalog = read_po(handle, locale=lang)
        translations = Translations()
        translations._catalog = {
            m.id: m.string
            for m in catalog
            if isinstance(m.id, str) and isinstance(m.string, str) and m.id and m.string
        }
        if isinstance(merged, Translations):
            merged.merge(translations)
        else:
            merged = translations
        found = True
    _translations = merged if found else gettext.NullTranslations()
    return found
