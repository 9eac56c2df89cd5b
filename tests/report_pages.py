"""The debrief's pages as a reader sees them: example reports made from simulated games,
drawn in headless Chromium to PNG, and the checks a real browser can make of them.

Run `python tests/report_pages.py` to rewrite the examples under docs/examples and their
screenshots under docs/screenshots: a game's report (a person as AMLO, the facilitator's
news in it), a class report of 30 games, and the role briefs, in English and Spanish.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script
    sys.path.insert(0, str(ROOT))

from game.cli import main as game  # noqa: E402
from game.content import load_game_content  # noqa: E402
from tests.reports import a_class, played  # noqa: E402

#: What a page holds, counted in the browser: month rows, ledger rows, each chart's
#: points, the report's tables' rows; and whether anything is wider than the page.
COUNTS = """() => ({
  months: document.querySelectorAll("article.month").length,
  changes: document.querySelectorAll("tr.change").length,
  points: [...document.querySelectorAll("figure.chart:not(.strip) svg > polyline")]
            .map((line) => line.getAttribute("points").trim().split(/\\s+/).length),
  tables: document.querySelectorAll("tr.table").length,
  wide: document.documentElement.scrollWidth > document.documentElement.clientWidth + 1,
  sections: [...document.querySelectorAll("h2")].map((h) => h.textContent.trim()),
})"""


def examples(out: Path, work: Path) -> dict[str, Path]:
    """Write the example pages in `out` (saves are played in `work`); their paths by name
    (`report-en`, `report-es`, `class-en`, `class-es`, `briefs-en`, `briefs-es`) and the
    saves (`save`, `class`)."""
    content = load_game_content().content
    assert content is not None
    out.mkdir(parents=True, exist_ok=True)
    save = played(content, work / "example.json", facilitator=True, label="Table 3")
    a_class(content, work / "class", games=30)
    made = {"save": save, "class": work / "class"}
    for lang in ("en", "es"):
        pages = {f"report-{lang}": ["report", str(save)],
                 f"class-{lang}": ["class-report", str(work / "class"), "--name", "9B"],
                 f"briefs-{lang}": ["briefs", "--scenario", "tariff_showdown"]}
        for name, words in pages.items():
            path = out / f"{name}.html"
            assert game(["--lang", lang, *words, "--out", str(path)]) == 0, name
            made[name] = path
        (out / f"class-{lang}.csv").unlink(missing_ok=True)  # the spreadsheet: not an example
    return made


def opened(browser: Any, path: Path, width: int = 1366) -> tuple[Any, list[str]]:
    """`path` in a new page `width` pixels wide; the page and every address it asked for
    besides itself."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url)
            if request.url != path.resolve().as_uri() else None)
    page.goto(path.resolve().as_uri())
    return page, asked


def screenshots(made: dict[str, Path], out: Path, browser: Any) -> list[Path]:
    """The reports' screenshots: each report's top, its charts and a month beside reality,
    a phone's view, the class report's top and its overlaid tables, the first brief."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for lang in ("en", "es"):
        shots: list[tuple[str, Path, int, str | None]] = [
            (f"report-top-{lang}", made[f"report-{lang}"], 1366, None),
            (f"report-charts-{lang}", made[f"report-{lang}"], 1366, "#charts"),
            (f"report-month-{lang}", made[f"report-{lang}"], 1366, "#m6"),
            (f"report-phone-{lang}", made[f"report-{lang}"], 390, None),
            (f"class-top-{lang}", made[f"class-{lang}"], 1366, None),
            (f"class-tables-{lang}", made[f"class-{lang}"], 1366, "section.group figure"),
            (f"briefs-{lang}", made[f"briefs-{lang}"], 1366, None)]
        for name, page_path, width, part in shots:
            page, _asked = opened(browser, page_path, width)
            path = out / f"{name}.png"
            if part is None:
                page.screenshot(path=str(path))
            else:
                page.locator(part).first.screenshot(path=str(path))
            page.close()
            written.append(path)
    return written


def cli() -> None:
    from tests.browser import chromium

    parser = argparse.ArgumentParser(description="Rewrite the example reports and their "
                                                 "screenshots.")
    parser.add_argument("--examples", type=Path, default=ROOT / "docs" / "examples")
    parser.add_argument("--screenshots", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    import tempfile

    with tempfile.TemporaryDirectory() as work, chromium() as browser:
        made = examples(args.examples, Path(work))
        for path in screenshots(made, args.screenshots, browser):
            print(path)
        for name in ("report-en", "report-es", "class-en", "class-es", "briefs-en",
                     "briefs-es"):
            print(made[name])


if __name__ == "__main__":
    cli()
