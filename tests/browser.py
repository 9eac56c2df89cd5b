"""Headless Chromium driving the browser seat, for the tests (marker `browser`) and for the
screenshots committed under docs/screenshots.

Chromium comes from Debian's packages (`apt-get install chromium`), driven by Playwright's
Python package; Playwright's own browser downloads are never used. Every wait is on a
condition in the page (a view's version, the buttons becoming usable), bounded by WAIT.

Run `python tests/browser.py [--out docs/screenshots]` to redraw the seat's screenshots:
1366×768 and 390×844, English and Spanish, mid-game and at the end.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script
    sys.path.insert(0, str(ROOT))

from tests.server import WAIT, Server, start  # noqa: E402

#: The sizes a class uses: a Chromebook and a phone.
SIZES = {"1366x768": (1366, 768), "390x844": (390, 844)}
#: Whether the chart is drawn for the width it has now (it is redrawn after a resize).
CHART_FITS = """() => {
  const box = document.getElementById("chart-svg"), svg = box.querySelector("svg");
  return !svg || box.clientWidth === 0
    || Math.abs(svg.viewBox.baseVal.width - Math.max(320, Math.min(640, box.clientWidth))) < 1;
}"""
#: An order button the seat may press now.
READY = "main [data-order]:not([disabled])"


def require_browser() -> None:
    """Skip (or fail, under UA_REQUIRE_ALL=1) when Chromium or Playwright is missing."""
    import pytest

    from tests.profiles import REQUIRE_ALL, require_tools

    require_tools("chromium", install="apt-get install chromium")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        reason = "Playwright's Python package is not installed (pip install playwright)"
        if REQUIRE_ALL:
            pytest.fail(f"UA_REQUIRE_ALL=1 but {reason}")
        pytest.skip(reason)


@contextmanager
def chromium() -> Iterator[Any]:
    """Debian's Chromium, headless, through Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=shutil.which("chromium"),
                                         args=["--no-sandbox"])
        try:
            yield browser
        finally:
            browser.close()


def until(what: str, condition: Callable[[], Any], wait: float = WAIT) -> Any:
    """Wait for `condition` to hold (polled), at most `wait` seconds; its value."""
    end = time.monotonic() + wait
    while time.monotonic() < end:
        value = condition()
        if value:
            return value
        time.sleep(0.05)  # polling a condition, bounded by `wait`
    raise AssertionError(f"never: {what}")


@dataclass
class Seat:
    """One browser seat: its page, and every message its websocket received."""

    page: Any
    frames: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @classmethod
    def open(cls, browser: Any, size: tuple[int, int] = SIZES["1366x768"]) -> Seat:
        context = browser.new_context(viewport={"width": size[0], "height": size[1]})
        seat = cls(context.new_page())
        seat.page.on("pageerror", lambda error: seat.errors.append(str(error)))
        seat.page.on("console", lambda message: seat.errors.append(message.text)
                     if message.type == "error" else None)
        seat.page.on("websocket", lambda ws: ws.on("framereceived", seat._frame))
        return seat

    def _frame(self, payload: str | bytes) -> None:
        self.frames.append(json.loads(payload))

    def join(self, server: Server, code: str, name: str, side: str | None = None,
             lang: str = "en") -> None:
        """Fill in and send the join form; return once the seat's first view is drawn."""
        page = self.page
        page.goto(f"http://{server.address}/?lang={lang}&code={code}")
        page.fill("#name", name)
        page.check(f"input[name=side][value='{side or ''}']")
        page.click("button[type=submit]")
        page.wait_for_selector("body[data-version]", state="attached", timeout=WAIT * 1000)

    @property
    def views(self) -> list[dict[str, Any]]:
        return [f for f in self.frames if f.get("type") == "view"]

    def version(self) -> str:
        return str(self.page.get_attribute("body", "data-version") or "")

    def ended(self) -> bool:
        return bool(self.page.locator("#end").is_visible())

    def ready(self) -> bool:
        """Whether the seat has an order to give now (the page is not waiting on one)."""
        return (self.page.get_attribute("body", "data-busy") == "0"
                and self.page.locator(READY).count() > 0)

    def outcome(self) -> str:
        return str(self.page.locator("#end-outcome").text_content())

    def sent(self) -> int:
        """How many orders the page has sent."""
        return int(self.page.get_attribute("body", "data-sent") or 0)

    def press_first(self, keyboard: bool = False) -> None:
        """Give the first order offered: clicked, or reached with Tab and pressed with
        Enter (as a keyboard user does). A view that redraws the buttons just then may
        swallow the press: then the seat, still with an order to give, presses again."""
        page = self.page
        for _attempt in range(5):
            before = self.sent()
            if keyboard:
                for _ in range(80):
                    if page.evaluate("() => document.activeElement.matches("
                                     f"{json.dumps(READY)})"):
                        break
                    page.keyboard.press("Tab")
                else:
                    raise AssertionError("Tab never reached an order button")
                page.keyboard.press("Enter")
            else:
                page.locator(READY).first.click(timeout=WAIT * 1000)
            # the server answers every order with a view: wait for it to be drawn
            until("the answer to an order, or the order still to give",
                  lambda sent=before: (self.sent() > sent
                                       and page.get_attribute("body", "data-busy") == "0")
                  or (self.sent() == sent and self.ready()) or self.ended())
            if self.sent() > before or self.ended():
                return
        raise AssertionError("the seat's order never went")


