"""Every module imports only from its own layer or those below, with no import cycles.

The layers, bottom to top (ARCHITECTURE.md): `i18n`, `paths` → models → core →
content loading → ai, persistence → session → simulate, balance, reports, wording
→ terminal, window, server → cli. Imports inside functions count as much as those
at the top of a file; the terminal, the window and the server never import one
another. The rules core and the models touch no files, no YAML and no pygame.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

GAME = Path(__file__).resolve().parent.parent / "game"

#: Layer number → the modules (and packages, with everything inside) that belong to it.
LAYERS: dict[int, tuple[str, ...]] = {
    0: ("game", "game.i18n", "game.paths"),
    1: ("game.models",),
    2: ("game.core",),
    3: ("game.content",),
    4: ("game.ai", "game.persistence"),
    5: ("game.session",),
    6: ("game.simulate", "game.balance", "game.report", "game.wording", "game.i18n_extract",
        "game.protocol", "game.client"),
    7: ("game.textui", "game.hotseat", "game.ui", "game.server"),
    8: ("game.cli", "game.__main__"),
}
#: Siblings in one layer that must not import each other.
SEPARATE = ("game.textui", "game.ui", "game.server")
#: Outside packages and the only layers allowed to use them.
OUTSIDE: dict[str, tuple[str, ...]] = {
    "pygame": ("game.ui",),
    "pygame_gui": ("game.ui",),
    "yaml": ("game.content.yamlload",),
}
#: What the pure layers (models, core) may not touch: files, processes, the clock.
IMPURE = ("os", "io", "pathlib", "shutil", "tempfile", "subprocess", "multiprocessing",
          "threading", "time", "datetime", "socket", "sqlite3", "yaml", "babel")
PURE = ("game.models", "game.core")


def module_name(path: Path, root: Path) -> str:
    """`game/core/turn.py` → `game.core.turn`; a package's `__init__.py` is the package."""
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def sources(root: Path = GAME) -> dict[str, str]:
    """Every module of the package and its source text."""
    return {module_name(p, root): p.read_text(encoding="utf-8") for p in sorted(root.rglob("*.py"))}


def imported(module: str, source: str, known: Mapping[str, str],
             typing_only: bool = True) -> Iterator[tuple[str, int]]:
    """(module imported, line) for every import in `source`, wherever it stands; without
    `typing_only`, not those under `if TYPE_CHECKING:`, which never run."""
    package = module if _is_package(module, known) else module.rpartition(".")[0]
    tree = ast.parse(source)
    skipped: set[int] = set()
    if not typing_only:
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                skipped |= {id(inner) for stmt in node.body for inner in ast.walk(stmt)}
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                full = f"{base}.{alias.name}"
                yield (full if full in known else base), node.lineno


def _is_package(module: str, known: Mapping[str, str]) -> bool:
    return any(other.startswith(module + ".") for other in known)


def _owner(module: str, groups: tuple[str, ...]) -> str | None:
    """The longest entry of `groups` that is `module` or a package holding it."""
    found = [g for g in groups if module == g or module.startswith(g + ".")]
    return max(found, key=len) if found else None


def layer_of(module: str) -> int:
    """The layer a game module belongs to."""
    best: tuple[int, int] | None = None  # (length of the matching entry, layer)
    for layer, entries in LAYERS.items():
        owner = _owner(module, entries)
        if owner is not None and (best is None or len(owner) > best[0]):
            best = (len(owner), layer)
    if best is None:
        raise AssertionError(f"{module} has no layer: add it to LAYERS in {__file__}")
    return best[1]


def violations(modules: Mapping[str, str]) -> list[str]:
    """Every import against the layer order, the separations and the purity rules."""
    problems = []
    for module, source in sorted(modules.items()):
        mine = layer_of(module)
        for target, line in imported(module, source, modules):
            top = target.split(".")[0]
            where = f"{module} (line {line}) imports {target}"
            if top == "game":
                theirs = layer_of(target)
                if theirs > mine:
                    problems.append(f"{where}, a higher layer ({theirs} > {mine})")
                a, b = _owner(module, SEPARATE), _owner(target, SEPARATE)
                if a and b and a != b:
                    problems.append(f"{where}: {a} and {b} must not import each other")
                continue
            allowed = OUTSIDE.get(top)
            if allowed is not None and _owner(module, allowed) is None:
                problems.append(f"{where}: only {', '.join(allowed)} may use {top}")
            if _owner(module, PURE) and top in IMPURE:
                problems.append(f"{where}: the models and the rules core stay pure")
    return problems


