"""The graphical game on SDL's dummy video driver, driven by real SDL events.

These tests assert on the orders the game received and the scenes it showed,
never on pixels.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

pygame = pytest.importorskip("pygame")

from game.core.state import OVER  # noqa: E402
from game.persistence.store import list_saves  # noqa: E402
from game.ui import draw  # noqa: E402
from game.ui.main import make_app  # noqa: E402
from game.ui.scenes.game.board import BoardScene  # noqa: E402
from game.ui.settings import Settings  # noqa: E402
from game.ui.table import Table  # noqa: E402
from tests.ui_driver import Driver as BaseDriver  # noqa: E402


class Driver(BaseDriver):
    """The shared driver, with the game's board and table at hand."""

    @property
    def board(self) -> BoardScene:
        boards = [scene for scene in self.app.scenes if isinstance(scene, BoardScene)]
        assert boards, [scene.name for scene in self.app.scenes]
        return boards[0]

    @property
    def table(self) -> Table:
        return self.board.table

    @property
    def top(self) -> str:
        """The scene on top: game (the board), news, resolution, why, menu, end, ..."""
        return self.app.scene.name

    def read_the_news(self) -> None:
        """Decide on each of the month's news (the first option), read the rest."""
        for _ in range(10):
            if self.top != "news":
                return
            self.key(pygame.K_1 if self.table.deciding() else pygame.K_RETURN)


@pytest.fixture
def driver(tmp_path: Path) -> Iterator[Driver]:
    d = Driver(tmp_path)
    yield d
    pygame.quit()


def human_orders(table: Table) -> list[dict[str, object]]:
    return [o for o in table.session.orders if o["side"] == table.human]


def test_a_whole_game_by_keys_alone(driver: Driver) -> None:
    driver.key(pygame.K_RETURN)  # New game
    assert driver.app.scene.name == "setup"
    driver.key(pygame.K_RETURN)  # Start (focused)
    session = driver.table.session
    for _ in range(400):
        if driver.app.scene.name == "end":
            break
        if driver.top == "news":
            driver.key(pygame.K_1 if driver.table.deciding() else pygame.K_RETURN)
        elif driver.top == "game":
            driver.key(pygame.K_1)
            before = len(session.orders)
            driver.key(pygame.K_RETURN)
            if len(session.orders) == before:  # the first card could not be played: hold
                driver.key(pygame.K_h)
                driver.key(pygame.K_RETURN)
        elif driver.top == "resolution":
            driver.key(pygame.K_RETURN)
        else:
            pytest.fail(f"unexpected scene {driver.top}")
    assert driver.app.scene.name == "end"
    assert session.state.phase == OVER
    turns = {o["turn"] for o in session.orders if o["side"] == "amlo" and o["order"] != "choose"}
    assert turns == set(range(1, session.state.turn + 1))
    assert driver.seen[:2] == ["title", "setup"] and driver.seen[-1] == "end"
    assert {"game", "news", "resolution"} <= set(driver.seen)


def test_a_whole_game_by_mouse_clicks(driver: Driver) -> None:
    driver.click_button("new")
    assert driver.app.scene.name == "setup"
    driver.click(driver.app.scene.side_rects["trump"].center)  # type: ignore[attr-defined]
    driver.click_button("agent-hard")
    driver.click_button("start")
    table = driver.table
    assert table.human == "trump" and table.session.agents["amlo"].kind == "lookahead"
    assert table.session.agents["amlo"].difficulty == "hard"
    session = table.session
    for _ in range(400):
        if driver.app.scene.name == "end":
            break
        if driver.top == "news":
            driver.click_button("option-0" if driver.table.deciding()
                                else "continue")
        elif driver.top == "game":
            before = len(session.orders)
            hand = table.hand()
            for index in range(len(hand) + 1):  # the first playable card, else hold
                driver.click(driver.board.card_rects[index].center)
                driver.click_button("play")
                if len(session.orders) > before:
                    break
        elif driver.top == "resolution":
            driver.click_button("continue")
    assert driver.app.scene.name == "end"
    played = [o for o in human_orders(table) if o["order"] in ("play", "hold")]
    assert len(played) == session.state.turn


