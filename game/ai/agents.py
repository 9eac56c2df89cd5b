"""The other president: agents that choose orders with a personality from content.

Agents read only what their side may see: the meters, flags, agreements, their
own hand and what the other leader played in past turns (never his hand).

Agents keep no state of their own that matters: their memory of the other
leader is rebuilt from the game's turn log, and each decision draws its dice
from the game seed, the turn and the side. So a game saved and loaded later
continues exactly as it would have without the interruption.

Every weight an agent uses comes from the `ai` section of rules.yaml
(`AiTuning`), so a designer tunes the computer's play without touching code.
"""

from __future__ import annotations

import random
import weakref
from collections.abc import Callable
from typing import Any

from game.core.effects import static_deltas
from game.core.orders import ChooseOption, Hold, Order, PlayCard
from game.core.rng import shuffle
from game.core.state import FRONTS, GameState, month_index
from game.core.turn import CompiledCard, Engine
from game.models.content import AiTuning, Personality, Play

STANCES = ("cooperate", "confront", "domestic", "hold")
#: The order in which the other leader's stances are counted and summed.
PRIOR_ORDER: tuple[Play, ...] = ("cooperate", "domestic", "confront", "hold")
TENSIONS = tuple(f"tension.{front}" for front in FRONTS)
#: Meter changes ready to weigh: (meter, change, limit, kind, weight) each.
Compiled = tuple[tuple[str, int, int, int, float], ...]
_MASK = (1 << 64) - 1
_DYNAMIC = "\0dynamic"  # a stance pair whose interaction depends on the state


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


def first_roll(seed: int, turn: int, side: str, salt: int) -> float:
    """`decision_dice(...).random()`, for a decision that rolls once: no dice made."""
    x = ((seed * 1_000_003 + turn * 7_919 + salt * 31 + (side == "trump")) * 0x2545F491
         + 0x9E3779B97F4A7C15) & _MASK
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _MASK
    return ((x ^ (x >> 31)) >> 11) * (1.0 / (1 << 53))


