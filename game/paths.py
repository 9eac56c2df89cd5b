"""Where the game finds its content, assets and saves, checkout or installed."""

from __future__ import annotations

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
