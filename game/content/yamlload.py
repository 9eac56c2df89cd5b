"""YAML reading that keeps every value's position, for `file:line:col` diagnostics.

Files are composed to a node tree with PyYAML's C parser (when present), then turned
into plain Python data. The node tree is kept so that any path into the data
(such as a pydantic error location) can be turned back into a line and column.
Only `true` and `false` are booleans: `yes`, `no`, `on` and `off` stay strings, and
dates stay strings.

Content files are untrusted input, so reading them is bounded: no more than
`MAX_NODES` values per file (an alias counted as often as it repeats what it
points at, which stops "billion laughs" files) and no more than `MAX_NESTING`
levels of lists and mappings inside one another (which also stops an alias that
contains itself). The C parser refuses more than 1,000 levels on its own while
composing, so `"[" * 100000` costs nothing; the pure-Python fallback composer
recurses instead. Limits are counted on the stream of parser events (which
does not recurse, and where an alias is one event however much it stands for)
before composing, for files that may hold an alias (a `*` anywhere) and for
every file without the C parser; for the others they are counted while the
node tree becomes data, and the events are read only when a limit is crossed,
to name the value where it happened.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

from game.i18n import _

_BaseLoader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_C_PARSER = _BaseLoader is not yaml.SafeLoader
_BOOL = "tag:yaml.org,2002:bool"


_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_NULL = "tag:yaml.org,2002:null"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_PLAIN = "?plain"  # tag given to unquoted scalars; typed later by `_plain`
_INT_RE = re.compile(r"^[-+]?(?:0|[1-9][0-9_]*|0x[0-9a-fA-F_]+|0o[0-7_]+)$")
#: Values (scalars, lists, mappings, keys included) one file may hold once aliases are
#: expanded. The biggest file of the base game holds about 3,700; a file of 1,000
#: generated cards (tests/benchmarks/content.py) holds 61,000 in 520 KB. This allows
#: any file up to `MAX_FILE_BYTES` written at 5 bytes or more per value, and bounds
#: what aliases can make of a small file to a fraction of a second of work.
MAX_NODES = 200_000
#: Lists and mappings inside one another. The deepest file of the base game nests 8
#: (events/news.yaml); a card whose `requires` nests ten `all`s needs 24.
MAX_NESTING = 40
#: Characters YAML does not allow anywhere in a file (the complement of c-printable);
#: searched for only once the parser has refused one, to name it.
_BAD_CHAR = re.compile(
    r"[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
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
    #: key → (key node, value node) of big mappings, built on first look: a file of
    #: thousands of bad keys must not cost thousands of scans of its mapping
    _index: dict[int, dict[Any, tuple[yaml.Node, yaml.Node]]] = field(
        default_factory=dict, repr=False, compare=False
    )

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
                pair = self._pair(node, part)
                if pair is None:
                    key_node = None
                    continue
                key_node, node = pair
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if 0 <= part < len(node.value):
                    key_node, node = None, node.value[part]
                continue
            else:
                continue
        target = key_node if key and key_node is not None else node
        return (target.start_mark.line + 1, target.start_mark.column + 1)

    def _pair(self, node: yaml.MappingNode, key: object) -> tuple[yaml.Node, yaml.Node] | None:
        """The first (key, value) nodes of `node` whose key is `key`."""
        if len(node.value) <= 16:
            for k, v in node.value:
                if k.value == key:
                    return k, v
            return None
        index = self._index.get(id(node))
        if index is None:
            index = {}
            for k, v in node.value:
                if isinstance(k.value, str):
                    index.setdefault(k.value, (k, v))
            self._index[id(node)] = index
        return index.get(key) if isinstance(key, str) else None


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


class _LimitCrossed(Exception):
    """Raised inside `_to_data` when a file holds too many values or nests too deep."""

    def __init__(self, node: yaml.Node, code: str) -> None:
        super().__init__(code)
        self.node = node
        self.code = code


def _to_data(node: Any, problems: list[YamlProblem], level: int, budget: list[int]) -> Any:
    """Plain data of `node`; `level` collections enclose it; `budget` values are left."""
    cls = type(node)  # exact type checks: this runs once per node of every file
    if cls is _ScalarNode:
        return _plain(node.value) if node.tag == _PLAIN else _scalar(node)
    if cls is _SequenceNode:
        children = node.value
        if level >= MAX_NESTING:
            raise _LimitCrossed(node, "too-deep")
        budget[0] -= len(children)
        if budget[0] < 0:
            raise _LimitCrossed(node, "too-many-nodes")
        level += 1
        return [_to_data(child, problems, level, budget) for child in children]
    if cls is _MappingNode:
        pairs = node.value
        if level >= MAX_NESTING:
            raise _LimitCrossed(node, "too-deep")
        budget[0] -= 2 * len(pairs)
        if budget[0] < 0:
            raise _LimitCrossed(node, "too-many-nodes")
        level += 1
        out: dict[Any, Any] = {}
        first_lines: dict[Any, int] | None = None
        for key_node, value_node in pairs:
            # keys are names: taken as text, as the schema wants them
            tag = key_node.tag
            key = (
                key_node.value if tag in (_PLAIN, _STR)
                else _to_data(key_node, problems, level, budget)
            )
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                key = str(key)
            if key in out:
                if first_lines is None:
                    first_lines = _first_key_lines(node)
                first = first_lines.get(key)
                if first is not None:
                    said = _("key '{key}' appears twice in this mapping; the first one is "
                             "line {line}").format(key=_short(key), line=first)
                else:
                    said = _("key '{key}' appears twice in this mapping").format(
                        key=_short(key))
                problems.append(
                    YamlProblem(
                        key_node.start_mark.line + 1,
                        key_node.start_mark.column + 1,
                        "duplicate-key",
                        said,
                    )
                )
            out[key] = _to_data(value_node, problems, level, budget)
        return out
    return None


def _first_key_lines(node: yaml.MappingNode) -> dict[Any, int]:
    """Line of each text key's first appearance in a mapping (built once, on a duplicate)."""
    lines: dict[Any, int] = {}
    for k, _value in node.value:
        if isinstance(k.value, str):
            lines.setdefault(k.value, int(k.start_mark.line) + 1)
    return lines


