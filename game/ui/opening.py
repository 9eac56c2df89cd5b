"""Opening a saved game in the window: the game's screens for it, or one sentence on
the screen that asked saying why it cannot be opened."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from game import i18n
from game.core.replay import ReplayError
from game.i18n import _
from game.persistence.store import SaveProblem, read_save
from game.session import ContentMismatch, Session, check_content
from game.ui.app import App
from game.ui.router import Reset, Transition
from game.ui.scene import Scene
from game.wording import replay_error_text


def open_save(app: App, path: Path) -> Transition[Scene] | None:
    """A game scene for a save; on a problem, None, and why on the current scene."""
    try:
        save = read_save(path)
        mismatch = check_content(save, app.content)
        mode: Literal["load", "replay"] = (
            "replay" if mismatch is not None and mismatch.kind == "changed" else "load")
        if mismatch is not None and mismatch.kind == "missing":
            raise mismatch
        session = Session.from_save(app.content, save, mode=mode, save_dir=app.save_dir,
                                    autosave=True)
    except SaveProblem as problem:
        app.scene.notice = problem.briefly()  # one sentence that names the file
        app.dirty = True
        return None
    except (ContentMismatch, ReplayError) as exc:
        why = exc.message if isinstance(exc, ContentMismatch) else replay_error_text(exc)
        app.scene.notice = _("Cannot load {path}: {why}").format(path=path.name, why=why)
        app.dirty = True
        return None
    humans = session.humans()
    if len(humans) == 2:  # two at one computer: each seat in the language it chose
        voices = {side: i18n.translator_for(code, app.loader.packs)
                  for side, code in session.languages.items()
                  if code != i18n.language() and code in i18n.available()}
        return Reset(app.make("game", session, humans[0], voices))
    return Reset(app.make("game", session, humans[0] if humans else "amlo"))
