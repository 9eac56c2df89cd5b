"""The base game as shipped: clean, complete, and every fact sourced."""

from __future__ import annotations

import re
from pathlib import Path

from game.content import load_game_content
from game.models.content import ENDING_KINDS
from game.paths import core_pack


def test_base_pack_has_no_errors_and_no_warnings() -> None:
    result = load_game_content()
    assert [d.format() for d in result.report.items] == []
    assert result.content is not None


def test_the_full_base_game() -> None:
    content = load_game_content().content
    assert content is not None
    for side in ("amlo", "trump"):
        assert len(content.cards_for(side)) >= 24, side
    assert len(content.events) >= 30
    assert sum(1 for e in content.events.values() if e.choices) >= 12
    assert {"full_term", "tariff_showdown", "pandemic_year"} <= set(content.scenarios)
    full = content.scenarios["full_term"]
    assert (full.start, full.turns) == ("2018-12", 24)
    for scenario in content.scenarios.values():
        assert scenario.briefing.strip() and scenario.question.strip()
        assert len(scenario.objectives) >= 2
    assert len(content.history) >= 30


def test_the_history_file_reads_in_date_order() -> None:
    """The loader sorts the timeline; the file itself should read in order for its editors."""
    import yaml

    raw = yaml.safe_load((core_pack() / "history.yaml").read_text(encoding="utf-8"))
    dates = [entry["date"] for entry in raw["history"]]
    assert dates == sorted(dates)


def test_every_front_can_be_signed_in_every_scenario() -> None:
    """An agreement needs both leaders to cooperate on its front: each must hold such a card."""
    content = load_game_content().content
    assert content is not None
    for scenario in content.scenarios.values():
        for front in ("trade", "migration", "security"):
            for side in ("amlo", "trump"):
                assert any(
                    c.stance == "cooperate" and c.resolved_front == front
                    and c.id not in scenario.exclude_cards for c in content.cards_for(side)
                ), (scenario.id, front, side)


def test_every_scenario_plays_to_an_end_in_its_turns() -> None:
    from game.ai.agents import make_agent
    from game.core.orders import ChooseOption
    from game.core.state import CHOICE, OVER, POLICY, UPKEEP
    from game.core.turn import Engine

    content = load_game_content().content
    assert content is not None
    for scenario_id, scenario in content.scenarios.items():
        engine = Engine(content, scenario_id)
        for seed in range(20):
            state = engine.new_game(seed)
            agents = {"amlo": make_agent("random", "amlo", engine),
                      "trump": make_agent("reciprocal", "trump", engine)}
            for _month in range(scenario.turns):  # bounded: a game that never ends fails
                assert state.phase == UPKEEP
                engine.begin_turn(state)
                while state.phase == CHOICE:
                    for side in list(state.pending):
                        pick = agents[side].choose_option(engine, state)
                        assert engine.choose(state, ChooseOption(side, pick.option)) is None
                assert state.phase == POLICY
                engine.resolve(state, {s: agents[s].choose_order(engine, state)
                                       for s in ("amlo", "trump")})
                if state.phase == OVER:
                    break
            assert state.phase == OVER, (scenario_id, seed)
            assert state.ending is not None and state.ending["kind"] in ENDING_KINDS
            assert 1 <= state.turn <= scenario.turns


def test_every_card_and_event_has_real_context() -> None:
    """The schema wants some context; a teacher wants a sentence, not a placeholder."""
    content = load_game_content().content
    assert content is not None
    for item in [*content.cards.values(), *content.events.values()]:
        words = item.context.split()
        assert len(words) >= 8, (item.id, item.context)
        assert "TODO" not in item.context and "lorem" not in item.context.lower(), item.id


def test_every_content_file_names_its_schema() -> None:
    for path in sorted(core_pack().rglob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("=", 1)[1]).resolve()
        assert target.is_file(), f"{path}: schema {target} missing"


def test_shipped_schemas_are_up_to_date(tmp_path: Path) -> None:
    from game.content.schema import write_schemas

    checkout = core_pack().parent.parent
    # the game's, and the copies the example packs carry for editors
    for root in (checkout / "schemas", *sorted((checkout / "examples").glob("*/schemas"))):
        for written in write_schemas(tmp_path):
            shipped = root / written.name
            assert shipped.is_file(), f"run: python -m game schema --out {root} ({shipped})"
            assert shipped.read_text() == written.read_text(), (
                f"{shipped} is stale: run python -m game schema --out {root}"
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
    assert first.event == state.log[0]["news"][0]["event"] == "ev_remain_in_mexico"
    assert first.real_date.startswith("2018-12") and first.text


def test_the_assumptions_page_in_docs_is_up_to_date() -> None:
    """docs/assumptions.md is the game's "About the model" page, written out."""
    from game.content import load_game_content
    from game.wording import assumptions_markdown

    content = load_game_content().content
    assert content is not None and len(content.assumptions) >= 5
    shipped = core_pack().parent.parent / "docs" / "assumptions.md"
    assert shipped.read_text(encoding="utf-8") == assumptions_markdown(content), (
        "docs/assumptions.md is stale: run python -m game assumptions --markdown "
        "> docs/assumptions.md")


BRITISH = re.compile(
    r"\b\w*(colour|favour|honour|labour|neighbour|behaviour|harbour|rumour|centre|defence|"
    r"offence|licence|programme|aluminium|travell|cancell|organis|realis|recognis|criticis|"
    r"apologis|authoris|mobilis|stabilis|legalis|analys(e|ed|es|ing)\b|catalogue|whilst|"
    r"amongst|judgement)", re.IGNORECASE)


def test_story_text_is_in_us_spelling() -> None:
    """Most English-speaking classes are American: what players read uses US spelling."""
    from game.content import load_game_content
    from game.i18n_extract import content_messages

    content = load_game_content().content
    assert content is not None
    texts = list(content_messages(content))
    texts += [(f"history.{h.id}.text", h.text) for h in content.history.values()]
    found = [(where, m.group(0)) for where, text in texts for m in BRITISH.finditer(text)]
    assert not found, found


def test_dated_news_only_ever_comes_in_its_month() -> None:
    """History in its month: in games played every way, a dated event fires in the month
    history dated it to (or within the months it may wait), never in another."""
    from game.ai.agents import make_agent
    from game.core.state import month_index
    from game.core.turn import Engine
    from game.session import play_out

    content = load_game_content().content
    assert content is not None
    engine = Engine(content, "full_term")
    dated = {e.id: (month_index(e.date), e.wait) for e in content.events.values() if e.date}
    seen = 0
    for kind in ("random", "greedy", "reciprocal"):
        for seed in range(15):
            state = engine.new_game(seed)
            play_out(engine, state, {s: make_agent(kind, s, engine) for s in ("amlo", "trump")})
            for record in state.log:
                month = month_index(record["month"])
                for news in record["news"]:
                    if news["event"] in dated:
                        first, wait = dated[news["event"]]
                        assert first <= month <= first + wait, (kind, seed, news["event"])
                        seen += 1
    assert seen > 100
