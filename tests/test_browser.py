"""The browser seat in headless Chromium (marker `browser`): two browsers play a whole game
against each other, one by the keyboard alone; a browser plays a `join --agent` client; a
seat reloads mid-game and carries on; no seat ever receives the other's hand; a card whose
title holds `<script>` shows as text; the page fits a phone; the screenshots are drawn.

Chromium is Debian's (`apt-get install chromium`), driven by Playwright's package.
"""

from __future__ import annotations

import json
import re
import urllib.request
from pathlib import Path
from typing import Any

import pytest
import yaml

from game.models.bundle import Content
from tests.browser import (
    SIZES,
    Seat,
    facilitator,
    play,
    screenshots,
    until,
)
from tests.server import WAIT, Server, join, start

pytestmark = pytest.mark.browser

#: The refusal of an unknown room code, in Spanish.
SPANISH_NO_ROOM = "No hay ninguna sala con ese código."
CORE = Path(__file__).resolve().parents[1] / "content" / "core"


def leaks(seat: Seat, side: str, content: Content) -> list[str]:
    """What the seat received of the other leader's cards before he played them: any of
    their ids in a view, except those revealed as played."""
    other = {c for c, card in content.cards.items() if card.side != side}
    ids_elsewhere = set(content.events) | {c for c in content.cards if c not in other}
    played: set[str] = set()
    found = []
    for view in seat.views:
        assert {card["id"] for card in view["hand"]} <= set(content.cards) - other
        if view["last"]:
            played |= {p["card"] for p in view["last"]["played"] if p["card"]}
        text = json.dumps(view)
        for card in other - played - ids_elsewhere:
            if f'"{card}"' in text:
                found.append(f"turn {view['turn']}: {card}")
    return found


def test_two_browser_seats_play_a_whole_game(browser: Any, room: tuple[Server, str, str],
                                             content: Content) -> None:
    """AMLO in English by the keyboard alone, Trump in Spanish by clicks: both reach the
    same ending, each saw only its own hand, and the names typed show as text."""
    server, code, _token = room
    amlo, trump = Seat.open(browser), Seat.open(browser)
    amlo.join(server, code, "Ana <b>bold</b>", "amlo", "en")
    trump.join(server, code, "Beto", "trump", "es")
    until("both seats see the game start",
          lambda: amlo.page.get_attribute("body", "data-phase") not in (None, "waiting"))
    assert "Ana <b>bold</b>" in str(trump.page.locator("#other").text_content())
    assert trump.page.locator("#other b").count() == 0
    assert amlo.page.evaluate("() => location.hash") == ""  # the token left the address
    # the keyboard shows where it is
    play([amlo, trump], keyboard=frozenset({0}),
         stop=lambda: amlo.page.get_attribute("body", "data-turn") == "2")
    amlo.page.keyboard.press("Tab")
    outline = amlo.page.evaluate(
        "() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", ""), outline
    play([amlo, trump], keyboard=frozenset({0}))
    assert amlo.outcome().startswith("Outcome: ")
    assert trump.outcome().startswith("Resultado: ")
    assert amlo.views[-1]["ending"]["id"] == trump.views[-1]["ending"]["id"]
    # Spanish throughout the Spanish seat's page
    words = trump.page.locator("main").inner_text()
    for english_word in ("Your hand", "The relationship", "Polls ", "Why did", "Fronts"):
        assert english_word not in words
    assert "Tu partida frente a la historia" in words or "Lo que pasó en realidad" in words
    # each seat saw only its own hand
    assert leaks(amlo, "amlo", content) == [] and leaks(trump, "trump", content) == []
    assert len(amlo.views) > 24 and len(trump.views) > 24
    # the end has the whole story: standings, swings, the chart's every month
    assert amlo.page.locator("#end-standings li").count() == 3
    assert amlo.page.locator("#end-swings li").count() >= 1
    turn = int(amlo.page.get_attribute("body", "data-turn") or 0)
    assert amlo.page.locator("#chart-table tbody tr").count() == turn + 1
    assert amlo.page.locator("#chart-svg polyline").count() == 3
    assert amlo.errors == [] and trump.errors == []


def test_a_browser_seat_plays_a_terminal_agent(browser: Any,
                                               room: tuple[Server, str, str]) -> None:
    """A browser plays `python -m game join --agent reciprocal`: the same ending line."""
    server, code, _token = room
    agent = join(server, code, "Computer", "--side", "trump", "--agent", "reciprocal")
    try:
        seat = Seat.open(browser)
        seat.join(server, code, "Ana", "amlo")
        play([seat])
        output, _ = agent.communicate(timeout=WAIT)
    finally:
        if agent.poll() is None:
            agent.kill()
    lines = [line for line in output.splitlines() if line.startswith("Outcome: ")]
    assert lines == [seat.outcome()], output[-2000:]
    assert seat.errors == []


