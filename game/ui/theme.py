"""Colours, fonts and the pygame_gui theme, scaled to the chosen text size.

Colour is never the only signal: stances have a drawn shape (circle, triangle,
square) and a word, categories and agreements a word; the palette was chosen to
stay distinct in greyscale (different lightness, not only different hue).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import pygame

from game.paths import assets_dir

#: Text size steps offered in the settings (scale of every font).
TEXT_SCALES = (1.0, 1.15, 1.3, 1.5)
TEXT_SIZE_NAMES = ("Normal", "Large", "Larger", "Largest")

BG = (22, 27, 34)
PANEL = (34, 41, 51)
PANEL_HI = (46, 55, 68)
LINE = (70, 82, 98)
TEXT = (232, 236, 241)
MUTED = (160, 170, 184)
ACCENT = (255, 204, 92)  # focus ring and highlights: light, visible in greyscale
GOOD = (94, 201, 140)
BAD = (240, 98, 92)
WARN = (245, 166, 35)

AMLO = (0, 150, 90)
TRUMP = (60, 110, 210)

STANCE_COLOUR = {
    "cooperate": (92, 190, 140),
    "confront": (225, 90, 80),
    "domestic": (170, 170, 190),
    "hold": (120, 130, 145),
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
    """The pygame_gui theme at a text scale."""
    size = str(round(16 * scale))
    small = str(round(14 * scale))
    big = str(round(20 * scale))

    def fonts(pt: str, bold: bool = False) -> dict[str, str]:
        return {"name": "noto", "size": pt, "bold": "1" if bold else "0",
                "regular_path": font_path(), "bold_path": font_path(True),
                "italic_path": font_path(False, True), "bold_italic_path": font_path(True, True)}

    def hexc(rgb: tuple[int, int, int]) -> str:
        return "#{:02x}{:02x}{:02x}".format(*rgb)

    colours = {
        "normal_bg": hexc(PANEL_HI), "hovered_bg": "#3d5a80", "disabled_bg": "#262c34",
        "selected_bg": "#3d5a80", "active_bg": "#4f74a3", "dark_bg": hexc(PANEL),
        "normal_text": hexc(TEXT), "hovered_text": "#ffffff", "disabled_text": "#7d8794",
        "selected_text": "#ffffff", "active_text": "#ffffff",
        "normal_border": hexc(LINE), "hovered_border": hexc(ACCENT),
        "disabled_border": "#3a424d", "selected_border": hexc(ACCENT),
        "active_border": hexc(ACCENT), "link_text": "#8fc1ff", "link_hover": "#b9d8ff",
        "link_selected": "#b9d8ff", "text_cursor": "#ffffff",
    }
    return {
        "defaults": {"colours": colours, "font": fonts(size),
                     "misc": {"border_width": "2", "shadow_width": "0",
                              "shape": "rounded_rectangle", "shape_corner_radius": "6"}},
        "button": {"font": fonts(size, True),
                   "misc": {"border_width": "2", "shadow_width": "0",
                            "shape": "rounded_rectangle", "shape_corner_radius": "6"}},
        "@small_button": {"font": fonts(small, True)},
        "@big_button": {"font": fonts(big, True)},
        "label": {"colours": {"normal_text": hexc(TEXT)}, "font": fonts(size)},
        "text_box": {"font": fonts(size), "colours": {"dark_bg": hexc(PANEL)}},
        "text_entry_line": {"font": fonts(size), "colours": {"dark_bg": hexc(BG)}},
    }