def _short(value: object, limit: int = 60) -> str:
    """Text of `value`, cut to `limit` characters: a diagnostic must stay one readable line."""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def line_col(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of the character at `index` of `text`."""
    index = max(0, min(index, len(text)))
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str) -> YamlProblem:
    """A parser error as a located problem in words a modder understands."""
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = exc.problem or _("invalid YAML")
    tab = _tab_near(text, mark.index if mark else None)
    if tab is not None:
        return YamlProblem(
            *tab, "tab-indent",
            _("YAML needs spaces for indentation, not tabs: replace the tab here with spaces"),
        )
    if what == "but found another document":
        return YamlProblem(
            line, col, "yaml-syntax",
            _("a content file holds one YAML document: remove this `---` and what follows, "
              "or move it to a file of its own"),
        )
    if "maximum nesting depth" in what:
        return YamlProblem(
            line, col, "too-deep",
            _("lists and mappings are nested more than {n} levels deep here; content never "
              "needs that many").format(n=MAX_NESTING),
        )
    if what == "found undefined alias" and mark is not None:
        name = re.match(r"\*([^\s,\[\]{}]*)", text[mark.index:])
        if name:
            said = _("the alias '{alias}' names no anchor (`&name`) written before it in this "
                     "file").format(alias=f"*{name.group(1)}")
        else:
            said = _("the alias names no anchor (`&name`) written before it in this file")
        return YamlProblem(line, col, "yaml-syntax", said)
    # The parser's own words (PyYAML or libyaml), passed through as it writes them.
    if exc.context:
        what = f"{what} ({exc.context})"
    return YamlProblem(line, col, "yaml-syntax", what)


def _tab_near(text: str, index: int | None) -> tuple[int, int] | None:
    """Where a tab indents the line of a parser error (or stands at the error), if one does."""
    if index is None or not 0 <= index <= len(text):
        return None
    if index < len(text) and text[index] == "\t":
        return line_col(text, index)
    start = text.rfind("\n", 0, index) + 1
    end = start
    while end < len(text) and text[end] in " \t":
        end += 1
    tab = text.find("\t", start, end)
    return line_col(text, tab) if tab >= 0 else None


def _locate_limit(text: str) -> YamlProblem | None:
    """Replay the parser's events to find where a limit is first crossed, aliases expanded.

    Each finished anchor remembers its size and height, so an alias costs O(1)
    here however much it would expand to; an alias to an anchor still open is one
    that contains itself.
    """
    anchors: dict[str, list[Any] | tuple[int, int]] = {}  # open frame, or (values, height)
    stack: list[list[Any]] = []  # frames: [anchor, values, height]
    total = 0
    try:
        events: Iterator[Any] = yaml.parse(text, Loader=_StrictLoader)
        for event in events:
            cls = type(event)
            if cls is yaml.ScalarEvent:
                total += 1
                if total > MAX_NODES:
                    return _too_many(event.start_mark, alias=None)
                if event.anchor is not None:
                    anchors[event.anchor] = (1, 0)
                if stack:
                    stack[-1][1] += 1
            elif cls is yaml.SequenceStartEvent or cls is yaml.MappingStartEvent:
                total += 1
                if total > MAX_NODES:
                    return _too_many(event.start_mark, alias=None)
                frame: list[Any] = [event.anchor, 1, 1]
                stack.append(frame)
                if len(stack) > MAX_NESTING:
                    return _too_deep(event.start_mark, alias=None)
                if event.anchor is not None:
                    anchors[event.anchor] = frame
            elif cls is yaml.SequenceEndEvent or cls is yaml.MappingEndEvent:
                frame = stack.pop()
                if frame[0] is not None and anchors.get(frame[0]) is frame:
                    anchors[frame[0]] = (frame[1], frame[2])
                if stack:
                    stack[-1][1] += frame[1]
                    stack[-1][2] = max(stack[-1][2], frame[2] + 1)
            elif cls is yaml.AliasEvent:
                entry = anchors.get(event.anchor)
                if entry is None:
                    continue
                if isinstance(entry, list):
                    line, col = event.start_mark.line + 1, event.start_mark.column + 1
                    return YamlProblem(
                        line, col, "recursive-alias",
                        _("the alias '{alias}' is inside the list or mapping it points at, "
                          "so it would repeat forever: point it at something outside").format(
                            alias=f"*{_short(event.anchor)}"),
                    )
                values, height = entry
                total += values
                if total > MAX_NODES:
                    return _too_many(event.start_mark, alias=event.anchor)
                if len(stack) + height > MAX_NESTING:
                    return _too_deep(event.start_mark, alias=event.anchor)
                if stack:
                    stack[-1][1] += values
                    stack[-1][2] = max(stack[-1][2], height + 1)
    except (yaml.YAMLError, RecursionError):
        return None
    return None


def _too_many(mark: Any, alias: str | None) -> YamlProblem:
    if alias:
        said = _("the file grows past {n} values here (the alias '{alias}' repeats everything "
                 "its anchor holds); split it into smaller files or use fewer aliases").format(
            n=f"{MAX_NODES:,}", alias=f"*{_short(alias)}")
    else:
        said = _("the file grows past {n} values here; split it into smaller files").format(
            n=f"{MAX_NODES:,}")
    return YamlProblem(mark.line + 1, mark.column + 1, "too-many-nodes", said)


def _too_deep(mark: Any, alias: str | None) -> YamlProblem:
    if alias:
        said = _("lists and mappings are nested more than {n} levels deep here once the "
                 "alias '{alias}' is expanded; content never needs that many").format(
            n=MAX_NESTING, alias=f"*{_short(alias)}")
    else:
        said = _("lists and mappings are nested more than {n} levels deep here; content "
                 "never needs that many").format(n=MAX_NESTING)
    return YamlProblem(mark.line + 1, mark.column + 1, "too-deep", said)


def load_yaml(text: str) -> LoadedYaml:
    """Parse YAML text; syntax errors and crossed limits become problems, never exceptions."""
    # An alias (`*name`) can make a small file huge, and the pure-Python composer
    # recurses: in both cases the events are counted first, which costs one more parse
    # of this file and no expansion at all.
    if not _C_PARSER or "*" in text:
        found = _locate_limit(text)
        if found is not None:
            return _failed(found)
    try:
        root = yaml.compose(text, Loader=_StrictLoader)
    except yaml.MarkedYAMLError as exc:
        return _failed(_syntax_problem(exc, text))
    except yaml.reader.ReaderError as exc:
        index = exc.position
        if _C_PARSER:  # libyaml counts bytes of UTF-8, not characters
            index = len(text.encode("utf-8")[:index].decode("utf-8", "ignore"))
        return _failed(_bad_character(text, index))
    except UnicodeEncodeError as exc:  # a lone surrogate, which no UTF-8 file can hold
        return _failed(_bad_character(text, exc.start))
    except yaml.YAMLError as exc:  # the parser's own words, as it writes them
        return _failed(YamlProblem(1, 1, "yaml-syntax", _short(exc, 200)))
    except RecursionError:  # the pure-Python composer recurses once per level
        return _failed(_locate_limit(text)
                       or _too_deep(yaml.Mark("", 0, 0, 0, None, 0), alias=None))
    if root is None:
        return LoadedYaml(None, None, [])
    problems: list[YamlProblem] = []
    try:
        data = _to_data(root, problems, 0, [MAX_NODES - 1])
    except (_LimitCrossed, RecursionError) as exc:
        found = _locate_limit(text)
        if found is None:  # counted differently: name the node where `_to_data` stopped
            node = exc.node if isinstance(exc, _LimitCrossed) else root
            deep = not isinstance(exc, _LimitCrossed) or exc.code == "too-deep"
            found = (_too_deep if deep else _too_many)(node.start_mark, None)
        return _failed(found)
    return LoadedYaml(data, root, problems)


def _bad_character(text: str, index: int) -> YamlProblem:
    """A character YAML refuses (a control character, a lone surrogate), where it is."""
    bad = _BAD_CHAR.search(text, max(0, min(index, len(text))))
    if bad is None:  # not where the parser said: look from the start
        bad = _BAD_CHAR.search(text)
    index = bad.start() if bad is not None else index
    line, col = line_col(text, index)
    code = ord(text[index]) if index < len(text) else 0
    if code < 0x20 or 0x7F <= code <= 0x9F:
        said = _("the file contains a control character ({code}) that YAML does not allow: "
                 "delete it")
    else:
        said = _("the file contains a character ({code}) that YAML does not allow: delete it")
    return YamlProblem(line, col, "bad-character", said.format(code=f"U+{code:04X}"))


def _failed(problem: YamlProblem) -> LoadedYaml:
    return LoadedYaml(None, None, [problem])
