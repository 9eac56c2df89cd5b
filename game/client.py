"""`python -m game join`: a seat at a table of the game server, in the terminal.

It takes a seat (`POST /api/join`), then plays over a websocket: every message from the
server is the seat's whole view, so the client keeps nothing but its token and the
version of the last view. When the connection drops it comes back by itself, waiting a
little longer each time, and the server sends the whole view again. With `--agent` a
computer player plays the seat unattended, from that view alone: it never sees the
seed, the state or the other hand, only what a person in that seat would see.
"""

from __future__ import annotations

import json
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from game.i18n import _

if TYPE_CHECKING:
    import urllib.error
    import urllib.request

# urllib and the protocol's models are imported where a request is made, not here: the
# command line reads VIEW_AGENTS to build its help, which must stay fast.

#: Waits between reconnection attempts, in seconds (then jittered); after the last one
#: the client keeps trying at that pace for `GIVE_UP` seconds in all.
BACKOFF = (0.2, 0.5, 1.0, 2.0, 4.0)
GIVE_UP = 600.0
#: The agents a seat can be played by, from its view alone.
VIEW_AGENTS = ("reciprocal", "random", "hold")


class ClientError(Exception):
    """The server refused, or could not be reached: a sentence for the player."""


@dataclass
class Seat:
    """This client's seat: where the server is, and the token that proves the seat."""

    host: str
    token: str
    side: str = ""
    table: int = 0

    @property
    def ws_url(self) -> str:
        return f"ws://{self.host}/ws"


