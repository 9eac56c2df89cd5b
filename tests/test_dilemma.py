"""The dilemma: the rules and opponents that make pure strategies lose (issue 13).

Each test plays real games through the engine and agents; none depends on timing.
The balance figures themselves are checked with `python -m game balance --games 2000`
(and roughly, on fewer games, by the slow guard in test_balance.py).
"""

from __future__ import annotations

import pytest

from game.ai.agents import Agent, make_agent
from game.core.orders import Hold, Order, PlayCard
from game.core.rng import derive_seed
from game.core.state import CHOICE, OVER, UPKEEP, GameState
from game.core.turn import Engine
from game.models.bundle import Content


@pytest.fixture(scope="module")
def engine(content: Content) -> Engine:
    return Engine(content, "full_term")


def to_policy(engine: Engine, state: GameState, agents: dict[str, Agent]) -> None:
    """Open the month and let the agents decide its news."""
    if state.phase == UPKEEP:
        engine.begin_turn(state)
    while state.phase == CHOICE:
        for side in list(state.pending):
            engine.choose(state, agents[side].choose_option(engine, state))


def stances_of(engine: Engine, amlo: str, trump: str, games: int, base: int = 5,
               ) -> list[list[tuple[str, str]]]:
    """Each game's months as (AMLO's stance, Trump's stance)."""
    out = []
    for i in range(games):
        state = engine.new_game(derive_seed(base, i))
        agents = {"amlo": make_agent(amlo, "amlo", engine),
                  "trump": make_agent(trump, "trump", engine)}
        months = []
        while state.phase != OVER:
            to_policy(engine, state, agents)
            orders = {s: agents[s].choose_order(engine, state) for s in agents}
            months.append((engine.stance(orders["amlo"]), engine.stance(orders["trump"])))
            engine.resolve(state, orders)
        out.append(months)
    return out


@pytest.mark.parametrize("kind,stance", [("dove", "cooperate"), ("hawk", "confront")])
def test_dove_and_hawk_play_their_one_stance_whenever_they_can(
        engine: Engine, kind: str, stance: str) -> None:
    for i in range(6):
        state = engine.new_game(derive_seed(9, i))
        agents = {s: make_agent(kind, s, engine) for s in ("amlo", "trump")}
        while state.phase != OVER:
            to_policy(engine, state, agents)
            orders: dict[str, Order] = {}
            for side, agent in agents.items():
                order = agents[side].choose_order(engine, state)
                legal = {engine.stance(o) for o in engine.legal_orders(state, side)}
                want = stance if stance in legal else "domestic" if "domestic" in legal else "hold"
                assert engine.stance(order) == want, (side, order, legal)
                orders[side] = order
                assert agent.kind == kind
            engine.resolve(state, orders)


def interaction_after(engine: Engine, state: GameState, amlo: str, trump: str) -> str | None:
    """Resolve one month in which AMLO shows stance `amlo` and Trump `trump` (cards from
    their public lists, put in hand, capital given), and return the interaction."""
    orders: dict[str, Order] = {}
    for side, stance in (("amlo", amlo), ("trump", trump)):
        card = next(cc for cc in engine.cards[side].values()
                    if cc.stance == stance and cc.card.requires is None and cc.eligible(state))
        state.hands[side].append(card.card.id)
        state.meters[f"capital.{side}"] = 10
        orders[side] = PlayCard(side, card.card.id)
    resolved = engine.resolve(state, orders)
    assert not hasattr(resolved, "reason"), resolved
    interaction: str | None = state.log[-1]["interaction"]
    state.phase = UPKEEP
    engine.begin_turn(state)
    while state.phase == CHOICE:
        for side in list(state.pending):
            engine.choose(state, make_agent("random", side, engine).choose_option(engine, state))
    return interaction


def fresh(engine: Engine, trust: int) -> GameState:
    state = engine.new_game(11)
    engine.begin_turn(state)
    while state.phase == CHOICE:
        for side in list(state.pending):
            engine.choose(state, make_agent("random", side, engine).choose_option(engine, state))
    state.meters["trust"] = trust
    return state