def play(seats: list[Seat], keyboard: frozenset[int] = frozenset(),
         stop: Callable[[], bool] = lambda: False) -> None:
    """Give each seat's first offered order whenever it has one, until every seat shows the
    end (or `stop()`); seats in `keyboard` play by the keyboard alone."""
    while not all(seat.ended() for seat in seats) and not stop():
        ready = until("a seat with an order to give, or the end",
                      lambda: [n for n, s in enumerate(seats) if s.ready()]
                      or all(s.ended() for s in seats))
        if ready is True:
            break
        for n in ready:
            if seats[n].ready():
                seats[n].press_first(keyboard=n in keyboard)


def facilitator(server: Server) -> tuple[str, str]:
    """The room's code and facilitator token that `serve --new-room` printed."""
    code = server.wait_for("Room code: ").split()[-1]
    token = server.wait_for("Facilitator: ").split("Bearer ")[1].rstrip('"')
    return code, token


def screenshots(out: Path, browser: Any = None) -> list[Path]:
    """The join form, then the seat mid-game (a month with news to decide) and at the end,
    at each size, in English (AMLO) and Spanish (Trump), with `browser` (else one started
    here); the files written."""
    if browser is None:
        with chromium() as started:
            return screenshots(out, started)
    written = []
    with tempfile.TemporaryDirectory() as folder:
        server = start(Path(folder), "--new-room", "Clase 3B")
        try:
            code, _token = facilitator(server)
            for lang, size in (("en", "1366x768"), ("es", "390x844")):  # the join form
                form = Seat.open(browser, SIZES[size])
                form.page.goto(f"http://{server.address}/?lang={lang}&code={code}")
                path = out / f"seat-join-{lang}-{size}.png"
                form.page.screenshot(path=str(path))
                written.append(path)
                form.page.context.close()
            seats = {"en": Seat.open(browser), "es": Seat.open(browser)}
            seats["en"].join(server, code, "Ana", "amlo", "en")
            seats["es"].join(server, code, "Beto", "trump", "es")
            both = list(seats.values())
            play(both, stop=lambda: int(seats["en"].page.get_attribute("body", "data-turn")
                                        or 0) >= 4 and seats["en"].ready())
            for stage in ("month", "end"):
                if stage == "end":
                    play(both)
                for lang, seat in seats.items():
                    for size, (w, h) in SIZES.items():
                        seat.page.set_viewport_size({"width": w, "height": h})
                        seat.page.evaluate("() => window.scrollTo(0, 0)")
                        until("the chart redrawn for the new width",
                              lambda page=seat.page: page.evaluate(CHART_FITS))
                        path = out / f"seat-{stage}-{lang}-{size}.png"
                        seat.page.screenshot(path=str(path), full_page=stage == "end")
                        written.append(path)
        finally:
            server.stop()
    return written


