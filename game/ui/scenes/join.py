"""Join a class game: the server's address, the room's code, the player's name and
language (and, if wanted, a side); then a seat at a table of the game server.

The seat is asked for on another thread (`game.client.take_seat`), so the window never
freezes: the screen says "Joining…" meanwhile, and the server's refusal in its own
words if it refuses. Once seated, the remote board replaces this screen.
"""

from __future__ import annotations

import threading
from functools import partial

import pygame
import pygame_gui

from game import i18n
from game.client import ClientError, Seat, take_seat
from game.i18n import _
from game.ui import borderland, draw, theme
from game.ui.app import App
from game.ui.focus import Focusable
from game.ui.remote import Connection, room_scenario, wake_window
from game.ui.router import Pop, Replace, Transition
from game.ui.scene import Outcome, Scene

#: Where a class's server usually is: this computer, the server's default port.
DEFAULT_ADDRESS = "127.0.0.1:8765"
#: The text boxes, in order, and the most each takes.
FIELDS = {"address": 100, "code": 16, "name": 40}
#: The sides a player may ask for; None: the first free seat.
SIDES: tuple[str | None, ...] = (None, "amlo", "trump")


def address_of(typed: str) -> str:
    """HOST:PORT as typed, without a scheme or a slash; the default port if none."""
    address = typed.strip().removeprefix("http://").removeprefix("ws://").rstrip("/")
    return address if ":" in address or not address else f"{address}:8765"


