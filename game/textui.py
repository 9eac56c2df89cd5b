"""The terminal game: the same rules and session as the window, in plain text."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import Any, TextIO

from game.core.orders import ChooseOption, Hold, Order, PlayCard, Rejected
from game.core.state import FRONTS, SIDES, UPKEEP, Change
from game.core.turn import TurnOpened, TurnResolved
from game.i18n import _, language
from game.session import AUTOSAVE, Session
from game.wording import (
    agreement_text,
    answer_text,
    category_text,
    cause_text,
    change_words,
    date_words,
    ending_words,
    explain,
    front_text,
    goal_lines,
    goal_mark,
    goal_text,
    grouped_changes,
    kind_code,
    meter_text,
    modifier_text,
    month_words,
    net_changes,
    offer_text,
    preview_words,
    rejection_text,
    sentence,
    source_words,
    sources_text,
    stance_text,
    threshold_words,
)


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Quit(Exception):
    """The player asked to leave (q or end of input)."""


def _can_write(stream: TextIO, text: str) -> bool:
    """Whether `stream` can write `text` (a terminal in an old code page cannot)."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except (LookupError, UnicodeEncodeError):
        return False
    return True


def wrap(text: str, indent: str = "  ", hanging: str | None = None) -> str:
    """Text wrapped to 78 columns with an indent, and the lines after the first at
    `hanging` if given (words are never split at hyphens)."""
    return textwrap.fill(" ".join(text.split()), 78, initial_indent=indent,
                         subsequent_indent=indent if hanging is None else hanging,
                         break_on_hyphens=False)




