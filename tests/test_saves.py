"""Saves that never lose a game: round trips, bad files, crashes mid-save, replay, fork, undo."""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.cli import main
from game.content import load_game_content
from game.core.orders import ChooseOption, Hold
from game.core.replay import first_difference, replay
from game.core.state import OVER, UPKEEP
from game.models.bundle import Content
from game.persistence import migrations
from game.persistence.files import atomic_write, encode
from game.persistence.format import SAVE_FORMAT
from game.persistence.store import SaveProblem, list_saves, read_save
from game.session import Session, check_content

FIXTURES = Path(__file__).parent / "fixtures" / "saves"


@pytest.fixture(scope="module")
def content() -> Content:
    loaded = load_game_content().content
    assert loaded is not None
    return loaded


def dump(session: Session) -> str:
    return json.dumps(session.state.to_json(), sort_keys=True)


def finish(session: Session) -> Session:
    """Play to the end with the session's agents (both sides computer-played)."""
    while not session.over:
        if session.state.phase == UPKEEP:
            session.begin_turn()
        session.resolve({})
    return session


def advance(session: Session, turns: int, stop_phase: str) -> None:
    """Play `turns` whole turns, then open the next one and stop at `stop_phase`."""
    for _ in range(turns):
        if session.over:
            return
        session.begin_turn()
        session.resolve({})
    if not session.over and stop_phase != UPKEEP:
        session.begin_turn()


@pytest.mark.parametrize("seed", range(24))
def test_save_load_continue_equals_playing_straight_through(
    content: Content, tmp_path: Path, seed: int
) -> None:
    agents = {"amlo": ("random", "greedy", "reciprocal")[seed % 3], "trump": "reciprocal"}
    straight = finish(Session.new(content, "full_term", seed, agents))
    interrupted = Session.new(content, "full_term", seed, agents, save_dir=tmp_path)
    advance(interrupted, seed % 11, (UPKEEP, "policy")[seed % 2])
    path = interrupted.save("midgame")
    assert path is not None
    loaded = Session.from_save(content, read_save(path))
    assert dump(loaded) == dump(interrupted)
    assert dump(finish(loaded)) == dump(straight)
    assert loaded.orders == straight.orders


def test_autosave_after_every_turn(content: Content, tmp_path: Path) -> None:
    session = Session.new(content, "full_term", 5, {"amlo": "greedy", "trump": "greedy"},
                          save_dir=tmp_path, autosave=True)
    session.begin_turn()
    session.resolve({})
    path = tmp_path / f"autosave-{session.game_id}.json"
    assert read_save(path).header.turn == 2
    session.begin_turn()
    session.resolve({})
    assert read_save(path).header.turn == 3
    assert read_save(path.with_name(path.name + ".bak")).header.turn == 2


def test_autosave_failure_does_not_stop_the_game(content: Content, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the save folder should be")
    session = Session.new(content, "full_term", 5, {"amlo": "random", "trump": "random"},
                          save_dir=blocker, autosave=True)
    session.begin_turn()
    assert not isinstance(session.resolve({}), type(None))
    assert session.last_save_error is not None and "could not save" in session.last_save_error
    assert session.state.turn == 2


# ------------------------------------------------------------------ bad saves


def good_save(content: Content, folder: Path) -> Path:
    session = Session.new(content, "full_term", 9, {"trump": "greedy"}, save_dir=folder)
    session.begin_turn()
    while session.state.pending:
        session.choose(ChooseOption("amlo", 0))
    session.resolve({"amlo": Hold("amlo")})
    path = session.save("good")
    assert path is not None
    return path


def corrupt(path: Path, how: str) -> None:
    raw = json.loads(path.read_text())
    if how == "truncated":
        path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])
        return
    if how == "not-json":
        path.write_text("<html>this is not a save</html>")
        return
    if how == "wrong-types":
        raw["state"]["meters"]["trust"] = "high"
    elif how == "unknown-format":
        raw["header"]["format"] = 0
    elif how == "newer":
        raw["header"]["format"] = SAVE_FORMAT + 1
        raw["header"]["game_version"] = "9.0.0"
    elif how == "missing-pack":
        raw["header"]["packs"].append({"id": "extra_mod", "version": "1.0"})
    elif how == "changed":
        raw["header"]["fingerprint"] = "0000000000000000"
    path.write_text(json.dumps(raw))


BAD = [
    ("truncated", "is damaged: it is cut short"),
    ("not-json", "is damaged: it is cut short or is not a save (not valid JSON)"),
    ("wrong-types", "is damaged: state.meters.trust"),
    ("unknown-format", "its format 0 is unknown"),
    ("newer", "was made by Unlikely Allies 9.0.0, newer than this one"),
    ("missing-pack", "it needs the pack(s) extra_mod, which are not loaded"),
    ("changed", "the game's content has changed since it was saved"),
]


