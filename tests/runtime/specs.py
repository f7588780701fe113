"""Small runtime specs (the JSON form of ``twingen.ir.model.Api``) for each vendor style."""

from __future__ import annotations

from typing import Any


def param(name: str, location: str = "query", required: bool = False, kind: str = "string") -> dict[str, Any]:
    return {"name": name, "python_name": name, "location": location, "required": required, "schema": {"type": kind}}


def response(status: str = "200", schema: Any = None, example: Any = None, media: str = "application/json") -> Any:
    return {"status": status, "description": "", "media_type": media, "schema": schema, "example": example}


def op(
    op_id: str,
    method: str,
    path: str,
    *,
    params: tuple[Any, ...] = (),
    responses: tuple[Any, ...] = (),
    auth: tuple[str, ...] = (),
    paging: Any = None,
    errors: tuple[str, ...] = (),
    also: tuple[str, ...] = (),
    body: bool = False,
    media_upload: Any = None,
) -> dict[str, Any]:
    return {
        "id": op_id,
        "python_name": op_id.replace(".", "_"),
        "method": method,
        "path": path,
        "also_methods": list(also),
        "parameters": list(params),
        "request_body": {"media_types": ["application/json"], "schema": {}, "required": False} if body else None,
        "responses": list(responses or (response(),)),
        "errors": [{"code": c, "status": 200} for c in errors],
        "paging": paging,
        "auth": list(auth),
        "media_upload": media_upload,
    }


def paging(style: str, cursor: str, limit: str, nxt: str = "", items: str = "", total: str = "") -> dict[str, Any]:
    return {
        "style": style,
        "request_cursor": cursor,
        "request_limit": limit,
        "response_next": nxt,
        "response_items": items,
        "response_total": total,
    }


def resource(name: str, id_param: str, ops: dict[str, str], schema: str = "", parent: str = "") -> dict[str, Any]:
    return {
        "name": name,
        "python_name": name,
        "collection_path": "",
        "id_param": id_param,
        "id_field": "id",
        "parent": parent,
        "operations": ops,
        "schema": schema,
        "confident": True,
        "reasons": [],
    }


def api(name: str, vendor: str, operations: list[Any], **rest: Any) -> dict[str, Any]:
    return {
        "name": name,
        "title": name,
        "version": "1",
        "vendor": vendor,
        "base_url": "https://example.com",
        "operations": operations,
        "schemas": rest.get("schemas", {}),
        "auth_schemes": rest.get("auth", []),
        "resources": rest.get("resources", []),
        "documents": [],
        "description": "",
    }


def scheme(name: str, kind: str, prefix: str = "") -> dict[str, Any]:
    return {
        "name": name,
        "kind": kind,
        "location": "header",
        "param_name": "Authorization",
        "prefix": prefix,
        "scopes": [],
        "description": "",
    }


TOKEN = (param("token", "header", required=True),)
SLACK_OK = {"type": "object", "properties": {"ok": {"type": "boolean", "enum": [True]}}}


