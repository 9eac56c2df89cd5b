"""`validate --watch`: check the packs again each time one of their files is saved.

Files are compared by size and modification time, read every half second: no
dependency, and the same on every system. A pack of thousands of files is looked at
only as far as `MAX_FILES`.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path

#: Most files looked at in the watched folders.
MAX_FILES = 5_000
#: Seconds between two looks at the files.
INTERVAL = 0.5

Stamp = tuple[tuple[str, int, int], ...]


def stamp(folders: Sequence[Path]) -> Stamp:
    """The name, size and modification time of every file of `folders`."""
    found: list[tuple[str, int, int]] = []
    for folder in folders:
        for root, dirs, names in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(names):
                path = os.path.join(root, name)
                try:
                    info = os.stat(path)
                except OSError:  # removed while looking, or a broken link
                    continue
                found.append((path, info.st_size, info.st_mtime_ns))
                if len(found) >= MAX_FILES:
                    return tuple(found)
    return tuple(found)


def watch(folders: Sequence[Path], check: Callable[[], object],
          pause: Callable[[float], object] = time.sleep,
          running: Callable[[], bool] = lambda: True) -> None:
    """Run `check` now, then again after each change to the files of `folders`, while
    `running()`; `pause` waits between two looks (tests pass their own)."""
    last = stamp(folders)
    check()
    while running():
        pause(INTERVAL)
        now = stamp(folders)
        if now != last:
            last = now
            check()
