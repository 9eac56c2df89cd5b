"""The saved-games and settings screens, driven by real SDL events on the dummy driver.

Saves are made by real sessions in a temporary folder; settings are written to a
temporary file and read back with `Settings.load`. Assertions are on the files,
the settings and the scenes shown, never on pixels (except that every glyph
drawn exists in the font and that nothing is laid out on top of anything else).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

pygame = pytest.importorskip("pygame")

import game.session as session_module  # noqa: E402
from game.core.state import UPKEEP  # noqa: E402
from game.models.bundle import Content  # noqa: E402
from game.persistence.store import list_saves  # noqa: E402
from game.session import Session  # noqa: E402
from game.ui import draw, theme  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.router import Pop, Reset  # noqa: E402
from game.ui.scene import Scene  # noqa: E402
from game.ui.scenes import saves as saves_scene  # noqa: E402
from game.ui.scenes.confirm import ConfirmOverlay  # noqa: E402
from game.ui.scenes.game.board import BoardScene  # noqa: E402
from game.ui.scenes.saves import SavesScene, saved_time  # noqa: E402
from game.ui.scenes.settings import SettingsScene  # noqa: E402
from game.ui.scenes.title import TitleScene  # noqa: E402
from game.ui.settings import Settings  # noqa: E402
from tests.ui_driver import Driver as BaseDriver  # noqa: E402


def board_of(app: App) -> BoardScene | None:
    """The game's board, under whatever overlay a loaded game opens with."""
    return next((scene for scene in app.scenes if isinstance(scene, BoardScene)), None)


class Driver(BaseDriver):
    """The shared driver, with the saves and settings screens at hand."""

    @property
    def saves(self) -> SavesScene:
        scene = self.app.scene
        assert isinstance(scene, SavesScene), scene.name
        return scene

    @property
    def settings(self) -> SettingsScene:
        scene = self.app.scene
        assert isinstance(scene, SettingsScene), scene.name
        return scene


@pytest.fixture
def driver(tmp_path: Path) -> Iterator[Driver]:
    d = Driver(tmp_path)
    yield d
    pygame.quit()


def make_save(content: Content, folder: Path, monkeypatch: pytest.MonkeyPatch, *, seed: int,
              turns: int, label: str, human: str = "amlo", when: str,
              finish: bool = False) -> Session:
    """A game played by the computer for `turns` turns (or to the end), saved with `human`
    as the person's side, at the time `when`."""
    session = Session.new(content, "full_term", seed, {"amlo": "greedy", "trump": "reciprocal"},
                          save_dir=folder)
    played = 0
    while not session.over and (finish or played < turns):
        if session.state.phase == UPKEEP:
            session.begin_turn()
        session.resolve({})
        played += 1
    del session.agents[human]
    monkeypatch.setattr(session_module, "now", lambda: when)
    assert session.save(label) is not None
    return session


@pytest.fixture
def three_saves(driver: Driver, monkeypatch: pytest.MonkeyPatch) -> list[Session]:
    """Newest first: game-b (Trump, turn 6), a finished game, game-a (AMLO, turn 3)."""
    folder = driver.app.save_dir
    older = make_save(driver.content, folder, monkeypatch, seed=11, turns=2, label="game-a",
                      when="2024-01-01T10:00:00+00:00")
    ended = make_save(driver.content, folder, monkeypatch, seed=12, turns=0, label="ended",
                      finish=True, when="2024-01-02T10:00:00+00:00")
    newer = make_save(driver.content, folder, monkeypatch, seed=13, turns=5, label="game-b",
                      human="trump", when="2024-01-03T10:00:00+00:00")
    return [newer, ended, older]


# ----------------------------------------------------------------- saved games


def test_the_list_shows_each_save_newest_first_with_its_details(
        driver: Driver, three_saves: list[Session]) -> None:
    driver.open(SavesScene(driver.app))
    scene = driver.saves
    assert [info.header.label for info in scene.saves] == ["game-b", "ended", "game-a"]
    assert not scene.problems
    title = driver.content.scenarios["full_term"].title
    newer = scene.details(scene.saves[0])
    assert title in newer and "you led Trump" in newer
    assert f"turn {three_saves[0].state.turn}," in newer and "2019" in newer
    older = scene.details(scene.saves[2])
    assert "you led AMLO" in older and f"turn {three_saves[2].state.turn}," in older
    ended = scene.details(scene.saves[1])
    assert scene.saves[1].header.ending is not None and "ended:" in ended
    assert saved_time("2024-01-03T10:00:00+00:00").startswith("2024-01-0")
    assert len(saved_time("2024-01-03T10:00:00+00:00")) == len("2024-01-03 10:00")
    assert driver.focused == "row-0" and scene.selected == 0


