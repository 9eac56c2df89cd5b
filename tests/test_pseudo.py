"""English left behind: whole games, the command line and every window scene, played in
the pseudo-language (every translated string inside ⟦ ⟧, so a word outside the markers
was never translated, or was assembled in code) and in Spanish (no English sentence).
Source titles, the leaders' names and the game's name stay as they are (tests/pseudo.py).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from game import i18n
from game.cli import COMMANDS, main
from game.models.bundle import Content
from tests.pseudo import english, names, originals, unmarked

#: Every kind of answer the terminal takes, over and over: the news in full, undo, help,
#: a wrong number, a card's story, the list of saves, a save, the first card, a hold.
ANSWERS = "b\nu\n?\n9\ni 1\nl\ns mine\n1\nh\n" * 200


@pytest.fixture(scope="module")
def spanish_originals() -> list[str]:
    return originals(i18n.translator_for("es").strings)


def run(args: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        stdin: str = "") -> str:
    """What a command prints (both streams), run in this process."""
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    with contextlib.suppress(SystemExit):  # --help and usage errors end the parser
        main(args)
    done = capsys.readouterr()
    return done.out + done.err


def terminal_game(lang: str, side: str, seed: int, folder: Path,
                  capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> str:
    out = run(["--lang", lang, "text", "--side", side, "--seed", str(seed), "--verbose",
               "--effects", "direction" if side == "trump" else "exact",
               "--save-dir", str(folder)], capsys, monkeypatch, ANSWERS)
    assert out.count("\n") > 1000, out[-2000:]  # a whole game, not an early stop
    # the saves' file names, the answers echoed (the name given to a save), and the
    # command that makes the game's report (typed as it is in every language)
    return re.sub(r"[\w-]+\.json|\bs mine\b|python -m game report.*$", " ",
                  out.replace(str(folder), " "), flags=re.M)


@pytest.mark.parametrize("side,seed", [("amlo", 3), ("trump", 4)])
def test_a_whole_terminal_game_in_the_pseudo_language_shows_only_marked_text(
        side: str, seed: int, content: Content, tmp_path: Path,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    out = terminal_game("qps", side, seed, tmp_path, capsys, monkeypatch)
    assert "⟦Outcome: " in out.splitlines()[-1]
    assert unmarked(out, names(content)) == []


@pytest.mark.parametrize("side,seed", [("amlo", 3), ("trump", 4)])
def test_a_whole_terminal_game_in_spanish_shows_no_english(
        side: str, seed: int, content: Content, spanish_originals: list[str], tmp_path: Path,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    out = terminal_game("es", side, seed, tmp_path, capsys, monkeypatch)
    assert out.splitlines()[-1].startswith("Resultado: ")
    assert english(out, names(content), spanish_originals) == []


def typed(text: str) -> str:
    """A command's output without what the user types or a script reads: the command
    and its flags, their values in capitals, their choices in braces, and codes such
    as a diagnostic's `unknown-id` (the same in every language)."""
    commands = "|".join(COMMANDS)
    text = re.sub(r"python -m game|\b[a-z]+(-[a-z0-9]+)+\b|-{1,2}[\w-]+|\{[^}]*\}|\b[A-Z][A-Z_]+\b"
                  r"|\bWxH\b|\S*\.png|\S+\.yaml[:\d]*|\b\w+\[\d+\](\.\w+)*|^ *unreadable\b", " ",
                  text, flags=re.M)
    return re.sub(rf"(^|\s)({commands})(?=[\s,:]|$)", " ", text, flags=re.M)


def command_lines(folder: Path) -> list[list[str]]:
    """Every command a user might run, after a game was played and saved in `folder`."""
    save = next(iter(sorted(folder.glob("*.json"))))
    return [["--help"], *([name, "--help"] for name in COMMANDS),
            ["text", "--side", "nobody"], ["simulate", "--amlo", "nobody"],
            ["saves", "--save-dir", str(folder)], ["replay", str(save)],
            ["history"], ["assumptions"], ["simulate", "--games", "6"],
            ["validate"], ["validate", "--codes"], ["validate", str(broken_pack(folder))],
            ["text", "--load", str(folder / "none.json")]]


def broken_pack(folder: Path) -> Path:
    """A pack with the mistakes a teacher makes: a tab, a misspelt field, a missing one,
    a source and an event that do not exist."""
    pack = folder / "broken"
    (pack / "cards").mkdir(parents=True, exist_ok=True)
    (pack / "pack.yaml").write_text('id: broken\nname: Broken\nversion: 1.0.0\n'
                                    'authors: [a teacher]\ngame: ">=0.1"\ndepends: [core]\n',
                                    encoding="utf-8")
    (pack / "cards" / "mine.yaml").write_text(
        "cards:\n  - id: amlo_mine\n    side: amlo\n    title: Mine\n    txt: A card.\n"
        "    context: Made by a test.\n    sources: [no-such-source]\n    category: domestic\n"
        "    stance: domestic\n    requires: [{kind: event_fired, event: no_such_event}]\n",
        encoding="utf-8")
    (pack / "cards" / "tab.yaml").write_text("cards:\n\t- id: x\n", encoding="utf-8")
    return pack