def slack() -> dict[str, Any]:
    channel = {
        "type": "object",
        "properties": {"id": {"type": "string"}, "name": {"type": "string"}, "created": {"type": "integer"}},
        "required": ["id", "name"],
    }
    one = {"type": "object", "properties": {"ok": {"type": "boolean"}, "channel": channel}, "required": ["ok"]}
    many = {
        "type": "object",
        "properties": {
            "ok": {"type": "boolean"},
            "channels": {"type": "array", "items": channel},
            "response_metadata": {"type": "object", "properties": {"next_cursor": {"type": "string"}}},
        },
    }
    auth = ("slackAuth",)
    cursor = paging("cursor", "cursor", "limit", "response_metadata.next_cursor", "channels")
    return api(
        "slack",
        "slack",
        [
            op(
                "auth.test",
                "POST",
                "/api/auth.test",
                params=TOKEN,
                auth=auth,
                also=("GET",),
                responses=(response(example={"ok": True, "team": "T", "url": "https://x.slack.com/", "user": "u"}),),
            ),
            op("api.test", "GET", "/api/api.test", responses=(response(schema=SLACK_OK),)),
            op(
                "chat.postMessage",
                "POST",
                "/api/chat.postMessage",
                auth=auth,
                errors=("channel_not_found", "no_text"),
                params=(*TOKEN, param("channel", "form", True), param("text", "form", True)),
            ),
            op(
                "conversations.create",
                "POST",
                "/api/conversations.create",
                auth=auth,
                responses=(response(schema=one),),
                params=(*TOKEN, param("name", "form", True)),
            ),
            op(
                "conversations.info",
                "GET",
                "/api/conversations.info",
                auth=auth,
                responses=(response(schema=one),),
                params=(*TOKEN, param("channel", "query", True)),
                errors=("channel_not_found",),
            ),
            op(
                "conversations.rename",
                "POST",
                "/api/conversations.rename",
                auth=auth,
                responses=(response(schema=one),),
                params=(*TOKEN, param("channel", "form", True), param("name", "form", True)),
            ),
            op(
                "conversations.archive",
                "POST",
                "/api/conversations.archive",
                auth=auth,
                responses=(response(schema=SLACK_OK),),
                params=(*TOKEN, param("channel", "form", True)),
            ),
            op(
                "conversations.list",
                "GET",
                "/api/conversations.list",
                auth=auth,
                paging=cursor,
                responses=(
                    response(
                        schema=many,
                        example={"ok": True, "channels": [], "response_metadata": {"next_cursor": "dGVhbTpDMDYx"}},
                    ),
                ),
                params=(*TOKEN, param("limit", kind="integer"), param("cursor")),
            ),
            op("boom", "POST", "/api/boom", auth=auth, params=TOKEN),
            op(
                "chat.meMessage",
                "POST",
                "/api/chat.meMessage",
                auth=auth,
                errors=("channel_not_found", "no_text"),
                params=(*TOKEN, param("channel", "form", True), param("text", "form", True)),
            ),
            op(
                "conversations.history",
                "GET",
                "/api/conversations.history",
                auth=auth,
                params=(*TOKEN, param("channel", "query", True), param("oldest", kind="number")),
            ),
        ],
        auth=[scheme("slackAuth", "oauth2")],
        resources=[
            resource(
                "conversations",
                "channel",
                {
                    "conversations.create": "create",
                    "conversations.info": "read",
                    "conversations.list": "list",
                    "conversations.rename": "update",
                    "conversations.archive": "delete",
                },
            )
        ],
    )


def google() -> dict[str, Any]:
    file = {
        "type": "object",
        "properties": {
            "id": {"type": "string"},
            "name": {"type": "string"},
            "kind": {"type": "string", "default": "drive#file"},
            "createdTime": {"type": "string", "format": "date-time"},
            "size": {"type": "string", "format": "int64"},
        },
    }
    file_list = {
        "type": "object",
        "properties": {
            "files": {"type": "array", "items": {"$ref": "#/components/schemas/File"}},
            "nextPageToken": {"type": "string"},
            "kind": {"type": "string"},
        },
    }
    auth = ("Oauth2",)
    sid = param("spreadsheetId", "path", True)
    upload = {
        "accept": ["*/*"],
        "max_size": "",
        "simple_path": "/upload/drive/v3/files",
        "resumable_path": "/resumable/upload/drive/v3/files",
    }
    return api(
        "google",
        "google",
        [
            op("sheets.spreadsheets.get", "GET", "/v4/spreadsheets/{spreadsheetId}", params=(sid,), auth=auth),
            op(
                "sheets.spreadsheets.batchUpdate",
                "POST",
                "/v4/spreadsheets/{spreadsheetId}:batchUpdate",
                params=(sid,),
                auth=auth,
                body=True,
            ),
            op(
                "sheets.spreadsheets.values.get",
                "GET",
                "/v4/spreadsheets/{spreadsheetId}/values/{range}",
                params=(sid, param("range", "path", True)),
                auth=auth,
            ),
            op(
                "sheets.spreadsheets.values.append",
                "POST",
                "/v4/spreadsheets/{spreadsheetId}/values/{range}:append",
                params=(sid, param("range", "path", True), param("valueInputOption", required=True)),
                auth=auth,
            ),
            op(
                "sheets.spreadsheets.values.batchGet",
                "GET",
                "/v4/spreadsheets/{spreadsheetId}/values:batchGet",
                params=(
                    sid,
                    {**param("ranges"), "schema": {"type": "array", "items": {"type": "string"}}},
                    param("majorDimension"),
                ),
                auth=auth,
            ),
            op("operations.get", "GET", "/v1/{+name}", params=(param("name", "path", True),), auth=auth),
            op("operations.cancel", "POST", "/v1/{+name}:cancel", params=(param("name", "path", True),), auth=auth),
            op(
                "drive.files.create",
                "POST",
                "/drive/v3/files",
                auth=auth,
                body=True,
                media_upload=upload,
                responses=(response(schema={"$ref": "#/components/schemas/File"}),),
            ),
            op(
                "drive.files.get",
                "GET",
                "/drive/v3/files/{fileId}",
                params=(param("fileId", "path", True),),
                auth=auth,
                responses=(response(schema={"$ref": "#/components/schemas/File"}),),
            ),
            op(
                "drive.files.update",
                "PATCH",
                "/drive/v3/files/{fileId}",
                params=(param("fileId", "path", True),),
                auth=auth,
                body=True,
                responses=(response(schema={"$ref": "#/components/schemas/File"}),),
            ),
            op(
                "drive.files.delete",
                "DELETE",
                "/drive/v3/files/{fileId}",
                params=(param("fileId", "path", True),),
                auth=auth,
                responses=(response("204"),),
            ),
            op(
                "drive.files.list",
                "GET",
                "/drive/v3/files",
                auth=auth,
                params=(param("pageSize", kind="integer"), param("pageToken")),
                paging=paging("page_token", "pageToken", "pageSize", "nextPageToken", "files"),
                responses=(response(schema={"$ref": "#/components/schemas/FileList"}),),
            ),
        ],
        auth=[scheme("Oauth2", "oauth2")],
        schemas={"File": file, "FileList": file_list},
        resources=[
            resource(
                "files",
                "fileId",
                {
                    "drive.files.create": "create",
                    "drive.files.get": "read",
                    "drive.files.update": "update",
                    "drive.files.delete": "delete",
                    "drive.files.list": "list",
                },
                schema="File",
            )
        ],
    )


