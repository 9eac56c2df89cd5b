"""A game's debrief as data: what each leader did month by month beside what really
happened, how the numbers moved and why, its turning points, and questions for the class.

`game_report` reads a save against the content (in the reader's language) and returns a
`GameReport`: the HTML report, its PDF, the CSV and JSON exports and the class report are
all made from it, so they always agree. Pure: no files, no pygame.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from game.ai.agents import make_agent
from game.core.endings import thresholds
from game.core.orders import PlayCard
from game.core.replay import ReplayError, replay, written_events
from game.core.state import SIDES, GameState
from game.core.turn import WRITTEN, Engine
from game.i18n import N_, _
from game.models.bundle import Content
from game.models.content import Source
from game.persistence.format import SaveFile
from game.report.summary import largest_swings
from game.report.told import ending_heading, standing_lines
from game.session import AUTOSAVE
from game.wording import (
    agreement_text,
    cause_text,
    date_words,
    ending_words,
    goal_lines,
    meter_text,
    replay_error_text,
    sentence,
    source_words,
)

FRONTS = ("trade", "migration", "security")
#: Every meter a report follows, in the order of its tables.
METERS = ("trust", "polls.amlo", "polls.trump", "capital.amlo", "capital.trump",
          *(f"tension.{f}" for f in FRONTS), *(f"agreement.{f}" for f in FRONTS))

#: The four stages of a debrief (Fowler and Steinwachs's DATA model), as headings.
STAGES = {
    "describe": N_("Describe"),
    "analyse": N_("Analyse"),
    "transfer": N_("Transfer"),
    "apply": N_("Apply"),
}


@dataclass(frozen=True)
class Move:
    """One leader's card in one month, and the card the historical player would have
    played from the same hand (None when not compared: the replay failed)."""

    side: str
    leader: str
    card: str | None  # None: held
    title: str
    stance: str
    historical: str | None = None
    historical_title: str | None = None

    @property
    def compared(self) -> bool:
        """Whether the historical player's card is known for this month."""
        return self.historical_title is not None

    @property
    def as_history(self) -> bool:
        """The same as the historical player's (a hold is the same as a hold)."""
        return self.compared and self.card == self.historical


@dataclass(frozen=True)
class Decision:
    """A leader's option on the news, and the one he really took (if the content says)."""

    side: str
    leader: str
    option: int
    label: str
    historical: int | None
    historical_label: str | None


@dataclass(frozen=True)
class News:
    """A news item of one month: `kind` is `inject` (sent by the facilitator), `written`
    (written by the facilitator), `dated` (a real moment in its real month) or `drawn`."""

    event: str
    title: str
    text: str
    kind: str
    decisions: list[Decision]


@dataclass(frozen=True)
class Link:
    """A source as a link: its words (title, publisher, date) and its address."""

    words: str
    short: str  # the publisher and date, or the title
    url: str


@dataclass(frozen=True)
class Reality:
    """What really happened in a month (the content's history file)."""

    date: str
    when: str
    text: str
    sources: list[Link]


@dataclass(frozen=True)
class Change:
    """A line of the ledger: a meter's change and its cause, in words too."""

    turn: int
    month: str
    meter: str
    meter_words: str
    delta: int
    before: int
    after: int
    cause: str
    cause_words: str

    @property
    def shown(self) -> str:
        """The change as a reader sees it: `+3 (45 → 48)`, or `talks → signed`."""
        if self.meter.startswith("agreement."):
            return f"{agreement_text(self.before)} → {agreement_text(self.after)}"
        return f"{self.delta:+d} ({self.before} → {self.after})"


@dataclass(frozen=True)
class Month:
    """A month played: both cards, the news and the decisions, the facilitator's
    actions, the meters at its end, what really happened then, and its ledger."""

    turn: int
    month: str
    when: str
    moves: list[Move]
    news: list[News]
    interaction: str | None
    facilitator: list[Action]
    meters: dict[str, int]
    reality: list[Reality]
    changes: list[Change]


