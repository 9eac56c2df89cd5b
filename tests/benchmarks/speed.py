"""Where people wait: every agent's games per second, workers, balance, a hard decision, startup.

Run: python tests/benchmarks/speed.py [--balance-games N] [--quick]
Targets on a 2-core machine (issue 11): per core, random >= 2,000 games/s, greedy
>= 600, lookahead >= 50; two workers >= 1.7x one; `balance --games 2000` under
5 minutes; `python -m game --help` under 0.1 s. Prints the figures; never fails.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

from game.ai.agents import make_agent
from game.content import load_game_content
from game.core.orders import ChooseOption
from game.core.state import CHOICE, POLICY
from game.core.turn import Engine
from game.models.bundle import Content
from game.simulate import simulate

GAMES = {"random": 4000, "greedy": 600, "reciprocal": 1000, "lookahead": 60}


def rate(content: Content, kind: str, games: int, workers: int = 1, tries: int = 2) -> float:
    """Best games/s of `kind` against itself over a few runs (the machine may be busy)."""
    best = 0.0
    for _ in range(tries):
        started = time.perf_counter()
        simulate(content, "full_term", games, 1, kind, kind, workers)
        best = max(best, games / (time.perf_counter() - started))
    return best


def decision_times(content: Content, decisions: int) -> list[float]:
    """Seconds each of `decisions` lookahead decisions took, over many games and turns."""
    engine = Engine(content, "full_term")
    times: list[float] = []
    seed = 0
    while len(times) < decisions:
        state = engine.new_game(seed)
        agents = {s: make_agent("lookahead", s, engine) for s in ("amlo", "trump")}
        while not state.over and len(times) < decisions:
            engine.begin_turn(state)
            while state.phase == CHOICE:
                for side in list(state.pending):
                    engine.choose(state, ChooseOption(side, 0))
            assert state.phase == POLICY
            orders = {}
            for side, agent in agents.items():
                started = time.perf_counter()
                orders[side] = agent.choose_order(engine, state)
                times.append(time.perf_counter() - started)
            engine.resolve(state, orders)
        seed += 1
    return times


def startup(*args: str, stdin: str = "", tries: int = 5) -> float:
    """Best wall time of `python -m game ARGS` over a few runs."""
    best = float("inf")
    for _ in range(tries):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "game", *args], input=stdin, text=True,
                       capture_output=True, check=False)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--balance-games", type=int, default=2000)
    parser.add_argument("--quick", action="store_true", help="a tenth of the games")
    args = parser.parse_args()
    scale = 0.1 if args.quick else 1.0
    content = load_game_content().content
    assert content is not None
    simulate(content, "full_term", 100, 99, "random", "random")  # warm up
    print(f"cores available: {os.cpu_count()}")
    print("games per second, one worker, both sides the same agent:")
    rates = {}
    for kind, games in GAMES.items():
        rates[kind] = rate(content, kind, max(10, int(games * scale)))
        print(f"  {kind:<11}{rates[kind]:9.1f}")
    two = rate(content, "random", max(20, int(GAMES["random"] * 2 * scale)), workers=2)
    print(f"  random, 2 workers: {two:.0f} games/s ({two / rates['random']:.2f}x one)")
    times = sorted(decision_times(content, max(20, int(200 * scale))))
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"lookahead decision: median {statistics.median(times) * 1000:.1f} ms, "
          f"p95 {p95 * 1000:.1f} ms over {len(times)} decisions")
    print("startup (best of 5):")
    print(f"  --help     {startup('--help'):.3f} s")
    print(f"  validate   {startup('validate'):.3f} s")
    text = startup("text", "--seed", "1", stdin="q\n")
    print(f"  text       {text:.3f} s")
    games = max(2, int(args.balance_games * scale))
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "game", "balance", "--games", str(games), "--json"],
                   capture_output=True, check=True)
    print(f"balance --games {games} (every pairing, every core): "
          f"{time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
