"""The modding toolkit: load order, patches, unread files, messages in words, new-pack,
the schemas' lines, `validate --diff` and `--watch`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from game.cli import main
from game.content.diagnostics import Diagnostic
from game.content.explain import PATTERN_WORDS
from game.content.loader import load_packs
from game.content.newpack import new_pack, pack_id_for
from game.content.watch import watch
from game.models.content import FILE_KINDS
from game.models.versions import allows, parse_requirement
from game.paths import core_pack
from tests.test_diagnostics import BASE, CARDS, manifest, write_pack


def messages(result_items: list[Diagnostic], code: str) -> list[str]:
    return [d.message for d in result_items if d.code == code]


def mini(tmp_path: Path, **changes: str) -> Path:
    return write_pack(tmp_path / "mini", {**BASE, **changes})


# ---------------------------------------------------------------------------- load order


def test_packs_load_in_the_order_their_depends_ask(tmp_path: Path) -> None:
    """Given second first, `second` (which depends on `first`) still loads after it, so
    its card replaces first's."""
    card = CARDS.split("  - id: a_two")[0]
    first = write_pack(tmp_path / "first", {"pack.yaml": manifest("first"),
                                            "cards/c.yaml": card.replace("One", "First")})
    second = write_pack(tmp_path / "second", {
        "pack.yaml": manifest("second", "depends: [first]\n"),
        "cards/c.yaml": card.replace("One", "Second")})
    result = load_packs([mini(tmp_path), second, first])
    assert result.report.errors == []
    assert list(result.folders) == ["mini", "first", "second"]
    assert result.content is not None and result.content.cards["a_one"].title == "Second"
    assert result.changes["second"].replaced == {"cards": ["a_one"]}


def test_a_cycle_names_every_pack_in_it(tmp_path: Path) -> None:
    a = write_pack(tmp_path / "a", {"pack.yaml": manifest("a", "depends: [b]\n")})
    b = write_pack(tmp_path / "b", {"pack.yaml": manifest("b", "depends: [a]\n")})
    result = load_packs([mini(tmp_path), a, b])
    found = messages(result.report.items, "dependency-cycle")
    assert len(found) == 2 and all("(a → b → a)" in m for m in found), found
    assert result.content is None


def test_a_missing_dependency_names_both_packs_and_the_near_miss(tmp_path: Path) -> None:
    base = write_pack(tmp_path / "water", {"pack.yaml": manifest("water")})
    mod = write_pack(tmp_path / "mod", {"pack.yaml": manifest("mod", "depends: [watr]\n")})
    found = messages(load_packs([mini(tmp_path), base, mod]).report.items,
                     "missing-dependency")
    assert found == ["the pack 'mod' needs the pack 'watr', which is not loaded: load it too "
                     "(--pack FOLDER, or put it in the mods folder). did you mean 'water'?"]


def test_the_game_version_is_checked(tmp_path: Path) -> None:
    mod = write_pack(tmp_path / "mod", {"pack.yaml": manifest("mod").replace(">=0.1",
                                                                             ">=2,<3")})
    found = messages(load_packs([mini(tmp_path), mod]).report.items, "incompatible-game")
    assert len(found) == 1 and "'>=2,<3'" in found[0] and "version 0.1.0" in found[0]


def test_a_requirement_the_game_cannot_read_is_said_in_words(tmp_path: Path) -> None:
    mod = write_pack(tmp_path / "mod", {"pack.yaml": manifest("mod").replace(
        '">=0.1"', "0.1 or newer")})
    found = [d for d in load_packs([mini(tmp_path), mod]).report.items if d.code == "bad-type"]
    assert [(d.line, d.path) for d in found] == [(5, "game")]
    assert "like '>=0.1' or '>=0.1,<1'" in found[0].message


@pytest.mark.parametrize(("requirement", "version", "ok"), [
    (">=0.1", "0.1.0", True), (">=0.1,<1", "1.0", False), ("<1", "0.9.9", True),
    ("==0.1.*", "0.1.7", True), ("==0.1.*", "0.2.0", False), ("~=0.1", "0.9", True),
    ("~=0.1", "1.0", False), ("~=0.1.2", "0.1.5", True), ("~=0.1.2", "0.2", False),
    ("0.1", "0.1.0", True), ("!=0.1.0", "0.1", False), (">0.1", "0.1.1", True),
])
def test_game_versions(requirement: str, version: str, ok: bool) -> None:
    assert allows(requirement, version) is ok