def hold_through_the_first_month(driver: Driver) -> Table:
    """New game from the title, answer the news, hold, close the resolution."""
    driver.key(pygame.K_RETURN)
    driver.key(pygame.K_RETURN)
    driver.read_the_news()
    driver.key(pygame.K_h)
    driver.key(pygame.K_RETURN)  # hold: turn 1 resolves, autosave
    assert driver.top == "resolution"
    driver.key(pygame.K_RETURN)  # close the resolution
    return driver.table


def test_save_with_ctrl_s_then_continue_from_the_title(driver: Driver) -> None:
    hold_through_the_first_month(driver)
    driver.key(pygame.K_s, mod=pygame.KMOD_CTRL)
    assert "Saved as" in driver.table.notice
    saves, problems = list_saves(driver.app.save_dir)
    assert not problems and any(s.header.label.startswith("turn-2") for s in saves)
    turn, seed = driver.table.state.turn, driver.table.state.seed
    driver.key(pygame.K_ESCAPE)  # menu
    driver.click_button("title")
    assert driver.app.scene.name == "title"
    driver.click_button("continue")
    loaded = driver.table
    assert (loaded.state.turn, loaded.state.seed) == (turn, seed)


def test_why_did_it_move_lists_causes(driver: Driver) -> None:
    from game.ui.scenes.game.why import WhyOverlay

    hold_through_the_first_month(driver)
    driver.read_the_news()
    driver.click(driver.board.meter_rects["capital.amlo"].center)
    why = driver.app.scene
    assert isinstance(why, WhyOverlay) and why.meter == "capital.amlo"
    title, lines = why.lines()  # what the overlay draws
    assert title == "Why did AMLO capital move?"
    assert any("held: capital banked" in line for line in lines)
    assert any(line.startswith("Turn 1, ") for line in lines)
    assert all("AMLO capital" in line for line in lines)  # that meter only
    driver.key(pygame.K_ESCAPE)
    assert driver.top == "game"
    driver.key(pygame.K_w)  # W explains every number, not one meter
    why = driver.app.scene
    assert isinstance(why, WhyOverlay) and why.meter is None
    title, lines = why.lines()
    assert title == "Why did the numbers move?"
    assert any("held: capital banked" in line for line in lines)
    assert any("trust" in line for line in lines), lines


def test_help_opens_with_f1_and_closes_with_esc(driver: Driver) -> None:
    driver.key(pygame.K_F1)
    assert driver.app.scene.name == "help"
    driver.key(pygame.K_ESCAPE)
    assert driver.app.scene.name == "title"


def test_help_turns_to_the_models_assumptions_and_back(driver: Driver) -> None:
    from game.ui.scenes.help import about_sections

    driver.key(pygame.K_F1)
    scene = driver.app.scene
    driver.click_button("page")
    assert scene.page == "about"  # type: ignore[attr-defined]
    content = driver.app.content_if_loaded
    assert content is not None and content.assumptions
    headings = [heading for heading, _text in about_sections(content)]
    assert headings == [a.heading for a in content.assumptions.values()]
    driver.key(pygame.K_a)
    assert scene.page == "rules"  # type: ignore[attr-defined]
    driver.key(pygame.K_ESCAPE)
    assert driver.app.scene.name == "title"


