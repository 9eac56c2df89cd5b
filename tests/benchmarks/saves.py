"""Save and load time and size for a finished 24-turn game.

Run: python tests/benchmarks/saves.py
Targets: save and load each under 10 ms; the file under 200 KB. Prints the
figures; never fails.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from game.content import load_game_content
from game.core.state import UPKEEP
from game.persistence.store import read_save
from game.session import Session


def finished_full_game() -> Session:
    """A game played by agents that lasted all 24 turns."""
    content = load_game_content().content
    assert content is not None
    for seed in range(1, 500):
        session = Session.new(content, "full_term", seed, {"amlo": "greedy", "trump": "greedy"})
        while not session.over:
            if session.state.phase == UPKEEP:
                session.begin_turn()
            session.resolve({})
        if session.state.turn == 24:
            return session
    raise SystemExit("no 24-turn game found")


def main() -> None:
    session = finished_full_game()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "full.json"
        saves, loads = [], []
        for _ in range(30):
            started = time.perf_counter()
            session.save("bench", path)
            saves.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            save = read_save(path)
            Session.from_save(session.engine.content, save)
            loads.append((time.perf_counter() - started) * 1000)
        size = path.stat().st_size
    print(f"finished 24-turn game: {len(session.state.ledger)} ledger entries, "
          f"{len(session.orders)} orders")
    print(f"  save (encode + atomic write + fsync): median {statistics.median(saves):5.2f} ms, "
          f"best {min(saves):5.2f} ms   (target < 10 ms)")
    print(f"  load (read + validate + restore):     median {statistics.median(loads):5.2f} ms, "
          f"best {min(loads):5.2f} ms   (target < 10 ms)")
    print(f"  size on disk: {size / 1024:6.1f} KB   (target < 200 KB)")


if __name__ == "__main__":
    main()