class TextGame:
    """Runs one game in a terminal, reading from `inp` and writing to `out`."""

    def __init__(self, session: Session, human: str, inp: TextIO, out: TextIO,
                 verbose: bool = False, effects: str = "exact") -> None:
        self.s = session
        self.engine = session.engine
        self.content = session.engine.content
        self.human = human
        self.inp = inp
        self.out = out
        #: Every change on its own line, news backgrounds and card texts (else a summary).
        self.verbose = verbose
        #: How previews show effects: "exact" numbers or "direction" (▲▲ trust, ▼ polls).
        self.effects = effects
        self.marks = ("▲", "▼") if _can_write(out, "▲▼→") else ("+", "-")
        self.news_seen: list[str] = []  # this month's news, for `b`
        self.told: set[str] = set()  # the news already told this month
        self.news_mark = 0  # where this month's news's changes start in the ledger
        #: Whether `u` takes back the player's decision on the news.
        self.undo_allowed = True

    def say(self, text: str = "") -> None:
        """Write a line."""
        self.out.write(text + "\n")

    def ask(self, prompt: str) -> str:
        """Read one answer; end of input or `q` quits."""
        self.out.write(prompt)
        self.out.flush()
        line = self.inp.readline()
        if not line:
            raise Quit
        if not _isatty(self.inp):  # a piped transcript shows what was answered
            self.out.write(line if line.endswith("\n") else line + "\n")
        answer = line.strip().lower()
        if answer in ("q", "quit", "exit"):
            raise Quit
        return answer

    # ---------------------------------------------------------------- screens

    def intro(self) -> None:
        """Scenario briefing and who plays whom."""
        sc = self.engine.scenario
        me = self.content.leaders[self.human]
        them = self.content.leaders[self.engine.other(self.human)]
        agent = self.s.agents[self.engine.other(self.human)]
        level = self.content.difficulties.get(agent.difficulty or "")
        kind = level.title if level is not None else agent.kind
        self.briefing(_("You are {name}, {office}. The computer plays {other} ({agent}).")
                      .format(name=me.name, office=me.office, other=them.name, agent=kind))
        self.say(_("In this lesson you will:"))
        for objective in sc.objectives:
            self.say(wrap(objective, "  - ", "    "))
        self.say()
        self.goals()
        self.say(wrap(_("What you want: ") + me.wants))
        self.say()
        self.say(wrap(_(
            "How to play: each month pick one card by its number (or h to hold and bank "
            "capital). Both leaders' cards are revealed together. Cooperating when the other "
            "cooperates builds trust and agreements (on the same front, or the next month on "
            "the front he reached out on); cooperating while he pushes costs you polls. "
            "{goal} Keep your polls above your floor. Type i N for a card's story, b for "
            "the background and sources of the month's news, s NAME to save, l to list "
            "saves, u to undo your decision on the news, q to quit (the game is saved "
            "every turn).").format(
                goal=goal_text(self.content, self.engine.scenario_endings)), ""))

    def briefing(self, who: str) -> None:
        """The scenario's title, who plays whom, the seed, the briefing and its question."""
        sc = self.engine.scenario
        self.say(f"UNLIKELY ALLIES — {sc.title}")
        self.say(who)
        self.say(_("Seed {seed}: give it to others to play the same game.").format(
            seed=self.s.state.seed))
        self.say()
        self.say(wrap(sc.briefing))
        self.say()
        self.say(wrap(_("Question: ") + sc.question))
        self.say()

    def goals(self, judged: bool = False) -> None:
        """The scenario's goals for each leader; at the end, whether each was met."""
        goals = [(goal, met if judged else None)
                 for goal, met in self.engine.judge_goals(self.s.state)]
        if not goals:
            return
        self.say(_("Goals, judged at the end:") if not judged else _("Goals:"))
        for whose, text, met in goal_lines(self.content, goals):
            mark = "" if met is None else f" [{goal_mark(met)}]"
            self.say(wrap(f"{whose}: {text}{mark}", "  - ", "    "))
        self.say()

    def header(self) -> None:
        """The turn and month."""
        st = self.s.state
        title = _("Turn {turn} of {turns} — {month}").format(
            turn=st.turn, turns=self.engine.turns, month=month_words(st.month))
        self.say()
        self.say(f"=== {title} ".ljust(78, "="))

    def status(self) -> None:
        """The meters as they stand when the player chooses his card."""
        st = self.s.state
        m = st.meters
        self.say()
        parts = []
        for side in (self.human, self.engine.other(self.human)):
            leader = self.content.leaders[side]
            polls = m[f"polls.{side}"]
            warn = _(" BELOW FLOOR") if polls < leader.floor else ""
            parts.append(_("{name}: polls {polls} (floor {floor}){warn}, capital {capital}")
                         .format(name=_("You") if side == self.human else leader.short,
                                 polls=polls, floor=leader.floor, warn=warn,
                                 capital=m[f"capital.{side}"]))
        self.say(wrap(" · ".join(parts), "  ", "    "))
        self.say(wrap(_("Trust {trust}").format(trust=m["trust"]) + " · " + " · ".join(
            _("{front} {tension}, {agreement}").format(
                front=front_text(f).capitalize(), tension=m[f"tension.{f}"],
                agreement=agreement_text(st.agreements[f])) for f in FRONTS),
            "  ", "    "))
        offers = self.engine.open_offers(st)
        for front in FRONTS:
            note = offer_text(offers, front, self.human, self.content)
            if note and st.agreements[front] < 2:  # a signed front has nothing to answer
                self.say(wrap(note, "  ", "    "))
        if st.modifiers:
            self.say(wrap(_("Ongoing: ") + ", ".join(
                _("{label} ({meter} {delta:+d}, {n} more)").format(
                    label=modifier_text(mod.label), meter=meter_text(mod.meter, self.content),
                    delta=mod.delta, n=mod.turns) for mod in st.modifiers), "  ", "    "))
        if self.verbose:
            collision, compromise = threshold_words(self.content,
                                                    self.engine.scenario_endings)
            self.say("  " + ", ".join(w for w in (collision, compromise) if w))

    def show_changes(self, first: int, title: str, stop: int | None = None) -> None:
        """The ledger entries from `first` (up to `stop`): grouped by cause, one line
        each (with --verbose, every change on its own line, before and after)."""
        changes = self.s.state.ledger[first:stop]
        arrow = "→" if self.marks[0] == "▲" else "->"
        lines = explain(changes, self.content, arrow) if self.verbose else grouped_changes(
            changes, self.content, arrow)
        if lines:
            self.say(title)
            for line in lines:
                self.say(wrap(line, "    ", "      "))

    def show_upkeep(self, first: int, stop: int) -> None:
        """What the month's turn did before the news (drift, income, ongoing effects): one
        line of net changes (with --verbose, every change)."""
        if self.verbose:
            self.show_changes(first, _("Since last month:"), stop)
            return
        # The routine is left out: capital income (the status shows capital) and each
        # tension's usual monthly calm.
        calm = self.engine.rules.tension_drift
        net = {m: d for m, d in net_changes(self.s.state.ledger[first:stop]).items()
               if not m.startswith("capital.") and not (m.startswith("tension.") and d == calm)}
        if net:
            self.say(wrap(_("Since last month: ") + self.compact(net), "", "  "))

    def compact(self, net: dict[str, int]) -> str:
        """Net changes grouped by leader and by kind: `AMLO polls -2, capital +2 · Trump
        capital +1 · tension: trade -1, migration -3`."""
        groups: list[str] = []
        kinds = {"polls": _("polls {d:+d}"), "capital": _("capital {d:+d}")}
        for side in SIDES:
            mine = [words.format(d=net[f"{kind}.{side}"]) for kind, words in kinds.items()
                    if f"{kind}.{side}" in net]
            if mine:
                groups.append(_("{name}: {changes}").format(
                    name=self.content.leaders[side].short, changes=", ".join(mine)))
        if "trust" in net:
            groups.append(_("trust {d:+d}").format(d=net["trust"]))
        tensions = [f"{front_text(f)} {net[f'tension.{f}']:+d}" for f in FRONTS
                    if f"tension.{f}" in net]
        if tensions:
            groups.append(_("tension: ") + ", ".join(tensions))
        return " · ".join(groups)

    def changes_since(self, first: int, stop: int | None = None,
                      ) -> dict[str, list[Change]]:
        """The ledger from `first` (to `stop`) by cause."""
        out: dict[str, list[Change]] = {}
        for change in self.s.state.ledger[first:stop]:
            out.setdefault(change[5], []).append(change)
        return out

    def change_words(self, changes: list[Change]) -> str:
        """`trust +3, AMLO polls -1` (an agreement: `trade agreement talks → signed`)."""
        return change_words(changes, self.content, "→" if self.marks[0] == "▲" else "->")

    def preview(self, effects: list[Any]) -> str:
        """What a card's or option's effects do now and over the coming months, as the
        player asked to see them (his own polls and capital without his name)."""
        return preview_words(effects, self.human, self.content, self.effects, self.marks)

    def news(self, opened: TurnOpened) -> None:
        """The month's news, in the order it came, each with what it changed. A news
        item the player must decide on is told in full when his decision comes (with
        --verbose, every story in full now and every change after them)."""
        self.news_mark = opened.news_change
        self.told = set()
        if not opened.events:
            self.news_seen = []
            self.say(_("News: a quiet month."))
            return
        self.news_seen = list(opened.events)
        self.say()
        for event_id in opened.events:
            if self.verbose or self.human not in self.engine.choosers[event_id]:
                self.tell(event_id)

    def tell(self, event_id: str) -> None:
        """One news item: its headline, its story where the player decides on it (or
        with --verbose, always, and its background), and what it changed."""
        if event_id in self.told:
            return
        self.told.add(event_id)
        event = self.content.events[event_id]
        self.say(_("NEWS: {title}").format(title=event.title))
        # Otherwise the headline: the story is a `b` away.
        if self.verbose or self.human in self.engine.choosers[event_id]:
            self.say(wrap(event.text))
        if self.verbose:
            self.background(event_id)
            return
        changed = self.changes_since(self.news_mark).get(f"event:{event_id}")
        if changed:
            arrow = "→" if self.marks[0] == "▲" else "->"
            self.say(wrap(f"{arrow} " + self.change_words(changed), "  ", "    "))

    def background(self, event_id: str) -> None:
        """A news item's background and sources."""
        event = self.content.events[event_id]
        self.say(wrap(_("Background: ") + event.context, "    "))
        self.say(wrap(_("Sources: ") + sources_text(event.sources, self.content), "    "))

    def decide(self) -> None:
        """Ask the human for his pick on the current event."""
        st = self.s.state
        event = self.content.events[st.event or ""]
        indices = self.engine.options(st, self.human)
        if self.verbose:
            self.say()
            self.say(_("Your decision on “{title}”:").format(title=event.title))
        else:
            self.tell(event.id)
        for n, index in enumerate(indices, 1):
            choice = event.choices[index]
            self.say(f"  {n}) {choice.label}")
            if choice.text and self.verbose:
                self.say(wrap(choice.text, "       "))
            self.say(wrap(self.preview(choice.effects), "       "))
        while True:
            answer = self.ask(_("Choose 1-{n}: ").format(n=len(indices)))
            if self.command(answer):
                continue
            if answer.isdigit() and 1 <= int(answer) <= len(indices):
                result = self.s.choose(ChooseOption(self.human, int(answer) - 1),
                                       agents_choose=False)  # shown by computer_decides
                if result is None:
                    return
                self.say(rejection_text(result))
            elif answer.startswith("i") and answer[1:].strip().isdigit():
                self.say(_("i N shows a card's story when you choose your card, after the "
                           "news; b shows this news in full, with its sources."))
            else:
                self.say(_("Please type a number from 1 to {n} (b: the news in full, with "
                           "its sources), or q to quit.").format(n=len(indices)))

    def hand(self) -> list[str]:
        """Show the hand with cost, stance and preview; return its card ids."""
        st = self.s.state
        cards = list(st.hands[self.human])
        offers = self.engine.open_offers(st)
        if self.verbose:
            self.say()
            self.say(_("Your hand (capital {c}):").format(
                c=st.meters[f"capital.{self.human}"]))
        else:
            self.say(_("Your hand:"))
        for n, card_id in enumerate(cards, 1):
            cc = self.engine.card(self.human, card_id)
            card = cc.card
            words = self.content.cards.get(card_id, card)  # in this player's language
            where = category_text(card.category)
            if cc.front is not None and cc.front != card.category:
                where = _("{category}, {front} front").format(category=where,
                                                              front=front_text(cc.front))
            if self.verbose:
                self.say("  " + _("{n}) {title}  [{where} · {stance} · cost {cost}]").format(
                    n=n, title=words.title, where=where, stance=stance_text(card.stance),
                    cost=card.cost))
                self.say(wrap(words.text, "       "))
                self.say(wrap(self.preview(card.effects), "       "))
                answer = answer_text(offers, self.human, card.stance, cc.front, self.content)
                if answer:
                    self.say("       " + answer)
                why = self.engine.why_not(st, self.human, card_id)
                if why:
                    self.say("       " + _("Cannot play: ") + rejection_text(why))
                continue
            why = self.engine.why_not(st, self.human, card_id)
            if why:  # what it would do matters less than why not
                self.say(wrap(_("{n}) {title} — cannot play now: {why}").format(
                    n=n, title=words.title, why=rejection_text(why)), "  ", "       "))
                continue
            line = _("{n}) {title} ({stance}, {cost}): {effects}").format(
                n=n, title=words.title, stance=stance_text(card.stance),
                cost=_("cost {n}").format(n=card.cost) if card.cost else _("free"),
                effects=self.preview(card.effects))
            answer = answer_text(offers, self.human, card.stance, cc.front, self.content)
            if answer and cc.front is not None and st.agreements[cc.front] < 2:
                line += "; " + answer
            self.say(wrap(line, "  ", "       "))
        self.say("  h) " + _("Hold (bank {n} capital)").format(n=self.engine.rules.hold_gain))
        return cards

    def pick_order(self) -> Order | None:
        """Ask for a card number, h, i N, u, s or l; None when the decision was undone."""
        st = self.s.state
        cards = self.hand()
        undo = self.undo_allowed and self.s.can_undo()
        while True:
            answer = self.ask(_("Your card (1-{n}, h to hold, ? for more): ").format(
                n=len(cards)))
            if answer == "?":
                self.say(_("  i N: card N's story and sources · b: the month's news in full · "
                           "s NAME: save · l: list saves · q: quit"))
                if undo:
                    self.say(_("  u: undo your decision on the news"))
                continue
            if self.command(answer):
                continue
            if answer == "u" and self.undo_allowed:
                if self.s.undo():
                    self.say(_("Decision undone."))
                    return None
                self.say(_("There is nothing to undo this turn."))
                continue
            if answer == "h":
                return Hold(self.human)
            if answer.startswith("i") and answer[1:].strip().isdigit():
                k = int(answer[1:].strip())
                if 1 <= k <= len(cards):
                    self.details(cards[k - 1])
                    continue
            if answer.isdigit() and 1 <= int(answer) <= len(cards):
                card_id = cards[int(answer) - 1]
                why = self.engine.why_not(st, self.human, card_id)
                if why is None:
                    return PlayCard(self.human, card_id)
                self.say(_("You cannot play that now: {why}").format(why=rejection_text(why)))
                continue
            self.say(_("Please type a number from 1 to {n}, h, i N, s, l, or q.").format(
                n=len(cards)))

    def details(self, card_id: str) -> None:
        """A card's real-world context and sources."""
        card = self.content.cards[card_id]
        self.say(f"  {card.title}")
        self.say(wrap(card.text, "    "))
        self.say(wrap(_("What really happened: ") + card.context, "    "))
        for tag in card.sources:
            source = self.content.sources.get(tag)
            if source is not None:  # the address whole, on its own line, to copy
                self.say(textwrap.fill(source_words(source), 78, initial_indent="    - ",
                                       subsequent_indent="      "))
                self.say(f"      {source.url}")

    def reveal(self, result: TurnResolved) -> None:
        """Both cards with what each did, the interaction, and every other change with
        its cause (with --verbose, every change on its own line)."""
        self.say()
        by_cause = self.changes_since(result.first_change)
        for side in SIDES:
            order = result.orders[side]
            name = self.content.leaders[side].short
            if isinstance(order, PlayCard):
                card = self.content.cards[order.card]
                said = _("{name} played “{title}” ({stance}).").format(
                    name=name, title=card.title, stance=stance_text(card.stance)) \
                    if side != self.human or self.verbose else \
                    _("You played “{title}”.").format(title=card.title)
                by_cause.pop(f"cost:{order.card}", None)  # the hand showed the cost
                changed = by_cause.pop(f"card:{order.card}", [])
            else:
                said = _("{name} held.").format(name=name) \
                    if side != self.human or self.verbose else _("You held.")
                changed = [c for c in by_cause.get("hold", []) if c[1].endswith(side)]
            if changed and not self.verbose:
                said = said[:-1] + ": " + self.change_words(changed)
            self.say(wrap(said, "", "  "))
        by_cause.pop("hold", None)  # told with each leader who held
        if result.interaction:
            for i in self.content.rules.interactions:
                if i.id == result.interaction:
                    said = _("Interaction: {title}. {text}").format(
                        title=i.title, text=i.text) if self.verbose else \
                        i.title
                    changed = by_cause.pop(f"interaction:{i.id}", [])
                    if changed and not self.verbose:
                        said += ": " + self.change_words(changed)
                    self.say(wrap(said, "", "  "))
        if self.verbose:
            self.show_changes(result.first_change, _("What changed and why:"))
            return
        for cause, changed in by_cause.items():
            self.say(wrap(sentence(cause_text(cause, self.content)) + ": "
                          + self.change_words(changed), "", "  "))

    def ending(self) -> None:
        """The outcome, its meaning, what happened in history, and each standing."""
        record = self.s.state.ending or {}
        ending = next((e for e in self.content.endings if e.id == record.get("id")), None)
        title = ending_words(record, self.content)[0]
        self.say()
        self.say("#" * 78)
        self.say(_("  THE END — {title} (turn {turn})").format(
            title=title.upper(), turn=record.get("turn", self.s.state.turn)))
        self.say("#" * 78)
        if ending is not None:
            self.say(wrap(ending.text))
            if ending.history:
                self.say()
                self.say(wrap(_("What really happened: ") + ending.history))
        for side in SIDES:
            leader = self.content.leaders[side]
            value = record.get("standing", {}).get(side, 0)
            self.say(_("  {name}: polls {polls}, {value:+d} against his floor of {floor}").format(
                name=leader.short, polls=self.s.state.meters[f"polls.{side}"], value=value,
                floor=leader.floor))
        self.say(_("  Relationship score: {score} (trust + {n} per signed agreement)").format(
            score=record.get("score", 0), n=self.content.rules.score_per_signed))
        self.say()
        self.goals(judged=True)
        if self.s.autosave and self.s.save_dir is not None:
            lang = "" if language() == "en" else f" --lang {language()}"
            self.say(_("The debrief report of this game (a page to read, print or project): "
                       "{command}").format(command=f"python -m game report "
                                                   f"{self.s.save_path(AUTOSAVE)}{lang}"))
        self.say(_("Outcome: {kind} — {title}").format(
            kind=kind_code(record.get("kind", "term_end")), title=title))

    # ---------------------------------------------------------------- loop

    def open_turn(self) -> None:
        """Upkeep and news of a new turn, each change shown with its cause."""
        opened = self.s.begin_turn(agents_choose=False)
        if isinstance(opened, Rejected):
            raise RuntimeError(rejection_text(opened))
        self.header()
        self.show_upkeep(opened.first_change, opened.news_change)
        self.news(opened)
        if self.verbose:
            self.show_changes(opened.news_change, _("  The news changed:"))
        self.computer_decides()

    def computer_decides(self) -> None:
        """The computer's decisions on the current event, and what they changed."""
        mark = len(self.s.state.ledger)
        for event_id, pick in self.s.agents_choose():
            self.tell(event_id)
            event = self.content.events[event_id]
            index = [i for i, _ in self.engine.events[event_id].choices[pick.side]][pick.option]
            said = _("{name} decided: {label}").format(
                name=self.content.leaders[pick.side].short, label=event.choices[index].label)
            changed = self.changes_since(mark).get(f"choice:{event_id}:{index}")
            if changed and not self.verbose:
                said += " — " + self.change_words(changed)
            self.say(wrap(said, "", "  "))
        if self.verbose:
            self.show_changes(mark, _("  That decision changed:"))

    def resume(self) -> None:
        """Where a loaded game stands, mid-turn."""
        st = self.s.state
        self.say(_("Game loaded: {scenario}, turn {turn}, you play {name}.").format(
            scenario=self.engine.scenario.title, turn=st.turn,
            name=self.content.leaders[self.human].name))
        self.header()
        if st.event is not None:
            event = self.content.events[st.event]
            self.say(_("NEWS: {title}").format(title=event.title))
            self.say(wrap(event.text))
        self.computer_decides()

    def run(self, on_turn: Callable[[Session], None] | None = None, resumed: bool = False) -> int:
        """Play until the end or until the player quits; returns the exit code."""
        if resumed and self.s.state.phase != UPKEEP:
            self.resume()
        elif not resumed:
            self.intro()
        else:
            self.say(_("Game loaded: {scenario}, turn {turn}.").format(
                scenario=self.engine.scenario.title, turn=self.s.state.turn))
        try:
            while not self.s.over:
                st = self.s.state
                if st.phase == UPKEEP:
                    self.open_turn()
                    continue
                if self.human in st.pending:
                    mark = len(st.ledger)
                    self.decide()
                    if self.verbose:  # else its preview said it all
                        self.show_changes(mark, _("  Your decision changed:"))
                    self.computer_decides()  # on the month's next news, if he has any
                    continue
                self.status()
                order = self.pick_order()
                if order is None:  # the decision was undone: ask it again
                    continue
                self.settle({self.human: order}, on_turn)
            self.ending()
        except Quit:
            self.quit()
        return 0

    def settle(self, orders: dict[str, Order],
               on_turn: Callable[[Session], None] | None = None) -> None:
        """Resolve the month with the players' orders and show what happened (a refused
        order is said, and the month waits for another)."""
        result = self.s.resolve(orders)
        if isinstance(result, Rejected):
            self.say(rejection_text(result))
            return
        self.reveal(result)
        if self.s.last_save_error:
            self.say(_("Warning: {error}").format(error=self.s.last_save_error))
        if on_turn is not None:
            on_turn(self.s)

    def quit(self) -> None:
        """Leave the game, saved, and say how to continue it."""
        self.say()
        self.say(_("You left the game at turn {turn}.").format(turn=self.s.state.turn))
        if self.s.autosave and self.s.save_dir is not None:
            path = self.s.save("autosave")
            if path is not None:
                self.say(_("It is saved in {path}; continue with --load {path}.").format(
                    path=path))

    # ---------------------------------------------------------------- commands

    def command(self, answer: str) -> bool:
        """Commands that work at any prompt: s [name] saves, l lists saves, b shows the
        news's background and sources; True if one ran."""
        if answer == "s" or answer.startswith("s "):
            label = answer[2:].strip() or f"turn-{self.s.state.turn}"
            path = self.s.save(label)
            if path is None:
                self.say(_("Not saved: {error}").format(error=self.s.last_save_error))
            else:
                self.say(_("Saved as {path}").format(path=path))
            return True
        if answer == "l":
            self.list_saves()
            return True
        if answer == "b":
            if not self.news_seen:
                self.say(_("No news this month."))
            for event_id in self.news_seen:
                self.say("  " + self.content.events[event_id].title)
                self.say(wrap(self.content.events[event_id].text, "    "))
                self.background(event_id)
            return True
        return False

    def list_saves(self) -> None:
        """The saves in the save folder, newest first."""
        from game.persistence.store import list_saves

        folder = self.s.save_dir
        if folder is None:
            self.say(_("This game is not being saved (no save folder)."))
            return
        saves, problems = list_saves(folder)
        if not saves:
            self.say(_("No saves in {folder}.").format(folder=folder))
        for info in saves[:15]:
            h = info.header
            human = next((s for s, p in h.sides.items() if p.kind == "human"), None)
            scenario = self.content.scenarios.get(h.scenario)
            self.say(f"  {info.path.name:<34} " + _(
                "{label}: {scenario}, {leader}, turn {turn} ({month}), saved {when}").format(
                    label=_("autosave") if h.label == "autosave" else h.label,
                    scenario=scenario.title if scenario else h.scenario,
                    leader=self.content.leaders[human].short if human in self.content.leaders
                    else "-", turn=h.turn, month=date_words(h.month),
                    when=h.updated.replace("T", " ")[:16]))
        for problem in problems:
            self.say("  " + problem.message)

__all__ = ["TextGame"]