def test_a_partnership_sells_at_home_once_then_becomes_routine_until_a_crisis(
        engine: Engine) -> None:
    state = fresh(engine, 70)
    first = interaction_after(engine, state, "cooperate", "cooperate")
    assert first == "partnership"
    state.meters["trust"] = 70
    assert interaction_after(engine, state, "cooperate", "cooperate") == "routine_partnership"
    gained = [c for c in state.ledger if c[5] == "interaction:routine_partnership"]
    assert {c[1] for c in gained} == {"trust"}, gained  # no polls: voters have seen it
    # A confrontation makes the next reconciliation news again.
    interaction_after(engine, state, "confront", "cooperate")
    state.meters["trust"] = 70
    assert interaction_after(engine, state, "cooperate", "cooperate") == "partnership"


@pytest.mark.parametrize("side", ["amlo", "trump"])
def test_giving_way_again_under_pressure_costs_more_at_home(engine: Engine, side: str) -> None:
    other = "trump" if side == "amlo" else "amlo"
    state = fresh(engine, 60)
    stances = {side: "cooperate", other: "confront"}
    first = interaction_after(engine, state, stances["amlo"], stances["trump"])
    again = interaction_after(engine, state, stances["amlo"], stances["trump"])
    assert first == f"{side}_exploited" and again == f"{side}_yields_again"

    def loss(interaction: str) -> int:
        return sum(c[2] for c in state.ledger
                   if c[5] == f"interaction:{interaction}" and c[1] == f"polls.{side}")

    assert loss(again) < loss(first) < 0
    # Standing firm once wipes the slate: the next concession is a first one again.
    interaction_after(engine, state, "confront", "confront")
    assert interaction_after(engine, state, stances["amlo"], stances["trump"]) \
        == f"{side}_exploited"


@pytest.mark.parametrize("opponent", ["normal", "hard"])
@pytest.mark.parametrize("side", ["amlo", "trump"])
def test_the_opponents_press_a_pushover(engine: Engine, opponent: str, side: str) -> None:
    """Against a dove, normal and hard confront while he keeps cooperating, and go on
    pressing after he has given way (a month of pressure followed by another)."""
    other = "trump" if side == "amlo" else "amlo"
    players = {side: "dove", other: opponent}
    games = stances_of(engine, players["amlo"], players["trump"], 12)
    index = 0 if side == "amlo" else 1
    pressed = again = 0
    for months in games:
        for k, pair in enumerate(months):
            if pair[1 - index] == "confront" and pair[index] == "cooperate":
                pressed += 1
                if k + 1 < len(months) and months[k + 1][1 - index] == "confront":
                    again += 1
    assert pressed >= 12 and again >= 4, (pressed, again)


@pytest.mark.parametrize("side", ["amlo", "trump"])
def test_the_hard_opponent_hits_back_at_pressure(engine: Engine, side: str) -> None:
    """Against a player who mixes at random, the hard opponent confronts more often in the
    month after being pressed unprovoked than in the month after a gesture."""
    other = "trump" if side == "amlo" else "amlo"
    me, it = (0, 1) if side == "amlo" else (1, 0)
    players = {side: "random", other: "hard"}
    after: dict[str, list[bool]] = {"pressed": [], "gesture": []}
    for months in stances_of(engine, players["amlo"], players["trump"], 24):
        for k in range(1, len(months) - 1):
            if months[k][me] == "confront" and months[k - 1][it] != "confront":
                after["pressed"].append(months[k + 1][it] == "confront")
            elif months[k][me] == "cooperate":
                after["gesture"].append(months[k + 1][it] == "confront")
    rates = {key: sum(v) / len(v) for key, v in after.items()}
    assert rates["pressed"] > rates["gesture"] + 0.05, rates


