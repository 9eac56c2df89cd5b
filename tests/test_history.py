"""The historical path: both leaders do what they really did, and history comes on time."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from game.content import load_game_content
from game.core.state import month_index, month_name
from game.core.turn import Engine
from game.models.bundle import Content
from game.report.history import historical_path


@pytest.fixture(scope="module")
def content() -> Content:
    loaded = load_game_content().content
    assert loaded is not None
    return loaded


def reaches_november_2020(content: Content, scenario_id: str) -> bool:
    scenario = content.scenarios[scenario_id]
    return month_index(scenario.start) + scenario.turns - 1 >= month_index("2020-11")


def test_the_history_command_prints_the_path_month_by_month() -> None:
    done = subprocess.run([sys.executable, "-m", "game", "history", "--json"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    path = json.loads(done.stdout)
    months = [m["month"] for m in path["months"]]
    assert months[0] == "2018-12" and months == sorted(months)
    assert len(months) == path["ending"]["turn"]
    for month in path["months"]:
        assert set(month["orders"]) == {"amlo", "trump"}
        for order in month["orders"].values():
            assert order is None or set(order) == {"card", "title"}
        for news in month["news"]:
            assert news["event"] and news["title"]
    assert path["ending"]["kind"] in ("compromise", "collision", "domestic_defeat", "term_end")
    text = subprocess.run([sys.executable, "-m", "game", "history"], capture_output=True,
                          text=True, timeout=120)
    assert text.returncode == 0 and "2019-06" in text.stdout and "Ending: " in text.stdout


def test_the_historical_player_plays_what_the_leader_really_did(content: Content) -> None:
    path = historical_path(Engine(content, "full_term"))
    played = {(month["month"], order["card"]) for month in path["months"]
              for order in month["orders"].values() if order is not None}
    assert played, "the historical player never played a card"
    reach = content.rules.ai.historical_reach
    for month, card_id in played:
        real = [month_index(m) for m in content.cards[card_id].played]
        assert min(abs(m - month_index(month)) for m in real) <= reach, (month, card_id)
    choices = [(news["event"], side, choice["index"]) for month in path["months"]
               for news in month["news"] for side, choice in news["choices"].items()]
    marked = [(e, s, i) for e, s, i in choices if content.events[e].choices[i].historical]
    assert marked, "no news was decided as the leader really decided it"


@pytest.mark.parametrize("scenario_id", ["full_term", "pandemic_year", "tariff_showdown"])
def test_every_dated_event_comes_in_its_real_month_on_the_historical_path(
    content: Content, scenario_id: str
) -> None:
    engine = Engine(content, scenario_id)
    path = historical_path(engine)
    fired = {news["event"]: month["month"] for month in path["months"]
             for news in month["news"]}
    played = {month["month"] for month in path["months"]}
    for event_id, event in engine.events.items():
        if event.event.date is None or event.event.date not in played:
            continue
        assert fired.get(event_id) == event.event.date, (
            f"{event_id} is dated {event.event.date} but came in {fired.get(event_id)}")


@pytest.mark.parametrize("scenario_id", ["full_term", "pandemic_year"])
def test_the_historical_path_ends_as_the_period_did(content: Content, scenario_id: str) -> None:
    """No collision, no leader losing his base: compromise, or the term's best grade."""
    assert reaches_november_2020(content, scenario_id)
    ending = historical_path(Engine(content, scenario_id))["ending"]
    assert ending["id"] in ("unlikely_allies", "working_relationship"), ending
    assert ending["kind"] in ("compromise", "term_end"), ending
    assert month_name(month_index(content.scenarios[scenario_id].start)) <= "2020-11"
