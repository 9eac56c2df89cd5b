"""One bad-content fixture per diagnostic code: its code, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content.diagnostics import CODES
from game.content.loader import load_packs

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

BASE: dict[str, str] = {
    "pack.yaml": 'id: mini\nname: Mini\nversion: 1.0.0\nauthors: [me]\ngame: ">=0.1"\n',
    "rules.yaml": (
        "interactions:\n"
        "  - {id: recip, title: R, text: T, amlo: cooperate, trump: cooperate,\n"
        "     effects: [{kind: meter, meter: trust, delta: 5}]}\n"
    ),
    "sources.yaml": 'sources:\n  - {id: src, title: A page, url: "https://example.org"}\n',
    "leaders/amlo.yaml": LEADER.format(side="amlo"),
    "leaders/trump.yaml": LEADER.format(side="trump"),
    "cards/c.yaml": CARDS,
    "events/e.yaml": EVENTS,
    "endings/e.yaml": ENDINGS,
    "scenarios/s.yaml": SCENARIO,
}


def write_pack(root: Path, files: dict[str, str]) -> Path:
    """Write a pack folder from a {relative path: text} mapping."""
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def diagnose(tmp_path: Path, changes: dict[str, str | None]) -> list[tuple[str, str, int, int]]:
    """Load the mini pack with `changes` applied; (code, file name, line, col) of each problem."""
    files = dict(BASE)
    for rel, text in changes.items():
        if text is None:
            files.pop(rel)
        else:
            files[rel] = text
    pack = write_pack(tmp_path / "mini", files)
    result = load_packs([pack])
    return [(d.code, Path(d.file).name, d.line, d.col) for d in result.report.items]


def test_mini_pack_is_clean(tmp_path: Path) -> None:
    assert diagnose(tmp_path, {}) == []


CASES: list[tuple[str, dict[str, str | None], tuple[str, str, int, int]]] = [
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
    ("missing-ending", {"endings/e.yaml": ENDINGS.split("  - {id: over")[0]},
     ("missing-ending", "pack.yaml", 1, 1)),
    ("bad-range", {"events/e.yaml": EVENTS + "    when: {kind: meter, meter: trust, min: 60, "
                                             "max: 40}\n"},
     ("bad-range", "e.yaml", 9, 44)),
]


@pytest.mark.parametrize(("name", "changes", "expected"), CASES, ids=[c[0] for c in CASES])
def test_each_code_has_its_place(
    tmp_path: Path, name: str, changes: dict[str, str | None], expected: tuple[str, str, int, int]
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
    assert line.endswith("s.yaml:4:8: error [bad-type] turns: Input should be a valid "
                         "integer, unable to parse string as an integer (got 'four')")


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
    assert ("unknown-id", 6, 11) in found
