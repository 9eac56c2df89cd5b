"""A report of a game in progress or just ended, written beside the saves (the window's
end screen and the server's pages use it): the session's save, read as any save is."""

from __future__ import annotations

import json
from pathlib import Path

from game.persistence.files import atomic_write
from game.persistence.format import SaveFile
from game.report.debrief import GameReport, game_report
from game.report.html import report_html
from game.session import Session


def session_report(session: Session, label: str = "") -> GameReport:
    """The debrief of a session's game as it stands."""
    data = json.loads(json.dumps(session.to_save(label or session.label)))
    return game_report(session.engine.content, SaveFile.model_validate(data))


def write_session_report(session: Session, folder: Path) -> Path:
    """The session's report as an HTML file in `folder` (made if missing), named after
    the game; OSError when it cannot be written."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"report-{session.game_id}.html"
    atomic_write(path, report_html(session_report(session)).encode("utf-8"))
    return path