def take_seat(host: str, code: str, name: str, side: str | None, lang: str) -> Seat:
    """Ask the server for a seat in room `code`."""
    import urllib.request

    body = json.dumps({"code": code, "name": name, "side": side, "lang": lang}).encode()
    request = urllib.request.Request(f"http://{host}/api/join", data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
    data = _answer(request, host, 15)
    return Seat(host, str(data["token"]), str(data["side"]), int(data["table"]))


@dataclass
class ViewAgent:
    """A computer player that decides from the seat's view alone."""

    kind: str
    rng: random.Random = field(default_factory=lambda: random.Random(1))

    def decide(self, view: dict[str, Any]) -> dict[str, Any] | None:
        """The message to send for this view, or None when nothing is asked of it."""
        version = view["version"]
        for news in view["news"]:
            if news["options"]:
                options = news["options"]
                index = (self.rng.randrange(len(options)) if self.kind == "random" else 0)
                return {"type": "choose", "option": options[index]["index"],
                        "version": version}
        if not view["can_hold"] or view["phase"] != "policy":
            return None
        playable = [c for c in view["hand"] if c["why_not"] is None]
        if self.kind == "hold" or not playable:
            return {"type": "hold", "version": version}
        if self.kind == "random":
            pick = self.rng.choice([*playable, None])
            return ({"type": "play", "card": pick["id"], "version": version} if pick
                    else {"type": "hold", "version": version})
        # reciprocal: answer what the other leader did last month, cooperate first
        last = view["last"]
        theirs = next((p["kind"] for p in last["played"] if p["side"] != view["side"]),
                      "cooperate") if last else "cooperate"
        wanted = "confront" if theirs == "confront" else "cooperate"
        for kind in (wanted, "domestic"):
            match = [c for c in playable if c["kind"] == kind]
            if match:
                return {"type": "play", "card": match[0]["id"], "version": version}
        return {"type": "hold", "version": version}


class Client:
    """Plays one seat until the game is over (or the player quits)."""

    def __init__(self, seat: Seat, out: TextIO, ask: Callable[[str], str] | None,
                 agent: ViewAgent | None) -> None:
        self.seat = seat
        self.out = out
        self.ask = ask
        self.agent = agent
        self.shown: tuple[Any, ...] = ()
        self.notices: list[str] = []  # the facilitator's messages already shown
        self.paused = False
        self.answered: tuple[int, str | None] | None = None  # the view last answered

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def run(self) -> int:
        """Connect, play, reconnect as often as needed; the exit code."""
        from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus

        started, attempt = time.monotonic(), 0
        while True:
            try:
                outcome = self.connected()
                if outcome is not None:
                    return outcome
            except (ConnectionClosed, InvalidHandshake, InvalidStatus, OSError, TimeoutError):
                pass
            if time.monotonic() - started > GIVE_UP:
                self.say(_("The server has not answered for {n} minutes; giving up.").format(
                    n=round(GIVE_UP / 60)))
                return 1
            wait = BACKOFF[min(attempt, len(BACKOFF) - 1)]
            attempt += 1
            self.say(_("Connection lost; reconnecting…"))
            time.sleep(wait * (0.5 + random.random()))

    def connected(self) -> int | None:
        """One connection: the exit code when the game is over or refused, None when the
        connection dropped (and should be made again)."""
        from websockets.sync.client import connect

        from game.protocol import PROTOCOL, read_server

        self.answered = None  # a new connection: answer its first view, whatever it is
        with connect(self.seat.ws_url, open_timeout=10, max_size=2**20) as ws:
            ws.send(json.dumps({"type": "hello", "protocol": PROTOCOL,
                                "token": self.seat.token}))
            for raw in ws:
                message = read_server(raw)
                if message.get("type") == "error":
                    if message.get("code") in ("bad_token", "protocol", "hello_first"):
                        self.say(_("Server: {message}").format(message=message.get("message")))
                        return 2
                    if message.get("code") != "stale":  # a fresh view follows: answer it
                        self.say(_("Server: {message}").format(message=message.get("message")))
                    self.answered = None
                    continue
                if message.get("type") != "view":
                    continue
                self.show(message)
                if message["ending"] is not None:
                    self.say(message["ending"]["outcome"])
                    return 0
                point = (message["version"], message["committed"])
                if point == self.answered:  # the same choice again (the other moved)
                    continue
                reply = self.reply(message)
                if reply is not None:
                    self.answered = point
                    ws.send(json.dumps(reply))
        return None

    def reply(self, view: dict[str, Any]) -> dict[str, Any] | None:
        """What to send for this view: the agent's choice, or the player's."""
        if self.agent is not None:
            return self.agent.decide(view)
        if self.ask is None:
            return None
        return prompt(view, self.ask, self.say)

    def show(self, view: dict[str, Any]) -> None:
        """Write what changed since the last view shown (the month, the news, the
        reveal, the other player's status), not the same screen twice."""
        key = (view["turn"], view["phase"], view["other"], view["committed"],
               tuple(n["event"] for n in view["news"] if n["options"]))
        if self.seat.side and view["side"] != self.seat.side:  # moved before the start
            self.seat.side = view["side"]
            self.say(_("You play {leader} now: the other player asked for your side.")
                     .format(leader=_short(view, view["side"])))
        for notice in view.get("notices", []):
            if notice not in self.notices:
                self.notices.append(notice)
                self.say(_("Message from the facilitator: {text}").format(text=notice))
        if view.get("paused", False) != self.paused:
            self.paused = bool(view.get("paused"))
            self.say(_("The facilitator has paused the game: wait for it to resume.")
                     if self.paused else _("The facilitator has resumed the game."))
        if key == self.shown:
            return
        new_month = not self.shown or self.shown[0] != view["turn"]
        self.shown = key
        if view["phase"] == "waiting":
            self.say(_("Seated at table {table} as {side}; waiting for the other player.")
                     .format(table=view["table"], side=view["side"]))
            return
        if new_month:
            for line in month_lines(view):
                self.say(line)
            left = view.get("deadline_in")
            if isinstance(left, int):
                self.say(_("Time left this month: {time}").format(
                    time=f"{left // 60}:{left % 60:02d}"))
        self.say(other_words(view))


def other_words(view: dict[str, Any]) -> str:
    """The other player's status, in words."""
    name = view["other_name"] or _("the other player")
    return {
        "choosing": _("{name} is choosing."),
        "chosen": _("{name} has chosen."),
        "disconnected": _("{name} is disconnected (reconnecting…)."),
        "computer": _("{name} is a computer player."),
        "empty": _("Nobody sits at the other seat yet."),
        "waiting": _("{name} is waiting."),
        "waiting_you": _("{name} is waiting for your decision."),
    }.get(view["other"], "").format(name=name)


def month_lines(view: dict[str, Any]) -> list[str]:
    """The month's screen: what the last month did, the figures, the news."""
    lines = []
    last = view["last"]
    if last is not None:
        lines.append("")
        lines.append(_("{month}: ").format(month=last["month"]) + "; ".join(
            f"{_short(view, p['side'])}: {p['title']}" for p in last["played"]))
        if last["interaction"]:
            lines.append("  " + last["interaction"])
        lines += [f"  {change}" for change in last["changes"]]
    lines.append("")
    lines.append(f"=== {_('Turn {turn} of {turns} — {month}').format(**view)} ".ljust(78, "="))
    lines.append("  " + " · ".join(
        _("{name}: polls {polls} (floor {floor}), capital {capital}").format(
            name=leader["short"], polls=leader["polls"], floor=leader["floor"],
            capital=leader["capital"]) for leader in view["leaders"]))
    lines.append("  " + _("Trust {trust}").format(trust=view["trust"]) + " · " + " · ".join(
        f"{f['name']} {f['tension']}, {f['agreement']}" for f in view["fronts"]))
    for news in view["news"]:
        lines.append(_("NEWS: {title}").format(title=news["title"]))
    return lines


def _short(view: dict[str, Any], side: str) -> str:
    return next((leader["short"] for leader in view["leaders"] if leader["side"] == side), side)


def prompt(view: dict[str, Any], ask: Callable[[str], str],
           say: Callable[[str], None]) -> dict[str, Any] | None:
    """Ask the player what this view asks of him: a decision on the news, or a card."""
    version = view["version"]
    for news in view["news"]:
        if news["options"]:
            say(news["text"])
            for n, option in enumerate(news["options"], 1):
                say(f"  {n}) {option['label']}\n       {option['effects']}")
            while True:
                answer = ask(_("Choose 1-{n}: ").format(n=len(news["options"])))
                if answer.isdigit() and 1 <= int(answer) <= len(news["options"]):
                    return {"type": "choose",
                            "option": news["options"][int(answer) - 1]["index"],
                            "version": version}
                say(_("Please type a number from 1 to {n}, or q to quit.").format(
                    n=len(news["options"])))
    if not view["can_hold"] or view["phase"] != "policy":
        return None
    say(_("Your hand:"))
    for n, card in enumerate(view["hand"], 1):
        why = f" — {card['why_not']}" if card["why_not"] else ""
        say(f"  {n}) {card['title']} ({card['stance']}, {card['cost']}): {card['effects']}{why}")
    while True:
        answer = ask(_("Your card (1-{n}, h to hold): ").format(n=len(view["hand"])))
        if answer == "h":
            return {"type": "hold", "version": version}
        if answer.isdigit() and 1 <= int(answer) <= len(view["hand"]):
            return {"type": "play", "card": view["hand"][int(answer) - 1]["id"],
                    "version": version}
        say(_("Please type a number from 1 to {n}, h, or q.").format(n=len(view["hand"])))


def terminal_ask(inp: TextIO, out: TextIO) -> Callable[[str], str]:
    """Read an answer from the terminal; `q` or the end of input quits."""
    def ask(question: str) -> str:
        out.write(question)
        out.flush()
        line = inp.readline()
        answer = line.strip().lower()
        if not line or answer in ("q", "quit", "exit"):
            raise KeyboardInterrupt
        return answer
    return ask


def export_room(host: str, code: str, token: str, out: Path) -> list[Path]:
    """Write each table of room `code` as a standard save file in `out`; the files."""
    import urllib.request

    from game.persistence.files import atomic_write, encode

    if not code.isalnum() or len(code) > 16:
        raise ClientError(_("{code} is not a room code.").format(code=code))
    request = urllib.request.Request(f"http://{host}/api/rooms/{code.upper()}/export",
                                     headers={"Authorization": f"Bearer {token}"})
    data = _answer(request, host, 60)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for table in data.get("tables", []):
        path = out / f"{code.upper()}-table-{int(table['table'])}.json"
        try:
            atomic_write(path, encode(table["save"]))
        except OSError as exc:
            raise ClientError(_("Cannot write {path}: {why}").format(
                path=path, why=exc.strerror or exc)) from None
        written.append(path)
    return written


def _answer(request: urllib.request.Request, host: str, timeout: float) -> dict[str, Any]:
    """The server's JSON answer to `request`; its refusal or silence as a ClientError."""
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = json.loads(response.read())
    except urllib.error.HTTPError as refused:
        raise ClientError(_refusal(refused)) from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise ClientError(_("Cannot reach the server at {host}: {why}").format(
            host=host, why=getattr(exc, "reason", exc))) from None
    if not isinstance(data, dict):
        raise ClientError(_("Cannot reach the server at {host}: {why}").format(
            host=host, why=_("its answer is not a JSON object")))
    return data


def fetch_report(seat: Seat, lang: str, timeout: float = 60) -> str:
    """The debrief report of the seat's game (a page), once the game is over; the
    server's refusal, or its silence, as a ClientError."""
    import html
    import re
    import urllib.error
    import urllib.parse
    import urllib.request

    body = urllib.parse.urlencode({"token": seat.token, "lang": lang}).encode()
    request = urllib.request.Request(f"http://{seat.host}/report", data=body, headers={
        "Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return str(response.read(50_000_000).decode("utf-8"))
    except urllib.error.HTTPError as refused:
        page = refused.read(100_000).decode("utf-8", "replace")
        found = re.search(r'<p class="problem"[^>]*>(.*?)</p>', page, re.S)
        raise ClientError(html.unescape(found.group(1)).strip() if found
                          else str(refused)) from None
    except (urllib.error.URLError, OSError) as exc:
        raise ClientError(_("Cannot reach the server at {host}: {why}").format(
            host=seat.host, why=getattr(exc, "reason", exc))) from None


def _refusal(refused: urllib.error.HTTPError) -> str:
    """The sentence of a server's refusal."""
    try:
        return str(json.loads(refused.read()).get("message") or refused)
    except ValueError:
        return str(refused)


def join(host: str, code: str, name: str, side: str | None, lang: str, agent: str | None,
         token: str | None = None) -> int:
    """Take a seat (or come back to it with `token`) and play it; the exit code."""
    if token is None:
        try:
            seat = take_seat(host, code, name, side, lang)
        except ClientError as error:
            print(error, file=sys.stderr)
            return 1
        print(_("Seated at table {table} as {side}. To come back to this seat: --token {token}")
              .format(table=seat.table, side=seat.side, token=seat.token))
    else:
        seat = Seat(host, token)
    player = ViewAgent(agent) if agent else None
    ask = None if player else terminal_ask(sys.stdin, sys.stdout)
    return Client(seat, sys.stdout, ask, player).run()
