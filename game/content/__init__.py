"""Content packs: schemas, YAML loading with positions, diagnostics, merging."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from game.content.loader import LoadResult, load_packs


def load_game_content(extra: Sequence[Path] = (), check: bool = True) -> LoadResult:
    """Load the base pack then `extra` packs, in order, validating everything."""
    from game.paths import core_pack

    return load_packs([core_pack(), *extra], check=check)


__all__ = ["LoadResult", "load_game_content", "load_packs"]
