"""Content errors as people read them: pydantic's validation errors turned into
diagnostics at file, line and column, in the game's words."""

from __future__ import annotations

import os
import re
import types
import typing
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Union

from pydantic import BaseModel, ValidationError

from game.content.diagnostics import Diagnostic, did_you_mean
from game.content.yamlload import LoadedYaml
from game.i18n import N_, _
from game.models.content import ID_RE


def shown_path(path: Path, follow: bool = True) -> str:
    """A path as users should see it: relative to the working folder when inside it.

    With `follow=False` a link is shown as itself, not as where it leads.
    """
    try:
        absolute = path.resolve() if follow else Path(os.path.abspath(path))
    except (OSError, RuntimeError):  # a link loop: show the link itself
        absolute = Path(os.path.abspath(path))
    try:
        return str(absolute.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(absolute)


_EXPECTED_RE = re.compile(r"'([^']*)'")

#: pydantic's kinds of wrong value, in the game's words (filled from its `ctx`); a kind
#: not here is written in pydantic's own sentence, in English.
VALUE_WORDS = {
    "int_type": N_("a whole number is needed here"),
    "int_parsing": N_("a whole number is needed here"),
    "int_from_float": N_("a whole number is needed here, without decimals"),
    "float_type": N_("a number is needed here"),
    "float_parsing": N_("a number is needed here"),
    "bool_type": N_("true or false is needed here"),
    "bool_parsing": N_("true or false is needed here"),
    "string_type": N_("a text is needed here"),
    "list_type": N_("a list is needed here (lines starting with '- ', or [a, b])"),
    "dict_type": N_("a set of 'key: value' lines is needed here"),
    "model_type": N_("a set of 'key: value' lines is needed here"),
    "model_attributes_type": N_("a set of 'key: value' lines is needed here"),
    "string_too_short": N_("this text must have at least {min_length} characters"),
    "string_too_long": N_("this text must have at most {max_length} characters"),
    "string_pattern_mismatch": N_("this text is not written the way it must be"),
    "too_short": N_("this list must have at least {min_length} items"),
    "too_long": N_("this list must have at most {max_length} items"),
    "greater_than_equal": N_("this number must be {ge} or more"),
    "greater_than": N_("this number must be more than {gt}"),
    "less_than_equal": N_("this number must be {le} or less"),
    "less_than": N_("this number must be less than {lt}"),
}


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated/Optional to the inner type."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return _unwrap(args[0])
        return tuple(_unwrap(a) for a in args)
    return annotation


def _model_at(model: Any, loc: Sequence[str | int]) -> type[BaseModel] | None:
    """The model class that owns the last part of `loc`, following lists and unions."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, tuple):  # a union: pick the member whose kind is `part`
            chosen = None
            for member in current:
                if isinstance(member, type) and issubclass(member, BaseModel):
                    kind_field = member.model_fields.get("kind")
                    if kind_field is not None and part in typing.get_args(kind_field.annotation):
                        chosen = member
            if chosen is None:
                return None
            current = chosen
            continue
        origin = typing.get_origin(current)
        if origin in (list, dict):
            current = typing.get_args(current)[-1]
            continue
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = _field_by_alias(current, str(part))
            if field is None:
                return current
            current = field
            continue
        return None
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return current
    return None


def _short(value: object, limit: int = 60) -> str:
    """Text of `value`, cut to `limit` characters: a diagnostic must stay one readable line."""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _field_by_alias(model: type[BaseModel], name: str) -> Any:
    for field_name, info in model.model_fields.items():
        if (info.alias or field_name) == name:
            return info.annotation
    return None


def _aliases(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()]


def path_text(loc: Sequence[str | int], data: Any) -> str:
    """`cards[3].effects[0].delta`, skipping union tags that are not keys in the data."""
    out = ""
    node = data
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
            node = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
        elif isinstance(node, dict) and part in node:
            out += f".{part}" if out else str(part)
            node = node[part]
        elif isinstance(node, dict) and node.get("kind") == part:
            continue
        elif isinstance(node, dict):
            out += f".{part}" if out else str(part)
            node = None
        else:
            continue
    return out


#: Each pattern a field checks a text against: what such a text is, in a word or two (the
#: modders' guide's name for it, game.content.guide), and the rule it follows with an
#: example (the diagnostic), never the pattern itself.
PATTERNS: dict[str, tuple[str, str]] = {
    ID_RE: ("id", N_("an id is lowercase letters, digits and _, starting with a letter, "
                     "like amlo_border_deal")),
    r"^\d{4}-(0[1-9]|1[0-2])$": ("month, YYYY-MM", N_("use YYYY-MM, like 2019-06")),
    r"^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$": (
        "date, YYYY-MM or YYYY-MM-DD",
        N_("use YYYY-MM or YYYY-MM-DD, like 2019-06 or 2019-06-07")),
    r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$": (
        "date, YYYY-MM-DD, YYYY-MM or YYYY",
        N_("use YYYY-MM-DD, YYYY-MM or YYYY, like 2019-06-07")),
    r"^[a-z0-9][a-z0-9\-]*$": (
        "source id (lowercase letters, digits and -)",
        N_("a source id is lowercase letters, digits and -, like dof-2019-06-07")),
    r"^https?://": ("web address", N_("an address starts with https:// or http://, like "
                                      "https://www.gob.mx/")),
    r"^#[0-9a-fA-F]{6}$": ("colour, #rrggbb",
                           N_("a colour is # and six hexadecimal digits, like #1f6f43")),
    r"^\d+\.\d+(\.\d+)?$": ("version, like 1.0.0",
                              N_("a version is numbers separated by dots, like 1.0.0")),
}
#: The rule of each pattern, as a diagnostic says it.
PATTERN_WORDS = {pattern: rule for pattern, (_name, rule) in PATTERNS.items()}


def _yaml_words(value: object) -> str:
    """A value as it is written in YAML: `true`, not Python's `True`."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _given_words(given: object) -> str:
    """What a file gave where something else was needed, as its writer would say it."""
    if given is None:
        return _("nothing")
    if isinstance(given, list):
        return _("a list")
    if isinstance(given, dict):
        return _("'key: value' lines")
    return _short(repr(given) if isinstance(given, str) else _yaml_words(given))


def _value_words(kind: str, ctx: dict[str, Any], said: str) -> str:
    """What is wrong with a value, in the game's words (VALUE_WORDS); else pydantic's
    own sentence as it writes it, in English (a rule a model's validator checks)."""
    if kind == "value_error" and ctx.get("error") is not None:
        return str(ctx["error"])  # a model's own rule, in the game's words (game/models)
    words = PATTERN_WORDS.get(str(ctx.get("pattern"))) if kind == "string_pattern_mismatch" \
        else None
    words = words or VALUE_WORDS.get(kind)
    if words is None:
        return _short(said, 300)
    try:
        return _(words).format(**{key: str(value) for key, value in ctx.items()})
    except (KeyError, IndexError):  # a translation naming a value pydantic did not give
        return _short(said, 300)


def schema_diagnostics(
    err: ValidationError,
    parsed: LoadedYaml,
    model: type[BaseModel],
    shown: str,
    prefix: tuple[str | int, ...] = (),
    at: tuple[str | int, ...] = (),
) -> list[Diagnostic]:
    """Each pydantic error as a diagnostic; `prefix` locates the validated value in `model`,
    `at` the model's value in the file (a patch's entry: the item it changes is elsewhere)."""
    out: list[Diagnostic] = []
    for item in err.errors(include_url=False):
        inner = (*prefix, *item["loc"])
        loc = (*at, *inner)
        kind = item["type"]
        path = path_text(loc, parsed.data)
        ctx = item.get("ctx") or {}
        if kind == "extra_forbidden":
            owner = _model_at(model, inner[:-1])
            name = str(loc[-1])
            hint = did_you_mean(name, _aliases(owner)) if owner else ""
            line, col = parsed.position(loc, key=True)
            code = "unknown-field"
            message = _("unknown field '{field}'.").format(field=_short(name)) + hint
        elif kind == "missing":
            owner = _model_at(model, inner[:-1])
            line, col = parsed.position(loc[:-1])
            code = "missing-field"
            message = _("required field '{field}' is missing").format(field=loc[-1])
            if owner is not None and loc[-1] in owner.model_fields:
                desc = owner.model_fields[str(loc[-1])].description
                if desc:
                    # The schema's own description of the field (game/models), in English
                    # until a catalogue holds it: the models do not mark them.
                    message += f" ({_(desc)})"
        elif kind == "union_tag_invalid":
            tag = str(ctx.get("tag", ""))
            expected = _EXPECTED_RE.findall(str(ctx.get("expected_tags", "")))
            line, col = parsed.position((*loc, "kind"))
            path = f"{path}.kind" if path else "kind"
            code = "unknown-kind"
            hint = did_you_mean(tag, expected)
            message = _("unknown kind '{kind}'.").format(kind=_short(tag)) + hint
            if not hint:
                message += " " + _("Expected one of: {choices}").format(
                    choices=", ".join(expected))
        elif kind == "union_tag_not_found":
            line, col = parsed.position(loc)
            code = "missing-field"
            message = _("required field '{field}' is missing").format(field="kind")
        elif kind in ("literal_error", "enum"):
            expected = _EXPECTED_RE.findall(str(ctx.get("expected", "")))
            given = item.get("input")
            line, col = parsed.position(loc)
            code = "bad-value"
            hint = did_you_mean(_yaml_words(given), expected) if expected and \
                given is not None else ""
            message = (_("a value is needed here.") if given is None else _(
                "'{value}' is not allowed here.").format(value=_short(_yaml_words(given)))) + hint
            if expected and not hint:
                message += " " + _("Expected one of: {choices}").format(
                    choices=", ".join(expected))
        else:
            line, col = parsed.position(loc)
            code = "bad-type"
            given = item.get("input")
            shown_input = _given_words(given)
            message = _("{problem} (got {value})").format(
                problem=_value_words(kind, ctx, item["msg"]), value=shown_input)
        out.append(Diagnostic(shown, line, col, "error", code, path, message))
    return out


