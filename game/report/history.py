"""The historical path: a game in which both leaders do what they really did.

Both sides are played by the `historical` agent: each month the card closest to what
the leader really did (or a hold), and on the news the option he really took. The
path, month by month, is what a debrief sets a class's games beside, and what the
tests use to check that history's news comes in its real month.
"""

from __future__ import annotations

from typing import Any

from game.ai.agents import make_agent
from game.core.state import SIDES
from game.core.turn import Engine
from game.session import play_out


def historical_path(engine: Engine, seed: int = 1) -> dict[str, Any]:
    """Play `engine`'s scenario with both leaders historical; the path as JSON-ready data.

    `months` holds, for each turn: `month` (YYYY-MM), `orders` (side → the card's id and
    title, or None for a hold), `news` (each event fired, by id and title, with each
    leader's choice as index and label) and `interaction`; `ending` the ending reached.
    """
    content = engine.content
    state = play_out(engine, engine.new_game(seed),
                     {side: make_agent("historical", side, engine) for side in SIDES})
    months = []
    for record in state.log:
        orders: dict[str, dict[str, str] | None] = {}
        for side in SIDES:
            card_id = record["orders"].get(side)
            orders[side] = None if card_id is None else {
                "card": card_id, "title": content.cards[card_id].title}
        news = []
        for entry in record["news"]:
            event = content.events[entry["event"]]
            news.append({
                "event": event.id,
                "title": event.title,
                "dated": event.date,
                "choices": {side: {"index": index, "label": event.choices[index].label}
                            for side, index in entry["choices"].items()},
            })
        months.append({"turn": record["turn"], "month": record["month"], "orders": orders,
                       "news": news, "interaction": record["interaction"]})
    ending = state.ending or {}
    return {
        "scenario": engine.scenario.id,
        "seed": seed,
        "months": months,
        "ending": {"id": ending.get("id"), "kind": ending.get("kind"),
                   "turn": ending.get("turn"), "side": ending.get("side"),
                   "trust": state.meters["trust"],
                   "signed": sum(1 for v in state.agreements.values() if v >= 2),
                   "polls": {side: state.meters[f"polls.{side}"] for side in SIDES}},
    }
