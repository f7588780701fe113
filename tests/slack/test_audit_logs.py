"""Audit Logs API through slack_sdk's AuditLogsClient: who may read, what the seeded org's trail holds, the filters,
cursor paging, and changes made through the Web API showing up as entries."""

from __future__ import annotations

import httpx
from slack_sdk.audit_logs import AuditLogsClient

from .conftest import Twin


def _audit(twin: Twin, name: str = "org_admin") -> AuditLogsClient:
    return AuditLogsClient(token=twin.tokens[name], base_url=f"{twin.base_url}/audit/v1/", retry_handlers=[])


def test_schemas_and_actions_need_no_token(twin: Twin) -> None:
    schemas = httpx.get(f"{twin.base_url}/audit/v1/schemas")
    assert schemas.status_code == 200 and schemas.text.startswith('{"schemas":[{')
    assert {"user", "channel", "file", "app"} <= {s["type"] for s in schemas.json()["schemas"]}
    actions = _audit(twin).actions().body["actions"]
    assert "user_login" in actions["user"] and "user_channel_join" in actions["channel"]


def test_only_the_org_owner_reads_logs(twin: Twin) -> None:
    assert _audit(twin).logs(limit=1).status_code == 200
    refused = {name: _audit(twin, name).logs(limit=1) for name in ("bot", "user", "admin")}
    assert refused["bot"].status_code == 403 and refused["bot"].body["error"] == "not_allowed_token_type"
    assert refused["user"].body == {"ok": False, "error": "missing_scope", "needed": "auditlogs:read"}
    bad = AuditLogsClient(token="xoxp-1-2-3-nope", base_url=f"{twin.base_url}/audit/v1/", retry_handlers=[])
    answer = bad.logs()
    assert (answer.status_code, answer.body["error"]) == (401, "invalid_authentication")


def test_logins_page_with_a_cursor_newest_first(twin: Twin) -> None:
    client, seen, cursor, stamps = _audit(twin), [], None, []
    for _ in range(30):
        page = client.logs(action="user_login", limit=3, cursor=cursor).body
        seen += [e["id"] for e in page["entries"]]
        stamps += [e["date_create"] for e in page["entries"]]
        cursor = page["response_metadata"]["next_cursor"]
        if not cursor:
            break
    assert len(seen) == len(set(seen)) >= 10 and stamps == sorted(stamps, reverse=True)
    assert client.logs(cursor="not-a-cursor").body["error"] == "invalid_cursor"
    assert client.logs(oldest=20, latest=10).status_code == 400


def test_web_api_changes_are_entries(twin: Twin) -> None:
    made = twin.client("user").conversations_create(name="audited")["channel"]
    user_id = twin.client("user").auth_test()["user_id"]
    client = _audit(twin)
    created = client.logs(action="public_channel_created", entity=made["id"]).body["entries"]
    assert len(created) == 1 and created[0]["actor"]["user"]["id"] == user_id
    assert created[0]["entity"]["channel"]["name"] == "audited"
    assert created[0]["context"]["location"]["type"] == "enterprise"
    joined = client.logs(action="user_channel_join", actor=user_id, entity=made["id"]).body["entries"]
    assert len(joined) == 1
    later = client.logs(oldest=created[0]["date_create"] + 10_000).body["entries"]
    assert later == []
