"""The mods folder: what is installed, on and off, a broken mod left out of games, the
list in the terminal and in the window, and a game recording the mods it was played with."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.content.mods import installed, load_with_mods, set_on, survey, turned_off
from game.content.newpack import new_pack
from game.paths import MODS_DIR_VARIABLE

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")


def broken_mod(folder: Path) -> Path:
    """A mod whose one patch gives a card a cost that is not a number."""
    folder.mkdir(parents=True)
    (folder / "pack.yaml").write_text(
        'id: broken\nname: Broken\nversion: 1.0.0\nauthors: [me]\ngame: ">=0.1"\n'
        "patch:\n  cards:\n    - id: amlo_national_guard\n      cost: lots\n")
    return folder


@pytest.fixture
def mods(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A mods folder with the starter pack (as `water/`) and a broken mod."""
    folder = tmp_path / "mods"
    new_pack(folder / "water")
    broken_mod(folder / "broken")
    monkeypatch.setenv(MODS_DIR_VARIABLE, str(folder))
    return folder


def test_mods_are_listed_from_their_manifests(mods: Path) -> None:
    found = {m.folder.name: (m.id, m.name, m.version, m.authors, m.on) for m in installed()}
    assert found == {"water": ("water", "Water", "0.1.0", ["Your name"], True),
                     "broken": ("broken", "Broken", "1.0.0", ["me"], True)}


def test_turning_off_is_kept_in_the_mods_folder(mods: Path) -> None:
    set_on("water", False)
    assert turned_off() == {"water"}
    assert json.loads((mods / "mods.json").read_text()) == {"off": ["water"]}
    set_on("water", True)
    assert turned_off() == set()
    (mods / "mods.json").write_text("{not json")
    assert turned_off() == set()  # a damaged file turns nothing off


def test_a_survey_says_what_each_mod_changes_and_what_is_wrong(mods: Path) -> None:
    found = {m.folder.name: m for m in survey()}
    assert found["water"].summary == "adds 1 source, 1 card, 1 event, 1 ending, 1 scenario"
    assert found["water"].problems == []
    [error] = found["broken"].errors
    assert (error.line, error.message) == (9, "a whole number is needed here (got 'lots')")


def test_a_broken_mod_is_left_out_and_the_game_still_starts(mods: Path) -> None:
    loaded = load_with_mods()
    assert [m.folder.name for m in loaded.left_out] == ["broken"]
    content = loaded.result.content
    assert content is not None
    assert [p.id for p in content.packs] == ["core", "water"]
    assert "water_water" in content.scenarios
    set_on("water", False)
    content = load_with_mods().result.content
    assert content is not None and "water_water" not in content.scenarios
    assert load_with_mods(use_mods=False).left_out == []


def test_the_mods_command_lists_and_switches(mods: Path) -> None:
    def run(*words: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "game", "mods", *words],
                              capture_output=True, text=True, check=False)

    listed = run()
    assert listed.returncode == 0
    assert "[on] Water 0.1.0 by Your name (water/)" in listed.stdout
    assert "1 error, 0 warnings — left out of games until they are fixed" in listed.stdout
    assert "pack.yaml:9:13: error [bad-type] patch.cards[0].cost" in listed.stdout
    assert run("off", "water").stdout == "Water is off: games leave it out.\n"
    assert "[off] Water" in run().stdout
    wrong = run("off", "watr")
    assert wrong.returncode == 2 and "no mod 'watr'" in wrong.stderr
    started = subprocess.run([sys.executable, "-m", "game", "history", "--scenario",
                              "water_water"], capture_output=True, text=True, check=False)
    assert started.returncode == 2  # off: its scenario is gone
    run("on", "water")
    started = subprocess.run([sys.executable, "-m", "game", "history", "--scenario",
                              "water_water"], capture_output=True, text=True, check=False)
    assert started.returncode == 0, started.stderr
    assert started.stderr.startswith("Left out of the game because of errors: Broken")


