"""OpenAPI 3 fragments -> ApiParts: parameters, bodies, responses, errors, auth, ids and warnings."""

from __future__ import annotations

from typing import Any

from twingen.diagnostics import Diagnostics
from twingen.ingest.openapi import build_from_openapi
from twingen.ir.parts import ApiParts


def build(doc: dict[str, Any]) -> tuple[ApiParts, Diagnostics]:
    diags = Diagnostics()
    return build_from_openapi(
        {"openapi": "3.0.3", "info": {"title": "T", "version": "1"}, **doc}, "spec.yaml", diags
    ), diags


def test_path_item_and_operation_parameters_merge_and_refs_resolve() -> None:
    parts, diags = build(
        {
            "components": {"parameters": {"Limit": {"name": "limit", "in": "query", "schema": {"type": "integer"}}}},
            "paths": {
                "/things/{thingId}": {
                    "parameters": [
                        {"name": "thingId", "in": "path", "schema": {"type": "string"}},
                        {"name": "expand", "in": "query", "description": "item level"},
                    ],
                    "get": {
                        "operationId": "getThing",
                        "parameters": [
                            {"name": "expand", "in": "query", "description": "op level", "required": True},
                            {"$ref": "#/components/parameters/Limit"},
                            {"name": "X-Trace", "in": "header"},
                            {"name": "class", "in": "query"},
                        ],
                        "responses": {"200": {"description": "ok"}},
                    },
                }
            },
        }
    )
    op = parts.operations[0]
    got = {(p.name, p.location): p for p in op.parameters}
    assert list(got) == [
        ("thingId", "path"),
        ("expand", "query"),
        ("limit", "query"),
        ("X-Trace", "header"),
        ("class", "query"),
    ]
    assert got["thingId", "path"].required  # path parameters always are, whatever the doc says
    assert got["expand", "query"].description == "op level" and got["expand", "query"].required
    assert got["limit", "query"].schema == {"type": "integer"}
    assert got["X-Trace", "header"].python_name == "x_trace"
    assert got["class", "query"].python_name == "class_"
    assert not diags.items


def test_form_body_becomes_form_parameters_and_keeps_the_body() -> None:
    parts, _ = build(
        {
            "components": {
                "schemas": {
                    "Post": {
                        "type": "object",
                        "required": ["channel"],
                        "properties": {
                            "channel": {"type": "string"},
                            "text": {"type": "string", "description": "the words"},
                        },
                    }
                }
            },
            "paths": {
                "/chat.postMessage": {
                    "post": {
                        "operationId": "chat_postMessage",
                        "requestBody": {
                            "content": {
                                "application/x-www-form-urlencoded": {"schema": {"$ref": "#/components/schemas/Post"}},
                                "application/json": {"schema": {"$ref": "#/components/schemas/Post"}},
                            }
                        },
                        "responses": {"200": {"description": "ok"}},
                    }
                }
            },
        }
    )
    op = parts.operations[0]
    assert op.id == "chat.postMessage"  # the RPC method name, not the code-generator mangling
    assert op.request_body is not None
    assert op.request_body.media_types == ("application/x-www-form-urlencoded", "application/json")
    assert op.request_body.schema == {"$ref": "#/components/schemas/Post"}
    assert [(p.name, p.location, p.required, p.description) for p in op.parameters] == [
        ("channel", "form", True, ""),
        ("text", "form", False, "the words"),
    ]


def test_server_base_path_prefixes_paths_and_variables_fill_the_base_url() -> None:
    parts, _ = build(
        {
            "servers": [{"url": "https://{domain}/api", "variables": {"domain": {"default": "example.okta.com"}}}],
            "paths": {"/users": {"get": {"operationId": "listUsers", "responses": {"200": {"description": "ok"}}}}},
        }
    )
    assert parts.base_url == "https://example.okta.com/api"
    assert parts.operations[0].path == "/api/users"


