"""End to end: a class game joined from the real window under Xvfb, by keys alone.

A real server (`python -m game serve --new-room`), a terminal client played by the
reciprocal agent as Trump (`python -m game join --agent reciprocal --side trump`), and
`python -m game` in a window: "Join a class game" from the title, the server's address,
the room's code and a name typed in, then the whole game played by keys against the
agent until the ending shows. The test waits on the window's trace file (a line per key,
and one per view the server sends), never on the clock; the window's outcome must be the
agent's last line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.server import WAIT, join, start
from tests.test_e2e_window import MOST_STEPS, Step, Window, running_game
from tests.xvfb import wait_for

pytestmark = pytest.mark.xvfb

#: The remote board's modes that wait for the server, not for a key.
WAITING = ("connecting", "waiting", "sent", "committed", "wait")


def next_view(window: Window, before: int) -> Step:
    """The first view the window shows after trace line `before`."""
    def shown() -> Step | None:
        return next((Step.parse(line) for line in window.lines()[before:]
                     if line.startswith("view ")), None)

    return wait_for("the server's first view", shown)


def more(window: Window, count: int) -> None:
    """Wait until the window has written more than `count` trace lines (a view came)."""
    wait_for("the server's next view", lambda: len(window.lines()) > count, WAIT)


def test_a_class_game_joined_and_played_whole_from_the_window(tmp_path: Path) -> None:
    server = start(tmp_path / "data", "--new-room", "Class 3B")
    agent = None
    try:
        code = server.wait_for("Room code: ").split()[-1]
        agent = join(server, code, "Ben", "--agent", "reciprocal", "--side", "trump")
        with running_game(tmp_path) as (window, game):
            step = window.step
            assert step is not None
            for _ in range(8):
                if step.focused == "join":
                    break
                step = window.press("Down")
            step = window.press("Return")  # title: Join a class game
            assert step.top == "join" and step.focused == "code", step
            step = window.press("shift+Tab", handled="tab")  # back to the address
            assert step.focused == "address", step
            window.press("ctrl+a", handled="a")  # the default address, all of it
            window.type(server.address)
            step = window.press("Tab")
            assert step.focused == "code" and f" {server.address} " in step.words, step
            window.type(code.lower())
            step = window.press("Tab")
            assert step.focused == "name", step
            window.type("ana")
            before = len(window.lines())
            step = window.press("Return", handled="entered")  # Enter in a box: join
            assert step.words.startswith("joining "), step
            step = next_view(window, before)
            assert step.scene == "remote", step
            months = set()
            for _ in range(MOST_STEPS):
                lines = window.lines()  # the latest line is what the window shows now
                step = Step.parse(lines[-1])
                assert step.top == "remote", step
                mode = step.words.split()[0]
                months.add(int(step.words.split()[2]))
                if mode == "over":
                    break
                if mode in WAITING:
                    more(window, len(lines))
                elif mode in ("reveal", "news"):
                    window.press("Return")
                elif mode == "decide":
                    window.press("1")
                else:
                    assert mode == "play", step
                    window.press("1")
                    if window.press("Return").words.startswith("play "):  # cannot be played
                        window.press("h")
                        window.press("Return")
            assert step.words.startswith("over "), step
            outcome = next(line for line in window.lines() if line.startswith("outcome "))
            shown = outcome.removeprefix("outcome ").split(" scene=")[0]
            assert shown.startswith("Outcome: ") and max(months) >= 2, (shown, months)
            assert window.press("Return").top == "title"
            window.xdo("key", "Escape")  # title: quit
        _out, err = game.communicate(timeout=WAIT)  # the connection closed without a word
        assert "Traceback" not in err and "Exception" not in err, err
        out, _err = agent.communicate(timeout=WAIT * 3)
        assert agent.returncode == 0, out[-3000:]
        assert out.strip().splitlines()[-1] == shown
    finally:
        if agent is not None and agent.poll() is None:
            agent.kill()
            agent.wait(30)
        server.stop()
