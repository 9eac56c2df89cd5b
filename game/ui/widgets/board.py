"""The board's panels as widgets: each takes a rectangle and the data it shows, draws it,
and returns the rectangles of the meters a player can click ("why did it move?").

They read no session and no scene, so the same panels can draw any seat's view of a
game: the player at this window, or one far away.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pygame

from game.core.state import FRONTS
from game.i18n import _
from game.models.content import Leader
from game.ui import art, draw, theme
from game.wording import AGREEMENT_WORDS, agreement_text, front_text

Colour = tuple[int, int, int]


def _px(size: float, scale: float) -> int:
    return round(size * scale)


@dataclass(frozen=True)
class LeaderPanel:
    """What a leader's panel shows."""

    leader: Leader
    mine: bool  # the viewer plays him
    polls: int
    previous: int  # his polls at the start of the month, for the trend
    shown: float  # his polls as the animation has them now
    capital: int
    capital_max: int


def _line(size: float, scale: float, bold: bool = False) -> int:
    """The line height of text of `size` (at scale 1) at this text scale."""
    return theme.font(_px(size, scale), bold).get_linesize()


def _emblem_size(scale: float) -> int:
    return max(_line(19, scale, True) + _line(14, scale), round(44 * scale))


def leader_height(scale: float) -> int:
    """How tall a leader's panel must be for all it shows at this text scale."""
    pad = round(10 * scale)
    return (pad + _emblem_size(scale) + pad + _line(17, scale, True) + round(22 * scale)
            + _line(14, scale) + _line(16, scale) + 4 + 2 * round(8 * scale) + 4 + pad)


def draw_leader(surface: pygame.Surface, rect: pygame.Rect, panel: LeaderPanel,
                scale: float) -> dict[str, pygame.Rect]:
    """A leader: emblem, name, polls with floor and comfort, trend, capital."""
    leader = panel.leader
    side = leader.id
    draw.panel(surface, rect, theme.PANEL, theme.ACCENT if panel.mine else theme.LINE,
               2 if panel.mine else 1)
    pad = round(10 * scale)
    em = _emblem_size(scale)
    draw.badge(surface, pygame.Rect(rect.x + pad, rect.y + pad, em, em), leader.emblem)
    tx = rect.x + 2 * pad + em
    tw = rect.right - pad - tx
    y = rect.y + pad
    name = leader.short + (_(" (you)") if panel.mine else "")
    y += draw.text(surface, name, pygame.Rect(tx, y, tw, _line(19, scale, True)),
                   _px(19, scale), theme.TEXT, bold=True, max_lines=1, shrink=True)
    draw.text(surface, leader.country, pygame.Rect(tx, y, tw, _line(14, scale)),
              _px(14, scale), theme.MUTED, max_lines=1, shrink=True)
    inner = pygame.Rect(rect.x + pad, rect.y + pad + em + pad, rect.width - 2 * pad, 0)
    y = inner.y
    trend = panel.polls - panel.previous
    trend_text = (_("up {n}") if trend > 0 else _("down {n}")).format(n=abs(trend)) if trend \
        else _("steady")
    y += draw.text(surface, _("Polls {p}%  ({trend})").format(p=panel.polls, trend=trend_text),
                   pygame.Rect(inner.x, y, inner.width, _line(17, scale, True)),
                   _px(17, scale), theme.BAD if panel.polls < leader.floor else theme.TEXT,
                   bold=True, max_lines=1, shrink=True)
    bar_rect = pygame.Rect(inner.x, y + round(4 * scale), inner.width, round(16 * scale))
    draw.bar(surface, bar_rect, panel.shown, theme.AMLO if side == "amlo" else theme.TRUMP,
             marks=((leader.floor, theme.BAD), (leader.comfort, theme.WARN)))
    clickable = {f"polls.{side}": bar_rect.inflate(0, 10)}
    y = bar_rect.bottom + round(2 * scale)
    y += draw.text(surface, _("floor {f} · comfort {c}").format(f=leader.floor,
                                                                c=leader.comfort),
                   pygame.Rect(inner.x, y, inner.width, _line(14, scale)),
                   _px(14, scale), theme.MUTED, max_lines=1, shrink=True)
    cap_rect = pygame.Rect(inner.x, y, inner.width, _line(16, scale))
    draw.text(surface, _("Capital {c} / {m}").format(c=panel.capital, m=panel.capital_max),
              cap_rect, _px(16, scale), theme.TEXT, max_lines=1, shrink=True)
    clickable[f"capital.{side}"] = cap_rect
    step = inner.width / max(1, panel.capital_max)
    pip = max(3, min(round(8 * scale), int(step * 0.4)))
    py = cap_rect.bottom + 4
    if py + 2 * pip <= rect.bottom - 2:
        for i in range(panel.capital_max):
            colour = theme.ACCENT if i < panel.capital else theme.LINE
            pygame.draw.circle(surface, colour, (round(inner.x + pip + i * step), py + pip),
                               pip, 0 if i < panel.capital else 2)
    return clickable


