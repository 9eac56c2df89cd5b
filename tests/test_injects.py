"""The facilitator's injects in the rules: an event sent as news comes first among next
month's news whatever its condition, its effects recorded as the facilitator's; it is in
the order log, so a save replays to the same state; refusals are named."""

from __future__ import annotations

from pathlib import Path

from game.core.orders import Hold, Inject, order_from_json, order_to_json
from game.core.replay import replay
from game.core.state import POLICY
from game.core.turn import Engine
from game.models.bundle import Content
from game.persistence.format import OrderEntry
from game.session import Session
from game.wording import cause_text, rejection_text


def test_an_inject_comes_with_next_months_news_as_the_facilitators(content: Content) -> None:
    session = Session.new(content, "full_term", 7, {"amlo": "reciprocal", "trump": "random"})
    session.begin_turn()
    event = next(e for e in content.events.values() if e.when is not None and not e.choices)
    assert session.inject(event.id) is None
    session.resolve({})
    session.begin_turn()
    state = session.state
    assert state.log[-1]["news"][0]["event"] == event.id  # first, whatever its condition
    causes = {c[5] for c in state.ledger if c[0] == state.turn}
    if event.effects:
        assert f"inject:{event.id}" in causes
    assert cause_text(f"inject:{event.id}", content) == \
        f"inject by the facilitator: {event.title}"
    assert {"turn": 1, "order": "inject", "event": event.id} in session.orders


def test_a_game_with_injects_replays_to_the_same_state(content: Content) -> None:
    session = Session.new(content, "full_term", 11, {"amlo": "reciprocal", "trump": "greedy"})
    events = [e for e in content.events if content.events[e].choices][:3]
    while not session.over:
        session.begin_turn()
        if session.state.turn in (2, 5, 9) and events:
            assert session.inject(events.pop(0)) is None
        if session.state.phase == POLICY:
            session.resolve({})
    save = session.to_save("injects")
    orders = [OrderEntry.model_validate(o).model_dump(exclude_none=True)
              for o in save["orders"]]
    assert sum(1 for o in orders if o["order"] == "inject") == 3
    again = replay(Engine(content, "full_term"), 11, orders)
    assert again.to_json() == session.state.to_json()


def test_an_inject_is_refused_in_words(content: Content) -> None:
    engine = Engine(content, "full_term")
    state = engine.new_game(3)
    refused = engine.inject(state, "no_such_event")
    assert refused is not None and rejection_text(refused) == "there is no event no_such_event"
    assert order_from_json(order_to_json(Inject("x"))) == Inject("x")
    assert order_from_json(order_to_json(Hold("amlo"))) == Hold("amlo")


def test_a_saved_inject_names_an_event_and_nothing_else() -> None:
    import pytest
    from pydantic import ValidationError

    OrderEntry.model_validate({"turn": 2, "order": "inject", "event": "ev_x"})
    for bad in ({"turn": 2, "order": "inject"},
                {"turn": 2, "order": "inject", "event": "ev_x", "side": "amlo"},
                {"turn": 2, "order": "hold"},
                {"turn": 2, "order": "hold", "side": "amlo", "event": "ev_x"}):
        with pytest.raises(ValidationError):
            OrderEntry.model_validate(bad)


def test_a_schedule_of_injects_says_what_was_sent_planned_or_skipped(tmp_path: Path) -> None:
    """A scripted inject fires at its month, a contingency when its condition holds,
    and one whose condition never held by its last month is skipped."""
    from game.content import load_game_content
    from tests.packs import drill_pack

    loaded = load_game_content([drill_pack(tmp_path)])
    content = loaded.content
    assert content is not None, loaded.report
    session = Session.new(content, "drill", 5, {"amlo": "random", "trump": "random"})
    engine = session.engine
    assert engine.schedule(session.state) == ["planned", "planned", "planned"]
    fired_at: dict[int, int] = {}
    while not session.over:
        session.begin_turn()
        state = session.state
        for n, status in enumerate(engine.schedule(state)):
            if status == "sent":
                fired_at.setdefault(n, state.turn)
        if state.turn == 3:
            assert engine.schedule(state)[2] == "skipped"
        if session.state.phase == POLICY:
            session.resolve({})
    log = session.state.log
    assert fired_at[0] == 2 and "ev_fto_threat" in [n["event"] for n in log[1]["news"]]
    # the contingency came the first month trust was 45 or less (at the month's
    # news, after the upkeep: the trust the month before is what the condition saw)
    came = [r["turn"] for r in log if any(n["event"] == "ev_tariffs_bite" for n in r["news"])]
    assert 1 in fired_at and came and came[0] == fired_at[1]
    assert engine.schedule(session.state)[2] == "skipped"
