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
from game.ui import draw, theme
from game.wording import AGREEMENT_WORDS

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


def draw_leader(surface: pygame.Surface, rect: pygame.Rect, panel: LeaderPanel,
                scale: float) -> dict[str, pygame.Rect]:
    """A leader: emblem, name, polls with floor and comfort, trend, capital."""
    leader = panel.leader
    side = leader.id
    draw.panel(surface, rect, theme.PANEL, theme.ACCENT if panel.mine else theme.LINE,
               2 if panel.mine else 1)
    pad = round(10 * scale)
    em = round(54 * scale)
    draw.emblem(surface, pygame.Rect(rect.x + pad, rect.y + pad, em, em),
                leader.emblem.initials, leader.emblem.colors)
    tx = rect.x + 2 * pad + em
    tw = rect.right - pad - tx
    y = rect.y + pad
    name = leader.short + (_(" (you)") if panel.mine else "")
    y += draw.text(surface, name, pygame.Rect(tx, y, tw, _px(30, scale)), _px(19, scale),
                   theme.TEXT, bold=True, max_lines=1)
    draw.text(surface, leader.country, pygame.Rect(tx, y, tw, _px(24, scale)), _px(14, scale),
              theme.MUTED, max_lines=1)
    y = rect.y + pad + em + pad
    polls = panel.polls
    trend = polls - panel.previous
    trend_text = (_("up {n}") if trend > 0 else _("down {n}")).format(n=abs(trend)) if trend \
        else _("steady")
    head = _("Polls {p}%  ({trend})").format(p=polls, trend=trend_text)
    y += draw.text(surface, head, pygame.Rect(rect.x + pad, y, rect.width - 2 * pad,
                                              _px(28, scale)),
                   _px(17, scale), theme.BAD if polls < leader.floor else theme.TEXT,
                   bold=True, max_lines=1)
    bar_rect = pygame.Rect(rect.x + pad, y + 4, rect.width - 2 * pad, round(16 * scale))
    draw.bar(surface, bar_rect, panel.shown, theme.AMLO if side == "amlo" else theme.TRUMP,
             marks=((leader.floor, theme.BAD), (leader.comfort, theme.WARN)))
    clickable = {f"polls.{side}": bar_rect.inflate(0, 10)}
    y = bar_rect.bottom + round(8 * scale)
    y += draw.text(surface, _("floor {f} · comfort {c}").format(f=leader.floor,
                                                                c=leader.comfort),
                   pygame.Rect(rect.x + pad, y, rect.width - 2 * pad, _px(24, scale)),
                   _px(14, scale), theme.MUTED, max_lines=1)
    cap_rect = pygame.Rect(rect.x + pad, y + 4, rect.width - 2 * pad, _px(26, scale))
    draw.text(surface, _("Capital {c} / {m}").format(c=panel.capital, m=panel.capital_max),
              cap_rect, _px(16, scale), theme.TEXT, max_lines=1)
    clickable[f"capital.{side}"] = cap_rect
    pip = round(9 * scale)
    px = rect.x + pad
    py = cap_rect.bottom + 4
    if py + pip <= rect.bottom - pad:
        for i in range(panel.capital_max):
            colour = theme.ACCENT if i < panel.capital else theme.LINE
            pygame.draw.circle(surface, colour, (px + pip + i * (2 * pip + 3), py + pip),
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


def draw_center(surface: pygame.Surface, rect: pygame.Rect, panel: CenterPanel,
                scale: float) -> dict[str, pygame.Rect]:
    """The trust track and the three fronts: tension, agreement, an open gesture."""
    draw.panel(surface, rect)
    pad = round(12 * scale)
    y = rect.y + pad
    trust = panel.meters["trust"]
    y += draw.text(surface, _("Trust {t}").format(t=trust),
                   pygame.Rect(rect.x + pad, y, rect.width - 2 * pad, _px(28, scale)),
                   _px(18, scale), theme.TEXT, bold=True, max_lines=1)
    track = pygame.Rect(rect.x + pad, y + 6, rect.width - 2 * pad, round(18 * scale))
    draw.bar(surface, track, panel.shown.get("trust", trust), theme.ACCENT,
             marks=panel.trust_marks)
    clickable = {"trust": track.inflate(0, 12)}
    y = track.bottom + 4
    labels_h = _px(22, scale)
    collision_words, compromise_words = panel.trust_words
    draw.text(surface, collision_words, pygame.Rect(rect.x + pad, y, track.width // 2, labels_h),
              _px(13, scale), theme.BAD, max_lines=1)
    draw.text(surface, compromise_words,
              pygame.Rect(rect.centerx, y, track.right - rect.centerx, labels_h),
              _px(13, scale), theme.GOOD, align="right", max_lines=1)
    y += labels_h + round(4 * scale)
    y += draw.text(surface, _("Tension on each front (red mark: trust erodes) · agreement"),
                   pygame.Rect(rect.x + pad, y, rect.width - 2 * pad, _px(20, scale)),
                   _px(12, scale), theme.MUTED, max_lines=1) + 2
    row_h = max(_px(26, scale), (rect.bottom - pad - y) // 3)
    name_font = theme.font(_px(16, scale), True)
    name_w = max(name_font.size(_(f.capitalize()))[0] for f in FRONTS) + 10
    number_w = theme.font(_px(15, scale)).size("100")[0] + 8
    word_font = theme.font(_px(15, scale))
    agree_w = max(word_font.size(_(w))[0] for w in AGREEMENT_WORDS) + round(30 * scale)
    line_h = name_font.get_linesize()
    erodes = panel.erodes
    note_h = theme.font(_px(13, scale)).get_linesize()
    for front in FRONTS:
        meter = f"tension.{front}"
        value = panel.meters[meter]
        row = pygame.Rect(rect.x + pad, y, rect.width - 2 * pad, row_h)
        middle = row.y + min(row_h, line_h) // 2
        draw.text(surface, _(front.capitalize()), pygame.Rect(row.x, row.y, name_w, line_h),
                  _px(16, scale), theme.TEXT, bold=True, max_lines=1)
        bar_h = round(14 * scale)
        bar_rect = pygame.Rect(row.x + name_w, middle - bar_h // 2,
                               row.width - name_w - number_w - agree_w, bar_h)
        colour = theme.BAD if value >= erodes else theme.WARN if value >= erodes - 20 \
            else theme.GOOD
        draw.bar(surface, bar_rect, panel.shown.get(meter, value), colour,
                 marks=((erodes, theme.BAD),))
        clickable[meter] = bar_rect.inflate(0, 10)
        draw.text(surface, str(value), pygame.Rect(bar_rect.right + 6, row.y, number_w, line_h),
                  _px(15, scale), theme.MUTED, max_lines=1)
        step = panel.agreements[front]
        r = round(8 * scale)
        ax = row.right - agree_w + r + 4
        draw.agreement_icon(surface, step, (ax, middle), r)
        draw.text(surface, _(AGREEMENT_WORDS[step]),
                  pygame.Rect(ax + r + 6, row.y, agree_w - 2 * r - 10, line_h),
                  _px(15, scale), theme.TEXT, max_lines=1)
        note = panel.notes.get(front)
        if note and step < 2 and row_h >= line_h + note_h:  # a signed front: nothing to answer
            draw.text(surface, note, pygame.Rect(row.x + name_w, middle + bar_h // 2 + 3,
                                                 row.right - row.x - name_w, note_h),
                      _px(13, scale), theme.ACCENT, max_lines=1, shrink=True)
        y += row_h
    return clickable


def board_layout(size: tuple[int, int], scale: float) -> dict[str, pygame.Rect]:
    """Rectangles of the board's parts for a window size and text scale: the top bar,
    the two leaders either side of the centre, and the hand beside the details."""
    w, h = size
    m = round(12 * scale)
    top = round(46 * scale)
    side_w = round(w * 0.24)
    row1_h = round((h - top) * 0.42)
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


def draw_top(surface: pygame.Surface, rect: pygame.Rect, label: str, notice: str,
             scale: float) -> None:
    """The top bar: the turn and month the screen is about, and a notice if any."""
    draw.text(surface, label, pygame.Rect(14, (rect.height - _px(24, scale)) // 2 - 2,
                                          rect.width // 2, _px(34, scale)),
              _px(20, scale), theme.TEXT, bold=True, max_lines=1)
    if notice:
        draw.text(surface, notice, pygame.Rect(rect.width // 3, 8, rect.width // 3,
                                               rect.height - 8),
                  _px(14, scale), theme.WARN, max_lines=2)


def overlay_box(size: tuple[int, int], wf: float, hf: float) -> pygame.Rect:
    """A box of `wf` by `hf` of the window, centred: where an overlay draws."""
    w, h = size
    bw, bh = round(w * wf), round(h * hf)
    return pygame.Rect((w - bw) // 2, (h - bh) // 2, bw, bh)
