"""One bad-content fixture per diagnostic code: its code, line and column."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from game.content.diagnostics import CODES
from game.content.loader import MAX_FILE_BYTES, load_packs
from game.content.yamlload import MAX_NESTING, MAX_NODES, load_yaml

LEADER = """\
id: {side}
name: Leader {side}
short: {side}
office: Office
country: Country
wants: Things.
emblem: {{initials: AB, colors: ["#000000", "#ffffff"]}}
floor: 30
baseline: 50
comfort: 45
personality: {{comfort: 45, populism: 1.0, forgiveness: 0.5}}
"""

CARDS = """\
cards:
  - id: a_one
    side: amlo
    title: One
    text: Does one thing.
    context: Real thing.
    sources: [src]
    category: trade
    stance: cooperate
    effects:
      - {kind: meter, meter: trust, delta: 2}
  - id: a_two
    side: amlo
    title: Two
    text: Does two things.
    context: Real thing.
    sources: [src]
    category: domestic
    stance: domestic
  - id: t_one
    side: trump
    title: One
    text: Does one thing.
    context: Real thing.
    sources: [src]
    category: trade
    stance: confront
  - id: t_two
    side: trump
    title: Two
    text: Does two things.
    context: Real thing.
    sources: [src]
    category: domestic
    stance: domestic
"""

EVENTS = """\
events:
  - id: ev_one
    title: Something happens
    text: News.
    context: Real thing.
    sources: [src]
    effects:
      - {kind: set_flag, flag: happened}
"""

ENDINGS = """\
endings:
  - {id: good, kind: compromise, title: Good, text: T, when: {kind: meter, meter: trust, min: 90}}
  - {id: bad, kind: collision, title: Bad, text: T, when: {kind: meter, meter: trust, max: 5}}
  - {id: lost, kind: domestic_defeat, side: amlo, title: Lost, text: T,
     when: {kind: below_floor, side: amlo, turns: 2}}
  - {id: over, kind: term_end, title: Over, text: T, when: {kind: last_turn}}
"""

SCENARIO = """\
id: s
title: Test
start: 2019-01
turns: 4
briefing: B.
question: Q?
objectives: [O]
meters: {trust: 50}
hand_size: 2
"""

BASE_SOURCES = ('sources:\n  - {id: src, title: A page, publisher: A paper, date: 2019-01-05, '
                'url: "https://example.org"}\n')

BASE: dict[str, str] = {
    "pack.yaml": 'id: mini\nname: Mini\nversion: 1.0.0\nauthors: [me]\ngame: ">=0.1"\n',
    "rules.yaml": (
        "interactions:\n"
        "  - {id: recip, title: R, text: T, amlo: cooperate, trump: cooperate,\n"
        "     effects: [{kind: meter, meter: trust, delta: 5}]}\n"
    ),
    "sources.yaml": BASE_SOURCES,
    "leaders/amlo.yaml": LEADER.format(side="amlo"),
    "leaders/trump.yaml": LEADER.format(side="trump"),
    "cards/c.yaml": CARDS,
    "events/e.yaml": EVENTS,
    "endings/e.yaml": ENDINGS,
    "scenarios/s.yaml": SCENARIO,
}


@dataclass(frozen=True)
class Link:
    """A symbolic link to `target`, written as given (relative to the link's folder)."""

    target: str


Change = str | bytes | Link | None


def write_pack(root: Path, files: dict[str, str] | dict[str, str | bytes | Link]) -> Path:
    """Write a pack folder from a {relative path: text, bytes or link} mapping."""
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, Link):
            path.symlink_to(text.target)
        elif isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return root


