"""Agents: legal play, and the populist pull of falling polls."""

from __future__ import annotations

import pytest

from game.ai.agents import AGENTS, LookaheadAgent, make_agent
from game.core.state import CHOICE, POLICY, GameState
from game.core.turn import Engine
from game.models.bundle import Content
from tests.profiles import examples


def confront_share(content: Content, kind: str, side: str, polls: int, n: int = 300) -> float:
    """How often an agent plays a confront card at given polls, over many dealt hands."""
    engine = Engine(content, "full_term")
    confronts = 0
    for seed in range(n):
        state = engine.new_game(seed)
        engine.begin_turn(state)
        state.pending.clear()
        state.phase = POLICY
        state.meters[f"polls.{side}"] = polls
        state.meters[f"capital.{side}"] = 6
        agent = make_agent(kind, side, engine, seed)
        if engine.stance(agent.choose_order(engine, state)) == "confront":
            confronts += 1
    return confronts / n


@pytest.mark.parametrize("kind", ["greedy", "reciprocal"])
@pytest.mark.parametrize("side", ["amlo", "trump"])
def test_falling_polls_push_the_populist_toward_confrontation(
    content: Content, kind: str, side: str
) -> None:
    leader = content.leaders[side]
    comfortable = confront_share(content, kind, side, leader.comfort + 10)
    slumping = confront_share(content, kind, side, max(0, leader.floor - 5))
    assert slumping > comfortable + 0.15, (comfortable, slumping)


@pytest.mark.fuzz
@pytest.mark.parametrize("kind", sorted(AGENTS))
def test_agents_only_give_legal_orders(content: Content, kind: str) -> None:
    engine = Engine(content, "full_term")
    for seed in range(examples(10, 100)):
        state = engine.new_game(seed)
        agents = {s: make_agent(kind, s, engine, seed) for s in ("amlo", "trump")}
        while not state.over:
            engine.begin_turn(state)
            while state.phase == CHOICE:
                for side in list(state.pending):
                    assert engine.choose(state,
                                         agents[side].choose_option(engine, state)) is None
            orders = {s: agents[s].choose_order(engine, state) for s in agents}
            for order in orders.values():
                assert order in engine.legal_orders(state, order.side)
            engine.resolve(state, orders)


def test_personality_comes_from_the_leader_file(content: Content) -> None:
    engine = Engine(content, "full_term")
    agent = make_agent("greedy", "trump", engine, 1)
    assert agent.personality == content.leaders["trump"].personality


def first_policy_phase(engine: Engine, seed: int) -> GameState:
    """A new game at its first card to play, the news decided at random."""
    state = engine.new_game(seed)
    engine.begin_turn(state)
    while state.phase == CHOICE:
        for side in list(state.pending):
            engine.choose(state, make_agent("random", side, engine).choose_option(engine, state))
    return state


def test_lookahead_never_looks_at_the_other_hand(content: Content) -> None:
    engine = Engine(content, "full_term")
    for seed in range(12):
        state = first_policy_phase(engine, seed)
        choice = make_agent("lookahead", "amlo", engine).choose_order(engine, state)
        swapped = state.clone(ledger=True)
        swapped.hands["trump"] = list(reversed(swapped.decks["trump"][:5]))
        again = make_agent("lookahead", "amlo", engine).choose_order(engine, swapped)
        assert again == choice, seed


def test_lookahead_beats_random_against_the_same_opponent(content: Content) -> None:
    from game.balance import run_balance

    report = run_balance(content, "full_term", 24, seed=3, workers=1, pairings=(
        ("lookahead", "lookahead", "normal", "amlo"),
        ("random", "random", "normal", "amlo"),
    ))
    rates = {p["pairing"]: p["kinds"].get("collision", 0) for p in report["pairings"]}
    assert rates["lookahead"] < rates["random"]


def test_difficulties_come_from_content(content: Content) -> None:
    engine = Engine(content, "full_term")
    assert list(content.difficulties) == ["easy", "normal", "hard"]
    for difficulty in content.difficulties.values():
        agent = make_agent(difficulty.id, "trump", engine)
        assert agent.kind == difficulty.agent and agent.difficulty == difficulty.id
    hard = make_agent("hard", "trump", engine)
    assert hard.personality == content.difficulties["hard"].personality["trump"]
    assert hard.personality != content.leaders["trump"].personality
    # The hard opponent plays with its own numbers where the difficulty names them, and
    # the rules' numbers elsewhere; an agent made plainly keeps the rules' numbers.
    search = content.difficulties["hard"].search
    assert search and isinstance(hard, LookaheadAgent)
    for name, value in search.items():
        assert getattr(hard.search, name) == value != getattr(content.rules.ai.lookahead, name)
    assert hard.search.rollouts == content.rules.ai.lookahead.rollouts
    plain = make_agent("lookahead", "trump", engine)
    assert isinstance(plain, LookaheadAgent) and plain.search == content.rules.ai.lookahead


def test_a_difficulty_naming_an_unknown_search_number_is_refused() -> None:
    from pydantic import ValidationError

    from game.models.content import Difficulty

    with pytest.raises(ValidationError, match="no lookahead number called depth"):
        Difficulty(id="x", title="X", text="X.", agent="lookahead", search={"depth": 3})
    with pytest.raises(ValidationError):
        Difficulty(id="x", title="X", text="X.", agent="lookahead", search={"trust": -1})


