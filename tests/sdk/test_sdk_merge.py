"""merge_surface on small hand-built Api objects and surfaces."""

from __future__ import annotations

import dataclasses

from twingen.diagnostics import Diagnostics
from twingen.ir.model import Api, AuthScheme, Operation, Origin, Parameter, RequestBody
from twingen.sdk import SdkMethod, SdkParam, SdkSurface, merge_surface
from twingen.sdk.surface import SurfaceStyle

SLACK_DOC = "slack/web.json"


def _slack_api(*ops: Operation) -> Api:
    scheme = AuthScheme("slackAuth", "bearer")
    return Api("slack", "Slack", "1", "slack", "https://slack.com", operations=ops, auth_schemes=(scheme,))


def _slack_op(op_id: str, method: str = "POST", *params: Parameter) -> Operation:
    origin = Origin(SLACK_DOC, f"/paths/~1{op_id}/{method.lower()}")
    return Operation(op_id, op_id.replace(".", "_"), method, f"/api/{op_id}", parameters=params, origin=origin)


def _form(name: str, required: bool = False) -> Parameter:
    return Parameter(name, name, "form", required)


def _sdk_method(
    name: str, operation: str, verb: str, path: str, *params: SdkParam, paginates: bool = False
) -> SdkMethod:
    return SdkMethod(name, operation, verb, path, params, paginates, "pkg/client.py", 10, f"Client.{name}")


def _surface(style: SurfaceStyle, *methods: SdkMethod, package: str = "slack_sdk") -> SdkSurface:
    return SdkSurface(package, "1.0", style, "/site-packages", methods)


def test_operations_the_docs_lack_are_added_with_sdk_provenance() -> None:
    api = _slack_api(_slack_op("chat.postMessage", "POST", _form("channel", True)))
    sdk = _surface(
        "rpc",
        _sdk_method(
            "chat_postMessage", "chat.postMessage", "POST", "/api/chat.postMessage", SdkParam("channel", True, "json")
        ),
        _sdk_method(
            "admin_apps_list",
            "admin.apps.list",
            "GET",
            "/api/admin.apps.list",
            SdkParam("cursor", False, "query"),
            SdkParam("limit", False, "query"),
            paginates=True,
        ),
    )
    diags = Diagnostics()
    merged = merge_surface(api, sdk, diags)

    assert len(diags) == 0
    assert [op.id for op in merged.operations] == ["chat.postMessage", "admin.apps.list"]
    added = merged.operation("admin.apps.list")
    assert added.origin == Origin("pkg/client.py", "Client.admin_apps_list", "sdk")
    assert (added.method, added.also_methods, added.path) == ("POST", ("GET",), "/api/admin.apps.list")
    assert [(p.name, p.location) for p in added.parameters] == [("cursor", "form"), ("limit", "form")]
    assert added.auth == ("slackAuth",)
    assert added.paging is not None and added.paging.response_next == "response_metadata.next_cursor"
    assert api.operations == merged.operations[:1]  # the input is left as it was


def test_added_python_names_stay_unique() -> None:
    api = _slack_api(_slack_op("chat.postMessage"))
    taken = Operation("other", "admin_apps_list", "POST", "/api/other", origin=Origin(SLACK_DOC, "/x"))
    api = _slack_api(*api.operations, taken)
    sdk = _surface("rpc", _sdk_method("admin_apps_list", "admin.apps.list", "POST", "/api/admin.apps.list"))
    merged = merge_surface(api, sdk, Diagnostics())
    assert merged.operation("admin.apps.list").python_name == "admin_apps_list_2"


def test_verb_mismatch_warns_at_the_doc_operation() -> None:
    api = _slack_api(_slack_op("conversations.history", "POST"))
    sdk = _surface("rpc", _sdk_method("conversations_history", "conversations.history", "GET", "/api/x"))
    diags = Diagnostics()
    merged = merge_surface(api, sdk, diags)
    assert len(merged.operations) == 1
    (diag,) = diags
    assert (diag.level, diag.code, diag.file) == ("warning", "sdk-disagrees", SLACK_DOC)
    assert diag.pointer == "/paths/~1conversations.history/post"
    assert "sends GET" in diag.message and "the docs list POST" in diag.message


def test_also_methods_count_as_agreement() -> None:
    op = _slack_op("conversations.history", "POST")
    api = _slack_api(dataclasses.replace(op, also_methods=("GET",)))
    sdk = _surface("rpc", _sdk_method("conversations_history", "conversations.history", "GET", "/api/x"))
    diags = Diagnostics()
    merge_surface(api, sdk, diags)
    assert len(diags) == 0


