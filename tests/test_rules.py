"""Named rule cases: one behaviour per test, on tiny content built by tests/builder.py.

The numbers asserted come from the builder's defaults (trust 50, polls 50/50,
tensions 30, capital 5/5, floor 20, baseline 50, comfort 30, reciprocity +6,
exploited -3/+2/-4, escalation -10/+5/+1) or from the overrides in each test.
"""

from __future__ import annotations

from typing import Any

import pytest

from game.core.orders import ChooseOption, Hold, PlayCard, Rejected
from game.core.state import CHOICE, FRONTS, OVER, POLICY, UPKEEP, GameState
from game.core.turn import Engine, TurnResolved
from game.models.content import STATE_METERS
from game.wording import rejection_text
from tests.builder import (
    INTERACTIONS,
    begin,
    card,
    causes,
    choice,
    ending,
    engine_for,
    event,
    flag_is,
    force_hand,
    make_content,
    meter,
    meter_is,
    new,
    play,
    run_turn,
    start,
)

# One card per side and stance, on no front (diplomacy/domestic), cost 0, no effects.
BASIC = [
    card("a_coop", "amlo", "cooperate", "diplomacy"),
    card("a_conf", "amlo", "confront", "diplomacy"),
    card("a_dom", "amlo", "domestic", "domestic"),
    card("t_coop", "trump", "cooperate", "diplomacy"),
    card("t_conf", "trump", "confront", "diplomacy"),
    card("t_dom", "trump", "domestic", "domestic"),
]


def said(result: object) -> str:
    """A refusal as the player reads it (the engine returns it as data)."""
    assert isinstance(result, Rejected), result
    return rejection_text(result)


def basic(**kw: Any) -> Engine:
    """An engine over the BASIC cards plus any `cards` given; other keywords to make_content."""
    extra = kw.pop("cards", [])
    return engine_for(make_content(cards=[*BASIC, *extra], **kw))


def news(eng: Engine, state: GameState, turns: int) -> list[str | None]:
    """The event of each of the next `turns` turns, both leaders holding."""
    seen = []
    for _ in range(turns):
        seen.append(begin(eng, state).event)
        play(eng, state)
    return seen


def pile_of(state: GameState, side: str) -> list[str]:
    """Every card a side still owns: hand, deck and discards, sorted."""
    return sorted(state.hands[side] + state.decks[side] + state.discards[side])


# ---------------------------------------------------------------- interactions


def test_reciprocity_raises_trust() -> None:
    eng = basic()
    state = start(eng)
    result = play(eng, state, "a_coop", "t_coop")
    assert result.interaction == "reciprocity"
    assert state.meters["trust"] == 56
    assert (state.meters["polls.amlo"], state.meters["polls.trump"]) == (50, 50)
    assert causes(state, "trust") == [(6, "interaction:reciprocity")]


def test_escalation_lowers_trust_raises_tension_and_rallies_both() -> None:
    eng = basic()
    state = start(eng)
    result = play(eng, state, "a_conf", "t_conf")
    assert result.interaction == "escalation"
    assert state.meters["trust"] == 40
    assert [state.meters[f"tension.{f}"] for f in FRONTS] == [35, 35, 35]
    assert (state.meters["polls.amlo"], state.meters["polls.trump"]) == (51, 51)


@pytest.mark.parametrize(
    ("amlo", "trump", "interaction", "polls_amlo", "polls_trump"),
    [
        ("a_coop", "t_conf", "amlo_exploited", 47, 52),
        ("a_conf", "t_coop", "trump_exploited", 52, 47),
    ],
)
def test_cooperating_against_confront_costs_the_cooperator_polls(
    amlo: str, trump: str, interaction: str, polls_amlo: int, polls_trump: int
) -> None:
    eng = basic()
    state = start(eng)
    result = play(eng, state, amlo, trump)
    assert result.interaction == interaction
    assert state.meters["polls.amlo"] == polls_amlo
    assert state.meters["polls.trump"] == polls_trump
    assert state.meters["trust"] == 46


def test_domestic_cards_do_not_interact() -> None:
    eng = basic()
    state = start(eng)
    result = play(eng, state, "a_coop", "t_dom")
    assert result.interaction is None
    assert state.ledger == []


def test_hold_counts_as_domestic_for_interactions() -> None:
    unanswered = {
        "id": "unanswered", "title": "Unanswered", "text": "No reply.",
        "amlo": "cooperate", "trump": "domestic",
        "effects": [meter("trust", 2)],
    }
    eng = basic(rules={"interactions": [*INTERACTIONS, unanswered]})
    state = start(eng)
    result = play(eng, state, "a_coop", None)
    assert result.interaction == "unanswered"
    assert state.meters["trust"] == 52


# ---------------------------------------------------------------- orders


def test_hold_banks_capital() -> None:
    eng = basic()
    state = start(eng)
    result = play(eng, state, None, None)
    assert result.interaction is None
    assert (state.meters["capital.amlo"], state.meters["capital.trump"]) == (6, 6)
    assert causes(state, "capital.amlo") == [(1, "hold")]
    assert state.log[-1]["orders"] == {"amlo": None, "trump": None}
    assert state.last_stance == {"amlo": "hold", "trump": "hold"}


def test_card_cost_is_paid() -> None:
    eng = basic(cards=[card("a_costly", "amlo", cost=3)])
    state = start(eng)
    play(eng, state, "a_costly", None)
    assert state.meters["capital.amlo"] == 2
    assert causes(state, "capital.amlo") == [(-3, "cost:a_costly")]
    assert state.meters["capital.trump"] == 6
    assert state.log[-1]["orders"] == {"amlo": "a_costly", "trump": None}


@pytest.mark.parametrize(("player", "other"), [("amlo", "trump"), ("trump", "amlo")])
def test_card_effects_resolve_self_and_other_per_side(player: str, other: str) -> None:
    shared = card("shared", "both", effects=[
        meter("polls.self", 4), meter("polls.other", -2), meter("capital.other", 1),
    ])
    eng = basic(cards=[shared])
    state = start(eng)
    play(eng, state, **{player: "shared"})
    assert state.meters[f"polls.{player}"] == 54
    assert state.meters[f"polls.{other}"] == 48
    assert state.meters[f"capital.{player}"] == 5
    assert state.meters[f"capital.{other}"] == 7  # 5 + 1 (card) + 1 (hold)
    assert causes(state, f"polls.{player}") == [(4, "card:shared")]
    assert sorted(causes(state, f"capital.{other}")) == [(1, "card:shared"), (1, "hold")]


