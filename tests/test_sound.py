"""Sound effects on SDL's dummy audio driver: each one is made for the mixer's format and
plays; the volume and mute apply; with no audio device the game is silent and says why.

Assertions are on the sounds made (their length, their loudness, their first and last
samples) and on what `play` started, never on time: no test waits for a sound to end.
"""

from __future__ import annotations

import ast
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

pygame = pytest.importorskip("pygame")

from game.models.bundle import Content  # noqa: E402
from game.session import Session  # noqa: E402
from game.ui import theme  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.main import make_app  # noqa: E402
from game.ui.router import Reset  # noqa: E402
from game.ui.scenes.end import ENDING_SOUNDS  # noqa: E402
from game.ui.scenes.settings import SettingsScene  # noqa: E402
from game.ui.settings import Settings  # noqa: E402
from game.ui.sound import EFFECTS, ENCODINGS, PEAK, RECIPES, Sounds, synthesize  # noqa: E402
from game.ui.window import open_window  # noqa: E402
from tests.ui_driver import Driver  # noqa: E402

#: How long each effect is meant to last, in seconds (the issue's brief).
LENGTHS = {"card": (0.08, 0.12), "reveal": (0.25, 0.35), "news": (0.2, 0.3),
           "compromise": (0.8, 1.0), "collision": (0.8, 1.0)}


@pytest.fixture(autouse=True)
def no_mixer() -> Iterator[None]:
    """Every test starts and ends with the mixer stopped, so none sees another's."""
    pygame.mixer.quit()
    yield
    pygame.mixer.quit()


def frames(name: str, rate: int) -> int:
    """How many sample frames the effect `name` has at `rate`."""
    return round(RECIPES[name][0] * rate)


def test_every_effect_is_made_for_the_mixers_format_and_plays() -> None:
    sounds = Sounds()
    for name in EFFECTS:
        assert sounds.play(name) is not None, name
    assert not sounds.problem
    rate, size, channels = pygame.mixer.get_init()
    for name in EFFECTS:
        raw = sounds.cache[name].get_raw()
        assert len(raw) == frames(name, rate) * channels * abs(size) // 8, name
        low, high = LENGTHS[name]
        assert low <= sounds.cache[name].get_length() <= high, name


@pytest.mark.parametrize(("rate", "size", "channels"), [
    (22050, -16, 1), (48000, 16, 2), (44100, 8, 2), (44100, -8, 1), (32000, 32, 2),
    (44100, -16, 6)])
def test_effects_follow_whatever_format_the_device_opened(rate: int, size: int,
                                                          channels: int) -> None:
    pygame.mixer.init(frequency=rate, size=size, channels=channels, allowedchanges=0)
    rate, size, channels = pygame.mixer.get_init()  # 32 (float) reads back as -32
    sounds = Sounds()
    for name in ("card", "news"):  # the shortest two: every effect is encoded alike
        assert sounds.play(name) is not None, name
        raw = sounds.cache[name].get_raw()
        assert len(raw) == frames(name, rate) * channels * abs(size) // 8, name
        code, _full, silence = ENCODINGS[size]
        if code in "Bb":  # the first frame is silence on every channel
            assert list(raw[:channels]) == [int(silence) % 256] * channels


def test_a_mixer_started_anew_gets_sounds_made_for_it() -> None:
    sounds = Sounds()
    sounds.play("card")
    pygame.mixer.quit()
    pygame.mixer.init(frequency=22050, channels=1, allowedchanges=0)
    assert sounds.play("card") is not None
    assert len(sounds.cache["card"].get_raw()) == frames("card", 22050) * 2


def test_every_effect_is_quiet_and_starts_and_ends_at_silence() -> None:
    for name in EFFECTS:
        samples = synthesize(name, 44100)
        loudest = max(abs(v) for v in samples)
        assert 0.2 <= loudest <= PEAK <= 0.5, name  # audible, well below full scale
        assert samples[0] == 0.0 and abs(samples[-1]) < 1e-9, name
        # eased in and out: no sudden start or stop, which would click
        assert max(abs(v) for v in samples[:9]) < 0.15 * PEAK, name  # the first 0.2 ms
        assert max(abs(v) for v in samples[-44:]) < 0.05 * PEAK, name  # the last 1 ms
    assert synthesize("reveal", 44100) == synthesize("reveal", 44100)  # the same each run


def test_the_volume_applies_to_the_next_sound() -> None:
    sounds = Sounds(volume=35)
    sounds.play("card")
    step = 1 / 128  # SDL_mixer keeps 128 volume steps
    assert sounds.cache["card"].get_volume() == pytest.approx(0.35 ** 2, abs=step)
    sounds.set_volume(100, muted=False)
    sounds.play("card")
    assert sounds.cache["card"].get_volume() == pytest.approx(1.0, abs=step)
    sounds.set_volume(70, muted=False)
    sounds.play("news")
    assert sounds.cache["news"].get_volume() == pytest.approx(0.7 ** 2, abs=step)


