"""A tiny generic twin for the suite tests: items to create, get and list, behind a bearer token.

A real twin folder (``twin_sample/`` with ``spec.json``, ``__main__`` and behaviour) whose runtime is the
repo's own ``twingen/runtime`` linked in, so the suite engine serves it exactly as it serves a generated twin.
"""

from __future__ import annotations

from pathlib import Path

from tests.twin_folder import write_twin_folder
from twingen.ir.model import Api, AuthScheme, Operation, Parameter, RequestBody, Response

REPO = Path(__file__).resolve().parents[3]

BEHAVIOUR = '''
"""Behaviour of the sample twin: items kept in the twin's state."""

from __future__ import annotations

from typing import Any

from ..runtime import Context, behaviour


@behaviour("items.create")
def create_item(ctx: Context) -> dict[str, Any]:
    body = ctx.body if isinstance(ctx.body, dict) else {}
    item = {"id": ctx.new_id("it"), "name": str(body.get("name", ""))}
    ctx.state.collection("items").put(item["id"], dict(item))
    return item


@behaviour("items.get")
def get_item(ctx: Context) -> dict[str, Any]:
    found = ctx.state.collection("items").get(str(ctx.params["id"]))
    if found is None:
        raise ctx.error("not_found", status=404, message="no such item")
    return found


@behaviour("items.list")
def list_items(ctx: Context) -> dict[str, Any]:
    return {"items": ctx.state.collection("items").values()}
'''


def _op(op_id: str, method: str, path: str, *params: Parameter, body: bool = False) -> Operation:
    answer = Response("200", "ok", schema={"type": "object"})
    request = RequestBody(("application/json",), {"type": "object"}) if body else None
    return Operation(id=op_id, python_name=op_id.replace(".", "_"), method=method, path=path, parameters=params,
                     request_body=request, responses=(answer,), auth=("bearerAuth",))  # fmt: skip


def sample_api() -> Api:
    operations = (
        _op("items.list", "GET", "/items"),
        _op("items.create", "POST", "/items", body=True),
        _op("items.get", "GET", "/items/{id}", Parameter("id", "id", "path", True, {"type": "string"})),
    )
    auth = (AuthScheme("bearerAuth", "bearer"),)
    return Api("sample", "Sample", "1", "generic", "https://api.sample.invalid", operations, auth_schemes=auth)


def make_twin(root: Path) -> Path:
    """Write the sample twin under ``root/sample`` and return its folder."""
    return write_twin_folder(root, sample_api(), {"items.py": BEHAVIOUR})
