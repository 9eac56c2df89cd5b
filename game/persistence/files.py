"""Where saves live and how files are written so that none is ever lost.

Kept free of pydantic so that the window can open before the save format loads.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from game.paths import user_data_dir

APP_DIR = "unlikely-allies"
SUFFIX = ".json"
BACKUP = ".bak"


SAVE_DIR_VARIABLE = "UNLIKELY_ALLIES_SAVE_DIR"


def default_save_dir() -> Path:
    """Where saves go: $UNLIKELY_ALLIES_SAVE_DIR if set (a class share, say), else
    `saves/` of the checkout when run from one, else the per-user data folder."""
    from game.paths import checkout_root

    chosen = os.environ.get(SAVE_DIR_VARIABLE)
    if chosen:
        return Path(chosen).expanduser()
    root = checkout_root()
    if root is not None:
        return root / "saves"
    return user_data_dir() / "saves"


# -------------------------------------------------------------------------- writing


def encode(save: dict[str, Any]) -> bytes:
    """The bytes of a save: the header pretty-printed first, the body compact."""
    header = json.dumps(save["header"], indent=1, ensure_ascii=False, sort_keys=True)
    state = json.dumps(save["state"], separators=(",", ":"), ensure_ascii=False)
    orders = json.dumps(save["orders"], separators=(",", ":"), ensure_ascii=False)
    return f'{{"header": {header},\n"state": {state},\n"orders": {orders}\n}}\n'.encode()


#: The stages of `atomic_write`, in order, as passed to its `stage` hook. The two
#: backup stages happen only when there is an old file to keep.
STAGES = ("opened", "half-written", "written", "synced", "backup-staged", "backup-replaced",
          "renamed", "folder-synced")


def atomic_write(path: Path, data: bytes, stage: Callable[[str], object] | None = None) -> None:
    """Replace `path` with `data` so that a crash leaves the old or the new file whole.

    The old file is kept as `path.bak` (hard-linked when the file system allows).
    `stage`, for fault-injection tests, is called with the name of each stage as it
    is reached (see `STAGES`); a test process stops there to be killed. Without it
    the write is exactly what it would be without the hook.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as handle:
            if stage is None:
                handle.write(data)
            else:
                stage("opened")
                half = len(data) // 2
                handle.write(data[:half])
                handle.flush()
                stage("half-written")
                handle.write(data[half:])
                stage("written")
            handle.flush()
            os.fsync(handle.fileno())
        if stage is not None:
            stage("synced")
        if path.exists():
            backup = path.with_name(path.name + BACKUP)
            staged = path.with_name(f".{path.name}.{os.getpid()}.bak.tmp")
            with contextlib.suppress(FileNotFoundError):
                staged.unlink()
            try:
                os.link(path, staged)
            except OSError:  # no hard links here (some network or FAT drives): copy
                staged.write_bytes(path.read_bytes())
            if stage is not None:
                stage("backup-staged")
            os.replace(staged, backup)
            if stage is not None:
                stage("backup-replaced")
        os.replace(tmp, path)
        if stage is not None:
            stage("renamed")
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    _sync_dir(path.parent)
    if stage is not None:
        stage("folder-synced")


def _sync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX); a no-op where folders cannot be opened."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


