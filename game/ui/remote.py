"""A seat at a table of the game server, kept by the window on a background thread.

The thread connects (`websockets.sync.client`), says hello with the seat's token and
puts every message the server sends on a queue for the window's main thread, then
sends the orders the main thread hands it. When the connection drops it connects again
by itself, waiting a little longer each time (`game.client.BACKOFF`), and the server
sends the whole view again. Its own news come on the same queue as `{"type": "link",
"state": "connected" | "lost" | "refused"}`. Each message also wakes the window's loop
(`wake`), which only drains the queue: the window never waits on the network.

`close` stops the thread and waits for it: no thread is left running, and nothing is
raised, when the scene that owns the connection closes.
"""

from __future__ import annotations

import contextlib
import json
import queue
import random
import threading
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

import pygame

from game.client import BACKOFF
from game.client import Seat as Seat  # the window's scene names it too
from game.i18n import _
from game.protocol import PROTOCOL, read_server

#: The type of the connection's own messages on the queue.
LINK = "link"
#: Errors after which trying again cannot help: the seat is not (or no longer) this one.
FATAL = ("bad_token", "protocol", "hello_first")
#: How long the thread waits for a message before it looks at the orders to send.
TICK = 0.05
#: Posted (with no data) when a message is waiting: it wakes the window's loop.
WOKEN = pygame.event.custom_type()


class Link(Protocol):
    """What a remote board needs of its connection (a test hands it a fake one)."""

    def poll(self) -> list[dict[str, Any]]: ...

    def send(self, message: dict[str, Any]) -> None: ...

    def close(self) -> None: ...


def wake_window() -> None:
    """Wake the window's loop (from any thread); nothing if the window has gone."""
    with contextlib.suppress(pygame.error):
        if pygame.display.get_init():
            pygame.event.post(pygame.event.Event(WOKEN))


def room_scenario(host: str, code: str) -> str | None:
    """The scenario room `code` plays (`GET /api/rooms/{code}`), or None if unknown."""
    try:
        with urllib.request.urlopen(f"http://{host}/api/rooms/{code}", timeout=10) as answer:
            scenario = json.loads(answer.read()).get("scenario")
    except (urllib.error.URLError, OSError, ValueError, AttributeError):
        return None
    return scenario if isinstance(scenario, str) else None


class Connection:
    """One seat's connection to the server, on its own thread (`start`, then `close`)."""

    def __init__(self, seat: Seat, wake: Callable[[], None] = wake_window,
                 open_timeout: float = 5.0) -> None:
        self.seat = seat
        self.wake = wake
        self.open_timeout = open_timeout
        self.inbox: queue.Queue[dict[str, Any]] = queue.Queue()
        self.outbox: queue.Queue[dict[str, Any]] = queue.Queue()
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, name="remote-seat", daemon=True)
        self._socket: Any = None  # the live websocket, so that close() can end a wait
        self._lock = threading.Lock()

    # the main thread's side --------------------------------------------------------

    def start(self) -> Connection:
        """Connect, on the background thread."""
        self.thread.start()
        return self

    def poll(self) -> list[dict[str, Any]]:
        """Every message received since the last poll, oldest first (never waits)."""
        messages = []
        while True:
            try:
                messages.append(self.inbox.get_nowait())
            except queue.Empty:
                return messages

    def send(self, message: dict[str, Any]) -> None:
        """Send `message` to the server as soon as the thread can."""
        self.outbox.put(message)

    def close(self, wait: float = 15.0) -> None:
        """Stop: close the connection, end the thread and wait for it."""
        self.stopping.set()
        with self._lock:
            socket = self._socket
        if socket is not None:
            with contextlib.suppress(Exception):
                socket.close()
        if self.thread.is_alive() and self.thread is not threading.current_thread():
            self.thread.join(wait)

    @property
    def running(self) -> bool:
        """The thread is still running."""
        return self.thread.is_alive()

    # the thread ---------------------------------------------------------------------

    def _put(self, message: dict[str, Any]) -> None:
        self.inbox.put(message)
        self.wake()

    def _run(self) -> None:
        """Connect, and connect again after every drop, until closed or refused."""
        attempt = 0
        while not self.stopping.is_set():
            try:
                ended = self._connected()
                attempt = 0 if ended is None else attempt
                if ended:
                    return
            except Exception:  # never opened, closed while opening, or anything else the
                pass  # network does: a drop, tried again; never a traceback
            if self.stopping.is_set():
                return
            self._put({"type": LINK, "state": "lost"})
            wait = BACKOFF[min(attempt, len(BACKOFF) - 1)]
            attempt += 1
            if self.stopping.wait(wait * (0.5 + random.random())):
                return

    def _connected(self) -> bool | None:
        """One connection: True when it must not be made again (closed, refused); None
        when it dropped after the server had answered; raises if it never opened."""
        from websockets.exceptions import ConnectionClosed
        from websockets.sync.client import connect

        self._forget_orders()  # chosen on a view that the new connection replaces
        with connect(self.seat.ws_url, open_timeout=self.open_timeout, close_timeout=2,
                     max_size=2**20) as ws:
            with self._lock:
                self._socket = ws
            try:
                if self.stopping.is_set():
                    return True
                ws.send(json.dumps({"type": "hello", "protocol": PROTOCOL,
                                    "token": self.seat.token}))
                self._put({"type": LINK, "state": "connected"})
                return self._talk(ws)
            except ConnectionClosed:
                return True if self.stopping.is_set() else None
            finally:
                with self._lock:
                    self._socket = None

    def _talk(self, ws: Any) -> bool:
        """Receive and send until the connection closes (raised) or the thread is asked
        to stop; True if the server refused the seat."""
        while not self.stopping.is_set():
            try:
                raw = ws.recv(timeout=TICK)
            except TimeoutError:
                raw = None
            if raw is not None:
                try:
                    message = read_server(raw)
                except ValueError:
                    continue  # not a message: nothing to show
                self._put(message)
                if message.get("type") == "error" and message.get("code") in FATAL:
                    self._put({"type": LINK, "state": "refused",
                               "message": str(message.get("message") or "")})
                    return True
            while True:
                try:
                    order = self.outbox.get_nowait()
                except queue.Empty:
                    break
                ws.send(json.dumps(order))
        return True

    def _forget_orders(self) -> None:
        while True:
            try:
                self.outbox.get_nowait()
            except queue.Empty:
                return


def open_report(seat: Seat, folder: Path) -> str:
    """The debrief report of the seat's game, from the server: written in `folder` and
    opened in the web browser. What happened, in a sentence for the player."""
    from game.client import ClientError, fetch_report
    from game.i18n import language
    from game.report.files import write_page
    from game.ui import browser

    path = folder / f"report-table-{seat.table or 0}-{seat.token[:6]}.html"
    try:
        write_page(path, fetch_report(seat, language()))
    except ClientError as error:
        return str(error)
    except OSError as exc:
        return _("The report could not be written: {why}.").format(why=exc.strerror or exc)
    opened = browser.open_in_browser(path.resolve().as_uri())
    return (_("Report opened in your browser: {path}") if opened else
            _("Report written: {path} (open it in a web browser)")).format(path=path)