def test_window_resize_lays_the_scene_out_again(driver: Driver) -> None:
    driver.key(pygame.K_RETURN)
    driver.key(pygame.K_RETURN)
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=1920, h=1080, size=(1920, 1080)))
    driver.step()
    assert driver.app.size == (1920, 1080)
    assert driver.app.manager.window_resolution == (1920, 1080)


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
@pytest.mark.parametrize("text_size", [0, 3])
def test_every_scene_renders_with_every_glyph(tmp_path: Path, size: tuple[int, int],
                                              text_size: int) -> None:
    from game.ui.screenshot import SCENES, render

    draw.CHECK_GLYPHS = True
    draw.MISSING.clear()
    draw._KNOWN.clear()  # check every character again, whatever other tests drew
    try:
        for scene in SCENES:
            out = render(scene, tmp_path / f"{scene}.png", seed=2, turn=3, size=size,
                         text_size=text_size, save_dir=tmp_path / "saves")
            assert out.stat().st_size > 5000, scene
    finally:
        draw.CHECK_GLYPHS = False
    assert not draw.MISSING, f"characters without a glyph in the font: {sorted(draw.MISSING)}"


def test_broken_content_shows_its_diagnostics_instead_of_crashing(tmp_path: Path) -> None:
    pack = tmp_path / "broken"
    (pack / "cards").mkdir(parents=True)
    (pack / "pack.yaml").write_text('id: broken\nname: B\nversion: 1.0.0\nauthors: [me]\n'
                                    'game: ">=0.1"\ndepends: [core]\n')
    (pack / "cards" / "bad.yaml").write_text("cards:\n  - id: amlo_x\n    side: amlo\n"
                                             "    title: [unclosed\n")
    app = make_app(settings=Settings(animation="off"), settings_path=tmp_path / "s.json",
              save_dir=tmp_path / "saves", packs=[pack], offscreen=True)
    app.start()
    app.load_content()  # waits for the background load, which then posts its event
    app.step()
    assert app.scene.name == "error"
    errors = app.scene.errors  # type: ignore[attr-defined]
    assert any(e.code == "yaml-syntax" and e.file.endswith("bad.yaml") for e in errors)
    app.render()
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_ESCAPE, mod=0,
                                         unicode="", scancode=0))
    app.step()
    assert not app.running
    pygame.quit()


def test_the_news_dialog_leads_with_everything_the_news_changed(driver: Driver) -> None:
    """The dialog's first lines after the story are all of this news's own changes,
    before the month's routine; nothing is cut."""
    driver.key(pygame.K_RETURN)
    driver.key(pygame.K_RETURN)
    checked = 0
    for _ in range(60):
        if driver.app.scene.name == "end" or checked >= 3:
            break
        table = driver.table
        if driver.top == "news":
            event = table.content.events[table.shown_news() or ""]
            own = [c for c in table.state.ledger
                   if c[0] == table.state.turn and c[5] == f"event:{event.id}"]
            paragraphs = [p[0] for p in driver.app.scene.paragraphs(event)]  # type: ignore[attr-defined]
            assert paragraphs[0] == event.text
            if own:
                assert paragraphs[1].startswith("This news: ")
                for _turn, meter, delta, _b, _a, _cause in own:
                    if not meter.startswith("agreement."):
                        assert f"{delta:+d}" in paragraphs[1], (meter, paragraphs[1])
                assert paragraphs[1].count(",") == len(own) - 1  # all of them, no "more"
                checked += 1
            driver.key(pygame.K_1 if driver.table.deciding() else pygame.K_RETURN)
        elif driver.top == "resolution":
            driver.key(pygame.K_RETURN)
        else:
            driver.key(pygame.K_h)
            driver.key(pygame.K_RETURN)
    assert checked >= 1


def test_the_resolution_is_labelled_with_the_month_it_resolved(driver: Driver) -> None:
    table = hold_through_the_first_month(driver)
    # Answer January's news, hold again, and look at the resolution before closing it.
    driver.read_the_news()
    resolved_month = table.state.log[-1]["month"]
    driver.key(pygame.K_h)
    driver.key(pygame.K_RETURN)
    assert driver.top == "resolution"
    label = table.month_label(table.resolving)  # what the top bar shows
    assert "what happened" in label and "January 2019" in label and resolved_month == "2019-01"


