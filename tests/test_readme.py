"""The README's two commands are the ones CI runs."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLAY = "python3 -m venv .venv && . .venv/bin/activate && pip install -e . && python -m game\n"
TEST = ("python3 -m venv .venv && . .venv/bin/activate && pip install -e '.[test]' "
        "&& pytest")


def test_readme_starts_with_the_two_commands() -> None:
    head = (ROOT / "README.md").read_text(encoding="utf-8")[:1500]
    assert PLAY in head
    assert TEST in head


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert TEST in ci
    assert "python -m game validate" in ci
