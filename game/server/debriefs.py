"""Debrief reports served by the game server (docs/PROTOCOL.md): a seat's report of its
game once it is over, and, for the facilitator, any table's report, the class report of
the room and its spreadsheet of every decision.

A seat asks with its token in a form's body (never in an address, which logs keep); the
console by its sign-in cookie. The report pages are the same self-contained files the
command line writes: no script at all, styles inline, nothing loaded from elsewhere.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from game.content.localize import localize
from game.i18n import _, current, using
from game.persistence.format import SaveFile
from game.report.classes import class_report
from game.report.debrief import game_report
from game.report.exports import CLASS_COLUMNS, class_decision_rows, csv_text
from game.report.files import as_save
from game.report.html import class_html, report_html
from game.server.pages import HEADERS, MAX_FORM, page_language, render, same_origin
from game.server.rooms import GameTable, Hub, Room
from game.server.views import translator

#: A report page may carry only its own inline style: no script, no request elsewhere.
REPORT_POLICY = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                 "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
REPORT_HEADERS = {**HEADERS, "Content-Security-Policy": REPORT_POLICY}


def _save(hub: Hub, table: GameTable) -> SaveFile:
    """A table's game as a save (read as any save file is)."""
    return as_save(hub.export(table))


def table_report(hub: Hub, save: SaveFile, lang: str) -> str:
    """A table's report page in `lang`."""
    with using(translator(lang)):
        return report_html(game_report(localize(hub.content, current()), save))


async def report_page(hub: Hub, table: GameTable, lang: str) -> Response:
    """A table's report, made off the event loop from its game as it stands."""
    async with table.lock:
        save = _save(hub, table)
    page = await run_in_threadpool(table_report, hub, save, lang)
    return HTMLResponse(page, headers=REPORT_HEADERS)


def room_report(hub: Hub, room: Room, saves: list[tuple[Path, SaveFile]], lang: str,
                sheet: bool = False) -> str:
    """The class report of a room's tables in `lang` (its page, or with `sheet` the
    spreadsheet of every decision)."""
    with using(translator(lang)):
        report = class_report(localize(hub.content, current()), saves, [])
        if sheet:
            tables = [(t.file, t.report) for g in report.groups for t in g.tables]
            return csv_text(CLASS_COLUMNS, class_decision_rows(tables))
        return class_html(report, _("Room {code}: {name}").format(code=room.code,
                                                                 name=room.name))


def refused(lang: str, status: int, problem: str) -> Response:
    """A report refused, in words, as a page."""
    with using(translator(lang)):
        heading = _("No report")
    return render("message.html", lang, status, heading=heading, problem=problem)


def report_routes(hub: Hub, signed_in: Any) -> list[Route]:
    """The routes of the reports: `signed_in(request)` is the console's sign-in check
    (the room and token, or None)."""

    async def seat_report(request: Request) -> Response:
        raw = await request.body()
        lang = page_language(request)
        if len(raw) > MAX_FORM:
            return refused(lang, 413, _words(lang, "too_large"))
        form = parse_qs(raw.decode("utf-8", "replace"), max_num_fields=5)
        lang = page_language(request, form.get("lang", [""])[0][:5])
        if not same_origin(request):
            return refused(lang, 403, _words(lang, "cross_site"))
        found = hub.seat_of(form.get("token", [""])[0][:100])
        if found is None:
            return refused(lang, 403, _words(lang, "unknown_seat"))
        table, _side = found
        if table.session is None or not table.session.over:
            return refused(lang, 409, _words(lang, "not_over"))
        return await report_page(hub, table, lang)

    def facilitator(request: Request) -> tuple[Room, str] | Response:
        """The console's room and the page's language; a refusal without the sign-in."""
        found, lang = signed_in(request), page_language(request)
        if found is None:
            return refused(lang, 403, _words(lang, "console_only"))
        return found[0], lang

    async def console_table_report(request: Request) -> Response:
        found = facilitator(request)
        if isinstance(found, Response):
            return found
        room, lang = found
        number = request.path_params["number"]
        table = next((t for t in room.tables if t.number == number), None)
        if table is None or table.session is None:
            return refused(lang, 404, _words(lang, "no_game", number=number))
        return await report_page(hub, table, lang)

    async def console_room_report(request: Request) -> Response:
        found = facilitator(request)
        if isinstance(found, Response):
            return found
        room, lang = found
        saves = []
        for table in room.tables:
            if table.session is not None:
                async with table.lock:
                    saves.append((Path(f"{room.code}-table-{table.number}.json"),
                                  _save(hub, table)))
        sheet = request.url.path.endswith(".csv")
        made = await run_in_threadpool(room_report, hub, room, saves, lang, sheet)
        if sheet:
            return Response(made, media_type="text/csv; charset=utf-8", headers={
                **HEADERS, "Content-Disposition":
                    f'attachment; filename="{room.code}-decisions.csv"'})
        return HTMLResponse(made, headers=REPORT_HEADERS)

    return [
        Route("/report", seat_report, methods=["POST"]),
        Route("/console/{code}/report", console_room_report),
        Route("/console/{code}/report.csv", console_room_report),
        Route("/console/{code}/tables/{number:int}/report", console_table_report),
    ]


def _words(lang: str, why: str, **facts: Any) -> str:
    """Why a report is refused, in `lang`."""
    with using(translator(lang)):
        words = {
            "too_large": _("The request is too large."),
            "cross_site": _("This request came from another site; open the report from the "
                            "game's own page."),
            "unknown_seat": _("This seat is not known here: join the game again from this "
                              "browser, or ask your facilitator."),
            "not_over": _("The report opens when the game is over."),
            "console_only": _("Only the facilitator's console can open this report: sign in "
                              "to the console first."),
            "no_game": _("Table {number} has no game yet."),
        }[why]
        return words.format(**facts)
