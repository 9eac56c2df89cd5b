"""The base game as shipped: clean, complete, and every fact sourced."""

from __future__ import annotations

from pathlib import Path

from game.content import load_game_content
from game.models.content import ENDING_KINDS
from game.paths import core_pack


def test_base_pack_has_no_errors_and_no_warnings() -> None:
    result = load_game_content()
    assert [d.format() for d in result.report.items] == []
    assert result.content is not None


def test_enough_content_to_play_well() -> None:
    content = load_game_content().content
    assert content is not None
    for side in ("amlo", "trump"):
        assert len(content.cards_for(side)) >= 10
    assert len(content.events) >= 12
    assert sum(1 for e in content.events.values() if e.choices) >= 4
    assert {e.kind for e in content.endings} == set(ENDING_KINDS)
    full = content.scenarios["full_term"]
    assert (full.start, full.turns) == ("2018-12", 24)


def test_the_full_base_game() -> None:
    content = load_game_content().content
    assert content is not None
    for side in ("amlo", "trump"):
        assert len(content.cards_for(side)) >= 24, side
    assert len(content.events) >= 30
    assert sum(1 for e in content.events.values() if e.choices) >= 12
    assert {"full_term", "tariff_showdown", "pandemic_year"} <= set(content.scenarios)
    for scenario in content.scenarios.values():
        assert scenario.briefing and scenario.question and len(scenario.objectives) >= 2
    assert len(content.history) >= 30
    dates = [entry.date for entry in content.history.values()]
    assert dates == sorted(dates)
    for entry in content.history.values():
        assert all(tag in content.sources for tag in entry.sources), entry.id
        assert all(event in content.events for event in entry.events), entry.id


def test_every_scenario_plays_to_an_end() -> None:
    from game.simulate import simulate

    content = load_game_content().content
    assert content is not None
    for scenario_id, scenario in content.scenarios.items():
        summary = simulate(content, scenario_id, 30, 1, "random", "reciprocal")
        assert sum(summary.kinds.values()) == 30
        assert summary.mean_turns <= scenario.turns


def test_every_card_and_event_has_context_and_a_known_source() -> None:
    content = load_game_content().content
    assert content is not None
    for item in [*content.cards.values(), *content.events.values()]:
        assert item.context.strip(), item.id
        assert item.sources, item.id
        for tag in item.sources:
            assert tag in content.sources, (item.id, tag)


def test_every_content_file_names_its_schema() -> None:
    for path in sorted(core_pack().rglob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("=", 1)[1]).resolve()
        assert target.is_file(), f"{path}: schema {target} missing"


def test_shipped_schemas_are_up_to_date(tmp_path: Path) -> None:
    from game.content.schema import write_schemas

    root = core_pack().parent.parent / "schemas"
    for written in write_schemas(tmp_path):
        shipped = root / written.name
        assert shipped.is_file(), f"run: python -m game schema --out schemas ({shipped})"
        assert shipped.read_text() == written.read_text(), (
            f"{shipped} is stale: run python -m game schema --out schemas"
        )


def test_the_end_screen_can_set_a_game_beside_history() -> None:
    from game.ai.agents import make_agent
    from game.core.turn import Engine
    from game.report.summary import beside_history
    from game.session import play_out

    content = load_game_content().content
    assert content is not None
    engine = Engine(content, "full_term")
    state = engine.new_game(5)
    play_out(engine, state, {s: make_agent("reciprocal", s, engine) for s in ("amlo", "trump")})
    moments = beside_history(state, dict(content.history), limit=3)
    assert len(moments) == 3
    first = moments[0]
    assert first.event == state.log[0]["event"] == "ev_remain_in_mexico"
    assert first.real_date.startswith("2018-12") and first.text