@dataclass(frozen=True)
class Action:
    """Something the facilitator did in a month: `kind` is `inject` (sent a news of the
    content), `written` (wrote one) or `stop` (ended the game)."""

    kind: str
    event: str | None
    title: str
    words: str


@dataclass(frozen=True)
class Question:
    """A debrief question: its stage of the DATA model and its text."""

    stage: str
    heading: str
    text: str


@dataclass(frozen=True)
class Player:
    """Who played a side: a person, or the computer (its kind of agent)."""

    side: str
    leader: str
    kind: str
    agent: str | None
    words: str  # the person's name (or "a player"), or the computer and its agent
    short: str  # the same, shorter: the name, `a player`, `computer: greedy`


@dataclass(frozen=True)
class Outcome:
    """How the game ended and why."""

    id: str
    kind: str
    heading: str
    title: str
    text: str
    history: str
    turn: int
    standing: dict[str, int]
    standings: list[tuple[str, bool]]
    goals: list[tuple[str, str, bool | None]]  # (whose, the goal, met), the scenario's


@dataclass(frozen=True)
class Turning:
    """A turning point: the largest swings with their causes, or a leader's first card
    different from the historical player's."""

    turn: int
    leader: str
    when: str
    text: str
    causes: str = ""
    moved: str = ""  # a swing in a sentence: `trust moved by +13`


@dataclass
class GameReport:
    """Everything a debrief of one game shows (see the module's docstring)."""

    game_id: str
    label: str
    scenario: str
    scenario_title: str
    question: str
    objectives: list[str]
    seed: int
    created: str
    updated: str
    game_version: str
    packs: list[str]
    players: list[Player]
    turns: int  # the scenario's months
    over: bool
    outcome: Outcome | None
    months: list[Month]
    start: dict[str, int]
    floors: dict[str, int]
    comforts: dict[str, int]
    thresholds: dict[str, int]
    swings: list[Turning]
    departures: list[Turning]
    questions: list[Question]
    notes: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The game's name as its player or the console gave it (an autosave has none)."""
        return "" if self.label == AUTOSAVE else self.label

    @property
    def ledger(self) -> list[Change]:
        """Every change of the game, in order."""
        return [change for month in self.months for change in month.changes]

    def series(self, meter: str) -> list[int]:
        """A meter at the start and at the end of each month played."""
        return [self.start[meter], *(month.meters[meter] for month in self.months)]

    def leader(self, side: str) -> str:
        """A side's leader, by his short name."""
        return next(p.leader for p in self.players if p.side == side)


def game_report(content: Content, save: SaveFile) -> GameReport:
    """The debrief of the game in `save`, in the language `content` is in.

    The saved state is what is reported; the order log is replayed only to ask, each
    month, what the historical player would have played from the same hand (when that
    replay fails, say after the content changed, the report says so and leaves the
    comparison out). Raises KeyError when the save's scenario is not in the content
    (callers check first).
    """
    header = save.header
    engine = Engine(content, header.scenario)
    orders = [o.model_dump(exclude_none=True) for o in save.orders]
    written_events(engine, orders)
    content = engine.content  # with the facilitator's written news
    state = GameState.from_json(save.state.model_dump())
    notes: list[str] = []
    if header.fingerprint != content.fingerprint:
        notes.append(_("This game was played with other content than the game has now: "
                       "titles and what really happened are today's."))
    picks = _historical_picks(engine, header.seed, orders, notes)
    scenario = content.scenarios[header.scenario]
    start = engine.new_game(header.seed)
    players = [_player(side, player.kind, player.agent, player.name, content,
                       player.difficulty)
               for side in SIDES for key, player in header.sides.items() if key == side]
    months = _months(engine, state, start, picks, orders)
    report = GameReport(
        game_id=header.game_id, label=header.label, scenario=scenario.id,
        scenario_title=scenario.title, question=scenario.question,
        objectives=list(scenario.objectives), seed=header.seed, created=header.created,
        updated=header.updated, game_version=header.game_version,
        packs=[f"{p.id} {p.version}" for p in header.packs], players=players,
        turns=engine.turns, over=state.ending is not None,
        outcome=_outcome(state, content, engine), months=months, start=_meters(start),
        floors={s: content.leaders[s].floor for s in SIDES},
        comforts={s: content.leaders[s].comfort for s in SIDES},
        thresholds=_thresholds(engine, content), swings=_swings(state, content),
        departures=_departures(months), questions=[], notes=notes)
    report.questions = questions(report, content)
    return report


