"""The base of every screen: it builds its widgets, handles input, draws itself.

A scene never changes the stack of scenes: its handlers and button actions return a
transition (`game.ui.router`), which the app hands to its router. An overlay (the
news, the menu) is drawn over the scenes below it, which stay in view. A scene may speak
a language other than the window's (`voice`: a seat's, when two play at one computer);
the app then speaks it while that scene is on show.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import pygame
import pygame_gui

from game.ui.focus import Focusable, FocusRing
from game.ui.router import Transition

if TYPE_CHECKING:
    from game.i18n import Translator
    from game.ui.app import App

#: What a handler gives back: a transition to carry out, or whether it used the event.
Outcome = Transition["Scene"] | bool | None
#: A button's or a focusable's action: a transition, or None to stay.
Action = Callable[[], Transition["Scene"] | None]


class Scene:
    """A screen: builds its widgets, handles input, draws itself."""

    name = "scene"
    #: Drawn over the scenes below it (which stay in view), not instead of them.
    overlay = False
    #: An overlay that dims what is below it, so the eye goes to it.
    shades = True

    def __init__(self, app: App) -> None:
        self.app = app
        self.notice = ""  # a one-line message to the player (an error, "saved as …")
        self.focus = FocusRing()
        self.elements: list[Any] = []
        self.actions: dict[Any, Action] = {}

    # lifecycle -----------------------------------------------------------------

    def build(self) -> None:
        """Create the widgets for the current window size and text size."""

    def entered(self) -> Transition[Scene] | None:
        """Just shown on top (pushed, or uncovered): a transition to make at once, if any."""
        return None

    def voice(self) -> Translator | None:
        """The language this scene speaks; None to speak as the scene below it does (the
        window's language, at the bottom)."""
        return None

    def teardown(self) -> None:
        """Remove this scene's widgets."""
        for element in self.elements:
            element.kill()
        self.elements.clear()
        self.actions.clear()
        self.focus.clear()

    def rebuild(self) -> None:
        """Widgets anew (after a resize or a change of text size), keeping the focus."""
        index = self.focus.index
        self.teardown()
        self.build()
        if self.focus.items:
            self.focus.index = min(index, len(self.focus.items) - 1)
            self.focus.sync()

    # helpers ----------------------------------------------------------------

    @property
    def s(self) -> float:
        """The text scale."""
        return self.app.scale

    def px(self, size: float) -> int:
        """A font size in pixels at the current text scale."""
        return round(size * self.app.scale)

    def button(
        self, rect: pygame.Rect, label: str, action: Action, name: str = "",
        object_id: str | None = None, tooltip: str | None = None, focus: bool = True,
    ) -> pygame_gui.elements.UIButton:
        """A pygame_gui button wired to `action`, reachable by keyboard."""
        element = pygame_gui.elements.UIButton(
            relative_rect=rect, text=label, manager=self.app.manager, tool_tip_text=tooltip,
            object_id=pygame_gui.core.ObjectID(object_id=object_id) if object_id else None,
        )
        self.elements.append(element)
        self.actions[element] = action
        if focus:
            self.focus.add(Focusable(lambda: element.rect, action, element, name or label))
        return element

    # input ----------------------------------------------------------------------

    def on_button(self, element: Any) -> Outcome:
        """A pygame_gui button was pressed: its action's transition, if any."""
        action = self.actions.get(element)
        if action is None:
            return False
        return action() or True

    def follow_pointer(self, rects: list[pygame.Rect], pos: tuple[int, int],
                       pointed: int | None) -> int | None:
        """The card pointed at after the pointer moved to `pos` over cards drawn at
        `rects`: the keyboard focus goes with the pointer onto a new card, so that Enter
        acts on the card the details show, never on another."""
        under = next((i for i, r in enumerate(rects) if r.collidepoint(pos)), None)
        if under is None or under == pointed:
            return pointed
        self.focus.focus(f"card-{under}")
        self.app.dirty = True
        return under

    def handle(self, event: pygame.event.Event) -> Outcome:
        """Keyboard navigation; scenes override for their own keys, then call this."""
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_TAB:
                self.focus.move(-1 if event.mod & pygame.KMOD_SHIFT else 1)
                return True
            if event.key in (pygame.K_DOWN, pygame.K_RIGHT):
                self.focus.move(1)
                return True
            if event.key in (pygame.K_UP, pygame.K_LEFT):
                self.focus.move(-1)
                return True
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
                item = self.focus.current
                if item is not None:
                    return item.action() or True
        return False

    def text_box(self) -> pygame_gui.elements.UITextEntryLine | None:
        """This scene's text box that has the keyboard, if one has."""
        return next((element for element in self.elements
                     if isinstance(element, pygame_gui.elements.UITextEntryLine)
                     and element.is_focused), None)

    def trace_words(self) -> str:
        """A few words on this scene's state for the trace file (see game.ui.app)."""
        return ""

    def update(self, dt: float) -> bool:
        """Advance animations; True while something is moving."""
        return False

    def draw(self, surface: pygame.Surface) -> None:
        """Draw what is not a pygame_gui widget (under the widgets)."""

    def draw_over(self, surface: pygame.Surface) -> None:
        """Draw on top of the widgets (overlays, focus ring)."""
        self.focus.draw(surface)


def voice_of(scenes: Sequence[Scene]) -> Translator | None:
    """The language the scenes on show speak: that of the one nearest the top that has
    one; None for the window's."""
    return next((voice for scene in reversed(scenes) if (voice := scene.voice()) is not None),
                None)
