"""The lower half of a seat's board at the game server, drawn from its view: the month's
news with the options of a decision, the month last resolved, a screen of words.

Each takes a rectangle and the view (or its words) and reads no session."""

from __future__ import annotations

from collections.abc import Sequence

import pygame

from game.i18n import _
from game.protocol import Reveal, View
from game.ui import draw, theme
from game.ui.draw import Paragraph
from game.ui.widgets.effects import Effects
from game.ui.widgets.scroll import Item, Scroll
from game.ui.widgets.seat import calm, effect_parts
from game.wording import sentence, stance_text


def _px(size: float, scale: float) -> int:
    return round(size * scale)


def news_paragraphs(view: View) -> list[Paragraph]:
    """The month's stories, each headline and text."""
    lines: list[Paragraph] = []
    for news in view.news:
        lines.append((news.title, 18, True, theme.TEXT))
        lines.append((news.text, 15, False, theme.TEXT))
    return lines or [(_("A quiet month"), 16, True, theme.MUTED)]


def option_paragraphs(label: str, effects: str, n: int) -> list[Item]:
    """One option of a decision on the news: its number, label and effects."""
    return [(f"{n + 1}. {label}", 16, True, theme.TEXT), Effects(effect_parts(effects), 14)]


def option_rects(column: pygame.Rect, count: int, scale: float) -> list[pygame.Rect]:
    """Where the options of a decision go, one under another."""
    gap = round(10 * scale)
    share = (column.height + gap) // max(1, count)
    return [pygame.Rect(column.x, column.y + n * share, column.width, share - gap)
            for n in range(count)]


def news_layout(box: pygame.Rect, deciding: bool, scale: float
                ) -> tuple[pygame.Rect, pygame.Rect | None]:
    """The stories' column and, when the seat decides, the options' column."""
    pad = round(14 * scale)
    head = theme.font(_px(13, scale), True).get_linesize() + round(6 * scale)
    body = pygame.Rect(box.x + pad, box.y + pad + head, box.width - 2 * pad,
                       box.height - 2 * pad - head)
    if not deciding:
        body.height -= round(50 * scale)
        return body, None
    text_w = round(body.width * 0.5)
    return (pygame.Rect(body.x, body.y, text_w, body.height),
            pygame.Rect(body.x + text_w + pad, body.y, body.width - text_w - pad, body.height))


def draw_news(surface: pygame.Surface, box: pygame.Rect, view: View, scale: float,
              story: Scroll, options: Sequence[tuple[pygame.Rect, Scroll]],
              focused: int | None, notice: str = "") -> None:
    """The month's news (a notice, if any, in its heading's place); the options of the
    one this seat decides, beside."""
    draw.panel(surface, box, theme.PANEL, theme.ACCENT, 2)
    pad = round(14 * scale)
    draw.text(surface, notice or _("NEWS · {month}").format(month=view.month),
              pygame.Rect(box.x + pad, box.y + pad, box.width - 2 * pad,
                          theme.font(_px(13, scale), True).get_linesize()),
              _px(13, scale), theme.WARN if notice else theme.ACCENT, bold=True, max_lines=1,
              shrink=True)
    deciding = next((news for news in view.news if news.options), None)
    column, _options = news_layout(box, deciding is not None, scale)
    story.column(surface, column, news_paragraphs(view), scale)
    if deciding is None:
        return
    for n, ((rect, scroll), option) in enumerate(zip(options, deciding.options, strict=False)):
        chosen = focused == n
        draw.panel(surface, rect, theme.PANEL_HI if chosen else theme.BG,
                   theme.ACCENT if chosen else theme.LINE, 2 if chosen else 1)
        scroll.column(surface, rect.inflate(-20, -14),
                      option_paragraphs(option.label, option.effects, n), scale)


def move_height(scale: float) -> int:
    """How tall a move's face is: the leader, the stance, two lines of title."""
    return (12 + theme.font(_px(13, scale), True).get_linesize()
            + theme.font(_px(14, scale), True).get_linesize()
            + 2 * theme.font(_px(16, scale), True).get_linesize() + 8)


def draw_move(surface: pygame.Surface, rect: pygame.Rect, leader: str, kind: str, title: str,
              scale: float) -> None:
    """One leader's move, face up: his name, the stance (shape and word), the card."""
    draw.panel(surface, rect, theme.PANEL_HI)
    inner = rect.inflate(-16, -12)
    y = inner.y
    y += draw.text(surface, leader.upper(), pygame.Rect(inner.x, y, inner.width, _px(22, scale)),
                   _px(13, scale), theme.MUTED, bold=True, max_lines=1, shrink=True)
    r = round(8 * scale)
    draw.stance_icon(surface, kind, (inner.x + r, y + r + 3), r)
    y += draw.text(surface, stance_text(kind), pygame.Rect(inner.x + 2 * r + 8, y,
                                                           inner.width - 2 * r - 8,
                                                           _px(22, scale)),
                   _px(14, scale), theme.STANCE_COLOUR.get(kind, theme.MUTED), bold=True,
                   max_lines=1, shrink=True)
    draw.text(surface, sentence(title), pygame.Rect(inner.x, y, inner.width, inner.bottom - y),
              _px(16, scale), theme.TEXT, bold=True, max_lines=3, shrink=True)


def draw_reveal(surface: pygame.Surface, box: pygame.Rect, view: View, last: Reveal,
                scale: float, scrolls: tuple[Scroll, Scroll]) -> None:
    """The month last resolved: both moves side by side, their interaction, and every
    change with its cause (room at the bottom right for a button)."""
    draw.panel(surface, box, theme.PANEL, theme.ACCENT, 2)
    pad = round(14 * scale)
    left = pygame.Rect(box.x + pad, box.y + pad, round(box.width * 0.42), box.height - 2 * pad)
    card_h = min(round(left.height * 0.46), move_height(scale))
    half = (left.width - pad) // 2
    shorts = {leader.side: leader.short for leader in view.leaders}
    for i, played in enumerate(last.played[:2]):
        draw_move(surface, pygame.Rect(left.x + i * (half + pad), left.y, half, card_h),
                  shorts.get(played.side, played.side), played.kind, played.title, scale)
    words: list[Paragraph] = [(last.month, 14, True, theme.MUTED)]
    words.append((last.interaction, 19, True, theme.ACCENT) if last.interaction else
                 (_("No interaction: at least one side looked inward."), 16, True, theme.MUTED))
    y = left.y + card_h + pad
    scrolls[0].column(surface, pygame.Rect(left.x, y, left.width, left.bottom - y), words,
                      scale)
    right = pygame.Rect(left.right + 2 * pad, box.y + pad, box.right - left.right - 3 * pad,
                        box.height - 2 * pad - round(50 * scale))
    lines: list[Paragraph] = [(_("What changed and why"), 16, True, theme.TEXT)]
    lines += [(calm(change), 14, False, theme.TEXT) for change in last.changes]
    scrolls[1].column(surface, right, lines, scale)


def draw_message(surface: pygame.Surface, box: pygame.Rect, paragraphs: list[Paragraph],
                 scale: float, scroll: Scroll) -> None:
    """A panel of words (connecting, waiting, refused, the ending), room for a button."""
    draw.panel(surface, box, theme.PANEL, theme.ACCENT, 2)
    pad = round(18 * scale)
    scroll.column(surface, pygame.Rect(box.x + pad, box.y + pad, box.width - 2 * pad,
                                       box.height - 2 * pad - round(50 * scale)),
                  paragraphs, scale)
