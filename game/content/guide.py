"""The reference parts of docs/MODDING.md, written from the models so that they never drift.

The guide is written by hand around blocks that this module fills in:

    <!-- reference: cards -->
    ... (written by `python -m game.content.guide docs/MODDING.md`)
    <!-- end of reference -->

A block names a kind of file (its fields, and those of every block inside it), or
`conditions`, `effects`, `meters`, `codes`. Each condition and effect comes with an
example that the tests check against its model. `tests/test_modding.py` checks that the
committed guide is what this module writes.
"""

from __future__ import annotations

import re
import sys
import types
import typing
from pathlib import Path
from typing import Any, Union

from pydantic import BaseModel

from game.content.catalogues import CODES as TRANSLATION_CODES
from game.content.diagnostics import CODES
from game.content.explain import PATTERNS
from game.models import content as models

_BLOCK = re.compile(r"(<!-- reference: ([a-z_]+) -->\n).*?(<!-- end of reference -->)", re.S)

#: One example of each condition, in a content file's own words.
CONDITION_EXAMPLES = {
    "meter": "{kind: meter, meter: trust, min: 60}",
    "flag": "{kind: flag, flag: national_guard, set: false}",
    "agreement": "{kind: agreement, front: trade, min: talks}",
    "turn": "{kind: turn, min: 3, max: 6}",
    "date": "{kind: date, from: 2019-06, until: 2019-12}",
    "last_stance": "{kind: last_stance, side: other, stance: confront}",
    "below_floor": "{kind: below_floor, side: self, turns: 2}",
    "last_turn": "{kind: last_turn}",
    "signed": "{kind: signed, min: 2}",
    "all": "{kind: all, of: [{kind: meter, meter: trust, min: 50}, "
           "{kind: flag, flag: usmca_signed}]}",
    "any": "{kind: any, of: [{kind: meter, meter: tension.trade, min: 70}, "
           "{kind: flag, flag: tariffs}]}",
    "not": "{kind: not, cond: {kind: flag, flag: tariffs}}",
}
#: One example of each effect.
EFFECT_EXAMPLES = {
    "meter": "{kind: meter, meter: polls.self, delta: -2}",
    "set_flag": "{kind: set_flag, flag: water_deal}",
    "clear_flag": "{kind: clear_flag, flag: tariffs}",
    "agreement": "{kind: agreement, front: migration, step: 1}",
    "modifier": "{kind: modifier, meter: polls.trump, delta: -1, turns: 3, "
                "label: Shutdown fatigue}",
    "schedule": "{kind: schedule, event: ev_tariffs_bite, turns: 2}",
    "draw": "{kind: draw, side: self, count: 1}",
    "discard": "{kind: discard, side: other, count: 1}",
}
#: What each meter stands for.
METER_WORDS = {
    "trust": "trust between the two presidents, 0 (collision) to 100 (compromise)",
    "polls.amlo": "López Obrador's approval at home",
    "polls.trump": "Trump's approval at home",
    "tension.trade": "tension over trade: tariffs, the new trade agreement",
    "tension.migration": "tension over migration and the border",
    "tension.security": "tension over security: cartels, guns, extraditions",
    "capital.amlo": "López Obrador's political capital, spent to play cards",
    "capital.trump": "Trump's political capital",
    "polls.self": "in a card or a choice: the polls of the leader who plays it",
    "polls.other": "in a card or a choice: the other leader's polls",
    "capital.self": "the capital of the leader who plays it",
    "capital.other": "the other leader's capital",
}


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """The type inside Optional/Annotated, and whether None was allowed."""
    optional = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            optional = optional or len(args) < len(typing.get_args(annotation))
            if len(args) != 1:
                return typing.Union[tuple(args)], optional  # noqa: UP007 (a runtime value)
            annotation = args[0]
        else:
            return annotation, optional


def _pattern(metadata: Any) -> str | None:
    """The name of the pattern among a field's rules, if there is one."""
    for rule in metadata:
        pattern = getattr(rule, "pattern", None)
        for inner in getattr(rule, "metadata", ()):  # a Field() inside Annotated
            pattern = pattern or getattr(inner, "pattern", None)
        if pattern is not None:
            return PATTERNS[str(pattern)][0] if str(pattern) in PATTERNS else "text"
    return None


def type_words(annotation: Any) -> str:
    """A field's type as a modder reads it: `whole number`, `list of effects`, ..."""
    if typing.get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:  # optional: the type it holds when given
            return type_words(args[0])
    if typing.get_origin(annotation) is typing.Annotated:
        named = _pattern(typing.get_args(annotation)[1:])
        if named is not None:
            return named
    inner, _optional = _unwrap(annotation)
    if str(inner) == str(_unwrap(models.Condition)[0]):
        return "condition"
    if str(inner) == str(_unwrap(models.Effect)[0]):
        return "effect"
    origin = typing.get_origin(inner)
    if origin is typing.Literal:
        if set(typing.get_args(inner)) == set(models.METER_NAMES):
            return "meter (see Meters)"
        return "one of " + ", ".join(f"`{a}`" for a in typing.get_args(inner))
    if origin in (list, tuple):
        item = type_words(typing.get_args(inner)[0])
        return f"list of {item}s" if item in ("condition", "effect", "id", "text") \
            else f"list of: {item}"
    if origin is dict:
        key, value = typing.get_args(inner)
        return f"mapping of {type_words(key)} to {type_words(value)}"
    if isinstance(inner, type) and issubclass(inner, BaseModel):
        return f"block ({inner.__name__})"
    return {int: "whole number", float: "number", str: "text", bool: "true or false",
            Any: "any value"}.get(inner, str(inner))