@pytest.mark.parametrize("bad", ["", "0.1 or newer", ">=", "~=1", ">=0.1.*", "=>0.1"])
def test_requirements_that_are_not_versions(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_requirement(bad)


def test_only_the_base_game_is_core_and_one_id_loads_once(tmp_path: Path) -> None:
    fake = write_pack(tmp_path / "fake", {"pack.yaml": manifest("core")})
    twin_a = write_pack(tmp_path / "twin_a", {"pack.yaml": manifest("twin")})
    twin_b = write_pack(tmp_path / "twin_b", {"pack.yaml": manifest("twin")})
    result = load_packs([mini(tmp_path), fake, twin_a, twin_b])
    assert messages(result.report.items, "reserved-id") == [
        "the id 'core' is the base game's: give your pack an id of its own, like my_region"]
    [twice] = messages(result.report.items, "duplicate-id")
    assert "two folders hold the pack 'twin'" in twice and "twin_a" in twice
    assert list(result.folders) == ["mini", "twin"]


# -------------------------------------------------------------------------- unread files


def test_every_file_the_game_does_not_read_is_named_with_what_it_would_read(
    tmp_path: Path,
) -> None:
    pack = mini(tmp_path, **{
        "cards/extra.yml": CARDS, "card/c.yaml": CARDS, "cards.yaml": CARDS,
        "rule.yaml": "x: 1\n", "cards/old/c.yaml": CARDS, "locale/spanish.yaml": "hola: 1",
        "notes.ods": "x", "README.md": "# Mine", "schemas/cards.schema.json": "{}",
        "locale/es.po": 'msgid ""\nmsgstr ""\n', ".git/config": "x",
    })
    found = {Path(d.file).relative_to(pack).as_posix(): d.message
             for d in load_packs([pack]).report.items if d.code == "unread-file"}
    assert found == {
        "cards/extra.yml": "this file is not read: only files ending in .yaml are; did you "
                           "mean cards/extra.yaml?",
        "card": "the folder card/ is not read: did you mean cards/?",
        "cards.yaml": "this file is not read: cards go in the folder cards/, one or more "
                      ".yaml files there, like cards/cards.yaml",
        "rule.yaml": "this file is not read: did you mean rules.yaml?",
        "cards/old": "folders inside cards/ are not read: move its files up into cards/",
        "locale/spanish.yaml": "this file is not read: translations are locale/<language>.po "
                         "files, like locale/es.po",
        "notes.ods": "this file is not read by the game (a pack holds pack.yaml, rules.yaml "
                     "and the like, the folders cards/, events/, endings/, leaders/, "
                     "scenarios/, and locale/)",
    }


def test_a_manifest_with_the_wrong_ending_is_named(tmp_path: Path) -> None:
    files = {**BASE, "pack.yml": BASE["pack.yaml"]}
    del files["pack.yaml"]
    [problem] = load_packs([write_pack(tmp_path / "mini", files)]).report.errors
    assert problem.code == "bad-pack" and problem.message.endswith(
        "pack.yml is not read: only pack.yaml is")


# ------------------------------------------------------------------------------- patches

PATCH = manifest("mod", "patch:\n  cards:\n    - id: a_one\n      cost: 3\n"
                        "      title: One, cheaper\n")


def test_a_patch_changes_only_the_fields_it_names(tmp_path: Path) -> None:
    mod = write_pack(tmp_path / "mod", {"pack.yaml": PATCH})
    result = load_packs([mini(tmp_path), mod])
    assert result.report.items == []
    assert result.content is not None
    card = result.content.cards["a_one"]
    assert (card.cost, card.title, card.text) == (3, "One, cheaper", "Does one thing.")
    assert result.changes["mod"].patched == {"cards": [("a_one", ("cost", "title"))]}


@pytest.mark.parametrize(("entry", "expected"), [
    ("    - id: a_one\n      costt: 3\n",
     (9, 7, "unknown-field", "patch.cards[0].costt",
      "unknown field 'costt'. did you mean 'cost'?")),
    ("    - id: a_on\n      cost: 3\n",
     (8, 11, "unknown-id", "patch.cards[0].id",
      "there is no 'a_on' in the cards of the packs loaded before this one, so nothing to "
      "change. did you mean 'a_one'?")),
    ("    - id: a_one\n      cost: lots\n",
     (9, 13, "bad-type", "patch.cards[0].cost", "a whole number is needed here (got 'lots')")),
    ("    - id: a_one\n      from: 2019-6\n",
     (9, 13, "bad-type", "patch.cards[0].from", "use YYYY-MM, like 2019-06 (got '2019-6')")),
])
def test_a_broken_patch_is_reported_at_its_line(
    tmp_path: Path, entry: str, expected: tuple[int, int, str, str, str],
) -> None:
    mod = write_pack(tmp_path / "mod", {"pack.yaml": manifest("mod", "patch:\n  cards:\n"
                                                                     + entry)})
    result = load_packs([mini(tmp_path), mod])
    assert [(d.line, d.col, d.code, d.path, d.message) for d in result.report.items] == [
        expected]


def test_a_problem_a_patch_brings_is_found_at_the_patch(tmp_path: Path) -> None:
    """The checks across files point at the patched field, in the manifest."""
    mod = write_pack(tmp_path / "mod", {"pack.yaml": manifest(
        "mod", "patch:\n  cards:\n    - id: a_one\n"
               "      requires: {kind: flag, flag: hapened}\n")})
    found = load_packs([mini(tmp_path), mod]).report.items
    assert sorted((d.code, Path(d.file).parent.name, d.line, d.path) for d in found) == [
        ("card-unplayable", "mod", 9, "patch.cards[0].requires"),
        ("flag-never-set", "mod", 9, "patch.cards[0].requires.flag")]


def test_rules_are_patched_too(tmp_path: Path) -> None:
    mod = write_pack(tmp_path / "mod", {"pack.yaml": manifest(
        "mod", "patch:\n  rules:\n    capital_max: 12\n")})
    result = load_packs([mini(tmp_path), mod])
    assert result.content is not None and result.content.rules.capital_max == 12
    bad = write_pack(tmp_path / "bad", {"pack.yaml": manifest(
        "bad", "patch:\n  rules:\n    capital_max: -1\n")})
    [found] = load_packs([mini(tmp_path), bad]).report.items
    assert (found.line, found.path) == (8, "patch.rules.capital_max")


def test_removing_a_base_card_leaves_the_base_game_without_errors(tmp_path: Path) -> None:
    """Its Spanish and its sources are not errors of the base game once a pack removes the
    card that used them."""
    mod = write_pack(tmp_path / "mod", {"pack.yaml": manifest(
        "mod", "remove:\n  cards: [amlo_labour_reform]\n")})
    code = subprocess.run([sys.executable, "-m", "game", "validate", str(mod), "--json",
                           "--diff"], capture_output=True, text=True, check=False)
    out = json.loads(code.stdout)
    assert (out["errors"], out["warnings"]) == ([], [])
    assert out["changes"]["mod"]["removed"] == {"cards": ["amlo_labour_reform"]}


def test_validate_diff_says_what_a_pack_does(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    mod = write_pack(tmp_path / "mod", {"pack.yaml": manifest(
        "mod", "remove:\n  cards: [amlo_labour_reform]\npatch:\n  cards:\n"
               "    - id: amlo_national_guard\n      cost: 2\n")})
    assert main(["validate", str(mod), "--diff"]) == 0
    out = capsys.readouterr().out
    assert ("What mod does to the packs before it:\n"
            "  changes amlo_national_guard in cards: cost\n"
            "  removes 1 card: amlo_labour_reform\n") in out


# ------------------------------------------------------------------------------ messages


def _patterns(schema: object) -> set[str]:
    found: set[str] = set()
    if isinstance(schema, dict):
        if isinstance(schema.get("pattern"), str):
            found.add(schema["pattern"])
        for value in schema.values():
            found |= _patterns(value)
    elif isinstance(schema, list):
        for value in schema:
            found |= _patterns(value)
    return found


def test_every_pattern_of_a_content_file_is_explained_in_words() -> None:
    patterns = set().union(*(_patterns(model.model_json_schema()) for model in
                             FILE_KINDS.values()))
    assert patterns and patterns <= set(PATTERN_WORDS), patterns - set(PATTERN_WORDS)


# ------------------------------------------------------------------------------ new-pack


def test_new_pack_validates_clean_from_any_folder(tmp_path: Path) -> None:
    folder = tmp_path / "Chihuahua 2020"
    assert main(["new-pack", str(folder)]) == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    for lang in ("en", "es"):
        done = subprocess.run([sys.executable, "-m", "game", "validate", str(folder), "--json",
                               "--lang", lang], capture_output=True, text=True, cwd=elsewhere,
                              env=env, check=False)
        out = json.loads(done.stdout)
        assert (done.returncode, out["errors"], out["warnings"]) == (0, [], []), out
    assert pack_id_for(folder) == "chihuahua_2020"


def test_new_pack_schema_lines_lead_to_schemas_that_accept_its_files(tmp_path: Path) -> None:
    """What an editor does with a file's first line: find the schema, check the file."""
    jsonschema = pytest.importorskip("jsonschema")
    folder = tmp_path / "mine"
    new_pack(folder)
    yaml_files = sorted(folder.rglob("*.yaml"))
    assert len(yaml_files) == 6
    for path in yaml_files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        prefix = "# yaml-language-server: $schema="
        assert first.startswith(prefix), path
        schema_path = (path.parent / first.removeprefix(prefix)).resolve()
        assert schema_path.is_file() and schema_path.is_relative_to(folder.resolve())
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)
        with pytest.raises(jsonschema.ValidationError):  # and they do check
            jsonschema.validate({"id": "x", "unknown_field": 1}, schema)


def test_new_pack_never_writes_over_files(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("mine")
    assert main(["new-pack", str(tmp_path / "mine")]) == 1
    assert "already exists and is not empty" in capsys.readouterr().err
    assert [p.name for p in (tmp_path / "mine").iterdir()] == ["notes.txt"]


def test_the_shipped_schemas_are_where_the_game_looks() -> None:
    from game.paths import schemas_dir

    assert {p.name for p in schemas_dir().glob("*.json")} == {
        f"{kind}.schema.json" for kind in FILE_KINDS}
    assert core_pack().is_dir()


# --------------------------------------------------------------------------------- watch


def test_watch_checks_again_after_a_save_and_not_otherwise(tmp_path: Path) -> None:
    pack = mini(tmp_path)
    checks: list[int] = []
    looks = iter(range(4))

    def pause(_seconds: float) -> None:
        if next(looks) == 1:  # the second look finds a saved file; the others nothing
            card = pack / "cards" / "c.yaml"
            card.write_text(card.read_text() + "\n# saved\n")

    def running() -> bool:
        return len(checks) < 3 and looks.__length_hint__() > 0

    watch([pack], lambda: checks.append(1), pause, running)
    assert len(checks) == 2


# ------------------------------------------------------------------------------ balance


def test_balance_sets_a_packs_ending_rates_beside_the_base_games(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    mod = write_pack(tmp_path / "mod", {"pack.yaml": manifest(
        "mod", "patch:\n  rules:\n    capital_max: 2\n")})
    assert main(["balance", "--pack", str(mod), "--games", "3", "--pairing",
                 "greedy vs greedy", "--workers", "1", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["base"]["games"] == report["games"] == 3
    assert [p["pairing"] for p in report["base"]["pairings"]] == ["greedy vs greedy"]
    assert main(["balance", "--pack", str(mod), "--games", "3", "--pairing",
                 "greedy vs greedy", "--workers", "1"]) == 0
    out = capsys.readouterr().out
    assert "The packs' effect on the ending rates, in % of games: the base game → with the " \
           "packs (3 games per pairing, the same seeds)" in out
    [row] = [line for line in out.splitlines() if line.startswith("  greedy vs greedy ")
             and "→" in line]
    assert row.count("→") == 4


def test_balance_of_a_packs_own_scenario_says_there_is_nothing_beside_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    folder = tmp_path / "water"
    new_pack(folder)
    assert main(["balance", "--pack", str(folder), "--scenario", "water_water", "--games", "2",
                 "--pairing", "greedy vs greedy", "--workers", "1"]) == 0
    assert "The base game has no scenario 'water_water'" in capsys.readouterr().out


# ------------------------------------------------------------------------------ the guide


def test_the_guide_reference_is_written_from_the_models() -> None:
    from game.content.guide import update

    guide = Path(__file__).resolve().parents[1] / "docs" / "MODDING.md"
    text = guide.read_text(encoding="utf-8")
    assert update(text) == text, "run: python -m game.content.guide docs/MODDING.md"
    for kind in ("conditions", "effects", "meters", "codes", *FILE_KINDS):
        assert f"<!-- reference: {kind} -->" in text, kind


@pytest.mark.parametrize("what", ["conditions", "effects"])
def test_every_kind_in_the_guide_has_an_example_that_its_model_accepts(what: str) -> None:
    from pydantic import TypeAdapter

    from game.content.guide import CONDITION_EXAMPLES, EFFECT_EXAMPLES
    from game.models.content import CONDITION_KINDS, EFFECT_KINDS, Condition, Effect

    examples, kinds, union = ((CONDITION_EXAMPLES, CONDITION_KINDS, Condition)
                              if what == "conditions" else
                              (EFFECT_EXAMPLES, EFFECT_KINDS, Effect))
    assert set(examples) == set(kinds)
    adapter: TypeAdapter[object] = TypeAdapter(union)
    for kind, example in examples.items():
        parsed = adapter.validate_python(yaml.safe_load(example))
        assert parsed.kind == kind  # type: ignore[attr-defined]


def test_removing_what_the_base_game_leaves_out_or_recalls_is_no_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    """A scenario's exclusions and a history entry may name what a pack removes; a chain to
    a removed event may not, and the message names the pack."""
    mod = write_pack(tmp_path / "mod", {"pack.yaml": manifest(
        "mod", "remove:\n  cards: [amlo_refuse_safe_third]\n  events: [ev_water_treaty]\n")})
    assert main(["validate", str(mod)]) == 0
    assert "0 errors, 0 warnings" in capsys.readouterr().out
    chained = write_pack(tmp_path / "chained", {"pack.yaml": manifest(
        "chained", "remove:\n  events: [ev_travel_restrictions]\n")})
    assert main(["validate", str(chained)]) == 1
    assert ("error [unknown-id] events[13].next[0].event: no event 'ev_travel_restrictions'. "
            "(the pack 'chained' removes it)") in capsys.readouterr().out


@pytest.mark.parametrize(("entry", "message"), [
    ("      side:\n", "a value is needed here. Expected one of: amlo, trump, both"),
    ("      stance: true\n",
     "'true' is not allowed here. Expected one of: cooperate, confront, domestic"),
    ("      once: yes\n", "true or false is needed here (got 'yes')"),
    ("      cost:\n", "a whole number is needed here (got nothing)"),
])
def test_values_are_named_as_yaml_writes_them(tmp_path: Path, entry: str, message: str) -> None:
    mod = write_pack(tmp_path / "mod", {"pack.yaml": manifest(
        "mod", "patch:\n  cards:\n    - id: a_one\n" + entry)})
    assert [d.message for d in load_packs([mini(tmp_path), mod]).report.items] == [message]


def test_validate_watch_checks_then_stops_on_ctrl_c(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    from game.content import watch as watching

    def once(folders: list[Path], check: object) -> None:
        assert folders == [pack]
        check()  # type: ignore[operator]
        raise KeyboardInterrupt

    pack = tmp_path / "water"
    new_pack(pack)
    monkeypatch.setattr(watching, "watch", once)
    assert main(["validate", "--watch", str(pack)]) == 0
    out = capsys.readouterr().out
    assert f"checking {pack} —" in out and "0 errors, 0 warnings" in out
    assert out.rstrip().endswith("Stopped watching.")
    with pytest.raises(SystemExit):  # a folder is needed
        main(["validate", "--watch"])


# ------------------------------------------------------------------ items of one scenario


def test_a_card_or_event_may_belong_to_some_scenarios_only(tmp_path: Path) -> None:
    from game.core.turn import Engine

    folder = tmp_path / "water"
    new_pack(folder)  # its card and its event say `scenarios: [water_water]`
    result = load_packs([core_pack(), folder])
    assert result.report.items == [], [d.format() for d in result.report.items]
    assert result.content is not None
    own = Engine(result.content, "water_water")
    base = Engine(result.content, "full_term")
    assert "water_water_talks" in own.cards["amlo"] and "water_water_deadline" in own.events
    assert "water_water_talks" not in base.cards["amlo"]
    assert "water_water_deadline" not in base.events
    wrong = folder / "events" / "events.yaml"
    wrong.write_text(wrong.read_text().replace("scenarios: [water_water]",
                                               "scenarios: [water_watr]"))
    [found] = load_packs([core_pack(), folder]).report.errors
    assert (found.code, found.path, found.message) == (
        "unknown-id", "events[0].scenarios[0]",
        "no scenario 'water_watr'. did you mean 'water_water'?")


def test_a_scenario_without_an_ending_for_its_last_month_is_warned_of(tmp_path: Path) -> None:
    folder = tmp_path / "water"
    new_pack(folder)  # its scenario leaves out the base game's term_end endings...
    (folder / "endings" / "endings.yaml").unlink()  # ...and now has none of its own
    found = [d for d in load_packs([core_pack(), folder]).report.items
             if d.code == "missing-ending"]
    assert [(d.severity, d.path) for d in found] == [("warning", "exclude_endings")]
    assert "has no ending of kind term_end" in found[0].message


# --------------------------------------------------------------------------- translations


def test_a_packs_catalogue_is_brought_up_to_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    """Changed English keeps its old translation marked fuzzy (not shown, warned of), a
    new text arrives untranslated, a gone one leaves, the rest stays."""
    folder = tmp_path / "water"
    new_pack(folder)
    cards = folder / "cards" / "cards.yaml"
    cards.write_text(cards.read_text().replace("Negotiate the water deliveries",
                                               "Negotiate the water deliveries now"))
    scenario = folder / "scenarios" / "water_water.yaml"
    scenario.write_text(scenario.read_text().replace(
        "objectives:\n", "objectives:\n  - Compare the two presidents' choices.\n", 1))
    events = folder / "events" / "events.yaml"
    events.write_text(events.read_text().split("    choices:")[0])
    assert main(["extract", "--pack", str(folder), "--update", "es"]) == 0
    assert capsys.readouterr().out.endswith(": 14 kept, 1 new, 2 to check (their English "
                                            "changed), 4 dropped\n")
    po = (folder / "locale" / "es.po").read_text(encoding="utf-8")
    assert "#, fuzzy" in po and "Ask Washington for more time" not in po
    assert main(["validate", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "warning [po-fuzzy] 2 translations are marked fuzzy" in out
    assert "warning [po-missing] 3 of 17 texts of the pack 'water'" in out
    from game.i18n import translator_for

    spanish = translator_for("es", [folder])
    assert spanish.pgettext("cards.water_water_talks.title",
                            "Negotiate the water deliveries now") == \
        "Negotiate the water deliveries now"  # fuzzy: English until checked
    with pytest.raises(SystemExit):
        main(["extract", "--pack", str(folder), "--update", "fr"])


def test_a_translation_that_would_break_a_sentence_is_left_out(tmp_path: Path) -> None:
    """A pack's catalogue may not give a sentence the game fills in a placeholder it does
    not fill (that would stop the game): the English shows instead."""
    from game.i18n import translator_for

    folder = tmp_path / "mine"
    (folder / "locale").mkdir(parents=True)
    (folder / "locale" / "es.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Turn {turn} of {turns} · {month}"\nmsgstr "Turno {turno} de {turns} · {month}"\n',
        encoding="utf-8")
    spanish = translator_for("es", [folder])
    shown = spanish.pgettext(None, "Turn {turn} of {turns} · {month}")
    assert shown.format(turn=1, turns=24, month="2019-01")  # no KeyError
    assert "{turno}" not in shown


# ------------------------------------------------------------------------- the example pack

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "tomato_summer"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_example_pack_validates_clean_in_both_languages(
    lang: str, capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["validate", str(EXAMPLE), "--json", "--lang", lang]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["errors"], out["warnings"]) == ([], [])


def test_the_example_pack_does_what_the_issue_asks() -> None:
    """A scenario with events of its own, one field of a base card patched, a base card
    removed, every text in Spanish; and its scenario plays to an ending of its own."""
    from game.i18n import translator_for
    from game.session import Session, play_out

    result = load_packs([core_pack(), EXAMPLE])
    assert result.content is not None
    changed = result.changes["tomato_summer"]
    scenario = changed.added["scenarios"][0]
    own_events = changed.added["events"]
    assert len(own_events) >= 2
    assert all(scenario in result.content.events[e].scenarios for e in own_events)
    [(card, fields)] = changed.patched["cards"]
    assert len(fields) == 1 and card in result.content.cards
    assert changed.removed["cards"] and changed.removed["cards"][0] not in result.content.cards
    spanish = translator_for("es", [EXAMPLE])
    title = result.content.scenarios[scenario].title
    assert spanish.pgettext(f"scenarios.{scenario}.title", title) != title
    session = Session.new(result.content, scenario, 1,
                          {"amlo": "historical", "trump": "historical"})
    state = play_out(session.engine, session.state, session.agents)
    assert state.ending is not None
    assert state.ending["id"] in changed.added["endings"], state.ending  # as it really went


def test_new_pack_quotes_a_name_that_yaml_would_read_otherwise(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    name = 'Chihuahua: "water" #1'
    new_pack(folder, name=name)
    result = load_packs([core_pack(), folder])
    assert result.report.items == [] and result.content is not None
    assert result.content.packs[-1].name == name