def test_arrows_choose_a_save_and_enter_loads_that_game(
        driver: Driver, three_saves: list[Session]) -> None:
    driver.open(SavesScene(driver.app))
    driver.key(pygame.K_DOWN)
    driver.key(pygame.K_DOWN)
    assert driver.saves.selected == 2 and driver.focused == "row-2"
    driver.key(pygame.K_UP)
    driver.key(pygame.K_DOWN)
    chosen = three_saves[2]
    driver.key(pygame.K_RETURN)
    game = board_of(driver.app)
    assert game is not None
    assert game.table.session.game_id == chosen.game_id
    assert (game.table.state.turn, game.table.state.seed) == (chosen.state.turn, chosen.state.seed)
    assert game.table.human == "amlo"


def test_tab_moves_the_selection_too(driver: Driver, three_saves: list[Session]) -> None:
    driver.open(SavesScene(driver.app))
    driver.key(pygame.K_TAB)
    assert driver.saves.selected == 1 and driver.focused == "row-1"
    driver.key(pygame.K_TAB)
    driver.key(pygame.K_TAB)  # past the last row: the Load button
    assert driver.focused == "load" and driver.saves.selected == 2
    driver.key(pygame.K_RETURN)
    game = board_of(driver.app)
    assert game is not None and game.table.session.game_id == three_saves[2].game_id


def test_a_click_selects_a_row_and_the_load_button_loads_it(
        driver: Driver, three_saves: list[Session], monkeypatch: pytest.MonkeyPatch) -> None:
    clock = iter([0, 10_000])  # clicks far apart: never a double click
    monkeypatch.setattr(saves_scene, "clock_ms", lambda: next(clock))
    driver.open(SavesScene(driver.app))
    driver.click(driver.saves.row_rect(1).center)
    assert driver.saves.selected == 1
    driver.click(driver.saves.row_rect(0).center)
    assert driver.saves.selected == 0
    driver.click_button("load")
    game = board_of(driver.app)
    assert game is not None
    assert game.table.session.game_id == three_saves[0].game_id and game.table.human == "trump"


def test_a_double_click_on_a_row_loads_it(
        driver: Driver, three_saves: list[Session], monkeypatch: pytest.MonkeyPatch) -> None:
    clock = iter([1_000, 1_100])  # the second click 100 ms after the first
    monkeypatch.setattr(saves_scene, "clock_ms", lambda: next(clock))
    driver.open(SavesScene(driver.app))
    center = driver.saves.row_rect(2).center
    driver.click(center)
    driver.click(center)
    game = board_of(driver.app)
    assert game is not None and game.table.session.game_id == three_saves[2].game_id


def test_back_returns_to_the_previous_screen(driver: Driver, three_saves: list[Session]) -> None:
    driver.open(SavesScene(driver.app))
    driver.key(pygame.K_ESCAPE)
    assert driver.app.scene.name == "title"
    driver.open(SavesScene(driver.app))
    driver.click_button("back")
    assert driver.app.scene.name == "title"


def test_delete_asks_first_and_cancel_keeps_the_file(
        driver: Driver, three_saves: list[Session]) -> None:
    driver.open(SavesScene(driver.app))
    driver.key(pygame.K_DOWN)
    target = driver.saves.saves[1].path
    driver.key(pygame.K_d)
    question = driver.app.scene
    assert isinstance(question, ConfirmOverlay)
    assert question.heading == "Delete 'ended'? This cannot be undone."
    assert question.message == "The file ended.json will be removed."
    assert {i.name for i in question.focus.items} == {"confirm", "cancel"}
    driver.key(pygame.K_n)
    assert driver.app.scene.name == "saves" and target.exists()
    driver.key(pygame.K_DELETE)
    assert driver.app.scene.name == "confirm"
    driver.key(pygame.K_ESCAPE)  # Esc cancels the question, not the screen
    assert driver.app.scene.name == "saves"
    driver.key(pygame.K_d)
    driver.click_button("cancel")
    assert driver.app.scene.name == "saves" and target.exists()
    assert len(driver.saves.saves) == 3 and driver.saves.selected == 1