def okta() -> dict[str, Any]:
    user = {
        "type": "object",
        "properties": {
            "id": {"type": "string"},
            "status": {"type": "string", "example": "ACTIVE"},
            "profile": {"type": "object", "properties": {"login": {"type": "string", "format": "email"}}},
        },
    }
    ref = {"$ref": "#/components/schemas/User"}
    auth = ("apiToken", "oauth2")
    uid = param("id", "path", True)
    return api(
        "okta",
        "okta",
        [
            op(
                "listUsers",
                "GET",
                "/api/v1/users",
                auth=auth,
                params=(param("after"), param("limit", kind="integer")),
                paging=paging("link", "after", "limit"),
                responses=(response(schema={"type": "array", "items": ref}),),
            ),
            op("createUser", "POST", "/api/v1/users", auth=auth, body=True, responses=(response(schema=ref),)),
            op("getUser", "GET", "/api/v1/users/{id}", auth=auth, params=(uid,), responses=(response(schema=ref),)),
            op(
                "replaceUser",
                "PUT",
                "/api/v1/users/{id}",
                auth=auth,
                params=(uid,),
                body=True,
                responses=(response(schema=ref),),
            ),
            op("deleteUser", "DELETE", "/api/v1/users/{id}", auth=auth, params=(uid,), responses=(response("204"),)),
            op(
                "activateUser",
                "POST",
                "/api/v1/users/{id}/lifecycle/activate",
                auth=auth,
                params=(uid, param("sendEmail", required=True, kind="boolean")),
            ),
        ],
        auth=[scheme("apiToken", "apikey", "SSWS"), scheme("oauth2", "oauth2")],
        schemas={"User": user},
        resources=[
            resource(
                "users",
                "id",
                {
                    "listUsers": "list",
                    "createUser": "create",
                    "getUser": "read",
                    "replaceUser": "replace",
                    "deleteUser": "delete",
                },
                schema="User",
            )
        ],
    )


