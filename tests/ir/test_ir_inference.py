"""Inference passes over small OpenAPI fragments: vendor, paging, REST and RPC resources."""

from __future__ import annotations

from typing import Any

from twingen.diagnostics import Diagnostics
from twingen.ingest.openapi import build_from_openapi
from twingen.ir.assemble import assemble
from twingen.ir.model import Api, Resource
from twingen.ir.parts import ApiParts
from twingen.kits import recognise

OK = {"200": {"description": "ok"}}


def build(paths: dict[str, Any], schemas: dict[str, Any] | None = None, **extra: Any) -> Api:
    doc = {
        "openapi": "3.0.3",
        "info": {"title": "T", "version": "1"},
        "paths": paths,
        "components": {"schemas": schemas or {}, **extra.pop("components", {})},
        **extra,
    }
    diags = Diagnostics()
    api = assemble("t", [build_from_openapi(doc, "spec.yaml", diags)], [], diags)
    assert not diags.items, [str(d) for d in diags]
    return api


def query(*names: str) -> list[dict[str, Any]]:
    return [{"name": n, "in": "query", "schema": {"type": "string"}} for n in names]


def answer(schema: dict[str, Any], status: str = "200") -> dict[str, Any]:
    return {status: {"description": "ok", "content": {"application/json": {"schema": schema}}}}


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def resource(api: Api, name: str) -> Resource:
    (found,) = [r for r in api.resources if r.name == name]
    return found


# -- vendor ------------------------------------------------------------------------------------------


def test_vendor_from_host_auth_and_paths() -> None:
    assert build({}, servers=[{"url": "https://slack.com/api"}]).vendor == "slack"
    assert build({}, servers=[{"url": "https://your-domain.atlassian.net"}]).vendor == "jira"
    assert build({"/rest/api/2/issue": {"get": {"operationId": "x", "responses": OK}}}).vendor == "jira"
    assert build({}, servers=[{"url": "https://{yourOktaDomain}"}]).vendor == "okta"
    okta = build(
        {},
        components={
            "securitySchemes": {
                "apiToken": {
                    "type": "apiKey",
                    "in": "header",
                    "name": "Authorization",
                    "description": "Authorization: SSWS {token}",
                }
            }
        },
    )
    assert okta.vendor == "okta"
    assert build({}, servers=[{"url": "https://api.example.com"}]).vendor == "generic"
    assert (
        recognise([ApiParts(base_url="https://slack.com/api", source="s.json")])[1] == "s.json: service host slack.com"
    )
    discovery = ApiParts(source="d.json", doc_format="discovery-v1")
    assert recognise([discovery]) == ("google", "d.json: a Google Discovery document")
    assert recognise([ApiParts(base_url="https://[bad")])[1].startswith("no document")


# -- paging ------------------------------------------------------------------------------------------


def test_slack_cursor_paging_names_the_list_and_the_next_cursor() -> None:
    api = build(
        {
            "/conversations.list": {
                "get": {
                    "operationId": "conversations_list",
                    "parameters": query("token", "cursor", "limit"),
                    "responses": answer(
                        {
                            "type": "object",
                            "properties": {
                                "ok": {"type": "boolean"},
                                "channels": {"type": "array", "items": {"type": "object"}},
                                "response_metadata": {
                                    "type": "object",
                                    "properties": {"next_cursor": {"type": "string"}},
                                },
                            },
                        }
                    ),
                }
            }
        },
        servers=[{"url": "https://slack.com/api"}],
    )
    op = api.operation("conversations.list")
    assert op.also_methods == ("POST",)  # Slack accepts both verbs for every method
    assert op.paging is not None
    assert (
        op.paging.style,
        op.paging.request_cursor,
        op.paging.request_limit,
        op.paging.response_next,
        op.paging.response_items,
    ) == ("cursor", "cursor", "limit", "response_metadata.next_cursor", "channels")


def test_slack_placeholder_schema_pages_by_its_example() -> None:
    api = build(
        {
            "/users.list": {
                "get": {
                    "operationId": "users_list",
                    "parameters": query("cursor"),
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {
                                "application/json": {
                                    "schema": {"type": "object"},
                                    "example": {"ok": True, "members": [{"id": "U1"}]},
                                }
                            },
                        }
                    },
                }
            }
        },
        servers=[{"url": "https://slack.com/api"}],
    )
    paging = api.operation("users.list").paging
    assert paging is not None and paging.response_items == "members"