@pytest.mark.parametrize(
    ("card_id", "in_hand", "reason"),
    [
        ("nope", False, "that card is not in your hand"),
        ("a_dom", False, "that card is not in your hand"),
        ("a_dear", True, "needs 9 capital, you have 5"),
        ("a_flag", True, "needs 'border closed' in effect"),
        ("a_late", True, "only playable from 2019-06 to end"),
        ("t_coop", False, "that card is not in your hand"),  # the other side's card
    ],
)
def test_unknown_or_unaffordable_or_unmet_requires_card_is_rejected_with_reason(
    card_id: str, in_hand: bool, reason: str
) -> None:
    eng = basic(cards=[
        card("a_dear", "amlo", cost=9),
        card("a_flag", "amlo", requires=flag_is("border_closed")),
        card("a_late", "amlo", from_="2019-06"),
    ])
    state = start(eng)
    force_hand(state, "amlo", *(["a_coop", card_id] if in_hand else ["a_coop"]))
    before = state.to_json()
    result = eng.resolve(state, {"amlo": PlayCard("amlo", card_id), "trump": Hold("trump")})
    assert said(result) == reason
    assert state.to_json() == before
    assert PlayCard("amlo", card_id) not in eng.legal_orders(state, "amlo")


def test_legal_orders_list_playable_cards_in_hand_order_then_hold() -> None:
    eng = basic(cards=[card("a_dear", "amlo", cost=9)])
    state = start(eng)
    force_hand(state, "amlo", "a_dom", "a_dear", "a_coop")
    assert eng.legal_orders(state, "amlo") == [
        PlayCard("amlo", "a_dom"), PlayCard("amlo", "a_coop"), Hold("amlo"),
    ]
    assert eng.why_not(state, "amlo", "a_dom") is None


@pytest.mark.parametrize(
    ("orders", "reason"),
    [
        ({"amlo": Hold("amlo")}, "no order from trump"),
        ({"amlo": Hold("trump"), "trump": Hold("trump")}, "the order given for amlo is trump's"),
    ],
)
def test_missing_or_misaddressed_orders_are_rejected(
    orders: dict[str, Any], reason: str
) -> None:
    eng = basic()
    state = start(eng)
    before = state.to_json()
    assert said(eng.resolve(state, orders)) == reason
    assert state.to_json() == before


def test_orders_in_wrong_phase_rejected() -> None:
    eng = basic()
    state = new(eng)
    holds = {"amlo": Hold("amlo"), "trump": Hold("trump")}
    before = state.to_json()
    assert said(eng.resolve(state, holds)) == "orders are not taken now (phase: upkeep)"
    assert said(eng.choose(state, ChooseOption("amlo", 0))) == "there is no decision to make now"
    assert state.to_json() == before
    begin(eng, state)
    before = state.to_json()
    assert said(eng.begin_turn(state)) == "the turn has already begun (phase: policy)"
    assert said(eng.choose(state, ChooseOption("amlo", 0))) == "there is no decision to make now"
    assert state.to_json() == before


def test_no_orders_are_taken_after_the_game_is_over() -> None:
    eng = basic(endings=[ending("crash", "collision", meter_is("trust", max=10))])
    state = start(eng, trust=5)
    play(eng, state)
    assert state.phase == OVER
    before = state.to_json()
    assert isinstance(eng.begin_turn(state), Rejected)
    assert isinstance(eng.resolve(state, {"amlo": Hold("amlo"), "trump": Hold("trump")}),
                      Rejected)
    assert state.to_json() == before


# ---------------------------------------------------------------- agreements


FRONT_CARDS = [
    card("a_trade", "amlo", "cooperate", "trade"),
    card("t_trade", "trump", "cooperate", "trade"),
    card("t_migr", "trump", "cooperate", "migration"),
    card("t_trade_dom", "trump", "domestic", "trade"),
    card("a_trade_conf", "amlo", "confront", "trade"),
    card("a_migr_conf", "amlo", "confront", "migration"),
    card("a_sec", "amlo", "cooperate", "diplomacy", front="security"),
    card("t_sec", "trump", "cooperate", "diplomacy", front="security"),
]


def test_agreement_advances_when_both_cooperate_on_same_front() -> None:
    eng = basic(cards=FRONT_CARDS)
    state = start(eng)
    play(eng, state, "a_trade", "t_trade")
    assert state.agreements == {"trade": 1, "migration": 0, "security": 0}
    run_turn(eng, state, "a_trade", "t_trade")
    assert state.agreements["trade"] == 2
    run_turn(eng, state, "a_trade", "t_trade")
    assert state.agreements["trade"] == 2  # signed is the last step
    assert causes(state, "agreement.trade") == [
        (1, "interaction:agreement"), (1, "interaction:agreement"),
    ]


def test_card_front_field_overrides_its_category() -> None:
    eng = basic(cards=FRONT_CARDS)
    state = start(eng)
    play(eng, state, "a_sec", "t_sec")
    assert state.agreements == {"trade": 0, "migration": 0, "security": 1}


@pytest.mark.parametrize(
    ("amlo", "trump"),
    [
        ("a_trade", "t_migr"),  # different fronts
        ("a_trade", "t_trade_dom"),  # same front, but one is not cooperating
        ("a_coop", "t_coop"),  # both cooperate on no front
        ("a_trade", None),  # the other holds
    ],
)
def test_agreement_does_not_advance_on_different_fronts(amlo: str, trump: str | None) -> None:
    eng = basic(cards=FRONT_CARDS)
    state = start(eng)
    play(eng, state, amlo, trump)
    assert state.agreements == {"trade": 0, "migration": 0, "security": 0}


@pytest.mark.parametrize(
    ("at_start", "amlo", "after"),
    [
        ("talks", "a_trade_conf", 0),
        ("signed", "a_trade_conf", 2),
        ("none", "a_trade_conf", 0),
        ("talks", "a_migr_conf", 1),  # a confrontation on another front
    ],
)
def test_confront_breaks_off_talks_but_not_signed(at_start: str, amlo: str, after: int) -> None:
    eng = basic(cards=FRONT_CARDS, scenario={"agreements": {"trade": at_start}})
    state = start(eng)
    play(eng, state, amlo, None)
    assert state.agreements["trade"] == after
    broken = at_start == "talks" and after == 0
    expected = [(-1, "interaction:talks_broken")] if broken else []
    assert causes(state, "agreement.trade") == expected


