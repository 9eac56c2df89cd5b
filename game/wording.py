"""Words for what the rules record: causes, meters, conditions, refusals, months.

The core records what happened as data (cause codes, ids, numbers); this module,
used by the terminal, the window and the reports alike, turns that data into
sentences through gettext, in the reader's language.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from game.core.conditions import OTHER, resolve_meter, resolve_side
from game.core.endings import thresholds
from game.core.orders import Rejected
from game.core.replay import Difference, ReplayError
from game.core.state import Change, month_index
from game.i18n import N_, PSEUDO, _, babel_locale, language, pgettext, pseudo
from game.models.bundle import Content
from game.models.content import (
    AgreementIs,
    AllOf,
    AnyOf,
    BelowFloor,
    DateIs,
    Ending,
    FlagIs,
    Goal,
    LastStance,
    LastTurn,
    MeterIs,
    Not,
    Signed,
    Source,
    TurnIs,
)
from game.persistence.format import Header

#: Words the rules name by id, marked for translation here and translated where shown.
AGREEMENT_WORDS = (N_("none"), N_("talks"), N_("signed"))
_AGREEMENT = AGREEMENT_WORDS
FRONT_WORDS = {"trade": N_("trade"), "migration": N_("migration"), "security": N_("security")}
STANCE_WORDS = {"cooperate": N_("cooperate"), "confront": N_("confront"),
                "domestic": N_("domestic"), "hold": N_("hold")}
CATEGORY_WORDS = {**FRONT_WORDS, "domestic": N_("domestic"), "diplomacy": N_("diplomacy")}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def modifier_text(label: str) -> str:
    """The name of an ongoing effect (a card's or a news's lasting change) in the
    language in use; the game keeps its English name, so a save reads in any language."""
    return pgettext("modifier", label)


def front_text(front: str) -> str:
    """A front's name in the language in use: `trade`, `comercio`."""
    return _(FRONT_WORDS.get(front, front))


def kind_code(kind: str) -> str:
    """An ending's kind in the last line of a terminal game, which scripts read: the
    kind's own code in English (compromise, collision, domestic_defeat, term_end)."""
    codes = {"compromise": pgettext("ending kind code", "compromise"),
             "collision": pgettext("ending kind code", "collision"),
             "domestic_defeat": pgettext("ending kind code", "domestic_defeat"),
             "term_end": pgettext("ending kind code", "term_end")}
    return codes.get(kind, kind)


def ending_words(record: dict[str, Any] | None, content: Content) -> tuple[str, str]:
    """The title and text of the ending a game reached (`state.ending`): the content's,
    the facilitator's end of the game, or the term simply running out."""
    record = record or {}
    ending = next((e for e in content.endings if e.id == record.get("id")), None)
    if ending is not None:
        return ending.title, ending.text
    if record.get("id") == "stopped":
        return (_("The facilitator ended the game"),
                _("The game stopped when this month was resolved, before the term was over."))
    return _("The term ends"), ""


def category_text(category: str) -> str:
    """A card category's name in the language in use: `diplomacy`, `diplomacia`."""
    return _(CATEGORY_WORDS.get(category, category))


def stance_text(stance: str) -> str:
    """A stance's name in the language in use: `cooperate`, `cooperar`."""
    return _(STANCE_WORDS.get(stance, stance))


def agreement_text(step: int) -> str:
    """An agreement's step in the language in use: `talks`, `en negociación`."""
    return _(AGREEMENT_WORDS[step])


def _dated(year: int, month: int, day: int | None = None) -> str:
    """A month or a day written as the language in use writes dates (Babel's CLDR data):
    `December 2018`, `diciembre de 2018`, `13 de diciembre de 2018`."""
    if language() in ("en", PSEUDO):
        name = MONTHS[month - 1]
        english = f"{day} {name} {year}" if day else f"{name} {year}"
        return pseudo(english) if language() == PSEUDO else english
    from datetime import date

    from babel.dates import format_skeleton

    return format_skeleton("yMMMMd" if day else "yMMMM", date(year, month, day or 1),
                           locale=babel_locale())


