"""A report of a game in progress or just ended, written beside the saves (the window's
end screen and the server's pages use it): the session's save, read as any save is."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from game.persistence.format import SaveFile
from game.report.debrief import GameReport, game_report
from game.report.html import report_html
from game.session import Session


def write_page(path: Path, text: str) -> None:
    """Write a report's text whole or not at all (a new file, then renamed over the old
    one; unlike a save, no backup is kept: a report is made again from its save)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8", newline="")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def as_save(data: dict[str, Any]) -> SaveFile:
    """A save's data made in this process (a session's, a server table's), read as any
    save file is: through JSON, so its tuples are lists and its checks are the file's."""
    return SaveFile.model_validate(json.loads(json.dumps(data)))


def session_report(session: Session, label: str = "") -> GameReport:
    """The debrief of a session's game as it stands."""
    return game_report(session.engine.content, as_save(session.to_save(label or
                                                                     session.label)))


def write_session_report(session: Session, folder: Path) -> Path:
    """The session's report as an HTML file in `folder` (made if missing), named after
    the game; OSError when it cannot be written."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"report-{session.game_id}.html"
    write_page(path, report_html(session_report(session)))
    return path