@pytest.mark.parametrize(
    ("first", "second", "steps"),
    [
        (("a_trade", None), (None, "t_trade"), [(1, "interaction:offer_answered")]),
        ((None, "t_migr"), ("a_migr", None), [(1, "interaction:offer_answered")]),
        (("a_trade", None), (None, "t_migr"), []),  # answered on another front
        (("a_trade", None), (None, "t_trade_dom"), []),  # not a cooperative answer
        (("a_trade", "t_trade"), ("a_trade", None), []),  # that offer was already met
    ],
)
def test_a_standing_offer_answered_next_month_advances_its_agreement(
    first: tuple[str | None, str | None], second: tuple[str | None, str | None],
    steps: list[tuple[int, str]],
) -> None:
    eng = basic(cards=[*FRONT_CARDS, card("a_migr", "amlo", "cooperate", "migration")],
                rules={"standing_offers": True})
    state = start(eng)
    play(eng, state, *first)
    mark = len(state.ledger)
    run_turn(eng, state, *second)
    moved = [c for c in state.ledger[mark:] if c[1].startswith("agreement.")]
    assert [(c[2], c[5]) for c in moved] == steps


def test_an_offer_stands_for_one_month_only() -> None:
    eng = basic(cards=FRONT_CARDS, rules={"standing_offers": True})
    state = start(eng)
    play(eng, state, "a_trade", None)
    run_turn(eng, state)
    run_turn(eng, state, None, "t_trade")
    assert state.agreements["trade"] == 0


def test_open_offers_are_visible_between_turns_and_while_deciding() -> None:
    eng = basic(cards=FRONT_CARDS, rules={"standing_offers": True})
    state = start(eng)
    assert eng.open_offers(state) == {}
    play(eng, state, "a_trade", "t_migr")
    assert eng.open_offers(state) == {"amlo": "trade", "trump": "migration"}
    begin(eng, state)
    assert eng.open_offers(state) == {"amlo": "trade", "trump": "migration"}
    play(eng, state, "a_trade", "t_trade")  # same front: met at once, no offer left
    assert eng.open_offers(state) == {}


def test_offers_do_not_stand_unless_the_rules_say_so() -> None:
    eng = basic(cards=FRONT_CARDS)
    state = start(eng)
    play(eng, state, "a_trade", None)
    assert eng.open_offers(state) == {}
    run_turn(eng, state, None, "t_trade")
    assert state.agreements["trade"] == 0


def test_a_month_moves_one_agreement_step_at_most_per_front() -> None:
    eng = basic(cards=FRONT_CARDS, rules={"standing_offers": True})
    state = start(eng)
    play(eng, state, None, "t_trade")
    run_turn(eng, state, "a_trade", "t_trade")  # answers the offer and meets a new one
    assert state.agreements["trade"] == 1


# ---------------------------------------------------------------- conditional interactions

WARM = {
    "id": "warm", "title": "Warm", "text": "Reciprocity with trust.",
    "amlo": "cooperate", "trump": "cooperate",
    "when": {"kind": "meter", "meter": "trust", "min": 60},
    "effects": [{"kind": "meter", "meter": "polls.amlo", "delta": 1}],
}


@pytest.mark.parametrize(("trust", "expected"), [(59, "reciprocity"), (60, "warm")])
def test_the_first_interaction_whose_condition_holds_happens(trust: int, expected: str) -> None:
    eng = basic(rules={"interactions": [WARM, *INTERACTIONS]})
    state = start(eng, trust=trust)
    assert eng.interaction_preview("cooperate", "cooperate", state) == (
        {"polls.amlo": 1} if expected == "warm" else {"trust": 6}
    )
    result = play(eng, state, "a_coop", "t_coop")
    assert result.interaction == expected


def test_interaction_condition_is_read_after_the_cards_effects() -> None:
    push = card("a_push", "amlo", "cooperate", "diplomacy", effects=[meter("trust", 5)])
    eng = basic(cards=[push], rules={"interactions": [WARM, *INTERACTIONS]})
    state = start(eng, trust=56)
    assert play(eng, state, "a_push", "t_coop").interaction == "warm"


def test_a_conditional_interaction_with_no_fallback_leaves_the_pair_quiet() -> None:
    eng = basic(rules={"interactions": [WARM]})
    state = start(eng, trust=40)
    assert play(eng, state, "a_coop", "t_coop").interaction is None
    assert eng.interaction_preview("cooperate", "cooperate", state) == {}


# ---------------------------------------------------------------- base pressure


@pytest.mark.parametrize(
    ("amlo", "loss"),
    [("a_coop", 2), (None, 2), ("a_conf", 0), ("a_dom", 0)],
)
def test_base_pressure_costs_polls_when_below_comfort_unless_confront_or_domestic(
    amlo: str | None, loss: int
) -> None:
    eng = basic(rules={"base_pressure": 2})
    state = start(eng, polls_amlo=25, polls_trump=25)
    result = play(eng, state, amlo, "t_dom")
    assert result.interaction is None
    assert state.meters["polls.amlo"] == 25 - loss
    assert causes(state, "polls.amlo") == ([(-2, "base:amlo")] if loss else [])
    assert state.meters["polls.trump"] == 25


@pytest.mark.parametrize(
    ("amlo", "change", "cause"),
    [("a_conf", 3, "rally:amlo"), ("a_dom", 0, None), ("a_coop", -2, "base:amlo")],
)
def test_below_comfort_the_base_rallies_behind_a_confrontation(
    amlo: str, change: int, cause: str | None
) -> None:
    eng = basic(rules={"base_pressure": 2, "base_rally": 3})
    state = start(eng, polls_amlo=25, polls_trump=35)
    play(eng, state, amlo, "t_dom")
    assert state.meters["polls.amlo"] == 25 + change
    assert causes(state, "polls.amlo") == ([(change, cause)] if cause else [])


