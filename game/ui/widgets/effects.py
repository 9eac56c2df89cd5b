"""What a card or an option will do, drawn so that good and bad read at a glance: each
change with an arrow up or down (two or three for a bigger change when effects show as
direction and size), its words, and the colour of good or bad for the player. Sign,
arrow and colour together: never colour alone."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.ui import art, draw, theme
from game.wording import EffectPart

TONE_COLOUR = {"good": theme.GOOD, "bad": theme.BAD, "neutral": theme.TEXT}


def _px(size: float, scale: float) -> int:
    return round(size * scale)


@dataclass(frozen=True)
class Effects:
    """A line of effects, as a paragraph of a column: `lead` ("Effect:") then the parts."""

    parts: tuple[EffectPart, ...]
    size: int = 14  # text size at scale 1
    lead: str = ""

    def _pieces(self) -> list[tuple[str, EffectPart | None]]:
        pieces: list[tuple[str, EffectPart | None]] = []
        if self.lead:
            pieces.append((self.lead, None))
        for i, part in enumerate(self.parts):
            last = i == len(self.parts) - 1 or not self.parts[i + 1].arrows
            words = part.words + ("" if last or not part.arrows else ",")
            pieces.append((words, part))
        return pieces

    def _layout(self, width: int, scale: float
                ) -> list[tuple[pygame.Rect, str, EffectPart | None]]:
        """Each piece's place: arrows and words flow left to right and wrap."""
        fnt = theme.font(_px(self.size, scale), True)
        line = fnt.get_linesize()
        arrow = max(6, round(line * 0.5))
        space = fnt.size(" ")[0]
        x = y = 0
        placed = []
        for words, part in self._pieces():
            arrows_w = (part.arrows * (arrow + 1) + space) if part and part.arrows else 0
            w = min(width, arrows_w + fnt.size(words)[0])
            if x and x + w > width:
                x, y = 0, y + line
            height = draw.text_height(words, max(1, width - arrows_w), _px(self.size, scale),
                                      True) if w == width else line
            placed.append((pygame.Rect(x, y, w, height), words, part))
            x += w + space
            y += height - line
        return placed

    def height(self, width: int, scale: float) -> int:
        """How tall the line is, `width` wide."""
        placed = self._layout(width, scale)
        return max((rect.bottom for rect, *_rest in placed), default=0)

    def draw(self, surface: pygame.Surface, rect: pygame.Rect, scale: float) -> int:
        """Draw the line at the top of `rect`; returns the height used."""
        fnt = theme.font(_px(self.size, scale), True)
        line = fnt.get_linesize()
        arrow = max(6, round(line * 0.5))
        space = fnt.size(" ")[0]
        used = 0
        for place, words, part in self._layout(rect.width, scale):
            box = place.move(rect.x, rect.y)
            colour = TONE_COLOUR[part.tone] if part else theme.MUTED
            x = box.x
            if part and part.arrows:
                image = art.arrow("up" if part.rising else "down", arrow, colour)
                for _n in range(part.arrows):
                    surface.blit(image, (x, box.y + (line - arrow) // 2))
                    x += arrow + 1
                x += space
            draw.text(surface, words, pygame.Rect(x, box.y, box.right - x, box.height),
                      _px(self.size, scale), colour, bold=True)
            used = max(used, box.bottom - rect.y)
        return used
