"""New game: pick a side, a scenario, the opponent and an optional seed.

The opponent is the computer at one of its difficulties, or a second player at the same
computer ("two players, one computer"): then both leaders are human, and each seat may
pick the language of its own screens when the window offers more than one.
"""

from __future__ import annotations

import random
from functools import partial

import pygame
import pygame_gui

from game import i18n
from game.core.state import SIDES
from game.i18n import _
from game.ui import borderland, draw, theme
from game.ui.focus import Focusable
from game.ui.router import Pop, Reset, Transition
from game.ui.scene import Outcome, Scene
from game.ui.widgets.newgame import briefing, button_row
from game.ui.widgets.scroll import Scroll


class SetupScene(Scene):
    """Choices before a game."""

    name = "setup"

    def __init__(self, app: object) -> None:
        super().__init__(app)  # type: ignore[arg-type]
        self.side = "amlo"
        content = self.app.content
        self.scenarios = list(content.scenarios)
        self.scenario = "full_term" if "full_term" in content.scenarios else self.scenarios[0]
        difficulties = content.difficulties
        self.agent = "normal" if "normal" in difficulties else next(iter(difficulties),
                                                                    "reciprocal")
        self.two = False  # two players at one computer, instead of the computer
        self.languages = {side: i18n.language() for side in SIDES}  # each seat's, at two
        self.seed_entry: pygame_gui.elements.UITextEntryLine | None = None
        self.seed_text = ""
        self.error = ""
        self.side_rects: dict[str, pygame.Rect] = {}
        self.about = Scroll()  # the chosen side, the goals and the scenario, at the right
        self.opponent = Scroll()  # how the chosen opponent plays, under the choices

    # layout -----------------------------------------------------------------

    def build(self) -> None:
        w, h = self.app.size
        m = 24
        top = round(70 * self.s)
        col = (w - 3 * m) // 2
        panel_h = self.panel_height(col)
        for i, side in enumerate(("amlo", "trump")):
            rect = pygame.Rect(m + i * (col + m), top, col, panel_h)
            self.side_rects[side] = rect
            self.focus.add(Focusable.at(rect, partial(self.pick_side, side),
                                     name=f"side-{side}"))
        y = top + panel_h + round(16 * self.s)
        bh = round(40 * self.s)
        x = m
        label_w = self.label_width()
        self.scenario_y = y
        # One control that cycles through the scenarios: room for the longest title (in
        # this language) and the line under it.
        titles = max(draw.text_height(s.title, col - label_w - 16, self.px(15), True)
                     for s in self.app.content.scenarios.values())
        scenario_h = max(round(bh * 1.5), titles + theme.font(self.px(12)).get_linesize() + 12)
        self.scenario_rect = pygame.Rect(x + label_w, y, col - label_w, scenario_h)
        self.focus.add(Focusable.at(self.scenario_rect, self.next_scenario,
                                 name="scenario"))
        y += scenario_h + round(12 * self.s)
        self.agent_y = y
        choices = [(d.id, d.title) for d in self.app.content.difficulties.values()]
        choices.append(("two", _("Two players")))
        labels = [title for _kind, title in choices]
        row = pygame.Rect(x + label_w, y, col - label_w, bh)
        for (kind, title), rect in zip(choices, button_row(row, labels, self.s), strict=True):
            self.button(rect, title, partial(self.pick_agent, kind), name=f"agent-{kind}",
                        object_id="@small_button" if self.s > 1.2 else None)
        y += bh + round(12 * self.s)
        self.seed_y = y
        self.seed_entry = pygame_gui.elements.UITextEntryLine(
            pygame.Rect(x + label_w, y, round(200 * self.s), bh), manager=self.app.manager,
            placeholder_text=_("random"))
        self.seed_entry.set_allowed_characters("numbers")
        self.seed_entry.set_text_length_limit(9)
        if self.seed_text:
            self.seed_entry.set_text(self.seed_text)
        self.elements.append(self.seed_entry)
        self.focus.add(Focusable(lambda: self.seed_entry.rect if self.seed_entry else
                                 pygame.Rect(0, 0, 0, 0), self.focus_seed, name="seed"))
        self.languages_y = y + bh + round(12 * self.s)
        if self.seat_languages():
            labels = [self.seat_words(side) for side in SIDES]
            row = pygame.Rect(x + label_w, self.languages_y, col - label_w, bh)
            for side, label, rect in zip(SIDES, labels, button_row(row, labels, self.s),
                                         strict=True):
                self.button(rect, label, partial(self.next_language, side),
                            name=f"language-{side}",
                            object_id="@small_button" if self.s > 1.2 else None)
        bw = round(200 * self.s)
        self.button(pygame.Rect(w - m - bw, h - bh - 20, bw, bh), _("Start  (Enter)"), self.start,
                    name="start")
        self.button(pygame.Rect(w - 2 * m - 2 * bw, h - bh - 20, bw, bh), _("Back  (Esc)"),
                    Pop, name="back")
        self.focus.focus("start")

    def label_width(self) -> int:
        """How wide the column of the rows' names is."""
        return max(theme.font(self.px(16), True).size(word)[0] for word in (
            _("Scenario"), _("Opponent"), _("Seed"), _("Languages"))) + 16

    def seat_languages(self) -> bool:
        """Each seat picks its language: at two players, when there is a choice."""
        return self.two and len(i18n.available()) > 1

    def seat_words(self, side: str) -> str:
        """A seat's language button: the leader, and the language in its own name."""
        code = self.languages[side]
        return _("{name}: {language}").format(name=self.app.content.leaders[side].short,
                                              language=i18n.LANGUAGES.get(code, code))

    def panel_height(self, width: int) -> int:
        """How tall a leader's panel is: emblem beside name, office and polls."""
        pad, em = round(14 * self.s), round(72 * self.s)
        name = max(draw.text_height(leader.name, width - 3 * pad - em, self.px(19), True)
                   for leader in self.app.content.leaders.values())
        words = name + theme.font(self.px(15)).get_linesize() + 2 * theme.font(
            self.px(15)).get_linesize()
        return 2 * pad + max(em, words)

    # choices ----------------------------------------------------------------

    def pick_side(self, side: str) -> None:
        """Play this leader."""
        self.side = side
        self.app.dirty = True

    def next_scenario(self) -> None:
        """Show the next scenario (Enter or a click on the scenario)."""
        index = self.scenarios.index(self.scenario)
        self.pick_scenario(self.scenarios[(index + 1) % len(self.scenarios)])

    def pick_scenario(self, scenario: str) -> None:
        """Play this scenario."""
        self.scenario = scenario

    def pick_agent(self, kind: str) -> None:
        """The computer plays like this; "two": a second player at this computer."""
        two = kind == "two"
        if not two:
            self.agent = kind
        if two != self.two:
            self.two = two
            self.rebuild()  # the seats' languages come and go
            self.focus.focus(f"agent-{kind}")
        self.app.dirty = True

    def next_language(self, side: str) -> None:
        """The next language for this seat's own screens."""
        codes = i18n.available()
        code = self.languages[side]
        self.languages[side] = codes[(codes.index(code) + 1) % len(codes)] if code in codes \
            else codes[0]
        self.rebuild()
        self.focus.focus(f"language-{side}")

    def focus_seed(self) -> None:
        """Type a seed."""
        if self.seed_entry is not None:
            self.seed_entry.focus()

    def start(self) -> Transition[Scene]:
        """Begin the game."""
        from game.session import Session

        text = self.seed_entry.get_text().strip() if self.seed_entry else ""
        seed = int(text) if text.isdigit() else random.SystemRandom().randrange(1, 10**6)
        if self.two:  # both leaders human, each seat in its own language
            session = Session.new(self.app.content, self.scenario, seed, {},
                                  save_dir=self.app.save_dir, autosave=True)
            session.languages = dict(self.languages)  # kept in the save
            return Reset(self.app.make("game", session, SIDES[0], self.voices()))
        other = "trump" if self.side == "amlo" else "amlo"
        session = Session.new(self.app.content, self.scenario, seed, {other: self.agent},
                              save_dir=self.app.save_dir, autosave=True)
        return Reset(self.app.make("game", session, self.side))

    def voices(self) -> dict[str, i18n.Translator]:
        """The seats' languages that are not the window's."""
        window = i18n.current()
        return {side: i18n.translator_for(code, self.app.loader.packs)
                for side, code in self.languages.items() if code != window.lang}

    # input ------------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> Outcome:
        """Mouse on the side panels and scenarios; Esc back; the wheel and the page keys
        scroll the text at the right."""
        if self.about.handle(event, self.s, ends=False):
            self.app.dirty = True
            return True
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for side, rect in self.side_rects.items():
                if rect.collidepoint(event.pos):
                    self.pick_side(side)
                    return True
            if self.scenario_rect.collidepoint(event.pos):
                self.next_scenario()
                return True
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            return Pop()
        return super().handle(event)

    def on_button(self, element: object) -> Outcome:
        """Remember what is typed in the seed box across rebuilds."""
        if self.seed_entry is not None:
            self.seed_text = self.seed_entry.get_text()
        return super().on_button(element)

    def teardown(self) -> None:
        """Keep the seed text when the screen is rebuilt."""
        if self.seed_entry is not None:
            self.seed_text = self.seed_entry.get_text()
            self.seed_entry = None
        super().teardown()

    def trace_words(self) -> str:
        """The scenario and side chosen (two: the seats' languages), for the trace file."""
        if self.two:
            return f"{self.scenario} two " + " ".join(f"{side}:{code}" for side, code
                                                        in self.languages.items())
        return f"{self.scenario} {self.side}"

    # drawing ----------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        """The two leaders, then scenario, opponent and seed rows, on the border faint."""
        w, h = self.app.size
        borderland.draw_backdrop(surface, pygame.Rect(0, 0, w, h), 0.5, places=False)
        m = 24
        content = self.app.content
        draw.text(surface, _("New game — two players, one computer") if self.two else
                  _("New game — choose your side"), pygame.Rect(m, 18, w - 2 * m, 50),
                  self.px(26), theme.TEXT, bold=True)
        scenario = content.scenarios[self.scenario]
        for side, rect in self.side_rects.items():
            leader = content.leaders[side]
            chosen = side == self.side or self.two  # at two, both leaders are played
            draw.panel(surface, rect, theme.PANEL_HI if chosen else theme.PANEL,
                       theme.ACCENT if chosen else theme.LINE, 3 if chosen else 1)
            pad = round(14 * self.s)
            em = round(72 * self.s)
            draw.badge(surface, pygame.Rect(rect.x + pad, rect.y + pad, em, em), leader.emblem)
            tx = rect.x + 2 * pad + em
            tw = rect.right - pad - tx
            y = rect.y + pad
            y += draw.text(surface, leader.name, pygame.Rect(tx, y, tw, round(60 * self.s)),
                           self.px(19), theme.TEXT, bold=True, max_lines=2)
            y += draw.text(surface, leader.office, pygame.Rect(tx, y, tw, round(30 * self.s)),
                           self.px(15), theme.MUTED, max_lines=1)
            polls = scenario.meters.get(f"polls.{side}", 50)
            y += draw.text(surface, _("Starting polls {p}% · floor {f} · comfort {c}").format(
                p=polls, f=leader.floor, c=leader.comfort), pygame.Rect(tx, y, tw, 60),
                self.px(15), theme.TEXT, max_lines=2)
            if chosen and not self.two:
                draw.text(surface, _("YOU"), pygame.Rect(rect.right - 80, rect.y + 8, 70, 30),
                          self.px(14), theme.ACCENT, bold=True, align="right")
        label_w = self.label_width()
        bh = round(40 * self.s)
        rows = [(self.scenario_y, _("Scenario")), (self.agent_y, _("Opponent")),
                (self.seed_y, _("Seed"))]
        if self.seat_languages():
            rows.append((self.languages_y, _("Languages")))
        for y, label in rows:
            draw.text(surface, label, pygame.Rect(m, y + bh // 4, label_w - 8, bh), self.px(16),
                      theme.MUTED, bold=True, max_lines=1)
        col_x = (w + m) // 2
        right = pygame.Rect(col_x, self.scenario_y, w - m - col_x,
                            h - bh - 40 - self.scenario_y)
        level = content.difficulties.get(self.agent)
        opponent = (_("Opponent: a second player, at this computer. Each month the screen is "
                      "handed over between you, so neither sees the other's hand.") if self.two
                    else _("Opponent: {title}. {text}").format(title=level.title, text=level.text)
                    if level is not None else "")
        about = briefing(content, scenario, None if self.two else self.side)
        draw.panel(surface, right)
        self.about.column(surface, right.inflate(-2 * round(12 * self.s), -2 * round(10 * self.s)),
                          about, self.s)
        below = (self.languages_y if self.seat_languages() else self.seed_y) + bh + \
            round(20 * self.s)
        if right.bottom - below >= 2 * theme.font(self.px(14)).get_linesize():  # else no room
            self.opponent.column(surface, pygame.Rect(m, below, col_x - 2 * m,
                                                      right.bottom - below),
                                 [(opponent, 14, False, theme.MUTED)], self.s)
        rect = self.scenario_rect
        draw.panel(surface, rect, theme.PANEL_HI, theme.LINE)
        count = _("{n} of {total} · Enter or click for the next").format(
            n=self.scenarios.index(self.scenario) + 1, total=len(self.scenarios))
        hint_h = theme.font(self.px(12)).get_linesize()
        inner = rect.inflate(-16, -8)
        draw.text(surface, scenario.title, pygame.Rect(inner.x, inner.y, inner.width,
                                                       inner.height - hint_h),
                  self.px(15), theme.TEXT, bold=True, max_lines=3, shrink=0.6)
        draw.text(surface, count, pygame.Rect(inner.x, inner.bottom - hint_h, inner.width,
                                              hint_h),
                  self.px(12), theme.MUTED, max_lines=1, shrink=True)
        for item in self.focus.items:
            if item.name == f"agent-{'two' if self.two else self.agent}":
                pygame.draw.rect(surface, theme.ACCENT, item.rect().inflate(8, 8), 2,
                                 border_radius=9)