def test_the_base_does_not_rally_above_comfort() -> None:
    eng = basic(rules={"base_pressure": 2, "base_rally": 3})
    state = start(eng, polls_amlo=31, polls_trump=35)
    play(eng, state, "a_conf", "t_dom")
    assert causes(state, "polls.amlo") == []


def test_base_pressure_spares_leaders_at_or_above_comfort() -> None:
    eng = basic(rules={"base_pressure": 2})
    state = start(eng, polls_amlo=30, polls_trump=29)
    play(eng, state, "a_coop", None)
    assert state.meters["polls.amlo"] == 30
    assert state.meters["polls.trump"] == 27


# ---------------------------------------------------------------- upkeep


def test_upkeep_income_and_poll_drift() -> None:
    eng = basic(rules={
        "income_steps": [{"above_floor": 10, "amount": 1}, {"above_floor": 30, "amount": 2}],
        "polls_drift": 2,
    })
    state = start(eng, polls_amlo=51, polls_trump=30, capital_amlo=2, capital_trump=2)
    assert state.ledger == []  # no upkeep on the first turn
    play(eng, state)  # both hold: capital 3 and 3
    mark = len(state.ledger)
    begin(eng, state)
    assert state.meters["capital.amlo"] == 7  # 1 + 1 (≥ floor+10) + 2 (≥ floor+30)
    assert state.meters["capital.trump"] == 5  # 1 + 1 (exactly floor+10)
    assert state.meters["polls.amlo"] == 50  # one point: never past the baseline
    assert state.meters["polls.trump"] == 32  # two points toward 50
    assert causes(state, "capital.amlo", mark) == [(4, "upkeep:income")]
    assert causes(state, "polls.amlo", mark) == [(-1, "drift:baseline")]


def test_upkeep_tension_drift_and_scenario_pressure() -> None:
    eng = basic(
        rules={"tension_drift": -1},
        scenario={"pressure": [
            {"meter": "tension.migration", "delta": 3, "from": "2019-02", "until": "2019-02"},
        ]},
    )
    state = start(eng)
    play(eng, state)
    mark = len(state.ledger)
    begin(eng, state)  # 2019-02
    assert [state.meters[f"tension.{f}"] for f in FRONTS] == [29, 32, 29]
    assert causes(state, "tension.migration", mark) == [(-1, "drift:calm"),
                                                        (3, "pressure:scenario")]
    play(eng, state)
    begin(eng, state)  # 2019-03: the pressure is over
    assert [state.meters[f"tension.{f}"] for f in FRONTS] == [28, 31, 28]


@pytest.mark.parametrize(("polls", "after"), [(30, 35), (44, 46), (49, 50), (61, 58), (50, 50)])
def test_poll_drift_grows_with_the_distance_from_the_baseline(polls: int, after: int) -> None:
    eng = basic(rules={"polls_drift": 1, "polls_drift_every": 5})
    state = start(eng, polls_amlo=polls)
    play(eng, state)
    begin(eng, state)
    assert state.meters["polls.amlo"] == after  # 1 + one per full 5 points, never past it


@pytest.mark.parametrize(("trust", "after"), [(24, 25), (25, 25), (0, 1)])
def test_a_broken_relationship_recovers_a_little_each_month(trust: int, after: int) -> None:
    eng = basic(rules={"trust_recovery": {"below": 25, "delta": 1}})
    state = start(eng, trust=trust)
    play(eng, state)
    begin(eng, state)
    assert state.meters["trust"] == after
    assert causes(state, "trust") == ([(1, "drift:ties")] if after > trust else [])


def test_tension_erosion_lowers_trust() -> None:
    eng = basic(rules={"tension_erosion": [{"min": 70, "trust": -1}, {"min": 90, "trust": -2}]})
    state = start(eng, tension_trade=90, tension_migration=70, tension_security=69)
    play(eng, state)
    assert state.meters["trust"] == 50  # erosion happens at upkeep, not at resolution
    begin(eng, state)
    assert state.meters["trust"] == 46
    assert causes(state, "trust") == [
        (-1, "erosion:trade"), (-2, "erosion:trade"), (-1, "erosion:migration"),
    ]


def test_modifier_applies_each_upkeep_then_expires() -> None:
    sanctions = card("a_sanction", "amlo", effects=[
        {"kind": "modifier", "meter": "trust", "delta": -3, "turns": 2, "label": "sanctions"},
        {"kind": "modifier", "meter": "polls.other", "delta": -1, "turns": 1, "label": "mud"},
    ])
    eng = basic(cards=[sanctions])
    state = start(eng)
    play(eng, state, "a_sanction", None)
    assert state.meters["trust"] == 50
    assert len(state.modifiers) == 2
    trust, polls_trump = [], []
    for _ in range(3):
        run_turn(eng, state)
        trust.append(state.meters["trust"])
        polls_trump.append(state.meters["polls.trump"])
    assert trust == [47, 44, 44]
    assert polls_trump == [49, 49, 49]
    assert state.modifiers == []
    assert causes(state, "trust") == [(-3, "modifier:sanctions")] * 2
    assert causes(state, "polls.trump") == [(-1, "modifier:mud")]


# ---------------------------------------------------------------- news


def test_chained_event_fires_n_turns_later() -> None:
    eng = basic(events=[
        event("summit", once=True, next=[{"event": "aftermath", "turns": 2}]),
        event("aftermath", weight=0, effects=[meter("trust", 5)]),
    ])
    state = new(eng)
    assert news(eng, state, 4) == ["summit", None, "aftermath", None]
    assert causes(state, "trust") == [(5, "event:aftermath")]


def test_schedule_effect_makes_an_event_due_later() -> None:
    eng = basic(
        cards=[card("a_call", "amlo", effects=[{"kind": "schedule", "event": "reply"}])],
        events=[event("reply", weight=0)],
    )
    state = start(eng)
    play(eng, state, "a_call", None)
    assert news(eng, state, 2) == ["reply", None]


def test_cooldown_prevents_refire() -> None:
    eng = basic(events=[event("storm", cooldown=2)])
    state = new(eng)
    assert news(eng, state, 5) == ["storm", None, None, "storm", None]


def test_once_event_fires_once() -> None:
    eng = basic(events=[event("ribbon", once=True)])
    state = new(eng)
    assert news(eng, state, 4) == ["ribbon", None, None, None]