def test_a_notice_clears_at_the_next_thing_done(driver: Driver) -> None:
    hold_through_the_first_month(driver)
    driver.key(pygame.K_s, mod=pygame.KMOD_CTRL)
    assert "Saved as" in driver.table.notice
    driver.key(pygame.K_1 if driver.top == "news" and driver.table.deciding() else pygame.K_w)
    assert driver.table.notice == ""


def test_undo_a_news_decision_in_the_window(driver: Driver) -> None:
    """U (or the Undo button) takes back the decision on the news and asks it again."""
    driver.key(pygame.K_RETURN)
    driver.key(pygame.K_RETURN)
    table = driver.table
    for _ in range(40):  # to a month where the player decides on the news
        if driver.top == "news" and driver.table.deciding():
            break
        if driver.top == "news" or driver.top == "resolution":
            driver.key(pygame.K_RETURN)
        else:
            driver.key(pygame.K_h)
            driver.key(pygame.K_RETURN)
    assert driver.table.deciding()
    event, before = table.state.event, table.state.to_json()
    while driver.top == "news":  # decide on each of the month's news, read the rest
        if driver.table.deciding():
            event, before = table.state.event, table.state.to_json()
            driver.key(pygame.K_1)
        else:
            driver.key(pygame.K_RETURN)
    assert driver.top == "game" and any(i.name == "undo" for i in driver.app.scene.focus.items)
    driver.click_button("undo")
    assert driver.top == "news" and table.state.event == event and table.deciding()
    assert table.state.to_json() == before
    driver.key(pygame.K_2)  # decide otherwise this time
    choices = [o for o in table.session.orders if o["order"] == "choose" and o["side"] == "amlo"]
    assert choices[-1]["index"] == 1


def test_a_named_save_from_the_menu(driver: Driver) -> None:
    """Esc opens the menu; a name typed in its box saves under that name, with the Save
    button or with Enter in the box; the saves list shows both names."""
    hold_through_the_first_month(driver)
    driver.read_the_news()
    driver.key(pygame.K_ESCAPE)
    assert driver.top == "menu" and driver.focused == "resume"
    box = driver.app.scene.save_name  # type: ignore[attr-defined]
    assert box is not None
    driver.click(box.rect.center)
    for char in "before the tariffs":
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=char))
    driver.step()
    driver.click_button("save")
    assert driver.top in ("game", "news")
    assert "Saved as" in driver.table.notice and "before-the-tariffs" in driver.table.notice
    driver.key(pygame.K_ESCAPE)
    while driver.top == "news":
        driver.key(pygame.K_1 if driver.table.deciding() else pygame.K_RETURN)
        driver.key(pygame.K_ESCAPE)
    box = driver.app.scene.save_name  # type: ignore[attr-defined]
    assert driver.top == "menu" and box is not None
    driver.click(box.rect.center)
    for char in "second":
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=char))
    driver.key(pygame.K_RETURN)  # Enter in the box saves
    driver.step()
    assert "second" in driver.table.notice
    saves, _problems = list_saves(driver.app.save_dir)
    labels = {s.header.label for s in saves}
    assert {"before the tariffs", "second"} <= labels


