"""The one function that builds what a seat may see: `view_for`.

Everything a seat receives is made here, from the table's game, in the seat's language:
its own hand and the decisions that are its own, both leaders' public figures, the
month's news, the other leader's card only once the month is resolved. Never the other
hand, the seed, the generator, the decks, the discards or an order not yet revealed.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from game.content.localize import localize
from game.core.endings import thresholds
from game.core.orders import PlayCard
from game.core.state import CHOICE, FRONTS, OVER, POLICY, SIDES, Change
from game.i18n import Translator, _, current, translator_for, using
from game.models.bundle import Content
from game.protocol import (
    CardView,
    Chart,
    Ending,
    Front,
    Leader,
    Line,
    NewsView,
    OptionView,
    Played,
    Reveal,
    Standing,
    Swing,
    Threshold,
    View,
)
from game.report.charts import level_words
from game.report.summary import series
from game.report.told import (
    beside_lines,
    ending_heading,
    standing_lines,
    swing_lines,
    why_lines,
)
from game.server.rooms import GameTable
from game.wording import (
    agreement_text,
    category_text,
    cause_text,
    change_words,
    date_words,
    ending_words,
    front_text,
    kind_code,
    month_words,
    preview_words,
    rejection_text,
    sentence,
    stance_text,
)

#: The folders of the packs after the base game that the served content was loaded with
#: (mods, --pack): their catalogues translate their own texts. Set when an app is made.
_PACKS: tuple[str, ...] = ()


def serve_packs(folders: list[str]) -> None:
    """The packs whose catalogues the pages read (those of the content served)."""
    global _PACKS
    _PACKS = tuple(folders)


@lru_cache(maxsize=8)
def _translator(lang: str, packs: tuple[str, ...]) -> Translator:
    return translator_for(lang, packs)


def translator(lang: str) -> Translator:
    """A seat's language, with the served packs' catalogues (read once)."""
    return _translator(lang, _PACKS)


#: What each card and option will do, as each side sees it, in each language: the same
#: for the whole game (the content does not change while the server runs), so made once.
_PREVIEWS: dict[tuple[str, str, str, tuple[object, ...]], str] = {}


def _preview(key: tuple[object, ...], effects: list[Any], side: str, content: Content) -> str:
    found = (content.fingerprint, current().lang, side, key)
    text = _PREVIEWS.get(found)
    if text is None:
        text = _PREVIEWS[found] = preview_words(effects, side, content)
    return text


def view_for(table: GameTable, side: str) -> View:
    """What `side`'s seat at `table` may see now, in its player's language."""
    seat = table.seats[side]
    with using(translator(seat.lang)):
        return _view(table, side)


def _deadline(table: GameTable) -> dict[str, Any]:
    """When the month's time runs out, if the facilitator gave it one and it runs."""
    if table.due is None:
        return {}
    clock = table.room.clock
    left = max(0, round(table.due - clock.monotonic()))
    moment = datetime.fromisoformat(clock.now()) + timedelta(seconds=left)
    return {"deadline": moment.isoformat(), "deadline_in": left, "then": table.then}


def _other(table: GameTable, side: str) -> str:
    other = "trump" if side == "amlo" else "amlo"
    seat = table.seats.get(other)
    if seat is None:
        return "empty"
    if seat.kind == "agent":
        return "computer"
    if not seat.sockets:
        return "disconnected"
    state = table.session.state if table.session else None
    if state is not None and state.phase == CHOICE and other not in state.pending:
        return "waiting_you" if side in state.pending else "chosen"
    return "chosen" if other in table.pending else "choosing"


def _view(table: GameTable, side: str) -> View:
    session = table.session
    seat = table.seats[side]
    other = "trump" if side == "amlo" else "amlo"
    other_seat = table.seats.get(other)
    base: dict[str, Any] = dict(
        version=table.version, room=table.room.name, code=table.room.code,
        table=table.number, side=side,
        name=seat.name, other_name=other_seat.name if other_seat else "",
        other=_other(table, side), lang=seat.lang, paused=table.paused,
        stopping=table.stopping and not (table.session and table.session.over),
        notices=table.notices[-3:], **_deadline(table))
    if session is None:  # waiting for a second player: who is who, no figures yet
        leaders = []
        if table.room.content is not None:
            named = localize(table.room.content, current()).leaders
            leaders = [Leader(side=s, name=named[s].name, short=named[s].short, polls=0,
                              floor=named[s].floor, comfort=named[s].comfort, capital=0)
                       for s in SIDES]
        return View(**base, turn=0, turns=0, month="", phase="waiting", trust=0, leaders=leaders,
                    fronts=[], news=[], hand=[], can_hold=False, committed=None, last=None,
                    ending=None)
    content = localize(session.engine.content, current())
    state, engine = session.state, session.engine
    meters = state.meters
    leaders = [Leader(side=s, name=content.leaders[s].name, short=content.leaders[s].short,
                      polls=meters[f"polls.{s}"], floor=content.leaders[s].floor,
                      comfort=content.leaders[s].comfort, capital=meters[f"capital.{s}"])
               for s in SIDES]
    fronts = [Front(front=f, name=front_text(f), tension=meters[f"tension.{f}"],
                    agreement=agreement_text(state.agreements[f])) for f in FRONTS]
    news = []
    record = state.log[-1] if state.log and state.phase != OVER else None
    for item in (record or {}).get("news", []):
        event_id = item["event"]
        event = content.events[event_id]
        options = []
        if state.event == event_id and side in state.pending:
            for n, index in enumerate(engine.options(state, side)):
                choice = event.choices[index]
                options.append(OptionView(index=n, label=choice.label, effects=_preview(
                    ("option", event_id, index), choice.effects, side, content)))
        chosen = [f"{content.leaders[s].short}: {event.choices[index].label}"
                  for s, index in item["choices"].items()]
        news.append(NewsView(event=event_id, title=event.title, text=event.text,
                             deciders=[content.leaders[s].short
                                       for s in engine.choosers[event_id]],
                             options=options, chosen=chosen))
    hand = []
    for card_id in state.hands[side]:
        card = engine.card(side, card_id).card
        words = content.cards.get(card_id, card)
        why = engine.why_not(state, side, card_id)
        hand.append(CardView(id=card_id, title=words.title, text=words.text,
                             category=category_text(card.category),
                             stance=stance_text(card.stance), kind=card.stance,
                             cost=card.cost,
                             effects=_preview(("card", card_id), card.effects, side,
                                              content),
                             why_not=rejection_text(why) if why else None))
    mine = table.pending.get(side)
    committed = None
    if mine is not None:
        committed = (_("you play “{title}”").format(title=content.cards[mine.card].title)
                     if isinstance(mine, PlayCard) else _("you hold"))
    return View(**base, turn=state.turn, turns=engine.turns, month=month_words(state.month),
                phase=state.phase, trust=meters["trust"], leaders=leaders, fronts=fronts,
                news=news, hand=hand, can_hold=state.phase == POLICY and mine is None,
                committed=committed, last=_reveal(table, content),
                ending=_ending(table, content, side), **_story(table, content))


