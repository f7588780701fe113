"""`twingen new` on documents that once ran for minutes, filled the disk or read outside the docs folder.

Issue #18 item 4. A refused document gives exit 1, one `error: FILE#POINTER: message [code]` line, and nothing
written; a large graph of mutually recursive schemas with enum values that differ only by Unicode width still
makes a twin that starts. Inputs are generated here and small; bounds are checked by counts and sizes.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
from click.testing import CliRunner

from twingen.cli import cli
from twingen.generate.twin import new_twin

from .serving import free_port, running

# Each pair differs only by width or by compatibility form: NFKC would make them one value.
WIDTH_VARIANTS = ["a", "\uff41", "A", "\uff21", "1", "\uff11", "\uff76", "\u30ab", "e\u0301", "\u00e9", "\ufb01", "fi"]


def alias_bomb() -> str:
    """A few hundred bytes of YAML that hold 32**4 = 1,048,576 strings once its aliases are expanded."""
    lines = ["openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n", f"x-l0: &l0 [{', '.join(['lol'] * 32)}]\n"]
    lines += [f"x-l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 32)}]\n" for i in (1, 2, 3)]
    lines.append("components:\n  schemas:\n    B: {type: array, example: *l3}\n")
    return "".join(lines)


def ref_chain(links: int) -> dict[str, Any]:
    schemas: dict[str, Any] = {f"S{i}": {"$ref": f"#/components/schemas/S{i + 1}"} for i in range(links)}
    schemas[f"S{links}"] = {"type": "string"}
    content = {"application/json": {"schema": {"$ref": "#/components/schemas/S0"}}}
    op = {"operationId": "get", "responses": {"200": {"description": "ok", "content": content}}}
    return {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {"/x": {"get": op}},
        "components": {"schemas": schemas},
    }


def write_docs(tmp_path: Path, case: str) -> str:
    docs = tmp_path / "docs"
    docs.mkdir()
    if case == "alias-expansion":
        (docs / "bomb.yaml").write_text(alias_bomb())
    elif case == "ref-chain":
        (docs / "chain.json").write_text(json.dumps(ref_chain(10_000)))
    else:
        (docs / "api.json").write_text(json.dumps(ref_chain(1)))
        secret = tmp_path / "private.md"
        secret.write_text("SECRET\n")
        os.symlink(secret, docs / "passwd.md")
    return "docs"


EXPECTED = {
    "alias-expansion": "error: docs/bomb.yaml#/components/schemas/B/example: YAML aliases repeat parts",
    "ref-chain": "error: docs/chain.json#/paths/~1x/get/responses/200/content/application~1json/schema: $ref",
    "link-outside": "error: docs/passwd.md: a link to ",
}


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_a_refused_document_gives_one_located_error_and_writes_nothing(tmp_path: Path, case: str) -> None:
    given = write_docs(tmp_path, case)
    before = sorted(tmp_path.rglob("*"))
    out = tmp_path / "out" / "hostile"

    result = CliRunner().invoke(cli, ["new", "hostile", "--docs", str(tmp_path / given), "--out", str(out)])

    assert result.exit_code == 1, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1, result.stderr
    assert errors[0].replace(str(tmp_path) + "/", "").startswith(EXPECTED[case]), errors[0]
    assert errors[0].endswith(f"[{case}]")
    assert sorted(tmp_path.rglob("*")) == before  # no twin folder, no inputs/, no spec.json anywhere


def recursive_openapi(count: int) -> dict[str, Any]:
    """``count`` schemas, each reaching six others, a list of the next, an anyOf and an allOf: one cyclic graph."""
    ref = "#/components/schemas/S{}".format
    schemas: dict[str, Any] = {}
    for i in range(count):
        props: dict[str, Any] = {f"p{k}": {"$ref": ref((i * 7 + k * 13 + 1) % count)} for k in range(6)}
        props["next"] = {"type": "array", "items": {"$ref": ref((i + 1) % count)}}
        props["either"] = {"anyOf": [{"$ref": ref((i + 2) % count)}, {"type": "string"}]}
        props["kind"] = {"type": "string", "enum": WIDTH_VARIANTS}
        schemas[f"S{i}"] = {"type": "object", "required": sorted(props), "properties": props}
        schemas[f"S{i}"]["allOf"] = [{"$ref": ref((i + 3) % count)}]
    kind = {"name": "kind", "in": "query", "schema": {"type": "string", "enum": WIDTH_VARIANTS}}
    paths = {
        f"/s{i}/{{id}}": {
            "get": {
                "operationId": f"getS{i}",
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}, kind],
                "responses": {
                    "200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": ref(i)}}}}
                },
            }
        }
        for i in range(0, count, 50)
    }
    return {
        "openapi": "3.0.3",
        "info": {"title": "Recursive", "version": "1"},
        "paths": paths,
        "components": {"schemas": schemas},
    }


@pytest.mark.network_loopback
def test_500_mutually_recursive_schemas_and_width_only_enum_values_make_a_twin_that_starts(tmp_path: Path) -> None:
    document = json.dumps(recursive_openapi(500), ensure_ascii=False).encode()
    (tmp_path / "recursive.json").write_bytes(document)
    twin = tmp_path / "out" / "recursive"

    result = new_twin("recursive", ["recursive.json"], twin, base_dir=tmp_path)

    assert result.report is not None and not result.diagnostics.has_errors, [str(d) for d in result.diagnostics]
    spec_bytes = (twin / "twin_recursive" / "spec.json").read_bytes()
    assert len(spec_bytes) < 4 * len(document)  # schemas are kept as references, never expanded
    spec = orjson.loads(spec_bytes)
    assert len(spec["schemas"]) == 500
    assert {tuple(s["properties"]["kind"]["enum"]) for s in spec["schemas"].values()} == {tuple(WIDTH_VARIANTS)}
    assert len(spec["operations"]) == 10
    for op in spec["operations"]:
        [kind] = [p for p in op["parameters"] if p["name"] == "kind"]
        assert kind["schema"]["enum"] == WIDTH_VARIANTS
    readme = (twin / "README.md").read_text()
    assert all(f"getS{i}" in readme for i in range(0, 500, 50))

    port = free_port()
    cmd = [sys.executable, "-m", "twin_recursive", "serve", "--port", str(port)]
    with running(cmd, port, cwd=str(twin)) as base:
        coverage = httpx.get(f"{base}/_twin/coverage").json()
        assert len(coverage["operations"]) == 10
        for wide in WIDTH_VARIANTS:
            answer = httpx.get(f"{base}/s0/x", params={"kind": wide})
            assert answer.status_code == 200, answer.text
            assert len(answer.content) < 1_000_000  # the stub of a cyclic graph stays small
            assert answer.json()["kind"] == WIDTH_VARIANTS[0]