class Agent:
    """Base agent: knows its side, personality and generator; remembers the other's plays."""

    kind = "base"

    def __init__(self, side: str, personality: Personality, tuning: AiTuning,
                 limits: dict[str, int], salt: int = 0) -> None:
        self.tuning = tuning
        self.limits = limits  # each meter's highest value
        self.side = side
        self.other = "trump" if side == "amlo" else "amlo"
        self.my_polls, self.my_capital = f"polls.{side}", f"capital.{side}"
        self.their_polls = f"polls.{self.other}"
        # Meter changes compiled for weighing; they depend only on the engine and the
        # side, so every agent of a side shares them (set by make_agent).
        # order → its changes (a card's and its cost, or holding's), stance and front
        self._card_deltas: dict[Order, tuple[Compiled, str, str | None]] = {}
        self._previews: dict[str | None, Compiled] = {}  # interaction → its changes
        self._option_deltas: dict[tuple[str, int], Compiled] = {}  # news option → changes
        # What observe() found so far in one game's turn log: read only the new records.
        self._log: list[dict[str, object]] | None = None
        self._read = 0
        self.personality = personality
        self.salt = salt
        self.rng = Dice(0)
        self.seen: dict[str, float] = {}
        # Per stance of his: the other's stances' chances and interactions, for `seen`.
        self._plans: dict[str, list[tuple[float, tuple[str, str], Compiled | None]]] = {}
        self._plans_seen: dict[str, float] | None = None
        self.betrayed = False
        # How the other answers pressure: months after one of my confrontations, and how
        # many of those he confronted back; his cooperative months in a row, up to now.
        self.pushed = self.answered = self.streak = 0
        self.pressed = False  # he confronted last month, and not in answer to me
        self._mine: str | None = None  # my stance in the last record read
        self.difficulty: str | None = None  # the content difficulty it was made for

    def observe(self, engine: Engine, state: GameState, salt: int) -> None:
        """Recall the other's past stances from the turn log; roll this decision's dice."""
        self.rng = decision_dice(state.seed + self.salt, state.turn, self.side, salt)
        log = state.log
        if log is self._log and self._read <= len(log):
            seen, betrayed = dict(self.seen), self.betrayed  # go on from the records read
        else:
            # Prior counts of the other's stances: expect a partner, not an enemy.
            prior = self.tuning.prior
            seen = {stance: prior.get(stance, 0.0) for stance in PRIOR_ORDER}
            betrayed = False
            self._log, self._read = log, 0
            self.pushed = self.answered = self.streak = 0
            self.pressed = False
            self._mine = None
        cards, mine = engine.cards[self.other], engine.cards[self.side]
        memory = self.tuning.memory
        for index in range(self._read, len(log)):
            record = log[index]
            if self.other not in record["orders"]:
                if index == len(log) - 1:
                    break  # this turn's own record: nothing revealed yet, read it later
                self._read = index + 1
                continue
            self._read = index + 1
            orders = record["orders"]
            card_id = orders[self.other]
            stance = cards[card_id].card.stance if card_id in cards else "hold"
            for key in seen:  # recent turns count most: memory fades
                seen[key] *= memory
            seen[stance] += 1.0
            if stance == "confront":
                betrayed = True
            elif stance == "cooperate":
                betrayed = False
            # He pressed me unprovoked: not in answer to my own pressure the month before.
            self.pressed = stance == "confront" and self._mine != "confront"
            if self._mine == "confront":
                self.pushed += 1
                self.answered += stance == "confront"
            self.streak = self.streak + 1 if stance == "cooperate" else 0
            card_id = orders.get(self.side)
            self._mine = mine[card_id].card.stance if card_id in mine else "hold"
        self.seen, self.betrayed = seen, betrayed

    @property
    def retaliation(self) -> float:
        """How often the other hits back at pressure, counting one imagined hit back and
        one imagined yield (so a leader never pushed counts as even)."""
        return (self.answered + 1.0) / (self.pushed + 2.0)

    def tempted(self, state: GameState) -> bool:
        """Whether to press the other leader this month: he yields to pressure and trust
        can take it, or he has cooperated so long that a test looks cheap (the normal and
        hard players' probing; one roll of the dice)."""
        t = self.tuning
        trust = state.meters["trust"]
        if self.streak and self.pushed and self.retaliation < t.yields_below:
            return trust >= t.exploit_trust and self.rng.random() < t.exploit
        if self.streak >= t.probe_after and trust >= t.probe_trust:
            return self.rng.random() < t.probe * self.personality.populism
        return False

    def choose_order(self, engine: Engine, state: GameState) -> Order:
        """The order for this turn's policy phase."""
        raise NotImplementedError

    def choose_option(self, engine: Engine, state: GameState) -> ChooseOption:
        """The pick among the current event's options, by utility and the event's AI hint."""
        self.observe(engine, state, 1)
        indices = engine.options(state, self.side)
        event = engine.events[state.event or ""].event
        best, best_value = 0, float("-inf")
        _deficit, w_polls, w_trust = self.weights(state)
        for n, index in enumerate(indices):
            choice = event.choices[index]
            key = (event.id, index)
            compiled = self._option_deltas.get(key)
            if compiled is None:
                compiled = self._option_deltas[key] = self.compile_deltas(
                    static_deltas(choice.effects, self.side))
            value = self._value_compiled(compiled, state.meters, w_polls, w_trust)
            value += choice.ai * self.tuning.option_hint \
                + self.rng.random() * self.tuning.option_noise
            if value > best_value:
                best, best_value = n, value
        return ChooseOption(self.side, best)

    # ------------------------------------------------------------- utility

    def pressure(self, state: GameState) -> float:
        """How far below his comfort level his polls are (0 when comfortable)."""
        return max(0.0, self.personality.comfort - state.meters[self.my_polls])

    def weights(self, state: GameState) -> tuple[float, float, float]:
        """(points below comfort, value of a point of his polls, of a point of trust)."""
        t = self.tuning
        deficit = self.pressure(state)
        populism = self.personality.populism
        w_trust = t.trust * (t.trust_base - t.trust_populism * populism) / (
            1.0 + t.trust_pressure * populism * deficit)
        # A relationship that works is worth more to keep; a broken one, less to mend.
        w_trust *= t.trust_hope[0] + t.trust_hope[1] * state.meters["trust"] \
            / self.limits["trust"]
        return deficit, self.polls_weight(deficit), w_trust

    def situation(self, engine: Engine, state: GameState) -> Situation:
        """What every order's value in `state` shares, worked out once per decision."""
        deficit, w_polls, w_trust = self.weights(state)
        sit = Situation(engine, state, deficit, w_polls, w_trust, sum(self.seen.values()))
        sit.comfort = engine.comforts[self.side]
        sit.rally = engine.base_rally * w_polls
        sit.press = engine.base_pressure * w_polls
        return sit

    def value_of(self, deltas: dict[str, int], state: GameState) -> float:
        """How much this leader likes a set of meter changes, given his situation."""
        _deficit, w_polls, w_trust = self.weights(state)
        return self._value_compiled(self.compile_deltas(deltas), state.meters, w_polls, w_trust)

    def compile_deltas(self, deltas: dict[str, int]) -> Compiled:
        """Meter changes as (meter, change, limit, kind, weight) in their order: kind 0 is
        his polls, 1 trust, 2 a meter of fixed weight; meters he does not weigh are left
        out."""
        t = self.tuning
        out = []
        for meter, delta in deltas.items():
            if meter == self.my_polls:
                kind, weight = 0, 0.0
            elif meter == "trust":
                kind, weight = 1, 0.0
            elif meter.startswith("tension."):
                kind, weight = 2, -t.tension
            elif meter == self.my_capital:
                kind, weight = 2, t.capital
            elif meter == self.their_polls:
                kind, weight = 2, -t.rival_polls  # a rival's gain is a small loss
            else:
                continue  # a meter he does not weigh adds nothing: leave it out
            out.append((meter, delta, self.limits.get(meter, 0), kind, weight))
        return tuple(out)

    @staticmethod
    def _value_compiled(compiled: Compiled, meters: dict[str, int], w_polls: float,
                        w_trust: float) -> float:
        value = 0.0
        for meter, delta, limit, kind, weight in compiled:
            now = meters.get(meter)
            if now is not None:  # a meter at its limit cannot move further that way
                after = now + delta
                if after > limit:
                    delta = limit - now
                elif after < 0:
                    delta = -now
            if kind == 0:
                value += w_polls * delta
            elif kind == 1:
                value += w_trust * delta
            else:
                value += weight * delta
        return value

    def polls_weight(self, deficit: float) -> float:
        """What a point of his own polls is worth, `deficit` points below his comfort."""
        return self.tuning.polls + self.tuning.polls_pressure * self.personality.populism \
            * deficit

    def value_in(self, sit: Situation, order: Order) -> float:
        """Expected value of an order against the other side's likely stances, in a
        situation worked out once for all the orders of a decision."""
        info = self._card_deltas.get(order)
        if info is None:
            info = self._card_deltas[order] = self._order_info(sit.engine, order)
        compiled, stance, front = info
        state = sit.state
        value = self._value_compiled(compiled, state.meters, sit.w_polls, sit.w_trust)
        for term in self._stance_terms(sit, stance):
            value += term
        tune = self.tuning
        if stance == "cooperate" and front is not None:
            step = state.agreements[front]
            prize = tune.prize_signed if step == 1 else tune.prize_talks if step == 0 else 0.0
            if sit.offers().get(self.other) == front:
                value += prize  # answering his standing offer moves the agreement for sure
            else:  # he may cooperate on this front now, or answer this offer next month
                value += prize * tune.same_front * self.seen["cooperate"] / sit.total
        if state.meters[self.my_polls] < sit.comfort:
            if stance == "confront":
                value += sit.rally
            elif stance != "domestic":
                value -= sit.press
        if stance == "confront":
            value += self.personality.populism * sit.deficit * tune.confront_pull
            if front is not None and state.agreements[front] == 1:
                value -= tune.break_talks
        return value

    def best_in(self, sit: Situation, orders: list[Order]) -> Order:
        """The first of `orders` of highest value in `sit` (as `max` would pick)."""
        best = orders[0]
        best_value = self.value_in(sit, best)
        for order in orders[1:]:
            value = self.value_in(sit, order)
            if value > best_value:
                best, best_value = order, value
        return best

    def _order_info(self, engine: Engine, order: Order) -> tuple[Compiled, str, str | None]:
        """An order's meter changes (its card's, and its cost; or holding's), compiled for
        weighing, with its stance and front."""
        if isinstance(order, PlayCard):
            cc = engine.card(self.side, order.card)
            deltas = dict(cc.deltas)
            deltas[self.my_capital] = deltas.get(self.my_capital, 0) - cc.cost
            return self.compile_deltas(deltas), cc.stance, cc.front
        return self.compile_deltas({self.my_capital: engine.rules.hold_gain}), "hold", None

    def _stance_terms(self, sit: Situation, stance: str) -> tuple[float, ...]:
        """For each stance the other may show: its chance times what the interaction with
        `stance` would be worth (in the order the other's stances are counted)."""
        terms = sit.terms.get(stance)
        if terms is None:
            if self._plans_seen is not self.seen:  # a new decision: new chances
                self._plans, self._plans_seen = {}, self.seen
            plan = self._plans.get(stance)
            if plan is None:
                plan = self._plans[stance] = self._plan(sit, stance)
            engine, state = sit.engine, sit.state
            meters, w_polls, w_trust = state.meters, sit.w_polls, sit.w_trust
            parts = []
            for p, pair, compiled in plan:
                if compiled is None:  # which interaction depends on the state
                    compiled = self._preview(engine, state, pair,
                                             engine.interaction_id(pair[0], pair[1], state))
                parts.append(p * self._value_compiled(compiled, meters, w_polls, w_trust))
            terms = sit.terms[stance] = tuple(parts)
        return terms

    def _plan(self, sit: Situation, stance: str) -> list[tuple[float, tuple[str, str],
                                                           Compiled | None]]:
        """For `stance`, each stance of the other's: its chance, the pair of stances and,
        where no condition can change it, their interaction's changes compiled."""
        fixed = sit.engine.fixed_interaction
        amlo = self.side == "amlo"
        plan: list[tuple[float, tuple[str, str], Compiled | None]] = []
        for other_stance, count in self.seen.items():
            pair = (stance, other_stance) if amlo else (other_stance, stance)
            found = fixed.get(pair, _DYNAMIC)
            compiled = None if found == _DYNAMIC else self._preview(sit.engine, sit.state,
                                                                    pair, found)
            plan.append((count / sit.total, pair, compiled))
        return plan

    def _preview(self, engine: Engine, state: GameState, pair: tuple[str, str],
                 found: str | None) -> Compiled:
        """The changes of interaction `found` (of stances `pair`), compiled once."""
        compiled = self._previews.get(found)
        if compiled is None:
            compiled = self._previews[found] = self.compile_deltas(
                engine.interaction_preview(pair[0], pair[1], state))
        return compiled


