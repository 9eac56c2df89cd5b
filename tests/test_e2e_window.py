"""End to end: `python -m game` in a real window under Xvfb, driven by xdotool.

Each test starts its own Xvfb on a free display and waits on what the game reports
in its trace file (one line per key, click and button handled, with the scenes then
shown and where the focusable parts of the top one are), never on the clock. One
game is played whole by the keyboard alone, another by the mouse alone; each takes
back a decision, saves under a name, replays the finished game month by month, and
loads the named save from the saved-games screen. A third is played whole by two players
at one computer, the computer handed over between them each month. Without Xvfb they
skip, unless UA_REQUIRE_ALL=1 (CI), where they fail.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from game.persistence.store import list_saves
from tests.xvfb import wait_for, xvfb

pytestmark = pytest.mark.xvfb

#: A bound on the steps of one game, so a game that never ends fails instead of hanging.
MOST_STEPS = 900
#: Seeds typed into the new-game screen, so each game is the same every run (one with a
#: news decision followed by the board, to take back, and long enough to save midway).
KEYS_SEED, MOUSE_SEED = "2024", "1848"
#: The two-player game's seed: both first cards played (or held) each month, it runs the
#: whole term.
HOTSEAT_SEED = "7"


@dataclass(frozen=True)
class Step:
    """One line of the trace: the scenes shown after a key or click, and where things are."""

    scene: str  # "game/news", "saves", ...
    words: str  # what the top scene adds: "decide", "turn 3", the chosen save's name
    places: dict[str, tuple[int, int]]  # focusable parts of the top scene, by name
    focused: str

    @classmethod
    def parse(cls, line: str) -> Step:
        shown = line.split(" scene=", 1)[1]
        scene_part, _, places_part = shown.partition(" at")
        scene, _, words = scene_part.partition(":")
        places: dict[str, tuple[int, int]] = {}
        focused = ""
        for item in places_part.split():
            name, _, where = item.rpartition("=")
            if name.startswith("*"):
                name = focused = name[1:]
            x, _, y = where.partition(",")
            places[name] = (int(x), int(y))
        return cls(scene, words, places, focused)

    @property
    def top(self) -> str:
        return self.scene.rsplit("/", 1)[-1]

    @property
    def turn(self) -> int:
        return int(self.words.split()[1]) if self.words.startswith("turn ") else 0


class Window:
    """The game's window on one X display, and the trace the game writes."""

    def __init__(self, display: str, trace: Path) -> None:
        self.display = display
        self.trace = trace
        self.wid = ""
        self.step: Step | None = None

    def lines(self) -> list[str]:
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

    def _after(self, before: int, starts: tuple[str, ...], what: str) -> Step:
        def done() -> Step | None:
            for line in self.lines()[before:]:
                if line.startswith(starts):
                    return Step.parse(line)
            return None

        self.step = wait_for(what, done)
        return self.step

    def press(self, keys: str, handled: str | None = None) -> Step:
        """Press `keys`; wait until the game has handled the key (`handled`, by default
        the key's own name in lower case) and return what it then showed."""
        before = len(self.lines())
        self.xdo("key", keys)  # through XTEST, to the focused window, as a keyboard does
        mark = handled or keys.rsplit("+", 1)[-1].lower()
        return self._after(before, (f"{mark} ", f"key {mark} "), f"the game to handle {keys}")

    def type(self, text: str) -> None:
        """Type `text` (lower-case letters and spaces) and wait until every key is handled."""
        before = len(self.lines())
        self.xdo("type", text)
        wait_for(f"the game to take {text!r}", lambda: sum(
            line.startswith("key ") for line in self.lines()[before:]) >= len(text))

    def click(self, name: str, wait: bool = True) -> Step | None:
        """Click the focusable part called `name`, where the game last said it was."""
        assert self.step is not None and name in self.step.places, (name, self.step)
        x, y = self.step.places[name]
        before = len(self.lines())
        self.xdo("mousemove", "--window", self.wid, str(x), str(y), "click", "1")
        if not wait:
            return None
        return self._after(before, ("press ", "button "), f"the game to take a click on {name}")


