"""A month a student can read: the default terminal game's length, counted.

A reader of 16 reads about 200 words a minute: 300 words is a minute and a half a
month. The player here answers like a student would: the first option on the news,
and a card or a hold in turn.
"""

from __future__ import annotations

import io
import re
import tempfile

import pytest

from game.content import load_game_content
from game.core.orders import Rejected
from game.session import Session
from game.textui import TextGame


class Student(io.TextIOBase):
    """Answers the prompts it is shown: the first option on the news; else the second
    card in two months of three, holding in the third."""

    def __init__(self, out: io.StringIO) -> None:
        self.out = out
        self.answers = 0

    def readline(self, size: int | None = -1) -> str:
        self.answers += 1
        if self.answers > 400:
            return ""  # a runaway game ends as end of input does
        if "Choose" in self.out.getvalue()[-80:]:
            return "1\n"
        return "2\n" if self.answers % 3 else "h\n"


def months_of(seed: int, side: str, **options: object) -> tuple[list[tuple[int, int]], str]:
    """Each month's (lines, words) in a terminal game against the normal opponent."""
    content = load_game_content().content
    assert content is not None
    out = io.StringIO()
    other = "trump" if side == "amlo" else "amlo"
    session = Session.new(content, "full_term", seed, {other: "normal"},
                          save_dir=tempfile.mkdtemp(prefix="ua-test-"), autosave=False)
    TextGame(session, side, Student(out), out, **options).run()  # type: ignore[arg-type]
    text = out.getvalue()
    months = re.split(r"\n=== Turn \d+ of \d+", text)[1:]
    return [(m.count("\n"), words(m)) for m in months], text


def words(text: str) -> int:
    """Words as a reader counts them: marks such as · → — are not words."""
    return sum(1 for token in text.split() if any(c.isalnum() for c in token))


def test_a_default_month_is_at_most_40_lines_and_300_words_on_average() -> None:
    counts: list[tuple[int, int]] = []
    for seed in range(1, 5):
        for side in ("amlo", "trump"):
            months, text = months_of(seed, side)
            assert text.rstrip().splitlines()[-1].startswith("Outcome: ")
            counts += months
    lines = sum(c[0] for c in counts) / len(counts)
    words = sum(c[1] for c in counts) / len(counts)
    assert lines <= 40 and words <= 300, (lines, words)


def test_verbose_gives_the_whole_ledger_and_every_story() -> None:
    short, _ = months_of(2, "amlo")
    full, text = months_of(2, "amlo", verbose=True)
    assert sum(w for _l, w in full) > 1.5 * sum(w for _l, w in short)
    assert "Background: " in text and "What changed and why:" in text
    assert re.search(r"^    .+ [+-]\d+ \(\d+ → \d+\) — ", text, re.M)


@pytest.mark.parametrize("side", ["amlo", "trump"])
def test_no_rule_jargon_in_a_default_month(side: str) -> None:
    _months, text = months_of(3, side)
    for jargon in ("standing offer", "(reciprocal)", "(lookahead)", "interaction:"):
        assert jargon not in text, jargon


def test_when_both_hold_each_is_told_what_holding_banked() -> None:
    from game.core.orders import ChooseOption, Hold
    from game.core.state import CHOICE

    content = load_game_content().content
    assert content is not None
    session = Session.new(content, "full_term", 3, {"trump": "normal"},
                          save_dir=tempfile.mkdtemp(prefix="ua-test-"), autosave=False)
    session.begin_turn()
    while session.state.phase == CHOICE:
        for side in list(session.state.pending):
            session.choose(ChooseOption(side, 0))
    out = io.StringIO()
    game = TextGame(session, "amlo", io.StringIO(), out)
    result = session.engine.resolve(session.state, {"amlo": Hold("amlo"),
                                                    "trump": Hold("trump")})
    assert not isinstance(result, Rejected)
    game.reveal(result)
    text = out.getvalue()
    assert "You held: AMLO capital +1" in text and "Trump held: Trump capital +1" in text
