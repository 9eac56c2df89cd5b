"""How fast the debrief is made: one full-term game's report, and a class report of 200.

Run: python tests/benchmarks/reports.py [--games 200]
Targets: a full-term game's report (read the save, replay it for the historical
comparison, draw the page) under 1 second; a class report of 200 games (page and
spreadsheet) under 10 seconds. Each is timed in the process (the median of several runs)
and as a user runs it, `python -m game report …`, interpreter start included. Prints the
figures; never fails.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from game.content import load_game_content  # noqa: E402
from game.persistence.store import read_save  # noqa: E402
from game.report.classes import class_report  # noqa: E402
from game.report.debrief import game_report  # noqa: E402
from game.report.exports import CLASS_COLUMNS, class_decision_rows, csv_text  # noqa: E402
from game.report.html import class_html, report_html  # noqa: E402
from game.report.saves import gather  # noqa: E402
from tests.reports import a_class, played  # noqa: E402


def timed(runs: int, work: object) -> tuple[float, float]:
    """The median and the slowest of `runs` runs of `work()`, in seconds."""
    took = []
    for _ in range(runs):
        start = time.perf_counter()
        work()  # type: ignore[operator]
        took.append(time.perf_counter() - start)
    return statistics.median(took), max(took)


def command(*words: str) -> float:
    """Seconds for `python -m game …` as a user runs it."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "game", *words], check=True, cwd=ROOT,
                   capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=200)
    args = parser.parse_args()
    content = load_game_content().content
    assert content is not None
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        save_path = played(content, work / "full.json", facilitator=True)
        months = len(read_save(save_path).state.log)

        def one() -> None:
            report_html(game_report(content, read_save(save_path)))

        median, slowest = timed(10, one)
        print(f"one game's report ({months} months): median {median * 1000:.0f} ms, "
              f"slowest {slowest * 1000:.0f} ms in the process; "
              f"{command('report', str(save_path), '--out', str(work / 'r.html')):.2f} s "
              f"as `python -m game report` (target: under 1 s)")

        start = time.perf_counter()
        a_class(content, work / "class", games=args.games)
        print(f"{args.games} games played and saved in {time.perf_counter() - start:.1f} s")

        def many() -> None:
            saves, problems = gather([work / "class"])
            report = class_report(content, saves, problems)
            class_html(report)
            tables = [(t.file, t.report) for g in report.groups for t in g.tables]
            csv_text(CLASS_COLUMNS, class_decision_rows(tables))

        median, slowest = timed(3, many)
        wall = command("class-report", str(work / "class"), "--out", str(work / "c.html"))
        size = (work / "c.html").stat().st_size / 1024
        sheet = (work / "c.csv").stat().st_size / 1024
        print(f"class report of {args.games} games: median {median:.2f} s, slowest "
              f"{slowest:.2f} s in the process; {wall:.2f} s as `python -m game "
              f"class-report` (target: under 10 s); page {size:.0f} KB, spreadsheet "
              f"{sheet:.0f} KB")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this process: {peak:.0f} MB")


if __name__ == "__main__":
    main()
