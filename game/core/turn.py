"""One month of the game: upkeep, news, policy, resolution, endings.

`Engine` is built once from validated content (conditions and effects are
compiled to plain functions) and is then a pure rules machine over `GameState`:
`begin_turn` runs upkeep and the news, `choose` takes event options,
`resolve` takes both leaders' orders at once. Illegal orders come back as
`Rejected` with a reason; nothing here raises for a player's mistake.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from game.core.conditions import OTHER, Predicate, compile_condition, date_window
from game.core.effects import Apply, change_meter, compile_effects, move_agreement, static_deltas
from game.core.endings import ending_record
from game.core.orders import ChooseOption, Hold, Order, PlayCard, Rejected
from game.core.rng import make_rng, pick_weighted, shuffle
from game.core.state import (
    CHOICE,
    FRONTS,
    OVER,
    POLICY,
    SIDES,
    UPKEEP,
    GameState,
    month_index,
    month_name,
)
from game.models.bundle import Content
from game.models.content import (
    STATE_METERS,
    Card,
    Ending,
    Event,
    Goal,
    Scenario,
    ScheduleEvent,
)

#: The cause a facilitator's inject is scheduled with (game.core.orders.Inject).
INJECTED = "facilitator"
#: The ids the facilitator's own news take: facilitator_1, facilitator_2, ...
WRITTEN = "facilitator_"


def written_event(event_id: str, news: Mapping[str, Any]) -> Event:
    """The news a facilitator wrote on the spot (`title`, `text`, `effects`), as an event
    of the content; pydantic's ValidationError when it is not written as content is."""
    return Event.model_validate({
        "id": event_id, "title": news.get("title"), "text": news.get("text"),
        "context": "Written by the facilitator during the game.", "sources": ["facilitator"],
        "weight": 0, "effects": news.get("effects", [])})


#: The flag of a game the facilitator has ended (game.core.orders.Stop), and its ending.
STOPPING = "facilitator_stop"
STOPPED = "stopped"


@dataclass(frozen=True, slots=True)
class CompiledCard:
    """A card ready to play for one side."""

    card: Card
    side: str
    requires: Predicate
    effects: tuple[Apply, ...]
    deltas: dict[str, int]
    front: str | None
    lo: int
    hi: int
    always: bool  # no window and no `requires`: eligible whenever held
    cause: str  # ledger cause of its effects
    cost_cause: str  # ledger cause of its cost
    cost: int
    stance: str

    def eligible(self, state: GameState) -> bool:
        """Its window and `requires` allow it now (cost aside)."""
        return self.always or (self.lo <= state.month <= self.hi and self.requires(state))


@dataclass(frozen=True, slots=True)
class CompiledEvent:
    """An event ready to fire."""

    event: Event
    when: Predicate
    effects: tuple[Apply, ...]
    choices: dict[str, list[tuple[int, tuple[Apply, ...]]]]  # side → (index in event, effects)


class TurnOpened(NamedTuple):
    """What happened at the start of a turn: the month's news, in the order it came."""

    turn: int
    month: str
    events: tuple[str, ...]  # dated and chained news first, then the month's random news
    choosers: tuple[str, ...]  # who decides first (on the first news with options)
    first_change: int  # index into the ledger where this turn's changes start
    news_change: int  # index where the news's own changes start (after upkeep)

    @property
    def event(self) -> str | None:
        """The month's first news, if any."""
        return self.events[0] if self.events else None


class TurnResolved(NamedTuple):
    """What the policy phase did: the orders, the interaction and the ending, if any."""

    turn: int
    orders: dict[str, Order]
    interaction: str | None
    first_change: int
    ending: dict[str, Any] | None = None


