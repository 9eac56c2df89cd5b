"""The README tells the truth: its two commands are the ones CI runs, and every
`python -m game` command it shows is accepted and works."""

from __future__ import annotations

import io
import re
import shlex
import sys
from pathlib import Path

import pytest

from game.cli import _parser, main
from game.session import Session

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
PLAY = "python3 -m venv .venv && . .venv/bin/activate && pip install -e . && python -m game"
TEST = ("python3 -m venv .venv && . .venv/bin/activate && pip install -e '.[test]' "
        "&& pytest")


def ci_lines() -> list[str]:
    """The commands of .ci/run, without comments and blank lines."""
    text = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines()
            if line.strip() and not line.strip().startswith("#")]


def readme_commands() -> list[str]:
    """Every `python -m game ...` command of the README: in its shell blocks, and inline."""
    found = []
    for block in re.findall(r"```sh\n(.*?)```", README, re.S):
        for line in block.splitlines():
            command = line.split("#", 1)[0].strip()
            if command.startswith("python -m game"):
                found.append(command)
    for span in re.findall(r"`(python -m game[^`]*)`", README):
        if "[" not in span and "|" not in span and "…" not in span:
            found.append(span.strip())
    return sorted(set(found))


def test_readme_starts_with_the_two_commands() -> None:
    blocks = re.findall(r"```sh\n(.*?)\n```", README[:1500], re.S)
    assert blocks[:2] == [PLAY, TEST]


def test_ci_runs_the_readme_test_command_then_the_rest() -> None:
    lines = ci_lines()
    assert lines[0] == "set -euo pipefail"
    assert "export UA_REQUIRE_ALL=1" in lines
    assert TEST in lines, "the README's test command must be a line of its own in .ci/run"
    after = lines[lines.index(TEST) + 1:]
    for needed in ('UA_PROFILE=thorough pytest -m "slow or xvfb or browser or postgres or fuzz"',
                   "ruff check game tests", "mypy game", "python -m game validate"):
        assert needed in after, needed
    assert not any("|| true" in line or line.startswith("exit") for line in lines)


def test_the_readme_shows_the_commands_a_user_needs() -> None:
    commands = readme_commands()
    for verb in ("text", "saves", "replay", "simulate", "balance", "history", "validate",
                 "schema", "assumptions", "extract", "screenshot", "report", "class-report",
                 "briefs", "new-pack", "mods"):
        assert any(c.split()[3:4] == [verb] for c in commands), verb


