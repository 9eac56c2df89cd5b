"""YAML reading that keeps every value's position, for `file:line:col` diagnostics.

Files are composed to a node tree with PyYAML's C parser (when present), then turned
into plain Python data. The node tree is kept so that any path into the data
(such as a pydantic error location) can be turned back into a line and column.
Only `true` and `false` are booleans: `yes`, `no`, `on` and `off` stay strings, and
dates stay strings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml

_BaseLoader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BOOL = "tag:yaml.org,2002:bool"


_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_NULL = "tag:yaml.org,2002:null"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_PLAIN = "?plain"  # tag given to unquoted scalars; typed later by `_plain`
_INT_RE = re.compile(r"^[-+]?(?:0|[1-9][0-9_]*|0x[0-9a-fA-F_]+|0o[0-7_]+)$")
_FLOAT_RE = re.compile(
    r"^[-+]?(?:[0-9][0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?|\.[0-9_]+(?:[eE][-+]?[0-9]+)?"
    r"|[0-9][0-9_]*[eE][-+]?[0-9]+)$"
)


class _StrictLoader(_BaseLoader):  # type: ignore[misc]
    """Safe loader whose implicit booleans are only `true` and `false`.

    Resolving is deferred: the parser only marks plain scalars, and `_plain`
    types them once, which is much faster than PyYAML's generic resolver on
    large packs.
    """

    def resolve(self, kind: type, value: str | None, implicit: Any) -> str:
        """The tag of a node without an explicit one."""
        if kind is yaml.ScalarNode:
            return _PLAIN if implicit[0] else _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        """Path-based resolvers are not used: skip their bookkeeping."""

    def ascend_resolver(self) -> None:
        """Path-based resolvers are not used: skip their bookkeeping."""


def _plain(value: str) -> Any:
    """An unquoted scalar as YAML 1.2 core types: only `true`/`false` are booleans."""
    if not value:
        return None
    first = value[0]
    if first in "0123456789-+.":
        if _INT_RE.match(value):
            try:
                return int(value.replace("_", ""), 0)
            except ValueError:
                return value
        if _FLOAT_RE.match(value):
            return float(value.replace("_", ""))
        if value in (".inf", "+.inf", ".Inf"):
            return float("inf")
        if value in ("-.inf", "-.Inf"):
            return float("-inf")
        return value
    if first in "tfnN~":
        if value == "true":
            return True
        if value == "false":
            return False
        if value in ("null", "Null", "NULL", "~"):
            return None
    return value


@dataclass(frozen=True)
class YamlProblem:
    """A syntax error or duplicate key, at a 1-based line and column."""

    line: int
    col: int
    code: str
    message: str


@dataclass
class LoadedYaml:
    """A parsed file: its data, its node tree (for positions) and any problems."""

    data: Any
    root: yaml.Node | None
    problems: list[YamlProblem]

    def position(self, loc: Sequence[str | int], key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the value at `loc`, or of its key when `key`.

        Parts of `loc` that match nothing (such as the tag pydantic inserts for a
        discriminated union) are skipped; a missing last part gives the position of
        the nearest existing parent.
        """
        node = self.root
        if node is None:
            return (1, 1)
        key_node: yaml.Node | None = None
        for part in loc:
            if isinstance(node, yaml.MappingNode):
                found = False
                for k, v in node.value:
                    if k.value == part:
                        key_node, node, found = k, v, True
                        break
                if not found:
                    key_node = None
                    continue
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if 0 <= part < len(node.value):
                    key_node, node = None, node.value[part]
                continue
            else:
                continue
        target = key_node if key and key_node is not None else node
        return (target.start_mark.line + 1, target.start_mark.column + 1)


def _scalar(node: yaml.ScalarNode) -> Any:
    tag, value = node.tag, node.value
    if tag == _PLAIN:
        return _plain(value)
    if tag == _STR:
        return value
    if tag == _INT:
        try:
            return int(value.replace("_", ""), 0)
        except ValueError:
            return value
    if tag == _BOOL:
        return value == "true"
    if tag == _NULL:
        return None
    if tag == _FLOAT:
        try:
            return float(value.replace("_", ""))
        except ValueError:
            return value
    return value


_ScalarNode, _SequenceNode, _MappingNode = yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode


def _to_data(node: Any, problems: list[YamlProblem]) -> Any:
    cls = type(node)  # exact type checks: this runs once per node of every file
    if cls is _ScalarNode:
        return _plain(node.value) if node.tag == _PLAIN else _scalar(node)
    if cls is _SequenceNode:
        return [_to_data(child, problems) for child in node.value]
    if cls is _MappingNode:
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            # keys are names: taken as text, as the schema wants them
            tag = key_node.tag
            key = key_node.value if tag in (_PLAIN, _STR) else _to_data(key_node, problems)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                key = str(key)
            if key in out:
                problems.append(
                    YamlProblem(
                        key_node.start_mark.line + 1,
                        key_node.start_mark.column + 1,
                        "duplicate-key",
                        f"key '{key}' appears twice in this mapping; the first one is line "
                        f"{_first_key_line(node, key)}",
                    )
                )
            out[key] = _to_data(value_node, problems)
        return out
    return None


def _first_key_line(node: yaml.MappingNode, key: object) -> int:
    for k, _ in node.value:
        if k.value == key:
            return int(k.start_mark.line) + 1
    return 0


def load_yaml(text: str) -> LoadedYaml:
    """Parse YAML text; syntax errors become problems, never exceptions."""
    try:
        root = yaml.compose(text, Loader=_StrictLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or "invalid YAML"
        if exc.context:
            what = f"{what} ({exc.context})"
        return LoadedYaml(None, None, [YamlProblem(line, col, "yaml-syntax", what)])
    except yaml.YAMLError as exc:
        return LoadedYaml(None, None, [YamlProblem(1, 1, "yaml-syntax", str(exc))])
    problems: list[YamlProblem] = []
    data = _to_data(root, problems) if root is not None else None
    return LoadedYaml(data, root, problems)
