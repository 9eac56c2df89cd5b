"""The facilitator's console over real HTTP (a browser drives it in test_browser.py): only
the facilitator signs in, and only with the token; every action is a form that carries a
token against forged requests; an inject goes to the chosen tables, both seats see it,
the ledger names it and the export holds it, also after a restart; a paused table takes
no order; a message reaches both seats; the live list is a stream of whole snapshots."""

from __future__ import annotations

import asyncio
import html
import http.client
import json
import re
import urllib.parse
from pathlib import Path
from typing import Any

import pytest

from game.models.bundle import Content
from game.server.console import COOKIE, csrf_of
from tests.server import WAIT, Server, start


def request(server: Server, method: str, path: str, form: dict[str, str] | None = None,
            cookie: str | None = None, origin: str | None = "same"
            ) -> tuple[int, dict[str, str], str]:
    """One request as a browser on the console's page makes it (a redirect not followed)."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=WAIT)
    headers = {}
    body = None
    if form is not None:
        body = urllib.parse.urlencode(form)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    if origin is not None:
        headers["Origin"] = f"http://{server.address}" if origin == "same" else origin
    if cookie is not None:
        headers["Cookie"] = f"{COOKIE}={cookie}"
    connection.request(method, path, body=body, headers=headers)
    answer = connection.getresponse()
    text = html.unescape(answer.read().decode())
    connection.close()
    return answer.status, {k.lower(): v for k, v in answer.getheaders()}, text


def seated_tables(server: Server, code: str, count: int) -> list[dict[str, str]]:
    """`count` tables of two people who have joined (their games wait for their orders)."""
    seats = []
    for n in range(count):
        for side in ("amlo", "trump"):
            seats.append(server.post("/api/join", {"code": code, "name": f"{side}{n + 1}",
                                                   "side": side}))
    return seats


def act(server: Server, code: str, token: str, action: str, **form: str) -> tuple[int, str]:
    """A console action as its form posts it; the status and where it leads."""
    status, headers, _body = request(server, "POST", f"/console/{code}/{action}",
                                     {"csrf": csrf_of(token), **form}, cookie=token)
    return status, urllib.parse.unquote(headers.get("location", ""))


async def play_month(server: Server, tokens: list[str]) -> list[dict[str, Any]]:
    """Each seat decides and holds until its month is over; each seat's last view."""
    from websockets.asyncio.client import connect

    async def seat(token: str) -> dict[str, Any]:
        async with connect(f"ws://{server.address}/ws") as ws:
            await ws.send(json.dumps({"type": "hello", "protocol": 1, "token": token}))
            start_turn = None
            while True:
                view = json.loads(await ws.recv())
                if view["type"] != "view":
                    continue
                start_turn = start_turn or view["turn"]
                if view["turn"] > start_turn and view["phase"] != "choice":
                    return dict(view)
                deciding = [n for n in view["news"] if n["options"]]
                if deciding:
                    await ws.send(json.dumps({"type": "choose", "option": 0,
                                              "version": view["version"]}))
                elif view["can_hold"] and view["phase"] == "policy":
                    await ws.send(json.dumps({"type": "hold", "version": view["version"]}))
                elif view["turn"] > start_turn:
                    return dict(view)

    return list(await asyncio.gather(*(seat(t) for t in tokens)))


def test_only_the_facilitator_signs_in_and_acts(room: tuple[Server, str, str]) -> None:
    server, code, token = room
    status, _headers, page = request(server, "GET", f"/console/{code}")
    assert status == 200 and 'type="password"' in page and "Send news" not in page
    status, _headers, page = request(server, "POST", f"/console/{code}/sign-in",
                                     {"token": "0" * 64})
    assert status == 403 and "That token does not open this room's console" in page
    status, headers, _html = request(server, "POST", f"/console/{code}/sign-in",
                                     {"token": token})
    assert status == 303
    cookie = headers["set-cookie"]
    assert f"{COOKIE}={token}" in cookie and "HttpOnly" in cookie
    assert "SameSite=strict" in cookie.replace("Strict", "strict")
    assert f"Path=/console/{code}" in cookie
    status, _headers, page = request(server, "GET", f"/console/{code}", cookie=token)
    assert status == 200 and "Send news" in page and token not in page
    for path in (f"/console/{code}/events", f"/console/{code}/export"):
        assert request(server, "GET", path)[0] == 403
        assert request(server, "GET", path, cookie="x" * 64)[0] == 403
    # an action without the cookie, without the form's token, or from another site
    assert request(server, "POST", f"/console/{code}/message",
                   {"csrf": csrf_of(token), "text": "hi"})[0] == 403
    assert request(server, "POST", f"/console/{code}/message", {"text": "hi"},
                   cookie=token)[0] == 403
    assert request(server, "POST", f"/console/{code}/message",
                   {"csrf": csrf_of(token), "text": "hi"}, cookie=token,
                   origin="http://evil.example")[0] == 403
    later = []  # what the server printed after its start (where it shows the token once)
    while not server.lines.empty():
        later.append(server.lines.get_nowait())
    assert not any(token in line for line in later)