def test_hands_turn_over_and_offer_both_ways_to_play(engine: Engine) -> None:
    """Every month a leader can reach out and can push (with a card he can afford), in
    nearly every month of random games; and the hand changes from month to month."""
    both = months = 0
    distinct: list[int] = []
    for i in range(40):
        state = engine.new_game(derive_seed(21, i))
        agents = {s: make_agent("random", s, engine) for s in ("amlo", "trump")}
        seen: dict[str, set[str]] = {"amlo": set(), "trump": set()}
        while state.phase != OVER:
            to_policy(engine, state, agents)
            months += 1
            for side in ("amlo", "trump"):
                stances = {engine.stance(o) for o in engine.legal_orders(state, side)}
                both += {"cooperate", "confront"} <= stances
                if state.turn <= 4:
                    seen[side].update(state.hands[side])
            engine.resolve(state, {s: agents[s].choose_order(engine, state) for s in agents})
        distinct += [len(cards) for cards in seen.values()]
    assert both / (2 * months) >= 0.95
    assert sorted(distinct)[len(distinct) // 10] >= 8  # nine in ten see eight cards or more


def test_the_hand_keeps_a_cooperative_and_a_confrontational_card(engine: Engine) -> None:
    state = engine.new_game(3)
    # Empty his hand of confrontations, then open the next month: one comes back.
    side = "amlo"
    cards = engine.cards[side]
    state.hands[side] = [c for c in state.hands[side] if cards[c].stance != "confront"]
    state.meters[f"capital.{side}"] = 5
    engine.begin_turn(state)
    stances = {cards[c].stance for c in state.hands[side]
               if cards[c].eligible(state) and cards[c].cost <= state.meters[f"capital.{side}"]}
    assert {"cooperate", "confront"} <= stances
    assert len(state.hands[side]) <= engine.scenario.hand_size


def test_compromise_is_judged_at_the_end_of_the_term(engine: Engine, content: Content) -> None:
    """Trust at 100 and two agreements signed in month 10 do not end the game: the
    Unlikely Allies ending needs them to hold to the last month."""
    state = fresh(engine, 100)
    state.agreements.update({"trade": 2, "migration": 2})
    engine.resolve(state, {s: Hold(s) for s in ("amlo", "trump")})
    assert state.phase != OVER and state.ending is None
    ending = next(e for e in content.endings if e.id == "unlikely_allies")
    assert "last_turn" in ending.model_dump_json()


# ------------------------------------------------------------- the tariff showdown


def play_showdown(content: Content, seed: int, trump_pick: str | None,
                  players: tuple[str, str] = ("historical", "historical")) -> GameState:
    """A tariff showdown game; in its first month Trump takes the option labeled
    `trump_pick` (None: his player decides)."""
    engine = Engine(content, "tariff_showdown")
    state = engine.new_game(seed)
    agents = {"amlo": make_agent(players[0], "amlo", engine),
              "trump": make_agent(players[1], "trump", engine)}
    from game.core.orders import ChooseOption

    while state.phase != OVER:
        engine.begin_turn(state)
        while state.phase == CHOICE:
            for side in list(state.pending):
                pick = agents[side].choose_option(engine, state)
                if state.event == "ev_showdown_threat" and side == "trump" and trump_pick:
                    labels = [engine.events[state.event].event.choices[i].label
                              for i in engine.options(state, side)]
                    pick = ChooseOption(side, labels.index(trump_pick))
                engine.choose(state, pick)
        engine.resolve(state, {s: agents[s].choose_order(engine, state) for s in agents})
    return state


def news_of(state: GameState) -> list[tuple[str, str]]:
    return [(record["month"], news["event"]) for record in state.log for news in record["news"]]


def test_the_trump_player_decides_the_tariff_threat(content: Content) -> None:
    threat = play_showdown(content, 4, "Announce tariffs on all Mexican goods")
    assert ("2019-05", "ev_showdown_threat") in news_of(threat)
    assert ("2019-06", "ev_june_deal") in news_of(threat)
    assert all(event != "ev_tariff_threat" for _m, event in news_of(threat))  # no script
    calm = play_showdown(content, 4, "Let the trade deal move first")
    assert all(event != "ev_june_deal" for _m, event in news_of(calm))
    assert "tariff_threat_made" not in calm.flags


def test_the_showdowns_history_ends_as_the_7_june_deal_did(content: Content) -> None:
    state = play_showdown(content, 4, None)
    assert state.ending is not None and state.ending["id"] == "showdown_june_deal"
    # The joint declaration put a migration agreement on the table in June.
    assert any(c[1] == "agreement.migration" and c[2] > 0 and c[5].startswith(
        "choice:ev_june_deal") for c in state.ledger)
    goals = Engine(content, "tariff_showdown").judge_goals(state)
    assert goals and all(met for _goal, met in goals), goals


def test_imposing_the_tariffs_costs_trump_at_home_and_ends_in_the_tariffs(
        content: Content) -> None:
    engine = Engine(content, "tariff_showdown")
    from game.core.orders import ChooseOption

    state = engine.new_game(6)
    agents = {s: make_agent("historical", s, engine) for s in ("amlo", "trump")}
    while state.phase != OVER:
        engine.begin_turn(state)
        while state.phase == CHOICE:
            for side in list(state.pending):
                labels = [engine.events[state.event or ""].event.choices[i].label
                          for i in engine.options(state, side)]
                pick = agents[side].choose_option(engine, state)
                for wanted in ("Impose the 5% tariff anyway", "Raise them next month as promised"):
                    if wanted in labels and side == "trump":
                        pick = ChooseOption(side, labels.index(wanted))
                engine.choose(state, pick)
        engine.resolve(state, {s: agents[s].choose_order(engine, state) for s in agents})
    assert state.ending is not None and state.ending["id"] == "showdown_tariffs"
    assert ("2019-07", "ev_tariffs_bite") in news_of(state)
    costs = [c for c in state.ledger if c[1] == "polls.trump" and c[2] < 0
             and (c[5].startswith("modifier:") or c[5] == "event:ev_tariffs_bite")]
    assert len(costs) >= 2, costs  # prices, the Senate, farm states: the tariffs cost at home
    goals = dict((goal.text, met) for goal, met in engine.judge_goals(state))
    assert goals["No US tariffs on Mexican goods at the end"] is False


def test_no_showdown_ending_dominates_random_play(content: Content) -> None:
    from game.simulate import simulate

    summary = simulate(content, "tariff_showdown", 2000, 1, "random", "random")
    assert max(summary.endings.values()) / 2000 <= 0.60, summary.endings
    assert len(summary.endings) >= 5


def test_each_scenario_reaches_only_its_own_endings(content: Content) -> None:
    full = {e.id for e in Engine(content, "full_term").scenario_endings}
    showdown = {e.id for e in Engine(content, "tariff_showdown").scenario_endings}
    assert "unlikely_allies" in full and not any(e.startswith("showdown_") for e in full)
    assert "unlikely_allies" not in showdown and "showdown_june_deal" in showdown
    assert "populist_collision" in showdown  # the shared endings still apply


def test_every_scenario_has_goals_for_both_leaders(content: Content) -> None:
    for scenario in content.scenarios.values():
        sides = {goal.side for goal in scenario.goals}
        assert {"amlo", "trump"} <= sides, scenario.id


def test_the_terminal_shows_the_goals_at_the_start_and_judges_them_at_the_end() -> None:
    import subprocess
    import sys
    import tempfile

    done = subprocess.run(
        [sys.executable, "-m", "game", "text", "--scenario", "tariff_showdown", "--side",
         "trump", "--seed", "2", "--save-dir", tempfile.mkdtemp(prefix="ua-test-")],
        input="1\nh\n" * 30, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    start = out.index("Goals, judged at the end:")
    assert "In this lesson you will:" in out[:start]
    end = out.index("THE END")
    judged = out[end:]
    assert "Goals:" in judged and ("[met]" in judged or "[missed]" in judged)
    assert judged.count("[met]") + judged.count("[missed]") == 6


def test_in_the_showdown_the_threat_is_only_the_trump_players_decision(
        content: Content) -> None:
    """No second way to threaten: the tariff card is left out of the one-lesson game, so
    its endings can tell a game with a threat from one without."""
    engine = Engine(content, "tariff_showdown")
    assert "trump_tariff_threat" not in engine.cards["trump"]
    assert "trump_tariff_threat" in Engine(content, "full_term").cards["trump"]