def test_auth_schemes_of_every_kind_and_per_operation_scopes() -> None:
    parts, _ = build(
        {
            "components": {
                "securitySchemes": {
                    "apiToken": {
                        "type": "apiKey",
                        "in": "header",
                        "name": "Authorization",
                        "description": "Pass it as `Authorization: SSWS {API Token}`",
                    },
                    "key": {"type": "apiKey", "in": "query", "name": "key"},
                    "bearer": {"type": "http", "scheme": "bearer"},
                    "basicAuth": {"type": "http", "scheme": "basic"},
                    "oauth": {
                        "type": "oauth2",
                        "flows": {
                            "authorizationCode": {
                                "authorizationUrl": "https://a",
                                "tokenUrl": "https://t",
                                "scopes": {"read": "r", "write": "w"},
                            }
                        },
                    },
                    "digest": {"type": "http", "scheme": "digest"},
                }
            },
            "security": [{"basicAuth": []}],
            "paths": {
                "/a": {
                    "get": {
                        "operationId": "a",
                        "security": [{"apiToken": []}, {"oauth": ["read"]}, {}],
                        "responses": {"200": {"description": "ok"}},
                    },
                    "post": {"operationId": "b", "responses": {"200": {"description": "ok"}}},
                    "put": {"operationId": "c", "security": [], "responses": {"200": {"description": "ok"}}},
                }
            },
        }
    )
    schemes = {s.name: s for s in parts.auth_schemes}
    assert (schemes["apiToken"].kind, schemes["apiToken"].param_name, schemes["apiToken"].prefix) == (
        "apikey",
        "Authorization",
        "SSWS",
    )
    assert (schemes["key"].location, schemes["key"].param_name, schemes["key"].prefix) == ("query", "key", "")
    assert schemes["bearer"].kind == "bearer" and schemes["basicAuth"].kind == "basic"
    assert schemes["oauth"].kind == "oauth2" and schemes["oauth"].scopes == ("read", "write")
    assert "digest" not in schemes
    a, b, c = parts.operations
    assert (a.auth, a.scopes) == (("apiToken", "oauth"), ("read",))
    assert b.auth == ("basicAuth",)  # the document-wide default
    assert c.auth == ()  # explicitly open


def test_slack_token_parameter_is_kept_but_not_required() -> None:
    parts, _ = build(
        {
            "components": {
                "securitySchemes": {
                    "slackAuth": {
                        "type": "oauth2",
                        "flows": {
                            "authorizationCode": {
                                "authorizationUrl": "https://slack.com/oauth/authorize",
                                "tokenUrl": "https://t",
                                "scopes": {},
                            }
                        },
                    }
                }
            },
            "paths": {
                "/users.list": {
                    "get": {
                        "operationId": "users_list",
                        "security": [{"slackAuth": ["users:read"]}],
                        "parameters": [
                            {"name": "token", "in": "query", "required": True, "schema": {"type": "string"}}
                        ],
                        "responses": {"200": {"description": "ok"}},
                    }
                }
            },
        }
    )
    (token,) = parts.operations[0].parameters
    assert (token.name, token.location, token.required) == ("token", "query", False)
    assert parts.operations[0].scopes == ("users:read",)


def test_responses_keep_refs_and_take_examples_from_every_place() -> None:
    parts, _ = build(
        {
            "components": {
                "schemas": {"User": {"type": "object", "example": {"id": "from-schema"}}},
                "examples": {"One": {"value": {"id": "from-named-example"}}},
            },
            "paths": {
                "/u": {
                    "get": {
                        "operationId": "a",
                        "responses": {
                            "200": {
                                "description": "ok",
                                "content": {
                                    "application/json": {
                                        "schema": {"$ref": "#/components/schemas/User"},
                                        "example": {"id": "inline"},
                                    }
                                },
                            },
                            "204": {"description": "nothing"},
                        },
                    },
                    "post": {
                        "operationId": "b",
                        "responses": {
                            "201": {
                                "description": "ok",
                                "content": {
                                    "application/json": {
                                        "schema": {"$ref": "#/components/schemas/User"},
                                        "examples": {"x": {"$ref": "#/components/examples/One"}},
                                    }
                                },
                            }
                        },
                    },
                    "put": {
                        "operationId": "c",
                        "responses": {
                            "200": {
                                "description": "ok",
                                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/User"}}},
                            }
                        },
                    },
                }
            },
        }
    )
    a, b, c = parts.operations
    assert a.responses[0].schema == {"$ref": "#/components/schemas/User"}
    assert a.responses[0].example == {"id": "inline"}
    assert (a.responses[1].status, a.responses[1].media_type, a.responses[1].schema) == ("204", "", None)
    assert b.responses[0].example == {"id": "from-named-example"}
    assert c.responses[0].example == {"id": "from-schema"}


