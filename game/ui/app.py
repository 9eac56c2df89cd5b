"""The window, the main loop and the stack of scenes.

Scenes never import each other: they ask the app for the next scene by name
(`app.make("game", session, side)`), and `game.ui.router` maps names to scene
classes, so the interface has no import cycles.

The loop redraws only when something changed (an input event, an animation, a
scene asking for it) and sleeps in `pygame.event.wait` otherwise, so an idle
game costs next to no CPU. `step` runs one iteration, which is how the UI
tests drive real scenes with real SDL events.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import pygame
import pygame_gui

from game.ui import draw, theme
from game.ui.settings import Settings

if TYPE_CHECKING:
    from game.content.loader import LoadResult
    from game.models.bundle import Content

MIN_SIZE = (1024, 600)
#: A file to which the window writes one line per key it handled and per scene shown,
#: so that an end-to-end test can wait for each step instead of sleeping.
TRACE_VARIABLE = "UNLIKELY_ALLIES_TRACE"
CONTENT_LOADED = pygame.event.custom_type()


class WindowUnavailable(Exception):
    """No window can open here: no display, or SDL found no video device."""


@dataclass
class Focusable:
    """Something the keyboard can reach: a pygame_gui button or a drawn area."""

    rect: Callable[[], pygame.Rect]
    action: Callable[[], None]
    button: pygame_gui.elements.UIButton | None = None
    name: str = ""

    @classmethod
    def at(cls, rect: pygame.Rect, action: Callable[[], None], name: str) -> Focusable:
        """A drawn area that stays where it is."""
        return cls(lambda: rect, action, None, name)


@dataclass
class FocusRing:
    """Tab and arrow keys move the focus; Enter activates it."""

    items: list[Focusable] = field(default_factory=list)
    index: int = 0

    def clear(self) -> None:
        """Forget every focusable (the scene is being rebuilt)."""
        self.items.clear()
        self.index = 0

    def add(self, item: Focusable) -> Focusable:
        """Register a focusable, in Tab order."""
        self.items.append(item)
        return item

    @property
    def current(self) -> Focusable | None:
        """The focused item."""
        return self.items[self.index] if self.items else None

    def move(self, step: int) -> None:
        """Move the focus by `step` items, wrapping around."""
        if self.items:
            self.index = (self.index + step) % len(self.items)
            self.sync()

    def focus(self, name: str) -> bool:
        """Focus the item called `name`; False when there is none."""
        for i, item in enumerate(self.items):
            if item.name == name:
                self.index = i
                self.sync()
                return True
        return False

    def sync(self) -> None:
        """Show the focus on pygame_gui buttons by selecting the focused one."""
        for i, item in enumerate(self.items):
            if item.button is not None:
                if i == self.index:
                    item.button.select()
                else:
                    item.button.unselect()

    def draw(self, surface: pygame.Surface) -> None:
        """The focus ring around a drawn (non-button) item."""
        item = self.current
        if item is not None and item.button is None:
            draw.focus_ring(surface, item.rect())


class Scene:
    """A screen: builds its widgets, handles input, draws itself."""

    name = "scene"

    def __init__(self, app: App) -> None:
        self.app = app
        self.notice = ""  # a one-line message to the player (an error, "saved as …")
        self.focus = FocusRing()
        self.elements: list[Any] = []
        self.actions: dict[Any, Callable[[], None]] = {}

    # lifecycle -----------------------------------------------------------------

    def build(self) -> None:
        """Create the widgets for the current window size and text size."""

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
        self, rect: pygame.Rect, label: str, action: Callable[[], None], name: str = "",
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

    def on_button(self, element: Any) -> bool:
        """A pygame_gui button was pressed."""
        action = self.actions.get(element)
        if action is None:
            return False
        action()
        return True

    def handle(self, event: pygame.event.Event) -> bool:
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
                    item.action()
                    return True
        return False

    def update(self, dt: float) -> bool:
        """Advance animations; True while something is moving."""
        return False

    def draw(self, surface: pygame.Surface) -> None:
        """Draw what is not a pygame_gui widget (under the widgets)."""

    def draw_over(self, surface: pygame.Surface) -> None:
        """Draw on top of the widgets (overlays, focus ring)."""
        self.focus.draw(surface)


class App:
    """The game's window and loop."""

    def __init__(
        self,
        size: tuple[int, int] = (1280, 720),
        settings: Settings | None = None,
        settings_path: Path | None = None,
        save_dir: Path | None = None,
        packs: list[Path] | None = None,
        offscreen: bool = False,
        routes: Mapping[str, Callable[..., Scene]] | None = None,
    ) -> None:
        self.routes: Mapping[str, Callable[..., Scene]] = routes or {}
        if offscreen:
            os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
        os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
        try:
            pygame.display.init()
        except pygame.error as exc:
            raise WindowUnavailable(str(exc)) from None
        chosen = os.environ.get("SDL_VIDEODRIVER", "")
        if not offscreen and pygame.display.get_driver() in ("offscreen", "dummy") \
                and chosen not in ("offscreen", "dummy"):
            # SDL falls back to drawing into memory when it finds no display: a window
            # nobody can see would wait for input forever.
            pygame.display.quit()
            raise WindowUnavailable("SDL found no video device")
        pygame.font.init()
        theme.font.cache_clear()  # fonts made before a pygame.quit() are dead
        draw.clear_caches()
        self.settings_path = settings_path
        self.settings = settings if settings is not None else Settings.load(settings_path)
        from game.persistence.files import default_save_dir

        self.save_dir = save_dir if save_dir is not None else default_save_dir()
        self.packs = packs or []
        self.offscreen = offscreen
        trace = os.environ.get(TRACE_VARIABLE)
        # Open for the window's whole life; `run` closes it when the player quits.
        self._trace_file = (open(trace, "a", encoding="utf-8", buffering=1)  # noqa: SIM115
                            if trace else None)
        self._traced_ready = False
        flags = pygame.RESIZABLE
        if self.settings.fullscreen and not offscreen:
            flags |= pygame.FULLSCREEN
            size = (0, 0)
        self.window = pygame.display.set_mode(size, flags)
        pygame.display.set_caption("Unlikely Allies")
        pygame.key.set_repeat(350, 40)
        self.size = self.window.get_size()
        self.manager = self._manager()
        self.scenes: list[Scene] = []
        self.running = True
        self.dirty = True
        self.clock = pygame.time.Clock()
        self.frames = 0
        self._content: Content | None = None
        self._load_result: LoadResult | None = None
        self._loader: threading.Thread | None = None
        self._moving = False

    # content --------------------------------------------------------------------

    def load_content(self) -> LoadResult:
        """The game content, loaded and validated once (waits for the background load)."""
        if self._loader is not None:
            self._loader.join()
            self._loader = None
        if self._load_result is None:
            from game.content import load_game_content

            self._load_result = load_game_content(self.packs)
            self._content = self._load_result.content
        return self._load_result

    @property
    def content_ready(self) -> bool:
        """True once the content has been loaded (successfully or not)."""
        return self._load_result is not None

    @property
    def content_if_loaded(self) -> Content | None:
        """The validated content if it has loaded without errors, else None (never waits)."""
        return self._content if self.content_ready else None

    def load_in_background(self) -> None:
        """Load and validate the content on another thread while the first frames show.

        Pure Python work (YAML, pydantic); when it ends it posts CONTENT_LOADED, which
        wakes the main loop.
        """
        def work() -> None:
            from game.content import load_game_content

            result = load_game_content(self.packs)
            self._content = result.content
            self._load_result = result
            pygame.event.post(pygame.event.Event(CONTENT_LOADED))

        self._loader = threading.Thread(target=work, name="content-loader", daemon=True)
        self._loader.start()

    @property
    def content(self) -> Content:
        """Validated content (only after a successful `load_content`)."""
        assert self._content is not None
        return self._content

    # scenes ---------------------------------------------------------------------

    @property
    def scale(self) -> float:
        """The chosen text scale."""
        return theme.TEXT_SCALES[self.settings.text_size]

    @property
    def scene(self) -> Scene:
        """The scene on top."""
        return self.scenes[-1]

    def make(self, name: str, *args: Any) -> Scene:
        """A new scene of the kind called `name` (title, setup, game, end, ...)."""
        return self.routes[name](self, *args)

    def open_save(self, path: Path) -> bool:
        """Load a save into a game scene; on a problem, say why on the current scene."""
        from game.core.replay import ReplayError
        from game.i18n import _
        from game.persistence.store import SaveProblem, read_save
        from game.session import ContentMismatch, Session, check_content
        from game.wording import replay_error_text

        try:
            save = read_save(path)
            mismatch = check_content(save, self.content)
            mode: Literal["load", "replay"] = (
                "replay" if mismatch is not None and mismatch.kind == "changed" else "load")
            if mismatch is not None and mismatch.kind == "missing":
                raise mismatch
            session = Session.from_save(self.content, save, mode=mode, save_dir=self.save_dir,
                                        autosave=True)
        except SaveProblem as problem:
            self.scene.notice = problem.briefly()  # one sentence that names the file
            self.dirty = True
            return False
        except (ContentMismatch, ReplayError) as exc:
            why = exc.message if isinstance(exc, ContentMismatch) else replay_error_text(exc)
            self.scene.notice = _("Cannot load {path}: {why}").format(path=path.name, why=why)
            self.dirty = True
            return False
        humans = session.humans()
        self.reset(self.make("game", session, humans[0] if humans else "amlo"))
        return True

    def push(self, scene: Scene) -> None:
        """Show a scene above the current one."""
        if self.scenes:
            self.scenes[-1].teardown()
        self.scenes.append(scene)
        scene.build()
        scene.focus.sync()
        self.dirty = True

    def pop(self) -> None:
        """Close the top scene and return to the one below."""
        self.scenes.pop().teardown()
        if self.scenes:
            self.scenes[-1].build()
            self.scenes[-1].focus.sync()
        else:
            self.running = False
        self.dirty = True

    def replace(self, scene: Scene) -> None:
        """Swap the top scene for another."""
        if self.scenes:
            self.scenes.pop().teardown()
        self.push(scene)

    def reset(self, scene: Scene) -> None:
        """Make `scene` the only scene."""
        while self.scenes:
            self.scenes.pop().teardown()
        self.push(scene)

    # window ---------------------------------------------------------------------

    def _manager(self) -> pygame_gui.UIManager:
        return pygame_gui.UIManager(self.size, theme.gui_theme(self.scale),
                                    enable_live_theme_updates=False)

    def apply_settings(self) -> None:
        """Rebuild everything after the settings changed (text size, full screen)."""
        if not self.offscreen:
            flags = pygame.RESIZABLE | (pygame.FULLSCREEN if self.settings.fullscreen else 0)
            size = (0, 0) if self.settings.fullscreen else (1280, 720)
            self.window = pygame.display.set_mode(size, flags)
            self.size = self.window.get_size()
        for scene in self.scenes:
            scene.teardown()
        self.manager = self._manager()
        self.scene.build()
        self.scene.focus.sync()
        self.dirty = True

    def resize(self, size: tuple[int, int]) -> None:
        """Lay the scene out again for a new window size."""
        size = (max(MIN_SIZE[0], size[0]), max(MIN_SIZE[1], size[1]))
        if size == self.size:
            return
        self.size = size
        if self.window.get_size() != size and not self.offscreen:
            self.window = pygame.display.set_mode(size, pygame.RESIZABLE)
        self.manager.set_window_resolution(size)
        self.scene.rebuild()
        self.dirty = True

    # loop -----------------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> None:
        """One input event: the window, then pygame_gui, then the scene."""
        if event.type == pygame.QUIT:
            self.running = False
            return
        if event.type == CONTENT_LOADED:
            self.content_loaded()
            return
        if event.type == pygame.VIDEORESIZE:
            self.resize((event.w, event.h))
            return
        if event.type in (pygame.WINDOWEXPOSED, pygame.WINDOWRESTORED, pygame.WINDOWSHOWN):
            self.dirty = True
            return
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            self.scene.on_button(event.ui_element)
            self.dirty = True
            return
        consumed = self.manager.process_events(event)
        if not consumed and self.scenes:
            self.scene.handle(event)
        if event.type == pygame.KEYDOWN and self._trace_file is not None:
            self.trace(f"key {pygame.key.name(event.key)}")
        if event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP,
                          pygame.MOUSEMOTION, pygame.MOUSEWHEEL, pygame.TEXTINPUT) or consumed:
            self.dirty = True

    def step(self, idle_ms: int = 0) -> None:
        """One loop iteration: events, animation, and a redraw if anything changed.

        With `idle_ms`, a loop with nothing to do sleeps that long before the next look
        at the queue. (SDL's own event.wait polls and costs more CPU than this.)
        """
        dt = self.clock.tick() / 1000.0
        events = pygame.event.get()
        if not events and idle_ms and not self.dirty and not self._moving:
            time.sleep(idle_ms / 1000.0)
            return
        for event in events:
            if not self.scenes:
                break
            self.handle(event)
        if not self.scenes:
            self.running = False
            return
        moving = self._moving = self.scene.update(dt)
        self.manager.update(dt)
        if self.dirty and events:
            # A text box rebuilds its picture one update after the key that changed it:
            # update once more, so a key shows in the frame it was typed in.
            self.manager.update(0.0)
        if self.dirty or moving:
            self.render()
            self.dirty = False

    def render(self) -> None:
        """Draw the whole frame and show it."""
        surface = self.window
        surface.fill(theme.BG)
        self.scene.draw(surface)
        self.manager.draw_ui(surface)
        self.scene.draw_over(surface)
        pygame.display.flip()
        self.frames += 1
        if self._trace_file is not None and not self._traced_ready and self.content_ready:
            self._traced_ready = True
            self.trace("ready")

    def trace(self, what: str) -> None:
        """One line in the trace file (see TRACE_VARIABLE), with the scene now shown."""
        if self._trace_file is None:
            return
        scene = self.scenes[-1] if self.scenes else None
        name = scene.name if scene is not None else "-"
        mode = getattr(scene, "mode", "")
        self._trace_file.write(f"{what} scene={name}{'/' + mode if mode else ''}\n")

    def run(self) -> int:
        """Run until the player quits."""
        while self.running:
            self.step(idle_ms=25)  # input is seen within 25 ms; an idle game costs ~nothing
        self.trace("quit")
        if self._trace_file is not None:
            self._trace_file.close()
        pygame.quit()
        return 0

    def start(self) -> None:
        """The title at once, while the content loads; its errors instead, if it is broken."""
        self.load_in_background()
        self.reset(self.make("title"))

    def content_loaded(self) -> None:
        """The background load ended: show the errors, or let the title use the content."""
        result = self.load_content()
        if result.content is None:
            self.reset(self.make("error", result.report.errors))
        elif self.scenes:
            self.scene.rebuild()
        self.dirty = True
