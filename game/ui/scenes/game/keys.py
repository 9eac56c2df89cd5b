"""Keys every screen of a game answers, the board and each overlay alike."""

from __future__ import annotations

from collections.abc import Iterable

import pygame

from game.ui.app import App
from game.ui.router import Push
from game.ui.scene import Outcome
from game.ui.table import Table
from game.ui.widgets.scroll import Scroll


def game_input(app: App, table: Table, event: pygame.event.Event,
               scrolls: Iterable[Scroll] = (), ends: bool = True) -> Outcome:
    """What every screen of a game does first with an event: the wheel and the page keys
    scroll its long text (`scrolls`; with `ends`, Home and End too), the next key or
    click clears a notice, Ctrl+S saves, F1 opens the rules. None if none of it applied."""
    if any(scroll.handle(event, app.scale, ends=ends) for scroll in scrolls):
        app.dirty = True
        return True
    clear_notice(app, table, event)
    return game_keys(app, table, event)


def game_keys(app: App, table: Table, event: pygame.event.Event) -> Outcome:
    """Ctrl+S saves (named by the month), F1 opens the rules; None for any other key."""
    if event.type != pygame.KEYDOWN:
        return None
    if event.key == pygame.K_s and event.mod & pygame.KMOD_CTRL:
        table.notice = table.save("")
        app.dirty = True
        return True
    if event.key == pygame.K_F1:
        return Push(app.make("help"))
    return None


def clear_notice(app: App, table: Table, event: pygame.event.Event) -> None:
    """A notice ("Saved as …") lasts until the next key or click."""
    if event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN) and table.notice:
        table.notice = ""
        app.dirty = True
