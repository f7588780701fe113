"""Hostile documents through the whole pipeline: the twin is generated, imports, serves, and runs nothing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from twingen.generate.twin import new_twin

from .hostile import nested, payloads
from .serving import free_port, running


def hostile_openapi(marker: Path) -> dict[str, Any]:
    evil = payloads(marker)
    props = {p: {"type": "string", "default": p, "description": p, "example": p} for p in evil}
    schemas: dict[str, Any] = {f"S{i}{p}": {"type": "object", "properties": props} for i, p in enumerate(evil)}
    schemas["Deep"] = nested(150)
    paths: dict[str, Any] = {}
    for i, p in enumerate(evil):
        ref = {"$ref": f"#/components/schemas/{next(iter(schemas))}"}
        paths[f"/x{i}/{{id}}"] = {
            "get": {
                "operationId": p,
                "summary": p,
                "description": p,
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}},
                    {"name": p, "in": "query", "description": p, "schema": {"type": "string", "default": p}},
                ],
                "responses": {"200": {"description": p, "content": {"application/json": {"schema": ref}}}},
            }
        }
    paths["/deep"] = {
        "get": {
            "operationId": "deep",
            "responses": {
                "200": {
                    "description": "d",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Deep"}}},
                }
            },
        }
    }
    return {
        "openapi": "3.0.3",
        "info": {"title": evil[0], "version": evil[1], "description": evil[5]},
        "servers": [{"url": "https://hostile.example.com"}],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {evil[2]: {"type": "apiKey", "in": "header", "name": evil[3]}},
        },
    }


def big_openapi(operations: int) -> dict[str, Any]:
    item = {"type": "object", "properties": {f"f{i}": {"type": "string"} for i in range(20)}}
    paths = {
        f"/things{i}/{{id}}": {
            "get": {
                "operationId": f"getThing{i}",
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/Thing{i}"}}},
                    }
                },
            }
        }
        for i in range(operations)
    }
    schemas = {f"Thing{i}": item for i in range(operations)}
    return {
        "openapi": "3.0.3",
        "info": {"title": "Big", "version": "1"},
        "paths": paths,
        "components": {"schemas": schemas},
    }


@pytest.mark.network_loopback
def test_hostile_spec_generates_a_twin_that_imports_and_serves(tmp_path: Path) -> None:
    marker = tmp_path / "MARKER"
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "hostile.json").write_text(json.dumps(hostile_openapi(marker)))
    twin = tmp_path / "out" / "hostile"

    result = new_twin("hostile", ["docs/hostile.json"], twin, base_dir=tmp_path)

    assert result.report is not None, [str(d) for d in result.diagnostics]
    for path in twin.rglob("*"):
        assert path.resolve().is_relative_to(twin.resolve())
    code = "import twin_hostile, twin_hostile.__main__"
    proc = subprocess.run([sys.executable, "-c", code], cwd=twin, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    port = free_port()
    cmd = [sys.executable, "-m", "twin_hostile", "serve", "--port", str(port)]
    with running(cmd, port, cwd=str(twin)) as base:
        coverage = httpx.get(f"{base}/_twin/coverage").json()
        assert len(coverage["operations"]) == len(payloads(marker)) + 1
        assert httpx.get(f"{base}/deep").status_code < 500
    assert not marker.exists()


def test_a_big_spec_generates(tmp_path: Path) -> None:
    (tmp_path / "big.json").write_text(json.dumps(big_openapi(1500)))
    result = new_twin("big", ["big.json"], tmp_path / "big", base_dir=tmp_path)
    assert result.report is not None
    spec = json.loads((tmp_path / "big" / "twin_big" / "spec.json").read_bytes())
    assert len(spec["operations"]) == 1500