def test_required_mismatch_and_unknown_parameter_warn() -> None:
    doc = _slack_op("chat.delete", "POST", _form("channel"), _form("ts", True), _form("token", True))
    sdk = _surface(
        "rpc",
        _sdk_method(
            "chat_delete",
            "chat.delete",
            "POST",
            "/api/chat.delete",
            SdkParam("channel", True, "query"),
            SdkParam("ts", True, "query"),
            SdkParam("as_user", False, "query"),
        ),
    )
    diags = Diagnostics()
    merge_surface(_slack_api(doc), sdk, diags)
    messages = sorted(d.message for d in diags)
    assert len(messages) == 2
    assert "required flags differ: channel (slack_sdk chat_delete requires it; the docs do not)" in messages
    assert "slack_sdk chat_delete sends parameters the docs do not define: as_user" in messages
    # ``token`` is credentials: the SDK takes it as client configuration, so its absence is no disagreement.
    assert not any("token" in m for m in messages)


def test_docs_required_parameter_the_sdk_does_not_take_warns() -> None:
    doc = _slack_op("views.open", "POST", _form("view", True), _form("trigger_id", True))
    sdk = _surface(
        "rpc", _sdk_method("views_open", "views.open", "POST", "/api/views.open", SdkParam("view", True, "json"))
    )
    diags = Diagnostics()
    merge_surface(_slack_api(doc), sdk, diags)
    (diag,) = diags
    assert "trigger_id (the docs require it; slack_sdk views_open does not take it)" in diag.message


def _okta_api() -> Api:
    get_user = Operation(
        "getUser",
        "get_user",
        "GET",
        "/api/v1/users/{userId}",
        parameters=(Parameter("userId", "user_id", "path", True), Parameter("expand", "expand", "query")),
        origin=Origin("okta.yaml", "/paths/~1api~1v1~1users~1{userId}/get"),
    )
    replace_user = Operation(
        "replaceUser",
        "replace_user",
        "PUT",
        "/api/v1/users/{userId}",
        parameters=(Parameter("userId", "user_id", "path", True),),
        request_body=RequestBody(("application/json",), {"type": "object"}, required=True),
        origin=Origin("okta.yaml", "/paths/~1api~1v1~1users~1{userId}/put"),
    )
    scheme = AuthScheme("apiToken", "apikey", prefix="SSWS")
    return Api("okta", "Okta", "1", "okta", "https://x.okta.com", (get_user, replace_user), auth_schemes=(scheme,))


def test_rest_matching_ignores_placeholder_names() -> None:
    sdk = _surface(
        "rest",
        _sdk_method(
            "get_user",
            "GET /api/v1/users/{id}",
            "GET",
            "/api/v1/users/{id}",
            SdkParam("id", True, "path"),
            SdkParam("expand", False, "query"),
        ),
        package="okta",
    )
    diags = Diagnostics()
    merged = merge_surface(_okta_api(), sdk, diags)
    assert len(merged.operations) == 2 and len(diags) == 0


def test_rest_body_required_mismatch_warns() -> None:
    sdk = _surface(
        "rest",
        _sdk_method(
            "replace_user",
            "PUT /api/v1/users/{id}",
            "PUT",
            "/api/v1/users/{id}",
            SdkParam("id", True, "path"),
            SdkParam("user", False, "body"),
        ),
        package="okta",
    )
    diags = Diagnostics()
    merge_surface(_okta_api(), sdk, diags)
    (diag,) = diags
    assert diag.pointer == "/paths/~1api~1v1~1users~1{userId}/put"
    assert "request body (okta replace_user makes it optional; the docs require it)" in diag.message


def test_whole_body_arguments_are_not_compared_field_by_field() -> None:
    api = _okta_api()
    schema = {"type": "object", "properties": {"profile": {}}, "required": ["profile"]}
    body = RequestBody(("application/json",), schema, required=True)
    api = dataclasses.replace(
        api, operations=(api.operations[0], dataclasses.replace(api.operations[1], request_body=body))
    )
    sdk = _surface(
        "rest",
        _sdk_method(
            "replace_user",
            "PUT /api/v1/users/{id}",
            "PUT",
            "/api/v1/users/{id}",
            SdkParam("id", True, "path"),
            SdkParam("user", True, "body"),
        ),
        package="okta",
    )
    diags = Diagnostics()
    merge_surface(api, sdk, diags)
    assert len(diags) == 0


