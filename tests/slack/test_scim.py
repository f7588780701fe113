"""SCIM API v1.1 (slack_sdk's SCIMClient) and v2.0 (plain HTTP): who may call, users made through SCIM being Slack
users, filters and paging, PATCH in both versions, deactivation signing the user out, and groups."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.scim import SCIMClient

from .conftest import Twin


def _scim(twin: Twin, name: str = "org_admin") -> SCIMClient:
    return SCIMClient(token=twin.tokens[name], base_url=f"{twin.base_url}/scim/v1/", retry_handlers=[])


def _v2(twin: Twin, method: str, path: str, body: Any = None, name: str = "org_admin", **params: Any) -> httpx.Response:
    headers = {"Authorization": f"Bearer {twin.tokens[name]}"}
    url = f"{twin.base_url}/scim/v2/{path}"
    return httpx.request(method, url, json=body, params=params or None, headers=headers)


def _new_user(handle: str) -> dict[str, Any]:
    return {"userName": handle, "name": {"givenName": "Nia", "familyName": "Newton"},
            "emails": [{"value": f"{handle}@example.com", "primary": True}]}  # fmt: skip


def test_only_org_admins_with_admin_scope(twin: Twin) -> None:
    assert _scim(twin).search_users(start_index=1, count=1).status_code == 200
    refused = _scim(twin, "bot").search_users(start_index=1, count=1)
    assert (refused.status_code, refused.errors.description) == (403, "missing_scope")
    workspace_admin = _scim(twin, "admin").search_users(start_index=1, count=1)
    assert (workspace_admin.status_code, workspace_admin.errors.description) == (403, "permission_denied")
    bad = httpx.get(f"{twin.base_url}/scim/v2/Users", headers={"Authorization": "Bearer xoxp-1-2-nope"})
    assert bad.status_code == 401 and bad.json() == {
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"],
        "detail": "invalid_authentication",
        "status": 401,
    }


def test_created_user_is_a_slack_user_and_filters_find_them(twin: Twin) -> None:
    client = _scim(twin)
    made = client.create_user(_new_user("nia"))
    assert made.status_code == 201 and made.user.user_name == "nia" and made.user.active is True
    found = twin.client("bot").users_lookupByEmail(email="nia@example.com")["user"]
    assert found["id"] == made.user.id and found["real_name"] == "Nia Newton"
    assert twin.client("bot").users_info(user=made.user.id)["user"]["name"] == "nia"
    by_name = client.search_users(start_index=1, count=10, filter='userName Eq "nia"')
    assert [u.id for u in by_name.users] == [made.user.id]
    by_mail = _v2(twin, "GET", "Users", filter='email eq "NIA@example.com"').json()
    assert by_mail["totalResults"] == 1 and by_mail["Resources"][0]["id"] == made.user.id
    assert client.create_user(_new_user("nia")).errors.description == "username_taken"
    bad = client.search_users(start_index=1, count=1, filter="foo")
    assert (bad.status_code, bad.errors.code) == (400, 400)


def test_paging_by_start_index(twin: Twin) -> None:
    first = _v2(twin, "GET", "Users", startIndex=1, count=2).json()
    second = _v2(twin, "GET", "Users", startIndex=3, count=2).json()
    assert first["itemsPerPage"] == 2 and first["totalResults"] == second["totalResults"] >= 4
    ids = [r["id"] for r in first["Resources"] + second["Resources"]]
    assert len(set(ids)) == 4


def test_patch_v1_and_v2_and_put(twin: Twin) -> None:
    client = _scim(twin)
    user_id = client.create_user(_new_user("omar")).user.id
    patched = client.patch_user(id=user_id, partial_user={"user_name": "omar2", "title": "Engineer"})
    assert patched.status_code == 200 and patched.user.user_name == "omar2" and patched.user.title == "Engineer"
    ops = {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
           "Operations": [{"op": "Replace", "path": "name.givenName", "value": "Omari"},
                          {"op": "remove", "path": "title"}]}  # fmt: skip
    answer = _v2(twin, "PATCH", f"Users/{user_id}", ops).json()
    assert answer["name"]["givenName"] == "Omari" and answer["title"] == ""
    assert _v2(twin, "PATCH", f"Users/{user_id}", {"Operations": [{"op": "move"}]}).status_code == 400
    replaced = client.update_user(user={**_new_user("omar3"), "id": user_id})
    assert replaced.status_code == 200 and replaced.user.name.given_name == "Nia"


def test_deactivation_signs_out_and_revokes(twin: Twin) -> None:
    bob = twin.client("user").auth_test()["user_id"]
    ops = {"Operations": [{"op": "replace", "path": "active", "value": False}]}
    assert _v2(twin, "PATCH", f"Users/{bob}", ops).json()["active"] is False
    with pytest.raises(SlackApiError) as refused:
        twin.client("user").auth_test()
    assert refused.value.response["error"] == "invalid_auth"
    info = twin.client("bot").users_info(user=bob)["user"]
    assert info["deleted"] is True
    sessions = twin.client("org_admin").admin_users_session_list()["active_sessions"]
    assert bob not in {s["user_id"] for s in sessions}
    from slack_sdk.audit_logs import AuditLogsClient

    audit = AuditLogsClient(token=twin.tokens["org_admin"], base_url=f"{twin.base_url}/audit/v1/")
    assert audit.logs(action="user_deactivated", entity=bob).body["entries"]
    assert _scim(twin).delete_user(bob).status_code == 200
    assert _v2(twin, "DELETE", "Users/W0NOSUCHONE").status_code == 404


def test_groups_crud(twin: Twin) -> None:
    client = _scim(twin)
    seeded = client.search_groups(start_index=1, count=1)
    assert seeded.groups[0].display_name == "Engineering" and len(seeded.groups[0].members) == 2
    member = client.create_user(_new_user("pia")).user.id
    made = client.create_group({"display_name": "Launch", "members": [{"value": member}]})
    assert made.status_code == 201 and made.group.members[0].value == member
    group_id = made.group.id
    assert client.patch_group(id=group_id, partial_group={"display_name": "Launch 2"}).status_code == 204
    ops = {"Operations": [{"op": "remove", "path": f'members[value eq "{member}"]'}]}
    assert _v2(twin, "PATCH", f"Groups/{group_id}", ops).status_code == 204
    read = _v2(twin, "GET", f"Groups/{group_id}").json()
    assert read["displayName"] == "Launch 2" and read["members"] == []
    assert client.create_group({"display_name": "launch 2"}).errors.description == "group_name_taken"
    assert client.create_group({"display_name": "X", "members": [{"value": "W0NOBODY"}]}).status_code == 400
    assert client.delete_group(group_id).status_code == 204
    assert client.read_group(group_id).status_code == 404


def test_service_description(twin: Twin) -> None:
    v1 = client_get(twin, "/scim/v1/ServiceProviderConfigs")
    assert v1["patch"]["supported"] is True and v1["schemas"] == ["urn:scim:schemas:core:1.0"]
    assert _v2(twin, "GET", "ServiceProviderConfig").json()["filter"]["supported"] is True
    assert [r["id"] for r in _v2(twin, "GET", "ResourceTypes").json()["Resources"]] == ["User", "Group"]
    assert client_get(twin, "/scim/v1/Schemas/Users")["name"] == "User"
    assert _v2(twin, "GET", "ServiceProviderConfigs").status_code == 404


def client_get(twin: Twin, path: str) -> dict[str, Any]:
    answer = httpx.get(twin.base_url + path, headers={"Authorization": f"Bearer {twin.tokens['org_admin']}"})
    assert answer.status_code == 200
    return dict(answer.json())
