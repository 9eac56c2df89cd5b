"""The browser seat's pages, over real HTTP without a browser: the join form in each
language, its refusals in words with what was typed kept (and escaped), a form from
another site refused, the redirect that carries the token in the fragment, the words the
seat's script needs, and the pages' security headers. (Chromium plays them in
test_browser.py.)"""

from __future__ import annotations

import asyncio
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from tests.browser import facilitator
from tests.server import Server, start

STATIC = Path(__file__).resolve().parents[1] / "game" / "server" / "static"


@pytest.fixture(scope="module")
def room(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, str]]:
    server = start(tmp_path_factory.mktemp("pages"), "--new-room", "Class 3B")
    try:
        code, _token = facilitator(server)
        yield server, code
    finally:
        server.stop()


class _Stay(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def fetch(server: Server, path: str, form: dict[str, str] | None = None,
          headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], str]:
    """Status, headers and body of a page (a redirect is not followed)."""
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    request = urllib.request.Request(f"http://{server.address}{path}", data=data,
                                     headers=headers or {})
    try:
        with urllib.request.build_opener(_Stay).open(request, timeout=30) as answer:
            return answer.status, dict(answer.headers), answer.read().decode()
    except urllib.error.HTTPError as answer:
        return answer.code, dict(answer.headers), answer.read().decode()


def posted(server: Server, form: dict[str, str], origin: str | None = "same"
           ) -> tuple[int, dict[str, str], str]:
    """The join form as a browser on this server's page posts it (`origin` another)."""
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if origin is not None:
        headers["Origin"] = f"http://{server.address}" if origin == "same" else origin
    return fetch(server, "/join", form, headers)


