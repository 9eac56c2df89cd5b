"""Colours, fonts and the pygame_gui theme, scaled to the chosen text size.

Colour is never the only signal: stances have a drawn shape (circle, triangle,
square) and a word, categories and agreements a word; the palette was chosen to
stay distinct in greyscale (different lightness, not only different hue).
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import pygame

from game.i18n import N_
from game.paths import assets_dir

#: Text size steps offered in the settings (scale of every font).
TEXT_SCALES = (1.0, 1.15, 1.3, 1.5)
TEXT_SIZE_NAMES = (N_("Normal"), N_("Large"), N_("Larger"), N_("Largest"))
#: The smallest window each text size lays out in without cutting any text (the
#: legibility test checks every screen there): larger text needs a larger window.
MIN_SIZES = ((1152, 648), (1152, 648), (1280, 720), (1280, 720))

BG = (22, 27, 34)
PANEL = (34, 41, 51)
PANEL_HI = (46, 55, 68)
LINE = (70, 82, 98)
TEXT = (232, 236, 241)
MUTED = (160, 170, 184)
ACCENT = (255, 204, 92)  # focus ring and highlights: light, visible in greyscale
GOOD = (94, 201, 140)
BAD = (252, 132, 124)  # 5:1 on the lightest panel
WARN = (245, 166, 35)

AMLO = (0, 150, 90)
TRUMP = (60, 110, 210)

STANCE_COLOUR = {
    "cooperate": (92, 190, 140),
    "confront": (248, 134, 120),
    "domestic": (170, 170, 190),
    "hold": (158, 168, 182),
}


def font_path(bold: bool = False, italic: bool = False) -> str:
    """Path of the shipped Noto Sans face."""
    name = "NotoSans-" + ("Bold" if bold else "") + ("Italic" if italic else "")
    if name == "NotoSans-":
        name = "NotoSans-Regular"
    return str(assets_dir() / "fonts" / f"{name}.ttf")


@lru_cache(maxsize=64)
def font(size: int, bold: bool = False, italic: bool = False) -> pygame.font.Font:
    """A cached Noto Sans font of `size` pixels."""
    return pygame.font.Font(font_path(bold, italic), max(8, int(size)))


def gui_theme(scale: float) -> dict[str, Any]:
    """The pygame_gui theme of `assets/theme.json`, fonts scaled and pointed at our files."""
    with open(assets_dir() / "theme.json", encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    paths = {"regular_path": font_path(), "bold_path": font_path(True),
             "italic_path": font_path(False, True), "bold_italic_path": font_path(True, True)}
    for block in data.values():
        spec = block.get("font") if isinstance(block, dict) else None
        if isinstance(spec, dict):
            spec["size"] = str(round(int(spec.get("size", 16)) * scale))
            spec.update(paths)
    return data
