"""The balance report: its shape, and the same figures whatever the number of workers."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from game.balance import run_balance
from game.content import load_game_content

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
    played = [c for c in one["cards"] if c["played"]]
    assert played and all(0 < c["play_rate"] <= 1 for c in played)


def test_balance_command_json() -> None:
    done = subprocess.run([sys.executable, "-m", "game", "balance", "--games", "4", "--json",
                           "--workers", "1"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert len(data["pairings"]) == 7
    assert {p["pairing"] for p in data["pairings"]} >= {"random vs random", "greedy vs greedy"}


@pytest.mark.slow
def test_the_balance_targets_hold_roughly_on_a_small_sample() -> None:
    """A guard against content changes that wreck the balance.

    The targets themselves are checked with `python -m game balance --games 2000`;
    on 500 games each figure is allowed about three standard errors of slack, and the
    rarest ending (a leader losing his base, under 1% of games) is still reached.
    """
    content = load_game_content().content
    assert content is not None
    report = run_balance(content, "full_term", 500, seed=3, workers=2)
    by_name = {p["pairing"]: p for p in report["pairings"]}
    assert max(by_name["random vs random"]["kinds"].values()) <= 0.67
    greedy = by_name["greedy vs greedy"]["kinds"]
    assert greedy.get("collision", 0) >= 0.18 and greedy.get("compromise", 0) >= 0.10, greedy
    assert by_name["reciprocal vs reciprocal"]["kinds"].get("compromise", 0) >= 0.55
    for skilled, novice in (("lookahead (AMLO) vs normal", "random (AMLO) vs normal"),
                            ("normal vs lookahead (Trump)", "normal vs random (Trump)")):
        good = by_name[skilled]["compromise_above_floor"]
        assert good >= 0.35 and good > by_name[novice]["compromise_above_floor"], skilled
    assert all(p["median_turns"] >= 12 for p in report["pairings"])
    assert report["endings_never_reached"] == []


def test_the_printed_report_shows_each_agents_play_rate_per_card() -> None:
    from game.balance import format_report

    content = load_game_content().content
    assert content is not None
    report = run_balance(content, "full_term", 6, seed=2, workers=1)
    text = format_report(report, content)
    header = next(line for line in text.splitlines() if line.strip().startswith("card "))
    for agent in ("random", "greedy", "reciprocal", "lookahead"):
        assert agent in header
    row = next(line for line in text.splitlines() if "Lift Steel Tariffs on Mexico" in line)
    assert row.split()[-7] == "trump" and row.split()[-6].endswith("%"), row