def _class_of(server: Server, code: str, months: list[int]) -> tuple[Any, Any]:
    """Tables of two people (joined over HTTP) played by view agents in a background
    thread, each table up to its month in `months`, then left open (connected); the
    thread, and the event that lets them go."""
    import asyncio
    import threading

    from websockets.asyncio.client import connect

    from game.client import ViewAgent

    tokens = [[server.post("/api/join", {"code": code, "name": name, "side": side})["token"]
               for side, name in (("amlo", f"Ana {n + 1}"), ("trump", f"Ben {n + 1}"))]
              for n in range(len(months))]
    loop = asyncio.new_event_loop()
    release = asyncio.Event()
    ready = threading.Event()
    arrived: list[int] = []

    async def seat(token: str, kind: str, last: int) -> None:
        agent = ViewAgent(kind)
        async with connect(f"ws://{server.address}/ws") as ws:
            await ws.send(json.dumps({"type": "hello", "protocol": 1, "token": token}))
            answered = None
            async for raw in ws:
                view = json.loads(raw)
                if view.get("type") != "view":
                    answered = None
                    continue
                if view["ending"] is not None or view["turn"] >= last:
                    break
                point = (view["version"], view["committed"],
                         tuple(len(n["options"]) for n in view["news"]))
                reply = agent.decide(view) if point != answered else None
                if reply is not None:
                    answered = point
                    await ws.send(json.dumps(reply))
            arrived.append(1)
            if len(arrived) == 2 * len(months):
                ready.set()
            await release.wait()

    async def everyone() -> None:
        await asyncio.gather(*(seat(t, kind, last) for pair, last in zip(tokens, months,
                                                                         strict=True)
                               for t, kind in zip(pair, ("reciprocal", "random"),
                                                  strict=True)))

    thread = threading.Thread(target=loop.run_until_complete, args=(everyone(),),
                              daemon=True)
    thread.start()
    if not ready.wait(WAIT * 4):
        raise AssertionError("the class never reached its months")
    return thread, lambda: loop.call_soon_threadsafe(release.set)


def console_screenshots(out: Path, browser: Any = None) -> list[Path]:
    """The facilitator's console over a room of 15 tables played by agents (two paused,
    one waiting for a player, a time for each month), in English and Spanish, at a
    Chromebook's size: the list, the schedule of a scenario with injects, a table's
    ledger; the files written."""
    if browser is None:
        with chromium() as started:
            return console_screenshots(out, started)
    written = []
    with tempfile.TemporaryDirectory() as folder:
        server = start(Path(folder), "--new-room", "Clase 3B", "--scenario",
                       "tariff_showdown")
        try:
            code, _token = facilitator(server)
            months = [1 + n % 3 for n in range(14)]
            thread, release = _class_of(server, code, months)
            server.post("/api/join", {"code": code, "name": "Zoe", "side": "amlo"})
            address = server.wait_for("Console: ").split()[-1]
            for lang in ("en", "es"):
                page = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
                page.goto(address.replace("#", f"?lang={lang}#"))
                page.wait_for_selector("#tables")
                if lang == "en":
                    page.fill("#pause-tables", "4 9")
                    page.click("button[name=on][value='1']")
                    page.fill("#minutes", "8")
                    page.click("#deadline-h ~ form button[type=submit]")
                page.goto(f"http://{server.address}/console/{code}?lang={lang}")
                until("the live list drawn",
                      lambda p=page: p.get_attribute("body", "data-revision"))
                for name, full in (("console", False), ("console-all", True)):
                    path = out / f"{name}-{lang}-1366x768.png"
                    page.screenshot(path=str(path), full_page=full)
                    written.append(path)
                page.goto(f"http://{server.address}/console/{code}/tables/3?lang={lang}")
                path = out / f"console-table-{lang}-1366x768.png"
                page.screenshot(path=str(path))
                written.append(path)
                page.context.close()
            release()
            thread.join(WAIT)
        finally:
            server.stop()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description="Redraw the browser seat's and the "
                                                 "console's screenshots.")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--console", action="store_true", help="only the console's")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with chromium() as browser:
        made = [] if args.console else screenshots(args.out, browser)
        made += console_screenshots(args.out, browser)
    for path in made:
        print(path)


if __name__ == "__main__":
    main()