def test_a_game_records_the_mods_it_was_played_with(mods: Path, tmp_path: Path) -> None:
    from game.session import Session

    content = load_with_mods().result.content
    assert content is not None
    session = Session.new(content, "water_water", 1, {"trump": "greedy"},
                          save_dir=tmp_path / "saves")
    saved = json.loads(session.save("with-mods").read_text())
    assert saved["header"]["packs"] == [{"id": "core", "version": "0.1.0"},
                                        {"id": "water", "version": "0.1.0"}]


# ---------------------------------------------------------------------------- the window


def test_the_window_lists_mods_and_turns_one_off(
    mods: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    pygame = pytest.importorskip("pygame")
    from game.ui import browser
    from game.ui.scenes.mods import ModsScene
    from game.ui.scenes.title import TitleScene
    from game.ui.widgets.modrow import lines
    from tests.ui_driver import Driver

    opened: list[str] = []
    monkeypatch.setattr(browser, "open_in_browser", lambda address: opened.append(address)
                        or True)
    driver = Driver(tmp_path)
    app = driver.app
    try:
        assert "water_water" in app.content.scenarios
        title = app.scene
        assert isinstance(title, TitleScene)
        assert title.notice.startswith("Left out of the game because of errors: Broken")
        driver.click_button("mods")
        scene = app.scene
        assert isinstance(scene, ModsScene)
        scene.wait()
        driver.step()  # the survey's message: the rows are redrawn with what it found
        assert scene.checked
        words = {m.folder.name: " ".join(w for w, _c in lines(m, True)) for m in scene.mods}
        assert "1 error: left out of games until it is fixed" in words["broken"]
        assert "adds 1 source, 1 card, 1 event, 1 ending, 1 scenario" in words["water"]
        scene.select([m.folder.name for m in scene.mods].index("water"))
        driver.key(pygame.K_SPACE)
        assert turned_off(mods) == {"water"}
        assert scene.notice == "Water is off: new games leave it out."
        content = app.load_content().content  # loaded again behind the screen
        assert content is not None and "water_water" not in content.scenarios
        driver.key(pygame.K_o)
        assert opened == [mods.as_uri()]
    finally:
        pygame.quit()


def test_a_screenshot_shows_a_packs_scenario(tmp_path: Path) -> None:
    pytest.importorskip("pygame")
    from game.cli import main

    pack = tmp_path / "water"
    new_pack(pack)
    out = tmp_path / "setup.png"
    assert main(["screenshot", "--scene", "setup", "--scenario", "water_water", "--pack",
                 str(pack), "--lang", "es", "--out", str(out)]) == 0
    assert out.stat().st_size > 10_000
    with pytest.raises(SystemExit):  # without the pack, there is no such scenario
        main(["screenshot", "--scene", "setup", "--scenario", "water_water", "--out",
              str(out)])


def test_a_server_shows_a_packs_texts_in_a_seats_language(tmp_path: Path) -> None:
    """A browser seat in Spanish reads the pack's own card in its Spanish."""
    from game.content.localize import localize
    from game.server.app import make_app
    from game.server.clock import FakeClock
    from game.server.rooms import Hub
    from game.server.store import Store
    from game.server.views import translator, view_for

    pack = tmp_path / "water"
    new_pack(pack)
    content = load_with_mods([pack], use_mods=False).result.content
    assert content is not None
    hub = Hub(Store(f"sqlite:///{tmp_path / 'rooms.db'}"), content, FakeClock())
    try:
        make_app(hub)
        room, _token = hub.create_room("3B", "water_water")
        table, _side, _amlo = hub.join(room.code, "Ana", "amlo", "es")
        hub.join(room.code, "Ben", "trump", "es")
        assert table.session is not None
        assert "water_water_talks" in table.session.engine.cards["amlo"]
        assert view_for(table, "amlo").hand  # the seat's view is drawn in Spanish...
        shown = localize(content, translator("es"))  # ...with the pack's words, as here
        assert shown.cards["water_water_talks"].title == "Negociar las entregas de agua"
        assert shown.scenarios["water_water"].title.startswith("El plazo del agua")
    finally:
        hub.store.close()