class Situation:
    """What the values of every order in one state share: worked out once per decision."""

    __slots__ = ("_offers", "comfort", "deficit", "engine", "press", "rally", "state",
                 "terms", "total", "w_polls", "w_trust")

    def __init__(self, engine: Engine, state: GameState, deficit: float, w_polls: float,
                 w_trust: float, total: float) -> None:
        self.engine = engine
        self.state = state
        self.deficit = deficit
        self.w_polls = w_polls
        self.w_trust = w_trust
        self.total = total
        self.terms: dict[str, tuple[float, ...]] = {}
        self._offers: dict[str, str] | None = None
        self.comfort = 0  # his comfort level, and what a point of his polls is worth
        self.rally = self.press = 0.0  # when below it: confronting's rally, the pressure

    def offers(self) -> dict[str, str]:
        """The standing offers in this state (looked up once)."""
        if self._offers is None:
            self._offers = self.engine.open_offers(self.state)
        return self._offers


class RandomAgent(Agent):
    """Plays any legal order, uniformly."""

    kind = "random"

    def choose_order(self, engine: Engine, state: GameState) -> Order:
        """A uniformly random legal order."""
        orders = engine.legal_orders(state, self.side)
        return orders[int(first_roll(state.seed + self.salt, state.turn, self.side, 0)
                           * len(orders))]

    def choose_option(self, engine: Engine, state: GameState) -> ChooseOption:
        """A uniformly random option."""
        count = len(engine.options(state, self.side))
        return ChooseOption(self.side, int(first_roll(state.seed + self.salt, state.turn,
                                                      self.side, 1) * count))


