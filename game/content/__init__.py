"""Content packs: schemas, YAML loading with positions, diagnostics, merging.

Importing the package loads nothing heavy: the loader (YAML, every model) is
imported when content is first loaded, so commands that need no content, such
as `schema` or `--help`, start fast.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.content.loader import LoadResult


def load_game_content(extra: Sequence[Path] = (), check: bool = True) -> LoadResult:
    """Load the base pack then `extra` packs, in order, validating everything."""
    from game.content.loader import load_packs
    from game.paths import core_pack

    return load_packs([core_pack(), *extra], check=check)


__all__ = ["load_game_content"]
