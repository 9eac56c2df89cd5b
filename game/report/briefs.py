"""Printable role briefs: for each leader of a scenario, the pages a student reads before
playing (who he is and what he wants, the situation and the question, his goals, the
lines he must not cross, how a month works, and every card he may hold), made from the
content in the language in use, so a teacher's own scenario has its briefs too."""

from __future__ import annotations

from dataclasses import dataclass

from game.core.state import SIDES
from game.core.turn import Engine
from game.models.bundle import Content
from game.models.content import BelowFloor, Card, Leader, Scenario
from game.report.html import render
from game.wording import category_text, date_words, stance_text


@dataclass(frozen=True)
class Brief:
    """One leader's brief for one scenario."""

    scenario: Scenario
    leader: Leader
    other: Leader
    goals: list[str]
    both: list[str]
    start: dict[str, int]
    first: str
    last: str
    cards: list[Card]
    thresholds: dict[str, int]
    floor_months: int | None  # months below the floor that end the game, if any ending says


def brief(content: Content, scenario_id: str, side: str) -> Brief:
    """The brief of `side`'s leader in a scenario."""
    from game.core.endings import thresholds

    engine = Engine(content, scenario_id)
    scenario = content.scenarios[scenario_id]
    state = engine.new_game(1)
    other = next(s for s in SIDES if s != side)
    endings = engine.scenario_endings or content.endings
    levels = thresholds(endings)
    floor_months = next((e.when.turns for e in endings if isinstance(e.when, BelowFloor)
                         and e.when.side == side), None)
    months = [engine.month_text(state.month + n) for n in (0, engine.turns - 1)]
    cards = sorted((c.card for c in engine.cards[side].values()
                    if (c.card.from_ or months[0]) <= months[1]
                    and (c.card.until or months[1]) >= months[0]),  # playable in its months
                   key=lambda c: (c.category, c.cost, c.title))
    return Brief(
        scenario=scenario, leader=content.leaders[side], other=content.leaders[other],
        goals=[g.text for g in scenario.goals if g.side == side],
        both=[g.text for g in scenario.goals if g.side is None],
        start={"polls": state.meters[f"polls.{side}"],
               "capital": state.meters[f"capital.{side}"], "trust": state.meters["trust"]},
        first=date_words(months[0]), last=date_words(months[1]), cards=cards,
        thresholds={k: v for k, v in (("compromise", levels.compromise),
                                      ("collision", levels.collision)) if v is not None},
        floor_months=floor_months)


def briefs_html(content: Content, scenario_id: str) -> str:
    """Both leaders' briefs of a scenario as one printable page (each leader from a new
    sheet)."""
    return render("brief.html", briefs=[brief(content, scenario_id, side) for side in SIDES],
                  category_text=category_text, stance_text=stance_text)