def test_event_effects_apply_when_it_fires() -> None:
    eng = basic(events=[event("scandal", once=True, effects=[meter("polls.trump", -4)])])
    state = new(eng)
    begin(eng, state)
    assert state.meters["polls.trump"] == 46
    assert causes(state, "polls.trump") == [(-4, "event:scandal")]


def test_event_fires_only_while_its_condition_holds() -> None:
    eng = basic(events=[event("crisis", when=meter_is("trust", max=30))])
    state = new(eng)
    assert news(eng, state, 2) == [None, None]
    state.meters["trust"] = 30
    assert news(eng, state, 1) == ["crisis"]


def test_dated_event_fires_in_its_month() -> None:
    eng = basic(events=[event("deadline", date="2019-03")])  # weight 10, yet never drawn
    state = new(eng)
    assert news(eng, state, 5) == [None, None, "deadline", None, None]


def test_dated_event_is_dropped_when_its_condition_fails() -> None:
    eng = basic(events=[event("deadline", date="2019-02", when=flag_is("talks_on"))])
    state = new(eng)
    assert news(eng, state, 4) == [None, None, None, None]
    assert state.scheduled == []


def month_news(eng: Engine, state: GameState, turns: int) -> list[tuple[str, ...]]:
    """Every news of each of the next `turns` turns, in order, both leaders holding."""
    seen = []
    for _ in range(turns):
        seen.append(begin(eng, state).events)
        play(eng, state)
    return seen


def test_two_due_events_same_turn_both_fire_in_their_month() -> None:
    """History in its month: a chained and a dated event due together both come, beside
    the month's random news, in the order they were due."""
    eng = basic(events=[
        event("first", once=True, next=[{"event": "second", "turns": 1}]),
        event("second", weight=0),
        event("dated", weight=0, date="2019-02"),
    ])
    state = new(eng)
    assert month_news(eng, state, 3) == [("first",), ("second", "dated"), ()]
    assert [n["event"] for n in state.log[1]["news"]] == ["second", "dated"]


def test_dated_news_comes_beside_the_random_news() -> None:
    eng = basic(events=[event("dated", weight=0, date="2019-01"), event("daily", weight=1)])
    state = new(eng)
    assert month_news(eng, state, 2) == [("dated", "daily"), ("daily",)]


def test_a_dated_event_waits_for_its_condition_up_to_its_wait_then_lapses() -> None:
    waits = basic(events=[
        event("deal", weight=0, date="2019-01", wait=2,
              when={"kind": "meter", "meter": "trust", "min": 60}),
    ])
    state = new(waits)
    assert month_news(waits, state, 1) == [()]  # trust 50: not yet
    state.meters["trust"] = 70
    assert month_news(waits, state, 2) == [("deal",), ()]  # a month late, then done
    lapses = basic(events=[
        event("deal", weight=0, date="2019-01", wait=1,
              when={"kind": "meter", "meter": "trust", "min": 60}),
    ])
    state = new(lapses)
    assert month_news(lapses, state, 2) == [(), ()]
    state.meters["trust"] = 70
    assert month_news(lapses, state, 2) == [(), ()]  # its wait is over: it lapsed
    never = basic(events=[
        event("deal", weight=0, date="2019-01",
              when={"kind": "meter", "meter": "trust", "min": 60}),
    ])
    state = new(never)
    assert month_news(never, state, 1) == [()]
    state.meters["trust"] = 70
    assert month_news(never, state, 1) == [()]  # no wait: it lapsed in its month


def test_decisions_on_two_news_of_a_month_come_one_after_the_other() -> None:
    eng = basic(events=[
        event("vote", weight=0, date="2019-01", choices=[
            choice("amlo", "A", [meter("trust", 1)]), choice("trump", "B", [])]),
        event("poll", weight=0, date="2019-01", choices=[
            choice("amlo", "C", [meter("trust", 2)])]),
    ])
    state = new(eng)
    opened = begin(eng, state)
    assert opened.events == ("vote", "poll") and opened.choosers == ("amlo", "trump")
    assert state.event == "vote" and state.queue == ["poll"]
    assert eng.choose(state, ChooseOption("amlo", 0)) is None
    assert eng.choose(state, ChooseOption("trump", 0)) is None
    assert (state.phase, state.event, state.pending) == (CHOICE, "poll", ["amlo"])
    assert eng.choose(state, ChooseOption("amlo", 0)) is None
    assert (state.phase, state.event, state.queue) == (POLICY, None, [])
    assert state.log[-1]["news"] == [{"event": "vote", "choices": {"amlo": 0, "trump": 1}},
                                     {"event": "poll", "choices": {"amlo": 0}}]
    assert causes(state, "trust") == [(1, "choice:vote:0"), (2, "choice:poll:0")]


def test_inject_fires_at_its_turn() -> None:
    eng = basic(
        events=[event("speech", weight=0)],
        scenario={"injects": [{"event": "speech", "turn": 2}]},
    )
    state = new(eng)
    assert news(eng, state, 3) == [None, "speech", None]


def vote_engine() -> Engine:
    return basic(events=[event("vote", once=True, choices=[
        choice("amlo", "A", [meter("polls.self", 3)]),
        choice("amlo", "B", [meter("trust", 2)]),
        choice("trump", "C", [meter("polls.self", -1)]),
    ])])


def test_event_choice_applies_effects_per_chooser() -> None:
    eng = vote_engine()
    state = new(eng)
    opened = begin(eng, state)
    assert (opened.event, opened.choosers) == ("vote", ("amlo", "trump"))
    assert state.phase == CHOICE
    assert eng.options(state, "amlo") == [0, 1]
    assert eng.options(state, "trump") == [2]
    assert eng.choose(state, ChooseOption("amlo", 1)) is None
    assert state.meters["trust"] == 52
    assert state.phase == CHOICE  # trump has still to choose
    assert eng.choose(state, ChooseOption("trump", 0)) is None
    assert state.meters["polls.trump"] == 49  # `self` is the chooser
    assert state.meters["polls.amlo"] == 50
    assert causes(state, "trust") == [(2, "choice:vote:1")]
    assert causes(state, "polls.trump") == [(-1, "choice:vote:2")]
    assert state.phase == POLICY
    assert state.log[-1]["news"] == [{"event": "vote", "choices": {"amlo": 1, "trump": 2}}]