def test_jira_offset_and_token_paging() -> None:
    page = {
        "type": "object",
        "properties": {
            "startAt": {"type": "integer"},
            "maxResults": {"type": "integer"},
            "total": {"type": "integer"},
            "isLast": {"type": "boolean"},
            "values": {"type": "array", "items": ref("Project")},
        },
    }
    search = {
        "type": "object",
        "properties": {
            "issues": {"type": "array", "items": {"type": "object"}},
            "nextPageToken": {"type": "string"},
            "warningMessages": {"type": "array", "items": {"type": "string"}},
        },
    }
    api = build(
        {
            "/rest/api/3/project/search": {
                "get": {
                    "operationId": "searchProjects",
                    "parameters": query("startAt", "maxResults"),
                    "responses": answer(ref("PageBeanProject")),
                }
            },
            "/rest/api/3/search/jql": {
                "get": {
                    "operationId": "searchJql",
                    "parameters": query("jql", "nextPageToken", "maxResults"),
                    "responses": answer({"allOf": [ref("SearchResults")]}),
                }
            },
        },
        {"PageBeanProject": page, "SearchResults": search, "Project": {"type": "object"}},
    )
    offset = api.operation("searchProjects").paging
    assert offset is not None
    assert (
        offset.style,
        offset.request_cursor,
        offset.request_limit,
        offset.response_items,
        offset.response_total,
    ) == ("offset", "startAt", "maxResults", "values", "total")
    token = api.operation("searchJql").paging
    assert token is not None
    assert (token.style, token.request_cursor, token.response_next, token.response_items) == (
        "page_token",
        "nextPageToken",
        "nextPageToken",
        "issues",
    )


def test_okta_link_paging_and_google_page_tokens() -> None:
    api = build(
        {
            "/api/v1/users": {
                "get": {
                    "operationId": "listUsers",
                    "parameters": query("q", "after", "limit"),
                    "responses": answer({"type": "array", "items": ref("User")}),
                }
            },
            "/drive/v3/files": {
                "get": {
                    "operationId": "drive.files.list",
                    "parameters": query("pageToken", "pageSize"),
                    "responses": answer(
                        {
                            "type": "object",
                            "properties": {
                                "nextPageToken": {"type": "string"},
                                "files": {"type": "array", "items": {"type": "object"}},
                            },
                        }
                    ),
                }
            },
            "/api/v1/users/{id}": {
                "get": {
                    "operationId": "getUser",
                    "parameters": [{"name": "id", "in": "path", "required": True}],
                    "responses": answer(ref("User")),
                }
            },
        },
        {"User": {"type": "object"}},
    )
    link = api.operation("listUsers").paging
    assert link is not None
    assert (link.style, link.request_cursor, link.request_limit, link.response_items) == ("link", "after", "limit", "")
    token = api.operation("drive.files.list").paging
    assert token is not None
    assert (token.style, token.request_cursor, token.request_limit, token.response_next, token.response_items) == (
        "page_token",
        "pageToken",
        "pageSize",
        "nextPageToken",
        "files",
    )
    assert api.operation("getUser").paging is None


# -- REST resources ----------------------------------------------------------------------------------


def test_rest_collection_item_and_nested_resources() -> None:
    id_param = [{"name": "fileId", "in": "path", "required": True}]
    perm_params = [*id_param, {"name": "permissionId", "in": "path", "required": True}]
    body = {"content": {"application/json": {"schema": ref("File")}}}
    api = build(
        {
            "/files": {
                "get": {"operationId": "listFiles", "responses": answer({"type": "array", "items": ref("File")})},
                "post": {"operationId": "createFile", "requestBody": body, "responses": answer(ref("File"))},
            },
            "/files/{fileId}": {
                "parameters": id_param,
                "get": {"operationId": "getFile", "responses": answer(ref("File"))},
                "patch": {"operationId": "updateFile", "requestBody": body, "responses": OK},
                "put": {"operationId": "replaceFile", "requestBody": body, "responses": OK},
                "delete": {"operationId": "deleteFile", "responses": OK},
            },
            "/files/{fileId}/permissions": {
                "parameters": id_param,
                "get": {"operationId": "listPermissions", "responses": OK},
                "post": {"operationId": "createPermission", "responses": OK},
            },
            "/files/{fileId}/permissions/{permissionId}": {
                "parameters": perm_params,
                "get": {"operationId": "getPermission", "responses": answer(ref("Permission"))},
            },
            "/files/{fileId}:copy": {"parameters": id_param, "post": {"operationId": "copyFile", "responses": OK}},
        },
        {
            "File": {"type": "object", "properties": {"id": {"type": "string"}}},
            "Permission": {"type": "object", "properties": {"permissionId": {"type": "string"}}},
        },
    )
    files = resource(api, "files")
    assert files.confident and files.collection_path == "/files" and files.id_param == "fileId"
    assert dict(files.operations) == {
        "listFiles": "list",
        "createFile": "create",
        "getFile": "read",
        "updateFile": "update",
        "replaceFile": "replace",
        "deleteFile": "delete",
    }
    assert (files.schema, files.id_field, files.parent) == ("File", "id", "")
    assert any("confident" in r for r in files.reasons)
    perms = resource(api, "permissions")
    assert perms.confident and perms.parent == "files" and perms.id_param == "permissionId"
    assert (perms.schema, perms.id_field) == ("Permission", "permissionId")
    assert "copyFile" not in {op for r in api.resources for op in r.operations}