def test_declared_errors_from_slack_enums_okta_examples_and_http_statuses() -> None:
    error_schema = {
        "type": "object",
        "properties": {
            "ok": {"type": "boolean"},
            "error": {"type": "string", "enum": ["channel_not_found", "not_authed"]},
        },
    }
    parts, _ = build(
        {
            "components": {
                "responses": {
                    "TooMany": {
                        "description": "Too Many Requests",
                        "content": {
                            "application/json": {
                                "examples": {"x": {"value": {"errorCode": "E0000047", "errorSummary": "slow down"}}}
                            }
                        },
                    }
                }
            },
            "paths": {
                "/a": {
                    "get": {
                        "operationId": "slack",
                        "responses": {
                            "200": {"description": "ok"},
                            "default": {
                                "description": "error",
                                "content": {"application/json": {"schema": error_schema}},
                            },
                        },
                    },
                    "post": {
                        "operationId": "okta",
                        "responses": {
                            "403": {"description": "Forbidden"},
                            "429": {"$ref": "#/components/responses/TooMany"},
                        },
                    },
                }
            },
        }
    )
    slack, okta = parts.operations
    assert [(e.code, e.status) for e in slack.errors] == [("channel_not_found", 200), ("not_authed", 200)]
    assert [(e.code, e.status, e.description) for e in okta.errors] == [
        ("403", 403, "Forbidden"),
        ("E0000047", 429, "slow down"),
        ("429", 429, "Too Many Requests"),
    ]


def test_broken_pieces_warn_with_a_location_and_the_rest_goes_on() -> None:
    parts, diags = build(
        {
            "components": {"securitySchemes": {"digest": {"type": "http", "scheme": "digest"}}},
            "paths": {
                "/a/{id}": {
                    "get": {
                        "parameters": [
                            {"$ref": "#/components/parameters/Missing"},
                            {"$ref": "other.yaml#/P"},
                            {"in": "query"},
                        ],
                        "responses": {"200": {"description": "ok"}},
                    }
                },
                "/b": {
                    "get": {"operationId": "dup", "security": [{"nope": []}], "responses": {}},
                    "post": {"operationId": "dup", "responses": {"200": {"description": "ok"}}},
                    "put": "not an operation",
                },
            },
        }
    )
    assert [op.id for op in parts.operations] == ["GET /a/{id}", "dup", "dup_2"]
    assert [op.python_name for op in parts.operations] == ["get_a_id", "dup", "dup_2"]
    (path_param,) = parts.operations[0].parameters  # synthesised for the undeclared {id}
    assert (path_param.name, path_param.location, path_param.required) == ("id", "path", True)
    found = {(d.code, d.pointer) for d in diags}
    assert found == {
        ("unsupported-security-scheme", "/components/securitySchemes/digest"),
        ("missing-operation-id", "/paths/~1a~1{id}/get"),
        ("dangling-ref", "/paths/~1a~1{id}/get/parameters/0"),
        ("remote-ref", "/paths/~1a~1{id}/get/parameters/1"),
        ("invalid-parameter", "/paths/~1a~1{id}/get/parameters/2"),
        ("undeclared-path-param", "/paths/~1a~1{id}/get"),
        ("unknown-security-scheme", "/paths/~1b/get/security"),
        ("duplicate-operation-id", "/paths/~1b/post"),
        ("invalid-operation", "/paths/~1b/put"),
    }
    assert all(d.level == "warning" and d.file == "spec.yaml" for d in diags)


def test_schemas_are_kept_as_given_in_name_order_and_cycles_are_harmless() -> None:
    node: dict[str, Any] = {"type": "object", "properties": {"next": {"$ref": "#/components/schemas/Node"}}}
    parts, _ = build({"components": {"schemas": {"Node": node, "A": {"type": "string"}}}, "paths": {}})
    assert list(parts.schemas) == ["A", "Node"]
    assert parts.schemas["Node"] is node