class GreedyAgent(Agent):
    """Looks one step ahead on its own utility, against the other's observed habits."""

    kind = "greedy"

    def choose_order(self, engine: Engine, state: GameState) -> Order:
        """The order of highest expected value (noise breaks ties)."""
        self.observe(engine, state, 0)
        best: Order = Hold(self.side)
        best_value = float("-inf")
        noise = self.tuning.greedy_noise + self.tuning.greedy_risk_noise * self.personality.risk
        sit = self.situation(engine, state)
        for order in engine.legal_orders(state, self.side):
            value = self.value_in(sit, order) + self.rng.random() * noise
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
        pull = self.personality.populism * self.pressure(state) / self.tuning.reciprocal_pull
        if self.rng.random() < pull or self.tempted(state):
            return "confront"
        return "cooperate"

    def choose_order(self, engine: Engine, state: GameState) -> Order:
        """The best card of the intended stance; else a domestic card; else hold."""
        self.observe(engine, state, 0)
        want = self.intended_stance(state)
        orders = engine.legal_orders(state, self.side)
        sit = self.situation(engine, state)
        for stances in ((want,), ("domestic",), ("cooperate", "confront", "domestic", "hold")):
            fitting = [o for o in orders if engine.stance(o) in stances]
            if fitting:
                return max(
                    fitting,
                    key=lambda o: self.value_in(sit, o)
                    + self.rng.random() * self.tuning.reciprocal_noise,
                )
        return Hold(self.side)