@pytest.mark.parametrize(
    ("order", "reason"),
    [
        (ChooseOption("amlo", 2), "option 3 does not exist (1–2)"),
        (ChooseOption("amlo", -1), "option 0 does not exist (1–2)"),
        (ChooseOption("trump", 1), "option 2 does not exist (1–1)"),
    ],
)
def test_event_choice_rejects_bad_index(order: ChooseOption, reason: str) -> None:
    eng = vote_engine()
    state = new(eng)
    begin(eng, state)
    before = state.to_json()
    assert said(eng.choose(state, order)) == reason
    assert state.to_json() == before


def test_event_choice_is_taken_once_and_blocks_policy_orders() -> None:
    eng = vote_engine()
    state = new(eng)
    begin(eng, state)
    holds = {"amlo": Hold("amlo"), "trump": Hold("trump")}
    assert said(eng.resolve(state, holds)) == "orders are not taken now (phase: choice)"
    assert eng.choose(state, ChooseOption("amlo", 0)) is None
    assert said(eng.choose(state, ChooseOption("amlo", 0))) == (
        "amlo has no decision to make on this event")
    assert state.meters["polls.amlo"] == 53  # applied once


# ---------------------------------------------------------------- meters and ledger


def test_meters_clamp_to_range_and_capital_to_cap() -> None:
    big = card("a_big", "amlo", effects=[
        meter("trust", 100), meter("polls.other", -100), meter("capital.self", 20),
    ])
    eng = basic(cards=[big])
    state = start(eng, capital_trump=10)
    play(eng, state, "a_big", None)
    assert state.meters["trust"] == 100
    assert state.meters["polls.trump"] == 0
    assert state.meters["capital.amlo"] == 10
    assert state.meters["capital.trump"] == 10  # hold at the cap banks nothing
    assert causes(state, "trust") == [(50, "card:a_big")]  # the real change, not +100
    assert causes(state, "polls.trump") == [(-50, "card:a_big")]
    assert causes(state, "capital.amlo") == [(5, "card:a_big")]
    assert causes(state, "capital.trump") == []  # no change, no entry


def test_ledger_records_every_change_with_cause() -> None:
    cards = [
        *FRONT_CARDS,
        card("a_push", "amlo", "confront", "trade", cost=2,
             effects=[meter("tension.trade", 30), meter("polls.self", 4)]),
        card("t_wall", "trump", "confront", "migration", cost=1,
             effects=[meter("tension.migration", 25), meter("capital.other", -2),
                      {"kind": "modifier", "meter": "trust", "delta": -2, "turns": 3,
                       "label": "wall"}]),
    ]
    eng = basic(
        cards=cards,
        rules={"income_steps": [{"above_floor": 20, "amount": 1}], "polls_drift": 1,
               "tension_drift": -1, "base_pressure": 2,
               "tension_erosion": [{"min": 60, "trust": -1}, {"min": 80, "trust": -2}]},
        events=[event("flood", cooldown=1, effects=[meter("tension.security", 8)]),
                event("choice", weight=0, date="2019-03",
                      choices=[choice("amlo", "yes", [meter("polls.self", -5)])])],
        scenario={"pressure": [{"meter": "polls.trump", "delta": -3}],
                  "agreements": {"trade": "talks"}},
        leaders={"trump": {"comfort": 48}},
    )
    state = new(eng, polls_amlo=97, tension_trade=55)
    start_meters = dict(state.meters)
    script = [("a_push", "t_wall"), ("a_trade", "t_trade"), ("a_coop", "t_conf"),
              (None, "t_coop"), ("a_conf", "t_conf"), ("a_dom", None)]
    for amlo, trump in script:
        begin(eng, state)
        if state.phase == CHOICE:
            assert eng.choose(state, ChooseOption("amlo", 0)) is None
        play(eng, state, amlo, trump)
    assert state.phase == OVER
    kinds = {c[5].split(":")[0] for c in state.ledger}
    assert kinds >= {"card", "cost", "event", "choice", "interaction", "upkeep", "drift",
                     "pressure", "erosion", "base", "modifier", "hold"}
    for meter_name in STATE_METERS:
        entries = [c for c in state.ledger if c[1] == meter_name]
        assert sum(c[2] for c in entries) == state.meters[meter_name] - start_meters[meter_name]
        value = start_meters[meter_name]
        for turn, _name, delta, before, after, cause in entries:
            assert (before, after - before) == (value, delta)
            assert delta != 0 and cause and 1 <= turn <= 6
            value = after
    trade = [c[2] for c in state.ledger if c[1] == "agreement.trade"]
    assert sum(trade) == state.agreements["trade"] - 1


def test_same_seed_and_orders_give_the_same_game() -> None:
    eng = basic(events=[event("a"), event("b", weight=30), event("c", weight=5)])

    def play_game(seed: int) -> dict[str, Any]:
        state = new(eng, seed)
        for _ in range(6):
            begin(eng, state)
            play(eng, state, state.hands["amlo"][0], state.hands["trump"][-1])
        return state.to_json()

    assert play_game(7) == play_game(7)


# ---------------------------------------------------------------- endings


COMPROMISE = ending(
    "allies", "compromise",
    {"kind": "all", "of": [meter_is("trust", min=80), {"kind": "signed", "min": 1}]},
    priority=90,
)


def test_compromise_ending() -> None:
    eng = basic(cards=FRONT_CARDS, endings=[COMPROMISE],
                scenario={"meters": {"trust": 75}, "agreements": {"trade": "talks"}})
    state = start(eng)
    result = play(eng, state, "a_trade", "t_trade")
    assert result.ending == {
        "id": "allies", "kind": "compromise", "side": None, "turn": 1,
        "standing": {"amlo": 30, "trump": 30}, "score": 91,  # trust 81 + 10 per signed
    }
    assert state.ending == result.ending
    assert (state.phase, state.turn, result.turn) == (OVER, 1, 1)


def test_compromise_needs_trust_and_a_signed_agreement() -> None:
    eng = basic(cards=FRONT_CARDS, endings=[COMPROMISE],
                scenario={"meters": {"trust": 75}, "agreements": {"trade": "talks"}})
    state = start(eng)
    result = play(eng, state, "a_coop", "t_coop")  # trust 81, nothing signed
    assert result.ending is None
    assert (state.phase, state.turn, result.turn) == (UPKEEP, 2, 1)


