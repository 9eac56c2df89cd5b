"""Simulation throughput: random against random, one worker and two.

Run: python tests/benchmarks/simulate.py [GAMES]
Targets on a 2-core machine: at least 1,000 games/s on one worker, and at
least 1.7x that on two. Prints the figures; never fails.
"""

from __future__ import annotations

import os
import sys
import time

from game.content import load_game_content
from game.simulate import simulate


def best_rate(content: object, games: int, workers: int, tries: int = 3) -> tuple[float, float]:
    """Best games/s over a few runs (the machine may be busy), and mean turns."""
    best, turns = 0.0, 0.0
    for _ in range(tries):
        started = time.perf_counter()
        summary = simulate(content, "full_term", games, 1, "random", "random", workers)  # type: ignore[arg-type]
        rate = games / (time.perf_counter() - started)
        best, turns = max(best, rate), summary.mean_turns
    return best, turns


def main() -> None:
    games = int(sys.argv[1]) if len(sys.argv) > 1 else 4000
    content = load_game_content().content
    assert content is not None
    simulate(content, "full_term", 200, 99, "random", "random")  # warm up
    one, turns = best_rate(content, games, 1)
    two, _ = best_rate(content, games * 2, 2)
    print(f"cores available: {os.cpu_count()}")
    print(f"random vs random, full_term, mean {turns:.1f} turns/game")
    print(f"  1 worker : {one:8.0f} games/s   (target >= 1000)")
    print(f"  2 workers: {two:8.0f} games/s   ({two / one:.2f}x; target >= 1.7x)")
    for kind in ("greedy", "reciprocal"):
        started = time.perf_counter()
        simulate(content, "full_term", 500, 1, kind, kind)
        print(f"  {kind} vs {kind}, 1 worker: {500 / (time.perf_counter() - started):6.0f} games/s")


if __name__ == "__main__":
    main()
