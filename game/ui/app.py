"""The window and its main loop.

Scenes (`game.ui.scene`) never import each other: they ask the app for the next scene by
name (`app.make("game", session, side)`, mapped to classes by `game.ui.main`), and they
never change the stack themselves: their handlers return a transition (`game.ui.router`)
that the app hands to its router.

An overlay (the news, the menu) is a scene drawn over the scenes below it, which stay on
the stack and in view. The loop redraws only when something changed (an input event, an
animation) and sleeps otherwise, so an idle game costs next to no CPU. `step` runs one
iteration, which is how the UI tests drive real scenes with real SDL events.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygame
import pygame_gui

from game import i18n
from game.ui import draw, theme
from game.ui.loader import CONTENT_LOADED, ContentLoader
from game.ui.router import Pop, Push, Quit, Replace, Reset, Router
from game.ui.scene import Outcome, Scene, voice_of
from game.ui.settings import Settings
from game.ui.sound import Sounds
from game.ui.window import Trace, open_window, set_minimum

if TYPE_CHECKING:
    from game.content.loader import LoadResult
    from game.models.bundle import Content

TRANSITIONS = (Push, Pop, Replace, Reset, Quit)


class App:
    """The game's window and loop."""

    def __init__(
        self,
        size: tuple[int, int] = (1280, 720),
        settings: Settings | None = None,
        settings_path: Path | None = None,
        save_dir: Path | None = None,
        packs: list[Path] | None = None,
        mods: bool = True,
        offscreen: bool = False,
        routes: Mapping[str, Callable[..., Scene]] | None = None,
        language: str | None = None,
    ) -> None:
        self.routes: Mapping[str, Callable[..., Scene]] = routes or {}
        self.settings_path = settings_path
        self.settings = settings if settings is not None else Settings.load(settings_path)
        self.sounds = Sounds(self.settings.volume, self.settings.muted)  # mixer at 1st sound
        from game.persistence.files import default_save_dir

        self.save_dir = save_dir if save_dir is not None else default_save_dir()
        self.loader = ContentLoader(packs or [], mods)  # the mods folder's, unless False
        # --lang first, then the setting, then the system's language.
        self.use_language(language or self.settings.language or i18n.system_language())
        self.offscreen = offscreen
        self.tracer = Trace.from_environment()
        self._traced_ready = False
        self.window = open_window(size, self.settings.fullscreen, offscreen)
        set_minimum(theme.MIN_SIZES[self.settings.text_size])
        self.size = self.window.get_size()
        self.manager = self._manager()
        self.router: Router[Scene] = Router(self._changed)
        self.running = True
        self.dirty = True
        self.clock = pygame.time.Clock()
        self.frames = 0
        self._moving = False

    # content --------------------------------------------------------------------

    def load_content(self) -> LoadResult:
        """The game content, loaded and validated once (waits for the background load)."""
        return self.loader.load()

    @property
    def content_ready(self) -> bool:
        """True once the content has been loaded (successfully or not)."""
        return self.loader.ready

    @property
    def content_if_loaded(self) -> Content | None:
        """The validated content in the language in use; None until it loads (no wait)."""
        from game.content.localize import localized

        return localized(self.loader.content) if self.loader.content is not None else None

    @property
    def content(self) -> Content:
        """Validated content in the language in use (after a successful `load_content`)."""
        content = self.content_if_loaded
        assert content is not None
        return content

    def use_language(self, code: str) -> None:
        """Speak `code` from now on (the base game's and the packs' catalogues too, once
        the content is loaded); English if there is no catalogue for it."""
        try:
            translator = i18n.translator_for(code, self.loader.packs)
        except i18n.UnknownLanguage:
            translator = i18n.ENGLISH
        self.translator = self.spoken = i18n.set_translator(translator)  # the window's

    # scenes ---------------------------------------------------------------------

    @property
    def scale(self) -> float:
        """The chosen text scale."""
        return theme.TEXT_SCALES[self.settings.text_size]

    @property
    def scenes(self) -> list[Scene]:
        """The scenes shown, bottom first."""
        return self.router.stack

    @property
    def scene(self) -> Scene:
        """The scene on top."""
        return self.router.stack[-1]

    def visible(self) -> list[Scene]:
        """The scenes in view, bottom first: the top one and, under overlays, those below."""
        stack = self.router.stack
        first = len(stack) - 1
        while first > 0 and stack[first].overlay:
            first -= 1
        return stack[max(first, 0):]

    def make(self, name: str, *args: Any) -> Scene:
        """A new scene of the kind called `name` (title, setup, game, end, ...)."""
        return self.routes[name](self, *args)

    def go(self, outcome: Outcome) -> None:
        """Carry out a scene's outcome if it is a transition (the router does it)."""
        if isinstance(outcome, TRANSITIONS):
            self.router.apply(outcome)

    def _changed(self) -> None:
        self.dirty = True
        if not self.router.stack:
            self.running = False
            return
        # The language of the scenes on show: a seat's, when two play at one computer;
        # else the window's. A scene just built in another is built again.
        voice = voice_of(self.scenes) or self.translator
        if voice is not self.spoken:
            self.spoken = i18n.set_translator(voice)
            self.scene.rebuild()

    # window ---------------------------------------------------------------------

    def _manager(self) -> pygame_gui.UIManager:
        draw.set_scale(self.scale)
        return pygame_gui.UIManager(self.size, theme.gui_theme(self.scale),
                                    enable_live_theme_updates=False)

    def apply_settings(self) -> None:
        """Rebuild everything after the settings changed (text size, full screen); the
        sound's volume and mute apply from the next sound."""
        self.sounds.set_volume(self.settings.volume, self.settings.muted)
        if not self.offscreen:
            flags = pygame.RESIZABLE | (pygame.FULLSCREEN if self.settings.fullscreen else 0)
            size = (0, 0) if self.settings.fullscreen else (1280, 720)
            self.window = pygame.display.set_mode(size, flags)
            self.size = self.window.get_size()
            set_minimum(theme.MIN_SIZES[self.settings.text_size])
        for scene in self.scenes:
            scene.teardown()
        self.manager = self._manager()
        self.scene.build()
        self.scene.focus.sync()
        self.dirty = True

    def resize(self, size: tuple[int, int]) -> None:
        """Lay the scene out again for a new window size."""
        least = theme.MIN_SIZES[self.settings.text_size]  # what this text size needs
        size = (max(least[0], size[0]), max(least[1], size[1]))
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
        """One input event: the window, then pygame_gui, then the top scene only."""
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
            self.dirty = True
            pressed = next((i.name for i in self.scene.focus.items
                            if i.button is event.ui_element), "?")
            self.go(self.scene.on_button(event.ui_element))
            self.trace(f"button {pressed}")
            return
        box = self.scene.text_box() if event.type == pygame.KEYDOWN and self.scenes else None
        if box is not None and event.key in (pygame.K_ESCAPE, pygame.K_TAB):
            box.unfocus()  # Esc and Tab leave the box, for the scene
            box = None
        consumed = self.manager.process_events(event)
        if box is not None:
            consumed = True  # the box's key (a space must not press the focused button)
        if not consumed and self.scenes:
            self.go(self.scene.handle(event))
            if event.type == pygame.MOUSEBUTTONDOWN:
                self.trace(f"press {event.pos[0]},{event.pos[1]}")
        if event.type == pygame.KEYDOWN:
            self.trace(f"key {pygame.key.name(event.key)}")
        elif event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED:
            self.trace("entered")
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
        # Each scene in view moves on (a board under an overlay still slides its meters).
        self._moving = any([scene.update(dt) for scene in self.visible()])
        self.manager.update(dt)
        if self.dirty and events:
            # A text box rebuilds its picture one update after the key that changed it:
            # update once more, so a key shows in the frame it was typed in.
            self.manager.update(0.0)
        if self.dirty or self._moving:
            self.render()
            self.dirty = False

    def render(self) -> None:
        """Draw the whole frame and show it: the scenes in view, bottom first."""
        surface = self.window
        surface.fill(theme.BG)
        shown = self.visible()
        for scene in shown:
            if scene.overlay and scene.shades:
                draw.shade(surface)
            scene.draw(surface)
        self.manager.draw_ui(surface)
        shown[-1].draw_over(surface)
        pygame.display.flip()
        self.frames += 1
        if self.tracer is not None and not self._traced_ready and self.content_ready:
            self._traced_ready = True
            self.trace("ready")

    def trace(self, what: str) -> None:
        """One line in the trace file, if there is one (see game.ui.window.Trace)."""
        if self.tracer is not None:
            self.tracer.write(what, self.visible() if self.scenes else [])

    def run(self) -> int:
        """Run until the player quits."""
        while self.running:
            self.step(idle_ms=25)  # input is seen within 25 ms; an idle game costs ~nothing
        self.trace("quit")
        self.router.apply(Quit())  # each scene torn down: a game at a server disconnects
        if self.tracer is not None:
            self.tracer.close()
        pygame.quit()
        return 0

    def start(self) -> None:
        """The title on screen at once, then the content loads behind it (its errors
        replace the title if it is broken). Loading starts after the first frame: its
        thread would otherwise slow that frame down."""
        self.router.apply(Reset(self.make("title")))
        self.render()
        self.dirty = False
        self.loader.start()

    def content_loaded(self) -> None:
        """The background load ended: show the errors, or let the title use the content
        (the mods' catalogues too), naming any mod left out."""
        result = self.load_content()
        if result.content is None:
            self.router.apply(Reset(self.make("error", result.report.errors)))
        elif self.scenes:
            if result.content.extra_folders:
                self.use_language(self.translator.lang)
            self.scene.notice = self.loader.notice() or self.scene.notice
            self.scene.rebuild()
        self.dirty = True
