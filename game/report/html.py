"""Reports as files: one self-contained HTML page (inline CSS and SVG, no script, nothing
fetched but the sources' links), its PDF, and the data as CSV and JSON.

The page is a Jinja2 template with autoescape on, in the language in use; the PDF is the
same page laid out by WeasyPrint (an optional dependency: `pip install -e '.[pdf]'`).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from game import __version__
from game.i18n import N_, _, language, ngettext
from game.report.charts import Chart, Strip, agreement_strip, level_words, line_chart
from game.report.classes import ClassReport
from game.report.debrief import FRONTS, GameReport
from game.wording import agreement_text, front_text, goal_mark, sentence

_ENVIRONMENT = Environment(loader=PackageLoader("game.report", "templates"),
                           autoescape=select_autoescape(default=True, default_for_string=True),
                           trim_blocks=True, lstrip_blocks=True)
_ENVIRONMENT.globals.update(_=lambda text: _(text), ngettext=ngettext)

#: Each kind of news, as a tag in the month's rows.
NEWS_KINDS = {
    "inject": N_("inject"),
    "written": N_("written news"),
    "dated": N_("real moment"),
    "drawn": N_("news"),
}
#: The order of news kinds when one month has several: the first is marked on the axis.
_KIND_ORDER = ("written", "inject", "dated", "drawn")


class ReportError(Exception):
    """A report cannot be written (its message is one sentence for the user)."""


def render(template: str, **context: Any) -> str:
    """A report template, in the language in use."""
    return _ENVIRONMENT.get_template(template).render(
        lang=language(), version=__version__,
        agreement_words=[agreement_text(step) for step in range(3)],
        news_kinds={kind: _(words) for kind, words in NEWS_KINDS.items()},
        goal_mark=goal_mark, **context)


def game_charts(report: GameReport) -> dict[str, Chart | Strip]:
    """The report's charts: polls with floors and comfort levels, trust with the levels
    where the game ends, each front's tension, and the agreements."""
    months = [m.month for m in report.months]
    news = []
    for m in report.months:
        if m.news:
            kind = min((n.kind for n in m.news), key=_KIND_ORDER.index)
            news.append((m.turn, kind, [n.title for n in m.news]))
    polls = [(report.leader(side), side, report.series(f"polls.{side}"))
             for side in ("amlo", "trump")]
    levels = []
    for side in ("amlo", "trump"):
        name = report.leader(side)
        levels.append((report.floors[side], _("{name} floor {n}").format(
            name=name, n=report.floors[side]), f"{side} floor"))
        levels.append((report.comforts[side], _("{name} comfort {n}").format(
            name=name, n=report.comforts[side]), f"{side} comfort"))
    thresholds = [(value, level_words(kind, value), kind)
                  for kind, value in report.thresholds.items()]
    return {
        "polls": line_chart("polls", _("Polls at home"), months, polls, levels, news),
        "trust": line_chart("trust", _("Trust between the governments"), months,
                            [(_("Trust"), "trust", report.series("trust"))], thresholds, news),
        "fronts": line_chart("fronts", _("Tension on each front"), months,
                             [(sentence(front_text(f)), f, report.series(f"tension.{f}"))
                              for f in FRONTS], [], news),
        "agreements": agreement_strip(
            months, [(sentence(front_text(f)), report.series(f"agreement.{f}")) for f in FRONTS]),
    }


def report_html(report: GameReport) -> str:
    """The whole report of one game as a self-contained HTML page."""
    return render("report.html", r=report, charts=game_charts(report),
                  compared=any(move.compared for m in report.months for move in m.moves))


def class_html(report: ClassReport, name: str = "") -> str:
    """The class report as a self-contained HTML page (`name`: the class or room)."""
    return render("class.html", c=report, name=name)


def write_pdf(html: str, out: Path) -> int:
    """The page as a PDF, laid out by WeasyPrint; its number of pages. ReportError when
    WeasyPrint is not installed (or cannot find its system libraries)."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:
        raise ReportError(_(
            "A PDF needs WeasyPrint ({why}). Install it with: pip install 'unlikely-allies[pdf]' "
            "(on Windows and macOS see its installation page), or write the HTML report "
            "and print it from your browser.").format(why=str(exc).splitlines()[0][:120])
        ) from None
    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # its notes are not the user's
    document = HTML(string=html).render()
    document.write_pdf(out)
    return len(document.pages)
