"""Settings: window or full screen, text size, animation speed, how card effects show,
and sound.

Every choice applies at once (the whole interface is rebuilt at the new text
size; a new sound level plays a card as a sample) and is stored for the next run.
The current value of each setting is marked with a drawn check mark and an outline,
and named under the setting when there is room.
"""

from __future__ import annotations

from functools import partial
from typing import Any

import pygame

from game.i18n import LANGUAGES, N_, _, available, language
from game.ui import draw, theme
from game.ui.app import App
from game.ui.router import Pop
from game.ui.scene import Outcome, Scene
from game.ui.settings import ANIMATION_SPEEDS, VOLUMES, config_dir

ANIMATION_WORDS = {"off": N_("Off"), "fast": N_("Fast"), "normal": N_("Normal")}
SAMPLE = N_("Keep your polls above your floor at home while you build trust with the other "
            "president. Trust of 80 with two agreements signed: you both win.")

Choice = tuple[Any, str]  # (value, label)


class SettingsScene(Scene):
    """Change how the game looks and moves."""

    name = "settings"

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.keep = ""  # the button to focus after the scene is rebuilt
        self.rows_y: list[tuple[int, int]] = []  # (top, height) of each setting's row
        self.with_now = True  # room for "Now: …" under each setting's name

    # the settings -----------------------------------------------------------

    def settings_rows(self) -> list[tuple[str, str, list[Choice], Any]]:
        """Each setting: key, title, its choices, and the current value."""
        current = self.app.settings
        rows: list[tuple[str, str, list[Choice], Any]] = [
            ("display", _("Display"), [(False, _("Window")), (True, _("Full screen"))],
             current.fullscreen),
            ("text", _("Text size"), [(i, _(name)) for i, name in
                                      enumerate(theme.TEXT_SIZE_NAMES)], current.text_size),
            ("animation", _("Animation"),
             [(speed, _(ANIMATION_WORDS[speed])) for speed in ANIMATION_SPEEDS],
             current.animation),
            ("effects", _("Card effects"),
             [("exact", _("Numbers")), ("direction", _("Direction"))],
             current.effects),
            ("sound", _("Sound"), [("off", _("Off")), ("quiet", _("Quiet")),
                                   ("medium", _("Medium")), ("loud", _("Loud"))],
             current.sound),
        ]
        if len(available()) > 1:  # each language in its own name, so anyone finds theirs
            rows.append(("language", _("Language"),
                         [(code, LANGUAGES[code]) for code in available()], language()))
        return rows

    @staticmethod
    def button_name(key: str, value: Any) -> str:
        """The focus name of a choice: display-window, text-2, animation-fast…"""
        if key == "display":
            return "display-full" if value else "display-window"
        return f"{key}-{value}"

    def choose(self, key: str, value: Any) -> None:
        """Apply a choice now, keep the focus on it, and store it for next time."""
        settings = self.app.settings
        self.keep = self.button_name(key, value)
        if key == "sound":  # nothing to rebuild (nor a window to open again)
            self.set_sound(str(value))
            self.focus.focus(self.keep)
        else:
            if key == "display":
                settings.fullscreen = bool(value)
            elif key == "text":
                settings.text_size = int(value)
            elif key == "effects":
                settings.effects = str(value)
            elif key == "language":
                settings.language = str(value)
                self.app.use_language(settings.language)
            else:
                settings.animation = str(value)
            self.app.apply_settings()  # rebuilds this scene, which focuses `keep`
        error = settings.save(self.app.settings_path)
        silent = key == "sound" and not settings.muted and self.app.sounds.problem
        self.notice = (_("Applied, but not kept for next time: {why}").format(why=error)
                       if error else silent or "")
        self.app.dirty = True

    def set_sound(self, level: str) -> None:
        """Off mutes and keeps the volume; a level sets it and unmutes, and a card is
        played at the new volume as a sample."""
        settings = self.app.settings
        settings.muted = level == "off"
        settings.volume = VOLUMES.get(level, settings.volume)
        self.app.sounds.set_volume(settings.volume, settings.muted)
        self.app.sounds.play("card")

    # layout -----------------------------------------------------------------

    @property
    def margin(self) -> int:
        return max(24, round(self.app.size[0] * 0.03))

    def label_width(self) -> int:
        """Width of the column of setting names."""
        bold = theme.font(self.px(18), True)
        small = theme.font(self.px(14))
        widths = [bold.size(title)[0] for _k, title, _c, _v in self.settings_rows()]
        widths += [small.size(self.now_words(choices, value))[0]
                   for _k, _t, choices, value in self.settings_rows()]
        return max(widths) + round(24 * self.s)

    @staticmethod
    def now_words(choices: list[Choice], value: Any) -> str:
        """`Now: Larger`."""
        label = next((text for v, text in choices if v == value), str(value))
        return _("Now: {value}").format(value=label)

    def check_size(self) -> int:
        return round(14 * self.s)

    def storage_words(self) -> str:
        """Where the settings are kept."""
        where = self.app.settings_path or config_dir() / "settings.json"
        return _("Changes apply at once and are kept for the next time, in {path}.").format(
            path=where)

    def top(self) -> int:
        """Where the first row starts, under the heading and the line about storage."""
        heading = theme.font(self.px(28), True).get_linesize()
        small = theme.font(self.px(14)).get_linesize()
        storage = min(2 * small, draw.text_height(self.storage_words(),
                                                  self.app.size[0] - 2 * self.margin,
                                                  self.px(14)))
        return 18 + heading + 4 + storage + round(16 * self.s)

    def row_sizes(self, count: int) -> tuple[int, int, int]:
        """(row height, button height, space under each row) for `count` rows: roomy,
        with the sample text under them at its full size, where the window allows. On a
        window too short for that the sample goes, then the space between rows shrinks,
        then the "Now: …" lines go (the check mark still shows each current value) and
        the buttons grow shorter: the text keeps its size."""
        bh, gap, least = round(44 * self.s), round(14 * self.s), round(4 * self.s)
        row_h = max(bh, theme.font(self.px(18), True).get_linesize() +
                    theme.font(self.px(14)).get_linesize())
        room = self.back_rect.y - 24 - self.top()  # down to where the sample would end
        spaces = max(1, count - 1)
        self.with_now = True
        if count * (row_h + gap) + self.sample_height() <= room:
            return row_h, bh, gap
        if count * row_h + spaces * least <= room:
            return row_h, bh, min(gap, (room - count * row_h) // spaces)
        self.with_now = False
        label = theme.font(self.px(16), True).get_linesize() + round(8 * self.s)
        bh = max(label, theme.font(self.px(18), True).get_linesize(),
                 min(bh, (room - spaces * least) // count))
        return bh, bh, least

    def build(self) -> None:
        w, h = self.app.size
        m = self.margin
        fnt = theme.font(self.px(16), True)
        bh = round(44 * self.s)
        back_w = max(round(180 * self.s), fnt.size(_("Back  (Esc)"))[0] + round(36 * self.s))
        self.back_rect = pygame.Rect(w - m - back_w, h - bh - 20, back_w, bh)
        label_w = self.label_width()
        rows = self.settings_rows()
        widest = max(fnt.size(text)[0] for _k, _t, choices, _v in rows for _v2, text in choices)
        gap = round(12 * self.s)
        most = max(len(choices) for _k, _t, choices, _v in rows)
        room = w - 2 * m - label_w
        bw = min(widest + 2 * (self.check_size() + round(22 * self.s)),
                 (room - gap * (most - 1)) // most)
        row_h, bh, between = self.row_sizes(len(rows))
        y = self.top()
        self.rows_y = []
        for key, _title, choices, _value in rows:
            x = m + label_w
            by = y + (row_h - bh) // 2
            for value, text in choices:
                self.button(pygame.Rect(x, by, bw, bh), text, partial(self.choose, key, value),
                            name=self.button_name(key, value))
                x += bw + gap
            self.rows_y.append((y, row_h))
            y += row_h + between
        self.sample_top = y  # under the space under the last row
        self.button(self.back_rect, _("Back  (Esc)"), Pop, name="back")
        if not (self.keep and self.focus.focus(self.keep)):
            key, _title, _choices, value = rows[0]
            self.focus.focus(self.button_name(key, value))

    # input ------------------------------------------------------------------

    def row_of(self, name: str) -> int:
        """The row index of a focus name (the Back button is after the last row)."""
        keys = [key for key, *_rest in self.settings_rows()]
        prefix = name.split("-")[0]
        return keys.index(prefix) if prefix in keys else len(keys)

    def handle(self, event: pygame.event.Event) -> Outcome:
        """Up and Down go from setting to setting, Left and Right along one; Esc goes back."""
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                return Pop()
            if event.key in (pygame.K_UP, pygame.K_DOWN) and self.focus.current is not None:
                rows = self.settings_rows()
                step = -1 if event.key == pygame.K_UP else 1
                target = (self.row_of(self.focus.current.name) + step) % (len(rows) + 1)
                if target == len(rows):
                    self.focus.focus("back")
                else:
                    key, _title, _choices, value = rows[target]
                    self.focus.focus(self.button_name(key, value))
                self.keep = self.focus.current.name if self.focus.current else ""
                return True
        used = super().handle(event)
        if self.focus.current is not None:
            self.keep = self.focus.current.name
        return used

    # drawing ----------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        """Heading, the setting names, the sample text, and beside the Back button the
        notice if there is one (a setting not stored, no sound), else the keys."""
        w = self.app.size[0]
        m = self.margin
        y = 18
        y += draw.text(surface, _("Settings"), pygame.Rect(m, y, w - 2 * m,
                                                             theme.font(self.px(28), True)
                                                             .get_linesize()),
                       self.px(28), theme.TEXT, bold=True, max_lines=1, shrink=True) + 4
        draw.text(surface, self.storage_words(), pygame.Rect(m, y, w - 2 * m, self.top() - y),
                  self.px(14), theme.MUTED, max_lines=2)
        label_w = self.label_width()
        title_font = theme.font(self.px(18), True)
        small_font = theme.font(self.px(14))
        for (_key, title, choices, value), (top, height) in zip(self.settings_rows(),
                                                                self.rows_y, strict=False):
            block = title_font.get_linesize() + small_font.get_linesize() * self.with_now
            ty = top + (height - block) // 2
            draw.text(surface, title, pygame.Rect(m, ty, label_w, title_font.get_linesize()),
                      self.px(18), theme.TEXT, bold=True, max_lines=1)
            if self.with_now:
                draw.text(surface, self.now_words(choices, value),
                          pygame.Rect(m, ty + title_font.get_linesize(), label_w,
                                      small_font.get_linesize()), self.px(14), theme.MUTED,
                          max_lines=1)
        self.draw_sample(surface, self.back_rect.y - 24)
        bottom = pygame.Rect(m, self.back_rect.y - 10, self.back_rect.x - m - 20,
                             self.back_rect.height + 20)
        words, size, colour = (self.notice, 15, theme.WARN) if self.notice else (
            _("Tab or arrows move, Enter chooses, Esc goes back"), 14, theme.MUTED)
        used = min(bottom.height, draw.text_height(words, bottom.width, self.px(size)))
        draw.text(surface, words, pygame.Rect(bottom.x, bottom.centery - used // 2,
                                              bottom.width, used), self.px(size), colour)

    def sample_height(self) -> int:
        """The height of the sample box without its heading: the least it needs."""
        pad = round(14 * self.s)
        width = min(self.app.size[0] - 2 * self.margin, round(900 * self.s))
        return 2 * pad + draw.text_height(_(SAMPLE), width - 2 * pad, self.px(16)) + 6

    def draw_sample(self, surface: pygame.Surface, bottom: int) -> None:
        """A paragraph at the chosen text size, above `bottom`, with its heading if there
        is room; none at all where it would not fit at that size."""
        w, _h = self.app.size
        m = self.margin
        pad = round(14 * self.s)
        width = min(w - 2 * m, round(900 * self.s))
        heading = _("Sample text at this size")
        head_h = draw.text_height(heading, width - 2 * pad, self.px(19), True) + 6
        room = bottom - self.sample_top
        if self.sample_height() > room:
            return
        paragraphs: list[draw.Paragraph] = [(heading, 19, True, theme.ACCENT),
                                            (_(SAMPLE), 16, False, theme.TEXT)]
        if self.sample_height() + head_h > room:  # no room for the heading: the text matters
            paragraphs, head_h = paragraphs[1:], 0
        box = pygame.Rect(m, self.sample_top, width, self.sample_height() + head_h)
        draw.panel(surface, box, theme.PANEL)
        draw.fitted(surface, box.inflate(-2 * pad, -2 * pad), paragraphs, self.s)

    def draw_over(self, surface: pygame.Surface) -> None:
        """A check mark and an outline on the current value of each setting."""
        buttons = {item.name: item for item in self.focus.items}
        size = self.check_size()
        for key, _title, _choices, value in self.settings_rows():
            item = buttons.get(self.button_name(key, value))
            if item is None:
                continue
            rect = item.rect()
            pygame.draw.rect(surface, theme.GOOD, rect.inflate(8, 8), 2, border_radius=9)
            box = pygame.Rect(rect.x + round(14 * self.s), rect.centery - size // 2, size, size)
            check(surface, box, theme.GOOD, max(2, round(3 * self.s)))
        super().draw_over(surface)


def check(surface: pygame.Surface, rect: pygame.Rect, colour: tuple[int, int, int],
          width: int) -> None:
    """A drawn check mark (the font has no glyph for one)."""
    points = [(rect.x, rect.y + rect.height * 0.55),
              (rect.x + rect.width * 0.38, rect.bottom),
              (rect.right, rect.y)]
    pygame.draw.lines(surface, colour, False, points, width)
