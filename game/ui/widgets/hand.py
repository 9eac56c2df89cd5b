"""The hand of cards, the Hold card, and the list of past news: widgets that take a
rectangle and what they show, and read no session."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.i18n import _
from game.ui import art, draw, theme
from game.ui.widgets.effects import Effects
from game.wording import EffectPart, stance_text


def _px(size: float, scale: float) -> int:
    return round(size * scale)


@dataclass(frozen=True)
class CardView:
    """What one card in the hand shows."""

    where: str  # "TRADE" or "SECURITY · MIGRATION"
    category: str  # the card's category, for its icon
    stance: str
    cost: int
    title: str
    playable: bool
    answers: bool  # it answers the other leader's open gesture
    preview: tuple[EffectPart, ...]  # its effects, as the settings ask for them


@dataclass(frozen=True)
class Marks:
    """Which card is chosen (selected to play) and which is under the pointer or focus."""

    selected: int | None
    pointed: int | None


def as_list(area: pygame.Rect, count: int, scale: float) -> bool:
    """Whether the hand shows as a list of rows (a larger text size in a small window)
    rather than as cards side by side: cards narrower than their words need become rows."""
    gap = round(10 * scale)
    card_w = (area.width - round(area.width * 0.11) - gap * (count + 1)) // max(1, count)
    return card_w < round(130 * scale)


def heading_height(scale: float) -> int:
    """The hand's heading line (the keys, or a notice)."""
    return theme.font(_px(15, scale)).get_linesize() + round(4 * scale)


def card_rects(area: pygame.Rect, count: int, scale: float) -> list[pygame.Rect]:
    """Where `count` cards go, then the Hold card (as cards, or as rows of a list)."""
    top = area.y + heading_height(scale)
    if as_list(area, count, scale):
        row = (area.bottom - top) // (count + 1)
        return [pygame.Rect(area.x, top + i * row, area.width, row - round(4 * scale))
                for i in range(count + 1)]
    gap = round(10 * scale)
    hold_w = round(area.width * 0.11)
    card_w = (area.width - hold_w - gap * (count + 1)) // max(1, count) if count else 0
    rects = [pygame.Rect(area.x + i * (card_w + gap), top, card_w, area.bottom - top)
             for i in range(count)]
    rects.append(pygame.Rect(area.right - hold_w, top, hold_w, area.bottom - top))
    return rects


def _frame(surface: pygame.Surface, rect: pygame.Rect, index: int, marks: Marks) -> None:
    chosen = marks.selected == index
    pointed = marks.pointed == index
    draw.panel(surface, rect, theme.PANEL_HI if chosen or pointed else theme.PANEL,
               theme.ACCENT if chosen else theme.LINE, 3 if chosen else 1)


def draw_hand(surface: pygame.Surface, area: pygame.Rect, cards: list[CardView],
              rects: list[pygame.Rect], marks: Marks, hold_gain: int, scale: float,
              notice: str = "") -> None:
    """The heading (or a notice in its place), each card, and Hold."""
    heading = notice or _("Your hand — 1–{n} select, Enter plays, H holds").format(
        n=len(cards))
    draw.text(surface, heading, pygame.Rect(area.x, area.y, area.width, heading_height(scale)),
              _px(15, scale), theme.WARN if notice else theme.MUTED, max_lines=1, shrink=True)
    listed = as_list(area, len(cards), scale)
    for i, rect in enumerate(rects):
        _frame(surface, rect, i, marks)
        if listed:
            draw_row(surface, rect, i, cards[i] if i < len(cards) else None, hold_gain,
                     marks.selected == i, scale)
            continue
        if i < len(cards):
            draw_card(surface, rect, i, cards[i], scale)
        else:
            draw_hold(surface, rect, hold_gain, scale)
        if marks.selected == i:
            tag = theme.font(_px(12, scale), True).render(_("chosen"), True, theme.ACCENT)
            surface.blit(tag, (rect.centerx - tag.get_width() // 2,
                               rect.bottom - tag.get_height() - 3))