@contextmanager
def running_game(tmp_path: Path) -> Iterator[tuple[Window, subprocess.Popen[str]]]:
    """The game started as a player starts it, its window found and focused."""
    with xvfb() as display:
        window = Window(display, tmp_path / "trace.txt")
        env = {**os.environ, "DISPLAY": display, "SDL_VIDEODRIVER": "x11",
               "SDL_AUDIODRIVER": "dummy", "UNLIKELY_ALLIES_SAVE_DIR": str(tmp_path / "saves"),
               "XDG_CONFIG_HOME": str(tmp_path / "config"),
               "UNLIKELY_ALLIES_TRACE": str(window.trace)}
        env.pop("WAYLAND_DISPLAY", None)
        game = subprocess.Popen([sys.executable, "-m", "game"], env=env, text=True,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            ready = wait_for("the title screen with its content loaded", lambda: next(
                (line for line in window.lines() if line.startswith("ready")), None)
                or (game.poll() is not None and "stopped"))
            assert game.poll() is None, (ready, game.communicate()[1])
            window.step = Step.parse(ready)
            window.wid = wait_for("the game's window", lambda: window.find("Unlikely Allies"))
            window.xdo("windowfocus", "--sync", window.wid)
            yield window, game
            assert game.wait(120) == 0, game.communicate()[1]
            assert window.lines()[-1].startswith("quit")
        finally:
            if game.poll() is None:
                game.kill()
                game.wait(30)


def test_a_whole_game_by_keys_alone(tmp_path: Path) -> None:
    """New game, every month by keys (the news, hold, the resolution), a decision taken
    back with U, a save named in the menu, the finished game replayed, the named save
    loaded from the saved-games screen, and quit."""
    with running_game(tmp_path) as (window, _game):
        step = window.press("Return")  # title: New game
        assert step.top == "setup"
        for _ in range(12):
            if step.focused == "seed":
                break
            step = window.press("Tab")
        window.press("Return")  # into the seed box
        window.type(KEYS_SEED)
        step = window.press("Tab")  # out of the box, on to Start
        assert step.focused == "start", step
        step = window.press("Return")  # setup: Start
        undone = False
        named_at = 0
        for _ in range(MOST_STEPS):
            if step.top == "end":
                break
            if step.top == "news" and step.words == "decide":
                step = window.press("1")
                if not undone and step.top == "game":  # the last news decided: take it back
                    step = window.press("u")
                    assert (step.top, step.words) == ("news", "decide"), step
                    step = window.press("2")
                    undone = True
            elif step.top == "news":
                step = window.press("Return")  # read on
            elif step.top == "game" and not named_at and step.turn >= 3:
                assert window.press("Escape").top == "menu"
                for _tab in range(5):  # past the buttons to the box for the save's name
                    step = window.press("Tab")
                assert step.focused == "save-name", step
                window.press("Return")  # into the box
                window.type("before the tariffs")
                step = window.press("Return", handled="entered")
                assert step.top == "game", step
                named_at = step.turn
            elif step.top == "game":
                assert window.press("h").top == "game"
                assert window.press("Return").top == "resolution"  # the chosen Hold, played
                step = window.press("Return")  # on to the next month
            elif step.top == "resolution":
                step = window.press("Return")
            else:
                pytest.fail(f"unexpected screen {step}")
        assert step.top == "end" and undone and named_at, step
        assert step.focused == "replay"
        step = window.press("Return")
        assert step.top == "replay" and step.words.startswith("month 1 of "), step
        window.press("Right")
        assert window.press("Right").words.startswith("month 3 of ")
        assert window.press("Escape").top == "end"
        step = window.press("Escape")
        assert step.top == "title"
        for _ in range(6):
            if step.focused == "saves":
                break
            step = window.press("Down")
        step = window.press("Return")
        assert step.top == "saves"
        for _ in range(10):
            if step.words == "before the tariffs":
                break
            step = window.press("Down")
        assert step.words == "before the tariffs", step
        step = window.press("Return")
        assert step.scene.startswith("game") and step.top in ("game", "news"), step
        if step.top == "game":
            assert step.turn == named_at
        step = window.press("Escape")
        assert step.top == "menu"
        for _ in range(4):
            window.press("Down")
        assert window.press("Return").top == "title"  # the menu's last button
        window.xdo("key", "Escape")  # title: quit
    saves, problems = list_saves(tmp_path / "saves")
    assert not problems
    labels = {info.header.label for info in saves}
    assert {"before the tariffs", "autosave"} <= labels


def test_a_whole_game_by_mouse_alone(tmp_path: Path) -> None:
    """The tariff showdown played as Trump with clicks alone: the news, cards, Play,
    the resolution; a decision taken back with the Undo button; a save named in the
    menu; the replay; the named save loaded from the saved-games list; and quit."""
    with running_game(tmp_path) as (window, _game):
        step = window.click("new")
        assert step is not None and step.top == "setup"
        for _ in range(6):
            if step.words.startswith("tariff_showdown"):
                break
            step = window.click("scenario")  # type: ignore[assignment]
        assert step.words.startswith("tariff_showdown"), step
        step = window.click("side-trump")  # type: ignore[assignment]
        assert step.words == "tariff_showdown trump"
        window.click("seed", wait=False)
        window.type(MOUSE_SEED)
        step = window.click("start")  # type: ignore[assignment]
        undone = False
        named_at = 0
        for _ in range(MOST_STEPS):
            if step.top == "end":
                break
            if step.top == "news" and step.words == "decide":
                step = window.click("option-0")  # type: ignore[assignment]
                if not undone and step.top == "game" and "undo" in step.places:
                    step = window.click("undo")  # type: ignore[assignment]
                    assert (step.top, step.words) == ("news", "decide"), step
                    step = window.click("option-1")  # type: ignore[assignment]
                    undone = True
            elif step.top == "news":
                step = window.click("continue")  # type: ignore[assignment]
            elif step.top == "game" and not named_at and step.turn >= 2:
                assert window.click("menu").top == "menu"  # type: ignore[union-attr]
                window.click("save-name", wait=False)
                window.type("mouse save")
                step = window.click("save")  # type: ignore[assignment]
                assert step.top == "game", step
                named_at = step.turn
            elif step.top == "game":
                cards = sorted(name for name in step.places if name.startswith("card-"))
                for card in cards[:1] + cards[-1:]:  # the first card; else Hold, the last
                    window.click(card)  # chosen
                    step = window.click("play")  # type: ignore[assignment]
                    if step.top == "resolution":
                        break
                assert step.top == "resolution", step
                step = window.click("continue")  # type: ignore[assignment]
            else:
                pytest.fail(f"unexpected screen {step}")
        assert step.top == "end" and undone and named_at, step
        step = window.click("replay")  # type: ignore[assignment]
        assert step.top == "replay" and step.words.startswith("month 1 of "), step
        window.click("next")
        assert window.click("next").words.startswith("month 3 of ")  # type: ignore[union-attr]
        assert window.click("back").top == "end"  # type: ignore[union-attr]
        assert window.click("title").top == "title"  # type: ignore[union-attr]
        step = window.click("saves")  # type: ignore[assignment]
        rows = sorted(name for name in step.places if name.startswith("row-"))
        for row in rows:
            step = window.click(row)  # type: ignore[assignment]
            if step.words == "mouse save":
                break
        assert step.words == "mouse save", step
        step = window.click("load")  # type: ignore[assignment]
        assert step.scene.startswith("game"), step
        if step.top == "game":
            assert step.turn == named_at
        else:
            assert step.top == "news"
            step = window.press("Escape")
        if step.top == "game":
            step = window.click("menu")  # type: ignore[assignment]
        assert window.click("title").top == "title"  # type: ignore[union-attr]
        window.xdo("mousemove", "--window", window.wid, *map(str, step_places(window, "quit")),
                   "click", "1")
    saves, _problems = list_saves(tmp_path / "saves")
    assert "mouse save" in {info.header.label for info in saves}


def test_a_hotseat_game_by_keys_two_players_at_one_computer(tmp_path: Path) -> None:
    """Two players, one computer, the whole game: chosen on the new-game screen with
    Trump's seat in Spanish; each month the computer is handed to AMLO's player and then to
    Trump's (each handover in its seat's language), each plays his first card (or holds),
    both cards are revealed together; each decision on the news is made by its seat after
    a handover to it. Then the autosave names two human sides, and the window quits."""
    with running_game(tmp_path) as (window, _game):
        step = window.press("Return")  # title: New game

        def focus(name: str) -> Step:
            step = window.step
            for _ in range(16):
                assert step is not None
                if step.focused == name:
                    return step
                step = window.press("Tab")
            pytest.fail(f"no {name} on {step}")

        focus("agent-two")
        step = window.press("Return")
        assert step.words == "full_term two amlo:en trump:en", step
        focus("seed")
        window.press("Return")  # into the seed box
        window.type(HOTSEAT_SEED)
        window.press("Tab")  # out of the box
        focus("language-trump")
        step = window.press("Return")
        assert step.words == "full_term two amlo:en trump:es", step
        focus("start")
        step = window.press("Return")
        seat = ""  # who has the computer, by the last handover
        handovers: list[str] = []
        cards: list[str] = []
        decisions: list[str] = []
        for _ in range(MOST_STEPS * 2):
            if step.top == "end":
                break
            if step.top == "handover":
                assert step.scene == "handover", step  # alone: nothing of the board below
                seat, language = step.words.split()
                assert language == {"amlo": "en", "trump": "es"}[seat], step
                handovers.append(seat)
                step = window.press("Return")
            elif step.top == "news" and step.words == "decide":
                decisions.append(seat)
                step = window.press("1")
            elif step.top == "news":
                step = window.press("Return")
            elif step.top == "game":
                assert step.words.split()[2:] == [seat], step  # the seat handed the computer
                cards.append(seat)
                window.press("1")
                step = window.press("Return")
                if step.top == "game":  # the first card cannot be played now: hold
                    window.press("h")
                    step = window.press("Return")
                assert step.top == ("handover" if seat == "amlo" else "resolution"), step
            elif step.top == "resolution":
                step = window.press("Return")
            else:
                pytest.fail(f"unexpected screen {step}")
        assert step.top == "end", step
        assert cards == ["amlo", "trump"] * 24  # the whole term, both cards every month
        assert handovers.count("trump") >= 24 and decisions, (handovers, decisions)
        assert {"amlo", "trump"} <= set(decisions)
        assert window.press("Escape").top == "title"
        window.xdo("key", "Escape")  # title: quit
    saves, problems = list_saves(tmp_path / "saves")
    assert not problems and saves
    assert {player.kind for player in saves[0].header.sides.values()} == {"human"}


def step_places(window: Window, name: str) -> tuple[int, int]:
    """Where the part called `name` was, as the game last said."""
    assert window.step is not None
    return window.step.places[name]
