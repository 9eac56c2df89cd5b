"""Translations: every word a player sees goes through here.

Interface strings are marked `_("…")` (with `pgettext` where one English word needs two
translations, `ngettext` where the form depends on a count). Content text (cards,
events, endings…) is looked up by context, `cards.<id>.title` and the like (see
`game.content.localize`). Catalogues are gettext `.po` files, read with Babel the first
time a language is used, so nothing is read for English or for `--help`:

- the interface's, in `game/locale/<lang>.po`;
- each content pack's, in `<pack>/locale/<lang>.po`, read after the interface's and
  in pack order, so a pack translates its own items and may override any string.

One language is the default (`set_language`), and `using(translator)` switches for a
stretch of code, for one player's screen when two people play in two languages.
`qps` is a pseudo-language for tests: every translated string is wrapped in ⟦ ⟧ and
lengthened by a third, so English left untranslated, or sentences assembled in code
from pieces, show up.
"""

from __future__ import annotations

import gettext
import os
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

#: The languages a player can choose (besides the pseudo-language of the tests).
LANGUAGES = {"en": "English", "es": "Español"}
PSEUDO = "qps"
OPEN, CLOSE = "⟦", "⟧"


class Translator:
    """One language's strings: `(context, English) → translation`, plus plural forms."""

    def __init__(self, lang: str = "en",
                 strings: dict[tuple[str | None, str], str | tuple[str, ...]] | None = None,
                 plural: str = "n != 1") -> None:
        self.lang = lang
        self.strings = strings or {}
        # gettext's own parser of C plural expressions: it accepts nothing else, so a
        # pack's catalogue cannot run code through its Plural-Forms line.
        self.plural_index = gettext.c2py(plural)

    def pgettext(self, context: str | None, text: str) -> str:
        """`text` in this language, as meant in `context` (the English if untranslated)."""
        found = self.strings.get((context, text))
        if isinstance(found, str) and found:
            return found
        return pseudo(text) if self.lang == PSEUDO else text

    def ngettext(self, singular: str, plural: str, n: int, context: str | None = None) -> str:
        """The form of a counted phrase for `n`."""
        found = self.strings.get((context, singular))
        if isinstance(found, tuple) and found:
            return found[min(self.plural_index(n), len(found) - 1)]
        chosen = singular if n == 1 else plural
        return pseudo(chosen) if self.lang == PSEUDO else chosen


def pseudo(text: str) -> str:
    """The pseudo-language: marked, and a third longer (placeholders kept whole)."""
    if not text.strip():
        return text
    return f"{OPEN}{text}{'·' * max(1, len(text) // 3)}{CLOSE}"


ENGLISH = Translator()
_default: Translator = ENGLISH
_local: ContextVar[Translator | None] = ContextVar("translator", default=None)


def current() -> Translator:
    """The language in use here (a player's, inside `using`; else the default)."""
    return _local.get() or _default


def language() -> str:
    """The code of the language in use: `en`, `es`…"""
    return current().lang


def _(text: str) -> str:
    """Translate an interface string into the language in use."""
    return current().pgettext(None, text)


def N_(text: str) -> str:
    """Mark `text` for translation where it is defined (a table of words); translate
    it with `_()` where it is shown."""
    return text


def Nn_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a counted phrase for translation where it is defined; say it with
    `ngettext(*phrase, n)` where it is shown."""
    return singular, plural


def babel_locale() -> str:
    """The Babel locale for dates and numbers in the language in use."""
    return {"es": "es_MX"}.get(language(), "en_GB")


def pgettext(context: str, text: str) -> str:
    """Translate `text` as meant in `context` (content: `cards.<id>.title`)."""
    return current().pgettext(context, text)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a phrase whose form depends on a count."""
    return current().ngettext(singular, plural, n)


@contextmanager
def using(translator: Translator) -> Iterator[Translator]:
    """Use `translator` for the code inside (one player's view of a shared game)."""
    token = _local.set(translator)
    try:
        yield translator
    finally:
        _local.reset(token)


