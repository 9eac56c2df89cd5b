"""Test profiles and markers shared by every test file."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, settings

from tests.databases import KINDS, database

if TYPE_CHECKING:
    from game.models.bundle import Content
    from game.server.rooms import Hub
    from game.ui.app import App
    from tests.server import Server

# The game speaks the system's language by default: the tests, and the games they
# start, speak English unless a test asks otherwise.
for _variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE", "UNLIKELY_ALLIES_LANG"):
    os.environ.pop(_variable, None)
os.environ["LANG"] = "C.UTF-8"
# ...and load no mods but those a test installs: the mods folder of whoever runs them is
# not read (a test that needs mods sets the variable to its own folder).
os.environ["UNLIKELY_ALLIES_MODS_DIR"] = str(Path(__file__).resolve().parent / "fixtures"
                                             / "no-mods")

# Every property and fuzzing test is reproducible: the same cases on every run, no
# example database, no deadline (a loaded CI machine must not turn speed into failure).
_COMMON = {
    "derandomize": True,
    "database": None,
    "deadline": None,
    "print_blob": True,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                              HealthCheck.data_too_large, HealthCheck.large_base_example],
}
settings.register_profile("quick", **_COMMON)
settings.register_profile("thorough", **_COMMON)
settings.load_profile("quick")


@pytest.fixture(autouse=True)
def _english_after_each_test() -> Iterator[None]:
    """A test that chose a language (a command run with --lang) leaves English behind."""
    yield
    from game import i18n

    i18n.set_translator(i18n.ENGLISH)


@pytest.fixture(scope="module")
def content() -> Content:
    """The base game's content, loaded once per test module."""
    from game.content import load_game_content

    loaded = load_game_content().content
    assert loaded is not None
    return loaded


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's headless Chromium through Playwright, once per test module (marker
    browser): skipped without it, or failed under UA_REQUIRE_ALL=1."""
    from tests.browser import chromium, require_browser

    require_browser()
    with chromium() as made:
        yield made


@pytest.fixture
def app(tmp_path: Path) -> Iterator[App]:
    """A window's app, offscreen, with its settings and saves in `tmp_path` (pygame is
    imported only by the tests that ask for it)."""
    import pygame

    from game.ui.main import make_app
    from game.ui.settings import Settings

    made = make_app(settings=Settings(animation="off"), settings_path=tmp_path / "s.json",
                    save_dir=tmp_path / "saves", offscreen=True)
    assert made.load_content().content is not None
    yield made
    pygame.quit()


# ---------------------------------------------------------------- the game server


@pytest.fixture(params=KINDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh database for the server: SQLite, and PostgreSQL (marker postgres)."""
    with database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def hub(db_url: str, content: Content) -> Iterator[Hub]:
    """The server's rooms over a fresh database, on a clock the test moves."""
    from game.server.clock import FakeClock
    from game.server.rooms import Hub
    from game.server.store import Store

    made = Hub(Store(db_url), content, FakeClock())
    yield made
    made.store.close()


@pytest.fixture
def room(tmp_path: Path) -> Iterator[tuple[Server, str, str]]:
    """A real server with a room: the server, the room's code, the facilitator's token."""
    from tests.browser import facilitator
    from tests.server import start

    server = start(tmp_path, "--new-room", "Class 3B")
    try:
        code, token = facilitator(server)
        yield server, code, token
    finally:
        server.stop()
