"""What the legibility test measures on a rendered screen: text cut or overflowing its
box, text drawn smaller than at the normal text size, pygame_gui labels wider than their
buttons, and text whose contrast with what it is drawn on is below 4.5:1 (WCAG AA)."""

from __future__ import annotations

from collections.abc import Iterable

import pygame
import pygame_gui

from game.ui import audit, draw, theme
from game.ui.app import App

#: WCAG AA for body text.
CONTRAST = 4.5
#: pygame_gui's padding either side of a button's label, at text scale 1.
BUTTON_PAD = 8
#: Font sizes of the button kinds in assets/theme.json, at text scale 1.
BUTTON_PX = {"@small_button": 14, "@big_button": 20}


def luminance(colour: tuple[int, int, int]) -> float:
    """Relative luminance (WCAG 2)."""
    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(v) for v in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def text_problems(drawn: Iterable[audit.Drawn]) -> list[str]:
    """Text cut, or too faint against what it was drawn on."""
    problems = []
    for d in drawn:
        if d.cut:
            problems.append(f"cut: {d.content[:60]!r} in {d.rect}")
        ratio = contrast(d.colour, d.background)
        if ratio < CONTRAST:
            problems.append(f"contrast {ratio:.2f}: {d.content[:40]!r} {d.colour} on "
                            f"{d.background}")
    return problems


def smaller_than_normal(normal: Iterable[audit.Drawn], larger: Iterable[audit.Drawn]
                        ) -> list[str]:
    """Text drawn smaller at a larger text size than the same text at the normal size."""
    sizes: dict[str, int] = {}
    for d in normal:
        sizes[d.content] = min(sizes.get(d.content, 10**6), d.drawn_size)
    return [f"smaller than at normal size ({d.drawn_size} < {sizes[d.content]} px): "
            f"{d.content[:50]!r}" for d in larger
            if d.content in sizes and d.drawn_size < sizes[d.content]]


def covered(app: App, drawn: Iterable[audit.Drawn]) -> list[str]:
    """Text drawn where a pygame_gui element of the top scene will cover it."""
    problems = []
    boxes = [element.rect for element in app.scene.elements]
    for d in drawn:
        rect = pygame.Rect(d.shown)
        for box in boxes:
            if rect.colliderect(box):
                problems.append(f"under a button or box: {d.content[:50]!r} at {d.rect}")
                break
    return problems


def button_problems(app: App) -> list[str]:
    """pygame_gui buttons of the top scene whose label is wider than the button."""
    problems = []
    for element in app.scene.elements:
        if not isinstance(element, pygame_gui.elements.UIButton):
            continue
        ids = element.get_object_ids() or []
        px = next((BUTTON_PX[i] for i in ids if i in BUTTON_PX), 16)
        width = theme.font(round(px * app.scale), True).size(element.text)[0]
        if width + 2 * round(BUTTON_PAD * app.scale) > element.rect.width:
            problems.append(f"button label cut: {element.text!r} ({width} px in "
                            f"{element.rect.width})")
    return problems


def render_audited(app: App) -> list[audit.Drawn]:
    """Draw a frame as the app does, and return the text the top scene drew (the scenes
    under an overlay are checked when they are on top themselves)."""
    surface = app.window
    surface.fill(theme.BG)
    shown = app.visible()
    for scene in shown[:-1]:
        if scene.overlay and scene.shades:
            draw.shade(surface)
        scene.draw(surface)
    top = shown[-1]
    if top.overlay and top.shades:
        draw.shade(surface)
    audit.DRAWN = []
    try:
        top.draw(surface)
        app.manager.draw_ui(surface)
        top.draw_over(surface)
        return audit.DRAWN
    finally:
        audit.DRAWN = None


def problems(app: App, normal: list[audit.Drawn] | None) -> tuple[list[str], list[audit.Drawn]]:
    """Everything wrong with the frame the app shows now, and the text it drew; with
    `normal`, the same screen's text at the normal size, to compare sizes with."""
    drawn = render_audited(app)
    found = text_problems(drawn) + button_problems(app) + covered(app, drawn)
    if normal is not None:
        found += smaller_than_normal(normal, drawn)
    return sorted(set(found)), drawn