def test_confirmed_delete_removes_the_file_and_its_backup(
        driver: Driver, three_saves: list[Session]) -> None:
    folder = driver.app.save_dir
    three_saves[0].save("game-b")  # saving again keeps the previous version as .bak
    backup = folder / "game-b.json.bak"
    assert backup.exists()
    driver.open(SavesScene(driver.app))
    assert driver.saves.saves[0].path == folder / "game-b.json"
    driver.key(pygame.K_DELETE)
    assert "and its backup copy" in driver.app.scene.message  # type: ignore[attr-defined]
    driver.key(pygame.K_y)
    assert not (folder / "game-b.json").exists() and not backup.exists()
    assert [i.header.label for i in driver.saves.saves] == ["ended", "game-a"]
    assert "Deleted 'game-b'" in driver.saves.notice
    driver.key(pygame.K_d)
    driver.key(pygame.K_RETURN)  # Enter confirms: Delete has the focus
    assert [i.header.label for i in driver.saves.saves] == ["game-a"]
    driver.click_button("delete")
    driver.click_button("confirm")
    saves, problems = list_saves(folder)
    assert not saves and not problems and not driver.saves.rows
    assert driver.focused == "back"


def test_damaged_files_are_listed_and_cannot_be_loaded(
        driver: Driver, three_saves: list[Session]) -> None:
    folder = driver.app.save_dir
    (folder / "broken.json").write_text("{not json", encoding="utf-8")
    (folder / "future.json").write_text(json.dumps({"header": {"format": 999}}),
                                        encoding="utf-8")
    driver.open(SavesScene(driver.app))
    scene = driver.saves
    assert len(scene.saves) == 3
    assert [p.path.name for p in scene.problems] == ["broken.json", "future.json"]
    assert len(scene.rows) == 5
    driver.key(pygame.K_END)
    assert scene.selected == 4
    assert scene.load_button is not None and not scene.load_button.is_enabled
    driver.key(pygame.K_RETURN)
    assert driver.app.scene is scene
    assert scene.notice == ("The save future.json was made by a version of Unlikely Allies "
                            "newer than this one (0.1.0); update the game to load it.")
    driver.key(pygame.K_UP)
    assert scene.load_button.is_enabled is False
    driver.key(pygame.K_UP)
    assert scene.load_button.is_enabled
    driver.key(pygame.K_DOWN)
    driver.key(pygame.K_d)  # a damaged file can be deleted
    driver.key(pygame.K_y)
    assert not (folder / "broken.json").exists()
    assert [p.path.name for p in driver.saves.problems] == ["future.json"]


def test_a_save_that_fails_to_load_shows_why(driver: Driver,
                                             three_saves: list[Session]) -> None:
    path = driver.app.save_dir / "game-b.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["state"]["turn"] = 0  # the header still reads; the game does not
    path.write_text(json.dumps(raw), encoding="utf-8")
    driver.open(SavesScene(driver.app))
    assert driver.saves.saves[0].path == path
    driver.key(pygame.K_RETURN)
    assert driver.app.scene.name == "saves"
    assert driver.saves.notice == "The save game-b.json is damaged: state.turn: 0 is less than 1."
    panel = driver.saves.layout()["panel"]  # the notice took room from the list
    assert panel.bottom < driver.saves.layout()["notice"].y
    for _i, rect in driver.saves.visible():
        assert panel.contains(rect)


def test_an_empty_folder_says_there_are_no_saves(driver: Driver) -> None:
    driver.open(SavesScene(driver.app))
    scene = driver.saves
    assert not scene.rows and driver.focused == "back"
    assert scene.load_button is not None and not scene.load_button.is_enabled
    driver.key(pygame.K_RETURN)
    assert driver.app.scene.name == "title"


