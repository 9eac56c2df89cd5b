"""A game told in sentences: why the numbers moved, how each leader stands at the end, the
largest swings and the game beside history.

The window's end screen and "Why?" overlay and the server's seat views (which the browser
seat draws) say these the same way, in the reader's language, from here.
"""

from __future__ import annotations

from game.core.state import SIDES, GameState
from game.core.turn import STOPPED
from game.i18n import N_, _, ngettext
from game.models.bundle import Content
from game.report.summary import beside_history, largest_swings
from game.wording import agreement_text, cause_text, date_words, meter_text, sentence

#: Each kind of ending, as a heading.
KIND_WORDS = {
    "compromise": N_("Compromise"),
    "collision": N_("Collision"),
    "domestic_defeat": N_("A leader loses his base"),
    "term_end": N_("The term ends"),
}


def kind_words(kind: str) -> str:
    """An ending's kind as a heading ("Compromise")."""
    return _(KIND_WORDS[kind]) if kind in KIND_WORDS else kind


def ending_heading(state: GameState) -> str:
    """How an ended game is headed: `Compromise, month 24`, or ended by the facilitator."""
    record = state.ending or {}
    kind = (_("Ended by the facilitator") if record.get("id") == STOPPED
            else kind_words(str(record.get("kind", "term_end"))))
    return _("{kind}, month {t}").format(kind=kind, t=record.get("turn", state.turn))


def why_lines(state: GameState, content: Content, meter: str | None = None) -> list[str]:
    """Every change since the start of last turn (of one `meter`, if given), one line per
    turn and cause: `Turn 3, card “…”: trust -4 (to 55), AMLO polls +1 (to 61)`."""
    previous_turn = max(1, state.turn - 1)
    lines: list[str] = []
    last = None
    for turn, name, delta, _before, after, cause in state.ledger:
        if turn < previous_turn or (meter is not None and name != meter):
            continue
        label = meter_text(name, content)
        part = (f"{label} {_('to')} {agreement_text(after)}"
                if name.startswith("agreement.") else f"{label} {delta:+d} ({_('to')} {after})")
        if (turn, cause) == last:
            lines[-1] += f", {part}"
        else:
            lines.append(_("Turn {t}, {cause}: {part}").format(
                t=turn, cause=cause_text(cause, content), part=part))
            last = (turn, cause)
    return lines


def standing_lines(state: GameState, content: Content,
                   you: str | None = None) -> list[tuple[str, bool]]:
    """Each leader's polls against his floor at the end (and whether he stands above it),
    then the relationship: trust and agreements signed."""
    record = state.ending or {}
    lines = []
    for side in SIDES:
        leader = content.leaders[side]
        value = record.get("standing", {}).get(side, 0)
        mark = _(" (you)") if side == you else ""
        lines.append((_("{name}{mark}: polls {p}, {v:+d} against his floor of {f}").format(
            name=leader.short, mark=mark, p=state.meters[f"polls.{side}"], v=value,
            f=leader.floor), value >= 0))
    signed = sum(1 for v in state.agreements.values() if v >= 2)
    lines.append((ngettext("Relationship: trust {t}, {s} agreement signed",
                           "Relationship: trust {t}, {s} agreements signed", signed).format(
        t=state.meters["trust"], s=signed), True))
    return lines


def beside_lines(state: GameState, content: Content, limit: int = 3) -> list[str]:
    """The game's news that stands for real moments, each beside what really happened:
    `limit` of them, spread over the whole game (its first, its last, and between)."""
    out = []
    every = beside_history(state, dict(content.history), limit=None)
    if len(every) > limit > 1:
        every = [every[round(n * (len(every) - 1) / (limit - 1))] for n in range(limit)]
    for moment in every[:limit]:
        event = content.events.get(moment.event)
        out.append(sentence(_("{month} in your game: {title} — in reality ({date}): {text}")
                            .format(month=date_words(moment.game_month),
                                    title=event.title if event else moment.event,
                                    date=date_words(moment.real_date), text=moment.text)))
    return out


def swing_lines(state: GameState, content: Content, count: int = 3) -> list[tuple[str, str]]:
    """The `count` largest swings: (`Turn 7 (June 2019): trust -12`, their main causes)."""
    out = []
    for swing in largest_swings(state, count):
        month = state.log[swing.turn - 1]["month"]
        causes = "; ".join(f"{cause_text(c, content)} {d:+d}" for c, d in swing.causes[:2])
        out.append((_("Turn {t} ({m}): {meter} {d:+d}").format(
            t=swing.turn, m=date_words(month), meter=meter_text(swing.meter, content),
            d=swing.delta), causes))
    return out

