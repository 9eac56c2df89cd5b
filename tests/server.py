"""A real game server for tests: `python -m game serve` in a subprocess on a free loopback
port, its output read line by line, stopped (or killed) at the end."""

from __future__ import annotations

import contextlib
import json
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: The longest a test waits for the server to say something (a condition, not a timing).
WAIT = 60.0


def free_port() -> int:
    """A loopback port nobody listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    """One running server."""

    data: Path
    port: int
    process: subprocess.Popen[str]
    lines: queue.Queue[str] = field(default_factory=queue.Queue)
    said: list[str] = field(default_factory=list)

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def wait_for(self, start: str) -> str:
        """The first line the server prints that starts with `start`."""
        for line in self.said:
            if line.startswith(start):
                return line
        while True:
            try:
                line = self.lines.get(timeout=WAIT)
            except queue.Empty:
                raise AssertionError(f"the server never said {start!r}: {self.said}") from None
            self.said.append(line)
            if line.startswith(start):
                return line

    def get(self, path: str, token: str | None = None) -> Any:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        request = urllib.request.Request(f"http://{self.address}{path}", headers=headers)
        with urllib.request.urlopen(request, timeout=WAIT) as response:
            return json.loads(response.read())

    def post(self, path: str, body: dict[str, Any], token: str | None = None) -> Any:
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        request = urllib.request.Request(f"http://{self.address}{path}", method="POST",
                                         data=json.dumps(body).encode(), headers=headers)
        with urllib.request.urlopen(request, timeout=WAIT) as response:
            return json.loads(response.read())

    def wait_for_tables(self, code: str, token: str, count: int) -> None:
        """Wait until room `code` has `count` tables with a player seated at each."""
        for _poll in range(int(WAIT * 10)):
            tables = self.get(f"/api/rooms/{code}/tables", token)["tables"]
            if len(tables) >= count and all(t["seats"] for t in tables):
                return
            if self.process.poll() is not None:
                raise AssertionError(f"the server stopped: {self.said}")
            time.sleep(0.1)  # polling a condition, bounded by WAIT
        raise AssertionError(f"room {code} never had {count} tables")

    def stop(self, kill: bool = False) -> None:
        """Ctrl+C (or SIGKILL) and wait for the process to end."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL if kill else signal.SIGINT)
        self.process.wait(timeout=WAIT)


def start(data: Path, *extra: str, port: int | None = None,
          env: dict[str, str] | None = None) -> Server:
    """Start a server on `data`'s database (with `env` added to its environment);
    returns once it listens."""
    port = port or free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "LANG": "C.UTF-8", **(env or {})}
    process = subprocess.Popen(
        [sys.executable, "-m", "game", "serve", "--port", str(port), "--data-dir", str(data),
         *extra], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    server = Server(data, port, process)

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            server.lines.put(line.rstrip("\n"))

    threading.Thread(target=read, daemon=True).start()
    server.wait_for("Players join with")
    # listening: the health answer (uvicorn opens its socket right after printing)
    while True:
        try:
            server.get("/api/health")
            return server
        except OSError:
            if process.poll() is not None:
                raise AssertionError(f"the server stopped: {server.said}") from None
            with contextlib.suppress(queue.Empty):
                server.said.append(server.lines.get(timeout=0.5))


def join(server: Server, code: str, name: str, *extra: str) -> subprocess.Popen[str]:
    """A `python -m game join` client, running."""
    return subprocess.Popen(
        [sys.executable, "-m", "game", "join", server.address, code, "--name", name, *extra],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1", "LANG": "C.UTF-8"})
