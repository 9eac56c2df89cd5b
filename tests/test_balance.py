"""The balance report: its shape, and the same figures whatever the number of workers."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import threading
from typing import Any

import pytest

from game.balance import PAIRINGS, run_balance
from game.content import load_game_content
from game.models.bundle import Content

PAIRS = (("random vs random", "random", "random", None),
         ("greedy vs normal", "greedy", "normal", "amlo"))


def test_report_lists_pairings_cards_and_dead_content() -> None:
    content = load_game_content().content
    assert content is not None
    one = run_balance(content, "full_term", 16, seed=5, workers=1, pairings=PAIRS)
    for method in ("fork", "spawn"):
        two = run_balance(content, "full_term", 16, seed=5, workers=2, pairings=PAIRS,
                          start_method=method)
        for key in ("pairings", "cards", "events_never_fired", "endings_never_reached"):
            assert one[key] == two[key], (method, key)
    first = one["pairings"][0]
    assert first["games"] == 16 and sum(first["endings"].values()) == 16
    assert set(first["kinds"]) <= {"compromise", "collision", "domestic_defeat", "term_end"}
    assert one["pairings"][1]["compromise_above_floor"] is not None
    # Only what this scenario can reach counts as never seen: not the tariff showdown's
    # own decision or endings.
    assert "ev_showdown_threat" not in one["events_never_fired"]
    assert not any(e.startswith("showdown_") for e in one["endings_never_reached"])
    played = [c for c in one["cards"] if c["played"]]
    assert played and all(0 < c["play_rate"] <= 1 for c in played)


def test_balance_command_json_plays_the_pairings_asked_for() -> None:
    done = subprocess.run([sys.executable, "-m", "game", "balance", "--games", "4", "--json",
                           "--workers", "1", "--pairing", "random vs", "--pairing", "dove vs"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    names = [p["pairing"] for p in data["pairings"]]
    assert names == [p[0] for p in PAIRINGS if "random vs" in p[0] or "dove vs" in p[0]]
    assert {"random vs random", "dove vs dove", "dove vs hawk"} <= set(names)
    for pairing in data["pairings"]:
        for side in ("amlo", "trump"):
            figures = pairing["sides"][side]
            assert 0 <= figures["compromise_above_floor"] <= 1
            assert 0 <= figures["mean_final_polls"] <= 100
        assert 0 <= pairing["whole_term"] <= 1
        assert all(0 < share <= 1 for share in pairing["dated_events"].values())


def test_the_balance_plays_every_kind_of_player_against_normal_and_hard() -> None:
    names = {p[0] for p in PAIRINGS}
    for agent in ("dove", "hawk", "greedy", "lookahead"):
        for opponent in ("normal", "hard"):
            assert f"{agent} (AMLO) vs {opponent}" in names
            assert f"{opponent} vs {agent} (Trump)" in names
    assert {"dove vs dove", "hawk vs dove", "dove vs hawk", "hawk vs hawk"} <= names


def test_an_unknown_pairing_is_refused_with_the_list() -> None:
    done = subprocess.run([sys.executable, "-m", "game", "balance", "--games", "1",
                           "--pairing", "chess"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "no pairing's name contains 'chess'" in done.stderr
    assert "greedy vs greedy" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.slow
def test_the_balance_targets_hold_roughly_on_a_small_sample() -> None:
    """A guard against content changes that wreck the balance.

    The targets themselves are checked with `python -m game balance --games 2000`;
    on 500 games each share is allowed about three standard errors (six points) of
    slack, and every ending is still reached.
    """
    content = load_game_content().content
    assert content is not None
    report = run_balance(content, "full_term", 500, seed=3, workers=2)
    by_name = {p["pairing"]: p for p in report["pairings"]}

    def good(name: str, side: str) -> float:
        return float(by_name[name]["sides"][side]["compromise_above_floor"])

    def polls(name: str, side: str) -> float:
        return float(by_name[name]["sides"][side]["mean_final_polls"])

    slack = 0.06
    assert max(by_name["random vs random"]["kinds"].values()) <= 0.60 + slack
    greedy = by_name["greedy vs greedy"]["kinds"]
    assert greedy.get("collision", 0) >= 0.25 - slack, greedy
    assert greedy.get("compromise", 0) >= 0.15 - slack, greedy
    assert by_name["reciprocal vs reciprocal"]["kinds"].get("compromise", 0) >= 0.60 - slack
    for side, label in (("amlo", "AMLO"), ("trump", "Trump")):
        def name(agent: str, opponent: str, label: str = label, side: str = side) -> str:
            return (f"{agent} ({label}) vs {opponent}" if side == "amlo"
                    else f"{opponent} vs {agent} ({label})")

        for opponent in ("normal", "hard"):
            dove, hawk = good(name("dove", opponent), side), good(name("hawk", opponent), side)
            best = good(name("lookahead", opponent), side)
            assert dove <= 0.45 + slack and hawk <= 0.15 + slack, (side, opponent, dove, hawk)
            assert best >= 0.60 - slack and best - max(dove, hawk) >= 0.20 - slack, \
                (side, opponent, best)
        for agent in ("dove", "greedy", "lookahead"):
            assert good(name(agent, "hard"), side) < good(name(agent, "normal"), side) + 0.02, \
                (side, agent)
        assert polls(name("hawk", "hard"), side) < polls(name("hawk", "normal"), side)
    assert polls("hawk vs dove", "amlo") > polls("dove vs dove", "amlo")
    assert polls("dove vs hawk", "trump") > polls("dove vs dove", "trump")
    assert polls("dove vs hawk", "amlo") < polls("dove vs dove", "amlo")
    assert polls("hawk vs dove", "trump") < polls("dove vs dove", "trump")
    for pairing in ("lookahead (AMLO) vs normal", "normal vs lookahead (Trump)"):
        assert by_name[pairing]["median_turns"] >= 20
        assert by_name[pairing]["dated_events"].get("ev_pandemic", 0) >= 0.5
    assert report["endings_never_reached"] == []


def test_the_printed_report_shows_each_agents_play_rate_per_card() -> None:
    from game.balance import format_report

    content = load_game_content().content
    assert content is not None
    pairs = tuple(p for p in PAIRINGS if p[0] in (
        "random vs random", "greedy vs greedy", "reciprocal vs reciprocal",
        "lookahead (AMLO) vs normal", "dove vs hawk"))
    report = run_balance(content, "full_term", 6, seed=2, workers=1, pairings=pairs)
    text = format_report(report, content)
    header = next(line for line in text.splitlines() if line.strip().startswith("card "))
    agents = ("random", "greedy", "reciprocal", "lookahead", "dove", "hawk")
    for agent in agents:
        assert agent in header
    row = next(line for line in text.splitlines() if "Lift Steel Tariffs on Mexico" in line)
    cells = row.split()
    assert cells[-len(agents) - 3] == "trump", row
    assert all(c.endswith("%") or c == "-" for c in cells[-len(agents) - 2:-2]), row
    pairing = next(line for line in text.splitlines() if line.strip().startswith("dove vs hawk"))
    assert pairing.count("%") == 7, pairing  # four kinds, whole term, and each side's good


def test_the_printed_report_is_in_the_language_in_use(
        capsys: pytest.CaptureFixture[str]) -> None:
    """In Spanish the headings, the legends and the ending kinds are Spanish, and the
    columns still line up under their longer headings; the pairings keep the names typed
    after --pairing. The pseudo-language shows every sentence went through gettext."""
    from game import i18n
    from game.cli import main

    try:
        assert main(["--lang", "es", "balance", "--games", "2", "--workers", "1",
                     "--pairing", "dove vs dove"]) == 0
        text = capsys.readouterr().out
        lines = text.splitlines()
        assert lines[0].startswith("Balance de full_term: 2 partidas por emparejamiento")
        header = next(line for line in lines if line.strip().startswith("emparejamiento"))
        assert "compromiso" in header and "fin del mandato" in header
        row = next(line for line in lines if line.strip().startswith("dove vs dove"))
        assert len(row) == len(header), (header, row)
        assert "completas: partidas que llegaron al último mes" in text
        assert "games that reached the last month" not in text
        cards = next(line for line in lines if line.strip().startswith("carta "))
        assert cards.rstrip().endswith("aprobación confianza")
        assert "eventos que nunca ocurrieron:" in text

        assert main(["--lang", i18n.PSEUDO, "balance", "--games", "1", "--workers", "1",
                     "--pairing", "dove vs dove"]) == 0
        lines = capsys.readouterr().out.splitlines()
        for line in (lines[0], *(line for line in lines if line.startswith("  ⟦"))):
            assert line.strip().startswith(i18n.OPEN), line
        words = [line for line in lines if i18n.OPEN not in line and line.strip()]
        assert all(line.strip().startswith("dove vs dove") for line in words), words
    finally:
        i18n.set_translator(i18n.ENGLISH)



def _start_then_wait(which: str, content: Content, ready: Any) -> None:
    """A pool worker's start (simulate's or balance's), then a wait only a signal ends."""
    from game import balance, simulate

    if which == "simulate":
        simulate._start_worker(content, "full_term", "greedy", "greedy")
    else:
        balance._start_worker(content, "full_term")
    ready.set()
    threading.Event().wait()


@pytest.mark.parametrize("which", ["simulate", "balance"])
def test_a_worker_ends_when_its_pool_ends_it_even_with_a_window_open(which: str) -> None:
    """SDL catches SIGTERM while a window is open (to post a quit event), and a worker
    forked then inherits that: Pool.terminate would wait for it for ever. The workers'
    initializer gives SIGTERM back its default."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    pygame = pytest.importorskip("pygame")
    content = load_game_content().content
    assert content is not None
    pygame.init()
    try:
        pygame.display.set_mode((64, 64))
        ctx = multiprocessing.get_context("fork")
        ready = ctx.Event()
        child = ctx.Process(target=_start_then_wait, args=(which, content, ready),
                            daemon=True)
        child.start()
        assert ready.wait(60), "the worker did not start"
        child.terminate()
        child.join(60)
        ended = child.exitcode
        if ended is None:  # SIGTERM did not end it: end it for sure, then say so
            child.kill()
            child.join()
        assert ended == -signal.SIGTERM
    finally:
        pygame.quit()
