"""``twingen check slack --sdk slack_sdk`` covers slack_sdk's five public clients: the scan finds what each method
reaches, other clients' methods never become Web API operations, answers are judged per API, and the report
groups methods by client."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from twingen.check import CheckOptions, run_check
from twingen.check.classes import CheckReport, MethodResult
from twingen.check.report import markdown
from twingen.diagnostics import Diagnostics
from twingen.ir.model import Api, AuthScheme, Operation
from twingen.kits.slack.check.others import outcome
from twingen.sdk.merge import merge_surface
from twingen.sdk.surface import SdkSurface

SLACK_TWIN = Path(__file__).resolve().parents[2] / "generated" / "slack"


def test_scan_reads_every_client(slack_surface: SdkSurface) -> None:
    by_client: dict[str, dict[str, str]] = {}
    for method in slack_surface.methods:
        by_client.setdefault(method.client, {})[method.name] = method.operation or "+".join(method.calls)
    assert set(by_client) == {"WebClient", "AuditLogsClient", "SCIMClient", "WebhookClient", "SocketModeClient"}
    assert by_client["AuditLogsClient"]["AuditLogsClient.logs"] == "audit.logs"
    assert by_client["SCIMClient"]["SCIMClient.patch_group"] == "scim.groups.patch"
    assert by_client["SCIMClient"]["SCIMClient.create_user"] == by_client["SCIMClient"]["SCIMClient.search_users"]
    assert by_client["WebhookClient"] == {"WebhookClient.send": "webhooks.incoming",
                                          "WebhookClient.send_dict": "webhooks.incoming"}  # fmt: skip
    assert by_client["SocketModeClient"]["SocketModeClient.issue_new_wss_url"] == "apps.connections.open"
    assert "SocketModeClient.enqueue_message" in {u.name for u in slack_surface.unresolved}


@pytest.fixture(scope="module")
def slack_surface() -> SdkSurface:
    from twingen.sdk import scan_sdk

    return scan_sdk("slack_sdk")


def test_other_clients_are_not_merged_into_the_web_api(slack_surface: SdkSurface) -> None:
    chat = Operation("chat.postMessage", "chat_postMessage", "POST", "/api/chat.postMessage")
    api = Api("slack", "Slack", "1", "slack", "https://slack.com", operations=(chat,),
              auth_schemes=(AuthScheme("slackAuth", "bearer"),))  # fmt: skip
    merged = merge_surface(api, slack_surface, Diagnostics())
    ids = {op.id for op in merged.operations}
    assert "admin.apps.approve" in ids and not {i for i in ids if i.startswith(("scim.", "audit.", "webhooks."))}


def test_answers_are_judged_per_api() -> None:
    scim = outcome(404, '{"Errors": {"description": "user_not_found", "code": 404}}', "SCIMClient")
    assert (scim.kind, scim.code) == ("vendor-error", "user_not_found")
    audit = outcome(403, '{"ok": false, "error": "missing_scope"}', "AuditLogsClient")
    assert (audit.kind, audit.code) == ("vendor-error", "missing_scope")
    hook = outcome(400, "invalid_payload", "WebhookClient")
    assert (hook.kind, hook.code) == ("vendor-error", "invalid_payload")
    assert outcome(404, '{"ok": false, "error": "unknown_method"}', "SCIMClient").kind == "not-routed"
    assert outcome(200, "not json", "AuditLogsClient").kind == "unparsed"
    assert outcome(502, "", "SCIMClient").kind == "server-error"


def test_report_groups_methods_by_client() -> None:
    web = MethodResult("chat_postMessage", "chat.postMessage", "ok", "answered", client="WebClient")
    scim = MethodResult("SCIMClient.read_user", "scim.users.read", "wrong-error", "x", client="SCIMClient")
    text = markdown(CheckReport("slack", "slack_sdk", "3", methods=[web, scim]))
    assert "## Methods of `WebClient`\n\n1 of 1 pass." in text and "## Methods of `SCIMClient`\n\n0 of 1 pass." in text
    single = markdown(CheckReport("slack", "slack_sdk", "3", methods=[dataclasses.replace(web, client="")]))
    assert "## Methods\n\n| method |" in single and "Methods of" not in single
    assert "client" not in dataclasses.replace(web, client="").to_data()


@pytest.mark.network_loopback
def test_the_other_clients_pass_against_the_slack_twin() -> None:
    wanted = ("AuditLogsClient.logs", "SCIMClient.patch_user", "SCIMClient.delete_group", "SocketModeClient.connect")
    report = run_check(CheckOptions(SLACK_TWIN, "slack_sdk", wanted))
    assert {r.name: r.cls for r in report.methods} == dict.fromkeys(wanted, "ok")
    assert {r.client for r in report.methods} == {"AuditLogsClient", "SCIMClient", "SocketModeClient"}
