"""Content load and validation time: the base pack, and a generated pack of 10,000 cards.

Run: python tests/benchmarks/content.py
Targets: the base pack loads and validates in under 150 ms; the 10,000-card
pack in under 2 s. Prints the figures; never fails.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from game.content import load_game_content
from game.content.loader import load_packs
from game.paths import core_pack

CARD = """\
  - id: gen_{side}_{n}
    side: {side}
    title: Generated card {n}
    text: A generated card for benchmarking, with a few effects.
    context: Benchmark content; not part of any game.
    sources: [loc-jd]
    category: {category}
    stance: {stance}
    cost: {cost}
    requires: {{kind: all, of: [{{kind: meter, meter: trust, min: 5}}, {{kind: turn, min: 1}}]}}
    effects:
      - {{kind: meter, meter: trust, delta: {trust}}}
      - {{kind: meter, meter: polls.self, delta: {polls}}}
      - {{kind: meter, meter: tension.{front}, delta: -2}}
"""


def make_pack(root: Path, cards: int) -> Path:
    """A pack depending on core with `cards` generated cards in 10 files."""
    pack = root / "bench"
    (pack / "cards").mkdir(parents=True)
    (pack / "pack.yaml").write_text(
        'id: bench\nname: Bench\nversion: 1.0.0\nauthors: [bench]\ngame: ">=0.1"\n'
        "depends: [core]\n", encoding="utf-8")
    stances = ("cooperate", "confront", "domestic")
    fronts = ("trade", "migration", "security")
    per_file = cards // 10
    for f in range(10):
        parts = ["cards:\n"]
        for i in range(per_file):
            n = f * per_file + i
            parts.append(CARD.format(
                side=("amlo", "trump")[n % 2], n=n, category=fronts[n % 3],
                stance=stances[n % 3], cost=n % 4, trust=(n % 5) - 2, polls=(n % 3) - 1,
                front=fronts[n % 3]))
        (pack / "cards" / f"gen{f}.yaml").write_text("".join(parts), encoding="utf-8")
    return pack


def timed(fn: object, runs: int) -> list[float]:
    """Wall times in ms of `runs` calls."""
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()  # type: ignore[operator]
        out.append((time.perf_counter() - started) * 1000)
    return out


def main() -> None:
    load_game_content()  # imports and caches warm
    base = timed(load_game_content, 10)
    print(f"base pack load + validate: median {statistics.median(base):6.1f} ms, "
          f"best {min(base):6.1f} ms   (target < 150 ms)")
    with tempfile.TemporaryDirectory() as tmp:
        pack = make_pack(Path(tmp), 10_000)
        result = load_packs([core_pack(), pack])
        assert result.content is not None, [d.format() for d in result.report.errors[:5]]
        big = timed(lambda: load_packs([core_pack(), pack]), 3)
        print(f"10,000-card pack load + validate: median {statistics.median(big):6.0f} ms, "
              f"best {min(big):6.0f} ms   (target < 2000 ms)")


if __name__ == "__main__":
    main()