# ------------------------------------------------------------------ the parts


def _historical_picks(engine: Engine, seed: int, orders: list[dict[str, Any]],
                      notes: list[str]) -> dict[int, dict[str, str | None]]:
    """Each month's card (None: hold) the historical player of each side would have
    played from the hand he held then."""
    agents = {side: make_agent("historical", side, engine) for side in SIDES}
    picks: dict[int, dict[str, str | None]] = {}

    def ask(state: GameState) -> None:
        picks[state.turn] = {}
        for side in SIDES:
            order = agents[side].choose_order(engine, state)
            picks[state.turn][side] = order.card if isinstance(order, PlayCard) else None

    try:
        replay(engine, seed, orders, before_reveal=ask)
    except ReplayError as error:
        notes.append(_("The cards the historical leaders would have played are left out: "
                       "the game could not be replayed ({why}).").format(
                           why=replay_error_text(error)))
        return {}
    return picks


def _player(side: str, kind: str, agent: str | None, name: str | None,
            content: Content, difficulty: str | None = None) -> Player:
    leader = content.leaders[side].short
    if kind == "human":
        words = short = name or _("a player")
    else:  # the computer, by the level it was chosen at (Normal), else its kind of agent
        level = content.difficulties.get(difficulty or "")
        named = level.title if level is not None else agent or "reciprocal"
        words = _("the computer ({agent})").format(agent=named)
        short = _("computer: {agent}").format(agent=named)
    return Player(side=side, leader=leader, kind=kind, agent=agent, words=words, short=short)


def _meters(state: GameState) -> dict[str, int]:
    out = {meter: state.meters[meter] for meter in METERS if meter in state.meters}
    for front in FRONTS:
        out[f"agreement.{front}"] = state.agreements.get(front, 0)
    return out


def _title(content: Content, card: str | None) -> str:
    if card is None:
        return _("held")
    found = content.cards.get(card)
    return found.title if found else card


def _months(engine: Engine, state: GameState, start: GameState,
            picks: dict[int, dict[str, str | None]],
            orders: list[dict[str, Any]]) -> list[Month]:
    content = engine.content
    meters = _meters(start)
    by_turn: dict[int, list[tuple[Any, ...]]] = {}
    for entry in state.ledger:
        by_turn.setdefault(entry[0], []).append(entry)
    injected = {str(o["event"]) for o in orders if o.get("order") == "inject"}
    real = {event for moment in content.history.values() for event in moment.events}
    by_month: dict[str, list[Reality]] = {}
    for moment in content.history.values():
        by_month.setdefault(moment.date[:7], []).append(Reality(
            date=moment.date, when=date_words(moment.date), text=moment.text,
            sources=[_link(content.sources[s]) for s in moment.sources
                     if s in content.sources]))
    months = []
    for record in state.log:
        if len(record["orders"]) < len(SIDES):
            continue  # the month under way: its cards are not revealed yet
        turn, month = record["turn"], record["month"]
        changes = []
        for _turn, meter, delta, before, after, cause in by_turn.get(turn, []):
            meters[meter] = after
            changes.append(Change(turn, month, meter, meter_text(meter, content), delta,
                                  before, after, cause, sentence(cause_text(cause, content))))
        pick = picks.get(turn)
        moves = []
        for side in SIDES:
            card = record["orders"].get(side)
            found = content.cards.get(card) if card else None
            historical = pick.get(side) if pick is not None else None
            moves.append(Move(
                side=side, leader=content.leaders[side].short, card=card,
                title=_title(content, card), stance=found.stance if found else "hold",
                historical=historical,
                historical_title=_title(content, historical) if pick is not None else None))
        months.append(Month(
            turn=turn, month=month, when=date_words(month), moves=moves,
            news=[_news(item, content, injected, real) for item in record["news"]],
            interaction=next((i.title for i in content.rules.interactions
                              if i.id == record["interaction"]), None),
            facilitator=_facilitator(orders, turn, content),
            meters=dict(meters), reality=by_month.get(month, []), changes=changes))
    return months


