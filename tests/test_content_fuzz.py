"""Fuzzing the loader with the real base pack: one file mutated, never a traceback.

Each case copies nothing: the base pack is copied once into a temporary folder,
one of its files is mutated (deleted lines or keys, wrong types, huge and
negative numbers, random bytes, duplicate keys, deep nesting, truncation, tabs,
aliases), the pack is loaded, and the file is put back. Properties: no exception
escapes; every diagnostic names a file that exists, a line within it (or just past
its end) and a column of 1 or more; errors and content never come together; no file
changes.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from hypothesis import event, given, settings
from hypothesis import strategies as st

from game.content.diagnostics import CODES
from game.content.loader import LoadResult, load_packs, pack_files
from game.content.yamlload import load_yaml
from game.paths import core_pack
from tests.profiles import examples

pytestmark = pytest.mark.fuzz


@dataclass(frozen=True)
class Shape:
    """Where one file's values are, found once from its pristine text."""

    text: str
    values: tuple[tuple[int, int], ...]  # mapping values and list items: start, end
    scalars: tuple[tuple[int, int], ...]  # plain scalars among them
    pairs: tuple[tuple[int, int], ...]  # a key's start and its value's end
    lines: tuple[tuple[int, int, int], ...]  # one-line block pairs: line start, end, key column


def _end(text: str, start: int, end: int) -> int:
    """A node's end without the blank and indentation the parser counts after a block."""
    return start + len(text[start:end].rstrip())


def shape_of(text: str) -> Shape:
    """The places a mutation can aim at in `text`."""
    values: list[tuple[int, int]] = []
    scalars: list[tuple[int, int]] = []
    pairs: list[tuple[int, int]] = []
    lines: list[tuple[int, int, int]] = []
    stack = [yaml.compose(text, Loader=yaml.CSafeLoader)]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                span = (value.start_mark.index, _end(text, value.start_mark.index,
                                                     value.end_mark.index))
                values.append(span)
                pairs.append((key.start_mark.index, span[1]))
                if not node.flow_style and key.start_mark.line == value.end_mark.line:
                    start = text.rfind("\n", 0, key.start_mark.index) + 1
                    stop = text.find("\n", key.start_mark.index)
                    lines.append((start, stop if stop >= 0 else len(text),
                                  key.start_mark.column))
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                values.append((item.start_mark.index, _end(text, item.start_mark.index,
                                                           item.end_mark.index)))
                stack.append(item)
        elif isinstance(node, yaml.ScalarNode) and not node.style:  # C: '', Python: None
            scalars.append((node.start_mark.index, node.end_mark.index))
    return Shape(text, tuple(values), tuple(scalars), tuple(pairs), tuple(lines))


CORE = core_pack()
RELATIVE = sorted(
    [Path("pack.yaml"), *(path.relative_to(CORE) for _, path in pack_files(CORE))], key=str
)
SHAPES = {rel: shape_of((CORE / rel).read_bytes().decode("utf-8")) for rel in RELATIVE}

WRONG_TYPES = ("[]", "{}", "[1, 2]", "{a: b}", "null", "~", "true", "'text'", '""', "3.5",
               "-7", "[[x]]", "{kind: meter}", "!!binary aGVsbG8=", "2019-05-01", "yes")
NUMBERS = ("-1", "-100000", "0", "-0", "99999999999999999999999999", "1e400", "-1e400",
           ".nan", ".inf", "-.inf", "0x7fffffffffffffffffffff", "9" * 5000, "1_000", "0o777",
           "4.", "1e-400")


def splice(text: str, start: int, end: int, new: str) -> str:
    """`text` with [start, end) replaced by `new`."""
    return text[:start] + new + text[end:]