def test_replay_a_finished_game_month_by_month(driver: Driver) -> None:
    """From the end screen, the game as it was played: each month's cards and meters,
    stepped with the arrow keys; Esc goes back to the end."""
    from game.session import Session
    from game.ui.scenes.end import EndScene
    from game.ui.scenes.replay import ReplayScene, meters_by_month

    session = Session.new(driver.content, "full_term", 12, {"amlo": "greedy",
                                                             "trump": "reciprocal"})
    snapshots: list[dict[str, int]] = []
    while not session.over:
        if session.state.phase == "upkeep":
            session.begin_turn()
        session.resolve({})
        snapshots.append(dict(session.state.meters))
    del session.agents["amlo"]
    driver.open(EndScene(driver.app, session, "amlo"))
    driver.click_button("replay")
    scene = driver.app.scene
    assert isinstance(scene, ReplayScene) and scene.index == 0
    by_month = meters_by_month(session)
    for k, meters in enumerate(snapshots):  # read back from the ledger, month by month
        for name in ("trust", "polls.amlo", "polls.trump"):
            assert by_month[k][name] == meters[name], (k, name)
    driver.key(pygame.K_RIGHT)
    driver.key(pygame.K_RIGHT)
    assert scene.index == 2
    record = session.state.log[2]
    text = " ".join(p[0] for p in scene.month_paragraphs())
    for side in ("amlo", "trump"):
        card = record["orders"][side]
        assert (driver.content.cards[card].title if card else "held") in text
    driver.key(pygame.K_END)
    assert scene.index == len(session.state.log) - 1
    driver.key(pygame.K_ESCAPE)
    assert driver.app.scene.name == "end"


def test_enter_acts_on_the_card_the_pointer_shows(driver: Driver) -> None:
    """A card chosen with a key, then the pointer over another: the details show that
    other card, and Enter chooses it (a second Enter plays it), never the first."""
    driver.key(pygame.K_RETURN)
    driver.key(pygame.K_RETURN)
    driver.read_the_news()
    board, table = driver.board, driver.table
    hand = table.hand()
    target = len(hand)  # Hold, unless another playable card is in the hand
    for i, card in enumerate(hand[1:], start=1):
        if table.engine.why_not(table.state, table.human, card) is None:
            target = i
            break
    driver.key(pygame.K_1)
    assert board.selected == 0
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=board.card_rects[target].center,
                                         rel=(0, 0), buttons=(0, 0, 0)))
    driver.step()
    assert board.pointed == target and driver.focused == f"card-{target}"
    before = len(table.session.orders)
    driver.key(pygame.K_RETURN)
    assert board.selected == target and len(table.session.orders) == before  # chosen only
    driver.key(pygame.K_RETURN)
    mine = [o for o in human_orders(table) if o["order"] in ("play", "hold")]
    assert mine[-1] == ({"turn": 1, "order": "play", "side": "amlo", "card": hand[target]}
                        if target < len(hand) else {"turn": 1, "order": "hold", "side": "amlo"})
    assert driver.top == "resolution"


def test_a_space_typed_in_the_save_name_is_text_not_a_button(driver: Driver) -> None:
    """With the name box focused, a key a button would take (Space presses the focused
    button) goes to the box; Esc still leaves the menu."""
    hold_through_the_first_month(driver)
    driver.read_the_news()
    driver.key(pygame.K_ESCAPE)
    menu = driver.app.scene
    assert menu.name == "menu" and driver.focused == "resume"
    box = menu.save_name  # type: ignore[attr-defined]
    driver.click(box.rect.center)
    for key, char in ((pygame.K_a, "a"), (pygame.K_SPACE, " "), (pygame.K_b, "b")):
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode=char,
                                             scancode=0))
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=char))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=0, scancode=0))
        driver.step()
    assert driver.top == "menu" and box.get_text() == "a b"
    driver.key(pygame.K_ESCAPE)
    assert driver.top == "game"


def test_a_seed_typed_then_tab_then_enter_starts_that_game(driver: Driver) -> None:
    """Tab leaves the seed box for Start, and Enter then starts (the box does not keep
    the key)."""
    driver.key(pygame.K_RETURN)
    for _ in range(12):
        if driver.focused == "seed":
            break
        driver.key(pygame.K_TAB)
    driver.key(pygame.K_RETURN)  # into the box
    for char in "2024":
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=ord(char), mod=0,
                                             unicode=char, scancode=0))
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=char))
        driver.step()
    driver.key(pygame.K_TAB)
    assert driver.focused == "start"
    driver.key(pygame.K_RETURN)
    assert driver.table.state.seed == 2024
