"""A game in progress: the state, who plays each side, and the log of orders given.

The session is the only thing that mutates game state. Frontends (terminal,
window) read the state and submit orders here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from game.ai.agents import Agent, make_agent
from game.content.bundle import Content
from game.core.orders import ChooseOption, Order, Rejected, order_to_json
from game.core.state import CHOICE, OVER, POLICY, SIDES, UPKEEP, GameState
from game.core.turn import Engine, TurnOpened, TurnResolved


@dataclass
class Session:
    """One game: engine, state, agents for the computer's sides and the order log."""

    engine: Engine
    state: GameState
    agents: dict[str, Agent] = field(default_factory=dict)
    orders: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def new(
        cls, content: Content, scenario: str, seed: int, agents: dict[str, str]
    ) -> Session:
        """A new game; `agents` maps each computer-played side to an agent kind."""
        engine = Engine(content, scenario)
        state = engine.new_game(seed)
        built = {side: make_agent(kind, side, engine) for side, kind in agents.items()}
        return cls(engine, state, built)

    @property
    def over(self) -> bool:
        """True when the game has ended."""
        return self.state.phase == OVER

    def begin_turn(self, agents_choose: bool = True) -> TurnOpened | Rejected:
        """Upkeep and news; the computer's event decisions too, unless told to wait."""
        opened = self.engine.begin_turn(self.state)
        if isinstance(opened, TurnOpened) and agents_choose:
            self.agents_choose()
        return opened

    def agents_choose(self) -> list[ChooseOption]:
        """The computer's picks on the current event, applied; returns them."""
        picks = []
        for side in list(self.state.pending):
            agent = self.agents.get(side)
            if agent is not None:
                pick = agent.choose_option(self.engine, self.state)
                if self.choose(pick) is None:
                    picks.append(pick)
        return picks

    def choose(self, order: ChooseOption) -> Rejected | None:
        """A leader's pick on the current event."""
        result = self.engine.choose(self.state, order)
        if result is None:
            self.orders.append({"turn": self.state.turn, **order_to_json(order)})
        return result

    def resolve(self, human_orders: dict[str, Order]) -> TurnResolved | Rejected:
        """Resolve the turn with the humans' orders and the agents' own."""
        orders = dict(human_orders)
        for side, agent in self.agents.items():
            if side not in orders:
                orders[side] = agent.choose_order(self.engine, self.state)
        result = self.engine.resolve(self.state, orders)
        if isinstance(result, TurnResolved):
            for side in SIDES:
                self.orders.append({"turn": result.turn, **order_to_json(orders[side])})
        return result

    def phase(self) -> str:
        """upkeep, choice, policy or over."""
        return self.state.phase


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
                raise RuntimeError(f"agent order rejected: {result.reason}")
    return state
