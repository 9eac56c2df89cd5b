"""Render one scene offscreen to a PNG, after playing a seed to a given turn."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygame

from game import i18n
from game.core.orders import ChooseOption, Hold
from game.core.state import CHOICE, OVER, UPKEEP
from game.session import Session
from game.ui.app import App
from game.ui.main import make_app
from game.ui.router import Reset
from game.ui.scene import Scene
from game.ui.settings import Settings

if TYPE_CHECKING:
    from game.models.bundle import Content
    from game.protocol import View

SCENES = ("title", "setup", "game", "card-focus", "event", "resolution", "why", "menu", "chart",
          "end", "replay", "saves", "settings", "help", "about", "handover", "join", "remote",
          "remote-decide", "remote-reveal", "remote-end", "mods")


class UnknownScenario(ValueError):
    """The scenario asked for is not in the content."""


def _played(app: App, side: str, seed: int, turn: int, want_choice: bool = False,
            scenario: str = "full_term") -> Session:
    """A game of `seed` played by agents up to the start of `turn`, `side` then human."""
    other = "trump" if side == "amlo" else "amlo"
    session = Session.new(app.content, scenario, seed, {side: "greedy", other: "reciprocal"},
                          save_dir=app.save_dir)
    while session.state.phase != OVER:
        if session.state.phase == UPKEEP:
            if session.state.turn >= turn and not want_choice:
                break
            session.begin_turn(agents_choose=False)
            if want_choice and session.state.turn >= turn and side in session.state.pending:
                del session.agents[side]
                session.agents_choose()
                return session
            session.agents_choose()
        session.resolve({})
    del session.agents[side]
    return session


def sample_view(content: Content, session: Session, side: str) -> View:
    """What the game server would send `side`'s seat of this game now, built here from
    the session (the window never imports the server): its screens without a server."""
    from game.core.state import FRONTS, POLICY, SIDES
    from game.i18n import _
    from game.protocol import (
        CardView,
        Ending,
        Front,
        Leader,
        NewsView,
        OptionView,
        Played,
        Reveal,
        View,
    )
    from game.wording import (
        agreement_text,
        category_text,
        date_words,
        front_text,
        grouped_changes,
        kind_code,
        month_words,
        preview_words,
        rejection_text,
        stance_text,
    )

    state, engine = session.state, session.engine
    meters = state.meters
    news = []
    record = state.log[-1] if state.log and state.phase not in (UPKEEP, OVER) else {}
    for item in record.get("news", []):
        event = content.events[item["event"]]
        options = [OptionView(index=n, label=event.choices[i].label,
                              effects=preview_words(event.choices[i].effects, side, content))
                   for n, i in enumerate(engine.options(state, side))
                   if state.event == event.id]
        news.append(NewsView(event=event.id, title=event.title, text=event.text, options=options,
                             deciders=[content.leaders[s].short
                                       for s in engine.choosers[event.id]]))
    hand = []
    for card_id in state.hands[side]:
        card, why = content.cards[card_id], engine.why_not(state, side, card_id)
        hand.append(CardView(id=card_id, title=card.title, text=card.text, kind=card.stance,
                             category=category_text(card.category), cost=card.cost,
                             stance=stance_text(card.stance),
                             effects=preview_words(card.effects, side, content),
                             why_not=rejection_text(why) if why else None))
    done = [r for r in state.log if len(r["orders"]) == len(SIDES)]
    last = None
    if done:
        orders = done[-1]["orders"]
        last = Reveal(turn=done[-1]["turn"], month=date_words(done[-1]["month"]), played=[
            Played(side=s, card=orders[s], kind=content.cards[orders[s]].stance
                   if orders[s] else "hold",
                   title=content.cards[orders[s]].title if orders[s] else _("held"))
            for s in SIDES], interaction=next((i.title for i in content.rules.interactions
                                               if i.id == done[-1]["interaction"]), None),
            changes=[line[:1].upper() + line[1:] for line in grouped_changes(
                [c for c in state.ledger if c[0] == done[-1]["turn"]], content)])
    ending = None
    if state.ending is not None:
        found = next(e for e in content.endings if e.id == state.ending["id"])
        ending = Ending(id=found.id, kind=found.kind, title=found.title, text=found.text,
                        outcome=_("Outcome: {kind} — {title}").format(
                            kind=kind_code(found.kind), title=found.title))
    return View(version=len(state.log), room="", table=1, side=side, name="", other_name="",
                other="choosing", lang=i18n.language(), turn=state.turn, turns=engine.turns,
                month=month_words(state.month), phase=state.phase, trust=meters["trust"],
                leaders=[Leader(side=s, name=content.leaders[s].name,
                                short=content.leaders[s].short, polls=meters[f"polls.{s}"],
                                floor=content.leaders[s].floor,
                                comfort=content.leaders[s].comfort,
                                capital=meters[f"capital.{s}"]) for s in SIDES],
                fronts=[Front(front=f, name=front_text(f), tension=meters[f"tension.{f}"],
                              agreement=agreement_text(state.agreements[f])) for f in FRONTS],
                news=news, hand=hand, can_hold=state.phase == POLICY, committed=None,
                last=last, ending=ending)


class FixedLink:
    """A remote board's connection that receives nothing and sends nowhere."""

    def __init__(self) -> None:
        from game.client import Seat

        self.sent: list[dict[str, Any]] = []
        self.seat = Seat("127.0.0.1:8765", "0" * 32, "amlo", 1)  # a seat to ask for reports

    def poll(self) -> list[dict[str, Any]]:
        return []

    def send(self, message: dict[str, Any]) -> None:
        self.sent.append(message)

    def close(self) -> None:
        pass