def interface_locale() -> Path:
    """The folder of the interface's catalogues."""
    return Path(__file__).resolve().parent / "locale"


def load(lang: str, locale_dirs: Iterable[Path] = ()) -> Translator:
    """The translator for `lang`: the interface's catalogue, then each folder's
    `<lang>.po` in order (later entries win). Raises UnknownLanguage for a code with no
    catalogue anywhere (English and the pseudo-language need none)."""
    if lang in ("en", PSEUDO):
        return Translator(lang)
    strings: dict[tuple[str | None, str], str | tuple[str, ...]] = {}
    plural = "n != 1"
    found = False
    for folder in (interface_locale(), *locale_dirs):
        path = folder / f"{lang}.po"
        if not path.is_file():
            continue
        found = True
        entries, rule = _read(path, lang, path.stat().st_mtime_ns)
        strings.update(entries)
        plural = rule or plural
    if not found:
        raise UnknownLanguage(lang)
    return Translator(lang, strings, plural)


@lru_cache(maxsize=32)
def _read(path: Path, lang: str, mtime: int) -> tuple[
        dict[tuple[str | None, str], str | tuple[str, ...]], str | None]:
    """A catalogue's translated entries and its plural rule, read once while the file is
    unchanged (`mtime`): the interface's is read for the command line's help, then again
    with the packs' catalogues, and the window reads it at start and on a change."""
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    strings: dict[tuple[str | None, str], str | tuple[str, ...]] = {}
    for message in catalog:
        if not message.id or not message.string or message.fuzzy:  # fuzzy: to be checked
            continue
        if isinstance(message.id, str) and isinstance(message.string, str):
            if _fields(message.string) == _fields(message.id):
                strings[message.context, message.id] = message.string
        elif isinstance(message.id, tuple) and isinstance(message.string, tuple) and all(
                message.string) and all(_fields(form) <= _fields(*message.id)
                                        for form in message.string):
            strings[message.context, message.id[0]] = tuple(message.string)
    return strings, catalog.plural_expr


def _fields(*texts: str) -> set[str]:
    """The {placeholders} of texts. A translation whose placeholders differ from the
    English is left out (the English shows): a pack's catalogue must not be able to break
    a sentence the game fills in (`validate` reports it as po-placeholders)."""
    return {field for text in texts for field in re.findall(r"\{[^{}]*\}", text)}


class UnknownLanguage(ValueError):
    """No catalogue for the language asked for."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        known = ", ".join(LANGUAGES)
        super().__init__(_("no translation into {lang}; choose from: {known}").format(
            lang=repr(lang), known=known))


def translator_for(lang: str, packs: Iterable[Path | str] = ()) -> Translator:
    """`lang` with the catalogues of the interface, the base game and the extra `packs`
    (a pack's translations win over the base game's)."""
    from game.paths import core_pack

    return load(lang, [core_pack() / "locale", *(Path(pack) / "locale" for pack in packs)])


def set_language(lang: str, locale_dirs: Iterable[Path] = ()) -> Translator:
    """Make `lang` the default language from now on (see `load`); returns it."""
    return set_translator(load(lang, locale_dirs))


def set_translator(translator: Translator) -> Translator:
    """Make `translator` the default from now on (a language with a pack's catalogues)."""
    global _default
    _default = translator
    return translator


def available() -> list[str]:
    """The languages the interface has a catalogue for (English always)."""
    return ["en", *(code for code in LANGUAGES if code != "en" and
                    (interface_locale() / f"{code}.po").is_file())]


def system_language() -> str:
    """The language of the system's locale when the game has it, else English."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(variable, "")
        code = value.split(":")[0].split("_")[0].split(".")[0].lower()
        if code in LANGUAGES:
            return code
        if value and code not in ("", "c", "posix"):
            return "en"
    return "en"
