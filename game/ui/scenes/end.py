"""The end: outcome, standings, chart, the three largest swings, and what really happened.

It sounds once, when first shown: a warm rising chord for a compromise, low falling
tones for a collision or a leader losing his base. The term simply running out is
neither a meeting of minds nor a falling out, and ends without a sound.
"""

from __future__ import annotations

import pygame

from game.i18n import Translator, _
from game.report.told import beside_lines, kind_words, standing_lines, swing_lines
from game.session import Session
from game.ui import draw, theme
from game.ui.app import App
from game.ui.charts import chart_lines, chart_thresholds, draw_chart
from game.ui.router import Push, Reset, Transition
from game.ui.scene import Action, Outcome, Scene
from game.ui.widgets.scroll import Scroll
from game.wording import ending_words, goal_lines, goal_mark

#: The effect (game.ui.sound.EFFECTS) each kind of ending plays; a kind not here is silent.
ENDING_SOUNDS = {"compromise": "compromise", "collision": "collision",
                 "domestic_defeat": "collision"}


class EndScene(Scene):
    """How the game ended."""

    name = "end"

    def __init__(self, app: App, session: Session, human: str,
                 voices: dict[str, Translator] | None = None) -> None:
        super().__init__(app)
        self.session = session
        self.human = human  # "" when two played at one computer
        self.voices = voices or {}  # then each seat's language, if not the window's
        self.story, self.swings = Scroll(), Scroll()  # the two columns, scrolled if long
        self.sounded = False  # the ending's sound plays once, not again on coming back
        self.said = ""  # where the debrief report went (or why it could not be written)

    def entered(self) -> None:
        """Shown on top: the ending's sound, the first time."""
        if not self.sounded:
            self.sounded = True
            kind = (self.session.state.ending or {}).get("kind", "term_end")
            if kind in ENDING_SOUNDS:
                self.app.sounds.play(ENDING_SOUNDS[kind])

    def buttons(self) -> list[tuple[str, Action, str]]:
        """The buttons along the bottom: label, action, name."""
        return [(_("Replay month by month"), self.replay, "replay"),
                (_("Debrief report"), self.report, "report"),
                (_("Rematch, sides switched"), self.rematch, "rematch"),
                (_("Play it again"), self.play_again, "again"),
                (_("New game"), self.new_game, "new"),
                (_("Title"), self.title, "title")]

    def button_rects(self) -> list[pygame.Rect]:
        """Where the buttons go."""
        return button_row([label for label, *_rest in self.buttons()], *self.app.size, self.s)

    def build(self) -> None:
        for (label, action, name), rect in zip(self.buttons(), self.button_rects(),
                                               strict=True):
            self.button(rect, label, action, name=name)

    def rematch(self) -> Transition[Scene]:
        """Same scenario and seed, the other side (two players: each the other's leader,
        in his own language still)."""
        again = self.session.rematch(save_dir=self.app.save_dir, autosave=True)
        voices = {side: self.voices[other] for side, other in (("amlo", "trump"),
                  ("trump", "amlo")) if other in self.voices}
        return Reset(self.app.make("game", again, again.humans()[0], voices))

    def report(self) -> None:
        """The debrief report of this game: written beside the saves, and opened in the
        web browser (to read, print or project)."""
        from game.report.files import write_session_report
        from game.ui import browser

        try:
            path = write_session_report(self.session, self.app.save_dir / "reports")
        except OSError as exc:
            self.said = _("The report could not be written: {why}.").format(
                why=exc.strerror or exc)
        else:
            opened = browser.open_in_browser(path.resolve().as_uri())
            self.said = (_("Report opened in your browser: {path}") if opened else
                         _("Report written: {path} (open it in a web browser)")).format(
                             path=path)
        self.app.dirty = True

    def replay(self) -> Transition[Scene]:
        """This game again, month by month, as it was played."""
        return Push(self.app.make("replay", self.session, self.human))

    def play_again(self) -> Transition[Scene]:
        """Play the same game again from the first turn, same side and seed."""
        from game.session import Session as S

        kinds = {side: agent.kind for side, agent in self.session.agents.items()}
        again = S.new(self.app.content, self.session.engine.scenario.id, self.session.state.seed,
                      kinds, save_dir=self.app.save_dir, autosave=True)
        human = self.human if self.human in again.humans() else again.humans()[0]
        return Reset(self.app.make("game", again, human, self.voices))

    def new_game(self) -> Transition[Scene]:
        """Choose a new game: the title, and the new-game screen over it."""
        return Reset(self.app.make("title"), self.app.make("setup"))

    def title(self) -> Transition[Scene]:
        """Back to the title screen."""
        return Reset(self.app.make("title"))

    def handle(self, event: pygame.event.Event) -> Outcome:
        """Esc goes to the title; the wheel and the page keys scroll a long column."""
        if self.story.handle(event, self.s) or self.swings.handle(event, self.s):
            self.app.dirty = True
            return True
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            return self.title()
        return super().handle(event)

    def draw(self, surface: pygame.Surface) -> None:
        """Left: outcome, standings, history. Right: chart and swings."""
        w = self.app.size[0]
        content = self.session.engine.content
        record = self.session.state.ending or {}
        ending = next((e for e in content.endings if e.id == record.get("id")), None)
        m = round(20 * self.s)
        note = self.px(20) if self.said else 0  # a line above the buttons for the report
        bottom = min(rect.y for rect in self.button_rects()) - 16 - note
        left = pygame.Rect(m, m, round(w * 0.44), bottom - m)
        right = pygame.Rect(left.right + m, m, w - left.right - 2 * m, bottom - m)
        kind = record.get("kind", "term_end")
        lines: list[tuple[str, int, bool, tuple[int, int, int]]] = [
            (kind_words(kind).upper() + "  ·  " + _("turn {t}").format(
                t=record.get("turn", self.session.state.turn)), 14, True, theme.ACCENT),
            (ending_words(record, content)[0], 30, True, theme.TEXT),
            (ending_words(record, content)[1], 16, False, theme.TEXT),
        ]
        for line, good in standing_lines(self.session.state, content, self.human):
            lines.append((line, 16, True, theme.GOOD if good else theme.BAD))
        lines[-1] = (lines[-1][0], 16, True, theme.TEXT)  # the relationship: neither
        if ending is not None and ending.history:
            lines.append((_("What really happened"), 17, True, theme.ACCENT))
            lines.append((ending.history, 15, False, theme.TEXT))
        moments = beside_lines(self.session.state, content)
        if moments:
            lines.append((_("Your game beside history"), 16, True, theme.ACCENT))
            lines.extend((moment, 13, False, theme.TEXT) for moment in moments)
        draw.panel(surface, left)
        self.story.column(surface, left.inflate(-2 * m, -2 * m), lines, self.s)
        chart_h = round(right.height * 0.42)
        draw_chart(surface, pygame.Rect(right.x, right.y, right.width, chart_h),
                   chart_lines(self.session), chart_thresholds(self.session.engine.content,
                                    self.session.engine.scenario_endings),
                   self.px(13))
        swings = pygame.Rect(right.x, right.y + chart_h + m, right.width,
                             right.height - chart_h - m)
        draw.panel(surface, swings)
        swing_lines_: list[tuple[str, int, bool, tuple[int, int, int]]] = []
        goals = self.session.engine.judge_goals(self.session.state)
        if goals:
            swing_lines_.append((_("Goals"), 17, True, theme.TEXT))
            for whose, text, met in goal_lines(content, goals):
                swing_lines_.append((_("{mark} — {whose}: {goal}").format(
                    mark=goal_mark(met).upper(), whose=whose, goal=text), 15, True,
                    theme.GOOD if met else theme.BAD))
        count = 2 if goals else 3  # room for the goals first
        swing_lines_.append((_("The largest swings") if goals else _("The three largest swings"),
                            17, True, theme.TEXT))
        for heading, causes in swing_lines(self.session.state, content, count):
            swing_lines_.append((heading, 15, True, theme.ACCENT))
            swing_lines_.append((causes, 14, False, theme.TEXT))
        self.swings.column(surface, swings.inflate(-2 * m, -2 * m), swing_lines_, self.s)
        if self.said:
            draw.text(surface, self.said, pygame.Rect(m, bottom + 8, w - 2 * m, note),
                      self.px(14), theme.TEXT, max_lines=1, shrink=True)


def button_row(labels: list[str], w: int, h: int, scale: float) -> list[pygame.Rect]:
    """Buttons along the bottom, right-aligned, each as wide as its label needs; in two
    rows when one row is too narrow for them all."""
    fnt = theme.font(round(16 * scale), True)
    gap, pad, bh = 12, round(20 * scale), round(42 * scale)
    widths = [fnt.size(label)[0] + 2 * pad for label in labels]
    rows = [list(range(len(labels)))]
    if sum(widths) + gap * (len(labels) + 1) > w:
        half = (len(labels) + 1) // 2
        rows = [list(range(half)), list(range(half, len(labels)))]
    rects: list[pygame.Rect] = [pygame.Rect(0, 0, 0, 0)] * len(labels)
    for r, row in enumerate(rows):
        y = h - 16 - (len(rows) - r) * (bh + gap) + gap
        x = w - gap - sum(widths[i] + gap for i in row) + gap
        for i in row:
            rects[i] = pygame.Rect(x, y, widths[i], bh)
            x += widths[i] + gap
    return rects