@dataclass(frozen=True)
class CenterPanel:
    """What the middle of the board shows: trust and the three fronts."""

    meters: Mapping[str, int]
    shown: Mapping[str, float]  # meters as the animation has them now
    agreements: Mapping[str, int]
    trust_marks: tuple[tuple[int, Colour], ...]  # the endings' trust lines
    trust_words: tuple[str, str]  # ("collision at 10", "compromise at 80 + 2 signed")
    erodes: int  # the tension from which trust erodes
    notes: Mapping[str, str | None]  # per front, an open gesture to answer, in words


def caption() -> str:
    """The line over the fronts."""
    return _("Tension on each front (red mark: trust erodes) · agreement")


def _front_name_width(scale: float) -> int:
    """The column of the fronts' icons and names: the widest name, its icon, a gap."""
    name_font = theme.font(_px(16, scale), True)
    return max(name_font.size(front_text(f).capitalize())[0] for f in FRONTS) + \
        name_font.get_linesize() + round(10 * scale)


def _center_rows(panel: CenterPanel, width: int, scale: float) -> tuple[int, int, list[int]]:
    """Lines the trust words take (1 or 2), lines the caption takes, and each front's
    row height (taller when an open gesture is noted under it)."""
    small = theme.font(_px(13, scale))
    words = sum(small.size(w)[0] for w in panel.trust_words) + round(20 * scale)
    word_lines = 1 if words <= width else 2
    caption_lines = min(2, len(draw.wrap_lines(caption(), theme.font(_px(12, scale)), width)))
    name_w = _front_name_width(scale)
    note_font = theme.font(_px(13, scale))
    rows = []
    for front in FRONTS:
        note = panel.notes.get(front) if panel.agreements[front] < 2 else None
        lines = min(2, len(draw.wrap_lines(note, note_font, width - name_w))) if note else 0
        rows.append(_line(16, scale, True) + lines * note_font.get_linesize() + (2 if note
                                                                                  else 0))
    return word_lines, caption_lines, rows


def center_height(panel: CenterPanel, width: int, scale: float) -> int:
    """How tall the centre panel must be, `width` wide, for all it shows."""
    pad = round(12 * scale)
    word_lines, caption_lines, rows = _center_rows(panel, width - 2 * pad, scale)
    return (2 * pad + _line(18, scale, True) + round(24 * scale) + word_lines * _line(13, scale)
            + round(4 * scale) + caption_lines * _line(12, scale) + 2 + sum(rows))