def draw_row(surface: pygame.Surface, rect: pygame.Rect, index: int, card: CardView | None,
             hold_gain: int, chosen: bool, scale: float) -> None:
    """One card as a row of the list: its key, stance, title and cost (Hold: H)."""
    inner = rect.inflate(-round(16 * scale), 0)
    fnt = theme.font(_px(16, scale), True)
    line = fnt.get_linesize()
    y = rect.y + (rect.height - line) // 2
    key = "H" if card is None else str(index + 1)
    key_w = fnt.size("H ")[0] + round(4 * scale)
    draw.text(surface, key, pygame.Rect(inner.x, y, key_w, line), _px(16, scale),
              theme.ACCENT, bold=True, max_lines=1)
    x = inner.x + key_w
    r = round(7 * scale)
    if card is None:
        words = _("Hold: bank +{n} capital").format(n=hold_gain)
        draw.text(surface, words, pygame.Rect(x, y, inner.right - x, line), _px(16, scale),
                  theme.TEXT, bold=True, max_lines=1, shrink=True)
        return
    icon = line - round(6 * scale)
    surface.blit(art.category_icon(card.category, icon, theme.MUTED),
                 (x, y + (line - icon) // 2))
    x += icon + round(8 * scale)
    draw.stance_icon(surface, card.stance, (x + r, y + line // 2), r)
    x += 2 * r + round(8 * scale)
    cost = _("cost {c}").format(c=card.cost) if card.playable else _("cannot play now")
    cost_font = theme.font(_px(14, scale), not card.playable)
    cost_w = cost_font.size(cost)[0] + round(8 * scale)
    draw.text(surface, cost, pygame.Rect(inner.right - cost_w, y, cost_w, line),
              _px(14, scale), theme.TEXT if card.playable else theme.BAD,
              bold=not card.playable, align="right", max_lines=1)
    title = card.title + ("  " + _("(chosen)") if chosen else "")
    draw.text(surface, title, pygame.Rect(x, y, inner.right - cost_w - x, line),
              _px(16, scale), theme.TEXT if card.playable else theme.MUTED, bold=True,
              max_lines=1, shrink=True)


def draw_card(surface: pygame.Surface, rect: pygame.Rect, index: int, card: CardView,
              scale: float) -> None:
    """One card: its key, category, stance (shape and word), cost, title and effects."""
    pad = round(8 * scale)
    inner = rect.inflate(-2 * pad, -2 * pad)
    inner.height -= _px(14, scale)  # room for the "chosen" tag
    y = inner.y
    key = theme.font(_px(15, scale), True).render(str(index + 1), True, theme.ACCENT)
    surface.blit(key, (inner.right - key.get_width(), y))
    icon = theme.font(_px(12, scale), True).get_linesize()
    surface.blit(art.category_icon(card.category, icon, theme.MUTED), (inner.x, y))
    y += draw.text(surface, card.where,
                   pygame.Rect(inner.x + icon + 4, y, inner.width - key.get_width() - icon - 8,
                               2 * _px(20, scale)),
                   _px(12, scale), theme.MUTED, bold=True, max_lines=2, shrink=True)
    r = round(7 * scale)
    stance_w = inner.width - 2 * r - 6
    row_h = theme.font(_px(14, scale), True).get_linesize()
    draw.stance_icon(surface, card.stance, (inner.x + r, y + row_h // 2), r)
    draw.text(surface, stance_text(card.stance),
              pygame.Rect(inner.x + 2 * r + 6, y, stance_w, row_h),
              _px(14, scale), theme.STANCE_COLOUR[card.stance], bold=True, max_lines=1,
              shrink=True)
    cost = _("cost {c}").format(c=card.cost)
    needed = (theme.font(_px(14, scale), True).size(stance_text(card.stance))[0]
              + theme.font(_px(14, scale)).size(cost)[0] + 12)
    if needed > stance_w:  # no room on one row: cost goes below
        y += row_h
    draw.text(surface, cost, pygame.Rect(inner.x, y, inner.width, row_h), _px(14, scale),
              theme.TEXT, align="right", max_lines=1)
    y += row_h + 4
    y += draw.text(surface, card.title, pygame.Rect(inner.x, y, inner.width, inner.bottom - y),
                   _px(16, scale), theme.TEXT if card.playable else theme.MUTED, bold=True,
                   max_lines=3, shrink=0.55) + 4
    if not card.playable:
        draw.text(surface, _("cannot play now"),
                  pygame.Rect(inner.x, inner.bottom - _px(22, scale), inner.width,
                              _px(22, scale)),
                  _px(13, scale), theme.BAD, bold=True, max_lines=1)
        return
    if card.answers:
        y += draw.text(surface, _("answers his offer"),
                       pygame.Rect(inner.x, y, inner.width, _px(20, scale)),
                       _px(13, scale), theme.GOOD, bold=True, max_lines=1, shrink=True)
    effects = Effects(card.preview, 13)
    if effects.height(inner.width, scale) <= inner.bottom - y:
        effects.draw(surface, pygame.Rect(inner.x, y, inner.width, inner.bottom - y), scale)


def draw_hold(surface: pygame.Surface, rect: pygame.Rect, gain: int, scale: float) -> None:
    """The Hold card."""
    inner = rect.inflate(-12, -16)
    y = inner.y
    y += draw.text(surface, _("H"), pygame.Rect(inner.x, y, inner.width, _px(22, scale)),
                   _px(15, scale), theme.ACCENT, bold=True, align="right", max_lines=1)
    y += draw.text(surface, _("Hold"), pygame.Rect(inner.x, y, inner.width, _px(26, scale)),
                   _px(17, scale), theme.TEXT, bold=True, max_lines=1) + 6
    draw.text(surface, _("bank +{n} capital").format(n=gain),
              pygame.Rect(inner.x, y, inner.width, inner.bottom - y), _px(14, scale),
              theme.MUTED)


def draw_news_list(surface: pygame.Surface, rect: pygame.Rect,
                   entries: list[tuple[str, str]], scale: float) -> None:
    """Past months, newest first: `(headline, what each leader played)`; only whole
    entries that fit (older news waits for the chart and the end)."""
    draw.panel(surface, rect)
    pad = round(10 * scale)
    body = pygame.Rect(rect.x + pad, rect.y + pad, rect.width - 2 * pad,
                       rect.height - 2 * pad - round(50 * scale))
    y = body.y
    y += draw.text(surface, _("News"), pygame.Rect(body.x, y, body.width, _px(26, scale)),
                   _px(17, scale), theme.TEXT, bold=True, max_lines=1) + 4
    for title, played in entries:
        needed = draw.text_height(title, body.width, _px(14, scale), True) + (
            draw.text_height(played, body.width, _px(13, scale)) if played else 0)
        if y + needed > body.bottom:
            break
        y += draw.text(surface, title, pygame.Rect(body.x, y, body.width, body.bottom - y),
                       _px(14, scale), theme.TEXT, bold=True)
        if played:
            y += draw.text(surface, played,
                           pygame.Rect(body.x, y, body.width, max(0, body.bottom - y)),
                           _px(13, scale), theme.MUTED)
        y += 6
