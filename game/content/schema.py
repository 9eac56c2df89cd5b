"""JSON Schemas of content files, for editors (yaml-language-server) and modders."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from game.models.content import FILE_KINDS, PATCH_TABLES


def schema_for(kind: str) -> dict[str, Any]:
    """The JSON Schema of one kind of content file."""
    model = FILE_KINDS[kind]
    schema = model.model_json_schema(by_alias=True, mode="validation")
    if kind == "pack":
        _describe_patches(schema)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"unlikely-allies/{kind}.schema.json"
    schema.setdefault("title", f"Unlikely Allies {kind} file")
    return schema


def _describe_patches(schema: dict[str, Any]) -> None:
    """Give the manifest's `patch:` entries the fields of the items they change, none of
    them required but `id` (the loader checks the changed item whole), so that an editor
    completes and checks them."""
    from game.content.patches import ITEM_MODELS
    from game.models.content import Rules

    defs: dict[str, Any] = schema.setdefault("$defs", {})
    patches = defs["Patches"]["properties"]
    for table in (*PATCH_TABLES, "rules"):
        model = Rules if table == "rules" else ITEM_MODELS[table]
        item = model.model_json_schema(by_alias=True, mode="validation",
                                       ref_template="#/$defs/{model}")
        for name, value in item.pop("$defs", {}).items():
            defs.setdefault(name, value)
        item["required"] = [] if table == "rules" else ["id"]
        name = f"{model.__name__}Patch"
        item["title"] = name
        defs[name] = item
        described = {"description": patches[table].get("description", "")}
        if table == "rules":
            patches[table] = {"$ref": f"#/$defs/{name}", **described}
        else:
            patches[table] = {"type": "array", "items": {"$ref": f"#/$defs/{name}"},
                              **described}
    defs.pop("PatchEntry", None)


def write_schemas(out: Path) -> list[Path]:
    """Write `<kind>.schema.json` for every kind of content file into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in FILE_KINDS:
        path = out / f"{kind}.schema.json"
        text = json.dumps(schema_for(kind), indent=2, ensure_ascii=False, sort_keys=True)
        path.write_text(text + "\n", encoding="utf-8")
        written.append(path)
    return written


