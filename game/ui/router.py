"""The stack of scenes, and the one place that changes it.

A scene never changes the stack itself: its input handlers and button actions return
a transition (`Push`, `Pop`, `Replace`, `Reset`, `Quit`) and `Router.apply` carries it
out. After every change the scene then on top is asked, through `entered`, whether it
wants to move on at once (a board whose player owes a decision on the news shows that
news): so "what comes next" is decided by the scenes and done in one place, and a
test can check a scene's transition without any window.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from game.ui.focus import FocusRing


class Stacked(Protocol):
    """What the router needs of a scene."""

    focus: FocusRing

    def build(self) -> None: ...

    def teardown(self) -> None: ...

    def entered(self) -> Any:  # a Transition of its own kind of scene, or None
        ...


S = TypeVar("S", bound=Stacked)


@dataclass(frozen=True)
class Push(Generic[S]):
    """Show `scene` above the current one (which stays, to come back to)."""

    scene: S


@dataclass(frozen=True)
class Pop:
    """Close the top scene and return to the one below."""


@dataclass(frozen=True)
class Replace(Generic[S]):
    """Swap the top scene for `scene`."""

    scene: S


class Reset(Generic[S]):
    """Make `scenes` the whole stack, bottom first (a new game: title, then setup)."""

    def __init__(self, *scenes: S) -> None:
        self.scenes = scenes

    def __repr__(self) -> str:
        return f"Reset{self.scenes!r}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Reset) and other.scenes == self.scenes

    __hash__ = None  # type: ignore[assignment]


@dataclass(frozen=True)
class Quit:
    """Close every scene: the window closes."""


Transition = Push[S] | Pop | Replace[S] | Reset[S] | Quit

#: How many transitions a scene's `entered` may chain before the router stops listening:
#: a guard against two scenes handing the stack back and forth for ever.
CHAIN_LIMIT = 8


class Router(Generic[S]):
    """The scenes shown, bottom first; `apply` is the only code that changes them."""

    def __init__(self, changed: Callable[[], None] = lambda: None) -> None:
        self.stack: list[S] = []
        self.changed = changed  # told after every change (the window redraws, traces)

    @property
    def top(self) -> S | None:
        """The scene on top, if any."""
        return self.stack[-1] if self.stack else None

    def apply(self, transition: Transition[S] | None) -> None:
        """Carry out `transition`, then any the new top scene asks for on entering."""
        for _ in range(CHAIN_LIMIT):
            if transition is None:
                return
            self._apply(transition)
            self.changed()
            top = self.top
            transition = top.entered() if top is not None else None
        raise RuntimeError(f"scenes kept changing after {CHAIN_LIMIT} transitions")

    def _apply(self, transition: Transition[S]) -> None:
        if isinstance(transition, Push):
            self._push(transition.scene)
        elif isinstance(transition, Pop):
            self.stack.pop().teardown()
            self._show_top()
        elif isinstance(transition, Replace):
            if self.stack:
                self.stack.pop().teardown()
            self._push(transition.scene)
        elif isinstance(transition, Reset):
            while self.stack:
                self.stack.pop().teardown()
            for scene in transition.scenes:
                self._push(scene)
        elif isinstance(transition, Quit):
            while self.stack:
                self.stack.pop().teardown()
        else:  # pragma: no cover - the Union is closed
            raise TypeError(f"not a transition: {transition!r}")

    def _push(self, scene: S) -> None:
        if self.stack:
            self.stack[-1].teardown()  # only the top scene has live widgets
        self.stack.append(scene)
        self._show_top()

    def _show_top(self) -> None:
        top = self.top
        if top is not None:
            top.build()
            top.focus.sync()


__all__ = ["CHAIN_LIMIT", "Pop", "Push", "Quit", "Replace", "Reset", "Router", "Stacked",
           "Transition"]