@pytest.mark.parametrize(("trust", "ends"), [(20, True), (21, False)])
def test_collision_ending(trust: int, ends: bool) -> None:
    eng = basic(endings=[ending("crash", "collision", meter_is("trust", max=10), priority=100)])
    state = start(eng, trust=trust)
    result = play(eng, state, "a_conf", "t_conf")  # escalation: trust -10
    assert (result.ending or {}).get("id") == ("crash" if ends else None)


def test_domestic_defeat_only_after_two_consecutive_turns_below_floor() -> None:
    eng = basic(
        cards=[card("a_up", "amlo", effects=[meter("polls.self", 10)]),
               card("a_down", "amlo", effects=[meter("polls.self", -10)])],
        endings=[ending("base_lost", "domestic_defeat",
                        {"kind": "below_floor", "side": "self", "turns": 2}, side="amlo")],
    )
    state = start(eng, polls_amlo=15)  # floor 20
    endings = [play(eng, state).ending]  # below: 1
    endings.append(run_turn(eng, state, "a_up").ending)  # 25, back above: 0
    endings.append(run_turn(eng, state, "a_down").ending)  # 15: 1
    assert endings == [None, None, None]
    result = run_turn(eng, state)  # 15: 2
    assert result.ending is not None
    assert (result.ending["id"], result.ending["side"], result.ending["turn"]) == (
        "base_lost", "amlo", 4
    )
    assert result.ending["standing"] == {"amlo": -5, "trump": 30}


def test_polls_at_the_floor_are_not_below_it() -> None:
    eng = basic(endings=[ending("base_lost", "domestic_defeat",
                                {"kind": "below_floor", "side": "amlo"}, side="amlo")])
    state = start(eng, polls_amlo=20)
    assert play(eng, state).ending is None
    assert state.below_floor == {"amlo": 0, "trump": 0}


def test_term_end_at_the_last_turn() -> None:
    eng = basic()
    state = new(eng)
    endings = [run_turn(eng, state).ending for _ in range(6)]
    assert endings[:5] == [None] * 5
    assert endings[5] is not None
    assert (endings[5]["id"], endings[5]["kind"], endings[5]["turn"]) == ("time_up", "term_end", 6)
    assert state.phase == OVER


def test_game_ends_at_the_last_turn_even_without_a_term_end_ending() -> None:
    eng = engine_for(make_content(cards=BASIC, term_end=False))
    state = new(eng)
    for _ in range(6):
        result = run_turn(eng, state)
    assert result.ending is not None
    assert (result.ending["id"], result.ending["kind"], result.ending["turn"]) == (
        "term_end", "term_end", 6
    )


@pytest.mark.parametrize(("collision", "defeat", "winner"),
                         [(100, 50, "crash"), (10, 50, "base_lost")])
def test_endings_checked_in_priority_order(collision: int, defeat: int, winner: str) -> None:
    eng = basic(endings=[
        ending("base_lost", "domestic_defeat", {"kind": "below_floor", "side": "amlo"},
               priority=defeat, side="amlo"),
        ending("crash", "collision", meter_is("trust", max=10), priority=collision),
    ])
    state = start(eng, trust=5, polls_amlo=10)  # both hold at the end of turn 1
    result = play(eng, state)
    assert result.ending is not None
    assert result.ending["id"] == winner


# ---------------------------------------------------------------- cards and decks


AMLO_FOUR = [card(f"c{i}", "amlo") for i in range(1, 5)]


def test_draw_refills_hand_and_reshuffles_discards() -> None:
    eng = engine_for(make_content(cards=AMLO_FOUR))
    state = new(eng)
    every = ["c1", "c2", "c3", "c4"]
    sizes = []
    for _ in range(3):
        begin(eng, state)
        sizes.append((len(state.hands["amlo"]), len(state.decks["amlo"]),
                      len(state.discards["amlo"])))
        assert pile_of(state, "amlo") == every
        play(eng, state, state.hands["amlo"][0], None)
    # hand, deck, discards at the start of turns 1, 2, 3: the third refill reshuffles
    assert sizes == [(3, 1, 0), (3, 0, 1), (3, 1, 0)]


def test_draw_stops_when_deck_and_discards_are_empty() -> None:
    eng = engine_for(make_content(cards=AMLO_FOUR))
    state = new(eng)
    state.hands["amlo"], state.decks["amlo"], state.discards["amlo"] = ["c3"], [], ["c1", "c2"]
    eng.draw(state, "amlo", 3)
    assert sorted(state.hands["amlo"]) == ["c1", "c2", "c3"]
    assert (state.decks["amlo"], state.discards["amlo"]) == ([], [])


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_ineligible_cards_are_not_drawn(seed: int) -> None:
    eng = engine_for(make_content(cards=[
        *AMLO_FOUR[:3],
        card("late", "amlo", from_="2019-06"),
        card("gated", "amlo", requires=flag_is("deal")),
    ]))
    state = new(eng, seed)
    assert sorted(state.hands["amlo"]) == ["c1", "c2", "c3"]
    assert sorted(state.decks["amlo"]) == ["gated", "late"]


def test_stale_cards_leave_the_hand_at_upkeep() -> None:
    eng = engine_for(make_content(
        cards=[*AMLO_FOUR, card("gated", "amlo", requires=flag_is("deal"))],
        scenario={"flags": ["deal"]},
    ))
    state = start(eng)
    force_hand(state, "amlo", "gated", "c1", "c2")
    play(eng, state, "c1", None)
    state.flags.discard("deal")
    begin(eng, state)
    assert "gated" not in state.hands["amlo"]
    assert state.decks["amlo"][0] == "gated"  # back under the deck
    assert len(state.hands["amlo"]) == 3


def test_a_card_whose_window_opens_goes_to_the_top_of_the_deck() -> None:
    eng = engine_for(make_content(cards=[
        *AMLO_FOUR, *(card(f"d{i}", "amlo") for i in range(8)),
        card("late", "amlo", from_="2019-03"),
    ]))
    state = start(eng)
    assert "late" in state.decks["amlo"] and "late" not in state.hands["amlo"]
    play(eng, state, state.hands["amlo"][0], None)
    begin(eng, state)  # 2019-02: not yet
    assert state.decks["amlo"][-1] != "late" and "late" not in state.hands["amlo"]
    play(eng, state, state.hands["amlo"][0], None)
    begin(eng, state)  # 2019-03: its window opens, and it is the next card drawn
    assert "late" in state.hands["amlo"]


