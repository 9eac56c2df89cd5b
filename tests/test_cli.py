"""The command line as a user runs it: exit codes, output, no tracebacks."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from game.cli import main


def run(*args: str, stdin: str = "", timeout: float = 120) -> subprocess.CompletedProcess[str]:
    if args and args[0] == "text" and "--save-dir" not in args:
        args = (*args, "--save-dir", tempfile.mkdtemp(prefix="ua-test-"))
    return subprocess.run([sys.executable, "-m", "game", *args], input=stdin,
                          capture_output=True, text=True, timeout=timeout)


def test_help_lists_the_commands() -> None:
    from game.cli import COMMANDS

    done = run("--help")
    assert done.returncode == 0
    listed = set(re.findall(r"^    ([\w-]+)", done.stdout, re.M))
    assert listed == set(COMMANDS), done.stdout


@pytest.mark.parametrize("driver", [None, "x11"], ids=["no-driver", "x11-without-a-server"])
def test_bare_command_without_a_display_says_so_and_exits_2(driver: str | None) -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")}
    if driver:
        env["SDL_VIDEODRIVER"] = driver
    done = subprocess.run([sys.executable, "-m", "game"], capture_output=True, text=True,
                          timeout=60, env=env)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "No display was found" in done.stderr and "python -m game text" in done.stderr
    assert "Traceback" not in done.stderr and "pygame-ce" not in done.stdout


def test_a_display_that_is_set_but_missing_is_no_display_either() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY", "SDL_VIDEODRIVER")}
    env["DISPLAY"] = ":4321"  # nothing listens there: SDL falls back to drawing into memory
    done = subprocess.run([sys.executable, "-m", "game"], capture_output=True, text=True,
                          timeout=60, env=env)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "No display was found" in done.stderr and "Traceback" not in done.stderr


def test_wrong_flag_is_a_usage_error() -> None:
    done = run("simulate", "--gmes", "3")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "unrecognized arguments" in done.stderr


def test_unknown_scenario_is_a_usage_error() -> None:
    done = run("text", "--scenario", "nope", stdin="q\n")
    assert done.returncode == 2 and "no scenario 'nope'" in done.stderr


def test_text_game_played_to_the_end_as_amlo() -> None:
    done = run("text", "--side", "amlo", "--seed", "3", "--opponent", "greedy",
               stdin="h\n1\n" * 60)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stdout.splitlines()
    assert lines[-1].startswith("Outcome: ")
    kind = lines[-1].removeprefix("Outcome: ").split(" — ")[0]
    assert kind in ("compromise", "collision", "domestic_defeat", "term_end")
    assert "Turn 1 of 24" in done.stdout
    assert "You played “" in done.stdout or "You held." in done.stdout


def test_text_game_as_trump_explains_changes() -> None:
    done = run("text", "--side", "trump", "--seed", "5", stdin="1\nh\n" * 200)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.splitlines()[-1].startswith("Outcome: ")
    assert "You are Donald J. Trump" in out
    # By default each card comes with what it did, the interaction with its changes.
    assert re.search(r"^AMLO played “.+” \((cooperate|confront|domestic)\)(\.|: .+ [+-]\d+)",
                     out, re.M)
    assert re.search(r"^You (held\.|played “.+”)", out, re.M)
    assert re.search(r"^Since last month: ", out, re.M)


def test_text_game_verbose_gives_every_change_on_its_own_line() -> None:
    done = run("text", "--side", "trump", "--seed", "5", "--verbose", stdin="1\nh\n" * 200)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert re.search(r"^Trump played “.+” \((cooperate|confront|domestic)\)\.$", out, re.M)
    assert re.search(r"^Trump held\.$", out, re.M)
    assert "Background: " in out
    # every change is a line with its numbers and its cause
    assert re.search(r"^    Trump capital \+1 \(\d+ → \d+\) — held: capital banked$", out, re.M)
    assert re.search(r"^    .+ [+-]\d+ \(\d+ → \d+\) — interaction: .+$", out, re.M)


def test_text_quit_and_end_of_input_exit_cleanly() -> None:
    quit_now = run("text", "--seed", "1", stdin="q\n")
    assert quit_now.returncode == 0 and "You left the game at turn 1" in quit_now.stdout
    eof = run("text", "--seed", "1", stdin="")
    assert eof.returncode == 0 and "Traceback" not in eof.stderr


def test_text_out_of_range_asks_again() -> None:
    done = run("text", "--seed", "1", stdin="9\nx\n0\nq\n")
    assert done.returncode == 0
    assert done.stdout.count("Please type a number") >= 3


def test_simulate_json_has_the_fields_and_counts_do_not_depend_on_workers() -> None:
    one = run("simulate", "--games", "60", "--seed", "4", "--json", "--workers", "1")
    assert one.returncode == 0, one.stderr
    first = json.loads(one.stdout)
    for key in ("games", "seed", "endings", "kinds", "mean_turns", "seconds", "workers"):
        assert key in first
    assert first["games"] == 60 and first["workers"] == 1
    every_core = json.loads(run("simulate", "--games", "60", "--seed", "4", "--json").stdout)
    assert every_core["workers"] == min(60, os.cpu_count() or 1)  # the default: every core
    assert every_core["kinds"] == first["kinds"]
    assert set(first["kinds"]) <= {"compromise", "collision", "domestic_defeat", "term_end"}
    for method in ("fork", "spawn"):
        two = run("simulate", "--games", "60", "--seed", "4", "--json", "--workers", "2",
                  "--start-method", method)
        assert two.returncode == 0, two.stderr
        second = json.loads(two.stdout)
        assert second["workers"] == 2, method
        assert (first["endings"], first["kinds"], first["mean_turns"], first["sides"]) == (
            second["endings"], second["kinds"], second["mean_turns"], second["sides"]), method


def test_simulate_reports_each_sides_good_games_and_polls_and_takes_difficulties() -> None:
    done = run("simulate", "--games", "30", "--seed", "2", "--json", "--workers", "1",
               "--amlo", "dove", "--trump", "hard")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["amlo"] == "dove" and data["trump"] == "hard"
    compromise = data["kinds"].get("compromise", 0) / 30
    for side in ("amlo", "trump"):
        figures = data["sides"][side]
        assert set(figures) == {"compromise_above_floor", "mean_final_polls"}
        assert 0 <= figures["compromise_above_floor"] <= compromise + 1e-9
        assert 0 < figures["mean_final_polls"] <= 100


def test_simulate_refuses_an_unknown_player_with_the_choices() -> None:
    done = run("simulate", "--games", "5", "--trump", "hardd")
    assert done.returncode == 2
    assert "--trump: no player 'hardd'" in done.stderr and "did you mean 'hard'" in done.stderr
    assert "Traceback" not in done.stderr


def test_simulate_table() -> None:
    done = run("simulate", "--games", "20", "--amlo", "greedy", "--trump", "reciprocal")
    assert done.returncode == 0 and "games/s" in done.stdout
    assert "AMLO" in done.stdout and "good" in done.stdout


def test_validate_json_counts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["errors"] == [] and data["warnings"] == []
    assert data["counts"]["cards"]["amlo"] >= 10 and data["counts"]["events"] >= 12


@pytest.mark.parametrize(("text", "code", "line", "col"), [
    ("cards:\n  - id: x\n    title: [oops\n", "yaml-syntax", 4, 1),
    ("cards:\n  - id: amlo_x\n    side: amlo\n    title: X\n    text: T\n    context: C\n"
     "    sources: [loc-jd]\n    category: trade\n    stance: cooperate\n    cost: two\n",
     "bad-type", 10, 11),
    ("cards:\n  - id: amlo_x\n    side: amlo\n    title: X\n    text: T\n    context: C\n"
     "    sources: [loc-jd]\n    category: trade\n    stance: cooperate\n    colour: red\n",
     "unknown-field", 10, 5),
    ("cards:\n  - id: amlo_x\n    side: amlo\n    title: X\n    text: T\n    context: C\n"
     "    sources: [loc-jd]\n    category: trade\n    stance: cooperate\n"
     "    effects: [{kind: schedule, event: ev_nope}]\n", "unknown-id", 10, 39),
    ("cards:\n  - id: amlo_x\n    side: amlo\n    title: X\n    text: T\n    context: C\n"
     "    sources: [loc-jd]\n    category: trade\n    stance: cooperate\n"
     "    effects: [{kind: set_flg, flag: a}]\n", "unknown-kind", 10, 22),
])
def test_broken_pack_gives_a_precise_diagnostic_and_exit_1(
    tmp_path: Path, text: str, code: str, line: int, col: int
) -> None:
    pack = tmp_path / "mod"
    (pack / "cards").mkdir(parents=True)
    (pack / "pack.yaml").write_text(
        'id: mod\nname: Mod\nversion: 1.0.0\nauthors: [me]\ngame: ">=0.1"\ndepends: [core]\n')
    (pack / "cards" / "broken.yaml").write_text(text)
    done = run("validate", str(pack))
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert f"broken.yaml:{line}:{col}: error [{code}]" in done.stdout, done.stdout


def test_validate_missing_pack_folder(tmp_path: Path) -> None:
    done = run("validate", str(tmp_path / "nowhere"))
    assert done.returncode == 1 and "[bad-pack]" in done.stdout


def test_schema_command_writes_one_schema_per_kind(tmp_path: Path) -> None:
    done = run("schema", "--out", str(tmp_path))
    assert done.returncode == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert "cards.schema.json" in names and "events.schema.json" in names
    schema = json.loads((tmp_path / "cards.schema.json").read_text())
    assert schema["$schema"].startswith("https://json-schema.org/")


def test_extract_writes_a_template(tmp_path: Path) -> None:
    out = tmp_path / "game.pot"
    done = run("extract", "--out", str(out))
    assert done.returncode == 0, done.stderr
    text = out.read_text()
    assert 'msgctxt "cards.' in text and "Your card (1-{n}" in text


def test_validate_lists_every_diagnostic_code(capsys: pytest.CaptureFixture[str]) -> None:
    from game.content.catalogues import CODES as TRANSLATION_CODES
    from game.content.diagnostics import CODES

    assert main(["validate", "--codes"]) == 0
    listed = {line.split()[0]: line.split(None, 1)[1]
              for line in capsys.readouterr().out.splitlines()}
    assert listed == {**CODES, **TRANSLATION_CODES}


def test_a_progress_bar_on_a_terminal_and_none_in_a_pipe() -> None:
    """On a terminal, simulate shows its progress on standard error; piped, it stays quiet,
    and its JSON on standard output is clean either way."""
    import pty
    import threading

    command = [sys.executable, "-m", "game", "simulate", "--games", "400", "--seed", "3",
               "--json", "--workers", "2"]
    leader, follower = pty.openpty()
    shown: list[bytes] = []

    def read() -> None:  # the terminal's other end, read while the command runs
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the command is gone and everything was read
                return
            if not chunk:
                return
            shown.append(chunk)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        done = subprocess.run(command, stdout=subprocess.PIPE, stderr=follower, timeout=120,
                              check=False)
    finally:
        os.close(follower)
        reader.join(60)
        os.close(leader)
    text = b"".join(shown)
    assert done.returncode == 0
    assert json.loads(done.stdout)["games"] == 400
    assert b"/400 [" in text and b"games/s" in text, text[-300:]
    piped = run("simulate", "--games", "400", "--seed", "3", "--json", "--workers", "2")
    assert piped.returncode == 0 and piped.stderr == ""
    assert json.loads(piped.stdout)["kinds"] == json.loads(done.stdout)["kinds"]


def test_text_shows_the_news_sources_in_words() -> None:
    from game.content import load_game_content
    from game.wording import sources_text

    content = load_game_content().content
    assert content is not None
    done = run("text", "--side", "amlo", "--seed", "3", "--verbose", stdin="q\n")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    title = re.search(r"^NEWS: (.+)$", out, re.M)
    assert title, out
    event = next(e for e in content.events.values() if e.title == title.group(1))
    paragraph = re.search(r"^    Sources: (.+?)\n(?!    )", out, re.M | re.S)
    assert paragraph, out
    assert " ".join(paragraph.group(1).split()) == sources_text(event.sources, content)


def test_text_b_tells_the_months_news_in_full_with_background_and_sources() -> None:
    short = run("text", "--side", "amlo", "--seed", "3", stdin="q\n").stdout
    assert "Background: " not in short and "Sources: " not in short
    full = run("text", "--side", "amlo", "--seed", "3", stdin="b\nq\n").stdout
    after = full[full.index("Choose 1-"):]
    assert "Background: " in after and "Sources: " in after


def test_text_effects_as_direction_and_size_keep_the_exact_record() -> None:
    done = run("text", "--side", "amlo", "--seed", "3", "--effects", "direction",
               stdin="1\nh\n" * 3 + "q\n")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    hand = out[out.index("Your hand:"):out.index("Your card (")]
    assert re.search(r"[▲▼]", hand) and not re.search(r"[a-z] [+-]\d", hand), hand
    # What happened is still told in numbers.
    assert re.search(r"^(You|Trump) .+: .+ [+-]\d+", out, re.M)


def test_text_card_details_give_each_source_in_words_and_its_whole_address() -> None:
    from game.content import load_game_content
    from game.wording import source_words

    content = load_game_content().content
    assert content is not None
    from game.core.orders import ChooseOption
    from game.session import Session

    session = Session.new(content, "full_term", 3, {"trump": "normal"})
    session.begin_turn()
    decisions = 0
    while "amlo" in session.state.pending:  # answer each of the month's news, then look
        session.choose(ChooseOption("amlo", 0))
        decisions += 1
    done = run("text", "--side", "amlo", "--seed", "3", "--opponent", "normal",
               stdin="1\n" * decisions + "i 1\nq\n")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    urls = {s.url: s for s in content.sources.values()}
    shown = [i for i, line in enumerate(lines) if line.strip() in urls]
    assert shown, done.stdout
    for i in shown:  # the address is whole on its line; above it, the source in words
        source = urls[lines[i].strip()]
        start = max(j for j in range(i) if lines[j].startswith("    - "))
        words = " ".join(" ".join(lines[start:i]).split()).removeprefix("- ")
        assert words == source_words(source)


@pytest.mark.parametrize("line", [["--lang", "es"], ["--lang", "es", "play"],
                                  ["play", "--lang", "es"],
                                  ["--lang=es", "screenshot", "--scene", "title", "--out", "x"]])
def test_the_language_counts_wherever_it_is_given(line: list[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """`python -m game --lang es` opens the window in Spanish, as the README says (the
    command's own --lang default used to hide the one given before it)."""
    import game.cli

    seen: list[str | None] = []
    monkeypatch.setattr("sys.argv", ["python -m game", *line])
    for name in ("play", "screenshot"):
        monkeypatch.setitem(game.cli.COMMANDS, name, lambda args: seen.append(args.lang) or 0)
    assert main() == 0 and seen == ["es"]


def test_a_loaded_game_goes_on_saving_in_its_own_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """A game continued from a class's shared folder keeps its autosave there (the class
    report of that folder then finds it), unless --save-dir says otherwise."""
    import io

    from game.content import load_game_content
    from game.session import Session

    content = load_game_content().content
    assert content is not None
    folder = tmp_path / "class"
    session = Session.new(content, "tariff_showdown", 3, {"trump": "reciprocal"},
                          save_dir=folder)
    saved = session.save("ana-ben")
    assert saved is not None
    monkeypatch.setenv("UNLIKELY_ALLIES_SAVE_DIR", str(tmp_path / "elsewhere"))
    monkeypatch.setattr("sys.stdin", io.StringIO("q\n"))
    assert main(["text", "--load", str(saved)]) == 0
    assert f"saved in {folder / 'autosave-'}" in capsys.readouterr().out
    assert not (tmp_path / "elsewhere").exists()


def test_a_news_prompt_says_what_it_takes(tmp_path: Path) -> None:
    """At a decision on the news, `i N` (a card's story) is explained, not refused as a
    wrong number, and a wrong answer names `b`, which works there."""
    done = run("text", "--seed", "3", "--save-dir", str(tmp_path), stdin="i 1\nx\nb\n1\nq\n")
    assert "i N shows a card's story when you choose your card" in done.stdout
    assert "Please type a number from 1 to 3 (b: the news in full, with its sources)" in \
        done.stdout
    assert "Sources: " in done.stdout  # what b shows
