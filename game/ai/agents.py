"""The other president: agents that choose orders with a personality from content.

Agents read only what their side may see: the meters, flags, agreements, their
own hand and what the other leader played in past turns (never his hand).

Agents keep no state of their own that matters: their memory of the other
leader is rebuilt from the game's turn log, and each decision draws its dice
from the game seed, the turn and the side. So a game saved and loaded later
continues exactly as it would have without the interruption.
"""

from __future__ import annotations

from collections.abc import Callable

from game.content.models import Personality
from game.core.orders import ChooseOption, Hold, Order, PlayCard
from game.core.state import FRONTS, GameState
from game.core.turn import Engine

STANCES = ("cooperate", "confront", "domestic", "hold")
_MASK = (1 << 64) - 1


class Dice:
    """A small SplitMix64 generator: cheap to create for every decision."""

    __slots__ = ("_x",)

    def __init__(self, seed: int) -> None:
        self._x = seed & _MASK

    def random(self) -> float:
        """A float in [0, 1)."""
        self._x = x = (self._x + 0x9E3779B97F4A7C15) & _MASK
        x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
        x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _MASK
        return ((x ^ (x >> 31)) >> 11) * (1.0 / (1 << 53))


def decision_dice(seed: int, turn: int, side: str, salt: int) -> Dice:
    """The dice of one decision: the same game, turn, side and kind give the same rolls."""
    return Dice((seed * 1_000_003 + turn * 7_919 + salt * 31 + (side == "trump")) * 0x2545F491)


class Agent:
    """Base agent: knows its side, personality and generator; remembers the other's plays."""

    kind = "base"
    MEMORY = 0.7  # weight kept by older observations each turn

    def __init__(self, side: str, personality: Personality, salt: int = 0) -> None:
        self.side = side
        self.other = "trump" if side == "amlo" else "amlo"
        self.personality = personality
        self.salt = salt
        self.rng = Dice(0)
        self.seen: dict[str, float] = {}
        self.betrayed = False

    def observe(self, engine: Engine, state: GameState, salt: int) -> None:
        """Recall the other's past stances from the turn log; roll this decision's dice."""
        self.rng = decision_dice(state.seed + self.salt, state.turn, self.side, salt)
        # Prior counts of the other's stances: expect a partner, not an enemy.
        seen = {"cooperate": 2.0, "domestic": 1.0, "confront": 0.5, "hold": 0.5}
        betrayed = False
        cards = engine.cards[self.other]
        memory = self.MEMORY
        for record in state.log:
            if self.other not in record["orders"]:
                continue  # this turn's own record: nothing revealed yet
            card_id = record["orders"][self.other]
            stance = cards[card_id].card.stance if card_id in cards else "hold"
            for key in seen:  # recent turns count most: memory fades
                seen[key] *= memory
            seen[stance] += 1.0
            if stance == "confront":
                betrayed = True
            elif stance == "cooperate":
                betrayed = False
        self.seen, self.betrayed = seen, betrayed

    def choose_order(self, engine: Engine, state: GameState) -> Order:
        """The order for this turn's policy phase."""
        raise NotImplementedError

    def choose_option(self, engine: Engine, state: GameState) -> ChooseOption:
        """The pick among the current event's options, by utility and the event's AI hint."""
        self.observe(engine, state, 1)
        indices = engine.options(state, self.side)
        event = engine.events[state.event or ""].event
        best, best_value = 0, float("-inf")
        for n, index in enumerate(indices):
            choice = event.choices[index]
            from game.core.effects import static_deltas

            value = self.value_of(static_deltas(choice.effects, self.side), state)
            value += choice.ai * 0.4 + self.rng.random() * 2.0
            if value > best_value:
                best, best_value = n, value
        return ChooseOption(self.side, best)

    # ------------------------------------------------------------- utility

    def pressure(self, state: GameState) -> float:
        """How far below his comfort level his polls are (0 when comfortable)."""
        return max(0.0, self.personality.comfort - state.meters[f"polls.{self.side}"])

    def value_of(self, deltas: dict[str, int], state: GameState) -> float:
        """How much this leader likes a set of meter changes, given his situation."""
        deficit = self.pressure(state)
        populism = self.personality.populism
        w_polls = 1.0 + 0.1 * populism * deficit
        trust = state.meters["trust"]
        w_trust = 0.5 * (1.3 - 0.25 * populism) / (1.0 + 0.08 * populism * deficit)
        if 65 < trust < 85:  # the prize of compromise is in sight
            w_trust *= 1.3
        value = 0.0
        meters = state.meters
        for meter, delta in deltas.items():
            now = meters.get(meter)
            if now is not None:  # a meter at its limit cannot move further that way
                hi = 10 if meter.startswith("capital") else 100
                delta = min(hi, max(0, now + delta)) - now
            if meter == f"polls.{self.side}":
                value += w_polls * delta
            elif meter == "trust":
                value += w_trust * delta
            elif meter.startswith("tension."):
                value -= 0.1 * delta
            elif meter == f"capital.{self.side}":
                value += 0.4 * delta
            elif meter == f"polls.{self.other}":
                value -= 0.1 * delta  # a rival's gain is a small loss, not zero-sum
        return value

    def order_value(self, engine: Engine, state: GameState, order: Order) -> float:
        """Expected value of an order against the other side's likely stances."""
        side = self.side
        if isinstance(order, PlayCard):
            cc = engine.card(side, order.card)
            deltas = dict(cc.deltas)
            deltas[f"capital.{side}"] = deltas.get(f"capital.{side}", 0) - cc.card.cost
            stance: str = cc.card.stance
            front = cc.front
        else:
            deltas = {f"capital.{side}": engine.rules.hold_gain}
            stance, front = "hold", None
        value = self.value_of(deltas, state)
        total = sum(self.seen.values())
        for other_stance, count in self.seen.items():
            p = count / total
            a, t = (stance, other_stance) if side == "amlo" else (other_stance, stance)
            value += p * self.value_of(engine.interaction_preview(a, t), state)
            if stance == "cooperate" and other_stance == "cooperate" and front is not None:
                step = state.agreements[front]
                value += p * (3.0 if step == 1 else 2.0 if step == 0 else 0.0)
        if state.meters[f"polls.{side}"] < engine.leaders[side].comfort:
            w_polls = 1.0 + 0.1 * self.personality.populism * self.pressure(state)
            if stance == "confront":
                value += engine.rules.base_rally * w_polls
            elif stance != "domestic":
                value -= engine.rules.base_pressure * w_polls
        if stance == "confront":
            value += self.personality.populism * self.pressure(state) * 0.3
        if front is not None and stance == "confront" and state.agreements[front] == 1:
            value -= 1.5
        return value


