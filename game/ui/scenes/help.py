"""How to play: the rules in under two minutes, with the parts of the screen named."""

from __future__ import annotations

import pygame

from game.i18n import _
from game.models.bundle import Content
from game.ui import draw, theme
from game.ui.app import App
from game.ui.router import Pop
from game.ui.scene import Outcome, Scene
from game.ui.widgets.scroll import Scroll, fits
from game.wording import goal_text, trust_interactions


def sections(content: Content | None = None) -> list[tuple[str, str]]:
    """The help text, as (heading, paragraph); with `content`, its own ending lines and
    trust-dependent interactions (a mod's numbers, not the base game's)."""
    aim = _("You lead Mexico or the United States, one month per turn. Keep your polls above "
            "your floor at home while building trust with the other president.")
    aim += " " + (goal_text(content) if content is not None else _(
        "High trust with agreements signed is compromise: you both win. Trust near zero is "
        "collision: you both lose."))
    stances = _(
        "Circle = cooperate, triangle = confront, square = domestic. Both cooperate: "
        "reciprocity, trust rises. You cooperate while he confronts: you look weak at home. "
        "Both confront: escalation, trust falls hard. Domestic cards do not touch the "
        "other side.")
    special = trust_interactions(content) if content is not None else []
    if special:
        stances += " " + _("Some meetings change with trust: {list}.").format(
            list="; ".join(special))
    agreements = _("When both cooperate on the same front (trade, migration, security), its "
                   "agreement moves from none to talks to signed.")
    if content is None or content.rules.standing_offers:
        agreements += " " + _("An unanswered cooperative card stays on the table for a month: "
                              "cooperate on its front the next month to answer it, and the "
                              "agreement moves too.")
    agreements += " " + _("A confrontation breaks off talks. Below your comfort level, your "
                          "base punishes softness and rewards toughness.")
    return [
        (_("The aim"), aim),
        (_("A turn"), _(
            "1. Upkeep: you gain political capital; polls drift toward their usual level. "
            "2. News: what history dated to this month, and one more story; some ask you "
            "to decide. 3. Policy: you and the other "
            "president each choose a card in secret, or Hold to bank capital. 4. Both cards are "
            "revealed and resolved.")),
        (_("Stances"), stances),
        (_("Agreements and your base"), agreements),
        (_("The screen"), _(
            "Left and right: each leader's polls with floor (red mark) and comfort (yellow "
            "mark), and capital. Top middle: the trust track from collision to compromise. "
            "Middle: tension and agreement on each front. Bottom: your hand. Right: news. "
            "Click a meter or press W to see why it moved.")),
        (_("Keys"), _(
            "1–5 pick a card, H holds, Enter confirms, Tab and arrows move, Esc menu, "
            "C chart, W why did it move, Ctrl+S save, F1 this help (A: about the model).")),
    ]


def _balanced_split(parts: list[tuple[str, str]]) -> int:
    """Where to cut the sections into two columns of about the same amount of text."""
    sizes = [len(heading) + len(body) for heading, body in parts]
    total = sum(sizes)
    best, best_gap, running = 1, float("inf"), 0
    for i, size in enumerate(sizes[:-1], start=1):
        running += size
        if abs(total - 2 * running) < best_gap:
            best, best_gap = i, abs(total - 2 * running)
    return best if len(parts) > 1 else len(parts)


def paragraphs_of(parts: list[tuple[str, str]]) -> list[draw.Paragraph]:
    """Sections as paragraphs: each heading, then its text."""
    out: list[draw.Paragraph] = []
    for heading, body in parts:
        out += [(heading, 19, True, theme.ACCENT), (body, 16, False, theme.TEXT)]
    return out


def about_sections(content: Content | None) -> list[tuple[str, str]]:
    """The "About the model" page, as (heading, paragraph): what the model assumes and
    simplifies, from the content packs' assumptions."""
    if content is None:
        return [(_("About the model"), _("The game's content is still loading."))]
    return [(a.heading, a.text) for a in content.assumptions.values()]


class HelpScene(Scene):
    """The rules, and a second page: what the model assumes and simplifies."""

    name = "help"

    def __init__(self, app: App, page: str = "rules") -> None:
        self.page = page  # "rules" or "about"
        self.scroll = Scroll()  # used when a larger text size needs one long column
        super().__init__(app)

    def build(self) -> None:
        w, h = self.app.size
        bw, bh = round(200 * self.s), round(44 * self.s)
        self.button(pygame.Rect(w - bw - 30, h - bh - 20, bw, bh), _("Back (Esc)"), Pop,
                    name="back")
        other = _("How to play (A)") if self.page == "about" else _("About the model (A)")
        aw = round(260 * self.s)
        self.button(pygame.Rect(w - bw - aw - 50, h - bh - 20, aw, bh), other, self.switch,
                    name="page")

    def switch(self) -> None:
        """Show the other page."""
        self.page = "rules" if self.page == "about" else "about"
        self.scroll = Scroll()
        self.rebuild()

    def handle(self, event: pygame.event.Event) -> Outcome:
        """Esc or F1 closes the help; A turns the page; the wheel and the page keys
        scroll a long page."""
        if self.scroll.handle(event, self.s):
            self.app.dirty = True
            return True
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_F1):
            return Pop()
        if event.type == pygame.KEYDOWN and event.key == pygame.K_a:
            self.switch()
            return True
        return super().handle(event)

    def draw(self, surface: pygame.Surface) -> None:
        """Two columns of short sections."""
        w, h = self.app.size
        margin = 40
        y0 = 24
        title = _("About the model") if self.page == "about" else _("How to play")
        y0 += draw.text(surface, title, pygame.Rect(margin, y0, w - 2 * margin, 60),
                        self.px(30), theme.TEXT, bold=True) + 8
        col_w = (w - 3 * margin) // 2
        bottom = h - round(80 * self.s)
        content = self.app.content_if_loaded
        parts = about_sections(content) if self.page == "about" else sections(content)
        half = _balanced_split(parts)
        columns = [paragraphs_of(parts[:half]), paragraphs_of(parts[half:])]
        if all(fits(column, pygame.Rect(0, 0, col_w, bottom - y0), self.s)
               for column in columns):
            for col, column in enumerate(columns):
                draw.fitted(surface, pygame.Rect(margin + col * (col_w + margin), y0, col_w,
                                                 bottom - y0), column, self.s)
        else:  # a larger text size: one column across, scrolled
            self.scroll.draw(surface, pygame.Rect(margin, y0, w - 2 * margin, bottom - y0),
                             columns[0] + columns[1], self.s)