def jira() -> dict[str, Any]:
    project = {
        "type": "object",
        "properties": {"id": {"type": "string"}, "key": {"type": "string"}, "name": {"type": "string"}},
    }
    page = {
        "type": "object",
        "properties": {
            "startAt": {"type": "integer"},
            "maxResults": {"type": "integer"},
            "total": {"type": "integer"},
            "isLast": {"type": "boolean"},
            "values": {"type": "array", "items": {"$ref": "#/components/schemas/Project"}},
        },
    }
    ref = {"$ref": "#/components/schemas/Project"}
    auth = ("basicAuth", "OAuth2")
    key = param("projectIdOrKey", "path", True)
    return api(
        "jira",
        "jira",
        [
            op(
                "searchProjects",
                "GET",
                "/rest/api/3/project/search",
                auth=auth,
                params=(param("startAt", kind="integer"), param("maxResults", kind="integer")),
                paging=paging("offset", "startAt", "maxResults", "", "values", "total"),
                responses=(response(schema=page),),
            ),
            op("createProject", "POST", "/rest/api/3/project", auth=auth, body=True, responses=(response("201", ref),)),
            op(
                "getProject",
                "GET",
                "/rest/api/3/project/{projectIdOrKey}",
                auth=auth,
                params=(key,),
                responses=(response(schema=ref),),
            ),
            op(
                "updateProject",
                "PUT",
                "/rest/api/3/project/{projectIdOrKey}",
                auth=auth,
                params=(key,),
                body=True,
                responses=(response(schema=ref),),
            ),
            op(
                "deleteProject",
                "DELETE",
                "/rest/api/3/project/{projectIdOrKey}",
                auth=auth,
                params=(key,),
                responses=(response("204"),),
            ),
            op("searchJql", "GET", "/rest/api/3/search/jql", auth=auth, params=(param("jql", required=True),)),
        ],
        auth=[scheme("basicAuth", "basic"), scheme("OAuth2", "oauth2")],
        schemas={"Project": project, "Page": page},
        resources=[
            resource(
                "projects",
                "projectIdOrKey",
                {
                    "searchProjects": "list",
                    "createProject": "create",
                    "getProject": "read",
                    "updateProject": "update",
                    "deleteProject": "delete",
                },
                schema="Project",
            )
        ],
    )


def generic() -> dict[str, Any]:
    node = {
        "type": "object",
        "required": ["id", "children"],
        "properties": {
            "id": {"type": "string", "format": "uuid"},
            "when": {"type": "string", "format": "date-time"},
            "email": {"type": "string", "format": "email"},
            "count": {"type": "integer", "minimum": 3},
            "kind": {"type": "string", "enum": ["leaf", "branch"]},
            "ratio": {"type": "number"},
            "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}},
            "parent": {"$ref": "#/components/schemas/Node"},
            "extra": {"allOf": [{"$ref": "#/components/schemas/Tag"}, {"properties": {"weight": {"type": "integer"}}}]},
        },
    }
    tag = {"type": "object", "properties": {"label": {"type": "string"}}, "required": ["label"]}
    widget = {"type": "object", "properties": {"id": {"type": "string"}, "name": {"type": "string"}}}
    ref = {"$ref": "#/components/schemas/Widget"}
    wid = param("widgetId", "path", True)
    auth = ("bearerAuth",)
    return api(
        "generic",
        "generic",
        [
            op(
                "listWidgets",
                "GET",
                "/widgets",
                auth=auth,
                responses=(response(schema={"type": "array", "items": ref}),),
                params=(param("offset", kind="integer"), param("limit", kind="integer")),
                paging=paging("offset", "offset", "limit"),
            ),
            op("createWidget", "POST", "/widgets", auth=auth, body=True, responses=(response("201", ref),)),
            op("getWidget", "GET", "/widgets/{widgetId}", auth=auth, params=(wid,), responses=(response(schema=ref),)),
            op("deleteWidget", "DELETE", "/widgets/{widgetId}", auth=auth, params=(wid,), responses=(response("204"),)),
            op(
                "getNode",
                "GET",
                "/nodes/{nodeId}",
                auth=auth,
                params=(param("nodeId", "path", True),),
                responses=(response(schema={"$ref": "#/components/schemas/Node"}),),
            ),
            op(
                "ping",
                "GET",
                "/ping",
                responses=(response(schema={"type": "object", "properties": {"pong": {"type": "boolean"}}}),),
            ),
            op("crash", "GET", "/crash", auth=auth),
            op(
                "download",
                "GET",
                "/files/{name}",
                params=(param("name", "path", True),),
                responses=(response(media="text/plain", example="hello"),),
            ),
        ],
        auth=[scheme("bearerAuth", "bearer")],
        schemas={"Node": node, "Tag": tag, "Widget": widget},
        resources=[
            resource(
                "widgets",
                "widgetId",
                {"listWidgets": "list", "createWidget": "create", "getWidget": "read", "deleteWidget": "delete"},
                schema="Widget",
            )
        ],
    )