class _PureAgent(Agent):
    """A leader with one stance whatever happens: the best card of that stance he can
    afford, else the best domestic card, else holding (the measure of a pure strategy)."""

    stance = "cooperate"

    def choose_order(self, engine: Engine, state: GameState) -> Order:
        """The best card of his one stance; else a domestic card; else hold."""
        self.observe(engine, state, 0)
        orders = engine.legal_orders(state, self.side)
        sit = self.situation(engine, state)
        for stance in (self.stance, "domestic"):
            fitting = [o for o in orders if engine.stance(o) == stance]
            if fitting:
                return self.best_in(sit, fitting)
        return engine.hold_order[self.side]


class DoveAgent(_PureAgent):
    """Always cooperates when he can (the pushover the hard opponent must exploit)."""

    kind = "dove"
    stance = "cooperate"


class HawkAgent(_PureAgent):
    """Always confronts when he can (the bully the hard opponent must resist)."""

    kind = "hawk"
    stance = "confront"


class HistoricalAgent(Agent):
    """Plays what the leader really did (the historical path, for debriefs and tests).

    Each month it plays the legal card of its hand whose real moment (the card's `played`
    months) is closest to now, if within `ai.historical_reach` months, and otherwise
    holds. On the news it takes the option the leader really took (`historical`), and
    where the content does not say, decides as any agent does.
    """

    kind = "historical"

    def choose_order(self, engine: Engine, state: GameState) -> Order:
        """The card closest to what he really did this month, or holding."""
        best: Order = engine.hold_order[self.side]
        best_gap = self.tuning.historical_reach + 1
        cards = engine.cards[self.side]
        for order in engine.legal_orders(state, self.side):
            if isinstance(order, PlayCard):
                for played in cards[order.card].card.played:
                    gap = abs(month_index(played) - state.month)
                    if gap < best_gap:
                        best, best_gap = order, gap
        return best

    def choose_option(self, engine: Engine, state: GameState) -> ChooseOption:
        """The option he really took, if the content marks one."""
        event = engine.events[state.event or ""].event
        for n, index in enumerate(engine.options(state, self.side)):
            if event.choices[index].historical:
                return ChooseOption(self.side, n)
        return super().choose_option(engine, state)