def _link(source: Source) -> Link:
    short = source.publisher or source.title
    if source.date:
        short += f", {date_words(source.date)}"
    return Link(words=source_words(source), short=short, url=source.url)


def _news(item: dict[str, Any], content: Content, injected: set[str],
          real: set[str]) -> News:
    """A news item; `real`: the events that stand for a moment of the history file."""
    event = content.events[item["event"]]
    kind = ("written" if event.id.startswith(WRITTEN) else "inject" if event.id in injected
            else "dated" if event.date or event.id in real else "drawn")
    decisions = []
    for side, index in item["choices"].items():
        really = next((n for n, choice in enumerate(event.choices)
                       if choice.historical and choice.side == side), None)
        decisions.append(Decision(
            side=side, leader=content.leaders[side].short, option=index,
            label=event.choices[index].label, historical=really,
            historical_label=event.choices[really].label if really is not None else None))
    return News(event=event.id, title=event.title, text=event.text, kind=kind,
                decisions=decisions)


def _facilitator(orders: list[dict[str, Any]], turn: int, content: Content) -> list[Action]:
    """What the facilitator did during a month."""
    out = []
    for entry in orders:
        if entry.get("turn") != turn:
            continue
        if entry.get("order") == "inject":
            event_id = str(entry["event"])
            event = content.events.get(event_id)
            title = event.title if event else event_id
            written = bool(entry.get("custom"))
            out.append(Action(
                kind="written" if written else "inject", event=event_id, title=title,
                words=(_("The facilitator wrote the news “{title}”.") if written else
                       _("The facilitator sent the news “{title}”.")).format(title=title)))
        elif entry.get("order") == "stop":
            out.append(Action(kind="stop", event=None, title="",
                              words=_("The facilitator ended the game with this month.")))
    return out


def _outcome(state: GameState, content: Content, engine: Engine) -> Outcome | None:
    record = state.ending
    if record is None:
        return None
    ending = next((e for e in content.endings if e.id == record.get("id")), None)
    title, text = ending_words(record, content)
    turn = int(record.get("turn", state.turn))
    return Outcome(
        id=str(record.get("id")), kind=str(record.get("kind", "term_end")),
        heading=ending_heading(state),
        title=title, text=text, history=(ending.history or "") if ending else "",
        turn=turn, standing=dict(record.get("standing", {})),
        standings=standing_lines(state, content),
        goals=goal_lines(content, engine.judge_goals(state)))


def _thresholds(engine: Engine, content: Content) -> dict[str, int]:
    levels = thresholds(engine.scenario_endings or content.endings)
    out = {}
    if levels.compromise is not None:
        out["compromise"] = levels.compromise
    if levels.collision is not None:
        out["collision"] = levels.collision
    return out