def test_a_difficulty_can_change_the_agent_and_one_leaders_personality(
    content: Content,
) -> None:
    from dataclasses import replace

    from game.models.content import Difficulty, Personality

    stern = Personality(comfort=70, populism=2.0, forgiveness=0.05, risk=0.9)
    modded = replace(content, difficulties={"easy": Difficulty(
        id="easy", title="Easy", text="A modded easy.", agent="greedy",
        personality={"trump": stern})})
    engine = Engine(modded, "full_term")
    trump = make_agent("easy", "trump", engine)
    assert trump.kind == "greedy" and trump.personality == stern
    amlo = make_agent("easy", "amlo", engine)
    assert amlo.kind == "greedy" and amlo.personality == content.leaders["amlo"].personality


def test_the_agents_weights_come_from_the_rules(content: Content) -> None:
    """A designer who changes `ai:` in rules.yaml changes how the computer plays."""
    from dataclasses import replace

    engine = Engine(content, "full_term")
    state = engine.new_game(3)
    engine.begin_turn(state)
    before = make_agent("greedy", "amlo", engine).value_of({"trust": 5}, state)
    tuning = content.rules.ai.model_copy(update={"trust": content.rules.ai.trust * 2})
    doubled = replace(content, rules=content.rules.model_copy(update={"ai": tuning}))
    after = make_agent("greedy", "amlo", Engine(doubled, "full_term")).value_of(
        {"trust": 5}, state)
    assert before > 0 and after == pytest.approx(2 * before)


# ---------------------------------------------------------------- reading the other side


def _offer_engine() -> Engine:
    from tests.builder import card, engine_for, make_content, meter

    cards = [
        card("a_trade", "amlo", "cooperate", "trade", effects=[meter("trust", 2)]),
        card("a_migr", "amlo", "cooperate", "migration", effects=[meter("trust", 2)]),
        card("t_trade", "trump", "cooperate", "trade"),
        card("t_migr", "trump", "cooperate", "migration"),
        card("t_conf", "trump", "confront", "diplomacy"),
        card("t_dom", "trump", "domestic", "domestic"),
        card("a_conf", "amlo", "confront", "diplomacy"),
        card("a_dom", "amlo", "domestic", "domestic"),
    ]
    return engine_for(make_content(cards=cards, rules={"standing_offers": True},
                                   scenario={"turns": 12}))


@pytest.mark.parametrize("kind", ["greedy", "reciprocal", "lookahead"])
@pytest.mark.parametrize("offered", ["t_trade", "t_migr"])
def test_agents_answer_a_standing_offer_on_its_front(kind: str, offered: str) -> None:
    from tests.builder import begin, force_hand, play, start

    engine = _offer_engine()
    answered = 0
    for seed in range(100):  # a rate, so enough seeds that no single one decides it
        state = start(engine, seed)
        play(engine, state, "a_dom", offered)
        begin(engine, state)
        force_hand(state, "amlo", "a_trade", "a_migr")
        order = make_agent(kind, "amlo", engine, seed).choose_order(engine, state)
        answered += getattr(order, "card", None) == offered.replace("t_", "a_")
    assert answered >= 70, answered  # the other front pays too: not every time


def test_lookahead_remembers_whether_its_pushes_were_answered() -> None:
    from game.ai.agents import LookaheadAgent
    from tests.builder import begin, play, start

    engine = _offer_engine()
    for reply, low in (("t_coop_like", True), ("t_conf", False)):
        state = start(engine)
        for _ in range(4):
            play(engine, state, "a_conf", "t_dom")
            begin(engine, state)
            play(engine, state, "a_dom", "t_migr" if reply == "t_coop_like" else "t_conf")
            begin(engine, state)
        agent = make_agent("lookahead", "amlo", engine)
        assert isinstance(agent, LookaheadAgent)
        agent.observe(engine, state, 0)
        assert (agent.retaliation < 0.2) if low else (agent.retaliation > 0.8), agent.retaliation


def test_lookahead_does_not_see_the_coming_news(content: Content) -> None:
    """Its rollouts draw from their own generator, not from a copy of the game's: two games
    alike in all but what their generators hold in store get the same decision."""
    import random

    engine = Engine(content, "full_term")
    differed = 0
    for seed in range(12):
        state = first_policy_phase(engine, seed)
        choice = make_agent("lookahead", "amlo", engine).choose_order(engine, state)
        other_future = state.clone(ledger=True, rng=random.Random(seed + 1000))
        again = make_agent("lookahead", "amlo", engine).choose_order(engine, other_future)
        assert again == choice, seed
        differed += other_future.rng.getstate() != state.rng.getstate()
    assert differed == 12


def test_a_single_roll_is_the_dice_first_roll() -> None:
    """Agents that roll once per decision skip making dice: the roll must be the same."""
    from game.ai.agents import decision_dice, first_roll

    for seed in (0, 1, 7, 2**31 - 1, 2**40 + 3):
        for turn in (1, 2, 24):
            for side in ("amlo", "trump"):
                for salt in (0, 1, 7):
                    assert first_roll(seed, turn, side, salt) == \
                        decision_dice(seed, turn, side, salt).random()
