"""AI-against-AI simulations over many seeds, on one or several processes.

Game `i` of a run always uses seed `derive_seed(seed, i)`, and results are
gathered in game order, so the counts do not depend on the number of workers.
Each worker process gets the content and the players through its initializer,
so runs give the same counts under every start method (fork, spawn, forkserver).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TextIO

from game.ai.agents import make_agent
from game.core.rng import derive_seed
from game.core.turn import Engine
from game.models.bundle import Content
from game.session import play_out

#: (ending id, ending kind, turns played, final polls per side as (AMLO's, Trump's),
#: and whether the game ended in compromise with each side's polls above his floor).
GameResult = tuple[str, str, int, tuple[int, int], tuple[bool, bool]]

#: What a worker process plays with, set once by `_start_worker` in that process.
_worker: tuple[Engine, str, str] | None = None


def play_one(engine: Engine, seed: int, amlo: str, trump: str) -> GameResult:
    """Play one AI game and report how it ended."""
    state = engine.new_game(seed)
    agents = {
        "amlo": make_agent(amlo, "amlo", engine),
        "trump": make_agent(trump, "trump", engine),
    }
    play_out(engine, state, agents)
    ending = state.ending or {"id": "none", "kind": "none"}
    polls = (state.meters["polls.amlo"], state.meters["polls.trump"])
    good = ending["kind"] == "compromise"
    return (str(ending["id"]), str(ending["kind"]), state.turn, polls,
            (good and polls[0] > engine.floors["amlo"], good and polls[1] > engine.floors["trump"]))


def play_chunk(engine: Engine, amlo: str, trump: str, base: int, start: int,
               stop: int) -> list[GameResult]:
    """Games `start` to `stop` (excluded) of the series seeded by `base`."""
    return [play_one(engine, derive_seed(base, i), amlo, trump) for i in range(start, stop)]


def _start_worker(content: Content, scenario: str, amlo: str, trump: str) -> None:
    """Initializer of a worker process: compile the rules once for all its chunks.

    The worker dies when the pool ends it and leaves Ctrl+C to the parent, whatever
    signal handlers it was forked with (SDL's, when a window ran in the parent, only
    post a quit event: a worker waiting on the pool's queue would never end).
    """
    global _worker
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker = (Engine(content, scenario), amlo, trump)


def _run_chunk(task: tuple[int, int, int]) -> list[GameResult]:
    if _worker is None:
        raise RuntimeError("a simulation worker ran without its initializer")
    engine, amlo, trump = _worker
    return play_chunk(engine, amlo, trump, *task)


@dataclass
class SimulationSummary:
    """What a simulation run found."""

    games: int
    seed: int
    scenario: str
    amlo: str
    trump: str
    workers: int
    endings: dict[str, int]
    kinds: dict[str, int]
    mean_turns: float
    median_turns: float
    seconds: float
    #: Per side: the share of games ending in compromise with his polls above his floor,
    #: and his mean final polls.
    sides: dict[str, dict[str, float]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """JSON-ready summary."""
        return {
            "games": self.games,
            "seed": self.seed,
            "scenario": self.scenario,
            "amlo": self.amlo,
            "trump": self.trump,
            "workers": self.workers,
            "endings": self.endings,
            "kinds": self.kinds,
            "mean_turns": round(self.mean_turns, 3),
            "median_turns": self.median_turns,
            "sides": self.sides,
            "seconds": round(self.seconds, 4),
            "games_per_second": round(self.games / self.seconds, 1) if self.seconds else None,
        }


def simulate(
    content: Content,
    scenario: str,
    games: int,
    seed: int,
    amlo: str,
    trump: str,
    workers: int = 1,
    progress: Callable[[int, int], None] | None = None,
    start_method: str | None = None,
) -> SimulationSummary:
    """Play `games` AI games and count the endings.

    `start_method` picks how worker processes start (`fork`, `spawn`, `forkserver`;
    None: the platform's default); the counts are the same whichever it is.
    """
    started = time.perf_counter()
    workers = max(1, min(workers, games))
    results: list[GameResult] = []
    chunk = max(1, min(500, games // (workers * 4) or 1))
    tasks = [(seed, i, min(games, i + chunk)) for i in range(0, games, chunk)]
    if workers == 1:
        engine = Engine(content, scenario)
        for task in tasks:
            results.extend(play_chunk(engine, amlo, trump, *task))
            if progress:
                progress(len(results), games)
    else:
        ctx = multiprocessing.get_context(start_method)
        with ctx.Pool(workers, initializer=_start_worker,
                      initargs=(content, scenario, amlo, trump)) as pool:
            for part in pool.imap(_run_chunk, tasks):
                results.extend(part)
                if progress:
                    progress(len(results), games)
    seconds = time.perf_counter() - started
    turns = sorted(r[2] for r in results)
    median = float(turns[len(turns) // 2]) if turns else 0.0
    if turns and len(turns) % 2 == 0:
        median = (turns[len(turns) // 2 - 1] + turns[len(turns) // 2]) / 2
    return SimulationSummary(
        games=games,
        seed=seed,
        scenario=scenario,
        amlo=amlo,
        trump=trump,
        workers=workers,
        endings=dict(sorted(Counter(r[0] for r in results).items())),
        kinds=dict(sorted(Counter(r[1] for r in results).items())),
        mean_turns=sum(turns) / len(turns) if turns else 0.0,
        median_turns=median,
        seconds=seconds,
        sides=side_figures([r[3] for r in results], [r[4] for r in results]),
    )


def side_figures(polls: list[tuple[int, int]], good: list[tuple[bool, bool]],
                 ) -> dict[str, dict[str, float]]:
    """Per side, over games: `compromise_above_floor` (share of games ending in compromise
    with his polls above his floor) and `mean_final_polls`."""
    count = len(polls) or 1
    return {side: {
        "compromise_above_floor": round(sum(g[i] for g in good) / count, 4),
        "mean_final_polls": round(sum(p[i] for p in polls) / count, 2),
    } for i, side in enumerate(("amlo", "trump"))}


@contextmanager
def progress_bar(unit: str = "games", stream: TextIO | None = None,
                 ) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar (tqdm) on `stream` (standard error) when it is a terminal.

    Yields the callback that `simulate` and `run_balance` take, or None off a
    terminal, so piped output and JSON stay clean.
    """
    out = stream if stream is not None else sys.stderr
    try:
        shown = out.isatty()
    except (AttributeError, ValueError):
        shown = False
    if not shown:
        yield None
        return
    from tqdm import tqdm

    bars: list[tqdm[None]] = []

    try:  # a terminal that does not say its size (0 by 0) gets the usual 80 by 24
        size = os.get_terminal_size(out.fileno())
        width, height = size.columns or 80, size.lines or 24
    except (AttributeError, OSError, ValueError):
        width, height = 80, 24

    def update(done: int, total: int) -> None:
        if not bars:
            bars.append(tqdm(total=total, unit=unit, file=out, leave=False, ncols=width,
                             nrows=height, mininterval=0.2))
        bars[0].update(done - bars[0].n)

    try:
        yield update
    finally:
        for bar in bars:
            bar.close()