def cycles(modules: Mapping[str, str]) -> list[list[str]]:
    """Groups of game modules that import one another in a circle (Tarjan's algorithm).
    Imports for type checking alone never run, so they close no circle (they still keep
    to the layers)."""
    graph = {
        m: sorted({t for t, _ in imported(m, src, modules, typing_only=False)
                   if t in modules and t != m})
        for m, src in modules.items()
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_every_module_imports_only_from_its_layer_or_below() -> None:
    assert violations(sources()) == []


def test_there_are_no_import_cycles() -> None:
    assert cycles(sources()) == []


def test_every_module_has_a_layer() -> None:
    for module in sources():
        layer_of(module)


@pytest.mark.parametrize(("module", "added", "expected"), [
    ("game.core.rng", "def _f():\n    from game.ui.app import App\n",
     "game.core.rng (line {n}) imports game.ui.app, a higher layer (7 > 2)"),
    ("game.core.state", "import game.content.loader\n",
     "game.core.state (line {n}) imports game.content.loader, a higher layer (3 > 2)"),
    ("game.core.orders", "import yaml\n",
     "game.core.orders (line {n}) imports yaml: only game.content.yamlload may use yaml"),
    ("game.models.content", "import pathlib\n",
     "game.models.content (line {n}) imports pathlib: the models and the rules core stay pure"),
    ("game.ui.draw", "from game.textui import TextGame\n",
     "game.ui.draw (line {n}) imports game.textui.TextGame: game.ui and game.textui must not "
     "import each other"),
    ("game.session", "import pygame\n",
     "game.session (line {n}) imports pygame: only game.ui may use pygame"),
])
def test_a_forbidden_import_is_caught(module: str, added: str, expected: str) -> None:
    modules = sources()
    line = modules[module].count("\n") + 1 + added.count("\n") - 1
    modules[module] += added
    found = violations(modules)
    assert expected.format(n=line).replace(".TextGame", "") in [
        f.replace(".TextGame", "") for f in found], found


def test_a_cycle_is_caught() -> None:
    modules = sources()
    modules["game.core.state"] += "\ndef _f():\n    import game.core.turn\n"
    found = cycles(modules)
    assert any({"game.core.state", "game.core.turn"} <= set(group) for group in found), found


def test_an_import_for_type_checking_closes_no_cycle_but_keeps_the_layers() -> None:
    modules = sources()
    typed = "\nfrom typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import game.core.turn\n"
    modules["game.core.state"] += typed
    assert not any({"game.core.state", "game.core.turn"} <= set(group)
                   for group in cycles(modules))
    modules["game.models.content"] += typed
    assert any("game.models.content" in problem and "higher layer" in problem
               for problem in violations(modules))


def test_the_checker_reads_relative_imports() -> None:
    known = {"game.ui": "", "game.ui.draw": "", "game.ui.scenes": "",
             "game.ui.scenes.title": "from ..draw import x\nfrom . import game\n",
             "game.ui.scenes.game": ""}
    got = sorted(imported("game.ui.scenes.title", known["game.ui.scenes.title"], known))
    assert got == [("game.ui.draw", 1), ("game.ui.scenes.game", 2)]


#: The window's own layers, bottom to top: what a widget may use; widgets and the game
#: as one player sees it; the focus ring and the router; the scene base and the window;
#: the scenes (which never import one another: they ask the app for the next one by
#: name); then the only modules that know every scene.
UI_LAYERS: dict[int, tuple[str, ...]] = {
    0: ("game.ui", "game.ui.theme", "game.ui.settings", "game.ui.audit", "game.ui.browser"),
    1: ("game.ui.draw", "game.ui.art", "game.ui.borderland", "game.ui.charts",
        "game.ui.widgets", "game.ui.table", "game.ui.loader", "game.ui.focus", "game.ui.sound",
        "game.ui.remote", "game.ui.remote_table"),
    2: ("game.ui.router", "game.ui.window"),
    3: ("game.ui.scene", "game.ui.app", "game.ui.opening"),
    4: ("game.ui.scenes",),
    5: ("game.ui.main", "game.ui.screenshot"),
}
SCENES = 4


def defines_scene(source: str) -> bool:
    """The module defines a scene: a class whose base is called `Scene`."""
    return any(isinstance(node, ast.ClassDef) and any(
        getattr(base, "id", getattr(base, "attr", "")) == "Scene" for base in node.bases)
        for node in ast.walk(ast.parse(source)))


def ui_layer(module: str) -> int | None:
    """The window layer of a module of game.ui (a scene: SCENES)."""
    found = None
    for number, names in UI_LAYERS.items():
        for name in names:
            if module == name or (name != "game.ui" and module.startswith(name + ".")):
                found = number
    return found


def ui_problems(known: Mapping[str, str]) -> list[str]:
    """Every import in game.ui that goes up the window's layers, or from scene to scene."""
    problems = []
    for module, source in known.items():
        if not module.startswith("game.ui"):
            continue
        mine = ui_layer(module)
        if mine is None:
            problems.append(f"{module} has no window layer")
            continue
        for target, line in imported(module, source, known):
            if not target.startswith("game.ui.") or target == module:
                continue
            theirs = ui_layer(target)
            if theirs is None or theirs > mine:
                problems.append(f"{module}:{line} imports {target} from above it")
            elif mine == theirs == SCENES and target in known and defines_scene(known[target]):
                problems.append(f"{module}:{line} imports the scene {target}")
    return problems


def test_the_window_imports_downward_and_no_scene_imports_another() -> None:
    assert ui_problems(sources()) == []


@pytest.mark.parametrize(("module", "added", "expected"), [
    ("game.ui.scenes.end", "from game.ui.scenes.game.board import BoardScene\n",
     "imports the scene"),
    ("game.ui.scenes.game.menu", "from game.ui.scenes.game.news import NewsOverlay\n",
     "imports the scene"),
    ("game.ui.router", "from game.ui.app import App\n", "from above it"),
    ("game.ui.draw", "from game.ui.app import Scene\n", "from above it"),
])
def test_a_wrong_window_import_is_caught(module: str, added: str, expected: str) -> None:
    known = dict(sources())
    known[module] = added + known[module]
    assert any(expected in problem for problem in ui_problems(known))


#: The window's modules stay small enough to read whole: split a screen into scenes and
#: widgets before it grows past this (issue 14 asked for "about 300 lines").
UI_MODULE_LINES = 320


def test_no_window_module_is_long() -> None:
    long = {module: source.count("\n") for module, source in sources().items()
            if module.startswith("game.ui") and source.count("\n") > UI_MODULE_LINES}
    assert long == {}, f"split these (more than {UI_MODULE_LINES} lines): {long}"
