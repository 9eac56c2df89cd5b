"""A game in progress: the state, who plays each side, the order log, saves and undo.

The session is the only thing that mutates game state. Frontends (terminal,
window) read the state and submit orders here; the session autosaves after
every turn and can undo the human's last decision of a turn before it resolves.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Literal

from game import __version__
from game.ai.agents import AGENTS, Agent, make_agent
from game.core.orders import ChooseOption, Inject, Order, Rejected, Stop, order_to_json
from game.core.replay import ReplayError, replay, written_events
from game.core.state import CHOICE, OVER, POLICY, SIDES, UPKEEP, GameState, month_name
from game.core.turn import Engine, TurnOpened, TurnResolved, written_event
from game.i18n import _, ngettext
from game.models.bundle import Content
from game.models.content import Personality
from game.persistence.check import Problem, content_problem
from game.persistence.files import SUFFIX, atomic_write, encode
from game.persistence.format import BOTH, SAVE_FORMAT, SaveFile, StateData
from game.persistence.store import DamagedSave, clean_label, safe_name

AUTOSAVE = "autosave"


def now() -> str:
    """The current UTC time, ISO 8601, to the second."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


class ContentMismatch(Exception):
    """A save was played with content that is missing or different now."""

    def __init__(self, kind: Literal["missing", "changed"], message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


@dataclass
class Session:
    """One game: engine, state, agents for the computer's sides, order log, save info."""

    engine: Engine
    state: GameState
    agents: dict[str, Agent] = field(default_factory=dict)
    orders: list[dict[str, Any]] = field(default_factory=list)
    game_id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    created: str = field(default_factory=now)
    label: str = ""
    forked_from: str | None = None
    save_dir: Path | None = None
    autosave: bool = False
    last_save_error: str | None = None
    #: Each person's language, when two play at one computer (kept in the save).
    languages: dict[str, str] = field(default_factory=dict)
    _undo: list[tuple[dict[str, Any], int]] = field(default_factory=list)

    # ------------------------------------------------------------------ creating

    @classmethod
    def new(
        cls,
        content: Content,
        scenario: str,
        seed: int,
        agents: dict[str, str],
        save_dir: Path | None = None,
        autosave: bool = False,
    ) -> Session:
        """A new game; `agents` maps each computer-played side to an agent kind."""
        engine = Engine(content, scenario)
        state = engine.new_game(seed)
        built = {side: make_agent(kind, side, engine) for side, kind in agents.items()}
        return cls(engine, state, built, save_dir=save_dir, autosave=autosave)

    @classmethod
    def from_save(
        cls,
        content: Content,
        save: SaveFile,
        mode: Literal["load", "replay"] = "load",
        from_turn: int | None = None,
        save_dir: Path | None = None,
        autosave: bool = False,
    ) -> Session:
        """The game of a save, continued as it was, or re-run from its orders.

        `mode` "replay" re-runs the order log on the current content (after a
        content change); `from_turn` forks a new game at the start of that turn.
        The save is checked against the content first (`content_problem`): what
        does not fit is damage (SaveProblem, naming the file and the field) when
        the content is the one the game was played with, and ContentMismatch when
        the content changed since. Raises ReplayError when the orders cannot be
        replayed.
        """
        header = save.header
        source = save.source if save.source is not None else Path(f"{header.game_id}.json")
        trusted = check_content(save, content) is None  # the very content it was played with
        if header.scenario not in content.scenarios:
            if trusted:
                raise DamagedSave(source, Problem("header.scenario", _(
                    "{scenario} is not a scenario of this game").format(
                        scenario=repr(header.scenario))))
            raise ContentMismatch("missing", _(
                "its scenario '{scenario}' is not in the loaded content").format(
                    scenario=header.scenario))
        engine = Engine(content, header.scenario)
        written_events(engine, (o.model_dump(exclude_none=True) for o in save.orders))
        whole = mode == "load" and from_turn is None  # the saved state itself is played on
        if whole and not trusted:
            missing = _missing_ids(engine, save.state)
            if missing:
                raise ContentMismatch("changed", _("the current content lacks {what}").format(
                    what=missing))
        problem = content_problem(engine, save, AGENTS, state=whole)
        if problem is not None:
            if problem.content and not trusted:
                raise ContentMismatch("changed", _(
                    "it does not fit the current content ({problem})").format(problem=problem))
            raise DamagedSave(source, problem)
        languages: dict[str, str] = {side: player.lang
                                     for side, player in header.sides.items()
                                     if player.kind == "human" and player.lang}
        agents: dict[str, Agent] = {}
        for side, player in header.sides.items():
            if player.kind == "agent":
                saved = Personality.model_validate(player.personality, strict=True) \
                    if player.personality else None
                agent = make_agent(player.agent or "reciprocal", side, engine, personality=saved)
                agent.difficulty = player.difficulty
                agents[side] = agent
        orders = [o.model_dump(exclude_none=True) for o in save.orders]
        if from_turn is not None:
            if not 1 <= from_turn <= header.turn:
                raise ReplayError(from_turn, "no_such_turn", {"last": header.turn})
            kept = [o for o in orders if o["turn"] < from_turn]
            state = replay(engine, header.seed, kept, to_turn=from_turn - 1)
            return cls(engine, state, agents, kept, save_dir=save_dir, autosave=autosave,
                       forked_from=header.game_id, languages=languages)
        if mode == "replay":
            state = replay(engine, header.seed, orders,
                           open_turn=header.turn if header.phase in (CHOICE, POLICY) else None)
        else:
            state = GameState.from_json(save.state.model_dump())
        return cls(engine, state, agents, orders, game_id=header.game_id,
                   created=header.created, label=header.label,
                   forked_from=header.forked_from, save_dir=save_dir, autosave=autosave,
                   languages=languages)

    def rematch(self, save_dir: Path | None = None, autosave: bool = False) -> Session:
        """The same scenario and seed with the sides switched: the human plays the other side."""
        kinds = {side: agent.kind for side, agent in self.agents.items()}
        session = Session.new(self.engine.content, self.engine.scenario.id, self.state.seed,
                              switched_sides(kinds),
                              save_dir=save_dir if save_dir is not None else self.save_dir,
                              autosave=autosave)
        session.languages = switched_sides(self.languages)  # each player's follows him
        return session

    # ------------------------------------------------------------------ playing

    @property
    def over(self) -> bool:
        """True when the game has ended."""
        return self.state.phase == OVER

    def humans(self) -> list[str]:
        """The sides played by people."""
        return [side for side in SIDES if side not in self.agents]

    def begin_turn(self, agents_choose: bool = True) -> TurnOpened | Rejected:
        """Upkeep and news; the computer's event decisions too, unless told to wait."""
        opened = self.engine.begin_turn(self.state)
        self._undo.clear()
        if isinstance(opened, TurnOpened) and agents_choose:
            self.agents_choose()
        return opened

    def agents_choose(self) -> list[tuple[str, ChooseOption]]:
        """The computer's picks on the month's news, applied, until a person has to decide
        or the news is all decided; returns them, each with the news it was on."""
        picks: list[tuple[str, ChooseOption]] = []
        while self.state.phase == CHOICE:
            waiting = [side for side in self.state.pending if side in self.agents]
            if not waiting:
                break
            for side in waiting:
                event = self.state.event or ""
                pick = self.agents[side].choose_option(self.engine, self.state)
                if self._apply_choice(pick) is None:
                    picks.append((event, pick))
                else:  # an agent bug: never loop forever
                    raise RuntimeError(f"agent pick refused: {pick}")
        return picks

    def choose(self, order: ChooseOption, agents_choose: bool = True) -> Rejected | None:
        """A human's pick on the current event (it can be undone until the turn resolves);
        then the computer's picks on the month's next news, unless told to wait; then the
        autosave, so a decision is kept the moment it is taken."""
        # a snapshot to take it back, where it may be (one person against the computer)
        snapshot = (self.state.to_json(), len(self.orders)) if self._takes_back() else None
        result = self._apply_choice(order)
        if result is None and order.side not in self.agents:
            if snapshot is not None:
                self._undo.append(snapshot)
            if agents_choose:
                self.agents_choose()
            if self.autosave:  # saved when taken: a crash never asks it again
                self.save(AUTOSAVE)
        return result

    def stop(self) -> Rejected | None:
        """The facilitator ends the game when the month under way is resolved: kept in
        the order log; then the autosave."""
        result = self.engine.stop(self.state)
        if result is None:
            self.orders.append({"turn": self.state.turn, **order_to_json(Stop())})
            self._undo.clear()
            if self.autosave:
                self.save(AUTOSAVE)
        return result

    def inject(self, event_id: str, news: Mapping[str, Any] | None = None) -> Rejected | None:
        """The facilitator sends an event as news (it comes with next month's news): kept
        in the order log, so a replay brings it at the same moment; then the autosave.
        With `news` (title, text, effects) it is one the facilitator wrote: it joins the
        game's events first (pydantic's ValidationError if not written as content is)."""
        if news is not None:
            self.engine.add_event(written_event(event_id, news))
        result = self.engine.inject(self.state, event_id)
        if result is None:
            self.orders.append({"turn": self.state.turn,
                                **order_to_json(Inject(event_id, news))})
            self._undo.clear()  # a decision taken before it cannot be taken back past it
            if self.autosave:
                self.save(AUTOSAVE)
        return result

    def _apply_choice(self, order: ChooseOption) -> Rejected | None:
        result = self.engine.choose(self.state, order)
        if result is None:
            self.orders.append({"turn": self.state.turn, **order_to_json(order)})
        return result

    def can_undo(self) -> bool:
        """True when a human decision of this turn can still be taken back.

        Only against the computer: in hot-seat play the other player has seen it.
        """
        return bool(self._undo) and self._takes_back()

    def _takes_back(self) -> bool:
        """Whether a decision may be taken back at all: only against the computer."""
        return len(self.humans()) == 1

    def undo(self) -> bool:
        """Take back the human's last decision of this turn; False when there is none."""
        if not self.can_undo():
            return False
        snapshot, count = self._undo.pop()
        self.state = GameState.from_json(snapshot)
        del self.orders[count:]
        if self.autosave:
            self.save(AUTOSAVE)
        return True

    def resolve(self, human_orders: dict[str, Order]) -> TurnResolved | Rejected:
        """Resolve the turn with the humans' orders and the agents' own; then autosave."""
        orders = dict(human_orders)
        for side, agent in self.agents.items():
            if side not in orders:
                orders[side] = agent.choose_order(self.engine, self.state)
        result = self.engine.resolve(self.state, orders)
        if isinstance(result, TurnResolved):
            self._undo.clear()
            for side in SIDES:
                self.orders.append({"turn": result.turn, **order_to_json(orders[side])})
            if self.autosave:
                self.save(AUTOSAVE)
        return result

    # ------------------------------------------------------------------ saving

    def to_save(self, label: str) -> dict[str, Any]:
        """The save data of the game as it stands."""
        content = self.engine.content
        sides: dict[str, Any] = {}
        for side in SIDES:
            agent = self.agents.get(side)
            if agent is None:
                sides[side] = {"kind": "human"}
                if side in self.languages:
                    sides[side]["lang"] = self.languages[side]
            else:
                sides[side] = {"kind": "agent", "agent": agent.kind,
                               "difficulty": agent.difficulty,
                               "personality": agent.personality.model_dump()}
        ending = self.state.ending
        return {
            "header": {
                "format": SAVE_FORMAT,
                "game_version": __version__,
                "game_id": self.game_id,
                "created": self.created,
                "updated": now(),
                "label": label,
                "scenario": self.engine.scenario.id,
                "seed": self.state.seed,
                "sides": sides,
                "packs": [{"id": p.id, "version": p.version} for p in content.packs],
                "fingerprint": content.fingerprint,
                "turn": self.state.turn,
                "month": month_name(self.state.month),
                "phase": self.state.phase,
                "ending": ending["id"] if ending else None,
                "forked_from": self.forked_from,
            },
            "state": self.state.to_json(),
            "orders": self.orders,
        }

    def save_path(self, label: str) -> Path:
        """Where a save with this label goes: always a file directly in the save folder."""
        folder = self.save_dir if self.save_dir is not None else Path("saves")
        name = f"{AUTOSAVE}-{safe_name(self.game_id)}" if label == AUTOSAVE else safe_name(label)
        path = folder / f"{name}{SUFFIX}"
        if path.parent != folder:  # safe_name makes this impossible; never trust it blindly
            raise ValueError(f"the save name {label!r} leaves the save folder")
        return path

    def save(self, label: str, path: Path | None = None) -> Path | None:
        """Write a save atomically; on failure keep playing and remember why.

        The label is kept in the header as typed, less control characters, up to
        200 characters (what a save may hold).
        """
        label = clean_label(label)
        target = path
        try:
            target = path if path is not None else self.save_path(label)
            atomic_write(target, encode(self.to_save(label)))
        except (OSError, ValueError) as exc:
            where = target if target is not None else label
            self.last_save_error = _("could not save to {where}: {why}").format(
                where=where, why=getattr(exc, "strerror", None) or exc)
            return None
        self.last_save_error = None
        if label != AUTOSAVE:
            self.label = label
        return target

    def phase(self) -> str:
        """upkeep, choice, policy or over."""
        return self.state.phase


def switched_sides(agents: dict[str, str]) -> dict[str, str]:
    """Computer-played sides after switching: each side gets the other side's player."""
    return {
        side: agents[other]
        for side, other in (("amlo", "trump"), ("trump", "amlo"))
        if other in agents
    }


def _missing_ids(engine: Engine, state: StateData) -> str:
    """Card and event ids the saved state uses that the content no longer has, in words."""
    missing: list[str] = []
    for side in BOTH:
        for pile in (state.hands, state.decks, state.discards):
            missing.extend(_("card '{id}'").format(id=c) for c in pile[side]
                           if c not in engine.cards[side])
    if state.event is not None and state.event not in engine.events:
        missing.append(_("event '{id}'").format(id=state.event))
    missing.extend(_("event '{id}'").format(id=e) for _turn, e, _when in state.scheduled
                   if e not in engine.content.events)  # left out by the scenario is fine
    unique = sorted(set(missing))
    if len(unique) <= 3:
        return ", ".join(unique)
    return _("{first} and {n} more").format(first=", ".join(unique[:3]), n=len(unique) - 3)


def check_content(save: SaveFile, content: Content) -> ContentMismatch | None:
    """Whether the save's packs are loaded and its content unchanged."""
    loaded = {p.id: p.version for p in content.packs}
    missing = [p.id for p in save.header.packs if p.id not in loaded]
    if missing:
        return ContentMismatch("missing", ngettext(
            "it needs the pack {packs}, which is not loaded (turn it on in Mods, or load it "
            "with --pack)",
            "it needs the packs {packs}, which are not loaded (turn them on in Mods, or load "
            "them with --pack)", len(missing)).format(
                packs=", ".join(missing)))
    if save.header.fingerprint != content.fingerprint:
        return ContentMismatch("changed", _("the game's content has changed since it was saved"))
    return None


def play_out(engine: Engine, state: GameState, agents: dict[str, Agent]) -> GameState:
    """Play a game to its end with agents on both sides (the fast path of simulations)."""
    begin, choose, resolve = engine.begin_turn, engine.choose, engine.resolve
    amlo, trump = agents["amlo"], agents["trump"]
    while state.phase != OVER:
        if state.phase == UPKEEP:
            begin(state)
        if state.phase == CHOICE:
            for side in list(state.pending):
                choose(state, agents[side].choose_option(engine, state))
        if state.phase == POLICY:
            result = resolve(
                state,
                {"amlo": amlo.choose_order(engine, state),
                 "trump": trump.choose_order(engine, state)},
            )
            if isinstance(result, Rejected):  # an agent bug: never loop forever
                raise RuntimeError(f"agent order rejected: {result}")
    return state
