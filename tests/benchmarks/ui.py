"""Graphical game figures, in one run.

Run: python tests/benchmarks/ui.py
1. Time to the first frame of the title screen, beside a bare `import pygame,
   pygame_gui`, a window and one flip (target: at most 1.5x the bare figure).
2. Frame times on the game screen at 1280x720, full redraws, and the same while a
   month resolves: both cards turning over and the meters sliding, at 60 frames a
   second (target: 95th percentile under 8 ms).
3. CPU use of the game left idle for 10 s in a real window under Xvfb (target:
   under 3 %). Needs Xvfb; says so and skips that figure without it.
Prints the figures; never fails.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = """
import time; t0 = time.perf_counter()
import pygame, pygame_gui
pygame.display.init(); pygame.font.init()
window = pygame.display.set_mode((1280, 720))
manager = pygame_gui.UIManager((1280, 720))
window.fill((0, 0, 0)); manager.draw_ui(window); pygame.display.flip()
print(time.perf_counter() - t0)
"""

GAME = """
import time; t0 = time.perf_counter()
from pathlib import Path
from game.ui.main import make_app
from game.ui.settings import Settings
app = make_app(size=(1280, 720), settings=Settings(), settings_path=Path({tmp!r}) / "s.json",
          save_dir=Path({tmp!r}))
app.start(); app.render()
print(time.perf_counter() - t0)
"""


def first_frame(code: str, env: dict[str, str], runs: int = 5) -> float:
    """Median seconds from interpreter start of the snippet to its first frame."""
    times = []
    for _ in range(runs):
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              env=env, timeout=120)
        times.append(float(done.stdout.strip().splitlines()[-1]))
    return statistics.median(times)


def frame_times(animated: bool = False) -> list[float]:
    """Full redraws of the game screen at turn 6, in ms; with `animated`, the second of
    animation after a month resolves (the reveal, the meters sliding), frame by frame."""
    os.environ["SDL_VIDEODRIVER"] = "dummy"
    from game.core.orders import ChooseOption
    from game.core.state import UPKEEP
    from game.session import Session
    from game.ui.main import make_app
    from game.ui.router import Reset
    from game.ui.scenes.game.board import BoardScene
    from game.ui.settings import Settings

    tmp = Path(tempfile.mkdtemp())
    app = make_app(size=(1280, 720),
                   settings=Settings(animation="normal" if animated else "off"),
                   settings_path=tmp / "s.json", save_dir=tmp, offscreen=True)
    app.load_content()
    session = Session.new(app.content, "full_term", 3, {"amlo": "greedy", "trump": "greedy"})
    while session.state.turn < 6:
        if session.state.phase == UPKEEP:
            session.begin_turn()
        session.resolve({})
    del session.agents["amlo"]
    if session.state.phase == UPKEEP:
        session.begin_turn()
    if "amlo" in session.state.pending:
        session.choose(ChooseOption("amlo", 0))
    scene = BoardScene(app, session, "amlo")
    scene.table.news_seen = len(scene.table.month_news())  # read: the board itself shows
    app.router.apply(Reset(scene))
    out = []
    if animated:
        scene.select(len(scene.table.hand()))
        app.go(scene.play_selected())  # Hold: the resolution, its cards face down
        for _frame in range(60):
            started = time.perf_counter()
            for shown in app.visible():
                shown.update(1 / 60)
            app.render()
            out.append((time.perf_counter() - started) * 1000)
        return out
    for i in range(300):
        scene.pointed = i % 6  # the details panel changes, as when the mouse moves over cards
        started = time.perf_counter()
        app.render()
        out.append((time.perf_counter() - started) * 1000)
    return out


def idle_cpu(seconds: float = 10.0) -> float | None:
    """Percent of one core the game uses, left idle on its title screen under Xvfb."""
    if not shutil.which("Xvfb"):
        return None
    display = ":95"
    server = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten",
                               "tcp"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    tmp = tempfile.mkdtemp()
    env = {**os.environ, "DISPLAY": display, "SDL_VIDEODRIVER": "x11",
           "SDL_AUDIODRIVER": "dummy", "UNLIKELY_ALLIES_SAVE_DIR": tmp, "XDG_CONFIG_HOME": tmp}
    game = subprocess.Popen([sys.executable, "-m", "game"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(4.0)  # started and settled

        def cpu() -> float:
            fields = Path(f"/proc/{game.pid}/stat").read_text().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

        before, started = cpu(), time.perf_counter()
        time.sleep(seconds)
        return 100 * (cpu() - before) / (time.perf_counter() - started)
    finally:
        game.kill()
        server.terminate()


def main() -> None:
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    tmp = tempfile.mkdtemp()
    bare = first_frame(BARE, env)
    ours = first_frame(GAME.format(tmp=tmp), env)
    print(f"first frame: bare pygame + pygame_gui window {bare * 1000:6.0f} ms; "
          f"title screen {ours * 1000:6.0f} ms = {ours / bare:.2f}x   (target <= 1.5x)")
    frames = sorted(frame_times())
    p95 = frames[int(len(frames) * 0.95)]
    print(f"game screen 1280x720, full redraws: median {statistics.median(frames):5.2f} ms, "
          f"95th percentile {p95:5.2f} ms   (target < 8 ms)")
    moving = sorted(frame_times(animated=True))
    print(f"a month resolving, cards turning and meters sliding: median "
          f"{statistics.median(moving):5.2f} ms, 95th percentile "
          f"{moving[int(len(moving) * 0.95)]:5.2f} ms   (target < 8 ms)")
    idle = idle_cpu()
    if idle is None:
        print("idle CPU: Xvfb is not installed (apt-get install xvfb); not measured")
    else:
        print(f"idle CPU on the title screen under Xvfb, 10 s: {idle:4.1f} % of one core   "
              "(target < 3 %)")


if __name__ == "__main__":
    main()
