"""The translation machinery: catalogues read with their contexts and plural forms, packs
over the base game, content looked up by context, the pseudo-language, choosing a
language on the command line."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from game import i18n
from game.cli import main
from game.content import load_game_content
from game.content.localize import localize, messages
from game.i18n import PSEUDO, Translator, UnknownLanguage, load, pseudo, using

PO = '''msgid ""
msgstr ""
"Language: xx\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

msgid "Save"
msgstr "Guardar"

msgctxt "cards.amlo_x.title"
msgid "Hold"
msgstr "Esperar (carta)"

msgid "{n} save"
msgid_plural "{n} saves"
msgstr[0] "{n} partida"
msgstr[1] "{n} partidas"
'''


def write(folder: Path, text: str, lang: str = "xx") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{lang}.po").write_text(text, encoding="utf-8")
    return folder


def test_a_catalogue_is_read_with_contexts_and_plurals(tmp_path: Path) -> None:
    tr = load("xx", [write(tmp_path / "base", PO)])
    assert tr.pgettext(None, "Save") == "Guardar"
    assert tr.pgettext("cards.amlo_x.title", "Hold") == "Esperar (carta)"
    assert tr.pgettext(None, "Hold") == "Hold"  # the same English, another context
    assert [tr.ngettext("{n} save", "{n} saves", n) for n in (1, 2)] == ["{n} partida",
                                                                        "{n} partidas"]
    assert tr.pgettext(None, "Not in it") == "Not in it"


def test_a_pack_catalogue_wins_over_the_base_game(tmp_path: Path) -> None:
    base = write(tmp_path / "base", PO)
    pack = write(tmp_path / "pack", PO.replace('msgstr "Guardar"', 'msgstr "Salvar"'))
    assert load("xx", [base, pack]).pgettext(None, "Save") == "Salvar"
    assert load("xx", [pack, base]).pgettext(None, "Save") == "Guardar"


def test_a_catalogue_cannot_run_code_through_its_plural_rule(tmp_path: Path) -> None:
    hostile = PO.replace("plural=(n != 1)", "plural=__import__('os').getcwd()")
    with pytest.raises(ValueError):
        load("xx", [write(tmp_path / "base", hostile)])


def test_an_unknown_language_is_refused_by_name() -> None:
    with pytest.raises(UnknownLanguage, match="'xx'"):
        load("xx")


def test_the_pseudo_language_marks_and_lengthens_everything() -> None:
    tr = Translator(PSEUDO)
    marked = tr.pgettext(None, "Turn {turn} of {turns}")
    assert marked.startswith(i18n.OPEN) and marked.endswith(i18n.CLOSE)
    assert "{turn}" in marked and len(marked) > len("Turn {turn} of {turns}") * 4 // 3
    assert marked.format(turn=3, turns=24).count("3") == 1
    assert pseudo("") == ""


def test_one_player_may_see_another_language_than_the_other() -> None:
    spanish = Translator("xx", {(None, "Save"): "Guardar"})
    assert i18n._("Save") == "Save"
    with using(spanish):
        assert i18n._("Save") == "Guardar"
    assert i18n._("Save") == "Save"


def test_content_in_another_language_is_the_same_game() -> None:
    content = load_game_content().content
    assert content is not None
    tr = Translator(PSEUDO)
    shown = localize(content, tr)
    assert shown.fingerprint == content.fingerprint  # a save loads in either language
    assert localize(shown, tr) is shown and localize(shown, i18n.ENGLISH) is content
    texts = {context: text for context, text in messages(shown) if context != "modifier"}
    assert texts and all(text.startswith(i18n.OPEN) for text in texts.values())
    assert set(texts) == {context for context, _text in messages(content)} - {"modifier"}


def test_lang_on_the_command_line(capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("q\n"))
    try:
        assert main(["text", "--lang", PSEUDO, "--seed", "3"]) == 0
        out = capsys.readouterr().out
        assert i18n.OPEN in out and "⟦Turn 1 of 24" in out
        assert main(["--lang", "xx", "validate"]) == 2
        assert "'xx'" in capsys.readouterr().err
    finally:
        i18n.set_translator(i18n.ENGLISH)


def test_the_base_game_is_translated_into_spanish_whole() -> None:
    """Every string of the interface and of the base game has its Spanish, with the same
    {placeholders} (a new string without one fails here: translate it)."""
    import re

    from babel.messages.pofile import read_po

    from game.i18n import interface_locale
    from game.i18n_extract import template
    from game.paths import core_pack

    content = load_game_content().content
    assert content is not None
    spanish: dict[tuple[str | None, str], str] = {}
    for path in (interface_locale() / "es.po", core_pack() / "locale" / "es.po"):
        with path.open("rb") as handle:
            for message in read_po(handle, locale="es"):
                forms = ([message.string] if isinstance(message.string, str)
                         else list(message.string))
                if message.id and forms and all(forms):  # every plural form too
                    spanish[message.context, str(message.id)] = " ".join(forms)
    missing, mismatched = [], []
    for message in template(content):
        if not message.id:
            continue
        key = (message.context, str(message.id))
        if key not in spanish:
            missing.append(key)
        elif set(re.findall(r"\{[^}]*\}", key[1])) != set(
                re.findall(r"\{[^}]*\}", spanish[key])):
            mismatched.append(key)
    assert missing == [] and mismatched == []


PACK_PO = '''msgid ""
msgstr ""
"Language: es\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgctxt "cards.amlo_extra.title"
msgid "An extra card"
msgstr "Una carta extra"

msgctxt "cards.amlo_national_guard.title"
msgid "Deploy the National Guard"
msgstr "Desplegar a la Guardia, versión del curso"
'''


def make_pack(folder: Path, catalogue: str) -> Path:
    (folder / "cards").mkdir(parents=True)
    (folder / "pack.yaml").write_text('id: my_pack\nname: My pack\nversion: 1.0.0\n'
                                      'authors: [a teacher]\ngame: ">=0.1"\n'
                                      'depends: [core]\n', encoding="utf-8")
    (folder / "cards" / "extra.yaml").write_text(
        "cards:\n  - id: amlo_extra\n    side: amlo\n    title: An extra card\n"
        "    text: A test card.\n    context: A card made by a test.\n"
        "    sources: [loc-jd]\n    category: domestic\n    stance: domestic\n",
        encoding="utf-8")
    write(folder / "locale", catalogue, "es")
    return folder


def test_a_pack_translates_its_cards_and_overrides_the_base_game(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "my_pack", PACK_PO)
    result = load_game_content([pack])
    assert result.content is not None
    shown = localize(result.content, i18n.translator_for("es", [pack]))
    assert shown.cards["amlo_extra"].title == "Una carta extra"
    assert shown.cards["amlo_national_guard"].title == "Desplegar a la Guardia, versión del curso"
    assert shown.cards["amlo_hugs_not_bullets"].title == "Abrazos, no balazos"  # the base's


def test_validate_reports_a_packs_translation_problems_at_file_and_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wrong = PACK_PO + '''
msgctxt "cards.amlo_extraa.text"
msgid "A test card."
msgstr "Una carta de prueba."

msgid "Turn {turn} of {turns} · {month}"
msgstr "Turno {turn} de {total} · {month}"
'''
    pack = make_pack(tmp_path / "my_pack", wrong)
    assert main(["validate", str(pack)]) == 1
    out = capsys.readouterr().out
    po = str(pack / "locale" / "es.po")
    assert f"{po}:15:1: warning [po-unknown] cards.amlo_extraa.text" in out
    assert f"{po}:18:1: error [po-placeholders]" in out and "{total}" in out
    assert "warning [po-missing] 3 of 4 texts of the pack 'my_pack'" in out
    (pack / "locale" / "es.po").write_text('msgid "a"\nmsgstr "b\nmsgid "c"\n', encoding="utf-8")
    assert main(["validate", str(pack)]) == 1
    assert f"{po}:2:1: error [po-syntax]" in capsys.readouterr().out


def test_extract_writes_a_packs_own_template(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    pack = make_pack(tmp_path / "my_pack", PACK_PO)
    out = tmp_path / "my_pack.pot"
    assert main(["extract", "--pack", str(pack), "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert 'msgctxt "cards.amlo_extra.title"' in text and "4 messages" in capsys.readouterr().out
    assert 'msgctxt "packs.my_pack.name"' in text  # its name, as the list of mods shows it
    assert "amlo_national_guard" not in text and "Your card" not in text  # the base game's
