"""The debrief: a game's report (HTML, PDF, CSV, JSON) and the class report, checked
against the saves they come from, from the command line, in English and Spanish."""

from __future__ import annotations

import csv
import json
import re
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from game.cli import main
from game.models.bundle import Content
from game.persistence.store import read_save
from tests.reports import WRITTEN, a_class, played


class Page(HTMLParser):
    """A page's elements (tag and attributes, in order), its text, and whether it parsed
    with every element closed."""

    VOID = frozenset({"meta", "br", "link", "img", "input", "hr", "rect", "circle", "path",
                      "line", "polyline", "polygon"})

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.open: list[str] = []
        self.text: list[str] = []
        self.unbalanced: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        if not self.open or self.open[-1] != tag:
            self.unbalanced.append(tag)
        else:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        if self.open and self.open[-1] in ("style", "title", "desc"):
            return
        self.text.append(data)

    def words(self) -> str:
        return re.sub(r"\s+", " ", " ".join(self.text))

    def having(self, tag: str, **attrs: str) -> list[dict[str, str]]:
        return [a for t, a in self.elements if t == tag and all(
            v in a.get(k.rstrip("_"), "").split() for k, v in attrs.items())]


@pytest.fixture(scope="module")
def saves(content: Content, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("saves")
    return {"full": played(content, folder / "full.json", facilitator=True),
            "stopped": played(content, folder / "stopped.json", stop_at=7, seed=3),
            "showdown": played(content, folder / "showdown.json", scenario="tariff_showdown",
                               amlo="reciprocal", trump="greedy", human="trump", seed=4)}


def report(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def outside(page: Page, content: Content) -> list[str]:
    """Every address the page refers to that is not inside it or a source's page."""
    sources = {s.url for s in content.sources.values()}
    found = []
    for tag, attrs in page.elements:
        for key in ("src", "href", "xlink:href", "action", "data", "srcset", "poster"):
            value = attrs.get(key)
            if value is not None and not value.startswith("#") and value not in sources:
                found.append(f"<{tag} {key}={value!r}>")
        if tag in ("script", "link", "iframe", "object", "embed", "img", "base", "form"):
            found.append(f"<{tag}>")
    return found


@pytest.mark.parametrize("name", ["full", "stopped", "showdown"])
def test_a_report_holds_exactly_the_saved_game(name: str, saves: dict[str, Path],
                                               content: Content, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """Month rows = months played, ledger rows = the save's ledger, chart points = months
    + the start, and every card, news and decision of the save is in its month."""
    out = tmp_path / "r.html"
    code, printed, err = report(["report", str(saves[name]), "--out", str(out)], capsys)
    assert (code, printed.strip(), err) == (0, str(out), "")
    html = out.read_text(encoding="utf-8")
    page = Page(html)
    assert page.open == [] and page.unbalanced == []
    save = read_save(saves[name])
    log, ledger = save.state.log, save.state.ledger
    assert len(page.having("article", class_="month")) == len(log)
    assert len(page.having("tr", class_="change")) == len(ledger)
    for chart in ("polls", "trust", "fronts"):
        figure = html[html.index(f'<figure class="chart" id="{chart}">'):]
        figure = figure[:figure.index("</figure>")]
        for points in re.findall(r'<polyline points="([^"]+)"', figure):
            assert len(points.split()) == len(log) + 1
    for record in log:
        article = html[html.index(f'id="m{record.turn}"'):]
        article = Page(article[:article.index("</article>")]).words()
        for side, card in record.orders.items():
            title = content.cards[card].title if card else "held"
            assert title in article, (record.turn, side, title)
        for news in record.news:
            event = content.events.get(news.event)
            title = event.title if event else WRITTEN["title"]
            assert title in article
            for index in news.choices.values():
                assert event is not None and event.choices[index].label in article
    assert outside(page, content) == []
    assert "url(" not in html and "@import" not in html


def test_the_outcome_turning_points_and_questions(saves: dict[str, Path], content: Content,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    code, html, _err = report(["report", str(saves["full"]), "--out", "-"], capsys)
    assert code == 0
    text = Page(html).words()
    save = read_save(saves["full"])
    ending = next(e for e in content.endings if e.id == save.header.ending)
    assert ending.title in text and ending.history in text
    assert "The largest swings" in text and "Where the game left history" in text
    assert "the historical AMLO would have" in text
    for stage in ("Describe.", "Analyse.", "Transfer.", "Apply."):
        assert stage in text
    assert content.scenarios["full_term"].question in text
    goals = content.scenarios["full_term"].goals
    assert goals and all(goal.text in text for goal in goals)  # judged, as the briefs say
    assert text.count(" — AMLO: ") + text.count(" — Both: ") >= 2
    # the facilitator's news: sent, and written on the spot
    assert "The facilitator sent the news “Trump Announces Tariffs" in text
    assert f"The facilitator wrote the news “{WRITTEN['title']}”" in text


def test_a_stopped_game_says_so(saves: dict[str, Path],
                                capsys: pytest.CaptureFixture[str]) -> None:
    _code, html, _err = report(["report", str(saves["stopped"]), "--out", "-"], capsys)
    text = Page(html).words()
    assert "Ended by the facilitator, month 7" in text
    assert "The facilitator ended the game with this month." in text


def test_the_exports_hold_the_same_data(saves: dict[str, Path], tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    """months.csv: the start and each month; ledger.csv: every change; decisions.csv:
    both cards of each month, every option taken and every facilitator action; the JSON
    document the same rows."""
    folder = tmp_path / "data"
    code, printed, _err = report(["report", str(saves["full"]), "--format", "csv",
                                  "--out", str(folder)], capsys)
    assert code == 0 and printed.split() == [str(folder / n) for n in
                                              ("months.csv", "decisions.csv", "ledger.csv")]
    tables = {}
    for name in ("months", "decisions", "ledger"):
        with (folder / f"{name}.csv").open(encoding="utf-8-sig", newline="") as handle:
            tables[name] = list(csv.DictReader(handle))
    save = read_save(saves["full"])
    log, ledger = save.state.log, save.state.ledger
    assert len(tables["months"]) == len(log) + 1
    assert [int(r["trust"]) for r in tables["months"]][-1] == save.state.meters["trust"]
    assert len(tables["ledger"]) == len(ledger)
    assert [(int(r["turn"]), r["meter"], int(r["delta"]), r["cause"])
            for r in tables["ledger"]] == [(c[0], c[1], c[2], c[5]) for c in ledger]
    options = sum(len(n.choices) for r in log for n in r.news)
    actions = sum(1 for o in save.orders if o.order in ("inject", "stop"))
    assert len(tables["decisions"]) == 2 * len(log) + options + actions
    cards = [(int(r["turn"]), r["who"], r["id"] or None) for r in tables["decisions"]
             if r["kind"] in ("card", "hold")]
    assert cards == [(r.turn, s, r.orders.get(s)) for r in log for s in ("amlo", "trump")]
    assert {r["as_history"] for r in tables["decisions"] if r["kind"] == "card"} <= {"yes", "no"}
    assert [r["kind"] for r in tables["decisions"] if r["who"] == "facilitator"] == [
        "inject", "written"]

    out = tmp_path / "game.json"
    assert report(["report", str(saves["full"]), "--format", "json", "--out", str(out)],
                  capsys)[0] == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == 1 and data["game"]["months_played"] == len(log)
    assert data["outcome"]["id"] == save.header.ending
    for name in ("months", "decisions", "ledger"):
        assert [{k: str(v) for k, v in row.items()} for row in data[name]] == tables[name]


def test_a_pdf_has_the_same_pages(saves: dict[str, Path], tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    """Through WeasyPrint, when it is installed (`.[test]` installs it): a PDF of several
    pages; without it, one sentence saying how to get one."""
    out = tmp_path / "r.pdf"
    code, _printed, err = report(["report", str(saves["showdown"]), "--format", "pdf",
                                  "--out", str(out)], capsys)
    if code != 0:
        import os

        assert "A PDF needs WeasyPrint" in err and "\n" not in err.strip()
        if os.environ.get("UA_REQUIRE_ALL"):
            pytest.fail(f"WeasyPrint is missing: {err}")
        pytest.skip("WeasyPrint is not installed")
    assert out.read_bytes().startswith(b"%PDF") and err == ""
    from game.report.html import write_pdf

    html = report(["report", str(saves["full"]), "--out", "-"], capsys)[1]
    assert write_pdf(html, tmp_path / "full.pdf") >= 10


def test_a_pdf_without_weasyprint_says_what_to_do(saves: dict[str, Path], tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # an import of it fails
    code, _printed, err = report(["report", str(saves["showdown"]), "--format", "pdf",
                                  "--out", str(tmp_path / "r.pdf")], capsys)
    assert code == 1 and "pip install 'unlikely-allies[pdf]'" in err
    assert "print it from your browser" in err and not (tmp_path / "r.pdf").exists()


def test_bad_input_gets_one_sentence_and_nothing_is_written(
        saves: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"header": ', encoding="utf-8")
    code, _out, err = report(["report", str(broken)], capsys)
    assert code == 1 and "is damaged" in err and len(err.strip().splitlines()) == 1
    code, _out, err = report(["report", str(tmp_path / "none.json")], capsys)
    assert code == 1 and "none.json" in err and "Traceback" not in err
    raw = json.loads(saves["full"].read_text(encoding="utf-8"))
    raw["header"]["scenario"] = "my_region"
    raw["state"]["scenario"] = "my_region"
    other = tmp_path / "other.json"
    other.write_text(json.dumps(raw), encoding="utf-8")
    code, _out, err = report(["report", str(other)], capsys)
    assert code == 1 and "my_region" in err
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        main(["report", str(saves["full"]), "--format", "csv", "--out",
              str(tmp_path / "file.txt")])
    assert exit_.value.code == 2 and "is a file" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.json", "file.txt",
                                                          "other.json"]


def test_a_report_of_changed_content_says_so(saves: dict[str, Path], tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    raw = json.loads(saves["full"].read_text(encoding="utf-8"))
    raw["header"]["fingerprint"] = "0" * 16
    played_ = next(o for o in raw["orders"] if o.get("card"))
    played_["card"] = "amlo_no_such_card"  # an order the replay refuses
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(raw), encoding="utf-8")
    code, html, _err = report(["report", str(changed), "--out", "-"], capsys)
    text = Page(html).words()
    assert code == 0 and "played with other content than the game has now" in text
    assert "The cards the historical leaders would have played are left out" in text
    assert "Not compared" in text


def test_the_reports_in_spanish_show_no_english(saves: dict[str, Path], tmp_path: Path,
                                                content: Content,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """The game's report, the class report and the role briefs in Spanish: no English
    sentence of the catalogue and no English little word, outside the sources' titles
    and the leaders' names (the written news is the facilitator's own words)."""
    from game import i18n
    from tests.pseudo import english, names, originals

    spanish = originals(i18n.translator_for("es").strings)
    allowed = [*names(content), WRITTEN["title"], WRITTEN["text"], "Unlikely Allies"]
    pages = {"report": ["report", str(saves["full"]), "--out", "-"],
             "class": ["class-report", str(saves["full"]), str(saves["stopped"]), "--out",
                       str(tmp_path / "c.html")],
             "briefs": ["briefs", "--out", str(tmp_path / "b.html")]}
    found = []
    for name, words in pages.items():
        code, printed, _err = report(["--lang", "es", *words], capsys)
        html = printed if name == "report" else (
            tmp_path / ("c.html" if name == "class" else "b.html")).read_text(encoding="utf-8")
        assert code == 0 and '<html lang="es">' in html
        text = re.sub(r"[\w-]+\.json|[0-9a-f]{12}", " ", Page(html).words())
        found += [f"{name}: {problem}" for problem in english(text, allowed, spanish)]
        if name == "report":
            for words_ in ("Resultado", "Mes a mes", "Describir.", "diciembre de 2018"):
                assert words_ in text, words_
    assert found == []


def test_role_briefs_come_from_the_content(content: Content, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    from game.core.turn import Engine

    out = tmp_path / "b.html"
    code, printed, _err = report(["briefs", "--scenario", "tariff_showdown", "--out",
                                  str(out)], capsys)
    assert (code, printed.strip()) == (0, str(out))
    page = Page(out.read_text(encoding="utf-8"))
    text = page.words()
    assert len(page.having("section", class_="brief")) == 2 and page.open == []
    scenario = content.scenarios["tariff_showdown"]
    engine = Engine(content, "tariff_showdown")
    for side, leader in content.leaders.items():
        assert f"You are {leader.name}, {leader.office}" in text
        assert f"Below {leader.floor} for 2 months running" in text
        for goal in scenario.goals:
            assert goal.text in text
        titles = [c.card.title for c in engine.cards[side].values()]
        assert sum(title in text for title in titles) >= len(titles) // 2
    assert scenario.question in text and scenario.briefing[:80] in text
    assert outside(page, content) == []


# ------------------------------------------------------------------ the class report


@pytest.fixture(scope="module")
def classroom(content: Content, tmp_path_factory: pytest.TempPathFactory,
              saves: dict[str, Path]) -> Path:
    folder = tmp_path_factory.mktemp("class")
    a_class(content, folder / "room", games=30)
    (folder / "room" / "broken.json").write_text("<html>not a save</html>", encoding="utf-8")
    played(content, folder / "room" / "other-seed.json", seed=99, label="Other seed")
    with zipfile.ZipFile(folder / "room2.zip", "w") as archive:
        archive.write(saves["showdown"], "R2-table-1.json")
        archive.writestr("R2-table-2.json", b"{}")
    return folder


def test_a_class_report_compares_every_table(classroom: Path, content: Content,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    out = classroom / "report.html"
    code, printed, err = report(["class-report", str(classroom / "room"),
                                 str(classroom / "room2.zip"), str(classroom / "missing"),
                                 "--out", str(out), "--name", "Class 9B"], capsys)
    assert code == 0 and printed.split() == [str(out), str(out.with_suffix(".csv"))]
    problems = err.strip().splitlines()
    assert len(problems) == 3
    assert any("broken.json" in p and "damaged" in p for p in problems)
    assert any("R2-table-2.json" in p for p in problems)
    assert any("missing" in p and "no such file" in p for p in problems)
    html = out.read_text(encoding="utf-8")
    page = Page(html)
    assert page.open == [] and page.unbalanced == [] and outside(page, content) == []
    groups = page.having("section", class_="group")
    assert len(groups) == 3  # 30 tables on seed 12, one on seed 99, the showdown
    first = html[:html.index('id="g2"')]
    rows = re.findall(r'<tr class="table"><td>([^<]+)</td>', first)
    assert rows == [f"Table {n}" for n in range(1, 31)]  # in their numbers' order
    shares = re.findall(r'<td class="n">(\d+)</td>\s*<td><svg', first)
    assert sum(int(n) for n in shares) == 30
    # each table a thin line in each of the three overlays, plus the median
    assert first.count('stroke="#8a8a99"') == 3 * 30
    text = page.words()
    assert "3 files could not be reported" in text
    assert "Where the tables part" in text and "Cards played most and least" in text
    with out.with_suffix(".csv").open(encoding="utf-8-sig", newline="") as handle:
        rows_ = list(csv.DictReader(handle))
    cards = [r for r in rows_ if r["kind"] in ("card", "hold")]
    months = 0
    for path in [*sorted((classroom / "room").glob("table-*.json")),
                 classroom / "room" / "other-seed.json"]:
        months += len(read_save(path).state.log)
    months += len(read_save(classroom / "room2.zip" / "R2-table-1.json",
                            zipfile.ZipFile(classroom / "room2.zip").read(
                                "R2-table-1.json")).state.log)
    assert len(cards) == 2 * months
    assert {r["file"] for r in rows_} >= {"table-1.json", "R2-table-1.json"}


def test_a_class_report_of_nothing_readable_says_so(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.json").write_text("[]", encoding="utf-8")
    code, printed, err = report(["class-report", str(tmp_path / "a.json"), "--out",
                                 str(tmp_path / "c.html")], capsys)
    assert code == 1 and printed == "" and "No game could be reported." in err
    assert not (tmp_path / "c.html").exists()


# ------------------------------------------------------------------ the end screens


def test_the_windows_end_screen_writes_the_report_and_opens_it(
        saves: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from game.session import Session
    from game.ui.router import Reset
    from tests.ui_driver import Driver

    driver = Driver(tmp_path)
    opened: list[str] = []
    monkeypatch.setattr("game.ui.browser.open_in_browser",
                        lambda address: opened.append(address) or True)
    session = Session.from_save(driver.content, read_save(saves["full"]))
    driver.app.router.apply(Reset(driver.app.make("end", session, "amlo")))
    driver.step()
    driver.click_button("report")
    written = tmp_path / "saves" / "reports" / f"report-{session.game_id}.html"
    assert opened == [written.resolve().as_uri()]
    page = Page(written.read_text(encoding="utf-8"))
    assert len(page.having("article", class_="month")) == len(session.state.log)
    assert "Report opened in your browser" in driver.app.scene.said  # type: ignore[attr-defined]
    monkeypatch.setattr("game.ui.browser.open_in_browser", lambda address: False)  # none here
    driver.click_button("report")
    assert "open it in a web browser" in driver.app.scene.said  # type: ignore[attr-defined]
    assert [p.name for p in written.parent.iterdir()] == [written.name]  # no backup, no tmp


def test_a_game_saved_twice_counts_once_and_an_autosave_is_named_by_its_file(
        content: Content, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A player's named save and the game's autosave are one game: the later is reported,
    the earlier listed; an autosave's line is named by its file, not "autosave"."""
    from game.core.state import UPKEEP
    from game.session import Session

    session = Session.new(content, "tariff_showdown", 5, {"amlo": "greedy",
                                                           "trump": "reciprocal"},
                          save_dir=tmp_path, autosave=True)
    session.begin_turn()
    session.resolve({})
    assert session.save("ana-ben") is not None
    while not session.over:
        if session.state.phase == UPKEEP:
            session.begin_turn()
        session.resolve({})
    assert session.save("autosave") is not None
    out = tmp_path / "c.html"
    code, _printed, err = report(["class-report", str(tmp_path), "--out", str(out)], capsys)
    assert code == 0 and "ana-ben.json: an earlier save of the same game as" in err
    html = out.read_text(encoding="utf-8")
    assert re.findall(r'<tr class="table"><td>([^<]+)</td>', html) == [
        f"autosave-{session.game_id}.json"]


def test_the_computer_is_named_by_the_level_it_was_chosen_at(
        content: Content, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from game.session import Session

    session = Session.new(content, "tariff_showdown", 2, {"trump": "reciprocal"})
    session.agents["trump"].difficulty = "normal"
    saved = session.save("x", tmp_path / "x.json")
    assert saved is not None
    _code, html, _err = report(["report", str(saved), "--out", "-"], capsys)
    level = content.difficulties["normal"].title
    assert f"Trump: the computer ({level})" in Page(html).words()
