"""Every screen at every text size, at the smallest window that text size allows, at
1280×720 and at 1920×1080: no text cut or hidden under a button, no text smaller than
at the normal size, no button label wider than its button, and every text at least
4.5:1 against what it is drawn on. Measured on the drawn frame, not assumed from the
theme (see tests/legibility.py)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

pygame = pytest.importorskip("pygame")

from game.ui import audit, draw, theme  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.main import make_app  # noqa: E402
from game.ui.screenshot import SCENES, _transition  # noqa: E402
from game.ui.settings import Settings  # noqa: E402
from tests.legibility import problems, text_problems  # noqa: E402

#: Two games at different months, so that different cards, news and endings are drawn;
#: one of them in Spanish too (it runs about a fifth longer than English).
STATES = (("en", 2, 3), ("en", 7, 9), ("es", 2, 3))


def sizes(text_size: int) -> list[tuple[int, int]]:
    """The window sizes a text size is checked at."""
    return sorted({theme.MIN_SIZES[text_size], (1280, 720), (1920, 1080)})


@pytest.fixture
def app_at(tmp_path: Path) -> Iterator[object]:
    made: list[App] = []

    def make(size: tuple[int, int], text_size: int, language: str = "en") -> App:
        app = make_app(size=size, settings=Settings(text_size=text_size, animation="off"),
                       settings_path=tmp_path / "settings.json", save_dir=tmp_path / "saves",
                       offscreen=True, language=language)
        assert app.load_content().content is not None
        made.append(app)
        return app

    yield make
    pygame.quit()
    from game import i18n

    i18n.set_translator(i18n.ENGLISH)


@pytest.mark.slow  # three windows of every scene at every text size: CI's second pass
@pytest.mark.parametrize("language,seed,turn", STATES)
def test_every_screen_is_legible_at_every_text_size(app_at: object, language: str, seed: int,
                                                    turn: int) -> None:
    normal: dict[tuple[tuple[int, int], str], list[audit.Drawn]] = {}
    found: list[str] = []
    for text_size in range(len(theme.TEXT_SCALES)):
        for size in sizes(text_size):
            app = app_at(size, text_size, language)  # type: ignore[operator]
            for scene in SCENES:
                app.router.apply(_transition(app, scene, "amlo", seed, turn, "full_term"))
                app.step()
                wrong, drawn = problems(app, normal.get((size, scene)) if text_size else None)
                if not text_size:
                    normal[size, scene] = drawn
                found += [f"{size[0]}x{size[1]} text {text_size} {scene}: {p}" for p in wrong]
    assert found == [], "\n".join(found)


def test_the_measures_catch_cut_and_faint_text(app_at: object) -> None:
    """The checks themselves: text in a box too small for it is reported cut, and dark
    grey on the dark background too faint."""
    app = app_at((1280, 720), 0)  # type: ignore[operator]
    surface = app.window
    surface.fill(theme.BG)
    audit.DRAWN = []
    try:
        draw.text(surface, "A sentence far too long for the narrow box it is given",
                  pygame.Rect(10, 10, 120, 20), 16, theme.TEXT, max_lines=1)
        draw.text(surface, "Faint words", pygame.Rect(10, 60, 300, 30), 16, (60, 66, 74))
        drawn = audit.DRAWN
    finally:
        audit.DRAWN = None
    found = text_problems(drawn)
    assert any(p.startswith("cut:") for p in found), found
    assert any(p.startswith("contrast") and "Faint" in p for p in found), found


def test_larger_text_needs_and_gets_a_larger_window(app_at: object) -> None:
    """The window never gets smaller than the chosen text size lays out in."""
    app = app_at((1280, 720), 3)  # type: ignore[operator]
    app.resize((800, 500))
    assert app.size == theme.MIN_SIZES[3]


def test_the_buttons_colours_are_legible_in_every_state() -> None:
    """pygame_gui draws its buttons' words itself: each state's text against its own
    background in assets/theme.json, at 4.5:1 or more (disabled buttons too)."""
    import json

    from game.paths import assets_dir
    from tests.legibility import CONTRAST, contrast

    def rgb(value: str) -> tuple[int, int, int]:
        return int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16)

    theme_data = json.loads((assets_dir() / "theme.json").read_text(encoding="utf-8"))
    colours = theme_data["defaults"]["colours"]
    low = {state: round(contrast(rgb(colours[f"{state}_text"]), rgb(colours[f"{state}_bg"])), 2)
           for state in ("normal", "hovered", "disabled", "selected", "active")
           if contrast(rgb(colours[f"{state}_text"]), rgb(colours[f"{state}_bg"])) < CONTRAST}
    assert low == {}
