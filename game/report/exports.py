"""A game's data as tidy tables (CSV) and one JSON document, for spreadsheets and
grading: `months` (the meters at the end of each month), `decisions` (every card, option
and facilitator action) and `ledger` (every change with its cause). docs/DATA.md
documents every column; ids stay ids, and the words beside them are in the report's
language.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from game.report.debrief import METERS, GameReport
from game.report.files import write_page

#: The format of the JSON document (raised when a column changes its meaning).
DATA_FORMAT = 1

MONTH_COLUMNS = ["game_id", "turn", "month", *(m.replace(".", "_") for m in METERS)]
DECISION_COLUMNS = ["game_id", "turn", "month", "who", "player", "kind", "id", "title",
                    "news", "historical_id", "historical_title", "as_history"]
LEDGER_COLUMNS = ["game_id", "turn", "month", "meter", "delta", "before", "after", "cause",
                  "cause_words"]


def month_rows(report: GameReport) -> list[dict[str, Any]]:
    """The meters at the start (turn 0) and at the end of each month played."""
    first = report.months[0].month if report.months else ""
    rows = [{"game_id": report.game_id, "turn": 0, "month": first,
             **{m.replace(".", "_"): report.start[m] for m in METERS}}]
    for month in report.months:
        rows.append({"game_id": report.game_id, "turn": month.turn, "month": month.month,
                     **{m.replace(".", "_"): month.meters[m] for m in METERS}})
    return rows


def _yes(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def decision_rows(report: GameReport) -> list[dict[str, Any]]:
    """Every decision: each leader's card (or hold) and option on the news, and each of
    the facilitator's actions, month by month."""
    players = {p.side: p.kind for p in report.players}
    rows: list[dict[str, Any]] = []
    for month in report.months:
        base = {"game_id": report.game_id, "turn": month.turn, "month": month.month}
        for item in month.news:
            for d in item.decisions:
                rows.append({**base, "who": d.side, "player": players[d.side], "kind": "option",
                             "id": d.option, "title": d.label, "news": item.event,
                             "historical_id": "" if d.historical is None else d.historical,
                             "historical_title": d.historical_label or "",
                             "as_history": _yes(None if d.historical is None
                                                else d.option == d.historical)})
        for move in month.moves:
            rows.append({**base, "who": move.side, "player": players[move.side],
                         "kind": "card" if move.card else "hold", "id": move.card or "",
                         "title": move.title, "news": "",
                         "historical_id": (move.historical or "") if move.compared else "",
                         "historical_title": move.historical_title or "",
                         "as_history": _yes(move.as_history if move.compared else None)})
        for action in month.facilitator:
            rows.append({**base, "who": "facilitator", "player": "facilitator",
                         "kind": action.kind, "id": action.event or "", "title": action.title,
                         "news": "", "historical_id": "", "historical_title": "",
                         "as_history": ""})
    return rows


def ledger_rows(report: GameReport) -> list[dict[str, Any]]:
    """Every change of the game, in order."""
    return [{"game_id": report.game_id, "turn": c.turn, "month": c.month, "meter": c.meter,
             "delta": c.delta, "before": c.before, "after": c.after, "cause": c.cause,
             "cause_words": c.cause_words} for c in report.ledger]


def csv_text(columns: list[str], rows: list[dict[str, Any]]) -> str:
    """Rows as CSV text (a header line first; Excel opens it as UTF-8 thanks to a BOM)."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def write_csv(report: GameReport, folder: Path) -> list[Path]:
    """`ledger.csv`, `months.csv` and `decisions.csv` in `folder` (made if missing)."""
    written = []
    for name, columns, rows in (("months.csv", MONTH_COLUMNS, month_rows(report)),
                                ("decisions.csv", DECISION_COLUMNS, decision_rows(report)),
                                ("ledger.csv", LEDGER_COLUMNS, ledger_rows(report))):
        path = folder / name
        write_page(path, csv_text(columns, rows))
        written.append(path)
    return written


def report_json(report: GameReport) -> dict[str, Any]:
    """The game's data as one JSON document: the same tables, with the game and its
    outcome."""
    outcome = report.outcome
    return {
        "format": DATA_FORMAT,
        "game": {"game_id": report.game_id, "label": report.label,
                 "scenario": report.scenario, "scenario_title": report.scenario_title,
                 "seed": report.seed, "created": report.created, "updated": report.updated,
                 "game_version": report.game_version, "packs": report.packs,
                 "players": {p.side: {"leader": p.leader, "kind": p.kind, "agent": p.agent}
                             for p in report.players},
                 "turns": report.turns, "months_played": len(report.months),
                 "over": report.over},
        "outcome": None if outcome is None else {
            "id": outcome.id, "kind": outcome.kind, "title": outcome.title,
            "turn": outcome.turn, "standing": outcome.standing},
        "months": month_rows(report),
        "decisions": decision_rows(report),
        "ledger": ledger_rows(report),
        "questions": [{"stage": q.stage, "text": q.text} for q in report.questions],
        "notes": report.notes,
    }


def json_text(report: GameReport) -> str:
    """`report_json` written out (UTF-8, indented)."""
    return json.dumps(report_json(report), ensure_ascii=False, indent=1) + "\n"


CLASS_COLUMNS = ["file", "label", "scenario", "seed", *DECISION_COLUMNS]


def class_decision_rows(tables: list[tuple[str, GameReport]]) -> list[dict[str, Any]]:
    """Every decision of every player of many games (each named by its file), one
    spreadsheet for the class."""
    return [{"file": name, "label": report.label, "scenario": report.scenario,
             "seed": report.seed, **row}
            for name, report in tables for row in decision_rows(report)]