def test_an_inject_reaches_both_seats_of_the_chosen_tables_and_stays(
        room: tuple[Server, str, str], content: Content, tmp_path: Path) -> None:
    server, code, token = room
    seats = seated_tables(server, code, 3)
    event = next(e for e in content.events.values() if e.effects and not e.choices)
    status, where = act(server, code, token, "inject", event=event.id, tables_text="1, 3")
    assert status == 303 and "done=inject" in where and "count=2" in where
    status, where = act(server, code, token, "inject", event="no_such_event",
                        tables_text="2")
    assert "problem=there is no event no_such_event" in where
    assert "problem=Give the tables as numbers" in act(server, code, token, "inject",
                                                       event=event.id, tables_text="x")[1]
    views = asyncio.run(play_month(server, [s["token"] for s in seats]))
    shown = "inject by the facilitator: " + event.title
    for n, view in enumerate(views):
        table = n // 2 + 1
        assert (view["news"][0]["event"] == event.id) == (table in (1, 3)), (table, view)
        assert any(shown.lower() in line.lower() for line in view["why"]) == \
            (table in (1, 3))
    # kept through a restart: in the log, the ledger, the export
    server.stop(kill=True)
    again = start(server.data, port=server.port)
    try:
        exported = again.get(f"/api/rooms/{code}/export", token)
        injected = {t["table"]: [o for o in t["save"]["orders"] if o["order"] == "inject"]
                    for t in exported["tables"]}
        assert injected == {1: [{"turn": 1, "order": "inject", "event": event.id}], 2: [],
                            3: [{"turn": 1, "order": "inject", "event": event.id}]}
        _status, _headers, page = request(again, "GET", f"/console/{code}/tables/1",
                                          cookie=token)
        assert "inject by the facilitator: " in page
    finally:
        again.stop()


def test_a_paused_table_takes_no_order_and_a_message_reaches_both_seats(
        room: tuple[Server, str, str]) -> None:
    server, code, token = room
    seats = seated_tables(server, code, 2)
    assert "done=pause" in act(server, code, token, "pause", on="1", tables_text="1")[1]
    assert "done=message" in act(server, code, token, "message",
                                 text="<b>Five minutes</b> left", tables_text="")[1]

    async def first_answer(token_: str) -> tuple[dict[str, Any], dict[str, Any]]:
        from websockets.asyncio.client import connect

        async with connect(f"ws://{server.address}/ws") as ws:
            await ws.send(json.dumps({"type": "hello", "protocol": 1, "token": token_}))
            view = json.loads(await ws.recv())
            await ws.send(json.dumps({"type": "hold", "version": view["version"]}))
            return view, json.loads(await ws.recv())

    view, answer = asyncio.run(first_answer(seats[1]["token"]))  # table 1, Trump
    assert view["paused"] and view["notices"] == ["<b>Five minutes</b> left"]
    assert answer["type"] == "error" and answer["code"] == "paused"
    # table 2 plays on: an order there is judged by the rules alone (the month may open
    # on news AMLO decides first), never refused for a pause
    view, answer = asyncio.run(first_answer(seats[3]["token"]))
    assert not view["paused"] and answer.get("code") != "paused"
    assert "done=resume" in act(server, code, token, "pause", on="0", tables_text="1")[1]
    view, answer = asyncio.run(first_answer(seats[1]["token"]))
    assert not view["paused"] and answer.get("code") != "paused"
    # the table's page has the record of it all
    _status, _headers, page = request(server, "GET", f"/console/{code}/tables/1",
                                      cookie=token)
    record = page[page.index("What you did at this table"):]
    assert record.index("Month 1: paused") < record.index(
        "Month 1: message: <b>Five minutes</b> left") < record.index("Month 1: resumed")


def test_the_live_list_streams_whole_snapshots(room: tuple[Server, str, str]) -> None:
    server, code, token = room
    seated_tables(server, code, 2)
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=WAIT)
    connection.request("GET", f"/console/{code}/events", headers={"Cookie": f"{COOKIE}={token}"})
    answer = connection.getresponse()
    assert answer.status == 200 and answer.getheader("content-type", "").startswith(
        "text/event-stream")
    first = b""
    while b"\n\n" not in first:
        first += answer.read1(4096)
    connection.close()
    found = re.match(rb"event: room\ndata: (.*)\n\n", first)
    assert found is not None
    data = json.loads(found.group(1))
    assert data["code"] == code and [t["table"] for t in data["tables"]] == [1, 2]
    assert set(data["tables"][0]["seats"]) == {"amlo", "trump"}
    assert "hand" not in found.group(1).decode() and "seed" not in found.group(1).decode()


@pytest.mark.parametrize(("form", "words"), [
    ({"title": "", "text": "x"}, "Write a headline of 1 to 80 characters."),
    ({"title": "x" * 81, "text": "x"}, "Write a headline of 1 to 80 characters."),
    ({"title": "Storm", "text": ""}, "Write what happens in 1 to 600 characters."),
    ({"title": "Storm", "text": "x", "meter0": "seed", "delta0": "5"},
     "Change 1: choose what it changes."),
    ({"title": "Storm", "text": "x", "meter1": "trust", "delta1": "99"},
     "Change 2: give a whole number from -30 to 30."),
    ({"title": "Storm", "text": "x", "meter0": "trust", "delta0": "lots"},
     "Change 1: give a whole number from -30 to 30."),
])
def test_written_news_is_checked_and_refused_in_words(room: tuple[Server, str, str],
                                                      form: dict[str, str], words: str) -> None:
    server, code, token = room
    seated_tables(server, code, 1)
    _status, where = act(server, code, token, "write", **form)
    assert f"problem={words}" in where, where


def test_written_news_reaches_the_chosen_table(room: tuple[Server, str, str]) -> None:
    server, code, token = room
    seats = seated_tables(server, code, 2)
    _status, where = act(server, code, token, "write", title="<i>Storm</i> on the border",
                        text="Crossings close for a day.", meter0="tension.migration",
                        delta0="6", tables_text="2")
    assert "done=write" in where and "count=1" in where
    views = asyncio.run(play_month(server, [s["token"] for s in seats]))
    assert [v["news"][0]["title"] == "<i>Storm</i> on the border" for v in views] == \
        [False, False, True, True]