class Engine:
    """The rules, compiled from content, applied to game states."""

    def __init__(self, content: Content, scenario_id: str) -> None:
        self.content = content
        self.rules = content.rules
        self.scenario: Scenario = content.scenarios[scenario_id]
        #: Each meter's highest value (all meters start at 0).
        self.limit: dict[str, int] = {m: self.rules.meter_max_of(m) for m in STATE_METERS}
        sc = self.scenario
        self.start = month_index(sc.start)
        self.turns = sc.turns
        self.leaders = content.leaders
        excluded_cards = set(sc.exclude_cards)
        self.cards: dict[str, dict[str, CompiledCard]] = {side: {} for side in SIDES}
        for side in SIDES:
            for card in content.cards_for(side):
                if card.id in excluded_cards or (card.scenarios and sc.id not in card.scenarios):
                    continue
                self.cards[side][card.id] = CompiledCard(
                    card=card,
                    side=side,
                    requires=compile_condition(card.requires, side, self.turns),
                    effects=compile_effects(card.effects, side, self.limit),
                    deltas=static_deltas(card.effects, side),
                    front=card.resolved_front,
                    lo=month_index(card.from_) if card.from_ else -(10**9),
                    hi=month_index(card.until) if card.until else 10**9,
                    always=card.requires is None and card.from_ is None and card.until is None,
                    cause=f"card:{card.id}",
                    cost_cause=f"cost:{card.id}",
                    cost=card.cost,
                    stance=card.stance,
                )
        # Month → side → cards whose window opens that month: they go to the top of the
        # deck then, so a card's moment is not lost at the bottom of the pile.
        self.opening: dict[int, dict[str, list[str]]] = {}
        for side in SIDES:
            for card_id, cc in self.cards[side].items():
                if cc.card.from_ is not None:
                    self.opening.setdefault(cc.lo, {}).setdefault(side, []).append(card_id)
        excluded_events = set(sc.exclude_events)
        self.events: dict[str, CompiledEvent] = {}
        for event in content.events.values():
            if event.id in excluded_events or (event.scenarios and sc.id not in event.scenarios):
                continue
            self.events[event.id] = self._compiled_event(event)
        #: Ledger causes of each event's own effects and of each of its options.
        self.event_cause = {event_id: f"event:{event_id}" for event_id in self.events}
        self.choice_cause = {(ce.event.id, index): f"choice:{ce.event.id}:{index}"
                             for ce in self.events.values()
                             for index in range(len(ce.event.choices))}
        #: The sides that pick among each event's options.
        self.choosers = {event_id: tuple(s for s in SIDES if s in ce.choices)
                         for event_id, ce in self.events.items()}
        #: Dated events that may wait for their condition: the last month they may fire.
        self.last_wait = {event_id: month_index(ce.event.date) + ce.event.wait
                          for event_id, ce in self.events.items()
                          if ce.event.date is not None and ce.event.wait}
        self.random_events = [
            (e.event.id, e.event.weight, e.when) for e in self.events.values()
            if e.event.weight > 0 and e.event.date is None
        ]
        self.dated: dict[int, list[str]] = {}
        for e in self.events.values():
            if e.event.date is not None:
                self.dated.setdefault(month_index(e.event.date), []).append(e.event.id)
        #: The endings this scenario can reach, highest priority first.
        self.scenario_endings: list[Ending] = [
            ending for ending in sorted(content.endings, key=lambda e: -e.priority)
            if (not ending.scenarios or sc.id in ending.scenarios)
            and ending.id not in sc.exclude_endings
        ]
        self.endings: list[tuple[Ending, Predicate]] = [
            (ending, compile_condition(ending.when, ending.side, self.turns))
            for ending in self.scenario_endings
        ]
        self.goals: list[tuple[Goal, Predicate]] = [
            (goal, compile_condition(goal.when, goal.side, self.turns)) for goal in sc.goals
        ]
        # Stance pair → its interactions in file order, each with its `when` (if any).
        self.matrix: dict[tuple[str, str], list[tuple[str, Predicate | None, tuple[Apply, ...]]]]
        self.matrix = {}
        for i in self.rules.interactions:
            self.matrix.setdefault((i.amlo, i.trump), []).append((
                i.id,
                compile_condition(i.when, None, self.turns) if i.when is not None else None,
                compile_effects(i.effects, None, self.limit),
            ))
        self.injects = [
            (f"inject:{i}", inject.turn, compile_condition(inject.when, None, self.turns),
             inject.event, inject.until)
            for i, inject in enumerate(sc.injects)
        ]
        #: The events that can come in this scenario at all: drawn, dated, injected here,
        #: or set in motion by another event, an option or a card.
        moved: set[str] = {inject.event for inject in sc.injects}
        for ce in self.events.values():
            moved.update(chain.event for chain in ce.event.next)
            for effects in (ce.event.effects, *(c.effects for c in ce.event.choices)):
                moved.update(e.event for e in effects if isinstance(e, ScheduleEvent))
        for side_cards in self.cards.values():
            for cc in side_cards.values():
                moved.update(e.event for e in cc.card.effects
                             if isinstance(e, ScheduleEvent))
        self.possible_events = [event_id for event_id, ce in self.events.items()
                                if ce.event.weight > 0 or ce.event.date is not None
                                or event_id in moved]
        self.pressure = [
            (p.meter, p.delta,
             month_index(p.from_) if p.from_ else -(10**9),
             month_index(p.until) if p.until else 10**9)
            for p in sc.pressure
        ]
        self.income_steps = [(s.above_floor, s.amount) for s in self.rules.income_steps]
        self.polls_of = {side: f"polls.{side}" for side in SIDES}
        self.capital_of = {side: f"capital.{side}" for side in SIDES}
        self.tension_of = {front: f"tension.{front}" for front in FRONTS}
        self._deltas = {i.id: static_deltas(i.effects, None) for i in self.rules.interactions}
        self._compile_constants()
        self._compile_interactions()

    def _compile_constants(self) -> None:
        """What the turn reads every month and never changes during a game, worked out
        once: the rules' numbers, causes, ready-made orders, the news each month may draw."""
        rules = self.rules
        self.hold_gain = rules.hold_gain
        self.turnover = rules.hand_turnover
        self.hand_stances = tuple(rules.hand_stances)
        self.income_base = rules.income_base
        self.polls_drift = rules.polls_drift
        self.drift_every = rules.polls_drift_every
        self.tension_drift = rules.tension_drift
        self.recovery = (rules.trust_recovery.below, rules.trust_recovery.delta) \
            if rules.trust_recovery is not None else None
        self.erosion = [(e.min, e.trust) for e in rules.tension_erosion]
        #: Each month's calming of every tension, as changes for `_apply`.
        self.calm = [(f"tension.{front}", rules.tension_drift, "drift:calm")
                     for front in FRONTS] if rules.tension_drift else []
        self.erosion_cause = {front: f"erosion:{front}" for front in FRONTS}
        self.base_pressure, self.base_rally = rules.base_pressure, rules.base_rally
        self.rally_cause = {side: f"rally:{side}" for side in SIDES}
        self.base_cause = {side: f"base:{side}" for side in SIDES}
        self.interaction_cause = {i.id: f"interaction:{i.id}" for i in rules.interactions}
        self.floors = {side: self.leaders[side].floor for side in SIDES}
        self.comforts = {side: self.leaders[side].comfort for side in SIDES}
        self.baselines = {side: self.leaders[side].baseline for side in SIDES}
        #: Cards whose eligibility can change (a window or a condition), per side.
        self.conditional = {side: {c: cc for c, cc in self.cards[side].items()
                                   if not cc.always} for side in SIDES}
        #: Orders are immutable: the same objects serve every turn of every game.
        self.play_order = {side: {c: PlayCard(side, c) for c in self.cards[side]}
                           for side in SIDES}
        self.hold_order = {side: Hold(side) for side in SIDES}
        self._news_by_month: dict[int, list[tuple[str, int, Predicate]]] = {}
        self._month_names: dict[int, str] = {}
        #: Each random event's months, as far as its `when` fixes them by date alone.
        self._news_windows = [date_window(self.events[event_id].event.when)
                              for event_id, _weight, _when in self.random_events]

    def _compile_interactions(self) -> None:
        """Each pair of stances' interactions, `hold` already read as `domestic` where the
        matrix does not name it; and, for the pairs whose interaction no condition can
        change, that interaction (or None)."""
        stances = ("cooperate", "confront", "domestic", "hold")
        self._pairs: dict[tuple[str, str], list[tuple[str, Predicate | None,
                                                      tuple[Apply, ...]]]] = {}
        #: Stance pair → the interaction it always makes, whatever the state.
        self.fixed_interaction: dict[tuple[str, str], str | None] = {}
        for a in stances:
            for t in stances:
                found = self.matrix.get((a, t))
                if found is None and "hold" in (a, t):
                    found = self.matrix.get(
                        ("domestic" if a == "hold" else a, "domestic" if t == "hold" else t))
                self._pairs[(a, t)] = found or []
                if not found:
                    self.fixed_interaction[(a, t)] = None
                elif found[0][1] is None:
                    self.fixed_interaction[(a, t)] = found[0][0]

    def news_pool(self, month: int) -> list[tuple[str, int, Predicate]]:
        """The random events whose dates allow them in `month`, in content order."""
        found = self._news_by_month.get(month)
        if found is None:
            found = self._news_by_month[month] = [
                entry for entry, (lo, hi) in zip(self.random_events, self._news_windows,
                                                 strict=True)
                if lo <= month <= hi
            ]
        return found

    def month_text(self, month: int) -> str:
        """`2019-05` for a month index (kept once worked out)."""
        text = self._month_names.get(month)
        if text is None:
            text = self._month_names[month] = month_name(month)
        return text

    # ------------------------------------------------------------------ helpers

    def draw(self, state: GameState, side: str, count: int) -> None:
        """Draw `count` eligible cards into the hand, reshuffling the discards when needed."""
        deck, hand = state.decks[side], state.hands[side]
        cards = self.cards[side]
        skipped: list[str] = []
        reshuffled = False
        while count > 0:
            if not deck:
                if reshuffled or not state.discards[side]:
                    break
                deck.extend(state.discards[side])
                state.discards[side].clear()
                shuffle(state.rng, deck)
                reshuffled = True
            card_id = deck.pop()
            cc = cards.get(card_id)
            if card_id in hand or cc is None or not cc.eligible(state):
                skipped.append(card_id)
                continue
            hand.append(card_id)
            count -= 1
        deck[:0] = skipped  # back under the deck, in order

    def discard_random(self, state: GameState, side: str, count: int) -> None:
        """Discard up to `count` cards from a hand at random."""
        hand = state.hands[side]
        for _ in range(min(count, len(hand))):
            card_id = hand.pop(state.rng.randrange(len(hand)))
            state.discards[side].append(card_id)

    # ---------------------------------------------------------------- new game

    def new_game(self, seed: int) -> GameState:
        """A game at the start of its first turn, hands dealt."""
        sc = self.scenario
        meters = dict(self.rules.start_meters)
        meters.update(sc.meters)
        steps = ("none", "talks", "signed")
        starting: dict[str, str] = {str(k): str(v) for k, v in sc.agreements.items()}
        state = GameState(
            scenario=sc.id,
            seed=seed,
            turn=1,
            month=self.start,
            meters=meters,
            flags=set(sc.flags),
            agreements={f: steps.index(starting.get(f, "none")) for f in FRONTS},
            rng=make_rng(seed),
        )
        for side in SIDES:
            deck: list[str] = []
            for card_id, cc in self.cards[side].items():
                deck.extend([card_id] * cc.card.weight)
            shuffle(state.rng, deck)
            state.decks[side] = deck
            state.hands[side] = []
            state.discards[side] = []
            state.below_floor[side] = 0
            self.draw(state, side, sc.hand_size)
        return state

    # ---------------------------------------------------------------- the turn

    def begin_turn(self, state: GameState) -> TurnOpened | Rejected:
        """Upkeep and news of the current turn."""
        if state.phase != UPKEEP:
            return Rejected("turn_begun", {"phase": state.phase})
        first = len(state.ledger)
        if state.turn > 1:
            self._upkeep(state)
        else:
            self._refresh_hands(state)
        news_first = len(state.ledger)
        fired = self._news(state)
        month = self.month_text(state.month)
        state.log.append({
            "turn": state.turn,
            "month": month,
            "news": [{"event": event_id, "choices": {}} for event_id in fired],
            "orders": {},
            "interaction": None,
        })
        state.queue = [event_id for event_id in fired if self.choosers[event_id]]
        self._next_decision(state)
        return TurnOpened(state.turn, month, tuple(fired), tuple(state.pending), first,
                          news_first)

    def _next_decision(self, state: GameState) -> None:
        """Open the decision on the next news with options, or go on to the policy phase."""
        if state.queue:
            event_id = state.queue.pop(0)
            state.event = event_id
            state.pending = list(self.choosers[event_id])
            state.phase = CHOICE
        else:
            state.event = None
            state.pending = []
            state.phase = POLICY

    def _upkeep(self, state: GameState) -> None:
        meters = state.meters
        # The month's changes in their order, as (meter, change, cause); each is read from
        # meters that no earlier change of the list touches, so they apply together.
        changes: list[tuple[str, int, str]] = []
        for side in SIDES:
            polls_meter = self.polls_of[side]
            polls = meters[polls_meter]
            income = self.income_base
            floor = self.floors[side]
            for above, amount in self.income_steps:
                if polls >= floor + above:
                    income += amount
            if income:
                changes.append((self.capital_of[side], income, "upkeep:income"))
            drift = self.polls_drift
            baseline = self.baselines[side]
            if drift and polls != baseline:
                gap = abs(baseline - polls)
                if self.drift_every:
                    drift += gap // self.drift_every
                step = min(drift, gap) * (1 if polls < baseline else -1)
                changes.append((polls_meter, step, "drift:baseline"))
        changes.extend(self.calm)
        recovery = self.recovery
        if recovery is not None and meters["trust"] < recovery[0]:
            changes.append(("trust", recovery[1], "drift:ties"))
        month = state.month
        for meter, delta, lo, hi in self.pressure:
            if lo <= month <= hi:
                changes.append((meter, delta, "pressure:scenario"))
        self._apply(state, changes)
        if self.erosion:  # read after the calm and the pressure moved the tensions
            changes = []
            for front in FRONTS:
                tension_now = meters[self.tension_of[front]]
                for at_least, trust in self.erosion:
                    if tension_now >= at_least:
                        changes.append(("trust", trust, self.erosion_cause[front]))
            self._apply(state, changes)
        if state.modifiers:
            keep = []
            limit = self.limit
            for mod in state.modifiers:
                change_meter(state, mod.meter, mod.delta, f"modifier:{mod.label}",
                             limit[mod.meter])
                mod.turns -= 1
                if mod.turns > 0:
                    keep.append(mod)
            state.modifiers = keep
        self._refresh_hands(state)

    def _apply(self, state: GameState, changes: list[tuple[str, int, str]]) -> None:
        """Each change in turn, clamped to its meter's limits and written to the ledger."""
        limit = self.limit
        for meter, delta, cause in changes:
            change_meter(state, meter, delta, cause, limit[meter])

    def _refresh_hands(self, state: GameState) -> None:
        """Return cards that cannot be played now under the deck, put the cards whose
        window opens this month on top of it, let the cards longest in hand go (after the
        first month), refill the hand, then make sure it offers every stance the rules
        ask for."""
        size = self.scenario.hand_size
        opening = self.opening.get(state.month)
        turnover = self.turnover if state.turn > 1 else 0
        for side in SIDES:
            hand = state.hands[side]
            deck = state.decks[side]
            if turnover:
                for card_id in hand[:turnover]:
                    state.discards[side].append(card_id)
                del hand[:turnover]
            if opening:
                for card_id in opening.get(side, ()):
                    if card_id in deck:
                        copies = deck.count(card_id)
                        deck[:] = [c for c in deck if c != card_id]
                        deck.extend([card_id] * copies)
            conditional = self.conditional[side]
            stale = [c for c in hand if c in conditional and not conditional[c].eligible(state)]
            if stale:
                for card_id in stale:
                    hand.remove(card_id)
                state.decks[side][:0] = stale
            if len(hand) < size:
                self.draw(state, side, size - len(hand))
            if self.hand_stances:
                self._offer_stances(state, side)

    def _offer_stances(self, state: GameState, side: str) -> None:
        """For each stance the rules want in every hand and this hand lacks (as a card he
        can play and afford now), take the first such card from the top of the deck (or,
        with none there, the oldest from his discards), in place of the card longest in
        hand whose stance the hand can spare."""
        hand, deck = state.hands[side], state.decks[side]
        cards = self.cards[side]
        capital = state.meters[self.capital_of[side]]
        wanted = self.hand_stances

        def playable(card_id: str) -> bool:
            cc = cards[card_id]
            return cc.cost <= capital and cc.eligible(state)

        for stance in wanted:
            if any(cards[c].stance == stance and playable(c) for c in hand):
                continue
            pile = deck
            found = next((i for i in range(len(deck) - 1, -1, -1)
                          if deck[i] not in hand and deck[i] in cards
                          and cards[deck[i]].stance == stance and playable(deck[i])), None)
            if found is None:  # none left in the deck: one he played before comes back
                pile = state.discards[side]
                found = next((i for i, c in enumerate(pile) if c not in hand and c in cards
                              and cards[c].stance == stance and playable(c)), None)
                if found is None:
                    continue
            card_id = pile.pop(found)
            if len(hand) >= self.scenario.hand_size:
                spare = next((c for c in hand if not (
                    cards[c].stance in wanted and playable(c) and sum(
                        1 for o in hand if cards[o].stance == cards[c].stance and playable(o))
                    == 1)), None)
                if spare is None:
                    pile.insert(found, card_id)  # nothing to spare: leave it where it was
                    continue
                hand.remove(spare)
                state.discards[side].append(spare)
            hand.append(card_id)

    def _news(self, state: GameState) -> list[str]:
        """Fire the month's news and return it in order: every dated, chained or injected
        event due now whose condition holds, then one event drawn from the random news.

        A due event whose condition does not hold waits for it, if it is dated, until
        `wait` months after its date; otherwise it lapses: history moved on."""
        turn = state.turn
        for event_id in self.dated.get(state.month, ()):
            state.scheduled.append((turn, event_id, "date"))
        for key, at_turn, when, event_id, until in self.injects:
            if key in state.fired or (until is not None and turn > until):
                continue
            if (at_turn is not None and at_turn == turn) or (at_turn is None and when(state)):
                state.fired.add(key)
                state.scheduled.insert(0, (turn, event_id, key))
        fired: list[str] = []
        due = [item for item in state.scheduled if item[0] <= turn]
        state.scheduled = [item for item in state.scheduled if item[0] > turn]
        for _due, event_id, cause in due:
            ce = self.events.get(event_id)
            if ce is None or event_id in fired:
                continue
            if cause == INJECTED:  # the facilitator's: whatever its condition or history
                self._fire(state, event_id, f"inject:{event_id}")
                fired.append(event_id)
                continue
            if ce.event.once and event_id in state.fired:
                continue
            if ce.when(state):
                self._fire(state, event_id)
                fired.append(event_id)
            elif state.month < self.last_wait.get(event_id, state.month):
                state.scheduled.append((turn + 1, event_id, cause))  # it waits a month more
        drawn = self._draw(state, fired)
        if drawn is not None:
            self._fire(state, drawn)
            fired.append(drawn)
        return fired

    def _draw(self, state: GameState, fired: list[str]) -> str | None:
        """One event of the random news whose dates and condition allow it now."""
        turn = state.turn
        done, cooldowns = state.fired, state.cooldowns
        ids: list[str] = []
        cumulative: list[int] = []  # their weights added up
        total = 0
        for event_id, weight, when in self.news_pool(state.month):
            if event_id not in done and cooldowns.get(event_id, 0) <= turn \
                    and event_id not in fired and when(state):
                total += weight
                ids.append(event_id)
                cumulative.append(total)
        if not ids:
            return None
        return ids[0] if len(ids) == 1 else pick_weighted(state.rng, ids, cumulative)

    def inject(self, state: GameState, event_id: str) -> Rejected | None:
        """The facilitator sends `event_id` as news: it comes first among next month's
        news, whatever its condition, its effects recorded as the facilitator's inject
        (`inject:<event>`); its decisions are the leaders' as for any news."""
        rejected = self.inject_refusal(state, event_id)
        if rejected is None:
            at = state.turn if state.phase == UPKEEP else state.turn + 1
            state.scheduled.insert(0, (at, event_id, INJECTED))
        return rejected

    def _compiled_event(self, event: Event) -> CompiledEvent:
        choices: dict[str, list[tuple[int, tuple[Apply, ...]]]] = {}
        for index, choice in enumerate(event.choices):
            choices.setdefault(choice.side, []).append(
                (index, compile_effects(choice.effects, choice.side, self.limit)))
        return CompiledEvent(event=event, when=compile_condition(event.when, None, self.turns),
                             effects=compile_effects(event.effects, None, self.limit),
                             choices=choices)

    def add_event(self, event: Event) -> None:
        """An event the facilitator wrote during the game joins this game's events (and
        its content, keeping the content's fingerprint: the same game, with one more
        news); an event already known is left as it is."""
        if event.id in self.events:
            return
        content = dataclasses.replace(self.content, events={**self.content.events,
                                                            event.id: event})
        content.__dict__["fingerprint"] = self.content.fingerprint
        self.content = content
        self.events[event.id] = self._compiled_event(event)
        self.event_cause[event.id] = f"event:{event.id}"
        self.choosers[event.id] = ()

    def stop(self, state: GameState) -> Rejected | None:
        """The facilitator ends the game: it ends when the month under way is resolved
        (its ending `stopped`, of the kind `term_end`), unless an ending comes first."""
        if state.phase == OVER:
            return Rejected("phase", {"phase": state.phase})
        state.flags.add(STOPPING)
        return None

    def schedule(self, state: GameState) -> list[str]:
        """Each of the scenario's injects as it stands in `state`: `sent` (it fired),
        `skipped` (its time passed, or the game ended, without it), or `planned`."""
        out = []
        for key, at_turn, _when, _event, until in self.injects:
            last = at_turn if at_turn is not None else until
            if key in state.fired:
                out.append("sent")
            elif state.phase == OVER or (last is not None and (
                    state.turn > last or (state.turn == last and state.phase != UPKEEP))):
                out.append("skipped")
            else:
                out.append("planned")
        return out

    def inject_refusal(self, state: GameState, event_id: str,
                       written: bool = False) -> Rejected | None:
        """Why `event_id` cannot be injected now (no such event, unless it is one the
        facilitator is writing; the game over; no month left to bring it), or None."""
        if event_id not in self.events and not written:
            return Rejected("no_event", {"event": event_id})
        if state.phase == OVER:
            return Rejected("phase", {"phase": state.phase})
        if (state.turn if state.phase == UPKEEP else state.turn + 1) > self.turns:
            return Rejected("last_turn", {"turn": state.turn})
        return None

    def _fire(self, state: GameState, event_id: str, cause: str | None = None) -> None:
        """An event happens: its effects, and what it sets in motion (`cause`: whose
        news it is in the ledger, if not the event's own)."""
        turn = state.turn
        ce = self.events[event_id]
        ev = ce.event
        if ev.once:
            state.fired.add(event_id)
        if ev.cooldown:
            state.cooldowns[event_id] = turn + ev.cooldown + 1
        cause_text = cause or self.event_cause[event_id]
        for apply in ce.effects:
            apply(self, state, cause_text)
        for chain in ev.next:
            state.scheduled.append((turn + chain.turns, chain.event, cause_text))

    def options(self, state: GameState, side: str) -> list[int]:
        """Indices (into the event's `choices`) of the options `side` may pick now."""
        if state.event is None or side not in state.pending:
            return []
        return [i for i, _ in self.events[state.event].choices.get(side, [])]

    def options_of(self, state: GameState, side: str) -> list[int]:
        """Indices of the current event's options for `side`, chosen or not."""
        if state.event is None:
            return []
        return [i for i, _ in self.events[state.event].choices.get(side, [])]

    def choose(self, state: GameState, order: ChooseOption) -> Rejected | None:
        """Apply one leader's pick among the current event's options."""
        if state.phase != CHOICE or state.event is None:
            return Rejected("no_decision")
        if order.side not in state.pending:
            return Rejected("not_pending", {"side": order.side})
        options = self.events[state.event].choices[order.side]
        if not 0 <= order.option < len(options):
            return Rejected("no_option", {"option": order.option, "count": len(options)})
        event_index, effects = options[order.option]
        cause = self.choice_cause[(state.event, event_index)]
        for apply in effects:
            apply(self, state, cause)
        state.pending.remove(order.side)
        for news in state.log[-1]["news"]:
            if news["event"] == state.event:
                news["choices"][order.side] = event_index
                break
        if not state.pending:
            self._next_decision(state)
        return None

    def why_not(self, state: GameState, side: str, card_id: str) -> Rejected | None:
        """Why `side` cannot play `card_id` now (as data); None when it can."""
        cc = self.cards[side].get(card_id)
        if cc is None or card_id not in state.hands.get(side, ()):
            return Rejected("not_in_hand", {"card": card_id})
        capital = state.meters[self.capital_of[side]]
        if cc.card.cost > capital:
            return Rejected("cost", {"cost": cc.card.cost, "have": capital})
        if not cc.lo <= state.month <= cc.hi:
            return Rejected("window", {"from": cc.card.from_, "until": cc.card.until})
        if not cc.requires(state):
            return Rejected("requires", {"condition": cc.card.requires, "side": side})
        return None

    def legal_orders(self, state: GameState, side: str) -> list[Order]:
        """Every order `side` may give in the policy phase; Hold is always last."""
        capital = state.meters[self.capital_of[side]]
        out: list[Order] = []
        cards, plays = self.cards[side], self.play_order[side]
        for card_id in state.hands[side]:
            cc = cards[card_id]
            if cc.cost <= capital and (cc.always or cc.eligible(state)):
                out.append(plays[card_id])
        out.append(self.hold_order[side])
        return out

    def check_order(self, state: GameState, order: Order) -> Rejected | None:
        """None when the order is legal in the policy phase, else why not."""
        if state.phase != POLICY:
            return Rejected("phase", {"phase": state.phase})
        if order.side not in SIDES:
            return Rejected("no_side", {"side": order.side})
        if isinstance(order, Hold):
            return None
        cc = self.cards[order.side].get(order.card)
        if (cc is not None and order.card in state.hands[order.side]
                and cc.cost <= state.meters[self.capital_of[order.side]]
                and cc.eligible(state)):
            return None
        return self.why_not(state, order.side, order.card)

    def stance(self, order: Order) -> str:
        """The stance an order shows: its card's stance, or `hold`."""
        if isinstance(order, PlayCard):
            return self.cards[order.side][order.card].stance
        return "hold"

    def resolve(self, state: GameState, orders: Mapping[str, Order],
                trusted: bool = False) -> TurnResolved | Rejected:
        """Reveal both orders together, apply them, the interaction, and check endings.

        `trusted` skips the checks, for orders the caller knows are legal in this policy
        phase (an agent's rollouts over orders it took from `legal_orders`)."""
        if not trusted:
            for side in SIDES:
                order = orders.get(side)
                if order is None:
                    return Rejected("no_order", {"side": side})
                if order.side != side:
                    return Rejected("wrong_side", {"side": side, "given": order.side})
                rejected = self.check_order(state, order)
                if rejected is not None:
                    return rejected
        first = len(state.ledger)
        turn_log = state.log[-1]
        fronts: dict[str, tuple[str, str | None]] = {}
        played: list[CompiledCard] = []
        # Commit both orders (cards leave the hands, costs are paid) before any effect,
        # so that one side's effects cannot touch the card the other side is playing.
        logged = turn_log["orders"]
        limit = self.limit
        for side in SIDES:
            order = orders[side]
            capital = self.capital_of[side]
            if isinstance(order, PlayCard):
                cc = self.cards[side][order.card]
                state.hands[side].remove(order.card)
                if cc.card.once:
                    self._remove_copies(state, side, order.card)
                else:
                    state.discards[side].append(order.card)
                if cc.cost:
                    change_meter(state, capital, -cc.cost, cc.cost_cause, limit[capital])
                played.append(cc)
                fronts[side] = (cc.stance, cc.front)
                logged[side] = order.card
            else:
                if self.hold_gain:
                    change_meter(state, capital, self.hold_gain, "hold", limit[capital])
                fronts[side] = ("hold", None)
                logged[side] = None
        for cc in played:
            cause = cc.cause
            for apply in cc.effects:
                apply(self, state, cause)
        a_stance, a_front = fronts["amlo"]
        t_stance, t_front = fronts["trump"]
        interaction = self._interaction(a_stance, t_stance, state)
        interaction_id = None
        if interaction is not None:
            interaction_id, effects = interaction
            cause = self.interaction_cause[interaction_id]
            for apply in effects:
                apply(self, state, cause)
        moved: str | None = None
        if (self.rules.agreement_on_cooperation and a_stance == t_stance == "cooperate"
                and a_front is not None and a_front == t_front):
            move_agreement(state, a_front, 1, "interaction:agreement")
            moved = a_front
        if self.rules.standing_offers and "cooperate" in (a_stance, t_stance):
            offers = self.open_offers(state)
            for side in SIDES:
                stance, front = fronts[side]
                if (stance == "cooperate" and front is not None and front != moved
                        and offers.get(OTHER[side]) == front):
                    move_agreement(state, front, 1, "interaction:offer_answered")
                    moved = front
        if self.rules.confront_setback:
            for stance, front in (fronts["amlo"], fronts["trump"]):
                if stance == "confront" and front is not None and state.agreements[front] == 1:
                    move_agreement(state, front, -1, "interaction:talks_broken")
        pressure, rally = self.base_pressure, self.base_rally
        if pressure or rally:
            for side in SIDES:
                polls = self.polls_of[side]
                if state.meters[polls] >= self.comforts[side]:
                    continue
                stance = fronts[side][0]
                if stance == "confront":
                    if rally:
                        change_meter(state, polls, rally, self.rally_cause[side], limit[polls])
                elif stance != "domestic" and pressure:
                    change_meter(state, polls, -pressure, self.base_cause[side], limit[polls])
        for side in SIDES:
            state.last_stance[side] = fronts[side][0]
        turn_log["interaction"] = interaction_id
        ending = self._check_endings(state)
        state.event = None
        if ending is None:
            state.turn += 1
            state.month += 1
            state.phase = UPKEEP
        else:
            state.phase = OVER
        return TurnResolved(state.turn if ending else state.turn - 1, dict(orders),
                            interaction_id, first, ending)

    def open_offers(self, state: GameState) -> dict[str, str]:
        """Last month's cooperative cards still on the table: side → front.

        An offer is open when a leader cooperated on a front and the other leader did
        not cooperate on that same front in the same month; this month, a cooperative
        card on that front from the other leader answers it (`standing_offers`).
        """
        if not self.rules.standing_offers:
            return {}
        wanted = state.turn - 1
        for record in reversed(state.log):
            if record["turn"] == wanted:
                orders = record["orders"]
                break
            if record["turn"] < wanted:
                return {}
        else:
            return {}
        played: dict[str, tuple[str, str | None]] = {}
        for side in SIDES:
            cc = self.cards[side].get(orders.get(side) or "")
            played[side] = (cc.card.stance, cc.front) if cc is not None else ("hold", None)
        offers: dict[str, str] = {}
        for side in SIDES:
            stance, front = played[side]
            if stance == "cooperate" and front is not None and played[OTHER[side]] != (
                "cooperate", front
            ):
                offers[side] = front
        return offers

    @staticmethod
    def _remove_copies(state: GameState, side: str, card_id: str) -> None:
        """A `once` card leaves the game: every copy, wherever it is."""
        for pile in (state.hands[side], state.decks[side], state.discards[side]):
            while card_id in pile:
                pile.remove(card_id)

    def _interaction(
        self, a: str, t: str, state: GameState
    ) -> tuple[str, tuple[Apply, ...]] | None:
        """The interaction of AMLO's stance `a` and Trump's `t` now; `hold` counts as
        `domestic` unless the matrix names it."""
        for interaction_id, when, effects in self._pairs.get((a, t), ()):
            if when is None or when(state):
                return interaction_id, effects
        return None

    def _check_endings(self, state: GameState) -> dict[str, Any] | None:
        meters, below = state.meters, state.below_floor
        for side in SIDES:
            if meters[self.polls_of[side]] < self.floors[side]:
                below[side] = below.get(side, 0) + 1
            else:
                below[side] = 0
        for ending, holds in self.endings:
            if holds(state):
                state.ending = ending_record(ending, state, self.leaders,
                                             self.rules.score_per_signed)
                return state.ending
        if state.turn >= self.turns or STOPPING in state.flags:
            # content without a catch-all term_end, or the facilitator's end: end anyway
            state.ending = ending_record(None, state, self.leaders,
                                         self.rules.score_per_signed)
            if STOPPING in state.flags:
                state.ending["id"] = STOPPED
            return state.ending
        return None

    # ---------------------------------------------------------------- views

    def judge_goals(self, state: GameState) -> list[tuple[Goal, bool]]:
        """Each of the scenario's goals, and whether it is met in `state` (at the end of a
        game: judged then)."""
        return [(goal, holds(state)) for goal, holds in self.goals]

    def card(self, side: str, card_id: str) -> CompiledCard:
        """A compiled card of a side."""
        return self.cards[side][card_id]

    def other(self, side: str) -> str:
        """The other side."""
        return OTHER[side]

    def interaction_preview(self, a: str, t: str, state: GameState) -> dict[str, int]:
        """The meter changes the interaction of stances `a` (AMLO) and `t` (Trump) would
        make in `state`."""
        found = self._interaction(a, t, state)
        return self._deltas[found[0]] if found is not None else {}

    def interaction_id(self, a: str, t: str, state: GameState) -> str | None:
        """Which interaction stances `a` (AMLO) and `t` (Trump) would make in `state`."""
        found = self._interaction(a, t, state)
        return found[0] if found is not None else None