class LookaheadAgent(Agent):
    """Rolls the game forward over the other leader's possible replies (the hard opponent).

    It never sees the other hand: each rollout deals the other leader a hand from
    his public card list, weighted by the stances he has shown, then plays a few
    months ahead and scores where it leads (polls against the floor, trust,
    agreements, and the ending, if one is reached).

    It also remembers how the other leader answered its own confrontations: one who
    hits back is not worth pushing, one who keeps cooperating whatever happens is
    pushed whenever his patience pays at home.
    """

    kind = "lookahead"

    def __init__(self, side: str, personality: Personality, tuning: AiTuning,
                 limits: dict[str, int], salt: int = 0) -> None:
        super().__init__(side, personality, tuning, limits, salt)
        self.search = tuning.lookahead
        self.their_capital = f"capital.{self.other}"
        self._pool: list[CompiledCard] | None = None
        self._pool_engine: Engine | None = None
        self._habits: list[float] = []
        self._first: list[float] = []
        # Month → his cards' costs, chances and playability, for this decision's habits.
        self._reply_plans: dict[int, list[tuple[int, float, Any]]] = {}

    def choose_order(self, engine: Engine, state: GameState) -> Order:
        """The candidate order with the best mean rollout score."""
        self.observe(engine, state, 0)
        # How likely each of his cards is, by the stances he has shown (and holding, last).
        total = sum(self.seen.values())
        unseen = self.search.unseen_stance
        self._habits = [self.seen.get(cc.stance, unseen) / total
                        for cc in self._their_pool(engine)]
        self._habits.append(self.seen.get("hold", unseen) / total)
        self._reply_plans = {}
        # Every rollout's first reply is dealt in a copy of this very state: weigh his
        # cards for it once.
        self._first = self._reply_weights(engine, state)
        orders = engine.legal_orders(state, self.side)
        sit = self.situation(engine, state)
        ranked = sorted(orders, key=lambda o: -self.value_in(sit, o))
        best: Order = ranked[0]
        best_value = float("-inf")
        dice = decision_dice(state.seed + self.salt, state.turn, self.side, 7)
        search = self.search
        candidates = ranked[: search.candidates]
        confronts = [o for o in ranked if engine.stance(o) == "confront"]
        if confronts and confronts[0] not in candidates:
            candidates.append(confronts[0])  # always weigh the best way to push
        # A leader who yields, or has cooperated long enough to be tested, is worth pressing;
        # one who just pressed him unprovoked is answered in kind, unless he forgives it
        # this month (an answer to his own pressure is not answered again: no echoes).
        pressing = search.exploit if self.tempted(state) else 0.0
        if self.pressed and self.rng.random() >= self.personality.forgiveness:
            pressing = max(pressing, search.retaliate)
        for order in candidates:
            total = sum(self.rollout(engine, state, order, dice)
                        for _ in range(search.rollouts))
            value = total / search.rollouts + self.value_in(sit, order) * search.own_value
            if pressing and engine.stance(order) == "confront":
                value += pressing
            if value > best_value:
                best, best_value = order, value
        return best

    def reply_for(self, engine: Engine, sim: GameState, dice: Dice,
                  stance: str | None = None) -> Order:
        """A plausible reply of the other leader, dealt from his public card list.

        With `stance`, a card of that stance if he can play one; otherwise a card
        weighted by the stances he has shown.
        """
        pool = self._their_pool(engine)
        if stance is not None:
            capital = sim.meters[self.their_capital]
            weights = [1.0 if cc.cost <= capital and cc.stance == stance and cc.eligible(sim)
                       else 0.0 for cc in pool]
            if not any(weights):
                return self.reply_for(engine, sim, dice)  # he cannot: back to his habits
        else:
            weights = self._reply_weights(engine, sim)
        return self._deal(engine, sim, dice, weights)

    def _reply_weights(self, engine: Engine, sim: GameState) -> list[float]:
        """How likely each of his cards is as a reply in `sim`, by his habits (holding
        last)."""
        capital = sim.meters[self.their_capital]
        plan = self._reply_plans.get(sim.month)
        if plan is None:
            plan = self._reply_plans[sim.month] = self._reply_plan(engine, sim.month)
        weights = [habit if cost <= capital and (check is True or (
            check is not False and check(sim))) else 0.0 for cost, habit, check in plan]
        weights.append(self._habits[-1])
        return weights

    def _reply_plan(self, engine: Engine, month: int) -> list[tuple[int, float, Any]]:
        """For each of his cards in `month`: its cost, its chance by his habits, and
        whether it can be played then (True, False, or its condition to check)."""
        plan: list[tuple[int, float, Any]] = []
        for cc, habit in zip(self._their_pool(engine), self._habits, strict=False):
            if cc.always or (cc.lo <= month <= cc.hi and cc.card.requires is None):
                check: Any = True
            elif not cc.lo <= month <= cc.hi:
                check = False
            else:
                check = cc.requires
            plan.append((cc.cost, habit, check))
        return plan

    def _deal(self, engine: Engine, sim: GameState, dice: Dice,
              weights: list[float]) -> Order:
        """Deal him one card by `weights` (the last one is holding), into his hand."""
        pool = self._their_pool(engine)
        pick = dice.random() * sum(weights)
        for cc, weight in zip(pool, weights, strict=False):
            pick -= weight
            if pick < 0:
                card_id = cc.card.id
                if card_id not in sim.hands[self.other]:
                    sim.hands[self.other].append(card_id)
                return engine.play_order[self.other][card_id]
        return engine.hold_order[self.other]

    def _their_pool(self, engine: Engine) -> list[CompiledCard]:
        """The other leader's public card list, in content order."""
        if self._pool is None or self._pool_engine is not engine:
            self._pool = list(engine.cards[self.other].values())
            self._pool_engine = engine
        return self._pool

    def rollout(self, engine: Engine, state: GameState, order: Order, dice: Dice) -> float:
        """Play `order` against a sampled reply, then a little further; score the result.

        After the first month the other leader answers a confrontation in kind as
        often as he has before; otherwise he plays to his habits. This leader then
        plays the order it values most.
        """
        from game.core.state import CHOICE, OVER, UPKEEP

        # Its own generator, seeded from the decision's dice: the months it imagines must
        # not be the ones really coming (a copy of the game's generator would deal them).
        sim = state.clone(rng=random.Random(int(dice.random() * (1 << 53))))
        # The other hand is unknown: deal him one from his public card list instead.
        pool = list(engine.cards[self.other])
        shuffle(sim.rng, pool)
        sim.hands[self.other], sim.decks[self.other], sim.discards[self.other] = [], pool, []
        reply = self._deal(engine, sim, dice, self._first)
        # Orders from legal_orders and replies dealt as legal: no need to check them again.
        engine.resolve(sim, {self.side: order, self.other: reply}, trusted=True)
        pushed = engine.stance(order) == "confront"
        for _ in range(self.search.horizon - 1):
            if sim.phase == OVER:
                break
            if sim.phase == UPKEEP:
                engine.begin_turn(sim)
            while sim.phase == CHOICE:  # the month's news, one decision after another
                for side in list(sim.pending):
                    count = len(engine.options(sim, side))
                    engine.choose(sim, ChooseOption(side, int(dice.random() * count)))
            hits_back = pushed and dice.random() < self.retaliation
            reply = self.reply_for(engine, sim, dice, "confront" if hits_back else None)
            mine = self.best_in(self.situation(engine, sim), engine.legal_orders(sim, self.side))
            engine.resolve(sim, {self.side: mine, self.other: reply}, trusted=True)
            pushed = False
        return self.score(engine, sim)

    def score(self, engine: Engine, sim: GameState) -> float:
        """How good a position is for this leader."""
        w = self.search
        meters = sim.meters
        value = self.polls_weight(self.pressure(sim)) * (meters[self.my_polls]
                                                        - engine.leaders[self.side].floor)
        value += w.trust * meters["trust"]
        value += sum(w.signed if v >= 2 else w.talks if v == 1 else 0.0
                     for v in sim.agreements.values())
        value -= w.tension * sum(meters[name] for name in TENSIONS)
        value += w.capital * meters[self.my_capital]
        ending = sim.ending
        if ending is not None:
            kind = ending["kind"]
            if kind == "compromise":
                value += w.compromise
            elif kind == "collision":
                value -= w.collision
            elif kind == "domestic_defeat":
                value += -w.own_defeat if ending.get("side") == self.side else w.other_defeat
        return value


