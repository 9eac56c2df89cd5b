"""The log is the truth: the server killed with SIGKILL in the middle of a game, again and
again, and started on the same database; the two clients come back by themselves and
finish, and the game is the one an uninterrupted run of the same orders gives
(`replay --verify` of the export)."""

from __future__ import annotations

import queue
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.databases import KINDS, database
from tests.server import WAIT, join, start

pytestmark = pytest.mark.slow


class Output:
    """A client's output, line by line, as it comes."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.all: list[str] = []
        self.ended = False
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def wait_for_turn(self, turn: int) -> bool:
        """Wait until the client shows month `turn` (True) or ends (False)."""
        while True:
            try:
                line = self.lines.get(timeout=WAIT)
            except queue.Empty:
                raise AssertionError(f"the client stalled: {self.all[-20:]}") from None
            if line is None:
                self.ended = True
                return False
            self.all.append(line)
            shown = re.match(r"=== \S+ (\d+) ", line)  # "=== Turn 7 of 24 — …"
            if shown and int(shown.group(1)) >= turn:
                return True

    def rest(self) -> list[str]:
        """Everything until the client ends."""
        self.process.wait(timeout=WAIT * 3)
        while not self.ended:
            line = self.lines.get(timeout=WAIT)
            if line is None:
                break
            self.all.append(line)
        return self.all


@pytest.mark.parametrize("kind", KINDS)
def test_a_server_killed_mid_game_restores_every_table(kind: str, tmp_path: Path) -> None:
    with database(kind, tmp_path) as url:
        killed_and_restored(tmp_path, url)


def killed_and_restored(tmp_path: Path, url: str) -> None:
    data = tmp_path / "data"
    server = start(data, "--new-room", "Class 3B", "--db", url)
    code = server.wait_for("Room code: ").split()[-1]
    token = server.wait_for("Facilitator: ").split("Bearer ")[1].rstrip('"')
    port = server.port
    amlo = Output(join(server, code, "Ana", "--side", "amlo", "--agent", "reciprocal"))
    trump = Output(join(server, code, "Ben", "--side", "trump", "--agent", "reciprocal"))
    kills = 0
    for turn in (2, 4, 6):
        if not amlo.wait_for_turn(turn):
            break
        server.stop(kill=True)  # SIGKILL: no chance to finish anything
        kills += 1
        server = start(data, "--db", url, port=port)
    try:
        first, second = amlo.rest(), trump.rest()
        assert amlo.process.returncode == 0 and trump.process.returncode == 0
        assert first[-1] == second[-1] and first[-1].startswith("Outcome: ")
        assert kills >= 2 and any("reconnecting" in line for line in first + second)
        exported = subprocess.run(
            [sys.executable, "-m", "game", "export", server.address, code, "--token", token,
             "--out", str(tmp_path / "saves")], capture_output=True, text=True, timeout=WAIT)
        assert exported.returncode == 0, exported.stderr
        verified = subprocess.run(
            [sys.executable, "-m", "game", "replay", exported.stdout.split()[0], "--verify"],
            capture_output=True, text=True, timeout=WAIT)
        lines = verified.stdout.strip().splitlines()
        assert lines[-1].startswith("VERIFIED") and lines[-2] == first[-1], verified.stdout
    finally:
        server.stop()


@pytest.mark.postgres
def test_two_servers_share_one_postgresql_database(tmp_path: Path) -> None:
    """A school: two server processes on one PostgreSQL database, each serving the room
    it opened; both rooms play to the end, and each server lists both rooms."""
    with database("postgres", tmp_path) as url:
        first = start(tmp_path / "a", "--new-room", "Class 3B", "--db", url)
        second = start(tmp_path / "b", "--new-room", "Class 4A", "--db", url)
        try:
            clients, codes = [], []
            for server in (first, second):
                code = server.wait_for("Room code: ").split()[-1]
                codes.append(code)
                clients += [join(server, code, "Ana", "--side", "amlo", "--agent", "random"),
                            join(server, code, "Ben", "--side", "trump", "--agent", "random")]
            ends = []
            for client in clients:
                out, _err = client.communicate(timeout=WAIT * 3)
                assert client.returncode == 0, out[-2000:]
                ends.append(out.strip().splitlines()[-1])
            assert ends[0] == ends[1] and ends[2] == ends[3]
            assert all(end.startswith("Outcome: ") for end in ends)
            # the second server read the first one's room from the shared database
            assert any(line.startswith(f"Room {codes[0]}: ") for line in second.said)
        finally:
            first.stop()
            second.stop()