class RandomAgent(Agent):
    """Plays any legal order, uniformly."""

    kind = "random"

    def choose_order(self, engine: Engine, state: GameState) -> Order:
        """A uniformly random legal order."""
        rng = decision_dice(state.seed + self.salt, state.turn, self.side, 0)
        orders = engine.legal_orders(state, self.side)
        return orders[int(rng.random() * len(orders))]

    def choose_option(self, engine: Engine, state: GameState) -> ChooseOption:
        """A uniformly random option."""
        rng = decision_dice(state.seed + self.salt, state.turn, self.side, 1)
        count = len(engine.options(state, self.side))
        return ChooseOption(self.side, int(rng.random() * count))


class GreedyAgent(Agent):
    """Looks one step ahead on its own utility, against the other's observed habits."""

    kind = "greedy"

    def choose_order(self, engine: Engine, state: GameState) -> Order:
        """The order of highest expected value (noise breaks ties)."""
        self.observe(engine, state, 0)
        best: Order = Hold(self.side)
        best_value = float("-inf")
        noise = 1.0 + 2.0 * self.personality.risk
        for order in engine.legal_orders(state, self.side):
            value = self.order_value(engine, state, order) + self.rng.random() * noise
            if value > best_value:
                best, best_value = order, value
        return best


class ReciprocalAgent(Agent):
    """Tit-for-tat with forgiveness: answers confrontation in kind, then offers peace."""

    kind = "reciprocal"

    def intended_stance(self, state: GameState) -> str:
        """Cooperate unless betrayed (and not forgiving this turn) or pushed by the base."""
        if self.betrayed and self.rng.random() >= self.personality.forgiveness:
            return "confront"
        pull = self.personality.populism * self.pressure(state) / 40.0
        if self.rng.random() < pull:
            return "confront"
        return "cooperate"

    def choose_order(self, engine: Engine, state: GameState) -> Order:
        """The best card of the intended stance; else a domestic card; else hold."""
        self.observe(engine, state, 0)
        want = self.intended_stance(state)
        orders = engine.legal_orders(state, self.side)
        for stances in ((want,), ("domestic",), ("cooperate", "confront", "domestic", "hold")):
            fitting = [o for o in orders if engine.stance(o) in stances]
            if fitting:
                return max(
                    fitting,
                    key=lambda o: self.order_value(engine, state, o) + self.rng.random() * 0.5,
                )
        return Hold(self.side)


AGENTS: dict[str, Callable[[str, Personality, int], Agent]] = {
    "random": RandomAgent,
    "greedy": GreedyAgent,
    "reciprocal": ReciprocalAgent,
}


def make_agent(kind: str, side: str, engine: Engine, salt: int = 0) -> Agent:
    """An agent of `kind` for `side`, with that leader's personality from content.

    `salt` varies its dice beyond the game seed (0 for normal play).
    """
    personality = engine.leaders[side].personality
    return AGENTS[kind](side, personality, salt)


__all__ = ["AGENTS", "FRONTS", "Agent", "make_agent"]