def test_a_long_list_scrolls_with_the_selection(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    d = Driver(tmp_path, text_size=3)
    try:
        for i in range(12):
            make_save(d.content, d.app.save_dir, monkeypatch, seed=i + 1, turns=1,
                      label=f"game-{i:02d}", when=f"2024-02-{i + 1:02d}T10:00:00+00:00")
        d.open(SavesScene(d.app))
        scene = d.saves
        assert scene.view.scrolling and len(scene.visible()) < 12
        panel = scene.layout()["panel"]
        d.key(pygame.K_END)
        shown = [i for i, _r in scene.visible()]
        assert scene.selected == 11 and 11 in shown and scene.view.first > 0
        for _i, rect in scene.visible():
            assert panel.contains(rect.inflate(6, 6))  # focus ring included
        d.key(pygame.K_HOME)
        assert scene.view.first == 0 and scene.selected == 0
        for _ in range(11):
            d.key(pygame.K_DOWN)
        assert scene.selected == 11 and 11 in [i for i, _r in scene.visible()]
        d.key(pygame.K_RETURN)
        game = board_of(d.app)
        assert game is not None and game.table.session.label == "game-00"
    finally:
        pygame.quit()


# ----------------------------------------------------------------- settings


def test_text_size_by_keyboard_applies_at_once_and_persists(driver: Driver) -> None:
    driver.open(SettingsScene(driver.app))
    assert driver.focused == "display-window"
    driver.key(pygame.K_DOWN)
    assert driver.focused == "text-0"
    driver.key(pygame.K_RIGHT)
    driver.key(pygame.K_RIGHT)
    assert driver.focused == "text-2"
    driver.key(pygame.K_RETURN)
    assert driver.app.scale == theme.TEXT_SCALES[2]
    assert driver.app.settings.text_size == 2
    assert driver.focused == "text-2"  # the scene was rebuilt with the focus kept
    assert Settings.load(driver.settings_path).text_size == 2
    assert not driver.settings.notice
    driver.key(pygame.K_DOWN)
    assert driver.focused == "animation-off"
    driver.key(pygame.K_RIGHT)
    driver.key(pygame.K_RETURN)
    assert driver.app.settings.animation == "fast" and driver.focused == "animation-fast"
    assert Settings.load(driver.settings_path).animation == "fast"
    driver.key(pygame.K_DOWN)
    assert driver.focused == "effects-exact"
    driver.key(pygame.K_RIGHT)
    driver.key(pygame.K_RETURN)
    assert driver.app.settings.effects == "direction"
    assert Settings.load(driver.settings_path).effects == "direction"
    driver.key(pygame.K_DOWN)
    assert driver.focused == "sound-medium"
    driver.key(pygame.K_DOWN)
    assert driver.focused == "language-en"  # the game speaks two languages
    driver.key(pygame.K_DOWN)
    assert driver.focused == "back"
    driver.key(pygame.K_RETURN)
    assert driver.app.scene.name == "title"


def test_text_size_animation_and_window_by_mouse(driver: Driver) -> None:
    driver.open(SettingsScene(driver.app))
    driver.click_button("text-3")
    assert driver.app.scale == theme.TEXT_SCALES[3] and driver.focused == "text-3"
    driver.click_button("text-1")
    assert driver.app.scale == theme.TEXT_SCALES[1]
    driver.click_button("animation-normal")
    driver.click_button("display-full")
    assert driver.app.settings.fullscreen and driver.focused == "display-full"
    stored = Settings.load(driver.settings_path)
    assert (stored.text_size, stored.animation, stored.fullscreen) == (1, "normal", True)
    assert stored.animation_seconds == Settings(animation="normal").animation_seconds
    driver.click_button("display-window")
    assert Settings.load(driver.settings_path).fullscreen is False
    driver.key(pygame.K_ESCAPE)
    assert driver.app.scene.name == "title"


def test_a_settings_file_that_cannot_be_written_is_reported(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    d = Driver(tmp_path, settings_path=blocker / "settings.json")
    try:
        d.open(SettingsScene(d.app))
        d.click_button("text-2")
        assert d.app.scale == theme.TEXT_SCALES[2]  # applied all the same
        assert "not kept" in d.settings.notice and "settings.json" in d.settings.notice
        d.step()
    finally:
        pygame.quit()


# ----------------------------------------------------------------- layout


def _assert_laid_out(scene: Scene, size: tuple[int, int]) -> None:
    """Every widget inside the window, no two widgets on top of each other, and every
    button label in the font (pygame_gui draws those, not draw.text)."""
    label_font = theme.font(scene.px(16), True)
    for item in scene.focus.items:
        if item.button is not None:
            draw._check(True, item.button.text)
            assert label_font.size(item.button.text)[0] <= item.rect().width - 12, item.name
    window = pygame.Rect((0, 0), size)
    rects = [(item.name, item.rect()) for item in scene.focus.items]
    rects = [(name, rect) for name, rect in rects if rect.width]
    for name, rect in rects:
        assert window.contains(rect), (name, rect)
    for i, (name, rect) in enumerate(rects):
        for other, other_rect in rects[i + 1:]:
            assert not rect.colliderect(other_rect), (name, other)


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
@pytest.mark.parametrize("text_size", [0, 1, 2, 3])
def test_both_screens_lay_out_with_every_glyph(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                size: tuple[int, int], text_size: int) -> None:
    d = Driver(tmp_path, size=size, text_size=text_size)
    draw.CHECK_GLYPHS = True
    draw.MISSING.clear()
    draw._KNOWN.clear()  # check every character again, whatever other tests drew
    try:
        for i in range(9):
            make_save(d.content, d.app.save_dir, monkeypatch, seed=i + 1, turns=i,
                      finish=i == 4, label=f"A save with a long label, number {i}",
                      human="trump" if i % 2 else "amlo",
                      when=f"2024-03-{i + 1:02d}T10:00:00+00:00")
        (d.app.save_dir / "broken.json").write_text("", encoding="utf-8")
        d.open(SavesScene(d.app))
        scene = d.saves
        _assert_laid_out(scene, size)
        panel = scene.layout()["panel"]
        for _i, rect in scene.visible():
            assert panel.contains(rect.inflate(6, 6))
        help_right = scene.bottom_buttons()[-1][3].x
        assert help_right > panel.x + 200
        d.key(pygame.K_END)
        d.key(pygame.K_d)
        _assert_laid_out(scene, size)
        question = d.app.scene
        assert isinstance(question, ConfirmOverlay)
        box, _buttons = question.layout()
        assert pygame.Rect((0, 0), size).contains(box)
        for item in question.focus.items:
            assert box.contains(item.rect())
        d.key(pygame.K_n)
        d.app.router.apply(Pop())
        d.open(SettingsScene(d.app))
        _assert_laid_out(d.settings, size)
        for item in d.settings.focus.items:  # the outline of the current value too
            assert pygame.Rect((0, 0), size).contains(item.rect().inflate(8, 8))
            assert item.button is not None
            margin = (item.rect().width - theme.font(d.settings.px(16), True)
                      .size(item.button.text)[0]) // 2
            assert margin >= round(28 * d.app.scale), item.name  # room for the check mark
        d.app.render()
        for folder in ("empty",):
            d.app.save_dir = tmp_path / folder
            d.app.router.apply(Reset(TitleScene(d.app)))
            d.open(SavesScene(d.app))
            d.app.render()
    finally:
        draw.CHECK_GLYPHS = False
        pygame.quit()
    assert not draw.MISSING, f"characters without a glyph in the font: {sorted(draw.MISSING)}"


def test_the_seed_box_shows_each_key_in_the_frame_it_was_typed(tmp_path: Path) -> None:
    """The picture of the seed box changes with every key, not one key late."""
    from game.ui.scenes.setup import SetupScene

    d = Driver(tmp_path)
    try:
        d.open(SetupScene(d.app))
        entry = d.app.scene.seed_entry
        assert entry is not None
        d.click(entry.rect.center)

        def shown() -> bytes:
            return pygame.image.tobytes(d.app.window.subsurface(entry.rect), "RGB")

        before = shown()
        for char in "427":
            pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.key.key_code(char),
                                                 mod=0, unicode=char, scancode=0))
            pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=char))
            d.app.step()  # one frame
            now = shown()
            assert now != before, char
            before = now
        assert entry.get_text() == "427"
        d.app.step()
        assert shown() == before  # nothing was left to show
    finally:
        pygame.quit()
