"""Player settings kept between runs: window mode, text size, animation speed, how
effects are previewed, and the sound's volume and mute."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from game.i18n import LANGUAGES
from game.persistence.files import atomic_write

ANIMATION_SPEEDS = ("off", "fast", "normal")
#: How previews show what a card or an option will do: numbers, or direction and size.
EFFECT_STYLES = ("exact", "direction")
#: The sound levels the settings screen offers (besides off), and the volume each sets.
VOLUMES = {"quiet": 35, "medium": 70, "loud": 100}


def config_dir() -> Path:
    """The per-user configuration folder of this platform."""
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA") or Path.home()) / "Unlikely Allies"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Preferences" / "Unlikely Allies"
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "unlikely-allies"


@dataclass
class Settings:
    """What the player chose in the settings screen."""

    fullscreen: bool = False
    text_size: int = 0  # index into theme.TEXT_SCALES
    animation: str = "normal"  # one of ANIMATION_SPEEDS
    effects: str = "exact"  # one of EFFECT_STYLES
    volume: int = 70  # 0-100; kept while muted, for when the sound comes back
    muted: bool = False
    language: str = ""  # "" follows the system's; else a code of game.i18n.LANGUAGES

    @property
    def animation_seconds(self) -> float:
        """How long a meter takes to slide to its new value."""
        return {"off": 0.0, "fast": 0.35, "normal": 0.8}.get(self.animation, 0.8)

    @property
    def sound(self) -> str:
        """The sound level the settings screen shows: off when muted (or at nought), else
        the level of VOLUMES nearest the volume."""
        if self.muted or self.volume <= 0:
            return "off"
        return min(VOLUMES, key=lambda level: abs(VOLUMES[level] - self.volume))

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        """The stored settings, or the defaults when there are none or they are unreadable."""
        target = path or config_dir() / "settings.json"
        try:
            raw = json.loads(target.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(raw, dict):
            return cls()
        out = cls()
        if isinstance(raw.get("fullscreen"), bool):
            out.fullscreen = raw["fullscreen"]
        if isinstance(raw.get("text_size"), int) and 0 <= raw["text_size"] <= 3:
            out.text_size = raw["text_size"]
        if raw.get("animation") in ANIMATION_SPEEDS:
            out.animation = raw["animation"]
        if raw.get("effects") in EFFECT_STYLES:
            out.effects = raw["effects"]
        if raw.get("language") in ("", *LANGUAGES):
            out.language = raw["language"]
        volume = raw.get("volume")
        if isinstance(volume, int) and not isinstance(volume, bool) and 0 <= volume <= 100:
            out.volume = volume
        if isinstance(raw.get("muted"), bool):
            out.muted = raw["muted"]
        return out

    def save(self, path: Path | None = None) -> str | None:
        """Store the settings; returns an error message instead of raising."""
        target = path or config_dir() / "settings.json"
        try:
            atomic_write(target, (json.dumps(asdict(self), indent=1) + "\n").encode())
        except OSError as exc:
            return f"could not store settings in {target}: {exc.strerror or exc}"
        return None
