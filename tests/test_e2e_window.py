"""End to end: `python -m game` in a real window under Xvfb, driven by xdotool key presses.

CI installs Xvfb and xdotool (.ci/run); without them this test fails rather than
skips, so a missing install step cannot hide it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.persistence.store import list_saves

DISPLAY = ":97"


@pytest.fixture
def xvfb() -> object:
    for tool in ("Xvfb", "xdotool", "xwininfo"):
        assert shutil.which(tool), (
            f"{tool} is not installed (apt-get install xvfb xdotool x11-utils)")
    server = subprocess.Popen(["Xvfb", DISPLAY, "-screen", "0", "1280x800x24", "-nolisten",
                               "tcp"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    yield server
    server.terminate()
    server.wait(10)


def xdo(*args: str) -> str:
    done = subprocess.run(["xdotool", *args], capture_output=True, text=True, timeout=30,
                          env={**os.environ, "DISPLAY": DISPLAY})
    return done.stdout.strip()


def find_window(title: str) -> str:
    """The id of the top-level window called `title` (xdotool's own search cannot read
    the UTF-8 titles SDL sets, so xwininfo lists the tree)."""
    done = subprocess.run(["xwininfo", "-root", "-tree"], capture_output=True, text=True,
                          timeout=30, env={**os.environ, "DISPLAY": DISPLAY})
    for line in done.stdout.splitlines():
        if f'"{title}"' in line:
            return line.split()[0]
    return ""


def press(*keys: str, pause: float = 0.35) -> None:
    for key in keys:
        xdo("key", key)
        time.sleep(pause)


def test_three_turns_saved_and_quit_by_keys_alone(xvfb: object, tmp_path: Path) -> None:
    env = {**os.environ, "DISPLAY": DISPLAY, "SDL_VIDEODRIVER": "x11", "SDL_AUDIODRIVER": "dummy",
           "UNLIKELY_ALLIES_SAVE_DIR": str(tmp_path / "saves"),
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    game = subprocess.Popen([sys.executable, "-m", "game"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        window = ""
        for _ in range(80):
            window = find_window("Unlikely Allies")
            if window:
                break
            time.sleep(0.25)
        assert window, "the game's window never appeared"
        wid = str(int(window, 16))
        xdo("mousemove", "--window", wid, "5", "5")  # keyboard focus follows the pointer
        time.sleep(1.0)
        press("Return")  # title: New game
        press("Return")  # setup: Start
        for _turn in range(3):
            press("Return")  # the news: pick the focused option, or continue
            press("h", "Return")  # hold, confirmed
            press("Return")  # close the resolution
        press("ctrl+s")
        press("Escape", "Down", "Down", "Down", "Down", "Return")  # menu: quit to title
        press("Escape")  # title: quit
        assert game.wait(20) == 0, game.stderr.read() if game.stderr else ""
    finally:
        if game.poll() is None:
            game.kill()
    saves, problems = list_saves(tmp_path / "saves")
    assert not problems
    assert any(info.header.label.startswith("turn-4") for info in saves), [
        (i.header.label, i.header.turn) for i in saves]
    autosave = next(info for info in saves if info.header.label == "autosave")
    assert autosave.header.turn >= 4
    assert autosave.header.sides["amlo"].kind == "human"