#: Per engine and side: the compiled meter changes of cards (and holding, under ""),
#: interactions and news options, shared by every agent made for that engine.
_COMPILED: weakref.WeakKeyDictionary[Engine, dict[str, tuple[
    dict[Order, tuple[Compiled, str, str | None]], dict[str | None, Compiled],
    dict[tuple[str, int], Compiled]]]]
_COMPILED = weakref.WeakKeyDictionary()

AGENTS: dict[str, Callable[[str, Personality, AiTuning, dict[str, int], int], Agent]] = {
    "random": RandomAgent,
    "greedy": GreedyAgent,
    "reciprocal": ReciprocalAgent,
    "lookahead": LookaheadAgent,
    "historical": HistoricalAgent,
    "dove": DoveAgent,
    "hawk": HawkAgent,
}


def make_agent(kind: str, side: str, engine: Engine, salt: int = 0,
               personality: Personality | None = None) -> Agent:
    """An agent of `kind` for `side`, with that leader's personality from content.

    `kind` may also be a difficulty id from content (easy, normal, hard): its agent
    and, where it names one, its personality. `salt` varies the dice (0 in play).
    """
    difficulty = engine.content.difficulties.get(kind)
    if difficulty is not None:
        kind = difficulty.agent
        personality = personality or difficulty.personality.get(side)  # type: ignore[call-overload]
    chosen = personality or engine.leaders[side].personality
    tuning = engine.rules.ai
    if difficulty is not None and difficulty.search:
        tuning = tuning.model_copy(update={"lookahead": tuning.lookahead.model_copy(
            update=difficulty.search)})
    agent = AGENTS[kind](side, chosen, tuning, engine.limit, salt)
    shared = _COMPILED.get(engine)
    if shared is None:
        shared = _COMPILED[engine] = {s: ({}, {}, {}) for s in ("amlo", "trump")}
    agent._card_deltas, agent._previews, agent._option_deltas = shared[side]
    agent.difficulty = difficulty.id if difficulty is not None else None
    return agent


__all__ = ["AGENTS", "FRONTS", "Agent", "make_agent"]