def test_rest_verb_the_docs_lack_at_a_known_path_is_added_and_warned() -> None:
    sdk = _surface(
        "rest",
        _sdk_method(
            "delete_user",
            "DELETE /api/v1/users/{id}",
            "DELETE",
            "/api/v1/users/{id}",
            SdkParam("id", True, "path"),
            SdkParam("sendEmail", False, "query"),
        ),
        package="okta",
    )
    diags = Diagnostics()
    merged = merge_surface(_okta_api(), sdk, diags)
    added = merged.operations[-1]
    assert (added.id, added.method, added.path, added.origin.source) == (
        "deleteUser",
        "DELETE",
        "/api/v1/users/{id}",
        "sdk",
    )
    assert [(p.name, p.location, p.required) for p in added.parameters] == [
        ("id", "path", True),
        ("sendEmail", "query", False),
    ]
    assert added.auth == ("apiToken",)
    (diag,) = diags
    assert "calls DELETE /api/v1/users/{id}; the docs list only GET, PUT there" in diag.message


def test_jira_positional_placeholders_become_parameter_names_and_versions_fold() -> None:
    doc = Operation(
        "getIssue",
        "get_issue",
        "GET",
        "/rest/api/3/issue/{issueIdOrKey}",
        parameters=(Parameter("issueIdOrKey", "issue_id_or_key", "path", True),),
        origin=Origin("jira.json", "/paths/~1rest~1api~13~1issue~1{issueIdOrKey}/get"),
    )
    api = Api("jira", "Jira", "3", "jira", "https://x.atlassian.net", (doc,))
    sdk = _surface(
        "rest",
        _sdk_method(
            "issue", "GET /rest/api/2/issue/{id}", "GET", "/rest/api/2/issue/{id}", SdkParam("id", True, "path")
        ),
        _sdk_method(
            "Issue.update",
            "PUT /rest/api/2/issue/{0}",
            "PUT",
            "/rest/api/2/issue/{0}",
            SdkParam("0", True, "path"),
            SdkParam("fields", False, "json"),
        ),
        package="jira",
    )
    diags = Diagnostics()
    merged = merge_surface(api, sdk, diags)
    # ``issue`` matched the v3 doc operation; ``Issue.update`` (PUT) is SDK-only at a documented path.
    assert [d.message.split(" calls ")[-1] for d in diags] == [
        "PUT /rest/api/2/issue/{0}; the docs list only GET there (added from the SDK)"
    ]
    added = merged.operations[-1]
    assert (added.id, added.path) == ("Issue.update", "/rest/api/2/issue/{id_0}")
    assert added.parameters[0].name == "id_0"
    assert added.request_body is not None and added.request_body.schema["properties"] == {"fields": {}}


def test_discovery_matches_by_id_and_checks_the_path() -> None:
    doc = Operation("drive.files.list", "files_list", "GET", "/drive/v3/files", origin=Origin("drive.json", "/r"))
    api = Api("google", "Drive", "v3", "google", "https://www.googleapis.com", (doc,))
    sdk = _surface(
        "discovery",
        _sdk_method("files.list", "drive.files.list", "GET", "/drive/v2/files"),
        package="googleapiclient:drive.v3",
    )
    diags = Diagnostics()
    merge_surface(api, sdk, diags)
    (diag,) = diags
    assert "calls path /drive/v2/files; the docs serve /drive/v3/files" in diag.message


def test_helpers_add_nothing_themselves() -> None:
    helper = SdkMethod("files_upload_v2", "", "", "", calls=("files.getUploadURLExternal",))
    merged = merge_surface(_slack_api(), _surface("rpc", helper), Diagnostics())
    assert merged.operations == ()


def test_real_slack_surface_merges_into_an_empty_api(slack_surface: SdkSurface) -> None:
    merged = merge_surface(_slack_api(), slack_surface, Diagnostics())
    # the other clients' methods (SCIM, Audit Logs, webhooks) reach other APIs and are never merged
    web = {m.operation for m in slack_surface.methods if m.operation and m.client == slack_surface.main_client}
    assert len(merged.operations) == len(web)
    assert len({op.python_name for op in merged.operations}) == len(merged.operations)
    assert all(op.origin.source == "sdk" for op in merged.operations)