class Page(HTMLParser):
    """What a page is made of: every address it loads, its alert, its form's values."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.loads: list[str] = []
        self.values: dict[str, str] = {}
        self.alert = ""
        self._in_alert = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag in ("script", "img") and found.get("src"):
            self.loads.append(str(found["src"]))
        if tag == "link" and found.get("href"):
            self.loads.append(str(found["href"]))
        if tag == "input" and found.get("id"):
            self.values[str(found["id"])] = str(found.get("value") or "")
        self._in_alert = found.get("role") == "alert"

    def handle_data(self, data: str) -> None:
        if self._in_alert:
            self.alert += data.strip()


def test_the_join_page_speaks_the_readers_language_and_loads_only_from_here(
        room: tuple[Server, str]) -> None:
    server, code = room
    status, headers, html = fetch(server, f"/?code={code}")
    assert status == 200 and "Join a class game" in html and f'value="{code}"' in html
    assert "default-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert all(address.startswith(("/", "data:")) for address in Page(html).loads)
    assert "Unirse a una partida de clase" in fetch(
        server, "/", headers={"Accept-Language": "es-MX,es;q=0.9"})[2]
    assert "Unirse a una partida de clase" in fetch(server, "/?lang=es")[2]
    assert "Join a class game" in fetch(server, "/?lang=xx")[2]  # unknown: English
    for asset in ("/static/seat.js", "/static/join.js", "/static/seat.css"):
        assert fetch(server, asset)[0] == 200


@pytest.mark.parametrize(("form", "status", "words"), [
    ({"code": "ZZZZZZ", "name": "Ana", "lang": "en"}, 404, "There is no room with that code."),
    ({"code": "", "name": "Ana", "lang": "en"}, 400, "Give the room's code: your teacher has it."),
    ({"code": "ZZZZZZ", "name": "", "lang": "es"}, 400, "Escribe un nombre de 1 a 40 letras."),
    ({"code": "ZZZZZZ", "name": "x" * 41, "lang": "en"}, 400, "Give a name of 1 to 40 letters."),
])
def test_a_refused_join_says_why_and_keeps_what_was_typed(
        room: tuple[Server, str], form: dict[str, str], status: int, words: str) -> None:
    server, _code = room
    got, _headers, html = posted(server, form)
    page = Page(html)
    assert got == status and page.alert == words
    assert page.values["code"] == form["code"][:16]


def test_typed_text_comes_back_escaped(room: tuple[Server, str]) -> None:
    server, _code = room
    _status, _headers, html = posted(server, {"code": "<b>x", "name": "<script>alert(1)</script>"})
    assert "<script>alert(1)</script>" not in html and "<b>x" not in html
    assert Page(html).values["name"] == "<script>alert(1)</script>"  # shown as typed


def test_a_form_from_another_site_is_refused(room: tuple[Server, str]) -> None:
    server, code = room
    status, _headers, html = posted(server, {"code": code, "name": "Ana"},
                                    origin="http://evil.example")
    assert status == 403 and "another site" in Page(html).alert
    assert posted(server, {"code": code, "name": "Ana"}, origin="null")[0] == 403
    status, _headers, html = fetch(server, "/join", {"code": code, "name": "x" * 3000},
                                   {"Origin": f"http://{server.address}"})
    assert status == 413


def test_a_join_leads_to_the_seat_with_its_token_in_the_fragment(
        room: tuple[Server, str]) -> None:
    """The redirect's fragment (never sent to a server) holds the token; the seat's
    socket accepts it and sends the seat its view."""
    server, code = room
    status, headers, _html = posted(server, {"code": code.lower(), "name": "Ana",
                                             "side": "amlo", "lang": "es"})
    assert status == 303
    path, token = headers["location"].split("#")
    assert path == "/seat?lang=es" and re.fullmatch(r"[0-9a-f]{64}", token)

    async def first_view() -> dict[str, Any]:
        from websockets.asyncio.client import connect

        async with connect(f"ws://{server.address}/ws") as ws:
            await ws.send(json.dumps({"type": "hello", "protocol": 1, "token": token}))
            return dict(json.loads(await ws.recv()))

    view = asyncio.run(first_view())
    assert view["type"] == "view" and view["side"] == "amlo" and view["lang"] == "es"
    assert view["name"] == "Ana"


def words_of(html: str) -> dict[str, str]:
    found = re.search(r'<script type="application/json" id="words">(.*?)</script>', html, re.S)
    assert found is not None
    return dict(json.loads(found.group(1)))


def test_the_seat_page_has_every_word_its_script_says_in_both_languages(
        room: tuple[Server, str]) -> None:
    server, _code = room
    script = (STATIC / "seat.js").read_text()
    keys = set(re.findall(r'say\("([\w.]+)"', script)) - {"other.", "then."}  # <kind>:
    keys |= {f"other.{kind}" for kind in ("waiting", "choosing", "chosen", "disconnected",
                                          "computer", "empty", "waiting_you")}
    keys |= {"then.hold", "then.computer"}
    english = words_of(fetch(server, "/seat?lang=en")[2])
    spanish = words_of(fetch(server, "/seat?lang=es")[2])
    assert keys <= set(english) and keys <= set(spanish), keys - set(english)
    alike = {k for k in english if english[k] == spanish[k]}
    assert alike <= {"capital"}, alike  # "Capital {n}" is the same word in Spanish
    for key, text in english.items():  # the braces a phrase is filled with survive
        assert set(re.findall(r"\{\w+\}", text)) == set(re.findall(r"\{\w+\}", spanish[key]))
    join_words = words_of(fetch(server, "/?lang=es")[2])
    assert set(re.findall(r'say\("(\w+)"', (STATIC / "join.js").read_text())) <= set(join_words)


def test_the_scripts_insert_text_as_text_and_send_only_offered_orders() -> None:
    for name in ("seat.js", "join.js"):
        script = (STATIC / name).read_text()
        for risky in ("innerHTML", "outerHTML", "insertAdjacentHTML", "eval(", "document.write"):
            assert risky not in script, (name, risky)
    script = (STATIC / "seat.js").read_text()
    sent = set(re.findall(r'\{ type: "(\w+)"', script)) - {"hello", "button"}
    assert sent == {"choose", "hold", "play"}
