"""Strings and shapes a hostile API document can contain; each payload would touch MARKER if executed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from twingen.ir.model import Api, AuthScheme, DocInput, Operation, Parameter, Resource, Response


def payloads(marker: Path) -> list[str]:
    touch = f"__import__('pathlib').Path({str(marker)!r}).touch()"
    return [
        f"'''\n{touch}\n'''",
        f'"""\n{touch}\n"""',
        f'"); {touch}; ("',
        f"'); {touch}; ('",
        f"\\\n{touch}\n#",
        f"x\n]\n[evil]\nname = {touch}",  # TOML: close the array, open a table
        f"| a | b |\n<script>{touch}</script>",
        f"{{{{ {touch} }}}} {{% raw %}}",  # jinja syntax must not be evaluated either
        "../../../../etc/passwd",
        "__import__",
        "__init__",
        "\x00\x7f\u2028\ud800",
    ]


def nested(depth: int) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string"}
    for _ in range(depth):
        schema = {"type": "object", "properties": {"child": schema}}
    return schema


def hostile_api(marker: Path, name: str = "hostile") -> Api:
    evil = payloads(marker)
    props = {p: {"type": "string", "default": p, "description": p, "enum": [p, "ok"]} for p in evil}
    schemas: dict[str, Any] = {p: {"type": "object", "description": p, "properties": props} for p in evil}
    schemas["Deep"] = nested(120)
    ref_all = {"anyOf": [{"$ref": f"#/components/schemas/{p}"} for p in [*evil, "Deep"]]}
    ops = tuple(
        Operation(
            id=p,
            python_name=f"op_{i}",
            method="POST",
            path=f"/x/{i}/{p}",
            parameters=(Parameter(p, f"p_{i}", "query", schema={"type": "string", "default": p}, description=p),),
            responses=(Response("200", description=p, schema=ref_all, example={p: p}),),
            summary=p,
            description=p,
        )
        for i, p in enumerate(evil)
    )
    return Api(
        name=name,
        title=evil[0] + evil[5],
        version=evil[1],
        vendor="generic",
        base_url=evil[6],
        operations=ops,
        schemas=schemas,
        auth_schemes=(AuthScheme(evil[2], "apikey", param_name=evil[3], description=evil[4]),),
        resources=(Resource(evil[8], "r", evil[8], evil[9], operations={evil[0]: "create"}, confident=True),),
        documents=(DocInput(evil[8], evil[8], "0" * 64, "openapi-3.0", "served", evil[1], evil[0]),),
        description=evil[7],
    )