def test_muted_or_at_nought_nothing_plays() -> None:
    sounds = Sounds(volume=70, muted=True)
    assert sounds.play("card") is None
    assert not sounds.cache and pygame.mixer.get_init() is None  # not even started
    sounds.set_volume(70, muted=False)
    assert sounds.play("card") is not None
    pygame.mixer.stop()
    sounds.set_volume(70, muted=True)
    assert sounds.play("card") is None and not pygame.mixer.get_busy()
    assert sounds.volume == 70  # muting keeps the volume
    sounds.set_volume(0, muted=False)
    assert sounds.play("card") is None and not pygame.mixer.get_busy()
    sounds.set_volume(250, muted=False)
    assert sounds.volume == 100


def test_an_unknown_name_plays_nothing_and_raises_nothing() -> None:
    sounds = Sounds()
    assert sounds.play("trumpet") is None
    assert "trumpet" not in sounds.cache


def test_no_audio_device_means_silence_and_a_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    tries: list[int] = []

    def no_device(*_args: object, **_kwargs: object) -> None:
        """What pygame.mixer.init does on a machine with no sound card."""
        tries.append(1)
        raise pygame.error("No available audio device")

    monkeypatch.setattr(pygame.mixer, "init", no_device)
    sounds = Sounds()
    for name in EFFECTS:
        assert sounds.play(name) is None
    assert sounds.problem == "No sound: No available audio device."
    assert tries == [1]  # tried once, not at every sound
    sounds.set_volume(100, muted=False)
    assert sounds.play("card") is None and not sounds.cache


def test_an_audio_driver_that_is_not_there_means_silence(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SDL_AUDIODRIVER", "no-such-driver")
    sounds = Sounds()
    assert sounds.play("reveal") is None
    assert sounds.problem.startswith("No sound: ") and "no-such-driver" in sounds.problem


def test_a_pygame_without_its_mixer_means_silence(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing() -> None:
        """What pygame does when it was built without SDL_mixer."""
        raise NotImplementedError("mixer module not available")

    monkeypatch.setattr(pygame.mixer, "get_init", missing)
    sounds = Sounds()
    assert sounds.play("card") is None and "mixer module not available" in sounds.problem


# ----------------------------------------------------------------- the settings


def test_volume_and_mute_are_kept_between_runs(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    assert Settings.load(path) == Settings()  # no file: the defaults
    assert (Settings().volume, Settings().muted) == (70, False)
    assert Settings(volume=35, muted=True, text_size=2).save(path) is None
    stored = Settings.load(path)
    assert (stored.volume, stored.muted, stored.text_size) == (35, True, 2)
    assert json.loads(path.read_text(encoding="utf-8"))["volume"] == 35


@pytest.mark.parametrize("volume", [-1, 101, "70", 50.5, True, None, [70]])
@pytest.mark.parametrize("muted", ["yes", 1, None, 0])
def test_bad_stored_sound_settings_fall_back_to_the_defaults(
        tmp_path: Path, volume: object, muted: object) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"volume": volume, "muted": muted, "animation": "fast"}),
                    encoding="utf-8")
    stored = Settings.load(path)
    assert (stored.volume, stored.muted) == (70, False)
    assert stored.animation == "fast"  # the good values are kept all the same


def test_a_settings_file_from_before_sound_keeps_its_values(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"fullscreen": True, "text_size": 3}), encoding="utf-8")
    stored = Settings.load(path)
    assert (stored.fullscreen, stored.text_size, stored.volume, stored.muted) == \
        (True, 3, 70, False)


# ----------------------------------------------------------------- the window


def test_the_window_sounds_at_the_stored_volume_and_follows_a_change(tmp_path: Path) -> None:
    app = make_app(settings=Settings(volume=35, muted=True, animation="off"),
                   settings_path=tmp_path / "s.json", save_dir=tmp_path, offscreen=True)
    try:
        assert (app.sounds.volume, app.sounds.muted) == (35, True)
        assert pygame.mixer.get_init() is None  # no mixer until the first sound
        app.start()
        app.settings.volume, app.settings.muted = 100, False
        app.apply_settings()
        assert (app.sounds.volume, app.sounds.muted) == (100, False)
        assert pygame.mixer.get_init() is None  # still none: nothing has sounded
    finally:
        app.load_content()  # the loading thread ends before pygame does
        pygame.quit()