def draw_center(surface: pygame.Surface, rect: pygame.Rect, panel: CenterPanel,
                scale: float) -> dict[str, pygame.Rect]:
    """The trust track and the three fronts: tension, agreement, an open gesture."""
    draw.panel(surface, rect)
    pad = round(12 * scale)
    inner = rect.inflate(-2 * pad, -2 * pad)
    word_lines, caption_lines, rows = _center_rows(panel, inner.width, scale)
    y = inner.y
    trust = panel.meters["trust"]
    y += draw.text(surface, _("Trust {t}").format(t=trust),
                   pygame.Rect(inner.x, y, inner.width, _line(18, scale, True)),
                   _px(18, scale), theme.TEXT, bold=True, max_lines=1)
    track = pygame.Rect(inner.x, y + round(4 * scale), inner.width, round(18 * scale))
    draw.bar(surface, track, panel.shown.get("trust", trust), theme.ACCENT,
             marks=panel.trust_marks)
    clickable = {"trust": track.inflate(0, 12)}
    y = track.bottom + round(2 * scale)
    line = _line(13, scale)
    collision_words, compromise_words = panel.trust_words
    draw.text(surface, collision_words, pygame.Rect(inner.x, y, inner.width, line),
              _px(13, scale), theme.BAD, max_lines=1, shrink=True)
    y += line if word_lines == 2 else 0
    draw.text(surface, compromise_words, pygame.Rect(inner.x, y, inner.width, line),
              _px(13, scale), theme.GOOD, align="right", max_lines=1, shrink=True)
    y += line + round(4 * scale)
    caption_h = caption_lines * _line(12, scale)
    y += draw.text(surface, caption(), pygame.Rect(inner.x, y, inner.width, caption_h),
                   _px(12, scale), theme.MUTED, max_lines=caption_lines) + 2
    icon = theme.font(_px(16, scale), True).get_linesize() - round(4 * scale)
    name_w = _front_name_width(scale)
    number_w = theme.font(_px(15, scale)).size("100")[0] + round(8 * scale)
    r = round(8 * scale)
    word_w = max(theme.font(_px(15, scale)).size(_(w))[0] for w in AGREEMENT_WORDS)
    agree_w = 2 * r + round(10 * scale) + word_w
    if inner.width - name_w - number_w - agree_w < round(60 * scale):
        agree_w, word_w = 2 * r + round(6 * scale), 0  # narrow: the agreement's icon only
    line_h = _line(16, scale, True)
    for front, row_h in zip(FRONTS, rows, strict=True):
        meter = f"tension.{front}"
        value = panel.meters[meter]
        middle = y + line_h // 2
        surface.blit(art.front_icon(front, icon, theme.MUTED), (inner.x, y + round(2 * scale)))
        draw.text(surface, front_text(front).capitalize(), pygame.Rect(
            inner.x + icon + round(6 * scale), y, name_w - icon - round(6 * scale), line_h),
            _px(16, scale), theme.TEXT, bold=True, max_lines=1)
        bar_h = round(14 * scale)
        bar_rect = pygame.Rect(inner.x + name_w, middle - bar_h // 2,
                               inner.width - name_w - number_w - agree_w, bar_h)
        colour = theme.BAD if value >= panel.erodes else theme.WARN \
            if value >= panel.erodes - 20 else theme.GOOD
        draw.bar(surface, bar_rect, panel.shown.get(meter, value), colour,
                 marks=((panel.erodes, theme.BAD),))
        clickable[meter] = bar_rect.inflate(0, 10)
        draw.text(surface, str(value), pygame.Rect(bar_rect.right + round(6 * scale), y,
                                                   number_w, line_h),
                  _px(15, scale), theme.MUTED, max_lines=1)
        step = panel.agreements[front]
        ax = inner.right - agree_w + r + round(4 * scale)
        draw.agreement_icon(surface, step, (ax, middle), r)
        if word_w:
            draw.text(surface, agreement_text(step),
                      pygame.Rect(ax + r + round(6 * scale), y, word_w, line_h),
                      _px(15, scale), theme.TEXT, max_lines=1)
        note = panel.notes.get(front)
        if note and step < 2:  # a signed front: nothing to answer
            top = middle + bar_h // 2 + 3
            draw.text(surface, note, pygame.Rect(inner.x + name_w, top, inner.width - name_w,
                                                 y + row_h - top),
                      _px(13, scale), theme.ACCENT, max_lines=2)
        y += row_h
    return clickable


def board_layout(size: tuple[int, int], scale: float, needed: int = 0,
                 top: int = 0) -> dict[str, pygame.Rect]:
    """Rectangles of the board's parts for a window size and text scale: the top bar
    (`top` high, if given), the two leaders either side of the centre (at least `needed`
    high), and the hand beside the details."""
    w, h = size
    m = round(12 * scale)
    top = top or round(46 * scale)
    side_w = round(w * 0.24)
    row1_h = max(needed, round((h - top) * 0.36))
    center = pygame.Rect(m + side_w + m, top, w - 2 * (side_w + 2 * m), row1_h)
    left = pygame.Rect(m, top, side_w, row1_h)
    right = pygame.Rect(w - m - side_w, top, side_w, row1_h)
    y2 = top + row1_h + m
    details_w = round(w * 0.30)
    hand = pygame.Rect(m, y2, w - 3 * m - details_w, h - y2 - m)
    details = pygame.Rect(hand.right + m, y2, details_w, h - y2 - m)
    return {"left": left, "right": right, "center": center, "hand": hand,
            "details": details, "top": pygame.Rect(0, 0, w, top),
            "lower": hand.union(details)}


def draw_top(surface: pygame.Surface, rect: pygame.Rect, label: str, right: int,
             scale: float) -> None:
    """The top bar: the turn and month the screen is about, left of `right` (where the
    bar's buttons begin)."""
    line = _line(20, scale, True)
    draw.text(surface, label, pygame.Rect(14, (rect.height - line) // 2, right - 26, line),
              _px(20, scale), theme.TEXT, bold=True, max_lines=1, shrink=True)


def top_buttons(labels: list[str], width: int, top: int, scale: float) -> list[pygame.Rect]:
    """The top bar's small buttons, right-aligned, each as wide as its label needs."""
    fnt = theme.font(_px(14, scale), True)
    bh = round(34 * scale)
    gap = round(8 * scale)
    x = width - 12
    rects = []
    for label in labels:
        bw = fnt.size(label)[0] + 2 * round(12 * scale)
        x -= bw
        rects.append(pygame.Rect(x, (top - bh) // 2, bw, bh))
        x -= gap
    return rects


def overlay_box(size: tuple[int, int], wf: float, hf: float) -> pygame.Rect:
    """A box of `wf` by `hf` of the window, centred: where an overlay draws."""
    w, h = size
    bw, bh = round(w * wf), round(h * hf)
    return pygame.Rect((w - bw) // 2, (h - bh) // 2, bw, bh)