def short_month(month: str) -> str:
    """`Dec 2018` for a month written YYYY-MM (a chart's axis), as the language in use
    abbreviates it."""
    year, number_ = (int(part) for part in month.split("-")[:2])
    if language() in ("en", PSEUDO):
        english = f"{MONTHS[number_ - 1][:3]} {year}"
        return pseudo(english) if language() == PSEUDO else english
    from datetime import date

    from babel.dates import format_skeleton

    return format_skeleton("yMMM", date(year, number_, 1), locale=babel_locale())


def number(value: float, digits: int = 0) -> str:
    """`value` as the language in use writes numbers (Babel's CLDR data), with `digits`
    after the decimal mark: `1,234.5` in English and Mexican Spanish, `1.234,5` in Spain."""
    return _formatted(value, digits, percent=False)


def percent(share: float, digits: int = 1) -> str:
    """A share (0.5) as the language in use writes a percentage: `50.0%`."""
    return _formatted(share, digits, percent=True)


def _formatted(value: float, digits: int, percent: bool) -> str:
    from babel import Locale
    from babel.numbers import parse_pattern

    locale = Locale.parse(babel_locale())
    formats = locale.percent_formats if percent else locale.decimal_formats
    pattern = parse_pattern(formats[None].pattern)
    pattern.frac_prec = (digits, digits)
    return str(pattern.apply(value, locale))