@pytest.fixture(scope="module")
def places(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Real files for the README's placeholders: a save of 13 turns, a small pack."""
    from game.content import load_game_content

    folder = tmp_path_factory.mktemp("readme")
    content = load_game_content().content
    assert content is not None
    session = Session.new(content, "full_term", 42, {"trump": "reciprocal"}, save_dir=folder)
    amlo = Session.new(content, "full_term", 42, {"amlo": "reciprocal"}).agents["amlo"]
    for _month in range(12):
        session.begin_turn()
        while "amlo" in session.state.pending:  # each of the month's news
            assert session.choose(amlo.choose_option(session.engine, session.state)) is None
        session.resolve({"amlo": amlo.choose_order(session.engine, session.state)})
        assert not session.over, "the README's save must last 13 turns: choose another seed"
    assert session.state.turn == 13
    save = session.save("NAME")
    assert save is not None
    pack = folder / "my_pack"
    (pack / "cards").mkdir(parents=True)
    (pack / "pack.yaml").write_text('id: my_pack\nname: My pack\nversion: 1.0.0\n'
                                    'authors: [a teacher]\ngame: ">=0.1"\ndepends: [core]\n')
    (pack / "cards" / "extra.yaml").write_text(
        "cards:\n  - id: amlo_extra\n    side: amlo\n    title: An extra card\n"
        "    text: A test card.\n    context: A card made by the README test.\n"
        "    sources: [loc-jd]\n    category: domestic\n    stance: domestic\n")
    import zipfile

    with zipfile.ZipFile(folder / "CODE-saves.zip", "w") as archive:
        archive.write(save, "CODE-table-1.json")
    return {"saves/NAME.json": str(save), "my_pack/": str(pack), "game.png":
            str(folder / "game.png"), "game.pot": str(folder / "game.pot"),
            "--out schemas": f"--out {folder / 'schemas'}", "2000": "20",
            "--out shots": f"--out {folder / 'shots'}",
            "my_pack.pot": str(folder / "my_pack.pot"),
            "CODE-saves.zip": str(folder / "CODE-saves.zip"),
            "class-report.html": str(folder / "class-report.html"),
            "briefs.html": str(folder / "briefs.html"),
            "new-pack my_region": f"new-pack {folder / 'my_region'}"}


@pytest.mark.parametrize("command", readme_commands())
def test_every_readme_command_is_accepted_and_works(
    command: str, places: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for placeholder, real in places.items():
        command = command.replace(placeholder, real)
    argv = shlex.split(command)[3:]
    try:
        args = _parser().parse_args(argv)
    except SystemExit:
        pytest.fail(f"the README shows a command the game refuses: {command}")
    if args.command in (None, "play"):
        return  # the window: tests/test_e2e_window.py plays it
    if args.command in ("serve", "join", "export"):
        return  # a real server: test_the_network_commands_work
    if args.command == "balance":
        argv = [*argv, "--workers", "1"]
        argv[argv.index("--games") + 1] = "2"
    monkeypatch.setenv("UNLIKELY_ALLIES_SAVE_DIR", str(tmp_path / "saves"))
    monkeypatch.setattr(sys, "stdin", io.StringIO("q\n"))
    code = main(argv)
    out = capsys.readouterr()
    assert code == 0, f"{command}\n{out.out[-2000:]}\n{out.err[-2000:]}"
    assert "Traceback" not in out.err


def test_the_network_commands_work(tmp_path: Path) -> None:
    """The README's server, its joins (each played by a computer, unattended) and its
    export, run for real on a free loopback port."""
    import subprocess

    from tests.server import WAIT, start

    network = [c for c in readme_commands() if c.split()[3:4] in (["serve"], ["join"], ["export"])]
    # the class's address becomes this machine's loopback: tests stay off the network
    local = {"--host 0.0.0.0": "--host 127.0.0.1"}
    serves = [c for c in network if c.split()[3] == "serve"]
    assert serves
    serve = serves[0]
    for shown, actual in local.items():
        serve = serve.replace(shown, actual)
    server = start(tmp_path / "data", *shlex.split(serve)[4:])
    try:
        code = server.wait_for("Room code: ").split()[-1]
        token = server.wait_for("Facilitator: ").split("Bearer ")[1].rstrip('"')

        def real(command: str) -> list[str]:
            for shown, actual in (("127.0.0.1:8765", server.address),
                                  ("192.168.1.20:8765", server.address), ("A7EGUK", code),
                                  (" CODE ", f" {code} "), ("--name NAME", "--name Cy"),
                                  ("--token T", f"--token {token}"),
                                  ("saves/", str(tmp_path / "saves"))):
                command = command.replace(shown, actual)
            return [sys.executable, *shlex.split(command)[1:]]

        joins = [subprocess.Popen([*real(c), "--agent", "reciprocal"], text=True,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
                 for c in network if c.split()[3] == "join"]
        assert len(joins) >= 2
        if len(joins) % 2:  # an odd class: the computer takes the last free seat
            server.wait_for_tables(code, token, (len(joins) + 1) // 2)
            server.post(f"/api/rooms/{code}/computer", {"agent": "normal"}, token)
        outs = [join.communicate(timeout=WAIT * 3)[0].strip().splitlines() for join in joins]
        assert all(join.returncode == 0 for join in joins), outs
        assert all(out[-1].startswith(("Outcome: ", "Resultado: ")) for out in outs), outs
        export = next(c for c in network if c.split()[3] == "export")
        done = subprocess.run(real(export), capture_output=True, text=True, timeout=WAIT)
        assert done.returncode == 0, done.stderr
        assert len(list((tmp_path / "saves").glob("*.json"))) == (len(joins) + 1) // 2
    finally:
        server.stop()
