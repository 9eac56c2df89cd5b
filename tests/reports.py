"""Saved games for the report tests, the browser's look at reports and their benchmark:
whole games played by the computer, one side kept as a person's, with the facilitator's
news if asked."""

from __future__ import annotations

import random
from pathlib import Path

from game.core.state import UPKEEP
from game.models.bundle import Content
from game.session import Session

#: The kinds of computer player a simulated class is made of.
KINDS = ("reciprocal", "greedy", "historical", "hawk")
#: News a facilitator writes on the spot in the example game.
WRITTEN = {"title": "Governors meet at the border", "text": "They ask both capitals to talk.",
           "effects": [{"kind": "meter", "meter": "trust", "delta": 5}]}


def played(content: Content, path: Path, seed: int = 12, amlo: str = "greedy",
           trump: str = "historical", human: str | None = "amlo",
           scenario: str = "full_term", facilitator: bool = False,
           stop_at: int | None = None, label: str = "") -> Path:
    """A game played to its end by the computer and saved to `path`; `human`'s side is
    then written as a person's. With `facilitator`, news is sent in month 5 and written
    in month 9; with `stop_at`, the facilitator ends the game in that month."""
    session = Session.new(content, scenario, seed, {"amlo": amlo, "trump": trump})
    while not session.over:
        if session.state.phase == UPKEEP:
            session.begin_turn()
        turn = session.state.turn
        if facilitator and turn == 5:
            assert session.inject("ev_tariff_threat") is None
        if facilitator and turn == 9:
            assert session.inject("facilitator_1", WRITTEN) is None
        if stop_at == turn:
            assert session.stop() is None
        session.resolve({})
    if human is not None:
        del session.agents[human]
    saved = session.save(label or path.stem, path)
    assert saved is not None, session.last_save_error
    return saved


def a_class(content: Content, folder: Path, games: int = 30, seed: int = 12) -> list[Path]:
    """`games` games of the full term on one seed, as a class of tables would play them
    (computer players of several kinds, the same every time)."""
    folder.mkdir(parents=True, exist_ok=True)
    pick = random.Random(games)
    return [played(content, folder / f"table-{n}.json", seed=seed, amlo=pick.choice(KINDS),
                   trump=pick.choice(KINDS), human=None, label=f"Table {n}")
            for n in range(1, games + 1)]