def month_words(month: int) -> str:
    """`December 2018` for a month index (months since year 0)."""
    return _dated(month // 12, month % 12 + 1)


def date_words(date: str) -> str:
    """`5 May 2020`, `May 2020` or `2020` for a date written YYYY-MM-DD, YYYY-MM or YYYY."""
    parts = date.split("-")
    if len(parts) == 1:
        return parts[0]
    return _dated(int(parts[0]), int(parts[1]), int(parts[2]) if len(parts) > 2 else None)


def source_words(source: Source) -> str:
    """A source as a class needs it to find and judge it: `Title. Publisher, 5 May 2020`."""
    text = source.title.rstrip(".")
    if source.publisher:
        text += ". " + source.publisher
    if source.date:
        text += (", " if source.publisher else ". ") + date_words(source.date)
    if source.uncertain:
        text += " " + _("(its figures are disputed)")
    return text


def sources_text(ids: Iterable[str], content: Content) -> str:
    """The sources named by `ids`, in words, one after another; an id with no source in
    the content (which validate reports) is left out."""
    return "; ".join(source_words(content.sources[i]) for i in ids if i in content.sources)


def assumptions_markdown(content: Content) -> str:
    """The "About the model" page as Markdown (docs/assumptions.md is this, written out)."""
    lines = [f"# {_('About the model')}", "",
             _("What Unlikely Allies assumes and simplifies. It is written from the content "
               "packs (assumptions.yaml): a pack can add sections or replace them."), ""]
    for assumption in content.assumptions.values():
        lines += [f"## {assumption.heading}", "", assumption.text, ""]
        if assumption.sources:
            lines += [_("Sources: ") + sources_text(assumption.sources, content), ""]
    return "\n".join(lines)


def sentence(text: str) -> str:
    """`text` with a capital first letter and the rest as it is (`str.capitalize` would
    lower a card's title: "Card “Tariffs…”", not "Card “tariffs…”")."""
    return text[:1].upper() + text[1:]


def cause_text(cause: str, content: Content) -> str:
    """A cause code such as `card:amlo_x` in words a player understands."""
    kind, _sep, rest = cause.partition(":")
    if kind == "card":
        card = content.cards.get(rest)
        return _("card “{title}”").format(title=card.title if card else rest)
    if kind == "cost":
        card = content.cards.get(rest)
        return _("cost of “{title}”").format(title=card.title if card else rest)
    if kind == "event":
        event = content.events.get(rest)
        return _("news: {title}").format(title=event.title if event else rest)
    if kind == "inject":
        event = content.events.get(rest)
        return _("inject by the facilitator: {title}").format(title=event.title if event
                                                                else rest)
    if kind == "choice":
        event_id, _s, index = rest.partition(":")
        event = content.events.get(event_id)
        if event is not None and index.isdigit() and int(index) < len(event.choices):
            return _("decision: {label}").format(label=event.choices[int(index)].label)
        return _("decision on {event}").format(event=event_id)
    if kind == "interaction":
        if rest == "agreement":
            return _("both cooperated on the same front")
        if rest == "offer_answered":
            return _("last month's gesture was answered on its front")
        if rest == "talks_broken":
            return _("a confrontation broke off talks")
        for interaction in content.rules.interactions:
            if interaction.id == rest:
                return _("interaction: {title}").format(title=interaction.title)
        return rest
    if kind == "upkeep":
        return _("monthly capital income")
    if kind == "drift":
        if rest == "baseline":
            return _("polls drift toward their usual level")
        if rest == "ties":
            return _("trade and family ties pull a broken relationship back")
        return _("tension eases with time")
    if kind == "pressure":
        return _("pressure of the times (scenario)")
    if kind == "erosion":
        return _("high {front} tension erodes trust").format(front=rest)
    if kind == "rally":
        return _("his base rallies to toughness (polls below comfort)")
    if kind == "base":
        return _("his base wants toughness (polls below comfort)")
    if kind == "modifier":
        return _("ongoing: {label}").format(label=modifier_text(rest))
    if kind == "hold":
        return _("held: capital banked")
    return cause


def threshold_words(content: Content, endings: Iterable[Ending] | None = None,
                    ) -> tuple[str, str]:
    """How the endings' trust lines read: ("collision at 10", "compromise at 80 + 2 signed")
    (`endings`: a scenario's own, when known; else every ending)."""
    lines = thresholds(content.endings if endings is None else endings)
    collision = _("collision at {n}").format(n=lines.collision) if lines.collision is not None \
        else ""
    compromise = ""
    if lines.compromise is not None:
        compromise = (_("compromise at {n} + {k} signed").format(n=lines.compromise,
                                                                  k=lines.signed)
                      if lines.signed else _("compromise at {n}").format(n=lines.compromise))
    return collision, compromise


def goal_text(content: Content, endings: Iterable[Ending] | None = None) -> str:
    """The endings' trust lines as sentences, from content (`endings`: a scenario's own,
    when known; else every ending)."""
    lines = thresholds(content.endings if endings is None else endings)
    parts = []
    if lines.compromise is not None:
        if lines.at_end:
            parts.append(_("Trust {n} or more with {k} agreements signed at the end of the "
                           "term is compromise: you both win.").format(
                n=lines.compromise, k=lines.signed) if lines.signed else
                _("Trust {n} or more at the end of the term is compromise: you both "
                  "win.").format(n=lines.compromise))
        else:
            parts.append(_("Trust {n} or more with {k} agreements signed is compromise: you "
                           "both win.").format(n=lines.compromise, k=lines.signed)
                         if lines.signed else
                         _("Trust {n} or more is compromise: you both win.").format(
                             n=lines.compromise))
    if lines.collision is not None:
        parts.append(_("Trust {n} or less is collision: you both lose.").format(
            n=lines.collision))
    return " ".join(parts)


def goal_lines(content: Content, goals: Iterable[tuple[Goal, bool | None]],
               ) -> list[tuple[str, str, bool | None]]:
    """A scenario's goals as (whose, the goal, met): whose is a leader's short name or
    "Both"; met is None before the end."""
    out = []
    for goal, met in goals:
        whose = content.leaders[goal.side].short if goal.side else _("Both")
        out.append((whose, goal.text, met))
    return out


def goal_mark(met: bool | None) -> str:
    """How a goal is marked: met, missed, or still open."""
    return "-" if met is None else _("met") if met else _("missed")


def trust_interactions(content: Content) -> list[str]:
    """Interactions that happen only at some trust: "Escalation spiral (trust 30 or less)"."""
    out = []
    for interaction in content.rules.interactions:
        when = interaction.when
        if isinstance(when, MeterIs) and when.meter == "trust":
            if when.min is not None and when.max is None:
                band = _("trust {n} or more").format(n=when.min)
            elif when.max is not None and when.min is None:
                band = _("trust {n} or less").format(n=when.max)
            else:
                band = _("trust {a} to {b}").format(a=when.min, b=when.max)
            out.append(f"{interaction.title} ({band})")
    return out


def offer_text(offers: dict[str, str], front: str, viewer: str | None,
               content: Content) -> str | None:
    """What the standing offer on `front` (if any) means, said to `viewer`'s player."""
    for side, offered in offers.items():
        if offered != front:
            continue
        name = content.leaders[side].short
        if side == viewer:
            return _("Your gesture on {front} is open: {name} can answer it this month").format(
                name=content.leaders[OTHER[side]].short, front=front_text(front))
        return _("{name}'s gesture on {front} is open: cooperate on {front} to answer "
                 "it").format(name=name, front=front_text(front))
    return None


def answer_text(offers: dict[str, str], side: str, stance: str, front: str | None,
                content: Content) -> str | None:
    """For a card of `side`: the standing offer it would answer, in words."""
    other = OTHER[side]
    if stance != "cooperate" or front is None or offers.get(other) != front:
        return None
    return _("answers {name}'s gesture: the {front} agreement moves a step").format(
        name=content.leaders[other].short, front=front_text(front))


def meter_text(meter: str, content: Content) -> str:
    """A meter's name for players: `polls.amlo` → `AMLO polls`."""
    group, _s, who = meter.partition(".")
    if group in ("polls", "capital") and who in content.leaders:
        name = content.leaders[who].short
        return _("{name} polls").format(name=name) if group == "polls" else _(
            "{name} capital"
        ).format(name=name)
    if group == "tension":
        return _("{front} tension").format(front=front_text(who))
    if group == "agreement":
        return _("{front} agreement").format(front=front_text(who))
    return _("trust") if meter == "trust" else meter


def explain(changes: Iterable[Change], content: Content, arrow: str = "→") -> list[str]:
    """One line per change: `trust +6 (45 → 51) — interaction: Reciprocity`.

    `arrow` joins before and after (fonts without an arrow glyph pass a word).
    """
    lines = []
    for _turn, meter, delta, before, after, cause in changes:
        name = meter_text(meter, content)
        if meter.startswith("agreement."):
            lines.append(f"{name}: {agreement_text(before)} {arrow} {agreement_text(after)} — "
                         f"{cause_text(cause, content)}")
        else:
            lines.append(f"{name} {delta:+d} ({before} {arrow} {after}) — "
                         f"{cause_text(cause, content)}")
    return lines


#: How big a change looks when effects are shown as direction and size, not numbers.
EFFECT_STYLES = ("exact", "direction")


def size_marks(delta: int, up: str = "▲", down: str = "▼") -> str:
    """A change as direction and size: one mark up to 2 points, two up to 5, three
    beyond (`▲`, `▼▼`, ...)."""
    count = 1 if abs(delta) <= 2 else 2 if abs(delta) <= 5 else 3
    return (up if delta > 0 else down) * count


def effect_words(deltas: dict[str, int], content: Content, style: str = "exact",
                 marks: tuple[str, str] = ("▲", "▼"),
                 later: Iterable[tuple[str, int, int]] = ()) -> str:
    """A card's or option's meter changes: `trust +4, migration tension -8`, or with
    `style` "direction" `trust ▲▲, migration tension ▼▼▼` (the politics, not the sums);
    then what it does over the coming months (`later`: meter, change a month, months):
    `; then your polls -1 a month for 2 months`."""
    def amount(delta: int) -> str:
        return size_marks(delta, *marks) if style == "direction" else f"{delta:+d}"

    parts = [f"{meter_text(meter, content)} {amount(delta)}"
             for meter, delta in deltas.items() if delta]
    text = ", ".join(parts) if parts else _("no change now")
    ongoing = [_("{meter} {amount}/month for {n} months").format(
        meter=meter_text(meter, content), amount=amount(delta), n=turns)
        for meter, delta, turns in later if delta]
    if ongoing:
        text += "; " + _("then ") + ", ".join(ongoing)
    return text


@dataclass(frozen=True)
class EffectPart:
    """One change a card or option makes, as the window draws it: an arrow (`arrows` of
    them, pointing up if `rising`), the words, and whether it is good, bad or neither
    for the player (`tone`). A part with no arrows is a joining word ("then")."""

    words: str
    tone: str = "neutral"  # good | bad | neutral
    rising: bool = True
    arrows: int = 0


def tone(meter: str, delta: int, viewer: str | None) -> str:
    """Whether a change is good or bad for the leader `viewer` plays: trust and
    agreements up are good, tension up is bad, his own polls and capital up are good;
    the other leader's are neither."""
    if meter == "trust" or meter.startswith("agreement."):
        return "good" if delta > 0 else "bad"
    if meter.startswith("tension."):
        return "bad" if delta > 0 else "good"
    if viewer is not None and meter.endswith("." + viewer):
        return "good" if delta > 0 else "bad"
    return "neutral"


def effect_parts(deltas: dict[str, int], content: Content, style: str, viewer: str | None,
                 later: Iterable[tuple[str, int, int]] = ()) -> list[EffectPart]:
    """A card's or option's changes as parts to draw (see `effect_words` for the same in
    one line of text): `▲ trust +2`, `▼ migration tension -6`, then `▼ AMLO polls
    -1/month for 2 months`; with `style` "direction", the arrows say the size instead of
    a number (one up to 2 points, two up to 5, three beyond)."""
    def part(meter: str, delta: int, words: str) -> EffectPart:
        arrows = len(size_marks(delta)) if style == "direction" else 1
        return EffectPart(words, tone(meter, delta, viewer), delta > 0, arrows)

    def amount(delta: int) -> str:
        return "" if style == "direction" else f" {delta:+d}"

    parts = [part(meter, delta, meter_text(meter, content) + amount(delta))
             for meter, delta in deltas.items() if delta]
    if not parts:
        parts.append(EffectPart(_("no change now")))
    ongoing = [part(meter, delta, _("{meter}{amount}/month for {n} months").format(
        meter=meter_text(meter, content), amount=amount(delta), n=turns))
        for meter, delta, turns in later if delta]
    if ongoing:
        parts.append(EffectPart(_("then")))
        parts += ongoing
    return parts


def net_changes(changes: Iterable[Change]) -> dict[str, int]:
    """The net change of each meter over `changes`, in the order first changed (meters
    that came back to where they were left out)."""
    net: dict[str, int] = {}
    for _turn, meter, delta, _before, _after, _cause in changes:
        net[meter] = net.get(meter, 0) + delta
    return {meter: delta for meter, delta in net.items() if delta}


def preview_words(effects: list[Any], side: str, content: Content, style: str = "exact",
                  marks: tuple[str, str] = ("▲", "▼")) -> str:
    """What a card's or option's effects will do, now and over the coming months, as
    `side`'s player sees them (his own polls and capital without his name)."""
    from game.core.effects import timed_deltas

    now, later = timed_deltas(effects, side)
    text = effect_words(now, content, style, marks, later)
    for kind, yours in (("polls", _("your polls")), ("capital", _("your capital"))):
        text = text.replace(meter_text(f"{kind}.{side}", content), yours)
    return text


def grouped_changes(changes: Iterable[Change], content: Content, arrow: str = "→",
                    ) -> list[str]:
    """The changes grouped by cause, one line each, in the order they came:
    `card “Lift Retaliatory Tariffs”: trade tension -6, trust +2, AMLO polls -1`."""
    groups: dict[str, list[Change]] = {}
    for change in changes:
        groups.setdefault(change[5], []).append(change)
    return [f"{cause_text(cause, content)}: {change_words(group, content, arrow)}"
            for cause, group in groups.items()]


def change_words(changes: Iterable[Change], content: Content, arrow: str = "→") -> str:
    """Changes without their causes: `trust +3, AMLO polls -1` (an agreement:
    `trade agreement talks → signed`)."""
    parts = []
    for _turn, meter, delta, before, after, _cause in changes:
        if meter.startswith("agreement."):
            parts.append(f"{meter_text(meter, content)} {agreement_text(before)} {arrow} "
                         f"{agreement_text(after)}")
        else:
            parts.append(f"{meter_text(meter, content)} {delta:+d}")
    return ", ".join(parts)


def net_words(net: dict[str, int], content: Content) -> str:
    """Net changes of meters: `AMLO polls -2, trade tension -1`."""
    return ", ".join(f"{meter_text(meter, content)} {delta:+d}" for meter, delta in net.items())


def describe(cond: Any, side: str | None = None) -> str:
    """The condition in plain words, for 'why can't I play this?'."""
    if cond is None:
        return _("always")
    if isinstance(cond, AllOf):
        return _(" and ").join(describe(c, side) for c in cond.of)
    if isinstance(cond, AnyOf):
        return "(" + _(" or ").join(describe(c, side) for c in cond.of) + ")"
    if isinstance(cond, Not):
        return _("not ({inner})").format(inner=describe(cond.cond, side))
    if isinstance(cond, MeterIs):
        meter = resolve_meter(cond.meter, side)
        if cond.min is not None and cond.max is not None:
            return _("{meter} between {lo} and {hi}").format(meter=meter, lo=cond.min, hi=cond.max)
        if cond.min is not None:
            return _("{meter} at least {lo}").format(meter=meter, lo=cond.min)
        return _("{meter} at most {hi}").format(meter=meter, hi=cond.max)
    if isinstance(cond, FlagIs):
        flag = cond.flag.replace("_", " ")
        return _("'{flag}' in effect").format(flag=flag) if cond.set else _(
            "'{flag}' not in effect"
        ).format(flag=flag)
    if isinstance(cond, AgreementIs):
        return _("{front} agreement between {lo} and {hi}").format(
            front=cond.front, lo=cond.min, hi=cond.max
        )
    if isinstance(cond, TurnIs):
        return _("turn {lo} to {hi}").format(lo=cond.min or 1, hi=cond.max or _("end"))
    if isinstance(cond, DateIs):
        return _("from {a} until {b}").format(a=cond.from_ or _("start"), b=cond.until or _("end"))
    if isinstance(cond, LastStance):
        return _("{who} played {stance} last turn").format(
            who=resolve_side(cond.side, side), stance=cond.stance
        )
    if isinstance(cond, BelowFloor):
        return _("{who} below his floor for {n} turns").format(
            who=resolve_side(cond.side, side), n=cond.turns
        )
    if isinstance(cond, LastTurn):
        return _("the last turn")
    if isinstance(cond, Signed):
        return _("{n} agreements signed").format(n=cond.min)
    return str(cond)


def rejection_text(rejected: Rejected) -> str:
    """Why an order was refused, in words a player understands."""
    facts = rejected.facts
    code = rejected.code
    if code == "not_in_hand":
        return _("that card is not in your hand")
    if code == "cost":
        return _("needs {cost} capital, you have {have}").format(cost=facts["cost"],
                                                                 have=facts["have"])
    if code == "window":
        return _("only playable from {a} to {b}").format(
            a=facts.get("from") or _("start"), b=facts.get("until") or _("end"))
    if code == "requires":
        return _("needs {what}").format(what=describe(facts.get("condition"),
                                                      facts.get("side")))
    if code == "turn_begun":
        return _("the turn has already begun (phase: {phase})").format(phase=facts["phase"])
    if code == "no_decision":
        return _("there is no decision to make now")
    if code == "not_pending":
        return _("{side} has no decision to make on this event").format(side=facts["side"])
    if code == "no_option":
        return _("option {n} does not exist (1–{count})").format(n=facts["option"] + 1,
                                                                count=facts["count"])
    if code == "phase":
        return _("orders are not taken now (phase: {phase})").format(phase=facts["phase"])
    if code == "no_side":
        return _("no side called {side!r}").format(side=facts["side"])
    if code == "no_order":
        return _("no order from {side}").format(side=facts["side"])
    if code == "wrong_side":
        return _("the order given for {side} is {given}'s").format(side=facts["side"],
                                                                  given=facts["given"])
    if code == "no_event":
        return _("there is no event {event}").format(event=facts["event"])
    if code == "last_turn":
        return _("this is the last month: no news comes after it")
    return code


def replay_error_text(error: ReplayError) -> str:
    """Why a game's order log cannot be replayed, in words."""
    facts, turn = error.facts, error.turn
    if error.code == "after_end":
        return _("turn {turn}: an order after the game had ended").format(turn=turn)
    if error.code == "wrong_turn":
        return _("turn {turn}: an order for turn {turn} while the game is at turn {at}").format(
            turn=turn, at=facts["at"])
    if error.code == "unreadable":
        return _("turn {turn}: an unreadable order ({detail})").format(turn=turn,
                                                                      detail=facts["detail"])
    if error.code == "refused":
        why = rejection_text(facts["rejected"])
        if facts.get("side"):
            return _("turn {turn}: {side}'s decision — {why}").format(turn=turn,
                                                                      side=facts["side"], why=why)
        return _("turn {turn}: {why}").format(turn=turn, why=why)
    if error.code == "no_such_turn":
        return _("turn {turn} is not in this game (1–{last})").format(turn=turn,
                                                                     last=facts["last"])
    return _("turn {turn}: {code}").format(turn=turn, code=error.code)


def difference_text(difference: Difference) -> str:
    """Where a replay and its save part ways, in words."""
    if difference.what == "missing":
        where = _("the replay") if difference.replayed else _("the save")
        return _("{path}: only in {where}").format(path=difference.path, where=where)
    if difference.what == "length":
        return _("{path}: {a} items in the replay, {b} in the save").format(
            path=difference.path, a=difference.replayed, b=difference.saved)
    return f"{difference.path}: {difference.replayed!r} != {difference.saved!r}"


def saved_time(updated: str) -> str:
    """`2019-05-01 14:03` in local time for an ISO 8601 time stamp."""
    try:
        moment = datetime.fromisoformat(updated)
    except ValueError:
        return updated[:16].replace("T", " ")
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")


def save_name(label: str, stem: str) -> str:
    """The name a player knows a save by: its label ("Autosave" for autosaves), else
    its file's name without the extension."""
    if label == "autosave":
        return _("Autosave")
    return label or stem


def save_details(header: Header, content: Content | None) -> str:
    """Scenario, who led whom, turn and month of a save, and its ending when finished:
    `The full term · you led AMLO · turn 5, April 2019`."""
    scenario = content.scenarios.get(header.scenario) if content is not None else None
    parts = [scenario.title if scenario is not None else header.scenario]

    def leader(side: str) -> str:
        found = content.leaders.get(side) if content is not None else None
        return found.short if found is not None else side

    names = [leader(side) for side, player in header.sides.items() if player.kind == "human"]
    if len(names) == 1:
        parts.append(_("you led {leader}").format(leader=names[0]))
    elif names:
        parts.append(_("{a} and {b} both led by people").format(a=names[0], b=names[1]))
    else:
        parts.append(_("computer against computer"))
    try:
        month = month_words(month_index(header.month))
    except ValueError:
        month = header.month
    parts.append(_("turn {turn}, {month}").format(turn=header.turn, month=month))
    if header.ending is not None:
        ending = next((e for e in content.endings if e.id == header.ending), None) \
            if content is not None else None
        parts.append(_("ended: {title}").format(
            title=ending.title if ending is not None else header.ending))
    return " · ".join(parts)


def delete_question(name: str, file: str, backup: bool) -> tuple[str, str]:
    """The question before deleting a save called `name`, and what it means."""
    what = (_("The file {file} and its backup copy will be removed.") if backup
            else _("The file {file} will be removed."))
    return (_("Delete '{label}'? This cannot be undone.").format(label=name),
            what.format(file=file))


def damaged_words(kind: str, file: str) -> str:
    """Why a file in the save folder cannot be loaded, in a few words."""
    words = {"newer": _("{file} — made by a newer version, cannot be loaded"),
             "unreadable": _("{file} — cannot be read")}.get(
        kind, _("{file} — damaged, cannot be loaded"))
    return words.format(file=file)