def _bounds(info: Any, words: str) -> str:
    """A field's limits in words: `from 0 to 10`, `not empty`, `at most 60 characters`."""
    rules = {name: getattr(rule, name) for rule in info.metadata
             for name in ("ge", "le", "min_length", "max_length")
             if getattr(rule, name, None) is not None}
    found = []
    if "ge" in rules and "le" in rules:
        found.append(f"{rules['ge']} to {rules['le']}")
    elif "ge" in rules or "le" in rules:
        found.append(f"at least {rules['ge']}" if "ge" in rules else f"at most {rules['le']}")
    unit = "items" if words.startswith("list") else "characters"
    if words == "id":
        return ""
    if rules.get("min_length") == 1:
        found.append("not empty")
    elif "min_length" in rules:
        found.append(f"at least {rules['min_length']} {unit}")
    if "max_length" in rules:
        found.append(f"at most {rules['max_length']} {unit}")
    return ", ".join(found)


def field_rows(model: type[BaseModel]) -> list[str]:
    """A markdown table of the fields of `model`: name, type, required or default, what."""
    rows = ["| field | type | required / default | what it is |", "|---|---|---|---|"]
    for name, info in model.model_fields.items():
        shown = info.alias or name
        if info.is_required():
            need = "**required**"
        else:
            default = info.get_default(call_default_factory=True)
            need = "none" if default is None else "empty" if isinstance(
                default, BaseModel) or default in ([], {}, "") else \
                f"`{str(default).lower()}`" if isinstance(default, bool) else \
                "`" + ", ".join(f"{k}: {v}" for k, v in default.items()) + "`" \
                if isinstance(default, dict) else f"`{default}`"
        words = _pattern(info.metadata) or type_words(info.annotation)
        limits = _bounds(info, words)
        text = (info.description or "").replace("|", "\\|").replace("\n", " ")
        rows.append(f"| `{shown}` | {words}{' (' + limits + ')' if limits else ''} | {need} "
                    f"| {text} |")
    return rows


def _inner_models(model: type[BaseModel], seen: set[type[BaseModel]]) -> list[type[BaseModel]]:
    """The models of the blocks inside `model`, depth first, each once; conditions and
    effects are listed apart."""
    skip = {*typing.get_args(_unwrap(models.Condition)[0]),
            *typing.get_args(_unwrap(models.Effect)[0])}
    found: list[type[BaseModel]] = []
    for info in model.model_fields.values():
        stack = [info.annotation]
        while stack:
            current = stack.pop()
            inner, _optional = _unwrap(current)
            if typing.get_origin(inner) in (list, dict):
                stack.extend(typing.get_args(inner))
            elif isinstance(inner, type) and issubclass(inner, BaseModel) and \
                    inner not in seen and inner not in skip:
                seen.add(inner)
                found.append(inner)
                found.extend(_inner_models(inner, seen))
    return found


def _file_block(kind: str) -> list[str]:
    model = models.FILE_KINDS[kind]
    lines = field_rows(model)
    for inner in _inner_models(model, {model}):
        doc = " ".join((inner.__doc__ or "").strip().split("\n\n")[0].split())
        lines += ["", f"**{inner.__name__}**" + (f": {doc}" if doc and not doc.startswith(
            "Usage docs") and not doc.startswith("!!!") else ""), "", *field_rows(inner)]
    return lines


def _kinds_block(union: Any, examples: dict[str, str], what: str) -> list[str]:
    lines = []
    for member in typing.get_args(_unwrap(union)[0]):
        kind = typing.get_args(member.model_fields["kind"].annotation)[0]
        description = member.model_fields["kind"].description or ""
        lines += [f"#### {what} `{kind}`", "", description, "", "```yaml",
                  examples[kind], "```", ""]
        fields = [name for name in member.model_fields if name != "kind"]
        if fields:
            rows = field_rows(member)
            lines += [rows[0], rows[1], *(row for row in rows[2:]
                                          if not row.startswith("| `kind`")), ""]
    return lines[:-1]


def block(name: str) -> list[str]:
    """The lines of the reference block `name`."""
    if name in models.FILE_KINDS:
        return _file_block(name)
    if name == "conditions":
        return _kinds_block(models.Condition, CONDITION_EXAMPLES, "Condition")
    if name == "effects":
        return _kinds_block(models.Effect, EFFECT_EXAMPLES, "Effect")
    if name == "meters":
        return ["| meter | what it is |", "|---|---|",
                *(f"| `{meter}` | {METER_WORDS[meter]} |" for meter in models.METER_NAMES)]
    if name == "codes":
        return ["| code | what it means |", "|---|---|",
                *(f"| `{code}` | {meaning} |" for code, meaning in
                  {**CODES, **TRANSLATION_CODES}.items())]
    raise KeyError(name)


def update(text: str) -> str:
    """`text` with every reference block written afresh."""
    def fill(match: re.Match[str]) -> str:
        return match.group(1) + "\n".join(block(match.group(2))) + "\n" + match.group(3)
    return _BLOCK.sub(fill, text)


def main(argv: list[str]) -> int:
    """`python -m game.content.guide docs/MODDING.md`: rewrite its reference blocks."""
    for name in argv:
        path = Path(name)
        path.write_text(update(path.read_text(encoding="utf-8")), encoding="utf-8")
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