def laughs(levels: int) -> str:
    """A "billion laughs" file's lines: each level an anchored list of ten aliases to the last."""
    lines = ["l0: &l0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, levels):
        lines.append(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]")
    return "\n".join(lines) + "\n"


def manifest(pack_id: str, more: str = "") -> str:
    """A pack's manifest, with `more` lines after its required fields."""
    return (f'id: {pack_id}\nname: {pack_id.title()}\nversion: 1.0.0\nauthors: [me]\n'
            f'game: ">=0.1"\n{more}')


def diagnose(tmp_path: Path, changes: dict[str, Change]) -> list[tuple[str, str, int, int]]:
    """Load the mini pack with `changes` applied; (code, file name, line, col) of each problem.

    A change to `+NAME/FILE` writes FILE into a pack NAME loaded after the mini pack.
    """
    files: dict[str, str | bytes | Link] = dict(BASE)
    extra: dict[str, dict[str, str | bytes | Link]] = {}
    for rel, text in changes.items():
        if rel.startswith("+"):
            name, _slash, inner = rel[1:].partition("/")
            assert text is not None
            extra.setdefault(name, {})[inner] = text
        elif text is None:
            files.pop(rel)
        else:
            files[rel] = text
    pack = write_pack(tmp_path / "mini", files)
    others = [write_pack(tmp_path / name, more) for name, more in extra.items()]
    result = load_packs([pack, *others])
    return [(d.code, Path(d.file).name, d.line, d.col) for d in result.report.items]


def test_mini_pack_is_clean(tmp_path: Path) -> None:
    assert diagnose(tmp_path, {}) == []


CASES: list[tuple[str, dict[str, Change], tuple[str, str, int, int]]] = [
    ("yaml-syntax", {"events/e.yaml": "events:\n  - id: x\n    title: [unclosed\n"},
     ("yaml-syntax", "e.yaml", 4, 1)),
    ("duplicate-key", {"scenarios/s.yaml": SCENARIO + "turns: 5\n"},
     ("duplicate-key", "s.yaml", 10, 1)),
    ("bad-type", {"scenarios/s.yaml": SCENARIO.replace("turns: 4", "turns: four")},
     ("bad-type", "s.yaml", 4, 8)),
    ("unknown-field", {"cards/c.yaml": CARDS.replace("    stance: domestic\n  - id: t_one",
                                                     "    stance: domestic\n    costt: 2\n"
                                                     "  - id: t_one", 1)},
     ("unknown-field", "c.yaml", 20, 5)),
    ("missing-field", {"cards/c.yaml": CARDS.replace("    title: Two\n", "", 1)},
     ("missing-field", "c.yaml", 12, 5)),
    ("unknown-kind", {"cards/c.yaml": CARDS.replace("{kind: meter,", "{kind: metre,")},
     ("unknown-kind", "c.yaml", 11, 16)),
    ("bad-value", {"cards/c.yaml": CARDS.replace("stance: cooperate", "stance: coperate")},
     ("bad-value", "c.yaml", 9, 13)),
    ("unknown-id", {"events/e.yaml": EVENTS + "    next: [{event: ev_onee, turns: 1}]\n"},
     ("unknown-id", "e.yaml", 9, 20)),
    ("duplicate-id", {"cards/c.yaml": CARDS.replace("id: a_two", "id: a_one")},
     ("duplicate-id", "c.yaml", 12, 9)),
    ("bad-pack", {"pack.yaml": None}, ("bad-pack", "pack.yaml", 1, 1)),
    ("flag-never-set", {"events/e.yaml": EVENTS + "    when: {kind: flag, flag: hapened}\n"},
     ("flag-never-set", "e.yaml", 9, 30)),
    ("card-unplayable", {"cards/c.yaml": CARDS.replace(
        "    stance: confront\n", "    stance: confront\n    requires: {kind: meter, meter: "
        "trust, min: 120}\n")},
     ("card-unplayable", "c.yaml", 28, 15)),
    ("event-unreachable", {"events/e.yaml": EVENTS.replace("    sources: [src]\n",
                                                           "    sources: [src]\n    weight: 0\n")},
     ("event-unreachable", "e.yaml", 7, 13)),
    ("ending-unreachable", {"endings/e.yaml": ENDINGS.replace("min: 90", "min: 190")},
     ("ending-unreachable", "e.yaml", 2, 62)),
    ("empty-deck", {"scenarios/s.yaml": SCENARIO.replace("hand_size: 2", "hand_size: 3")},
     ("empty-deck", "s.yaml", 9, 12)),
    ("no-ending", {"scenarios/s.yaml": SCENARIO + "exclude_endings: [good, bad, lost, over]\n"},
     ("no-ending", "s.yaml", 10, 18)),
    ("missing-ending", {"endings/e.yaml": ENDINGS.split("  - {id: over")[0]},
     ("missing-ending", "pack.yaml", 1, 1)),
    ("bad-range", {"events/e.yaml": EVENTS + "    when: {kind: meter, meter: trust, min: 60, "
                                             "max: 40}\n"},
     ("bad-range", "e.yaml", 9, 44)),
    ("too-large", {"cards/c.yaml": CARDS + "#" * MAX_FILE_BYTES}, ("too-large", "c.yaml", 1, 1)),
    ("not-utf8", {"events/e.yaml": EVENTS.replace("News.", "Noticias de México.")
                  .encode("latin-1")},
     ("not-utf8", "e.yaml", 4, 24)),
    ("bad-character", {"events/e.yaml": EVENTS.replace("News.", "News.\x07")},
     ("bad-character", "e.yaml", 4, 16)),
    ("tab-indent", {"scenarios/s.yaml": SCENARIO.replace("meters: {trust: 50}",
                                                         "meters:\n\ttrust: 50")},
     ("tab-indent", "s.yaml", 9, 1)),
    ("recursive-alias", {"scenarios/s.yaml": SCENARIO.replace("objectives: [O]",
                                                              "objectives: &o [O, *o]")},
     ("recursive-alias", "s.yaml", 7, 20)),
    ("too-many-nodes", {"scenarios/s.yaml": SCENARIO + laughs(6)},
     ("too-many-nodes", "s.yaml", 15, 10)),
    ("too-deep", {"scenarios/s.yaml": SCENARIO.replace("meters: {trust: 50}",
                                                       "meters: " + "[" * 40 + "]" * 40)},
     ("too-deep", "s.yaml", 8, 48)),
    ("outside-pack", {"cards/c.yaml": Link("../../outside.yaml")},
     ("outside-pack", "c.yaml", 1, 1)),
    ("unreadable", {"cards/c.yaml": Link("nowhere.yaml")}, ("unreadable", "c.yaml", 1, 1)),
    ("source-incomplete", {"sources.yaml": 'sources:\n  - {id: src, title: A page, '
                                           'url: "https://example.org"}\n'},
     ("source-incomplete", "sources.yaml", 2, 5)),
    ("source-unused", {"sources.yaml": BASE_SOURCES + '  - {id: spare, title: B, publisher: P, '
                                                      'date: "2020", url: "https://b.org"}\n'},
     ("source-unused", "sources.yaml", 3, 5)),
    ("reserved-id", {"+mod/pack.yaml": manifest("core")}, ("reserved-id", "pack.yaml", 1, 5)),
    ("missing-dependency", {"pack.yaml": manifest("mini", "depends: [other]\n")},
     ("missing-dependency", "pack.yaml", 6, 11)),
    ("dependency-cycle", {"+a/pack.yaml": manifest("a", "depends: [b]\n"),
                          "+b/pack.yaml": manifest("b", "depends: [a]\n")},
     ("dependency-cycle", "pack.yaml", 6, 11)),
    ("incompatible-game", {"pack.yaml": manifest("mini").replace(">=0.1", ">=9")},
     ("incompatible-game", "pack.yaml", 5, 7)),
    ("unread-file", {"cards/x.yml": "cards: []\n"}, ("unread-file", "x.yml", 1, 1)),
    ("empty-patch", {"+mod/pack.yaml": manifest("mod", "patch:\n  cards:\n    - id: a_one\n")},
     ("empty-patch", "pack.yaml", 8, 7)),
]


@pytest.mark.parametrize(("name", "changes", "expected"), CASES, ids=[c[0] for c in CASES])
def test_each_code_has_its_place(
    tmp_path: Path, name: str, changes: dict[str, Change], expected: tuple[str, str, int, int]
) -> None:
    found = diagnose(tmp_path, changes)
    assert expected in found, found


def test_every_code_has_a_fixture() -> None:
    assert {c[0] for c in CASES} == set(CODES)


def test_did_you_mean_on_field_kind_and_id(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "mini", {
        **BASE,
        "cards/c.yaml": CARDS.replace("    stance: domestic\n  - id: t_one",
                                      "    stance: domestic\n    costt: 2\n  - id: t_one", 1)
        .replace("{kind: meter,", "{kind: metre,"),
        "events/e.yaml": EVENTS + "    next: [{event: ev_onee, turns: 1}]\n",
    })
    messages = [d.message for d in load_packs([pack]).report.items]
    assert any("did you mean 'cost'?" in m for m in messages), messages
    assert any("did you mean 'meter'?" in m for m in messages), messages


def test_did_you_mean_on_unknown_id(tmp_path: Path) -> None:
    found = load_packs([write_pack(tmp_path / "mini", {
        **BASE, "events/e.yaml": EVENTS + "    next: [{event: ev_onee, turns: 1}]\n"})])
    assert any("did you mean 'ev_one'?" in d.message for d in found.report.items)


def test_all_problems_reported_at_once(tmp_path: Path) -> None:
    found = diagnose(tmp_path, {
        "scenarios/s.yaml": SCENARIO.replace("turns: 4", "turns: four"),
        "cards/c.yaml": CARDS.replace("stance: cooperate", "stance: coperate"),
    })
    codes = {f[0] for f in found}
    assert {"bad-type", "bad-value"} <= codes


def test_format_is_file_line_col_severity_code_path_message(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "mini", {
        **BASE, "scenarios/s.yaml": SCENARIO.replace("turns: 4", "turns: four")})
    line = load_packs([pack]).report.errors[0].format()
    assert line.endswith("s.yaml:4:8: error [bad-type] turns: a whole number is needed here "
                         "(got 'four')")


def test_yes_and_no_stay_strings(tmp_path: Path) -> None:
    found = diagnose(tmp_path, {"cards/c.yaml": CARDS.replace(
        "    stance: domestic\n  - id: t_one", "    stance: domestic\n    once: yes\n"
        "  - id: t_one", 1)})
    assert ("bad-type", "c.yaml", 20, 11) in found


def test_self_has_no_meaning_in_news(tmp_path: Path) -> None:
    found = diagnose(tmp_path, {"events/e.yaml": EVENTS.replace(
        "{kind: set_flag, flag: happened}", "{kind: meter, meter: polls.self, delta: 2}")})
    assert ("bad-value", "e.yaml", 8, 30) in found, found


@pytest.mark.parametrize(
    ("condition", "col"),
    [("{kind: meter, meter: polls.self, min: 40}", 33),
     ("{kind: last_stance, side: other, stance: confront}", 38)],
)
def test_self_and_other_have_no_meaning_in_an_interactions_condition(
    tmp_path: Path, condition: str, col: int
) -> None:
    rules = BASE["rules.yaml"].replace(
        "trump: cooperate,\n", f"trump: cooperate,\n     when: {condition},\n"
    )
    found = diagnose(tmp_path, {"rules.yaml": rules})
    assert ("bad-value", "rules.yaml", 3, col) in found, found


def test_later_pack_overrides_and_removes(tmp_path: Path) -> None:
    base = write_pack(tmp_path / "mini", BASE)
    mod = write_pack(tmp_path / "mod", {
        "pack.yaml": 'id: mod\nname: Mod\nversion: 1.0\nauthors: [me]\ngame: ">=0.1"\n'
                     "depends: [mini]\nremove: {events: [ev_one]}\n",
        "cards/c.yaml": CARDS.split("  - id: a_two")[0].replace("title: One", "title: Uno"),
    })
    result = load_packs([base, mod])
    assert result.content is not None, [d.format() for d in result.report.items]
    assert result.content.cards["a_one"].title == "Uno"
    assert "ev_one" not in result.content.events
    assert [p.id for p in result.content.packs] == ["mini", "mod"]


def test_missing_dependency_is_reported(tmp_path: Path) -> None:
    mod = write_pack(tmp_path / "mod", {
        **BASE,
        "pack.yaml": 'id: mod\nname: Mod\nversion: 1.0\nauthors: [me]\ngame: ">=0.1"\n'
                     "depends: [mini]\n",
    })
    found = [(d.code, d.line, d.col) for d in load_packs([mod]).report.items]
    assert ("missing-dependency", 6, 11) in found


# ------------------------------------------------------------ untrusted files: limits, bytes


def errors_of(tmp_path: Path, changes: dict[str, Change]) -> list[str]:
    """The formatted errors of the mini pack with `changes` applied, folder names cut."""
    files: dict[str, str | bytes | Link] = dict(BASE)
    files.update({rel: text for rel, text in changes.items() if text is not None})
    result = load_packs([write_pack(tmp_path / "mini", files)])
    assert (result.content is None) == result.report.has_errors()
    return [d.format().replace(str(tmp_path.resolve()) + os.sep, "")
            for d in result.report.errors]


def test_recursive_alias_is_refused_at_the_alias(tmp_path: Path) -> None:
    found = errors_of(tmp_path, {"cards/c.yaml": "cards: &a [*a]\n"})
    assert found == [
        "mini/cards/c.yaml:1:12: error [recursive-alias] the alias '*a' is inside the list or "
        "mapping it points at, so it would repeat forever: point it at something outside"
    ]


def test_aliases_that_stay_small_are_allowed(tmp_path: Path) -> None:
    cards = CARDS.replace("    category: trade\n    stance: cooperate\n",
                          "    category: &front trade\n    stance: cooperate\n", 1)
    cards = cards.replace("    category: trade\n    stance: confront\n",
                          "    category: *front\n    stance: confront\n", 1)
    assert "*front" in cards
    assert diagnose(tmp_path, {"cards/c.yaml": cards}) == []


def test_billion_laughs_is_refused_where_the_limit_is_crossed(tmp_path: Path) -> None:
    # nine levels would expand to a billion values; the sixth already crosses the limit
    found = errors_of(tmp_path, {"sources.yaml": BASE["sources.yaml"] + laughs(9)})
    assert found == [
        f"mini/sources.yaml:8:10: error [too-many-nodes] the file grows past {MAX_NODES:,} "
        "values here (the alias '*l4' repeats everything its anchor holds); split it into "
        "smaller files or use fewer aliases"
    ]


def test_nesting_deeper_than_the_limit_is_refused(tmp_path: Path) -> None:
    deep = "[" * MAX_NESTING + "]" * MAX_NESTING  # with the file's own mapping: one too many
    found = errors_of(tmp_path, {"scenarios/s.yaml": SCENARIO.replace("objectives: [O]",
                                                                      f"objectives: {deep}")})
    assert found == [
        f"mini/scenarios/s.yaml:7:{13 + MAX_NESTING - 1}: error [too-deep] lists and mappings "
        f"are nested more than {MAX_NESTING} levels deep here; content never needs that many"
    ]
    fits = "[" * (MAX_NESTING - 1) + "O" + "]" * (MAX_NESTING - 1)
    found = errors_of(tmp_path / "fits", {"scenarios/s.yaml": SCENARIO.replace(
        "objectives: [O]", f"objectives: {fits}")})
    assert not any("too-deep" in line for line in found), found


def test_nesting_deeper_through_an_alias_is_refused_at_the_alias(tmp_path: Path) -> None:
    half = MAX_NESTING // 2 + 1
    text = f"a: &a {'[' * half}x{']' * half}\nb: {'[' * half}*a{']' * half}\n"
    assert [(p.line, p.col, p.code) for p in load_yaml(text).problems] == [
        (2, 4 + half, "too-deep")]


@pytest.mark.parametrize("text", ["[" * 100_000, "[" * 100_000 + "]" * 100_000,
                                  "{a: " * 100_000, "".join(" " * i + "-\n" for i in range(3000))])
def test_very_deep_input_is_refused_quickly_without_a_crash(text: str) -> None:
    found = load_yaml(text).problems
    assert [p.code for p in found] == ["too-deep"]


def test_file_over_the_size_limit_is_refused_unparsed(tmp_path: Path) -> None:
    huge = "cards: [\n" + "#" * MAX_FILE_BYTES  # would be a syntax error if it were parsed
    found = errors_of(tmp_path, {"cards/c.yaml": huge})
    size = len(huge)
    assert found[0] == (
        f"mini/cards/c.yaml:1:1: error [too-large] the file is 1 MB ({size:,} bytes); a content "
        f"file may be at most 1 MB ({MAX_FILE_BYTES:,} bytes): split it into several files")
    assert not any("yaml-syntax" in line for line in found), found


def test_tabs_used_for_indentation_are_named(tmp_path: Path) -> None:
    cards = CARDS.replace("    title: Two\n", "\ttitle: Two\n", 1)
    found = errors_of(tmp_path, {"cards/c.yaml": cards})
    assert found == [
        "mini/cards/c.yaml:14:1: error [tab-indent] YAML needs spaces for indentation, not "
        "tabs: replace the tab here with spaces"
    ]


@pytest.mark.parametrize(("text", "line", "col"), [
    ("a:\n\tb: 1\n", 2, 1),
    ("a:\n  b: 1\n\tc: 2\n", 3, 1),
    ("a:\n  \tb: 1\n", 2, 3),
    ("- a\n\t- b\n", 2, 1),
    ("a: |\n\tblock\n", 2, 1),
    ("a:\n  - x\n  -\tb\n", 3, 4),
])
def test_every_kind_of_tab_indentation_says_so(text: str, line: int, col: int) -> None:
    assert [(p.line, p.col, p.code) for p in load_yaml(text).problems] == [
        (line, col, "tab-indent")]


def test_tabs_inside_text_are_fine(tmp_path: Path) -> None:
    events = EVENTS.replace("text: News.", 'text: "News\tand\tmore."').replace(
        "context: Real thing.", "context: Real\tthing.")
    assert diagnose(tmp_path, {"events/e.yaml": events}) == []


def test_bytes_that_are_not_utf8_are_located(tmp_path: Path) -> None:
    # line 4 is "    text: Noticias de México." with é in Latin-1, after a UTF-8 ñ on line 3
    events = EVENTS.replace("Something happens", "Año nuevo").encode("utf-8").replace(
        b"News.", "Noticias de México.".encode("latin-1"))
    found = errors_of(tmp_path, {"events/e.yaml": events})
    assert found == [
        "mini/events/e.yaml:4:24: error [not-utf8] byte 0xE9 here is not UTF-8 text: save the "
        "file as UTF-8 (in most editors: Save As, Encoding: UTF-8)"
    ]


def test_a_utf8_byte_order_mark_is_fine(tmp_path: Path) -> None:
    assert diagnose(tmp_path, {"events/e.yaml": b"\xef\xbb\xbf" + EVENTS.encode()}) == []


def test_bad_bytes_after_a_byte_order_mark_are_located(tmp_path: Path) -> None:
    found = diagnose(tmp_path, {"events/e.yaml": b"\xef\xbb\xbfevents: \xff\n"})
    assert found == [("not-utf8", "e.yaml", 1, 9)]


def test_control_characters_are_located(tmp_path: Path) -> None:
    found = diagnose(tmp_path, {"events/e.yaml": EVENTS.replace("Real thing.", "Réal\x00 thing.")})
    assert found == [("bad-character", "e.yaml", 5, 18)]


def test_file_linked_from_outside_the_pack_is_refused_unread(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere" / "secret.yaml"
    outside.parent.mkdir()
    outside.write_text("this: [is not read\n", encoding="utf-8")
    found = errors_of(tmp_path, {"events/e.yaml": Link(str(outside))})
    assert found == [
        "mini/events/e.yaml:1:1: error [outside-pack] this file is a link to "
        "elsewhere/secret.yaml, outside the pack folder; a pack may only use its own files"
    ]


def test_folder_linked_from_outside_the_pack_is_refused_unread(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    (outside / "cards").mkdir(parents=True)
    (outside / "cards" / "c.yaml").write_text("cards: [is not read\n", encoding="utf-8")
    (outside / "cards" / "more.yaml").write_text(CARDS, encoding="utf-8")
    files: dict[str, str | bytes | Link] = {k: v for k, v in BASE.items() if k != "cards/c.yaml"}
    files["cards"] = Link(str(outside / "cards"))
    result = load_packs([write_pack(tmp_path / "mini", files)])
    found = [(d.code, Path(d.file).name, d.line, d.col) for d in result.report.errors]
    assert found == [("outside-pack", "cards", 1, 1)], found
    assert "outside the pack folder" in result.report.errors[0].message
    assert not any(name.endswith(("c.yaml", "more.yaml")) for name in result.files)


def test_link_loops_are_unreadable_not_a_crash(tmp_path: Path) -> None:
    found = diagnose(tmp_path, {"events/e.yaml": Link("e.yaml"), "cards/c.yaml": None,
                                "cards": Link("cards")})
    assert sorted(found) == [("unreadable", "cards", 1, 1), ("unreadable", "e.yaml", 1, 1)]


def test_a_folder_named_like_a_content_file_is_unreadable(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "mini", BASE)
    (pack / "events" / "more.yaml").mkdir()
    found = [(d.code, Path(d.file).name, d.line, d.col) for d in load_packs([pack]).report.items]
    assert found == [("unreadable", "more.yaml", 1, 1)]


def test_links_inside_the_pack_are_fine(tmp_path: Path) -> None:
    files: dict[str, str | bytes | Link] = dict(BASE)
    files["cards/c.yaml"] = Link("../shared/cards.yaml")
    files["shared/cards.yaml"] = CARDS
    result = load_packs([write_pack(tmp_path / "mini", files)])
    assert result.report.items == [] and result.content is not None


def test_loading_never_changes_a_file(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "mini", {
        **BASE, "cards/c.yaml": CARDS.replace("title: One", "title: [One]"),
        "events/e.yaml": EVENTS + "a: &x [*x]\n"})
    before = {p: p.read_bytes() for p in pack.rglob("*") if p.is_file()}
    stamps = {p: p.stat().st_mtime_ns for p in before}
    load_packs([pack])
    assert {p: p.read_bytes() for p in before} == before
    assert {p: p.stat().st_mtime_ns for p in before} == stamps


# ------------------------------------------------- one run reports every problem, no cascade


def test_broken_card_and_near_miss_id_elsewhere_reported_in_one_run(tmp_path: Path) -> None:
    found = errors_of(tmp_path, {
        "cards/c.yaml": CARDS.replace("title: One", "title: [One]", 1),
        "events/e.yaml": EVENTS + "    next: [{event: ev_onee, turns: 1}]\n",
    })
    assert found == [
        "mini/cards/c.yaml:4:12: error [bad-type] cards[0].title: a text is needed here "
        "(got a list)",
        "mini/events/e.yaml:9:20: error [unknown-id] events[0].next[0].event: no event "
        "'ev_onee'. did you mean 'ev_one'?",
    ]


def test_valid_items_of_a_broken_file_are_still_checked(tmp_path: Path) -> None:
    cards = CARDS.replace("title: One", "title: [One]", 1).replace(
        "    stance: domestic\n  - id: t_one",
        "    stance: domestic\n    effects: [{kind: schedule, event: ev_onne}]\n  - id: t_one")
    found = diagnose(tmp_path, {"cards/c.yaml": cards})
    assert found == [("bad-type", "c.yaml", 4, 12), ("unknown-id", "c.yaml", 20, 39)]


def test_broken_sources_file_does_not_flood_unknown_sources(tmp_path: Path) -> None:
    found = diagnose(tmp_path, {"sources.yaml": "sources:\n  - {id: src, title: A page\n"})
    assert [f[0] for f in found] == ["yaml-syntax"], found


def test_broken_source_still_counts_as_existing(tmp_path: Path) -> None:
    found = diagnose(tmp_path, {"sources.yaml": 'sources:\n  - {id: src, title: A page, '
                                                'url: "ftp://example.org"}\n'})
    assert found == [("bad-type", "sources.yaml", 2, 35)]


def test_broken_event_still_counts_as_existing_and_scheduled(tmp_path: Path) -> None:
    found = diagnose(tmp_path, {
        "events/e.yaml": EVENTS.replace("title: Something happens", "title: [x]"),
        "cards/c.yaml": CARDS.replace("{kind: meter, meter: trust, delta: 2}",
                                      "{kind: schedule, event: ev_one}"),
    })
    assert found == [("bad-type", "e.yaml", 3, 12)]


def test_broken_rules_leave_the_other_checks_running(tmp_path: Path) -> None:
    found = diagnose(tmp_path, {
        "rules.yaml": "interactions: [\n",
        "events/e.yaml": EVENTS + "    next: [{event: ev_onee, turns: 1}]\n",
    })
    assert found == [("yaml-syntax", "rules.yaml", 2, 1), ("unknown-id", "e.yaml", 9, 20)]


def test_broken_leader_or_scenario_is_not_also_reported_missing(tmp_path: Path) -> None:
    found = diagnose(tmp_path, {
        "leaders/amlo.yaml": LEADER.format(side="amlo").replace("floor: 30", "floor: low"),
        "scenarios/s.yaml": "id: s\ntitle: [\n",
    })
    assert sorted(f[0] for f in found) == ["bad-type", "yaml-syntax"], found


def test_broken_manifest_still_checks_the_pack(tmp_path: Path) -> None:
    found = diagnose(tmp_path, {
        "pack.yaml": BASE["pack.yaml"].replace("version: 1.0.0", "version: one"),
        "events/e.yaml": EVENTS + "    next: [{event: ev_onee, turns: 1}]\n",
    })
    assert found == [("bad-type", "pack.yaml", 3, 10), ("unknown-id", "e.yaml", 9, 20)]


def test_cli_refuses_a_hostile_pack_without_a_traceback(tmp_path: Path) -> None:
    pack = tmp_path / "mod"
    write_pack(pack, {
        "pack.yaml": 'id: mod\nname: Mod\nversion: 1.0.0\nauthors: [me]\ngame: ">=0.1"\n'
                     "depends: [core]\n",
        "cards/loop.yaml": "cards: &a [*a]\n",
        "events/laughs.yaml": laughs(9),
        "events/deep.yaml": "[" * 100_000,
        "scenarios/tab.yaml": "id: x\n\ttitle: y\n",
        "cards/latin1.yaml": "cards: [México]\n".encode("latin-1"),
    })
    done = subprocess.run([sys.executable, "-m", "game", "validate", str(pack)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    for where in ("loop.yaml:1:12: error [recursive-alias]",
                  "laughs.yaml:6:10: error [too-many-nodes]",
                  "deep.yaml:1:1001: error [too-deep]",
                  "tab.yaml:2:1: error [tab-indent]",
                  "latin1.yaml:1:10: error [not-utf8]"):
        assert where in done.stdout, done.stdout


def test_a_card_played_outside_its_months_and_two_real_options_are_named(
    tmp_path: Path,
) -> None:
    cards = CARDS.replace("    stance: cooperate\n", "    stance: cooperate\n"
                          "    from: 2019-03\n    played: [\"2019-01\"]\n", 1)
    events = EVENTS + (
        "    choices:\n"
        "      - {side: amlo, label: A, historical: true}\n"
        "      - {side: amlo, label: B, historical: true}\n")
    found = diagnose(tmp_path, {"cards/c.yaml": cards, "events/e.yaml": events})
    assert ("bad-value", "c.yaml", 11, 14) in found, found  # the month played
    assert ("bad-value", "e.yaml", 11, 44) in found, found  # the second mark


def test_validate_speaks_to_a_spanish_teacher_in_spanish(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--lang es`: the same places and codes as in English, the sentences in Spanish."""
    from game.cli import main

    pack = write_pack(tmp_path / "curso", {
        "pack.yaml": 'id: curso\nname: Curso\nversion: 1.0.0\nauthors: [a teacher]\n'
                     'game: ">=0.1"\ndepends: [core]\n',
        "cards/extra.yaml": (
            "cards:\n  - id: amlo_extra\n    side: amlo\n    title: An extra card\n"
            "    text: A test card.\n    context: A card made by a test.\n"
            "    sources: [loc-jdd]\n    category: domestic\n    stance: domestic\n"
            "    effects: [{kind: schedule, event: no_such_event, turns: 1}]\n"
            "  - id: amlo_broken\n    side: amlo\n    title: A broken card\n"
            "    text: A test card.\n    context: A card made by a test.\n"
            "    sources: [loc-jd]\n    category: domestic\n    stance: domestic\n"
            "    costt: 2\n    effects: [{meter: trust, delta: 2}]\n"),
        "endings/tabs.yaml": "endings:\n\t- id: x\n",
    })

    def lines(lang: str) -> dict[str, str]:
        """`file:line:col: severity [code]` → the rest, for each diagnostic printed."""
        assert main(["--lang", lang, "validate", str(pack)]) == 1
        found = {}
        for line in capsys.readouterr().out.splitlines():
            if "] " in line and line.startswith(str(pack)):
                where, _, rest = line.partition("] ")
                found[where.replace("advertencia [", "warning [") + "]"] = rest
        return found

    english, spanish = lines("en"), lines("es")
    assert english.keys() == spanish.keys() and len(english) >= 5, (english, spanish)
    said = "\n".join(spanish.values())
    for phrase in ("no existe ninguna fuente 'loc-jdd' en sources.yaml. ¿Quisiste decir "
                   "'loc-jd'?", "el campo 'costt' no existe. ¿Quisiste decir 'cost'?",
                   "falta el campo obligatorio 'kind'", "no existe ningún evento "
                   "'no_such_event'.", "YAML necesita espacios para la sangría"):
        assert phrase in said, said
    for where, message in english.items():
        assert message not in spanish[where]
    for english_words in ("did you mean", "no source", "unknown field", "is missing",
                          "no event", "needs spaces", " error ", "warning"):
        assert english_words not in said, said