def test_only_a_window_nobody_sees_is_given_the_silent_audio_driver(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A real window leaves SDL to find the player's sound card (the dummy video driver
    stands in for the display here); a window drawn in memory gets the dummy audio."""
    monkeypatch.delenv("SDL_AUDIODRIVER", raising=False)
    try:
        open_window((1024, 600), fullscreen=False, offscreen=False)
        assert "SDL_AUDIODRIVER" not in os.environ
        pygame.quit()
        open_window((1024, 600), fullscreen=False, offscreen=True)
        assert os.environ["SDL_AUDIODRIVER"] == "dummy"
    finally:
        pygame.quit()


# ----------------------------------------------------------------- the settings screen


def listen(app: App) -> list[tuple[str, bool]]:
    """What the window plays from now on: (effect, whether it started), in order."""
    played: list[tuple[str, bool]] = []
    real_play = app.sounds.play

    def play(name: str) -> pygame.mixer.Channel | None:
        """The real play, noted."""
        channel = real_play(name)
        played.append((name, channel is not None))
        return channel

    app.sounds.play = play  # type: ignore[method-assign]
    return played


def test_the_sound_row_mutes_sets_the_volume_and_keeps_it(tmp_path: Path) -> None:
    d = Driver(tmp_path)
    played = listen(d.app)
    try:
        d.open(SettingsScene(d.app))
        scene = d.app.scene
        assert isinstance(scene, SettingsScene)
        sound = next(row for row in scene.settings_rows() if row[0] == "sound")
        assert scene.now_words(sound[2], "medium") == "Now: Medium"
        assert sound[3] == "medium"  # the default volume, 70
        d.click_button("sound-quiet")
        assert (d.app.settings.volume, d.app.settings.muted) == (35, False)
        assert (d.app.sounds.volume, d.app.sounds.muted) == (35, False)
        assert played == [("card", True)]  # a sample at the new volume
        assert d.app.sounds.cache["card"].get_volume() == pytest.approx(0.35 ** 2, abs=1 / 128)
        stored = Settings.load(d.settings_path)
        assert (stored.volume, stored.muted) == (35, False)
        d.click_button("sound-off")
        assert (d.app.settings.volume, d.app.settings.muted) == (35, True)  # volume kept
        assert d.app.sounds.muted and played[-1] == ("card", False)  # nothing sounded
        assert next(row for row in scene.settings_rows() if row[0] == "sound")[3] == "off"
        assert d.focused == "sound-off"
        assert Settings.load(d.settings_path).muted is True
        d.key(pygame.K_RIGHT)
        d.key(pygame.K_RIGHT)
        d.key(pygame.K_RIGHT)
        assert d.focused == "sound-loud"
        d.key(pygame.K_RETURN)
        stored = Settings.load(d.settings_path)
        assert (stored.volume, stored.muted) == (100, False) and played[-1] == ("card", True)
        assert not scene.notice
    finally:
        pygame.quit()


def test_the_settings_screen_says_when_there_is_no_sound(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_device(*_args: object, **_kwargs: object) -> None:
        """What pygame.mixer.init does on a machine with no sound card."""
        raise pygame.error("No available audio device")

    monkeypatch.setattr(pygame.mixer, "init", no_device)
    d = Driver(tmp_path)
    try:
        d.open(SettingsScene(d.app))
        d.click_button("sound-loud")
        assert d.app.scene.notice == "No sound: No available audio device."
        assert Settings.load(d.settings_path).volume == 100  # kept all the same
        d.click_button("sound-off")
        assert not d.app.scene.notice  # nothing to hear, nothing missed
    finally:
        pygame.quit()


@pytest.mark.parametrize(("volume", "muted", "shown"), [
    (70, True, "off"), (0, False, "off"), (1, False, "quiet"), (50, False, "quiet"),
    (55, False, "medium"), (86, False, "loud"), (100, False, "loud")])
def test_a_stored_volume_shows_as_the_nearest_level(volume: int, muted: bool,
                                                    shown: str) -> None:
    assert Settings(volume=volume, muted=muted).sound == shown


def assert_rows_fit(scene: SettingsScene, size: tuple[int, int]) -> None:
    """Nothing overlaps, every row ends above the band beside the Back button (where a
    notice goes), and each button's label and each setting's name fit their row."""
    window = pygame.Rect((0, 0), size)
    rects = [(item.name, item.rect()) for item in scene.focus.items]
    label = theme.font(scene.px(16), True).get_linesize()
    for n, (name, rect) in enumerate(rects):
        assert window.contains(rect.inflate(8, 8)), (size, name)  # the outline too
        assert rect.height >= label, (size, name)
        assert not any(rect.colliderect(other) for _o, other in rects[n + 1:]), name
    title = theme.font(scene.px(18), True).get_linesize()
    for top, height in scene.rows_y:
        assert top + height + 4 <= scene.back_rect.y - 10, size
        assert height >= title, size


def test_the_sound_row_fits_at_every_text_size(tmp_path: Path) -> None:
    """Five rows at every text size, in the smallest window it allows and at 1280×720,
    each with its "Now: …" line."""
    d = Driver(tmp_path)
    try:
        d.open(SettingsScene(d.app))
        for text_size in range(4):
            d.app.settings.text_size = text_size
            d.app.apply_settings()
            for size in (theme.MIN_SIZES[text_size], (1280, 720)):
                d.app.resize(size)
                scene = d.app.scene
                assert isinstance(scene, SettingsScene) and d.app.size == size
                assert_rows_fit(scene, size)
                assert scene.with_now, (size, text_size)
                d.app.render()
    finally:
        pygame.quit()


def test_the_sound_row_fits_a_full_screen_smaller_than_the_least_window(
        tmp_path: Path) -> None:
    """A full screen takes the display's size, which may be under the smallest window
    the text size allows (1024×600 at the largest text): the rows grow tighter and drop
    their "Now: …" lines, and still fit."""
    d = Driver(tmp_path, text_size=3)
    try:
        d.open(SettingsScene(d.app))
        d.app.size = (1024, 600)  # what apply_settings reads from such a full screen
        d.app.manager.set_window_resolution(d.app.size)
        d.app.scene.rebuild()
        scene = d.app.scene
        assert isinstance(scene, SettingsScene)
        assert_rows_fit(scene, (1024, 600))
        assert not scene.with_now
        d.app.render()
    finally:
        pygame.quit()


# ----------------------------------------------------------------- when the window sounds


def test_every_effect_the_window_names_is_one_there_is() -> None:
    """`play` stays quiet about a name it does not know, so this is where a misspelt
    effect is caught: every `sounds.play("…")` in game/ui, and every ending's sound."""
    named = []
    for path in (Path(__file__).resolve().parent.parent / "game" / "ui").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr == "play" and ast.unparse(node.func.value) \
                    .endswith("sounds") and node.args \
                    and isinstance(node.args[0], ast.Constant):
                named.append((path.name, node.args[0].value))
    assert {"news.py", "settings.py"} <= {where for where, _name in named}
    assert [(where, name) for where, name in named if name not in EFFECTS] == []
    assert set(ENDING_SOUNDS.values()) <= set(EFFECTS)