def _swings(state: GameState, content: Content) -> list[Turning]:
    out = []
    for swing in largest_swings(state, 5):
        month = state.log[swing.turn - 1]["month"]
        along = [(c, d) for c, d in swing.causes if (d > 0) == (swing.delta > 0)]
        causes = "; ".join(f"{cause_text(c, content)} {d:+d}" for c, d in along[:3])
        out.append(Turning(turn=swing.turn, leader="", when=date_words(month), text=_(
            "{meter} {d:+d}").format(meter=meter_text(swing.meter, content), d=swing.delta),
            causes=sentence(causes), moved=_("{meter} moved by {d:+d}").format(
                meter=meter_text(swing.meter, content), d=swing.delta)))
    return out


def _departures(months: list[Month]) -> list[Turning]:
    """Each leader's first card different from the historical player's."""
    out = []
    for n in range(len(SIDES)):
        first = next((m for m in months if m.moves[n].compared and not m.moves[n].as_history),
                     None)
        if first is None:
            continue
        move = first.moves[n]
        out.append(Turning(turn=first.turn, leader=move.leader, when=first.when,
                           text=departure_words(move)))
    return out


def departure_words(move: Move) -> str:
    """`AMLO played “X”; the historical AMLO would have held.` (and the other cases)."""
    did = (_("{leader} played “{card}”").format(leader=move.leader, card=move.title)
           if move.card else _("{leader} held").format(leader=move.leader))
    real = (_("the historical {leader} would have played “{card}”").format(
        leader=move.leader, card=move.historical_title) if move.historical else
        _("the historical {leader} would have held").format(leader=move.leader))
    return f"{did}; {real}."


def questions(report: GameReport, content: Content) -> list[Question]:
    """Questions for this game's debrief, in the four stages of the DATA model: describe,
    analyse, transfer, apply; built from its own months, swings and choices."""
    out: list[Question] = []

    def ask(stage: str, text: str) -> None:
        out.append(Question(stage=stage, heading=_(STAGES[stage]), text=text))

    outcome = report.outcome
    if outcome is not None:
        ask("describe", _("The game ended in {when}: “{title}”. Which month decided it, "
                          "and what did each leader do then?").format(
                              when=report.months[-1].when, title=outcome.title))
    else:
        ask("describe", _("The game stopped in {when}, before its end. Where was it "
                          "heading, and why?").format(when=report.months[-1].when
                                                      if report.months else "—"))
    if report.swings:
        swing = report.swings[0]
        ask("describe", _("In {when} {what} in one month, the largest swing of the game. "
                          "Its main causes: {causes}. Did you see it coming?").format(
                              when=swing.when, what=swing.moved, causes=swing.causes))
    asked: set[str] = set()
    for month in report.months:  # the first departure from history, for each side
        for move in month.moves:
            if move.compared and not move.as_history and move.side not in asked:
                asked.add(move.side)
                ask("analyse", _("In {when}: {what} What did each choice gain at home, "
                                 "and what did it cost abroad?").format(
                                     when=month.when, what=departure_words(move)))
    first = next(((month, item, decision) for month in report.months for item in month.news
                  for decision in item.decisions if decision.historical is not None
                  and decision.option != decision.historical), None)
    if first is not None:  # the first decision on the news away from what really happened
        month, item, decision = first
        ask("analyse", _(
            "When “{news}” came in {when}, {leader} chose “{label}”; in reality "
            "he chose “{real}”. Why might the real leader have decided "
            "otherwise?").format(news=item.title, when=month.when, leader=decision.leader,
                                 label=decision.label, real=decision.historical_label))
    if outcome is not None and outcome.history:
        ask("transfer", _("{history} How close did your game come to what really happened, and "
                          "what made the difference?").format(history=outcome.history))
    ask("transfer", _("Where else do two governments trade approval at home against trust "
                      "abroad? Name one case, and what each side gave up."))
    if report.question:
        ask("apply", report.question)
    if report.swings:
        ask("apply", _("If you played {when} again, what would you do differently, and what "
                       "would you expect the other leader to do?").format(
                           when=report.swings[0].when))
    return out