def test_okta_post_on_item_updates_only_without_patch_and_non_confident_cases() -> None:
    item = [{"name": "id", "in": "path", "required": True}]
    body = {"content": {"application/json": {"schema": {"type": "object"}}}}
    api = build(
        {
            "/users": {
                "get": {"operationId": "listUsers", "responses": OK},
                "post": {"operationId": "createUser", "requestBody": body, "responses": OK},
            },
            "/users/{id}": {
                "parameters": item,
                "get": {"operationId": "getUser", "responses": OK},
                "post": {"operationId": "updateUser", "requestBody": body, "responses": OK},
                "delete": {"operationId": "deleteUser", "responses": OK},
            },
            "/groups": {
                "get": {"operationId": "listGroups", "responses": OK},
                "post": {"operationId": "createGroup", "responses": OK},
            },
            "/groups/{id}": {"parameters": item, "delete": {"operationId": "deleteGroup", "responses": OK}},
            "/tokens": {"get": {"operationId": "listTokens", "responses": OK}},
        }
    )
    users = resource(api, "users")
    assert users.confident and users.operations["updateUser"] == "update"
    groups = resource(api, "groups")
    assert not groups.confident
    assert groups.reasons[-1] == "not confident: no read on an item path"
    assert not [r for r in api.resources if r.name == "tokens"]  # one verb is nothing to infer from


def test_same_collection_name_under_different_parents_gets_distinct_python_names() -> None:
    def crud(prefix: str, param: str, ident: str) -> dict[str, Any]:
        params = [{"name": p, "in": "path", "required": True} for p in (param, ident) if p]
        return {
            prefix: {"parameters": params[:-1], "get": {"operationId": f"list{ident}", "responses": OK}},
            prefix + "/{" + ident + "}": {"parameters": params, "get": {"operationId": f"get{ident}", "responses": OK}},
        }

    api = build(
        {
            **crud("/apps/{appId}/users", "appId", "appUser"),
            **crud("/users", "", "userId"),
            **crud("/apps", "", "appId"),
        }
    )
    names = {r.collection_path: r.python_name for r in api.resources}
    assert names == {"/apps/{appId}/users": "apps_users", "/users": "users", "/apps": "apps"}


# -- RPC resources -----------------------------------------------------------------------------------


def _slack_method(name: str, params: list[str], wraps: str = "", verb: str = "get") -> dict[str, Any]:
    props: dict[str, Any] = {"ok": {"type": "boolean"}}
    if wraps:
        props[wraps] = ref("objs_conversation")
    return {
        f"/{name}": {
            verb: {
                "operationId": name.replace(".", "_"),
                "parameters": query("token", *params),
                "responses": answer({"type": "object", "properties": props}),
            }
        }
    }


def test_slack_method_family_with_create_read_list_is_confident() -> None:
    api = build(
        {
            **_slack_method("conversations.create", ["name"], "channel", "post"),
            **_slack_method("conversations.info", ["channel"], "channel"),
            **_slack_method("conversations.list", ["cursor"]),
            **_slack_method("conversations.archive", ["channel"], verb="post"),
            **_slack_method("users.info", ["user"], "user"),
            **_slack_method("users.list", []),
            **_slack_method("reactions.add", ["name", "channel"], verb="post"),
            **_slack_method("reactions.get", ["channel"], "message"),
            **_slack_method("reactions.list", []),
        },
        {"objs_conversation": {"type": "object", "properties": {"id": {"type": "string"}}}},
        servers=[{"url": "https://slack.com/api"}],
    )
    conversations = resource(api, "conversations")
    assert conversations.confident
    assert dict(conversations.operations) == {
        "conversations.create": "create",
        "conversations.info": "read",
        "conversations.list": "list",
    }
    assert (conversations.id_param, conversations.id_field, conversations.schema) == (
        "channel",
        "id",
        "objs_conversation",
    )
    assert conversations.collection_path == "/api/conversations.list"
    assert any("conversations.archive" in r for r in conversations.reasons)
    users = resource(api, "users")
    assert not users.confident and users.id_param == "user"
    assert users.reasons[-2] == "not confident: no create method in the family"
    reactions = resource(api, "reactions")
    assert not reactions.confident  # add/get/list line up by name, but nothing is created with an id