def test_a_seat_reloads_mid_game_and_carries_on(browser: Any,
                                                room: tuple[Server, str, str]) -> None:
    """Reloading the page (the token is kept for the tab, not in the address) brings back
    the same seat at the same month; closing the connection brings it back too."""
    server, code, _token = room
    amlo, trump = Seat.open(browser), Seat.open(browser)
    amlo.join(server, code, "Ana", "amlo")
    trump.join(server, code, "Beto", "trump")
    play([amlo, trump], stop=lambda: amlo.page.get_attribute("body", "data-turn") == "3")
    before = amlo.page.get_attribute("body", "data-turn")
    amlo.page.reload()
    amlo.page.wait_for_selector("body[data-version]", state="attached")
    assert amlo.page.get_attribute("body", "data-turn") == before
    assert "Ana" in str(trump.page.locator("#other").text_content())
    # the server goes away and comes back: the page reconnects by itself
    server.stop(kill=True)
    until("the page sees the connection lost",
          lambda: "reconnecting" in str(amlo.page.locator("#conn").text_content()))
    assert amlo.page.locator("main [data-order]:not([disabled])").count() == 0
    again = start(server.data, port=server.port)
    try:
        until("the page reconnected",
              lambda: amlo.page.locator("#conn").text_content() == "Connected", WAIT)
        play([amlo, trump])
        assert amlo.outcome() == trump.outcome()
    finally:
        again.stop()


def test_a_hostile_title_and_name_show_as_text(browser: Any, tmp_path: Path) -> None:
    """A pack whose card titles hold markup, and a player named with markup: the page shows
    the characters and runs nothing."""
    pack = tmp_path / "hostile"
    (pack / "cards").mkdir(parents=True)
    (pack / "pack.yaml").write_text('id: hostile\nname: Hostile\nversion: 1.0.0\n'
                                    'authors: [tests]\ngame: ">=0.1"\ndepends: [core]\n')
    cards = yaml.safe_load((CORE / "cards" / "amlo.yaml").read_text())
    for n, card in enumerate(cards["cards"]):  # a title has at most 60 characters
        card["title"] = f"<script>pwned=1</script><img src=x onerror=pwned=2>{n}"
    (pack / "cards" / "amlo.yaml").write_text(yaml.safe_dump(cards, allow_unicode=True))
    server = start(tmp_path / "data", "--new-room", "Hostile", "--pack", str(pack))
    try:
        code, token = facilitator(server)
        seat = Seat.open(browser)
        seat.join(server, code, "<img src=x onerror=\"window.pwned=3\">", "amlo")
        request = urllib.request.Request(
            f"http://{server.address}/api/rooms/{code}/computer", method="POST",
            data=b'{"agent": "normal", "table": 1}',
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        urllib.request.urlopen(request, timeout=WAIT).close()
        until("the hand is dealt", lambda: seat.page.locator("#cards li").count() > 0)
        title = str(seat.page.locator("#cards h3").first.text_content())
        assert title.startswith("<script>pwned=1</script><img src=x onerror=pwned=2>")
        assert seat.page.locator("main script, main img").count() == 0
        seat.press_first()
        play([seat], stop=lambda: seat.page.locator("#reveal").is_visible())
        assert seat.page.evaluate("() => window.pwned") is None
        assert seat.errors == []
    finally:
        server.stop()


def test_the_join_form_works_without_script_and_says_what_is_wrong(
        browser: Any, room: tuple[Server, str, str]) -> None:
    """With JavaScript off, the form still joins; a wrong code comes back in words, in the
    chosen language, with what was typed kept."""
    server, code, _token = room
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"http://{server.address}/?lang=es")
    page.fill("#code", "ZZZZZZ")
    page.fill("#name", "Ana")
    page.click("button[type=submit]")
    assert page.locator("[role=alert]").text_content() == SPANISH_NO_ROOM
    assert page.input_value("#name") == "Ana"
    page.fill("#code", code)
    page.click("button[type=submit]")
    assert re.search(r"/seat\?lang=es$", page.url.split("#")[0])
    assert "JavaScript" in str(page.locator("noscript").text_content())
    context.close()


def test_the_page_fits_a_phone_and_a_chromebook(browser: Any,
                                                room: tuple[Server, str, str]) -> None:
    """No sideways scrolling at 390 pixels, and the controls a seat needs are all shown."""
    server, code, _token = room
    seats = [Seat.open(browser, SIZES["390x844"]), Seat.open(browser, SIZES["1366x768"])]
    seats[0].join(server, code, "Ana", "amlo", "es")
    seats[1].join(server, code, "Beto", "trump")
    play(seats, stop=lambda: seats[0].page.get_attribute("body", "data-turn") == "2")
    for seat, (width, _height) in zip(seats, (SIZES["390x844"], SIZES["1366x768"]), strict=True):
        scroll = seat.page.evaluate("() => document.documentElement.scrollWidth")
        assert scroll <= width, f"{scroll} px wide in a {width} px window"
        for part in ("#board", "#hand", "#news", "#chart"):
            assert seat.page.locator(part).is_visible()


def test_screenshots_are_drawn_at_both_sizes_in_both_languages(browser: Any,
                                                               tmp_path: Path) -> None:
    written = screenshots(tmp_path, browser)
    assert len(written) == 10
    for path in written:
        assert path.stat().st_size > 20_000, path  # a drawn page, not an empty one