@pytest.mark.parametrize("language", ["qps", "es"])
def test_every_command_is_translated(language: str, content: Content,
                                     spanish_originals: list[str], tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Each command's help, output and errors (a wrong flag, a missing save, a broken
    pack's diagnostics) in the pseudo-language: nothing unmarked; in Spanish: no English."""
    run(["text", "--seed", "2", "--save-dir", str(tmp_path)], capsys, monkeypatch, "1\n" * 9)
    # a save's path and the code words it lists (scenario, sides, agents) stay as typed
    allowed = [*names(content), *content.scenarios, "amlo", "trump", "greedy", "reciprocal",
               "normal"]
    found = []
    for words in command_lines(tmp_path):
        out = run(["--lang", language, *words], capsys, monkeypatch).replace(str(tmp_path), " ")
        out = typed(re.sub(r"[\w-]+\.json", " ", out))
        problems = (unmarked(out, allowed) if language == "qps"
                    else english(out, allowed, spanish_originals))
        found += [f"{' '.join(words)}: {problem}" for problem in problems]
    assert found == []


def test_the_checks_would_notice_english(content: Content, spanish_originals: list[str]) -> None:
    """The tests above can fail: a sentence assembled in code from marked pieces, and an
    English sentence in a Spanish game, are both found; names and source titles are not."""
    title = next(iter(content.sources.values())).title
    assert unmarked(f"⟦Trust·⟧ rose by 3 ({title})", names(content)) == [
        "'by' in …rose by 3 ( )…", "'rose' in …rose by 3 ( )…"]
    spanish = f"La confianza subió. Your polls fell. {title}"
    assert any("'Your'" in p for p in english(spanish, names(content), spanish_originals))
    assert english(f"La confianza subió. {title}", names(content), spanish_originals) == []


pygame = pytest.importorskip("pygame")


@pytest.fixture
def window(tmp_path: Path) -> Iterator[object]:
    """A window's app in a language, with its saves in `tmp_path`."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    from game.ui.main import make_app
    from game.ui.settings import Settings

    def make(language: str) -> object:
        app = make_app(size=(1280, 720), settings=Settings(animation="off"),
                       settings_path=tmp_path / "settings.json", save_dir=tmp_path / "saves",
                       offscreen=True, language=language)
        assert app.load_content().content is not None
        return app

    yield make
    pygame.quit()


@pytest.mark.parametrize("language", ["qps", "es"])
def test_every_window_scene_is_translated(language: str, window: object, content: Content,
                                          spanish_originals: list[str], tmp_path: Path) -> None:
    """Every scene as drawn (its text and its buttons' words), twice: at a month with news
    to decide and at another."""
    from game.ui.app import App
    from game.ui.screenshot import SCENES, _transition
    from tests.legibility import render_audited

    app: App = window(language)  # type: ignore[operator]
    allowed = [*names(content), "English", "Español"]  # each language in its own words
    found = []
    for seed, turn in ((2, 3), (7, 9)):
        for scene in SCENES:
            app.router.apply(_transition(app, scene, "amlo", seed, turn, "full_term"))
            app.step()
            shown = [d.content for d in render_audited(app)]
            shown += [getattr(e, "text", "") or "" for e in app.scene.elements]
            text = "\n".join(shown).replace(str(tmp_path), " ")
            if scene == "saves":  # the saves' own names, made of the scenario's moments
                text = re.sub(r"[\w-]+\.json|\b[a-z]+(-[a-z]+)+\b", " ", text)
            problems = (unmarked(text, allowed) if language == "qps"
                        else english(text, allowed, spanish_originals))
            found += [f"{scene} (seed {seed}, turn {turn}): {p}" for p in problems]
    assert found == []


def test_a_hotseat_game_in_the_pseudo_language_shows_only_marked_text(
        content: Content, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Two players at one terminal: the handovers and each seat's screens too."""
    out = run(["--lang", "qps", "text", "--hotseat", "--seed", "3", "--save-dir",
               str(tmp_path)], capsys, monkeypatch, "\nb\ni 1\n1\nh\n" * 300)
    assert "⟦Outcome: " in out.splitlines()[-1] and "⟦Pass the computer" in out
    out = re.sub(r"[\w-]+\.json", " ", out.replace(str(tmp_path), " "))
    assert unmarked(out, names(content)) == []
