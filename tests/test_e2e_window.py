"""End to end: `python -m game` in a real window under Xvfb, driven by xdotool key presses.

The test starts its own Xvfb on a free display and waits on what the game reports
(its trace file: one line per key handled, with the scene then shown), never on the
clock. Without Xvfb it skips, unless UA_REQUIRE_ALL=1 (CI), where it fails.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.persistence.store import list_saves
from tests.xvfb import wait_for, xvfb

pytestmark = pytest.mark.xvfb


class Window:
    """The game's window on one X display, and the trace the game writes."""

    def __init__(self, display: str, trace: Path) -> None:
        self.display = display
        self.trace = trace

    def lines(self) -> list[str]:
        """What the game has reported so far."""
        return self.trace.read_text(encoding="utf-8").splitlines() if self.trace.exists() \
            else []

    def xdo(self, *args: str) -> None:
        subprocess.run(["xdotool", *args], check=True, capture_output=True, timeout=60,
                       env={**os.environ, "DISPLAY": self.display})

    def find(self, title: str) -> str | None:
        """The id of the top-level window called `title` (xdotool's own search cannot read
        the UTF-8 titles SDL sets, so xwininfo lists the tree)."""
        done = subprocess.run(["xwininfo", "-root", "-tree"], capture_output=True, text=True,
                              timeout=60, env={**os.environ, "DISPLAY": self.display})
        for line in done.stdout.splitlines():
            if f'"{title}"' in line:
                return str(int(line.split()[0], 16))
        return None

    def press(self, keys: str, handled: str) -> str:
        """Press `keys` and wait until the game has handled the key called `handled`;
        returns the scene it then showed (`game/event`, `title`, ...)."""
        before = len(self.lines())
        self.xdo("key", keys)

        def done() -> str | None:
            for line in self.lines()[before:]:
                if line.startswith(f"key {handled} "):
                    return line.rsplit("scene=", 1)[1]
            return None

        return wait_for(f"the game to handle {keys}", done)


def test_three_turns_saved_and_quit_by_keys_alone(tmp_path: Path) -> None:
    with xvfb() as display:
        window = Window(display, tmp_path / "trace.txt")
        env = {**os.environ, "DISPLAY": display, "SDL_VIDEODRIVER": "x11",
               "SDL_AUDIODRIVER": "dummy", "UNLIKELY_ALLIES_SAVE_DIR": str(tmp_path / "saves"),
               "XDG_CONFIG_HOME": str(tmp_path / "config"),
               "UNLIKELY_ALLIES_TRACE": str(window.trace)}
        env.pop("WAYLAND_DISPLAY", None)
        game = subprocess.Popen([sys.executable, "-m", "game"], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            wait_for("the title screen with its content loaded",
                     lambda: any(line.startswith("ready") for line in window.lines())
                     or game.poll() is not None)
            assert game.poll() is None, game.communicate()[1]
            wid = wait_for("the game's window", lambda: window.find("Unlikely Allies"))
            window.xdo("windowfocus", "--sync", wid)
            assert window.press("Return", "return") == "setup"  # title: New game
            scene = window.press("Return", "return")  # setup: Start
            for _turn in range(3):
                while scene.endswith("/event"):  # the news: the focused option, or continue
                    scene = window.press("Return", "return")
                assert scene == "game/board", scene
                window.press("h", "h")  # hold...
                assert window.press("Return", "return") == "game/resolution"  # ...confirmed
                scene = window.press("Return", "return")  # close the resolution
            while scene.endswith("/event"):
                scene = window.press("Return", "return")
            window.press("ctrl+s", "s")
            assert window.press("Escape", "escape") == "game/menu"
            for _ in range(4):
                window.press("Down", "down")
            assert window.press("Return", "return") == "title"  # menu: quit to title
            window.xdo("key", "Escape")  # title: quit
            assert game.wait(120) == 0, game.communicate()[1]
            assert window.lines()[-1].startswith("quit")
        finally:
            if game.poll() is None:
                game.kill()
                game.wait(30)
    saves, problems = list_saves(tmp_path / "saves")
    assert not problems
    assert any(info.header.label.startswith("turn-4") for info in saves), [
        (i.header.label, i.header.turn) for i in saves]
    autosave = next(info for info in saves if info.header.label == "autosave")
    assert autosave.header.turn >= 4
    assert autosave.header.sides["amlo"].kind == "human"