class JoinScene(Scene):
    """The form that takes a seat at the game server."""

    name = "join"

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.texts = {"address": DEFAULT_ADDRESS, "code": "", "name": ""}
        self.entries: dict[str, pygame_gui.elements.UITextEntryLine] = {}
        codes = i18n.available()
        self.lang = app.translator.lang if app.translator.lang in codes else codes[0]
        self.side: str | None = None
        self.joining = False
        self.error = ""
        #: What the joining thread found: the seat and the room's scenario, or a refusal.
        self.result: tuple[Seat, str | None] | str | None = None
        self.rows: list[tuple[int, str]] = []  # each row's top and its name, for the labels
        self.status_y = 0  # where "Joining…" or the refusal goes

    # layout -------------------------------------------------------------------------

    def labels(self) -> list[str]:
        """The rows' names, in order."""
        return [_("Server address"), _("Room code"), _("Your name"), _("Language"),
                _("Side")]

    def build(self) -> None:
        w, h = self.app.size
        m, bh, gap = 24, round(40 * self.s), round(12 * self.s)
        label_w = max(theme.font(self.px(16), True).size(label)[0] for label in
                      self.labels()) + 16
        width = min(round(460 * self.s), w - 2 * m - label_w)
        y = self.top()
        self.rows = []
        for (field, limit), label in zip(FIELDS.items(), self.labels(), strict=False):
            entry = pygame_gui.elements.UITextEntryLine(
                pygame.Rect(m + label_w, y, width, bh), manager=self.app.manager,
                placeholder_text=DEFAULT_ADDRESS if field == "address" else None)
            entry.set_text_length_limit(limit)
            entry.set_text(self.texts[field])
            self.entries[field] = entry
            self.elements.append(entry)
            self.focus.add(Focusable.at(pygame.Rect(entry.rect), partial(self.type_in, field),
                                        name=field))
            self.rows.append((y, label))
            y += bh + gap
        for name, words, action in (("language", self.language_words(), self.next_language),
                                    ("side", self.side_words(), self.next_side)):
            self.button(pygame.Rect(m + label_w, y, width, bh), words, action, name=name)
            self.rows.append((y, self.labels()[len(self.rows)]))
            y += bh + gap
        self.status_y = y
        bw = round(200 * self.s)
        join = self.button(pygame.Rect(w - m - bw, h - bh - 20, bw, bh), _("Join  (Enter)"),
                           self.join, name="join")
        back = self.button(pygame.Rect(w - 2 * m - 2 * bw, h - bh - 20, bw, bh),
                           _("Back  (Esc)"), Pop, name="back")
        if self.joining:
            join.disable()
            back.disable()
        empty = next((field for field in FIELDS if not self.texts[field].strip()), "join")
        self.focus.focus(empty)
        if empty in self.entries and not self.joining:
            self.entries[empty].focus()

    def top(self) -> int:
        """Where the rows begin: under the heading and the words that explain the form."""
        w = self.app.size[0]
        return 18 + theme.font(self.px(26), True).get_linesize() + draw.text_height(
            self.intro(), w - 48, self.px(16)) + round(24 * self.s)

    def intro(self) -> str:
        return _("Your teacher gives you the server's address and the room's code. The "
                 "server seats you at a table with another player, and each of you plays "
                 "from your own computer.")

    def language_words(self) -> str:
        return i18n.LANGUAGES.get(self.lang, self.lang)

    def side_words(self) -> str:
        if self.side is None:
            return _("Either: the first free seat")
        return self.app.content.leaders[self.side].short

    # choices --------------------------------------------------------------------------

    def type_in(self, field: str) -> None:
        """Give the keyboard to a text box."""
        entry = self.entries.get(field)
        if entry is not None:
            entry.focus()

    def next_language(self) -> None:
        """The next language the game speaks (the seat's: the server's words too)."""
        codes = i18n.available()
        self.lang = codes[(codes.index(self.lang) + 1) % len(codes)] if self.lang in codes \
            else codes[0]
        self.relay("language")

    def next_side(self) -> None:
        """Either side, AMLO, Trump."""
        self.side = SIDES[(SIDES.index(self.side) + 1) % len(SIDES)]
        self.relay("side")

    def relay(self, focused: str) -> None:
        """The widgets anew (a button's words changed), the focus kept on `focused`."""
        self.teardown()
        self.build()
        self.focus.focus(focused)
        self.focus.sync()
        for entry in self.entries.values():
            entry.unfocus()
        self.app.dirty = True

    def join(self) -> None:
        """Ask the server for a seat, on another thread."""
        self.keep_texts()
        if self.joining:
            return
        missing = next((field for field in FIELDS if not self.texts[field].strip()), None)
        if missing is not None:
            self.error = {"address": _("Type the server's address (HOST:PORT)."),
                          "code": _("Type the room's code."),
                          "name": _("Type your name.")}[missing]
            self.relay(missing)
            self.type_in(missing)
            return
        self.joining, self.error = True, ""
        host, code = address_of(self.texts["address"]), self.texts["code"].strip().upper()
        name, side, lang = self.texts["name"].strip(), self.side, self.lang

        def work() -> None:
            try:
                seat = take_seat(host, code, name, side, lang)
                self.result = (seat, room_scenario(host, code))
            except ClientError as refused:
                self.result = str(refused)
            except Exception as exc:  # a thread must say what went wrong, never die aloud
                self.result = _("Cannot reach the server at {host}: {why}").format(
                    host=host, why=exc)
            wake_window()

        threading.Thread(target=work, name="join", daemon=True).start()
        self.relay("join")

    def landed(self) -> Transition[Scene] | None:
        """The seat, once the thread has it: the remote board; or the refusal, here."""
        result, self.result = self.result, None
        if result is None:
            return None
        self.joining = False
        if isinstance(result, str):
            self.error = result
            self.relay("join")
            return None
        seat, scenario = result
        link = Connection(seat).start()
        return Replace(self.app.make("remote", link, scenario, self.lang, seat.host))

    def entered(self) -> Transition[Scene] | None:
        return self.landed()

    def keep_texts(self) -> None:
        """What is typed in the boxes, kept across rebuilds."""
        for field, entry in self.entries.items():
            self.texts[field] = entry.get_text()

    def teardown(self) -> None:
        self.keep_texts()
        self.entries = {}
        super().teardown()

    # input ----------------------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> Outcome:
        """Enter in a box joins (or goes to the box still empty); Esc goes back; Tab and
        the arrows move, and a box reached takes the keyboard."""
        landed = self.landed()
        if landed is not None:
            return landed
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED:
            self.join()
            return True
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            return None if self.joining else Pop()
        if event.type == pygame.KEYDOWN and self.joining:
            return True
        outcome = super().handle(event)
        current = self.focus.current
        if event.type == pygame.KEYDOWN and event.key != pygame.K_RETURN and current:
            self.type_in(current.name)
        return outcome

    def trace_words(self) -> str:
        """What is typed and chosen, for the trace file."""
        self.keep_texts()
        state = "joining" if self.joining else "error" if self.error else "ready"
        return (f"{state} {address_of(self.texts['address'])} {self.texts['code']} "
                f"{self.lang} {self.side or 'either'} {self.texts['name']}")

    # drawing --------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        """The heading, the words that explain the form, each row's name, the status."""
        w, h = self.app.size
        borderland.draw_backdrop(surface, pygame.Rect(0, 0, w, h), 0.5, places=False)
        m = 24
        draw.panel(surface, pygame.Rect(m // 2, 8, w - m, self.top() - 16))  # off the map
        y = 18 + draw.text(surface, _("Join a class game"), pygame.Rect(m, 18, w - 2 * m, 50),
                           self.px(26), theme.TEXT, bold=True, max_lines=1)
        draw.text(surface, self.intro(), pygame.Rect(m, y, w - 2 * m, self.top() - y),
                  self.px(16), theme.MUTED)
        bh = round(40 * self.s)
        label_w = max(theme.font(self.px(16), True).size(label)[0] for label in
                      self.labels()) + 16
        for top, label in self.rows:
            draw.text(surface, label, pygame.Rect(m, top + bh // 4, label_w - 8, bh),
                      self.px(16), theme.MUTED, bold=True, max_lines=1)
        status = _("Joining…") if self.joining else self.error
        if status:
            draw.text(surface, status, pygame.Rect(m, self.status_y, w - 2 * m,
                                                   h - bh - 40 - self.status_y),
                      self.px(16), theme.TEXT if self.joining else theme.WARN, bold=True)
        draw.text(surface, _("Tab or arrows to move, Enter to join, Esc to go back"),
                  pygame.Rect(m, h - bh - 20, w - 4 * m - 2 * round(200 * self.s), bh),
                  self.px(14), theme.MUTED, max_lines=2, shrink=True)


__all__ = ["JoinScene", "address_of"]