def _remote(app: App, scene: str, side: str, seed: int, turn: int,
            scenario: str) -> Reset[Scene]:
    """A seat at the game server, from a view built here (see sample_view)."""
    decide, end = scene == "remote-decide", scene == "remote-end"
    session = _played(app, side, seed, 99 if end else turn, want_choice=decide,
                      scenario=scenario)
    if session.state.phase == UPKEEP:
        session.begin_turn()
    while not decide and session.state.phase == CHOICE:
        session.choose(ChooseOption(session.state.pending[0], 0))
    board = app.make("remote", FixedLink(), scenario)
    view = sample_view(app.content, session, side)
    board.table.take(view)  # type: ignore[attr-defined]
    if scene != "remote-reveal":
        board.table.seen = board.table.read = view.turn  # type: ignore[attr-defined]
    return Reset(app.make("title"), board)


def _transition(app: App, scene: str, side: str, seed: int, turn: int,
                scenario: str) -> Reset[Scene]:
    """The scenes, bottom first, that show `scene`."""
    from game.ui.scenes.game.board import BoardScene
    from game.ui.scenes.replay import ReplayScene
    from game.ui.scenes.setup import SetupScene

    if scene == "title":
        return Reset(app.make("title"))
    if scene == "join":
        return Reset(app.make("title"), app.make("join"))
    if scene.startswith("remote"):
        return _remote(app, scene, side, seed, turn, scenario)
    if scene == "setup":
        setup = SetupScene(app)
        setup.pick_scenario(scenario)
        setup.pick_side(side)
        return Reset(app.make("title"), setup)
    if scene == "mods":
        from game.ui.scenes.mods import ModsScene

        mods = ModsScene(app)
        mods.wait()  # what each mod changes, and its problems, on screen
        return Reset(app.make("title"), mods)
    if scene in ("help", "about"):
        return Reset(app.make("help", "about" if scene == "about" else "rules"))
    if scene in ("saves", "settings"):
        if scene == "saves":
            for label, at in (("before-the-tariffs", 5), ("autosave", turn),
                              ("after-culiacan", 12)):
                _played(app, side, seed, at).save(label)
        return Reset(app.make("title"), app.make(scene))
    if scene in ("end", "replay"):
        session = _played(app, side, seed, 99, scenario=scenario)
        if scene == "end":
            return Reset(app.make("end", session, side))
        replay = ReplayScene(app, session, side)
        replay.show(turn - 1)
        return Reset(app.make("end", session, side), replay)
    session = _played(app, side, seed, turn, want_choice=scene == "event", scenario=scenario)
    if scene == "handover":  # two players at one computer
        session.agents.clear()
    if scene != "event":  # the board itself: the month opened, its news decided and read
        if session.state.phase == UPKEEP:
            session.begin_turn()
        while session.state.phase == CHOICE and (side in session.state.pending or
                                                 not session.agents):
            session.choose(ChooseOption(session.state.pending[0], 0))
    board = BoardScene(app, session, side)
    table = board.table
    if scene != "event":
        table.news_seen = len(table.month_news())
    scenes: list[Scene] = [board]
    if scene == "card-focus":
        board.select(0)
    elif scene == "resolution":
        board.select(len(table.hand()))
        table.play(Hold(side))
        scenes.append(app.make("resolution", table))
    elif scene in ("why", "menu"):
        scenes.append(app.make(scene, table))
    elif scene == "chart":
        scenes.append(app.make("chart", session))
    elif scene == "handover":  # the first seat's card held, the computer passes on
        table.sit(side)
        table.play(Hold(side))
        scenes.append(app.make("handover", table, "trump" if side == "amlo" else "amlo"))
    return Reset(*scenes)


def render(scene: str, out: Path, side: str = "amlo", seed: int = 1, turn: int = 1,
           size: tuple[int, int] = (1280, 720), text_size: int = 0,
           save_dir: Path | None = None, scenario: str = "full_term",
           effects: str = "exact", language: str | None = None,
           packs: list[Path] | None = None) -> Path:
    """Draw `scene` and write it to `out` (in `language`, if given; with `packs` loaded
    after the base game and the mods)."""
    settings = Settings(text_size=text_size, animation="off", effects=effects)
    app = make_app(size=size, settings=settings, save_dir=save_dir, offscreen=True,
                   language=language, packs=packs)
    result = app.load_content()
    if result.content is not None and scenario not in result.content.scenarios:
        raise UnknownScenario(f"no scenario '{scenario}'; choose from: "
                              f"{', '.join(result.content.scenarios)}")
    if result.content is None:
        app.start()
    else:
        app.use_language(app.translator.lang)  # with the mods' catalogues too
        app.router.apply(_transition(app, scene, side, seed, turn, scenario))
    for _ in range(3):
        app.step()
    app.render()
    out.parent.mkdir(parents=True, exist_ok=True)
    pygame.image.save(app.window, str(out))
    pygame.quit()
    return out
