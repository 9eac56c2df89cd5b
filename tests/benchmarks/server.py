"""A full class on one server: 30 tables (60 real websocket clients played by agents from
their seats' views) through whole games at once on the loopback address, then 60.

Run: python tests/benchmarks/server.py [--tables 30 60] [--db URL] [--browser]
Targets at 30 tables: 0 errors, 0 lost orders, p95 under 100 ms from the second order
of a month to both seats having its resolution, the server under 300 MB.

With --browser (15 tables by default), every client does what the browser seat does: it
loads the join page, posts the join form, follows the redirect to the seat page and loads
its script and style, then plays over the page's websocket protocol. Target: every seat
has the resolution within one second of the month's second order (the slowest is shown).
Prints the figures; never fails.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from game.client import ViewAgent  # noqa: E402
from tests.server import Server, start  # noqa: E402


@dataclass
class Table:
    """What one table's two clients saw: when each month's second order went, when each
    seat had its resolution."""

    sent: dict[int, list[float]] = field(default_factory=dict)
    resolved: dict[int, list[float]] = field(default_factory=dict)
    accepted: int = 0  # orders sent and not refused
    stale: int = 0  # orders refused for having been chosen on a view already outdated
    errors: list[str] = field(default_factory=list)
    outcomes: list[str] = field(default_factory=list)


def post(server: Server, path: str, body: dict[str, Any]) -> dict[str, Any]:
    request = urllib.request.Request(f"http://{server.address}{path}", method="POST",
                                     data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return dict(json.loads(response.read()))


async def seat(server: Server, token: str, table: Table, kind: str) -> None:
    """One seat, played to the end by a view agent."""
    from websockets.asyncio.client import connect

    agent = ViewAgent(kind)
    last_turn = 0
    async with connect(f"ws://{server.address}/ws", max_size=2**20) as ws:
        await ws.send(json.dumps({"type": "hello", "protocol": 1, "token": token}))
        answered = None
        pending: dict[str, Any] | None = None
        async for raw in ws:
            message = json.loads(raw)
            if message["type"] == "error":
                if message["code"] != "stale":
                    table.errors.append(message["code"])
                else:
                    table.stale += 1
                if pending is not None:
                    table.accepted -= 1  # counted when sent; it was not taken
                answered = None
                continue
            view = message
            if view["last"] is not None and view["last"]["turn"] > last_turn:
                last_turn = view["last"]["turn"]
                table.resolved.setdefault(last_turn, []).append(time.perf_counter())
            if view["ending"] is not None:
                table.outcomes.append(view["ending"]["outcome"])
                return
            point = (view["version"], view["committed"])
            if point == answered:
                continue
            reply = agent.decide(view)
            if reply is None:
                continue
            answered, pending = point, reply
            if reply["type"] in ("play", "hold"):
                table.sent.setdefault(view["turn"], []).append(time.perf_counter())
            table.accepted += 1
            await ws.send(json.dumps(reply))


def peak_memory(pid: int) -> int:
    """The process's peak resident memory (VmHWM), in bytes."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


def exported_orders(server: Server, code: str, token: str) -> int:
    request = urllib.request.Request(f"http://{server.address}/api/rooms/{code}/export",
                                     headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=120) as response:
        data = json.loads(response.read())
    return sum(len(t["save"]["orders"]) for t in data["tables"])


class _Stay(urllib.request.HTTPRedirectHandler):
    """Do not follow a redirect: its address is the answer."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def browser_join(server: Server, code: str, name: str, side: str) -> str:
    """Join as the browser seat does: the form page, the form posted, the seat page it
    redirects to with its script and style; the seat's token (from the fragment)."""
    base = f"http://{server.address}"
    with urllib.request.urlopen(f"{base}/?code={code}", timeout=60) as response:
        response.read()
    form = urllib.parse.urlencode({"code": code, "name": name, "side": side, "lang": "en"})
    request = urllib.request.Request(f"{base}/join", data=form.encode(), method="POST",
                                     headers={"Origin": base, "Content-Type":
                                              "application/x-www-form-urlencoded"})
    try:
        urllib.request.build_opener(_Stay).open(request, timeout=60)
        raise AssertionError("the join form did not redirect to a seat")
    except urllib.error.HTTPError as answer:
        if answer.code != 303:
            raise
        location = answer.headers["Location"]
    path, token = location.split("#", 1)
    for page in (path, "/static/seat.js", "/static/seat.css"):
        with urllib.request.urlopen(base + page, timeout=60) as response:
            response.read()
    return token


async def class_of(server: Server, code: str, count: int, browser: bool) -> list[Table]:
    tables = [Table() for _ in range(count)]
    players = []
    for table in tables:
        for side, kind in (("amlo", "reciprocal"), ("trump", "random")):
            if browser:
                token = browser_join(server, code, side, side)
            else:
                token = post(server, "/api/join", {"code": code, "name": side,
                                                   "side": side})["token"]
            players.append(seat(server, token, table, kind))
    await asyncio.gather(*players)
    return tables


def run(count: int, db: str | None, browser: bool = False) -> None:
    with tempfile.TemporaryDirectory() as folder:
        extra = ("--db", db) if db else ()
        server = start(Path(folder), "--new-room", "Benchmark", *extra)
        code = server.wait_for("Room code: ").split()[-1]
        token = server.wait_for("Facilitator: ").split("Bearer ")[1].rstrip('"')
        began = time.perf_counter()
        tables = asyncio.run(class_of(server, code, count, browser))
        seconds = time.perf_counter() - began
        memory = peak_memory(server.process.pid)
        logged = exported_orders(server, code, token)
        server.stop()
    latencies = []
    for table in tables:
        for turn, sent in table.sent.items():
            got = table.resolved.get(turn, [])
            if len(sent) >= 2 and len(got) == 2:
                latencies.append((max(got) - max(sent)) * 1000)
    latencies.sort()

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] if latencies else 0

    games = sum(1 for t in tables if len(t.outcomes) == 2 and t.outcomes[0] == t.outcomes[1])
    errors = sum(len(t.errors) for t in tables)
    accepted = sum(t.accepted for t in tables)
    kind = "browser-seat clients" if browser else "clients"
    print(f"{count} tables ({2 * count} {kind}), {'PostgreSQL' if db else 'SQLite'}: "
          f"{games}/{count} games completed in {seconds:.1f} s")
    stale = sum(t.stale for t in tables)
    print(f"  errors {errors}, lost orders {max(0, accepted - logged)} "
          f"({accepted} accepted, {logged} in the exported logs; {stale} stale, sent again)")
    print(f"  second order → both seats resolved: p50 {pct(0.50):.1f} ms, "
          f"p95 {pct(0.95):.1f} ms, p99 {pct(0.99):.1f} ms over {len(latencies)} months "
          f"(mean {statistics.fmean(latencies) if latencies else 0:.1f} ms)")
    if latencies:
        within = sum(1 for ms in latencies if ms <= 1000)
        print(f"  slowest month {latencies[-1]:.1f} ms; {within}/{len(latencies)} months had "
              f"both seats resolved within one second of the second order")
    print(f"  server peak memory {memory / 2**20:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tables", type=int, nargs="+",
                        help="tables to play at once (default: 30 then 60; 15 with --browser)")
    parser.add_argument("--db", help="a database URL (default: SQLite in a temporary folder)")
    parser.add_argument("--browser", action="store_true",
                        help="clients join and play as the browser seat does")
    args = parser.parse_args()
    for count in args.tables or ([15] if args.browser else [30, 60]):
        run(count, args.db, args.browser)


if __name__ == "__main__":
    main()
