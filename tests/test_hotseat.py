"""Two people at one terminal: a whole game, each seat in its own language, the computer
handed over between them with the last player's screen cleared, and the saves, loads and
rematches of a game against the computer."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

from game import i18n
from game.cli import main
from game.content import load_game_content
from game.core.state import SIDES
from game.hotseat import CLEAR, HotSeatGame
from game.session import Session

#: Enter at a handover, a number at a decision or a card, `h` when card 1 cannot be played.
ANSWERS = "\n1\nh\n" * 400


def play(args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
         answers: str = ANSWERS) -> str:
    monkeypatch.setattr("sys.stdin", io.StringIO(answers))
    with contextlib.suppress(SystemExit):
        assert main(args) == 0
    return capsys.readouterr().out


def test_a_hotseat_game_is_played_to_the_end_each_seat_in_its_language(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    out = play(["text", "--hotseat", "--trump-lang", "es", "--seed", "3",
                "--save-dir", str(tmp_path)], monkeypatch, capsys)
    assert out.splitlines()[-1].startswith("Outcome: ")
    # each seat is asked for its card in its own language, the shared screens in the game's
    assert out.count("Your card (") >= 1 and out.count("Tu carta (") >= 1
    assert "Pass the computer to the player of AMLO" in out
    assert "Pasa la computadora a quien juega con Trump" in out
    spanish = i18n.translator_for("es")
    content = load_game_content().content
    assert content is not None
    trump_titles = {spanish.pgettext(f"cards.{c.id}.title", c.title)
                    for c in content.cards.values() if c.side == "trump"}
    assert any(title in out for title in trump_titles - {c.title for c in
                                                         content.cards.values()})
    save = json.loads(next(tmp_path.glob("autosave-*.json")).read_text(encoding="utf-8"))
    assert {side["kind"] for side in save["header"]["sides"].values()} == {"human"}


def test_the_screen_is_cleared_before_the_computer_changes_hands() -> None:
    """On a terminal, each handover clears the screen and its scrollback first, so the
    next player cannot read or scroll back to the last one's hand."""
    content = load_game_content().content
    assert content is not None

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    out = Terminal()
    session = Session.new(content, "full_term", 3, {})
    game = HotSeatGame(session, {side: i18n.current() for side in SIDES},
                       io.StringIO("\n1\nh\n" * 12), out)
    game.run()
    text = out.getvalue()
    handovers = text.split("Pass the computer to the player of ")[1:]
    assert len(handovers) >= 4
    before = text.split("Pass the computer to the player of ")
    assert all(chunk.endswith(CLEAR) for chunk in before[:-1])
    # between Trump's handover and the reveal, nothing of AMLO's hand is left on screen
    amlo_titles = [content.cards[c].title for c in session.engine.content.cards
                   if content.cards[c].side == "amlo"]
    trump_turn = handovers[1].split(CLEAR)[0]
    assert not any(title in trump_turn for title in amlo_titles)


def test_a_seat_cannot_take_back_a_decision_the_other_has_seen(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    out = play(["text", "--hotseat", "--seed", "3", "--save-dir", str(tmp_path)],
               monkeypatch, capsys, "\n1\n\n1\n\nu\nq\n")
    assert "Decision undone." not in out
    assert "Please type a number from 1 to" in out


def test_a_hotseat_save_continues_and_rematches_as_hotseat(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    out = play(["text", "--hotseat", "--seed", "3", "--save-dir", str(tmp_path)],
               monkeypatch, capsys, "\n1\nh\n" * 6 + "q\n")
    assert "You left the game at turn" in out
    save = next(tmp_path.glob("autosave-*.json"))
    resumed = play(["text", "--load", str(save), "--save-dir", str(tmp_path)], monkeypatch,
                   capsys)
    assert resumed.startswith("Game loaded:") and "Pass the computer" in resumed
    assert resumed.splitlines()[-1].startswith("Outcome: ")
    rematch = play(["text", "--rematch", str(save), "--save-dir", str(tmp_path)],
                   monkeypatch, capsys)
    assert "Two players, one computer" in rematch
    assert rematch.splitlines()[-1].startswith("Outcome: ")


def test_an_unknown_seat_language_is_a_usage_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["text", "--hotseat", "--amlo-lang", "xx", "--save-dir", str(tmp_path)])
    assert stopped.value.code == 2
    assert "--amlo-lang: no translation into 'xx'" in capsys.readouterr().err


def test_each_players_language_is_kept_in_the_save(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """A game of two, each in his language, left and loaded again: each seat still in
    his own, without the flags; a rematch gives each player his language on the other
    side."""
    play(["text", "--hotseat", "--trump-lang", "es", "--seed", "3", "--save-dir",
          str(tmp_path)], monkeypatch, capsys, "\n1\nh\n" * 4 + "q\n")
    save = next(tmp_path.glob("autosave-*.json"))
    sides = json.loads(save.read_text(encoding="utf-8"))["header"]["sides"]
    assert sides["trump"] == {"kind": "human", "lang": "es"}
    assert sides["amlo"] == {"kind": "human", "lang": "en"}
    resumed = play(["text", "--load", str(save), "--save-dir", str(tmp_path)], monkeypatch,
                   capsys, "\n1\nh\n" * 8 + "q\n")
    assert "Pasa la computadora a quien juega con Trump" in resumed
    assert "Pass the computer to the player of AMLO" in resumed
    from game.persistence.store import read_save

    loaded = Session.from_save(load_game_content().content, read_save(save))  # type: ignore[arg-type]
    assert loaded.languages == {"amlo": "en", "trump": "es"}
    assert loaded.rematch().languages == {"amlo": "es", "trump": "en"}
