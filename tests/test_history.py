"""The historical path: both leaders do what they really did, and history comes on time."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from typing import Any

import pytest

from game.core.conditions import date_window
from game.core.state import month_index, month_name
from game.core.turn import Engine
from game.models.bundle import Content
from game.report.history import historical_path


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
    assert text.returncode == 0 and "June 2019" in text.stdout and "Ending: " in text.stdout


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


MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")
#: A date in story text: "2019", "May 2019", "17 May 2019", "March–April 2019".
DATE_IN_TEXT = re.compile(
    r"(?:\d{1,2} )?(?:(" + "|".join(MONTH_NAMES) + r")(?:[–-](?:" + "|".join(MONTH_NAMES)
    + r"))? )?((?:19|20)\d\d)")


def earliest_months(content: Content) -> dict[str, int]:
    """The first month each event can come: its date, or the first month its `when`
    allows by dates alone, or the first month of the earliest scenario; an event that
    only comes when another sets it in motion (chained, scheduled by a card or an
    option), no earlier than that can happen."""
    first = min(month_index(sc.start) for sc in content.scenarios.values())
    own = {e.id: month_index(e.date) if e.date is not None
           else max(first, date_window(e.when)[0]) for e in content.events.values()}
    # event → (the month its trigger can come first, or None for a card, turns after)
    triggers: dict[str, list[tuple[str | None, int, int]]] = {}

    def scheduled(effects: Any, source: str | None, lo: int) -> None:
        for effect in effects:
            if getattr(effect, "kind", None) == "schedule":
                triggers.setdefault(effect.event, []).append((source, lo, effect.turns))

    for event in content.events.values():
        for chain in event.next:
            triggers.setdefault(chain.event, []).append((event.id, 0, chain.turns))
        scheduled(event.effects, event.id, 0)
        for choice in event.choices:
            scheduled(choice.effects, event.id, 0)
    for card in content.cards.values():
        scheduled(card.effects, None, month_index(card.from_) if card.from_ else first)
    for sc in content.scenarios.values():
        for inject in sc.injects:
            turn = inject.turn if inject.turn is not None else 1
            triggers.setdefault(inject.event, []).append(
                (None, month_index(sc.start) + turn - 1, 0))
    months = dict(own)
    for _ in range(len(months)):  # chains of chains: settle in a few rounds
        for event in content.events.values():
            if event.date is not None or event.weight > 0 or event.id not in triggers:
                continue
            months[event.id] = max(own[event.id], min(
                (months[source] if source else lo) + turns
                for source, lo, turns in triggers[event.id]))
    return months


def test_no_news_tells_of_what_has_not_happened_yet(content: Content) -> None:
    """A news item's text and background speak only of months up to the first month it
    can come: no background from the future. (Cards may: their "What really happened"
    note is history told after the fact.)"""
    months = earliest_months(content)
    late = []
    for event in content.events.values():
        earliest = months[event.id]
        for field in ("text", "context"):
            for found in DATE_IN_TEXT.finditer(getattr(event, field) or ""):
                month = MONTH_NAMES.index(found.group(1)) + 1 if found.group(1) else 1
                mentioned = month_index(f"{found.group(2)}-{month:02d}")
                if mentioned > earliest:
                    late.append(f"{event.id} ({month_name(earliest)}) {field}: "
                                f"{found.group(0)!r}")
    assert not late, "\n".join(late)