def laughs(levels: int) -> str:
    """Top-level keys of a "billion laughs" file, ten times bigger at each level."""
    lines = ["l0: &l0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, levels):
        lines.append(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]")
    return "\n".join(lines) + "\n"


Mutation = Callable[[st.DataObject, Shape], bytes]


def _pick(data: st.DataObject, spans: tuple[tuple[int, int], ...]) -> tuple[int, int]:
    assert spans, "every file of the base pack has values, plain scalars and keys"
    return spans[data.draw(st.integers(0, len(spans) - 1), label="span")]


def delete_lines(data: st.DataObject, shape: Shape) -> bytes:
    lines = shape.text.splitlines(keepends=True)
    first = data.draw(st.integers(0, len(lines) - 1), label="first line")
    count = data.draw(st.integers(1, 6), label="lines")
    return "".join(lines[:first] + lines[first + count:]).encode()


def delete_key(data: st.DataObject, shape: Shape) -> bytes:
    start, end = _pick(data, shape.pairs)
    return splice(shape.text, start, end, "").encode()


def wrong_type(data: st.DataObject, shape: Shape) -> bytes:
    start, end = _pick(data, shape.values)
    return splice(shape.text, start, end, data.draw(st.sampled_from(WRONG_TYPES))).encode()


def number(data: st.DataObject, shape: Shape) -> bytes:
    start, end = _pick(data, shape.scalars)
    new = data.draw(st.one_of(st.sampled_from(NUMBERS),
                              st.integers(-(10**30), 10**30).map(str)), label="number")
    return splice(shape.text, start, end, new).encode()


def random_bytes(data: st.DataObject, shape: Shape) -> bytes:
    raw = shape.text.encode()
    at = data.draw(st.integers(0, len(raw)), label="offset")
    junk = data.draw(st.binary(min_size=1, max_size=16), label="bytes")
    cut = data.draw(st.integers(0, 16), label="overwritten")
    return raw[:at] + junk + raw[at + cut:]


def duplicate_key(data: st.DataObject, shape: Shape) -> bytes:
    start, end, column = shape.lines[data.draw(st.integers(0, len(shape.lines) - 1))]
    line = shape.text[start:end]
    return splice(shape.text, end, end, "\n" + " " * column + line[column:]).encode()


def deep_nesting(data: st.DataObject, shape: Shape) -> bytes:
    start, end = _pick(data, shape.values)
    depth = data.draw(st.one_of(st.integers(1, 60), st.integers(900, 1100),
                                st.just(20_000)), label="depth")
    style = data.draw(st.sampled_from(["flow list", "flow map", "unclosed"]), label="style")
    if style == "flow list":
        new = "[" * depth + "1" + "]" * depth
    elif style == "flow map":
        new = "{a: " * depth + "1" + "}" * depth
    else:
        new = "[" * depth
    return splice(shape.text, start, end, new).encode()


def truncate(data: st.DataObject, shape: Shape) -> bytes:
    raw = shape.text.encode()
    return raw[:data.draw(st.integers(0, len(raw) - 1), label="length")]


def tabs(data: st.DataObject, shape: Shape) -> bytes:
    lines = shape.text.splitlines(keepends=True)
    at = data.draw(st.integers(0, len(lines) - 1), label="line")
    line = lines[at]
    indent = len(line) - len(line.lstrip(" "))
    where = data.draw(st.sampled_from(["indent", "anywhere"]), label="where")
    if where == "indent" or not line:
        lines[at] = "\t" + line[min(indent, 2):]
    else:
        col = data.draw(st.integers(0, len(line)), label="column")
        lines[at] = line[:col] + "\t" + line[col:]
    return "".join(lines).encode()


def alias(data: st.DataObject, shape: Shape) -> bytes:
    kind = data.draw(st.sampled_from(["valid", "recursive", "laughs", "undefined"]), label="kind")
    text = shape.text
    if kind == "laughs":
        return (laughs(data.draw(st.integers(1, 9), label="levels")) + text).encode()
    start, end = _pick(data, shape.values)
    if kind == "recursive":
        new = data.draw(st.sampled_from(["&fz [*fz]", "&fz {a: *fz}", "&fz [1, [2, *fz]]"]))
        return splice(text, start, end, new).encode()
    if kind == "undefined":
        return splice(text, start, end, "*nowhere").encode()
    later = [span for span in shape.values if span[0] >= end]
    if not later:
        return splice(text, start, start, "&fz ").encode()
    target_start, target_end = later[data.draw(st.integers(0, len(later) - 1))]
    text = splice(text, target_start, target_end, "*fz")
    return splice(text, start, start, "&fz ").encode()


MUTATIONS: dict[str, Mutation] = {
    "delete lines": delete_lines, "delete a key": delete_key, "wrong type": wrong_type,
    "number": number, "random bytes": random_bytes, "duplicate key": duplicate_key,
    "deep nesting": deep_nesting, "truncation": truncate, "tabs": tabs, "alias": alias,
}


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the base pack, made once; each case restores the file it mutated."""
    copy = tmp_path_factory.mktemp("fuzz") / "core"
    shutil.copytree(CORE, copy)
    return copy.resolve()


def assert_sound(result: LoadResult, before: dict[Path, bytes]) -> None:
    """The properties every load must have, whatever the files hold."""
    assert (result.content is None) == result.report.has_errors()
    lines: dict[str, int] = {}  # a flood of diagnostics must not mean a flood of file reads
    for d in result.report.items:
        assert d.col >= 1, d.format()
        assert d.code in CODES, d.format()
        if d.file not in lines:
            where = Path(d.file).resolve()
            assert where.exists(), d.format()
            text = before[where].decode("utf-8", "replace") if where in before else ""
            lines[d.file] = len(text.splitlines()) if where.is_file() else 0
        assert 1 <= d.line <= lines[d.file] + 1, d.format()
    after = {path: path.read_bytes() for path in before}
    assert after == before, "loading changed a file"


@settings(max_examples=examples(150, 2000))
@given(data=st.data())
def test_mutated_core_pack_loads_with_located_diagnostics(pack: Path, data: st.DataObject) -> None:
    rel = data.draw(st.sampled_from(RELATIVE), label="file")
    name = data.draw(st.sampled_from(sorted(MUTATIONS)), label="mutation")
    shape = SHAPES[rel]
    mutated = MUTATIONS[name](data, shape)
    target = pack / rel
    target.write_bytes(mutated)
    try:
        before = {pack / other: (pack / other).read_bytes() for other in RELATIVE}
        result = load_packs([pack])
        event(f"{name}: {' '.join(sorted({d.code for d in result.report.errors})) or 'clean'}")
        assert_sound(result, before)
        if mutated == shape.text.encode():
            assert result.content is not None
    finally:
        target.write_bytes(shape.text.encode())


@settings(max_examples=examples(300, 2000))
@given(text=st.one_of(
    st.text(max_size=200),
    st.text(alphabet=st.sampled_from(list("[]{}&*!|>-:?,#'\"\t\n ab1")), max_size=200),
))
def test_any_text_gives_data_or_located_problems(text: str) -> None:
    loaded = load_yaml(text)
    lines = len(text.splitlines())
    for problem in loaded.problems:
        assert 1 <= problem.line <= lines + 1, problem
        assert problem.col >= 1, problem
        assert problem.code in CODES, problem
