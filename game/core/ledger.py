"""The ledger: every change to every meter with its cause, and how to explain it."""

from __future__ import annotations

from collections.abc import Iterable

from game.core.conditions import OTHER
from game.core.state import Change
from game.i18n import _
from game.models.bundle import Content
from game.models.content import MeterIs

_AGREEMENT = ("none", "talks", "signed")


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
            return _("a standing offer was answered on its front")
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
        return _("the base rallies behind toughness (polls below comfort)")
    if kind == "base":
        return _("the base demands toughness (polls below comfort)")
    if kind == "modifier":
        return _("ongoing: {label}").format(label=rest)
    if kind == "hold":
        return _("held: capital banked")
    return cause


def threshold_words(content: Content) -> tuple[str, str]:
    """How the endings' trust lines read: ("collision at 10", "compromise at 80 + 2 signed")."""
    from game.core.endings import thresholds

    lines = thresholds(content.endings)
    collision = _("collision at {n}").format(n=lines.collision) if lines.collision is not None \
        else ""
    compromise = ""
    if lines.compromise is not None:
        compromise = (_("compromise at {n} + {k} signed").format(n=lines.compromise,
                                                                  k=lines.signed)
                      if lines.signed else _("compromise at {n}").format(n=lines.compromise))
    return collision, compromise


def goal_text(content: Content) -> str:
    """The endings' trust lines as sentences, from content."""
    from game.core.endings import thresholds

    lines = thresholds(content.endings)
    parts = []
    if lines.compromise is not None:
        parts.append(_("Trust {n} or more with {k} agreements signed is compromise: you both "
                       "win.").format(n=lines.compromise, k=lines.signed) if lines.signed else
                     _("Trust {n} or more is compromise: you both win.").format(
                         n=lines.compromise))
    if lines.collision is not None:
        parts.append(_("Trust {n} or less is collision: you both lose.").format(
            n=lines.collision))
    return " ".join(parts)


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
            return _("Your offer stands: {name} can answer it on {front} this month").format(
                name=content.leaders[OTHER[side]].short, front=_(front))
        return _("{name}'s offer stands: cooperate on {front} to answer it").format(
            name=name, front=_(front))
    return None


def answer_text(offers: dict[str, str], side: str, stance: str, front: str | None,
                content: Content) -> str | None:
    """For a card of `side`: the standing offer it would answer, in words."""
    other = OTHER[side]
    if stance != "cooperate" or front is None or offers.get(other) != front:
        return None
    return _("Answers {name}'s standing offer: the {front} agreement moves a step").format(
        name=content.leaders[other].short, front=_(front))


def meter_text(meter: str, content: Content) -> str:
    """A meter's name for players: `polls.amlo` → `AMLO polls`."""
    group, _s, who = meter.partition(".")
    if group in ("polls", "capital") and who in content.leaders:
        name = content.leaders[who].short
        return _("{name} polls").format(name=name) if group == "polls" else _(
            "{name} capital"
        ).format(name=name)
    if group == "tension":
        return _("{front} tension").format(front=who)
    if group == "agreement":
        return _("{front} agreement").format(front=who)
    return _("trust") if meter == "trust" else meter


def explain(changes: Iterable[Change], content: Content, arrow: str = "→") -> list[str]:
    """One line per change: `trust +6 (45 → 51) — interaction: Reciprocity`.

    `arrow` joins before and after (fonts without an arrow glyph pass a word).
    """
    lines = []
    for _turn, meter, delta, before, after, cause in changes:
        name = meter_text(meter, content)
        if meter.startswith("agreement."):
            lines.append(f"{name}: {_AGREEMENT[before]} {arrow} {_AGREEMENT[after]} — "
                         f"{cause_text(cause, content)}")
        else:
            lines.append(f"{name} {delta:+d} ({before} {arrow} {after}) — "
                         f"{cause_text(cause, content)}")
    return lines