def endings(content: Content) -> dict[str, Session]:
    """For each kind of ending, the first game of the computer against itself that ends
    that way (this pair of players reaches all four within a few seeds)."""
    found: dict[str, Session] = {}
    for seed in range(1, 300):
        session = Session.new(content, "full_term", seed,
                              {"amlo": "hard", "trump": "reciprocal"})
        while not session.over:
            if session.state.phase == "upkeep":
                session.begin_turn()
            session.resolve({})
        kind = (session.state.ending or {}).get("kind", "")
        if kind not in found:
            del session.agents["amlo"]
            found[kind] = session
        if len(found) == 4:
            break
    return found


def test_each_ending_sounds_once_when_it_is_first_shown(tmp_path: Path) -> None:
    d = Driver(tmp_path)
    played = listen(d.app)
    try:
        games = endings(d.content)
        for kind, effect in (("compromise", "compromise"), ("collision", "collision"),
                             ("domestic_defeat", "collision"), ("term_end", None)):
            played.clear()
            d.app.router.apply(Reset(d.app.make("end", games[kind], "amlo")))
            d.step()
            assert [name for name, _started in played] == ([effect] if effect else []), kind
            d.open(d.app.make("help"))  # covered, then shown again
            d.key(pygame.K_ESCAPE)
            d.app.resize((1100, 700) if kind == "collision" else (1280, 720))
            d.step()
            assert d.app.scene.name == "end"
            assert len(played) == (1 if effect else 0), kind
    finally:
        pygame.quit()


def test_each_news_sounds_once_as_it_comes_up(tmp_path: Path) -> None:
    d = Driver(tmp_path)
    played = listen(d.app)
    try:
        d.key(pygame.K_RETURN)  # New game
        d.key(pygame.K_RETURN)  # Start
        heard = 0
        for _ in range(60):
            scene = d.app.scene
            if scene.name == "news":
                heard += 1
                assert [name for name, _s in played].count("news") == heard
                d.app.resize((1100, 700) if heard % 2 else (1280, 720))  # laid out anew
                d.key(pygame.K_ESCAPE)  # the menu over the news, and back
                d.key(pygame.K_ESCAPE)
                assert d.app.scene is scene
                assert [name for name, _s in played].count("news") == heard
                d.key(pygame.K_1 if scene.table.deciding() else pygame.K_RETURN)  # type: ignore[attr-defined]
                if heard == 3:
                    break
            elif scene.name == "resolution":
                d.key(pygame.K_RETURN)
            else:
                assert scene.name == "game", scene.name
                d.key(pygame.K_h)
                d.key(pygame.K_RETURN)
        assert heard == 3
        assert all(started for _name, started in played)  # on the dummy driver, each played
    finally:
        pygame.quit()
