"""Everything but game.ui must work without pygame ever being imported."""

from __future__ import annotations

import subprocess
import sys

CODE = """
import importlib, pkgutil, sys
import game
for mod in pkgutil.walk_packages(game.__path__, "game."):
    if mod.name.startswith("game.ui") or mod.name == "game.__main__":
        continue
    importlib.import_module(mod.name)
from game.content import load_game_content
from game.simulate import simulate
content = load_game_content().content
simulate(content, "full_term", 5, 1, "greedy", "reciprocal")
bad = sorted(m for m in sys.modules if m.split(".")[0] in ("pygame", "pygame_gui"))
print("IMPORTED:", bad)
sys.exit(1 if bad else 0)
"""


def test_core_never_imports_pygame() -> None:
    done = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
