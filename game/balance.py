"""The balance report: agent pairings over many seeded games, per-card play, dead content.

Each pairing plays the same seeds, so skill comparisons (lookahead against
random, facing the same opponent) are fair. Work is split over processes;
results are gathered in game order, so the report does not depend on the
number of workers. Workers get the content through their initializer, so the
report is the same under every start method (fork, spawn, forkserver).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from game.ai.agents import Agent, make_agent
from game.core.orders import ChooseOption, Order, PlayCard
from game.core.rng import derive_seed
from game.core.state import GameState
from game.core.turn import Engine
from game.i18n import N_, _
from game.models.bundle import Content
from game.session import play_out

#: (name, AMLO's player, Trump's player, side whose skill is measured or None).
Pairing = tuple[str, str, str, str | None]


def _measured(agent: str, side: str, opponent: str) -> Pairing:
    """`agent` playing `side` against the difficulty `opponent`."""
    if side == "amlo":
        return (f"{agent} (AMLO) vs {opponent}", agent, opponent, "amlo")
    return (f"{opponent} vs {agent} (Trump)", opponent, agent, "trump")


#: Every pairing the report plays: the symmetric pairs, then each kind of player on
#: each side against the normal and hard opponents, then the pure strategies against
#: each other (does confronting a cooperator pay at home, and being exploited cost?).
PAIRINGS: tuple[Pairing, ...] = (
    ("random vs random", "random", "random", None),
    ("greedy vs greedy", "greedy", "greedy", None),
    ("reciprocal vs reciprocal", "reciprocal", "reciprocal", None),
    *(_measured(agent, side, opponent)
      for side in ("amlo", "trump")
      for agent in ("lookahead", "greedy", "dove", "hawk", "random")
      for opponent in ("normal", "hard")
      if not (agent == "random" and opponent == "hard")),
    ("dove vs dove", "dove", "dove", None),
    ("hawk vs dove", "hawk", "dove", None),
    ("dove vs hawk", "dove", "hawk", None),
    ("hawk vs hawk", "hawk", "hawk", None),
)


#: The rules a worker process plays, set once by `_start_worker` in that process.
_engine: Engine | None = None


@dataclass
class Tally:
    """What a batch of games found; tallies add up."""

    games: int = 0
    endings: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    turns: list[int] = field(default_factory=list)
    #: Per side: games ending in compromise with that side's polls above his floor.
    good: Counter[str] = field(default_factory=Counter)
    polls: Counter[str] = field(default_factory=Counter)  # final polls added up, per side
    whole_term: int = 0  # games that reached the scenario's last month
    dated: Counter[str] = field(default_factory=Counter)  # games in which each dated event fired
    cards: dict[tuple[str, str], list[float]] = field(
        default_factory=dict
    )  # (agent kind, card) → [available, played, own polls change, trust change]
    events: Counter[str] = field(default_factory=Counter)

    def add(self, other: Tally) -> None:
        """Add another tally to this one."""
        self.games += other.games
        self.endings.update(other.endings)
        self.kinds.update(other.kinds)
        self.turns.extend(other.turns)
        self.good.update(other.good)
        self.polls.update(other.polls)
        self.whole_term += other.whole_term
        self.dated.update(other.dated)
        for key, values in other.cards.items():
            mine = self.card(key)
            for i, v in enumerate(values):
                mine[i] += v
        self.events.update(other.events)

    def card(self, key: tuple[str, str]) -> list[float]:
        """The counters of one card for one agent kind."""
        found = self.cards.get(key)
        if found is None:
            found = self.cards[key] = [0.0, 0.0, 0.0, 0.0]
        return found


class _Recorder:
    """Wraps an agent to count which cards it could play and which it played."""

    def __init__(self, agent: Agent, tally: Tally) -> None:
        self.agent = agent
        self.tally = tally
        self.kind = agent.kind

    def choose_option(self, engine: Engine, state: GameState) -> ChooseOption:
        return self.agent.choose_option(engine, state)

    def choose_order(self, engine: Engine, state: GameState) -> Order:
        order = self.agent.choose_order(engine, state)
        for legal in engine.legal_orders(state, self.agent.side):
            if isinstance(legal, PlayCard):
                self.tally.card((self.kind, legal.card))[0] += 1
        if isinstance(order, PlayCard):
            self.tally.card((self.kind, order.card))[1] += 1
        return order


def _play(engine: Engine, seed: int, amlo: str, trump: str, tally: Tally) -> None:
    players = {
        "amlo": _Recorder(make_agent(amlo, "amlo", engine), tally),
        "trump": _Recorder(make_agent(trump, "trump", engine), tally),
    }
    state = play_out(engine, engine.new_game(seed), players)  # type: ignore[arg-type]
    fired = {news["event"] for r in state.log for news in r["news"]}
    tally.events.update(fired)
    tally.dated.update(e for e in fired if engine.events[e].event.date is not None)
    ending = state.ending or {"id": "none", "kind": "none", "standing": {}}
    tally.games += 1
    tally.endings[str(ending["id"])] += 1
    tally.kinds[str(ending["kind"])] += 1
    tally.turns.append(state.turn)
    tally.whole_term += state.turn >= engine.turns
    for one in ("amlo", "trump"):
        tally.polls[one] += state.meters[f"polls.{one}"]
        if ending["kind"] == "compromise" and ending["standing"].get(one, -1) > 0:
            tally.good[one] += 1
    for _turn, meter, delta, _b, _a, cause in state.ledger:
        if cause.startswith("card:"):
            card = cause[5:]
            owner = "amlo" if card in engine.cards["amlo"] else "trump"
            key = (players[owner].kind, card)
            if meter == f"polls.{owner}":
                tally.card(key)[2] += delta
            elif meter == "trust":
                tally.card(key)[3] += delta


Task = tuple[int, int, int, str, str]


def play_chunk(engine: Engine, task: Task) -> Tally:
    """Games `start` to `stop` of one pairing, seeded from `base`, in one tally."""
    base, start, stop, amlo, trump = task
    tally = Tally()
    for i in range(start, stop):
        _play(engine, derive_seed(base, i), amlo, trump, tally)
    return tally


def _start_worker(content: Content, scenario: str) -> None:
    """Initializer of a worker process: compile the rules once for all its chunks; it
    dies when the pool ends it, and leaves Ctrl+C to the parent (see
    game.simulate._start_worker)."""
    global _engine
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _engine = Engine(content, scenario)


def _chunk(task: Task) -> Tally:
    if _engine is None:
        raise RuntimeError("a balance worker ran without its initializer")
    return play_chunk(_engine, task)


def run_balance(
    content: Content,
    scenario: str,
    games: int,
    seed: int = 1,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    pairings: tuple[Pairing, ...] = PAIRINGS,
    start_method: str | None = None,
) -> dict[str, Any]:
    """Play every pairing `games` times; the report as JSON-ready data.

    `start_method` picks how worker processes start (None: the platform's default).
    """
    started = time.perf_counter()
    engine = Engine(content, scenario)
    workers = max(1, workers or os.cpu_count() or 1)
    chunk = max(1, min(100, games // (workers * 2) or 1))
    total = games * len(pairings)
    done = 0
    results: dict[str, Tally] = {}
    pool = None
    if workers > 1:
        ctx = multiprocessing.get_context(start_method)
        pool = ctx.Pool(workers, initializer=_start_worker, initargs=(content, scenario))
    try:
        for name, amlo, trump, _side in pairings:
            tasks: list[Task] = [(seed, i, min(games, i + chunk), amlo, trump)
                                 for i in range(0, games, chunk)]
            tally = Tally()
            parts = pool.imap(_chunk, tasks) if pool is not None else (
                play_chunk(engine, task) for task in tasks)
            for part in parts:
                tally.add(part)
                done += part.games
                if progress:
                    progress(done, total)
            results[name] = tally
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    return _report(content, engine, scenario, games, seed, results,
                   time.perf_counter() - started, pairings)


def _report(content: Content, engine: Engine, scenario: str, games: int, seed: int,
            results: dict[str, Tally], seconds: float,
            pairings: tuple[Pairing, ...]) -> dict[str, Any]:
    everything = Tally()
    for tally in results.values():
        everything.add(tally)
    pair_out = []
    for name, amlo, trump, side in pairings:
        t = results[name]
        turns = sorted(t.turns)
        pair_out.append({
            "pairing": name, "amlo": amlo, "trump": trump, "games": t.games,
            "kinds": {k: round(v / t.games, 4) for k, v in sorted(t.kinds.items())},
            "endings": dict(sorted(t.endings.items())),
            "mean_turns": round(sum(turns) / len(turns), 2),
            "median_turns": turns[len(turns) // 2],
            "measured_side": side,
            "compromise_above_floor": round(t.good[side] / t.games, 4) if side else None,
            "sides": {one: {"compromise_above_floor": round(t.good[one] / t.games, 4),
                            "mean_final_polls": round(t.polls[one] / t.games, 2)}
                      for one in ("amlo", "trump")},
            "whole_term": round(t.whole_term / t.games, 4),
            "dated_events": {e: round(t.dated[e] / t.games, 4) for e in sorted(t.dated)},
        })
    cards = []
    for (kind, card_id), (available, played, polls, trust) in sorted(everything.cards.items()):
        cards.append({
            "agent": kind, "card": card_id, "available": int(available), "played": int(played),
            "play_rate": round(played / available, 4) if available else None,
            "mean_polls": round(polls / played, 2) if played else None,
            "mean_trust": round(trust / played, 2) if played else None,
        })
    events = sorted(e for e in engine.possible_events if everything.events[e] == 0)
    endings = sorted(e.id for e in engine.scenario_endings if everything.endings[e.id] == 0)
    return {
        "scenario": scenario, "games": games, "seed": seed, "seconds": round(seconds, 1),
        "pairings": pair_out, "cards": cards,
        "events_never_fired": events, "endings_never_reached": endings,
    }


#: The ending kinds, in the columns of the pairings' table: a heading for each.
KIND_HEADINGS = {
    "compromise": N_("compromise"),
    "collision": N_("collision"),
    "domestic_defeat": N_("lost base"),
    "term_end": N_("term end"),
}


def _width(least: int, heading: str) -> int:
    """A right-aligned column's width: `least`, or wider for a longer (translated)
    heading, with a space before it."""
    return max(least, len(heading) + 1)


def format_report(report: dict[str, Any], content: Content) -> str:
    """The report as readable tables, in the language in use. Agents' names and the
    pairings' names stay as typed on the command line (`--pairing "vs hard"`)."""
    lines = [_("Balance of {scenario}: {games} games per pairing, seed {seed}, {seconds} s")
             .format(scenario=report["scenario"], games=report["games"], seed=report["seed"],
                     seconds=report["seconds"]), ""]
    pairing, median = _("pairing"), _("median t")
    whole, good, polls = _("whole"), _("good"), _("polls")
    amlo_good, trump_good = _("AMLO good"), _("Trump good")
    kinds = {kind: _(word) for kind, word in KIND_HEADINGS.items()}
    name_w = max(30, len(pairing) + 2, *(len(p["pairing"]) + 2 for p in report["pairings"]))
    kind_w = {kind: _width(11, word) for kind, word in kinds.items()}
    median_w, whole_w, polls_w = _width(9, median), _width(7, whole), _width(6, polls)
    amlo_w, trump_w = _width(10, amlo_good), _width(11, trump_good)
    lines.append(f"  {pairing:<{name_w}}"
                 + "".join(f"{word:>{kind_w[kind]}}" for kind, word in kinds.items())
                 + f"{median:>{median_w}}{whole:>{whole_w}}{amlo_good:>{amlo_w}}"
                 + f"{polls:>{polls_w}}{trump_good:>{trump_w}}{polls:>{polls_w}}")
    for p in report["pairings"]:
        sides = p["sides"]
        lines.append(f"  {p['pairing']:<{name_w}}" + "".join(
            f"{p['kinds'].get(k, 0):>{kind_w[k]}.1%}" for k in kinds)
            + f"{p['median_turns']:>{median_w}}{p['whole_term']:>{whole_w}.0%}"
            + f"{sides['amlo']['compromise_above_floor']:>{amlo_w}.1%}"
            + f"{sides['amlo']['mean_final_polls']:>{polls_w}.1f}"
            + f"{sides['trump']['compromise_above_floor']:>{trump_w}.1%}"
            + f"{sides['trump']['mean_final_polls']:>{polls_w}.1f}")
    lines.append("  " + _("{whole}: games that reached the last month; {good}: compromise "
                          "with that leader's polls above his floor; {polls}: his mean final "
                          "polls").format(whole=whole, good=good, polls=polls))
    lines.append("")
    lines.extend(_card_table(report, content))
    lines.append("")
    none = _("none")
    lines.append("  " + _("events never fired: {events}").format(
        events=", ".join(report["events_never_fired"]) or none))
    lines.append("  " + _("endings never reached: {endings}").format(
        endings=", ".join(report["endings_never_reached"]) or none))
    return "\n".join(lines)


def format_comparison(base: dict[str, Any], modded: dict[str, Any]) -> str:
    """The ending rates of the base game beside those with the packs, pairing by pairing:
    the same seeds, so a difference is the packs' doing (or chance, for few games)."""
    kinds = {kind: _(word) for kind, word in KIND_HEADINGS.items()}
    pairing = _("pairing")
    name_w = max(30, len(pairing) + 2, *(len(p["pairing"]) + 2 for p in modded["pairings"]))
    cell_w = {kind: _width(16, word) for kind, word in kinds.items()}
    lines = [_("The packs' effect on the ending rates, in % of games: the base game → with "
               "the packs ({games} games per pairing, the same seeds)").format(
                   games=modded["games"]),
             f"  {pairing:<{name_w}}" + "".join(f"{w:>{cell_w[k]}}" for k, w in kinds.items())]
    before = {p["pairing"]: p for p in base["pairings"]}
    for p in modded["pairings"]:
        old = before.get(p["pairing"])
        if old is None:
            continue
        cells = []
        for kind in kinds:
            a, b = old["kinds"].get(kind, 0) * 100, p["kinds"].get(kind, 0) * 100
            cells.append(f"{f'{a:.1f} → {b:.1f}':>{cell_w[kind]}}")
        lines.append(f"  {p['pairing']:<{name_w}}" + "".join(cells))
    return "\n".join(lines)


AGENT_ORDER = ("random", "greedy", "reciprocal", "lookahead", "dove", "hawk")


def _card_table(report: dict[str, Any], content: Content) -> list[str]:
    """Per card: each agent's play rate when it could play it, and the mean effect of a play."""
    by_card: dict[str, dict[str, dict[str, Any]]] = {}
    for row in report["cards"]:
        by_card.setdefault(row["card"], {})[row["agent"]] = row
    agents = [a for a in AGENT_ORDER if any(a in rows for rows in by_card.values())]
    agents += sorted({a for rows in by_card.values() for a in rows} - set(agents))
    card_word, side_word = _("card"), _("side")
    polls, trust = _("polls"), _("trust")
    side_w, polls_w, trust_w = _width(6, side_word), _width(7, polls), _width(7, trust)
    lines = ["  " + _("Play rate: plays / months the agent could have played the card "
                      "('-': never could)."),
             "  " + _("{polls} (the player's own) and {trust}: the mean change a play made, "
                      "over all agents.").format(polls=polls, trust=trust),
             f"  {card_word:<36}{side_word:>{side_w}}" + "".join(f"{a[:10]:>11}" for a in agents)
             + f"{polls:>{polls_w}}{trust:>{trust_w}}"]
    order = [c.id for side in ("amlo", "trump") for c in content.cards_for(side)]
    order += sorted(set(by_card) - set(order))
    for card_id in order:
        rows = by_card.get(card_id)
        if not rows:
            continue
        card = content.cards.get(card_id)
        title = card.title if card is not None else card_id
        side = card.side if card is not None else "?"
        rates = []
        for agent in agents:
            row = rows.get(agent)
            rates.append(f"{row['play_rate']:.0%}" if row and row["play_rate"] is not None
                         else "-")
        played = sum(r["played"] for r in rows.values())
        polls_sum = sum((r["mean_polls"] or 0) * r["played"] for r in rows.values())
        trust_sum = sum((r["mean_trust"] or 0) * r["played"] for r in rows.values())
        effect = (f"{polls_sum / played:>+{polls_w}.1f}{trust_sum / played:>+{trust_w}.1f}"
                  if played else f"{'-':>{polls_w}}{'-':>{trust_w}}")
        lines.append(f"  {title[:35]:<36}{side:>{side_w}}" + "".join(f"{r:>11}" for r in rates)
                     + effect)
    return lines
