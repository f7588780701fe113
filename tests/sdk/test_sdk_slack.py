"""The slack_sdk adapter on the installed slack_sdk (3.47 when written: 351 WebClient methods)."""

from __future__ import annotations

from twingen.sdk import SdkSurface, scan_sdk


def _param(surface: SdkSurface, method: str, name: str) -> tuple[bool, str]:
    param = next(p for p in surface.method(method).params if p.name == name)
    return param.required, param.location


def test_counts_are_in_the_expected_range(slack_surface: SdkSurface) -> None:
    counts = slack_surface.counts()
    # slack_sdk grows by a few methods per release: 341 in 3.27, 351 in 3.47.
    assert 330 <= counts["methods"] <= 420
    assert 320 <= counts["operations"] <= 410
    assert counts["paginated"] >= 30
    # only Socket Mode methods that work on the client's own queue and state send nothing (sdk_clients)
    assert {u.name.split(".")[0] for u in slack_surface.unresolved} <= {"SocketModeClient"}
    assert slack_surface.style == "rpc" and slack_surface.main_client == "WebClient"


def test_chat_post_message_sends_json_with_channel_required(slack_surface: SdkSurface) -> None:
    method = slack_surface.method("chat_postMessage")
    assert (method.operation, method.http_verb, method.path) == ("chat.postMessage", "POST", "/api/chat.postMessage")
    # slack_sdk sends chat.postMessage as JSON (``json=kwargs``) so blocks/attachments keep their structure.
    assert _param(slack_surface, "chat_postMessage", "channel") == (True, "json")
    assert _param(slack_surface, "chat_postMessage", "text") == (False, "json")
    assert not method.paginates
    assert method.file == "slack_sdk/web/client.py"
    assert method.line > 0 and method.pointer == "WebClient.chat_postMessage"


def test_conversations_history_is_a_paginated_get_with_query_params(slack_surface: SdkSurface) -> None:
    method = slack_surface.method("conversations_history")
    assert (method.operation, method.http_verb) == ("conversations.history", "GET")
    assert method.paginates
    assert _param(slack_surface, "conversations_history", "channel") == (True, "query")
    assert _param(slack_surface, "conversations_history", "cursor") == (False, "query")


def test_http_verb_defaults_to_post(slack_surface: SdkSurface) -> None:
    # ``self.api_call("admin.apps.approve", params=kwargs)``: no http_verb, so api_call's default POST.
    assert slack_surface.method("admin_apps_approve").http_verb == "POST"


def test_files_upload_v2_is_a_helper_over_the_external_upload_methods(slack_surface: SdkSurface) -> None:
    method = slack_surface.method("files_upload_v2")
    assert method.is_helper and method.operation == ""
    assert method.calls == ("files.getUploadURLExternal", "files.completeUploadExternal")


def test_chat_stream_reaches_the_stream_methods_through_its_returned_object(slack_surface: SdkSurface) -> None:
    method = slack_surface.method("chat_stream")
    assert set(method.calls) == {"chat.startStream", "chat.appendStream", "chat.stopStream"}


def test_files_and_data_become_form_fields(slack_surface: SdkSurface) -> None:
    assert _param(slack_surface, "files_upload", "file") == (False, "form")
    assert _param(slack_surface, "files_upload", "channels") == (False, "form")
    assert _param(slack_surface, "users_setPhoto", "image") == (True, "form")


def test_oauth_client_credentials_travel_as_basic_auth(slack_surface: SdkSurface) -> None:
    assert _param(slack_surface, "oauth_v2_access", "client_id") == (True, "header")
    assert _param(slack_surface, "oauth_v2_access", "code") == (False, "form")


def test_renamed_argument_keeps_both_names(slack_surface: SdkSurface) -> None:
    # ``apps_connections_open(app_token=...)`` sends it as ``token``.
    param = next(p for p in slack_surface.method("apps_connections_open").params if p.name == "token")
    assert param.python_name == "app_token" and param.required


def test_values_built_from_an_argument_map_to_it(slack_surface: SdkSurface) -> None:
    # ``kwargs.update({"team_ids": ",".join(team_ids)})`` inside an if/else.
    assert _param(slack_surface, "admin_apps_uninstall", "team_ids") == (False, "query")
    assert _param(slack_surface, "admin_apps_uninstall", "app_id") == (True, "query")


def test_slack_scan_reads_the_whole_client() -> None:
    # how long it takes is a benchmark row (benchmarks/bench_generate.py), never a test
    surface = scan_sdk("slack_sdk")
    assert len(surface.methods) > 300
    assert not [u for u in surface.unresolved if not u.name.startswith("SocketModeClient.")]


def test_json_form_is_plain_data(slack_surface: SdkSurface) -> None:
    data = slack_surface.to_data()
    assert data["counts"]["methods"] == len(slack_surface.methods)
    first = data["methods"][0]
    assert set(first) >= {"name", "operation", "http_verb", "path", "params", "paginates", "file", "line", "calls"}