def test_once_card_leaves_the_game() -> None:
    eng = engine_for(make_content(cards=[*AMLO_FOUR, card("pact", "amlo", once=True)]))
    state = start(eng)
    force_hand(state, "amlo", "pact", "c1", "c2")
    play(eng, state, "pact", None)
    assert "pact" not in pile_of(state, "amlo")
    for _ in range(4):  # cycle the deck through several reshuffles
        run_turn(eng, state, state.hands["amlo"][0], None)
        assert "pact" not in pile_of(state, "amlo")
    assert pile_of(state, "amlo") == ["c1", "c2", "c3", "c4"]


def test_played_card_goes_to_the_discards() -> None:
    eng = basic()
    state = start(eng)
    force_hand(state, "amlo", "a_coop", "a_dom")
    play(eng, state, "a_dom", None)
    assert state.hands["amlo"] == ["a_coop"]
    assert state.discards["amlo"] == ["a_dom"]


def test_draw_and_discard_effects() -> None:
    eng = basic(cards=[card("a_spy", "amlo", effects=[
        {"kind": "draw", "side": "self", "count": 1},
        {"kind": "discard", "side": "other", "count": 2},
    ]), card("a_x", "amlo"), card("a_y", "amlo")])
    state = start(eng)
    force_hand(state, "amlo", "a_spy")
    force_hand(state, "trump", "t_coop", "t_conf", "t_dom")
    play(eng, state, "a_spy", None)
    assert len(state.hands["amlo"]) == 1  # drew one after playing the spy card
    assert len(state.hands["trump"]) == 1
    assert len(state.discards["trump"]) == 2


def test_flag_and_agreement_effects() -> None:
    eng = basic(cards=[card("a_deal", "amlo", effects=[
        {"kind": "set_flag", "flag": "deal"}, {"kind": "clear_flag", "flag": "feud"},
        {"kind": "agreement", "front": "migration", "step": 2},
    ])], scenario={"flags": ["feud"]})
    state = start(eng)
    play(eng, state, "a_deal", None)
    assert state.flags == {"deal"}
    assert state.agreements["migration"] == 2
    assert causes(state, "agreement.migration") == [(2, "card:a_deal")]


# ------------------------------------------------------- fixed bugs stay fixed


def test_discard_effect_cannot_take_the_card_the_other_side_is_playing() -> None:
    eng = basic(cards=[card("a_leak", "amlo", effects=[
        {"kind": "discard", "side": "other", "count": 5},
    ])])
    state = start(eng)
    force_hand(state, "amlo", "a_leak")
    force_hand(state, "trump", "t_dom")
    result = eng.resolve(state, {"amlo": PlayCard("amlo", "a_leak"),
                                 "trump": PlayCard("trump", "t_dom")})
    assert isinstance(result, TurnResolved)
    assert state.log[-1]["orders"] == {"amlo": "a_leak", "trump": "t_dom"}


def test_once_card_with_several_copies_leaves_the_game() -> None:
    eng = engine_for(make_content(
        cards=[card("pact", "amlo", once=True, weight=2)], scenario={"hand_size": 1},
    ))
    state = start(eng)
    assert state.hands["amlo"] == ["pact"]
    play(eng, state, "pact", None)
    begin(eng, state)
    assert "pact" not in pile_of(state, "amlo")


# ---------------------------------------------------------------- ending lines for the screens


def test_the_screens_read_the_ending_lines_from_content() -> None:
    from game.core.endings import Thresholds, thresholds
    from game.wording import goal_text, threshold_words, trust_interactions

    content = make_content(
        endings=[
            ending("allies", "compromise", {"kind": "all", "of": [
                meter_is("trust", min=70), {"kind": "all", "of": [{"kind": "signed", "min": 1}]},
            ]}, priority=90),
            ending("crash", "collision", meter_is("trust", max=15), priority=100),
            ending("later_crash", "collision", meter_is("trust", max=5), priority=10),
        ],
        rules={"interactions": [WARM, *INTERACTIONS]},
    )
    assert thresholds(content.endings) == Thresholds(collision=15, compromise=70, signed=1)
    assert threshold_words(content) == ("collision at 15", "compromise at 70 + 1 signed")
    assert goal_text(content) == ("Trust 70 or more with 1 agreements signed is compromise: "
                                  "you both win. Trust 15 or less is collision: you both lose.")
    assert trust_interactions(content) == ["Warm (trust 60 or more)"]


def test_content_without_trust_endings_has_no_lines_to_draw() -> None:
    from game.core.endings import Thresholds, thresholds

    assert thresholds(make_content().endings) == Thresholds(None, None, 0)


def test_fixed_interactions_are_the_ones_any_state_makes() -> None:
    """The engine's table of interactions no condition can change agrees with looking
    them up, in states all through many games; and a trusted resolve of legal orders
    does exactly what a checked one does."""
    from game.ai.agents import make_agent
    from game.content import load_game_content

    content = load_game_content().content
    assert content is not None
    engine = Engine(content, "full_term")
    stances = ("cooperate", "confront", "domestic", "hold")
    assert engine.fixed_interaction  # the shipped rules have some
    for seed in range(20):
        checked, trusted = engine.new_game(seed), engine.new_game(seed)
        agents = {s: make_agent("random", s, engine) for s in ("amlo", "trump")}
        while checked.phase != OVER:
            for state in (checked, trusted):
                engine.begin_turn(state)
                while state.phase == CHOICE:
                    for side in list(state.pending):
                        engine.choose(state, agents[side].choose_option(engine, state))
            for a in stances:
                for t in stances:
                    if (a, t) in engine.fixed_interaction:
                        assert engine.fixed_interaction[(a, t)] == \
                            engine.interaction_id(a, t, checked)
            orders = {s: agents[s].choose_order(engine, checked) for s in ("amlo", "trump")}
            engine.resolve(checked, orders)
            engine.resolve(trusted, orders, trusted=True)
            assert trusted.to_json() == checked.to_json()