@pytest.mark.parametrize(("how", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_save_gives_one_clear_sentence_and_is_left_untouched(
    content: Content, tmp_path: Path, how: str, message: str
) -> None:
    path = good_save(content, tmp_path / "saves")
    corrupt(path, how)
    before = path.read_bytes()
    stamp = path.stat().st_mtime_ns
    done = subprocess.run(
        [sys.executable, "-m", "game", "text", "--load", str(path), "--save-dir",
         str(tmp_path / "saves"), "--on-content-change", "refuse"],
        input="1\nh\n", capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, done.stdout + done.stderr
    assert message in done.stderr, done.stderr
    assert str(path) in done.stderr
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) <= 2
    assert path.read_bytes() == before and path.stat().st_mtime_ns == stamp


def test_changed_content_can_be_loaded_with_a_warning(content: Content, tmp_path: Path) -> None:
    path = good_save(content, tmp_path)
    corrupt(path, "changed")
    done = subprocess.run(
        [sys.executable, "-m", "game", "text", "--load", str(path), "--save-dir", str(tmp_path),
         "--on-content-change", "load"], input="q\n", capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "Warning:" in done.stderr and "Game loaded" in done.stdout


def test_changed_content_can_be_replayed_from_the_order_log(
    content: Content, tmp_path: Path
) -> None:
    path = good_save(content, tmp_path)
    corrupt(path, "changed")
    save = read_save(path)
    assert check_content(save, content) is not None
    session = Session.from_save(content, save, mode="replay")
    original = json.loads(path.read_text())["state"]
    assert first_difference(json.loads(json.dumps(session.state.to_json())), original) is None


def test_changed_content_without_a_choice_is_refused_off_a_terminal(
    content: Content, tmp_path: Path
) -> None:
    path = good_save(content, tmp_path)
    corrupt(path, "changed")
    done = subprocess.run([sys.executable, "-m", "game", "text", "--load", str(path)],
                          input="", capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "--on-content-change" in done.stderr


def test_listing_saves_reports_damaged_files_without_failing(
    content: Content, tmp_path: Path
) -> None:
    good = good_save(content, tmp_path)
    (tmp_path / "broken.json").write_text("{")
    saves, problems = list_saves(tmp_path)
    assert [s.path for s in saves] == [good]
    assert len(problems) == 1 and "broken.json" in problems[0].message


# ------------------------------------------------------------------ crashes mid-save


def _save_forever(folder: str, ready: multiprocessing.synchronize.Event) -> None:
    """Child: write ever-growing saves of one game to the same file, as fast as it can."""
    loaded = load_game_content().content
    assert loaded is not None
    session = Session.new(loaded, "full_term", 3, {"amlo": "random", "trump": "random"})
    target = Path(folder) / "game.json"
    session.begin_turn()
    atomic_write(target, encode(session.to_save("v")))
    ready.set()
    n = 0
    while True:
        n += 1
        data = session.to_save(f"v{n}")
        data["header"]["label"] = f"v{n}" + "x" * (n % 5000)  # sizes vary from save to save
        atomic_write(target, encode(data))


def test_a_process_killed_while_saving_never_leaves_a_broken_save(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("fork")
    rng = random.Random(1)
    kills = 0
    labels: set[str] = set()
    for round_ in range(210):
        folder = tmp_path / f"r{round_ % 3}"
        folder.mkdir(exist_ok=True)
        ready = ctx.Event()
        child = ctx.Process(target=_save_forever, args=(str(folder), ready), daemon=True)
        child.start()
        assert ready.wait(30), "the child never saved"
        time.sleep(rng.uniform(0, 0.02))
        os.kill(child.pid or 0, signal.SIGKILL)
        child.join(10)
        kills += 1
        save = read_save(folder / "game.json")  # raises if broken
        labels.add(save.header.label[:3])
    assert kills >= 200
    assert len(labels) > 10  # the kills landed at many different points


# ------------------------------------------------------------------ formats


def test_every_past_format_fixture_loads() -> None:
    fixtures = sorted(FIXTURES.glob("format-*.json"))
    assert {int(p.stem.split("-")[1]) for p in fixtures} == set(range(1, SAVE_FORMAT + 1))
    for path in fixtures:
        save = read_save(path)
        assert save.header.format == SAVE_FORMAT
        assert save.header.scenario == "full_term" and save.header.turn == 5


def test_migrations_run_step_by_step(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = json.loads((FIXTURES / "format-1.json").read_text())
    seen: list[int] = []

    def one_to_two(data: dict[str, object]) -> dict[str, object]:
        seen.append(1)
        return data

    def two_to_three(data: dict[str, object]) -> dict[str, object]:
        seen.append(2)
        header = data["header"]
        assert isinstance(header, dict) and header["format"] == 2
        return data

    monkeypatch.setitem(migrations.MIGRATIONS, 1, one_to_two)
    monkeypatch.setitem(migrations.MIGRATIONS, 2, two_to_three)
    out = migrations.migrate(raw, target=3)
    assert seen == [1, 2] and out["header"]["format"] == 3
    with pytest.raises(migrations.MigrationError, match="no way to upgrade format 3"):
        migrations.migrate(out, target=4)


# ------------------------------------------------------------------ replay, fork, rematch, undo


def test_replay_verify_succeeds_on_autosaves_of_100_games(
    content: Content, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kinds = ("random", "greedy", "reciprocal")
    for seed in range(100):
        session = Session.new(content, "full_term", 1000 + seed,
                              {"amlo": kinds[seed % 3], "trump": kinds[(seed // 3) % 3]},
                              save_dir=tmp_path, autosave=True)
        finish(session)
    autosaves = sorted(tmp_path.glob("autosave-*.json"))
    assert len(autosaves) == 100
    for path in autosaves:
        assert main(["replay", str(path), "--verify"]) == 0, capsys.readouterr().out
    assert capsys.readouterr().out.count("VERIFIED") == 100


def test_replay_verify_reports_the_first_difference(content: Content, tmp_path: Path) -> None:
    path = good_save(content, tmp_path)
    raw = json.loads(path.read_text())
    raw["state"]["meters"]["trust"] += 1
    path.write_text(json.dumps(raw))
    done = subprocess.run([sys.executable, "-m", "game", "replay", str(path), "--verify"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "MISMATCH" in done.stdout and "state.meters.trust" in done.stdout


def test_replay_to_a_turn(content: Content, tmp_path: Path) -> None:
    session = finish(Session.new(content, "full_term", 77, {"amlo": "greedy", "trump": "random"},
                                 save_dir=tmp_path))
    path = session.save("done")
    done = subprocess.run([sys.executable, "-m", "game", "replay", str(path), "--to", "3"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "turn 4:" in done.stdout


def test_fork_from_a_turn_keeps_the_past_and_starts_a_new_game(
    content: Content, tmp_path: Path
) -> None:
    session = finish(Session.new(content, "full_term", 31, {"trump": "greedy",
                                                            "amlo": "reciprocal"}))
    del session.agents["amlo"]  # the human's side
    path = session.save("played", tmp_path / "played.json")
    assert path is not None
    fork = Session.from_save(content, read_save(path), from_turn=6)
    assert fork.state.turn == 6 and fork.state.phase == UPKEEP
    assert fork.forked_from == session.game_id and fork.game_id != session.game_id
    assert all(o["turn"] < 6 for o in fork.orders)
    expected = replay(fork.engine, 31, [o for o in session.orders if o["turn"] < 6], to_turn=5)
    assert json.dumps(fork.state.to_json()) == json.dumps(expected.to_json())


def test_fork_from_the_command_line(content: Content, tmp_path: Path) -> None:
    path = good_save(content, tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "game", "text", "--load", str(path), "--from-turn", "1",
         "--save-dir", str(tmp_path)], input="q\n", capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "Turn 1 of 24" in done.stdout


def test_rematch_switches_sides_with_the_same_seed(content: Content, tmp_path: Path) -> None:
    path = good_save(content, tmp_path)  # the human played AMLO against a greedy Trump
    done = subprocess.run(
        [sys.executable, "-m", "game", "text", "--rematch", str(path), "--save-dir",
         str(tmp_path)], input="q\n", capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "You are Donald J. Trump" in done.stdout and "(greedy)" in done.stdout
    assert "Seed 9:" in done.stdout
    session = Session.new(content, "full_term", 9, {"trump": "greedy"})
    again = session.rematch()
    assert again.humans() == ["trump"] and again.agents["amlo"].kind == "greedy"
    assert again.state.seed == 9


def test_undo_takes_back_the_decision_before_the_turn_resolves(content: Content) -> None:
    for seed in range(40):
        session = Session.new(content, "full_term", seed, {"trump": "reciprocal"})
        session.begin_turn()
        if "amlo" in session.state.pending:
            break
    else:
        pytest.fail("no seed gave AMLO a decision on turn 1")
    before, log = dump(session), list(session.orders)
    assert session.choose(ChooseOption("amlo", 0)) is None
    assert dump(session) != before and session.can_undo()
    assert session.undo()
    assert dump(session) == before and session.orders == log
    assert not session.can_undo() and not session.undo()
    session.choose(ChooseOption("amlo", 0))
    session.resolve({"amlo": Hold("amlo")})
    assert not session.undo()  # resolved: too late


def test_no_undo_in_hot_seat(content: Content) -> None:
    session = Session.new(content, "full_term", 1, {})
    session.begin_turn()
    for side in list(session.state.pending):
        session.choose(ChooseOption(side, 0))
    assert not session.can_undo()


def test_save_is_small_and_finished_game_replays(content: Content, tmp_path: Path) -> None:
    session = finish(Session.new(content, "full_term", 4, {"amlo": "greedy",
                                                           "trump": "reciprocal"}))
    path = session.save("done", tmp_path / "done.json")
    assert path is not None and path.stat().st_size < 200_000
    assert read_save(path).header.phase == OVER


def test_missing_save_file(tmp_path: Path) -> None:
    with pytest.raises(SaveProblem, match="There is no save file at"):
        read_save(tmp_path / "nope.json")
