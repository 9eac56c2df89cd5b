"""Where the game finds its content, assets and saves, checkout or installed."""

from __future__ import annotations

import os
import sys
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent


def _data_root() -> Path:
    """The checkout's root when run from one, else the data installed beside the package."""
    if (_CHECKOUT / "content" / "core" / "pack.yaml").is_file():
        return _CHECKOUT
    return _PACKAGE / "_data"


def content_dir() -> Path:
    """Folder holding the packs (core and any others shipped)."""
    return _data_root() / "content"


def core_pack() -> Path:
    """The base game's pack folder."""
    return content_dir() / "core"


def schemas_dir() -> Path:
    """The JSON Schemas of content files, for editors (`python -m game schema`)."""
    return _data_root() / "schemas"


def assets_dir() -> Path:
    """Fonts, theme and images."""
    return _data_root() / "assets"


def running_from_checkout() -> bool:
    """True when the game runs from a source checkout (saves then go to ./saves)."""
    return _data_root() == _CHECKOUT


def checkout_root() -> Path | None:
    """The source checkout the game runs from, if any."""
    return _CHECKOUT if running_from_checkout() else None


def user_data_dir() -> Path:
    """The per-user data folder of this platform (saves, mods, the server's rooms)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
        return base / "Unlikely Allies"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "Unlikely Allies"
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "unlikely-allies"


#: Set to a folder to keep the mods somewhere else (a class share, or a test's folder).
MODS_DIR_VARIABLE = "UNLIKELY_ALLIES_MODS_DIR"


def mods_dir() -> Path:
    """The folder of installed mods: $UNLIKELY_ALLIES_MODS_DIR, else `mods` in the user
    data folder. Each pack folder in it loads after the base game unless turned off."""
    chosen = os.environ.get(MODS_DIR_VARIABLE)
    return Path(chosen).expanduser() if chosen else user_data_dir() / "mods"
