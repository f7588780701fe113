"""No value of the wrong kind anywhere in a document makes the builder or the inference passes raise."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest

from twingen.diagnostics import Diagnostics
from twingen.ingest.openapi import build_from_openapi
from twingen.ir.assemble import assemble

# Small, but it touches every branch that reads the document: servers with variables, security,
# referenced parameters, form bodies, errors by enum and by example, REST and RPC resources, paging.
DOC: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "T", "version": "1"},
    "servers": [{"url": "https://{d}/api", "variables": {"d": {"default": "x.com"}}}],
    "security": [{"k": []}],
    "components": {
        "schemas": {
            "U": {
                "type": "object",
                "required": ["id"],
                "properties": {
                    "id": {"type": "string"},
                    "items": {"type": "array", "items": {"$ref": "#/components/schemas/U"}},
                },
                "allOf": [{"$ref": "#/components/schemas/U"}],
            }
        },
        "parameters": {"L": {"name": "limit", "in": "query"}},
        "securitySchemes": {
            "k": {"type": "apiKey", "in": "header", "name": "Authorization", "description": "Authorization: SSWS {t}"},
            "o": {"type": "oauth2", "flows": {"x": {"scopes": {"a": "b"}}}},
        },
    },
    "paths": {
        "/u": {
            "get": {
                "operationId": "listU",
                "parameters": [
                    {"$ref": "#/components/parameters/L"},
                    {"name": "after", "in": "query", "schema": {"type": "string"}},
                ],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {
                                "schema": {"type": "array", "items": {"$ref": "#/components/schemas/U"}},
                                "examples": {"a": {"value": [1]}},
                            }
                        },
                    },
                    "429": {"description": "x", "content": {"application/json": {"example": {"errorCode": "E1"}}}},
                },
            },
            "post": {
                "operationId": "createU",
                "tags": ["a"],
                "security": [{"o": ["a"]}],
                "requestBody": {
                    "content": {"application/x-www-form-urlencoded": {"schema": {"$ref": "#/components/schemas/U"}}}
                },
                "responses": {
                    "201": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/U"}}},
                    },
                    "default": {
                        "description": "e",
                        "content": {
                            "application/json": {"schema": {"properties": {"ok": {}, "error": {"enum": ["a"]}}}}
                        },
                    },
                },
            },
        },
        "/u/{id}": {
            "parameters": [{"name": "id", "in": "path", "required": True}],
            "get": {
                "operationId": "getU",
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/U"}}},
                    }
                },
            },
            "post": {"operationId": "updU", "requestBody": {"content": {"application/json": {}}}, "responses": {}},
        },
        "/x.create": {
            "post": {
                "operationId": "x_create",
                "parameters": [{"name": "x", "in": "query"}],
                "responses": {
                    "200": {
                        "description": "",
                        "content": {
                            "application/json": {"schema": {"properties": {"x": {"$ref": "#/components/schemas/U"}}}}
                        },
                    }
                },
            }
        },
        "/x.info": {
            "get": {
                "operationId": "x_info",
                "parameters": [{"name": "x", "in": "query"}],
                "responses": {
                    "200": {
                        "description": "",
                        "content": {
                            "application/json": {"schema": {"properties": {"x": {"$ref": "#/components/schemas/U"}}}}
                        },
                    }
                },
            }
        },
        "/x.list": {
            "get": {
                "operationId": "x_list",
                "parameters": [{"name": "cursor", "in": "query"}],
                "responses": {"200": {"description": ""}},
            }
        },
    },
}

WRONG: list[Any] = [None, 1, "x", [], {}, [1], {"$ref": "#/nope"}, True]


def places(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from places(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from places(value, (*prefix, i))


@pytest.mark.parametrize("where", [p for p in places(DOC) if p], ids=lambda p: "/".join(map(str, p)))
def test_wrong_kinds_warn_or_pass_but_never_raise(where: tuple[Any, ...]) -> None:
    for wrong in WRONG:
        doc = copy.deepcopy(DOC)
        node = doc
        for key in where[:-1]:
            node = node[key]
        node[where[-1]] = wrong
        diags = Diagnostics()
        api = assemble("t", [build_from_openapi(doc, "f.json", diags)], [], diags)
        assert all(d.file == "f.json" for d in diags)
        assert len({op.python_name for op in api.operations}) == len(api.operations)
