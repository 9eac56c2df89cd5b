"""The facilitator's console in headless Chromium (marker `browser`), against browser seats:
news sent to a room of two tables reaches both seats of each, the ledger and the saves,
and survives a restart; a scheduled contingency fires when its condition holds; a month's
time runs out on the test clock and the computer plays; a pause stops both seats; without
the token nothing is shown or done."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from game.models.bundle import Content
from tests.browser import READY, Seat, facilitator, play, until
from tests.packs import drill_pack
from tests.server import WAIT, Server, start

pytestmark = pytest.mark.browser


def console(browser: Any, server: Server, size: tuple[int, int] = (1366, 900)) -> Any:
    """The console, signed in through the address `serve --new-room` printed."""
    address = server.wait_for("Console: ").split()[-1]
    page = browser.new_context(viewport={"width": size[0], "height": size[1]}).new_page()
    page.goto(address)
    page.wait_for_selector("#tables")
    assert "#" not in page.url  # the token left the address
    return page


def seats_of(browser: Any, server: Server, code: str, tables: int) -> list[Seat]:
    seats = []
    for n in range(tables):
        for side, lang in (("amlo", "en"), ("trump", "es")):
            seat = Seat.open(browser)
            seat.join(server, code, f"{side}{n + 1}", side, lang)
            seats.append(seat)
    return seats


def send_news(page: Any, event: str, tables: str = "") -> str:
    page.select_option("#event", event)
    page.fill("#inject-tables", tables)
    page.click("text=Send the news")
    page.wait_for_selector(".said, .problem")
    return str(page.locator(".said, .problem").first.text_content())


def test_news_from_the_console_reaches_every_seat_the_ledger_and_the_saves(
        browser: Any, tmp_path: Path, content: Content) -> None:
    server = start(tmp_path, "--new-room", "Class 3B")
    try:
        code, _token = facilitator(server)
        seats = seats_of(browser, server, code, 2)
        page = console(browser, server)
        until("both tables in the live list",
              lambda: page.locator("#tables tbody tr").count() == 2)
        event = next(e for e in content.events.values() if e.effects and not e.choices)
        preview = str(page.locator("#preview").text_content())
        page.select_option("#event", event.id)
        assert page.locator("#preview").text_content() != preview  # what it will do
        assert send_news(page, event.id) == \
            "The news was sent to 2 tables: it comes with their next month."
        play(seats, stop=lambda: all(int(s.page.get_attribute("body", "data-turn") or 0) >= 2
                                     for s in seats))
        for seat in seats:
            first = seat.views[-1]["news"][0]
            assert first["event"] == event.id, seat.views[-1]["news"]
            seat.page.locator("#why summary").click()
            why = str(seat.page.locator("#why-lines").inner_text())
            assert "by the facilitator" in why or "por el facilitador" in why, why
        page.goto(page.url.split("?")[0] + "/tables/1")
        assert "inject by the facilitator: " + event.title in page.locator("main").inner_text()
        # the saves: every table's, with the inject in its order log
        with page.expect_download() as waiting:
            page.goto(page.url.split("/tables")[0])
            page.click("text=Download every table's save (zip)")
        archive = zipfile.ZipFile(io.BytesIO(Path(waiting.value.path()).read_bytes()))
        assert sorted(archive.namelist()) == [f"{code}-table-1.json", f"{code}-table-2.json"]
        for name in archive.namelist():
            save = json.loads(archive.read(name))
            assert {"turn": 1, "order": "inject", "event": event.id} in save["orders"]
        # a restart keeps it: the console shows it again from the log
        server.stop(kill=True)
        again = start(server.data, port=server.port)
        try:
            page.goto(f"http://{again.address}/console/{code}/tables/2")
            assert "inject by the facilitator: " + event.title in \
                page.locator("main").inner_text()
        finally:
            again.stop()
    finally:
        server.stop()


def test_a_contingency_of_the_schedule_fires_when_its_condition_holds(
        browser: Any, tmp_path: Path) -> None:
    pack = drill_pack(tmp_path)
    server = start(tmp_path / "data", "--new-room", "Drill", "--scenario", "drill",
                   "--pack", str(pack))
    try:
        code, _token = facilitator(server)
        seats = seats_of(browser, server, code, 1)
        play(seats, stop=lambda: int(seats[0].page.get_attribute("body", "data-turn")
                                     or 0) >= 3)
        page = console(browser, server)
        rows = page.locator("section[aria-labelledby=schedule-h] tbody tr")
        assert rows.count() == 3
        cells = [[str(c) for c in rows.nth(n).locator("td").all_inner_texts()]
                 for n in range(3)]
        assert cells[0][4:] == ["1", "0", "0"]  # scripted at month 2: sent
        assert "contingency" in cells[1][2].lower() and cells[1][4:] == ["1", "0", "0"]
        assert cells[2][4:] == ["0", "0", "1"]  # its last month passed: skipped
        news = [n["event"] for v in seats[0].views for n in v["news"]]
        assert "ev_tariffs_bite" in news and "ev_june_deal" not in news
    finally:
        server.stop()


def test_a_month_whose_time_runs_out_is_played_by_the_computer(browser: Any,
                                                              tmp_path: Path) -> None:
    clock = tmp_path / "clock"
    clock.write_text("0")
    server = start(tmp_path, "--new-room", "Class 3B", env={"UA_CLOCK_FILE": str(clock)})
    try:
        code, _token = facilitator(server)
        seats = seats_of(browser, server, code, 1)
        page = console(browser, server)
        page.fill("#minutes", "2")
        page.check("input[name=then][value=computer]")
        page.click("text=Set the time")
        assert "1 table has the new time for a month." in str(
            page.locator(".said").text_content())
        for seat in seats:
            until("the seat shows its time",
                  lambda s=seat: s.page.locator("#deadline").is_visible())
        assert "2:00" in str(seats[0].page.locator("#deadline").text_content()) or \
            "1:5" in str(seats[0].page.locator("#deadline").text_content())
        clock.write_text("180")  # three minutes later, for the server
        until("the computer played the month",
              lambda: all(s.page.get_attribute("body", "data-turn") == "2" for s in seats),
              WAIT)
        orders = seats[0].views[-1]["last"]["played"]
        assert len(orders) == 2
    finally:
        server.stop()


def test_a_pause_stops_both_seats_and_the_console_needs_its_token(browser: Any,
                                                                  tmp_path: Path) -> None:
    server = start(tmp_path, "--new-room", "Class 3B")
    try:
        code, _token = facilitator(server)
        seats = seats_of(browser, server, code, 1)
        page = console(browser, server)
        page.click("button[name=on][value='1']")
        assert "1 table paused." in str(page.locator(".said").text_content())
        for seat in seats:
            until("the seat shows the pause", lambda s=seat: s.page.locator(
                "#paused").is_visible())
            assert seat.page.locator(READY).count() == 0
        page.click("button[name=on][value='0']")
        until("a seat may order again", lambda: any(s.ready() for s in seats))
        # another browser, without the token: a sign-in form, and no action is done
        stranger = browser.new_context().new_page()
        stranger.goto(f"http://{server.address}/console/{code}")
        assert stranger.locator("#token").count() == 1
        assert stranger.locator("#tables").count() == 0
        answer = stranger.request.post(f"http://{server.address}/console/{code}/pause",
                                       form={"on": "1", "csrf": "x" * 32},
                                       headers={"Origin": f"http://{server.address}"})
        assert answer.status == 403
        stranger.goto(f"http://{server.address}/console/{code}")
        stranger.fill("#token", "0" * 64)
        stranger.click("text=Open the console")
        assert "That token does not open this room's console" in str(
            stranger.locator("[role=alert]").text_content())
        assert not any(s.page.locator("#paused").is_visible() for s in seats)
    finally:
        server.stop()
