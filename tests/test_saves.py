"""Saves that never lose a game: round trips, bad files, crashes mid-save, replay, fork, undo."""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import re
import signal
import stat
import subprocess
import sys
import threading
from collections import Counter
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, get_args

import pytest

from game import i18n
from game.cli import main
from game.core.orders import ChooseOption, Hold
from game.core.replay import replay
from game.core.state import FRONTS, OVER, UPKEEP
from game.core.turn import TurnResolved
from game.models.bundle import Content
from game.models.content import STATE_METERS
from game.persistence import migrations
from game.persistence.files import STAGES, atomic_write, encode
from game.persistence.format import SAVE_FORMAT, Agreements, LedgerMeter, Meters, StateMeter
from game.persistence.store import (
    MAX_SAVE_BYTES,
    RESERVED_NAMES,
    DamagedSave,
    SaveProblem,
    clean_label,
    list_saves,
    read_bytes,
    read_save,
)
from game.session import ContentMismatch, Session, check_content
from tests.profiles import examples

FIXTURES = Path(__file__).parent / "fixtures" / "saves"


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
    assert isinstance(session.resolve({}), TurnResolved)
    assert session.last_save_error is not None and "could not save" in session.last_save_error
    assert session.state.turn == 2
    session.begin_turn()  # the game goes on, and keeps saying why it cannot save
    assert isinstance(session.resolve({}), TurnResolved)
    assert session.state.turn == 3 and "could not save" in (session.last_save_error or "")


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
    ("missing-pack", "it needs the pack extra_mod, which is not loaded"),
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
    from dataclasses import replace

    path = good_save(content, tmp_path)  # AMLO held on turn 1
    raw = json.loads(path.read_text())
    played = raw["state"]["meters"]["capital.amlo"]
    # The rules changed since: holding now banks two more capital than it did.
    changed = replace(content, rules=content.rules.model_copy(
        update={"hold_gain": content.rules.hold_gain + 2}))
    save = read_save(path)
    assert check_content(save, changed) is not None
    replayed = Session.from_save(changed, save, mode="replay")
    assert replayed.state.meters["capital.amlo"] == played + 2  # rebuilt from the orders
    expected = replay(replayed.engine, save.header.seed,
                      [o.model_dump(exclude_none=True) for o in save.orders])
    assert dump(replayed) == json.dumps(expected.to_json(), sort_keys=True)
    loaded = Session.from_save(changed, save, mode="load")  # the saved numbers, as they were
    assert loaded.state.meters["capital.amlo"] == played


