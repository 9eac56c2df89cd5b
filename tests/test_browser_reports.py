"""The debrief's pages in a real browser (headless Chromium): a game's report and a class
report of 30 simulated games, in English and Spanish, ask for nothing but themselves,
hold what their saves hold (month rows, ledger rows, chart points, tables), fit a
phone and a printed A4 or Letter page, print to PDF, and are drawn to PNG."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from game.persistence.store import read_save
from tests.report_pages import COUNTS, examples, opened, screenshots

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return examples(tmp_path_factory.mktemp("examples"), tmp_path_factory.mktemp("work"))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_game_report_in_the_browser_holds_its_save(lang: str, made: dict[str, Path],
                                                     browser: Any) -> None:
    save = read_save(made["save"])
    months = len(save.state.log)
    for width in (1366, 390):
        page, asked = opened(browser, made[f"report-{lang}"], width)
        counts = page.evaluate(COUNTS)
        assert asked == []  # no font, style, script or image from anywhere
        assert counts["months"] == months and counts["changes"] == len(save.state.ledger)
        assert counts["points"] and set(counts["points"]) == {months + 1}
        assert not counts["wide"], f"wider than {width} pixels"
        assert len(counts["sections"]) == 6
        page.close()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_class_report_in_the_browser_shows_every_table(lang: str, made: dict[str, Path],
                                                         browser: Any) -> None:
    page, asked = opened(browser, made[f"class-{lang}"])
    counts = page.evaluate(COUNTS)
    assert asked == [] and counts["tables"] == 30 and not counts["wide"]
    assert len(counts["points"]) == 3 * 31  # each table in three charts, and the median
    page.close()


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_reports_print_on_a4_and_letter(paper: str, made: dict[str, Path],
                                            browser: Any, tmp_path: Path) -> None:
    """Printed (the browser's print), nothing is wider than the paper, and the PDF has
    every page."""
    for name in ("report-en", "class-es", "briefs-en"):
        page, _asked = opened(browser, made[name], 700)  # A4's and Letter's printed width
        page.emulate_media(media="print")
        assert not page.evaluate(COUNTS)["wide"], name
        pdf = page.pdf(path=str(tmp_path / f"{name}.pdf"), format=paper,
                       margin={"top": "14mm", "bottom": "14mm", "left": "12mm",
                               "right": "12mm"})
        assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page\n") + pdf.count(
            b"/Type /Page>") + pdf.count(b"/Type/Page") >= (3 if name != "briefs-en" else 2)
        page.close()


def test_the_screenshots_are_drawn(made: dict[str, Path], browser: Any,
                                   tmp_path: Path) -> None:
    written = screenshots(made, tmp_path, browser)
    assert len(written) == 14 and all(path.stat().st_size > 5000 for path in written)


def test_the_seat_and_the_console_open_their_reports_in_a_new_tab(
        browser: Any, room: tuple[Any, str, str]) -> None:
    """Two browser seats play a game the facilitator ends after its first month; each
    seat's "Open the debrief report" opens the report in a new tab (in its language), and
    the console's links open the table's report and the class report."""
    from tests.browser import Seat, play
    from tests.test_browser_console import console as signed_in
    from tests.test_console import act

    server, code, token = room
    seats = [Seat.open(browser), Seat.open(browser)]
    seats[0].join(server, code, "Ana", "amlo", lang="es")
    seats[1].join(server, code, "Ben", "trump")
    assert act(server, code, token, "stop", tables_text="1")[0] == 303
    play(seats)
    for seat, words in zip(seats, ("Mes a mes", "Month by month"), strict=True):
        with seat.page.context.expect_page() as opening:
            seat.page.click("#report button")
        report = opening.value
        report.wait_for_load_state()
        assert report.locator("article.month").count() == 1
        assert words in report.locator("body").inner_text()
        assert not seat.errors
        assert f"code={code}" in str(seat.page.get_attribute("#again", "href"))
    console = signed_in(browser, server)
    with console.context.expect_page() as opening:
        console.click("a[href*='/report?']")
    opened_ = opening.value
    opened_.wait_for_load_state()
    assert opened_.locator("tr.table").count() == 1
    console.goto(f"http://{server.address}/console/{code}/tables/1")
    with console.context.expect_page() as opening:
        console.click("a[href*='/tables/1/report']")
    opening.value.wait_for_load_state()
    assert opening.value.locator("article.month").count() == 1
