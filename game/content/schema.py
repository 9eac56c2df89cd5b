"""JSON Schemas of content files, for editors (yaml-language-server) and modders."""

from __future__ import annotations

import json
from pathlib import Path

from game.models.content import FILE_KINDS


def schema_for(kind: str) -> dict[str, object]:
    """The JSON Schema of one kind of content file."""
    model = FILE_KINDS[kind]
    schema = model.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"unlikely-allies/{kind}.schema.json"
    schema.setdefault("title", f"Unlikely Allies {kind} file")
    return schema


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