#: Each table's chart and "why" lines, per language: the same until its ledger grows.
_STORIES: dict[tuple[int, int, int, str], dict[str, Any]] = {}


def _story(table: GameTable, content: Content) -> dict[str, Any]:
    """The game so far: its chart and every change since last month, with causes (made
    once per language and ledger length)."""
    session = table.session
    assert session is not None
    state = session.state
    key = (table.id, state.turn, len(state.ledger), current().lang)
    made = _STORIES.get(key)
    if made is None:
        for old in [k for k in _STORIES if k[0] == table.id]:
            del _STORIES[old]  # an earlier moment of this table
        made = _STORIES[key] = {"chart": _chart(table, content),
                                "why": why_lines(state, content)}
    return made


def _chart(table: GameTable, content: Content) -> Chart:
    """Polls of both leaders and trust, from the start to the last month played, with the
    levels where the game ends."""
    session = table.session
    assert session is not None
    state, engine = session.state, session.engine
    data = series(state)
    months = [_("start")] + [date_words(record["month"]) for record in state.log]
    months = months[:len(data["trust"])]
    lines = [Line(meter="trust", name=_("Trust"), values=data["trust"])]
    lines += [Line(meter=f"polls.{s}", name=content.leaders[s].short, values=data[f"polls.{s}"])
              for s in SIDES]
    levels = thresholds(engine.scenario_endings or content.endings)
    marks = []
    if levels.compromise is not None:
        marks.append(Threshold(value=levels.compromise, kind="compromise",
                               label=level_words("compromise", levels.compromise)))
    if levels.collision is not None:
        marks.append(Threshold(value=levels.collision, kind="collision",
                               label=level_words("collision", levels.collision)))
    return Chart(months=months, lines=lines, thresholds=marks)


#: The month last resolved, as each table's seats read it: the same until the next one.
_REVEALS: dict[tuple[int, int, str], Reveal] = {}


def _reveal(table: GameTable, content: Content) -> Reveal | None:
    """The month last resolved (made once per language, kept until the next)."""
    result = table.last
    if result is None or table.session is None:
        return None
    key = (table.id, result.turn, current().lang)
    made = _REVEALS.get(key)
    if made is None:
        for old in [k for k in _REVEALS if k[0] == table.id and k[1] != result.turn]:
            del _REVEALS[old]  # an earlier month of this table
        made = _REVEALS[key] = _made_reveal(table, content)
    return made


def _made_reveal(table: GameTable, content: Content) -> Reveal:
    """The month last resolved: both moves (now both are committed), what changed."""
    result, session = table.last, table.session
    assert result is not None and session is not None
    played = []
    for s in SIDES:
        order = result.orders[s]
        card = getattr(order, "card", None)
        played.append(Played(side=s, card=card, title=content.cards[card].title if card
                             else _("held"),
                             kind=content.cards[card].stance if card else "hold"))
    by_cause: dict[str, list[Change]] = {}
    first, stop = table.last_changes
    for change in session.state.ledger[first:stop]:
        by_cause.setdefault(change[5], []).append(change)
    changes = [f"{sentence(cause_text(cause, content))}: {change_words(items, content)}"
               for cause, items in by_cause.items()]
    interaction = next((i.title for i in content.rules.interactions
                        if i.id == result.interaction), None)
    record = next((r for r in session.state.log if r["turn"] == result.turn), None)
    month = record["month"] if record else ""
    return Reveal(turn=result.turn, month=date_words(month) if month else "", played=played,
                  interaction=interaction, changes=changes)


def _ending(table: GameTable, content: Content, side: str) -> Ending | None:
    session = table.session
    if session is None or session.state.ending is None:
        return None
    state = session.state
    record: dict[str, Any] = state.ending or {}
    ending = next((e for e in content.endings if e.id == record.get("id")), None)
    title, text = ending_words(record, content)
    kind = record.get("kind", "term_end")
    return Ending(id=str(record.get("id")), kind=kind, title=title, text=text,
                  outcome=_("Outcome: {kind} — {title}").format(kind=kind_code(kind),
                                                                 title=title),
                  heading=ending_heading(state),
                  standings=[Standing(text=text, good=good) for text, good in
                             standing_lines(state, content, side)],
                  history=(ending.history or "") if ending else "",
                  beside=beside_lines(state, content),
                  swings=[Swing(heading=h, causes=c) for h, c in swing_lines(state, content)])
