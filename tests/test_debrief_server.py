"""Debrief reports from the game server over real HTTP: a seat opens its game's report
once the game is over (its token in the form's body, from its own page only); the
facilitator opens any table's report, the class report of the room and its spreadsheet;
every report page runs no script and loads nothing from elsewhere."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from game.models.bundle import Content
from tests.server import WAIT, Server
from tests.test_console import act, request, seated_tables
from tests.test_report import Page, outside


async def play_to_the_end(server: Server, tokens: list[str]) -> None:
    """Each seat decides and holds until its game is over."""
    from websockets.asyncio.client import connect

    async def seat(token: str) -> None:
        async with connect(f"ws://{server.address}/ws") as ws:
            await ws.send(json.dumps({"type": "hello", "protocol": 1, "token": token}))
            while True:
                view: dict[str, Any] = json.loads(await ws.recv())
                if view["type"] != "view":
                    continue
                if view["ending"]:
                    return
                if any(n["options"] for n in view["news"]):
                    await ws.send(json.dumps({"type": "choose", "option": 0,
                                              "version": view["version"]}))
                elif view["can_hold"] and view["phase"] == "policy":
                    await ws.send(json.dumps({"type": "hold", "version": view["version"]}))

    await asyncio.wait_for(asyncio.gather(*(seat(t) for t in tokens)), WAIT)


def seat_report(server: Server, token: str, lang: str = "en",
                origin: str | None = "same") -> tuple[int, dict[str, str], str]:
    return request(server, "POST", "/report", {"token": token, "lang": lang}, origin=origin)


def test_a_seat_and_the_console_open_the_reports(room: tuple[Server, str, str],
                                                 content: Content) -> None:
    server, code, token = room
    seats = seated_tables(server, code, 2)
    status, _headers, body = seat_report(server, seats[0]["token"])
    assert status == 409 and "The report opens when the game is over." in body
    assert act(server, code, token, "stop", tables_text="1")[0] == 303
    asyncio.run(play_to_the_end(server, [s["token"] for s in seats[:2]]))

    status, headers, body = seat_report(server, seats[1]["token"])
    assert status == 200 and "script-src" not in headers["content-security-policy"]
    assert headers["content-security-policy"].startswith("default-src 'none'")
    page = Page(body)
    assert len(page.having("article", class_="month")) == 1
    assert "Ended by the facilitator, month 1" in page.words()
    assert "AMLO: amlo1 · Trump: trump1" in page.words()  # the names the players gave
    assert outside(page, content) == []
    status, _headers, body = seat_report(server, seats[1]["token"], "es")
    assert status == 200 and '<html lang="es">' in body and "Mes a mes" in body
    assert seat_report(server, seats[1]["token"], origin="http://elsewhere.example")[0] == 403
    status, _headers, body = seat_report(server, "x" * 30)
    assert status == 403 and "This seat is not known here" in body
    status, _headers, body = request(server, "GET", "/report")
    assert status == 405

    # the console: a table's report, the class report, the spreadsheet
    path = f"/console/{code}/tables/1/report"
    assert request(server, "GET", path)[0] == 403
    status, _headers, body = request(server, "GET", path, cookie=token)
    assert status == 200 and len(Page(body).having("article", class_="month")) == 1
    status, _headers, body = request(server, "GET", f"/console/{code}/tables/2/report",
                                     cookie=token)
    assert status == 200 and "This game is not over" in body
    status, _headers, body = request(server, "GET", f"/console/{code}/report", cookie=token)
    page = Page(body)
    assert status == 200 and page.open == [] and outside(page, content) == []
    assert f"Room {code}: Class 3B" in page.words() and "2 games" in page.words()
    assert request(server, "GET", f"/console/{code}/report")[0] == 403
    status, headers, body = request(server, "GET", f"/console/{code}/report.csv?lang=es",
                                    cookie=token)
    assert status == 200 and headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    assert [r["kind"] for r in rows if r["file"].endswith("table-1.json")].count("hold") == 2
    assert {r["file"] for r in rows} == {f"{code}-table-1.json"}  # table 2: nothing yet
    assert "attachment" in headers["content-disposition"]


def test_the_windows_seat_fetches_its_report(room: tuple[Server, str, str], tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The window's seat of a networked game (`join`) asks the server for its report at
    the end, writes it beside the saves and opens it; before the end, the server's
    sentence says why not."""
    from game.client import Seat
    from game.ui.remote import open_report

    opened: list[str] = []
    monkeypatch.setattr("game.ui.browser.open_in_browser",
                        lambda address: opened.append(address) or True)
    server, code, token = room
    seats = seated_tables(server, code, 1)
    mine = Seat(server.address, seats[0]["token"], "amlo", 1)
    said = open_report(mine, tmp_path)
    assert said == "The report opens when the game is over." and opened == []
    assert act(server, code, token, "stop", tables_text="1")[0] == 303
    asyncio.run(play_to_the_end(server, [s["token"] for s in seats]))
    said = open_report(mine, tmp_path / "reports")
    written = next((tmp_path / "reports").glob("report-table-1-*.html"))
    assert said == f"Report opened in your browser: {written}"
    assert opened == [written.resolve().as_uri()]
    assert Page(written.read_text(encoding="utf-8")).having("article", class_="month")
    said = open_report(Seat("127.0.0.1:9", "x" * 30), tmp_path)  # nobody listens there
    assert said.startswith("Cannot reach the server at 127.0.0.1:9")


def test_ctrl_c_with_a_console_and_seats_open_stops_without_a_traceback(
        room: tuple[Server, str, str]) -> None:
    """A facilitator's live list (a stream that never ends by itself) and a seat are open
    when the teacher presses Ctrl+C: the server says it stopped, and nothing else."""
    import http.client
    import queue

    from websockets.sync.client import connect

    from tests.test_console import COOKIE

    server, code, token = room
    seats = seated_tables(server, code, 1)
    live = http.client.HTTPConnection("127.0.0.1", server.port, timeout=WAIT)
    live.request("GET", f"/console/{code}/events", headers={"Cookie": f"{COOKIE}={token}"})
    stream = live.getresponse()
    assert stream.status == 200 and stream.readline().startswith(b"event: room")
    with connect(f"ws://{server.address}/ws") as seat:
        seat.send(json.dumps({"type": "hello", "protocol": 1, "token": seats[0]["token"]}))
        assert json.loads(seat.recv(timeout=WAIT))["type"] == "view"
        server.stop()
    live.close()
    while True:
        try:
            server.said.append(server.lines.get(timeout=WAIT))
        except queue.Empty:
            break
        if server.said[-1] == "Server stopped.":
            break
    after = server.said[server.said.index(next(s for s in server.said
                                               if s.startswith("Console: "))):]
    assert after[-1] == "Server stopped." and not any("Traceback" in s or "Error" in s
                                                      for s in after), after