def test_changed_content_without_a_choice_is_refused_off_a_terminal(
    content: Content, tmp_path: Path
) -> None:
    path = good_save(content, tmp_path)
    corrupt(path, "changed")
    before = path.read_bytes()
    done = subprocess.run([sys.executable, "-m", "game", "text", "--load", str(path),
                           "--save-dir", str(tmp_path)],
                          input="", capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "--on-content-change" in done.stderr
    assert "Traceback" not in done.stderr and path.read_bytes() == before


def test_listing_saves_reports_damaged_files_without_failing(
    content: Content, tmp_path: Path
) -> None:
    good = good_save(content, tmp_path)
    (tmp_path / "broken.json").write_text("{")
    saves, problems = list_saves(tmp_path)
    assert [s.path for s in saves] == [good]
    assert len(problems) == 1 and "broken.json" in problems[0].message


# ------------------------------------------------------------------ damage named one by one


@pytest.fixture(scope="module")
def finished_save(content: Content, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The bytes of a finished game's save in which AMLO was played by a person."""
    session = finish(Session.new(content, "full_term", 12, {"amlo": "greedy",
                                                            "trump": "reciprocal"}))
    del session.agents["amlo"]
    path = session.save("finished", tmp_path_factory.mktemp("finished") / "finished.json")
    assert path is not None
    return path.read_bytes()


def _damage(raw: dict[str, Any], how: str) -> None:
    """Damage a raw save in the way named `how`."""
    state = raw["state"]
    decided = next(n for n, news in enumerate(state["log"][0]["news"]) if news["choices"])
    if how == "no-choices":
        del state["log"][0]["news"][decided]["choices"]
    elif how == "no-trust":
        del state["meters"]["trust"]
    elif how == "no-standing":
        del state["ending"]["standing"]
    elif how == "no-hand":
        del state["hands"]["amlo"]
    elif how == "trust-9999":
        state["meters"]["trust"] = 9999
    elif how == "trust-as-text":
        state["meters"]["trust"] = "50"
    elif how == "unknown-card":
        state["hands"]["amlo"][1] = "amlo_nope"
    elif how == "unknown-option":
        news = state["log"][0]["news"][decided]
        news["choices"] = {side: 9 for side in news["choices"]}
    elif how == "unknown-event":
        state["log"][0]["news"][decided]["event"] = "ev_nope"


NAMED = [
    ("no-choices", "is damaged: state.log[0].news[0].choices: it is missing."),
    ("no-trust", "is damaged: state.meters.trust: it is missing."),
    ("no-standing", "is damaged: state.ending.standing: it is missing."),
    ("no-hand", "is damaged: state.hands.amlo: it is missing."),
    ("trust-9999", "is damaged: state.meters.trust: 9999 is more than 100."),
    ("trust-as-text", "is damaged: state.meters.trust: it should be a whole number, not '50'."),
    # Found against the content, by the session, in the same words.
    ("unknown-card", "is damaged: state.hands.amlo[1]: 'amlo_nope' is not one of AMLO's "
                     "cards."),
    ("unknown-option", "is damaged: state.log[0].news[0].choices."),
    ("unknown-event", "is damaged: state.log[0].news[0].event: 'ev_nope' is not an event of "
                      "this scenario."),
]


@pytest.mark.parametrize(("how", "message"), NAMED, ids=[n[0] for n in NAMED])
def test_named_damage_is_refused_by_the_terminal_in_one_sentence(
    finished_save: bytes, tmp_path: Path, how: str, message: str
) -> None:
    raw = json.loads(finished_save)
    _damage(raw, how)
    path = tmp_path / "damaged.json"
    path.write_bytes(encode(raw))
    before, stamp = path.read_bytes(), path.stat().st_mtime_ns
    done = subprocess.run(
        [sys.executable, "-m", "game", "text", "--load", str(path), "--save-dir",
         str(tmp_path / "saves")], input="q\n", capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert str(path) in lines[0] and message in lines[0], lines[0]
    assert path.read_bytes() == before and path.stat().st_mtime_ns == stamp
    assert not (tmp_path / "saves").exists() or not any((tmp_path / "saves").iterdir())


def test_damage_against_the_content_is_a_content_change_when_the_content_changed(
    content: Content, finished_save: bytes, tmp_path: Path
) -> None:
    """With other content than the game's, what does not fit may be the content's doing."""
    raw = json.loads(finished_save)
    _damage(raw, "unknown-card")
    path = tmp_path / "damaged.json"
    path.write_bytes(encode(raw))
    with pytest.raises(DamagedSave) as refused:
        Session.from_save(content, read_save(path))
    assert refused.value.message == (f"The save {path} is damaged: state.hands.amlo[1]: "
                                     "'amlo_nope' is not one of AMLO's cards.")
    raw["header"]["fingerprint"] = "0123456789abcdef"
    path.write_bytes(encode(raw))
    save = read_save(path)
    assert check_content(save, content) is not None
    with pytest.raises(ContentMismatch, match="the current content lacks card 'amlo_nope'"):
        Session.from_save(content, save)
    _damage(raw, "unknown-option")
    raw["state"]["hands"]["amlo"][1] = json.loads(finished_save)["state"]["hands"]["amlo"][1]
    path.write_bytes(encode(raw))
    with pytest.raises(ContentMismatch,
                       match=r"does not fit the current content \(state\.log\[0\]\.news\[0\]"
                             r"\.choices"):
        Session.from_save(content, read_save(path))


# ------------------------------------------------------------------ hostile files


def test_a_file_over_the_limit_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.json"
    with open(path, "wb") as handle:
        handle.truncate(8 * 1024**3)  # a sparse file of 8 GB: it would take long to read
    asked: list[int] = []
    real_read = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: asked.append(n) or real_read(fd, n))
    with pytest.raises(SaveProblem, match=r"huge\.json is too large to be a save \(8192\.0 MB; "
                       r"saves are at most 4\.0 MB\)\."):
        read_save(path)
    assert asked == []


def test_no_more_than_the_limit_is_read_from_a_file_that_grows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that says it is small (it grows while being read) is read up to the limit."""
    path = tmp_path / "growing.json"
    path.write_bytes(b" " * 50_000)
    small = os.stat_result((stat.S_IFREG | 0o644, 0, 0, 1, 0, 0, 10, 0, 0, 0))
    monkeypatch.setattr(os, "stat", lambda p, **kw: small)
    monkeypatch.setattr(os, "fstat", lambda fd: small)
    asked: list[int] = []
    real_read = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: asked.append(n) or real_read(fd, n))
    with pytest.raises(SaveProblem, match="too large to be a save"):
        read_bytes(path, limit=1000)
    assert sum(asked) <= 1001


def _in_thread(call: Any) -> Any:
    """Run `call` in a thread and give its result (or exception); fail if it hangs."""
    out: list[Any] = []

    def run() -> None:
        try:
            out.append(call())
        except Exception as exc:
            out.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(30)
    assert not worker.is_alive(), "it hung"
    return out[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_a_folder_or_a_device_named_like_a_save_is_refused_without_hanging(
    tmp_path: Path
) -> None:
    os.mkfifo(tmp_path / "pipe.json")
    (tmp_path / "folder.json").mkdir()
    (tmp_path / "device.json").symlink_to(os.devnull)
    (tmp_path / "loop.json").symlink_to(tmp_path / "loop2.json")
    (tmp_path / "loop2.json").symlink_to(tmp_path / "loop.json")
    expected = {"pipe.json": "it is not a regular file", "folder.json": "it is a folder",
                "device.json": "it is not a regular file", "loop.json": "cannot be read"}
    for name, why in expected.items():
        problem = _in_thread(lambda name=name: read_save(tmp_path / name))
        assert isinstance(problem, SaveProblem) and why in problem.message, problem
        assert problem.kind == "unreadable"


def _with(text: str, part: str, replacement: str) -> bytes:
    """`text` with its first `part` replaced, as bytes."""
    assert part in text
    return text.replace(part, replacement, 1).encode()


HAZARDS: list[tuple[str, Any, str]] = [
    ("long-number", lambda t: _with(t, '"seed": 9', '"seed": ' + "9" * 5000 + ", \"x\": 9"),
     "it holds a number too long to read."),
    ("number-past-the-seed-range", lambda t: _with(t, '"seed": 9', '"seed": ' + "9" * 50),
     "header.seed: 99999999999999999999999999999999999999999999999999 is more than"),
    ("deep-nesting", lambda t: _with(t, '"label": "good"', '"label": ' + "[" * 100_000
                                     + "]" * 100_000), "it is nested too deeply to be a save."),
    ("nan", lambda t: _with(t, '"seed": 9', '"seed": NaN'),
     "it holds NaN, which is not a number a save can hold."),
    ("infinity", lambda t: _with(t, '"seed": 9', '"seed": -Infinity'),
     "it holds -Infinity, which is not a number a save can hold."),
    ("overflowing-float", lambda t: _with(t, '"seed": 9', '"seed": 1e999'),
     "the number 1e999 is too large."),
    ("not-utf-8", lambda t: _with(t, '"label": "good"', '"label": "g@od"').replace(
        b"g@od", b"g\xffod"), "it is not UTF-8 text (at byte"),
    ("utf-16", lambda t: t.encode("utf-16"), "it is not UTF-8 text (at byte 0)."),
    ("duplicate-key", lambda t: _with(t, '"seed": 9', '"seed": 9, "seed": 10'),
     "the key 'seed' appears twice in one object."),
    ("float-for-int", lambda t: _with(t, '"seed": 9', '"seed": 9.0'),
     "header.seed: it should be a whole number, not 9.0."),
    ("bool-for-int", lambda t: _with(t, '"turn": 2', '"turn": true'),
     "header.turn: it should be a whole number, not True."),
    ("control-characters", lambda t: _with(t, '"label": "good"', '"label": "\\u001b[2J"'),
     "header.label: '\\x1b[2J' is not text without control characters."),
    ("unknown-field", lambda t: _with(t, '"seed": 9', '"seed": 9, "cheat": 1'),
     "header.cheat: there is no such field."),
    ("a-list", lambda t: b"[]", "is not an Unlikely Allies save (it has no header)."),
    ("empty", lambda t: b"", "is damaged: it is empty (not valid JSON)."),
]


@pytest.mark.parametrize(("how", "make", "message"), HAZARDS, ids=[h[0] for h in HAZARDS])
def test_json_hazards_are_refused_in_one_sentence(
    content: Content, tmp_path: Path, how: str, make: Any, message: str
) -> None:
    path = good_save(content, tmp_path)
    blob = make(path.read_text())
    path.write_bytes(blob)
    problem = _in_thread(lambda: read_save(path))
    assert isinstance(problem, SaveProblem), problem
    assert message in problem.message and str(path) in problem.message, problem.message
    assert "\n" not in problem.message
    assert path.read_bytes() == blob


def test_long_numbers_are_refused_even_when_python_reads_them_all(
    content: Content, tmp_path: Path
) -> None:
    """With Python's own limit on long numerals lifted, the reader keeps its own."""
    path = good_save(content, tmp_path)
    path.write_bytes(_with(path.read_text(), '"seed": 9', '"seed": ' + "9" * 1_000_000))
    previous = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        problem = _in_thread(lambda: read_save(path))
    finally:
        sys.set_int_max_str_digits(previous)
    assert isinstance(problem, SaveProblem)
    assert "it holds a number with 1000000 digits." in problem.message


def test_a_byte_order_mark_is_allowed(content: Content, tmp_path: Path) -> None:
    path = good_save(content, tmp_path)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert read_save(path).header.label == "good"


RNG_DAMAGE: list[tuple[str, Any, str]] = [
    ("version-2", lambda rng: rng.__setitem__(0, 2), "state.rng[0]: input should be 3"),
    ("short", lambda rng: rng[1].pop(), "state.rng[1]: it has fewer than 625 items"),
    ("word-too-large", lambda rng: rng[1].__setitem__(5, 2**32),
     "state.rng[1][5]: 4294967296 is more than 4294967295"),
    ("negative-word", lambda rng: rng[1].__setitem__(5, -1), "state.rng[1][5]: -1 is less"),
    ("position-past-the-end", lambda rng: rng[1].__setitem__(624, 625),
     "state.rng[1][624]: the generator's position is 625"),
    ("all-zeros", lambda rng: rng.__setitem__(1, [0] * 624 + [624]),
     "state.rng[1]: the generator's state is all zeros"),
    ("gauss-text", lambda rng: rng.__setitem__(2, "0.5"), "state.rng[2]: it should be a number"),
]


@pytest.mark.parametrize(("how", "damage", "message"), RNG_DAMAGE,
                         ids=[r[0] for r in RNG_DAMAGE])
def test_the_random_generator_must_be_one_python_can_restore(
    content: Content, tmp_path: Path, how: str, damage: Any, message: str
) -> None:
    path = good_save(content, tmp_path)
    raw = json.loads(path.read_text())
    damage(raw["state"]["rng"])
    path.write_text(json.dumps(raw))
    with pytest.raises(SaveProblem) as refused:
        read_save(path)
    assert message in refused.value.message


def test_the_format_knows_exactly_the_meters_of_the_rules() -> None:
    """The save format spells out the state's meters: it must follow the models."""
    assert tuple(Meters.__annotations__) == STATE_METERS
    assert get_args(StateMeter) == STATE_METERS
    assert get_args(LedgerMeter) == (*STATE_METERS, *(f"agreement.{f}" for f in FRONTS))
    assert tuple(Agreements.__annotations__) == FRONTS


# ------------------------------------------------------------------ save names


HOSTILE_NAMES = [
    "../x", "../../etc/passwd", "/abs", "/", "..", ".", "", "   ", "\t\n", "x/../../y",
    "..\\..\\windows\\system32", "C:\\temp\\x", "C:", "~/x", "$HOME", "a\x00b", "-rf",
    "x" * 10_000, "é" * 500, "名前" * 200, "🙂" * 100, "\u202eevil", "e\u0301", "．．／x",
    "CON", "con", "NUL", "Nul", "COM1", "com9", "LPT1", "COM¹", "CON.json", "nul.txt",
    "autosave", "autosave-1234", "AUTOSAVE-x", "normal name", "Mañana 2019",
]


@pytest.mark.parametrize("label", HOSTILE_NAMES)
def test_a_save_name_never_leaves_the_save_folder(
    content: Content, tmp_path: Path, label: str
) -> None:
    folder = tmp_path / "saves"
    session = Session.new(content, "full_term", 1, {"trump": "random"}, save_dir=folder)
    target = session.save_path(label)
    assert target.parent == folder
    stem = target.name.removesuffix(".json")
    assert re.fullmatch(r"[\w-]+", stem) and not stem.startswith("-"), stem
    assert stem.upper() not in RESERVED_NAMES
    assert len(stem) <= 60 and len(target.name.encode()) <= 130
    if label != "autosave":
        assert not stem.lower().startswith("autosave")
    written = session.save(label)
    assert written is not None, session.last_save_error
    assert written.resolve().parent == folder.resolve()
    assert sorted(p.name for p in folder.iterdir() if not p.name.endswith(".bak")) == [
        written.name]
    assert read_save(written).header.label == clean_label(label)


def test_a_game_id_from_a_save_cannot_move_the_autosave(content: Content, tmp_path: Path) -> None:
    session = Session.new(content, "full_term", 1, {"trump": "random"}, save_dir=tmp_path)
    session.game_id = "../../../escaped"
    assert session.save_path("autosave").parent == tmp_path
    path = good_save(content, tmp_path)
    raw = json.loads(path.read_text())
    raw["header"]["game_id"] = "../../x"
    path.write_text(json.dumps(raw))
    with pytest.raises(SaveProblem, match=r"header\.game_id: '\.\./\.\./x' is not a game id"):
        read_save(path)


def test_listing_survives_anything_in_the_folder(content: Content, tmp_path: Path) -> None:
    good = good_save(content, tmp_path)
    with open(tmp_path / "huge.json", "wb") as handle:
        handle.truncate(MAX_SAVE_BYTES + 1)
    (tmp_path / "folder.json").mkdir()
    (tmp_path / "broken.json").write_text('{"header": {"format": 1}, "state": 5}')
    (tmp_path / "nested.json").write_text("[" * 50_000)
    (tmp_path / "loop.json").symlink_to(tmp_path / "loop.json")
    (tmp_path / ".good.json.123.tmp").write_bytes(good.read_bytes()[:100])
    (tmp_path / os.fsdecode(b"\xff\x1b[2J.json")).write_bytes(b"\xff")
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.json")
    listed = _in_thread(lambda: list_saves(tmp_path))
    assert not isinstance(listed, Exception), listed
    saves, problems = listed
    assert [s.path for s in saves] == [good]
    assert len(problems) == (7 if hasattr(os, "mkfifo") else 6)
    for problem in problems:
        assert problem.message.isprintable(), problem.message
        assert "\n" not in problem.message


# ------------------------------------------------------------------ crashes mid-save
#
# A child process writes a save with a fault-injection hook in `atomic_write`: when it
# reaches the chosen stage it tells the parent (through a pipe) and blocks for good; the
# parent then kills it with SIGKILL. The kill provably lands at that stage: the child
# cannot move on, and its exit code says it died of the signal. No sleeps, no timing:
# every wait is on a condition, with a generous bound.


@pytest.fixture(scope="module")
def versions(content: Content) -> list[dict[str, Any]]:
    """Saves of one game at each of its turns (5 to 45 KB), as raw data."""
    session = Session.new(content, "full_term", 3, {"amlo": "greedy", "trump": "reciprocal"})
    made = []
    while not session.over:
        if session.state.phase == UPKEEP:
            session.begin_turn()
        made.append(json.loads(encode(session.to_save("v"))))
        session.resolve({})
    return made


def _write_and_stop(target: str, data: bytes, stop_at: str, report: Connection) -> None:
    """Child: write `data` over `target`, stopping for good at stage `stop_at`."""

    def stage(name: str) -> None:
        if name == stop_at:
            report.send(name)
            threading.Event().wait()  # until the parent kills this process

    atomic_write(Path(target), data, stage=stage)
    report.send("finished")


def _kill_at(target: Path, data: bytes, stage: str) -> None:
    """Have a child write `data` over `target` and kill it once it is at `stage`."""
    ctx = multiprocessing.get_context("fork")
    reader, writer = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_write_and_stop, args=(str(target), data, stage, writer),
                        daemon=True)
    child.start()
    writer.close()
    try:
        ready = wait([reader, child.sentinel], timeout=60)
        assert reader in ready, f"the child ended or hung before reaching {stage}"
        assert reader.recv() == stage
    finally:
        if child.pid is not None and child.exitcode is None:
            os.kill(child.pid, signal.SIGKILL)
        child.join(60)
        reader.close()
    assert child.exitcode == -signal.SIGKILL, "the child was not killed at the stage"


def _kill_round(target: Path, version: dict[str, Any], label: str, stage: str) -> None:
    """Kill a save of `version` (labelled `label`) at `stage`; the save stays whole."""
    old = read_save(target).header.label if target.exists() else None
    older_backup = target.with_name(target.name + ".bak")
    data = dict(version, header={**version["header"], "label": label})
    _kill_at(target, encode(data), stage)
    renamed = STAGES.index(stage) >= STAGES.index("renamed")
    if renamed:
        assert read_save(target).header.label == label
    elif old is None:
        assert not target.exists()
    else:
        assert read_save(target).header.label == old  # raises if broken
    if old is not None and STAGES.index(stage) >= STAGES.index("backup-replaced"):
        assert read_save(older_backup).header.label == old
    elif older_backup.exists():
        read_save(older_backup)
    if not renamed:  # the half-done write is still there, and harmless
        assert list(target.parent.glob(f".{target.name}.*.tmp"))
    saves, problems = list_saves(target.parent)
    assert [s.path for s in saves] == ([target] if target.exists() else [])
    assert problems == []


def test_a_process_killed_while_saving_never_leaves_a_broken_save(
    versions: list[dict[str, Any]], tmp_path: Path
) -> None:
    rounds = [(stage, True) for _ in range(3) for stage in STAGES]
    rounds += [(stage, False) for stage in STAGES if not stage.startswith("backup")]
    killed: Counter[str] = Counter()
    for n, (stage, existing) in enumerate(rounds):
        folder = tmp_path / (f"kept{n % 3}" if existing else f"fresh{n}")
        target = folder / "game.json"
        if existing and not target.exists():
            atomic_write(target, encode(dict(versions[0], header={**versions[0]["header"],
                                                                  "label": "first"})))
        _kill_round(target, versions[n % len(versions)], f"k{n}", stage)
        killed[stage] += 1
    assert all(killed[stage] >= 3 for stage in STAGES), killed
    for n in range(3):  # the leftovers of the killed writers do not stop the next save
        target = tmp_path / f"kept{n}" / "game.json"
        atomic_write(target, encode(versions[-1]))
        assert read_save(target).header.turn == versions[-1]["header"]["turn"]


@pytest.mark.slow
def test_many_kills_at_random_stages_never_leave_a_broken_save(
    versions: list[dict[str, Any]], tmp_path: Path
) -> None:
    rng = random.Random(7)
    killed: Counter[str] = Counter()
    for n in range(400):
        folder = tmp_path / f"f{rng.randrange(6)}"
        target = folder / "game.json"
        stages = STAGES if target.exists() else [s for s in STAGES
                                                 if not s.startswith("backup")]
        stage = rng.choice(stages)
        if rng.random() < 0.2:  # now and then a write that is not interrupted
            atomic_write(target, encode(rng.choice(versions)))
        _kill_round(target, rng.choice(versions), f"k{n}", stage)
        killed[stage] += 1
    assert all(killed[stage] >= 20 for stage in STAGES), killed


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


@pytest.mark.fuzz
def test_replay_verify_succeeds_on_the_autosaves_of_many_games(
    content: Content, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kinds = ("random", "greedy", "reciprocal")
    games = examples(18, 100)
    for seed in range(games):
        session = Session.new(content, "full_term", 1000 + seed,
                              {"amlo": kinds[seed % 3], "trump": kinds[(seed // 3) % 3]},
                              save_dir=tmp_path, autosave=True)
        finish(session)
    autosaves = sorted(tmp_path.glob("autosave-*.json"))
    assert len(autosaves) == games
    for path in autosaves:
        assert main(["replay", str(path), "--verify"]) == 0, capsys.readouterr().out
    assert capsys.readouterr().out.count("VERIFIED") == games


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
    rows = [line.split()[0] for line in done.stdout.splitlines()[1:]
            if line.strip() and line.split()[0].isdigit()]
    assert rows == ["1", "2", "3"], done.stdout  # one row per turn replayed, no more
    assert "turn 4:" in done.stdout  # where the game stands after them
    for record in session.state.log[:3]:  # every card's whole name, never cut
        for card_id in record["orders"].values():
            if card_id is not None:
                assert content.cards[card_id].title in done.stdout, card_id


def test_fork_from_a_turn_keeps_the_past_and_starts_a_new_game(
    content: Content, tmp_path: Path
) -> None:
    session = Session.new(content, "full_term", 31, {"trump": "greedy", "amlo": "reciprocal"})
    at_turn_6 = ""
    while not session.over:
        if session.state.phase == UPKEEP:
            if session.state.turn == 6:
                at_turn_6 = dump(session)  # the game as it stood when turn 6 began
            session.begin_turn()
        session.resolve({})
    assert at_turn_6 and session.state.turn > 6
    del session.agents["amlo"]  # the human's side
    path = session.save("played", tmp_path / "played.json")
    assert path is not None
    fork = Session.from_save(content, read_save(path), from_turn=6)
    assert fork.state.turn == 6 and fork.state.phase == UPKEEP
    assert fork.forked_from == session.game_id and fork.game_id != session.game_id
    kept = [o for o in session.orders if o["turn"] < 6]
    assert kept and fork.orders == kept
    assert dump(fork) == at_turn_6


def test_fork_from_the_command_line(content: Content, tmp_path: Path) -> None:
    original = Session.new(content, "full_term", 9, {"trump": "greedy", "amlo": "greedy"})
    advance(original, 3, UPKEEP)
    del original.agents["amlo"]
    path = original.save("three-turns", tmp_path / "three-turns.json")
    assert path is not None and original.state.turn == 4
    forks = tmp_path / "forks"
    done = subprocess.run(
        [sys.executable, "-m", "game", "text", "--load", str(path), "--from-turn", "2",
         "--save-dir", str(forks)], input="q\n", capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "Turn 2 of 24" in done.stdout and "Turn 3 of 24" not in done.stdout
    (autosave,) = forks.glob("autosave-*.json")
    fork = read_save(autosave)
    assert fork.header.forked_from == original.game_id and fork.header.turn == 2
    orders = [o.model_dump(exclude_none=True) for o in fork.orders]
    assert [o for o in orders if o["turn"] < 2] == [o for o in original.orders if o["turn"] < 2]
    # what the fork did itself before the player quit: at most the computer's news decision
    assert all(o["turn"] == 2 and o["side"] == "trump" and o["order"] == "choose"
               for o in orders if o["turn"] >= 2)


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


def amlo_decides_on_turn_1(content: Content) -> tuple[Session, int]:
    """A game against the computer whose first news asks AMLO to decide, and its seed."""
    for seed in range(40):
        session = Session.new(content, "full_term", seed, {"trump": "reciprocal"})
        session.begin_turn()
        if "amlo" in session.state.pending:
            return session, seed
    pytest.fail("no seed gave AMLO a decision on turn 1")


def test_undo_takes_back_the_decision_before_the_turn_resolves(content: Content) -> None:
    session, _seed = amlo_decides_on_turn_1(content)
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
    alone, seed = amlo_decides_on_turn_1(content)
    assert alone.choose(ChooseOption("amlo", 0)) is None and alone.can_undo()  # one human
    hot_seat = Session.new(content, "full_term", seed, {})
    hot_seat.begin_turn()
    assert "amlo" in hot_seat.state.pending
    assert hot_seat.choose(ChooseOption("amlo", 0)) is None
    assert not hot_seat.can_undo() and not hot_seat.undo()  # the other player has seen it


def test_save_is_small_and_finished_game_replays(
    content: Content, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session = finish(Session.new(content, "full_term", 4, {"amlo": "greedy",
                                                           "trump": "reciprocal"}))
    path = session.save("done", tmp_path / "done.json")
    assert path is not None and path.stat().st_size < 200_000
    assert read_save(path).header.phase == OVER
    assert main(["replay", str(path), "--verify"]) == 0
    assert "VERIFIED" in capsys.readouterr().out


def test_missing_save_file(tmp_path: Path) -> None:
    with pytest.raises(SaveProblem, match="There is no save file at"):
        read_save(tmp_path / "nope.json")


def test_a_save_that_cannot_be_loaded_is_refused_in_the_players_language(
    content: Content, finished_save: bytes, tmp_path: Path
) -> None:
    """The refusal is in Spanish in a Spanish game, with the file named as it is; field
    paths and ids stay as they are; `briefly` still leaves the file's name alone."""
    i18n.set_translator(i18n.translator_for("es"))
    missing = tmp_path / "nope.json"
    with pytest.raises(SaveProblem) as refused:
        read_save(missing)
    assert refused.value.message == f"No hay ninguna partida guardada en {missing}."
    assert refused.value.briefly() == "No hay ninguna partida guardada en nope.json."
    broken = tmp_path / "broken.json"
    broken.write_text('{"header": {"format": 2, "game_version"', encoding="utf-8")
    with pytest.raises(SaveProblem) as refused:
        read_save(broken)
    assert refused.value.message == (
        f"La partida guardada {broken} está dañada: está incompleta o no es una partida "
        "guardada (no es JSON válido).")
    assert refused.value.briefly().startswith("La partida guardada broken.json está dañada: ")
    raw = json.loads(finished_save)
    _damage(raw, "trust-as-text")
    damaged = tmp_path / "damaged.json"
    damaged.write_bytes(encode(raw))
    with pytest.raises(SaveProblem) as refused:
        read_save(damaged)
    assert refused.value.message == (f"La partida guardada {damaged} está dañada: "
                                     "state.meters.trust: debería ser un número entero, no '50'.")
    raw = json.loads(finished_save)
    _damage(raw, "unknown-card")
    damaged.write_bytes(encode(raw))
    with pytest.raises(DamagedSave) as refused:
        Session.from_save(content, read_save(damaged))
    assert refused.value.message == (f"La partida guardada {damaged} está dañada: "
                                     "state.hands.amlo[1]: 'amlo_nope' no es una de las cartas "
                                     "de AMLO.")


def test_every_refusal_of_a_save_goes_through_the_translations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """In the pseudo-language every word of the refusal is marked, the path is not."""
    missing = tmp_path / "none.json"
    assert main(["--lang", i18n.PSEUDO, "text", "--load", str(missing)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"{i18n.OPEN}There is no save file at {missing}.")
    assert err.endswith(i18n.CLOSE)


def test_a_format_1_save_gets_its_one_news_as_a_list() -> None:
    """Format 1 had one news a month; format 2 lists a month's news with its decisions."""
    save = read_save(FIXTURES / "format-1.json")
    first = save.state.log[0]
    assert [(n.event, dict(n.choices)) for n in first.news] == [
        ("ev_remain_in_mexico", {"amlo": 0})]
    assert save.state.phase == "policy" and save.state.event is None
    assert save.state.queue == []


def test_a_news_decision_is_saved_when_taken_and_not_asked_again(
        content: Content, tmp_path: Path) -> None:
    """Killed right after deciding on the news, the game continues past that decision;
    an undo is saved too."""
    from game.core.state import CHOICE

    session = Session.new(content, "full_term", 3, {"trump": "normal"}, save_dir=tmp_path,
                          autosave=True)
    while True:  # to a month whose news asks AMLO to decide
        session.begin_turn()
        if session.state.phase == CHOICE and "amlo" in session.state.pending:
            break
        session.resolve({"amlo": Hold("amlo")})
    event = session.state.event
    assert session.choose(ChooseOption("amlo", 0)) is None
    path = tmp_path / f"autosave-{session.game_id}.json"
    again = Session.from_save(content, read_save(path), save_dir=tmp_path)
    assert again.state.to_json() == session.state.to_json()  # not asked again
    assert session.undo()
    undone = Session.from_save(content, read_save(path), save_dir=tmp_path)
    assert undone.state.to_json() == session.state.to_json()
    assert undone.state.event == event and "amlo" in undone.state.pending
