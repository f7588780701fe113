"""The Jira twin in a universe (``twingen universe``): an app the identity provider provisions through Atlassian's
user provisioning SCIM API (behaviour/scim.py); the directory and its API key come from the twin's control plane,
as an admin makes them in admin.atlassian.com."""

from __future__ import annotations

from typing import Any

ROLE = "app"


def scim_target(member: Any, tenant: str) -> dict[str, Any]:
    made = member.control("POST", "/jira/scim/directories", {"tenant": tenant, "name": "Okta"})
    return {
        "label": "Jira",
        "appUrl": member.base_url + "/",
        "scimBaseUrl": member.base_url + made["scimBaseUrl"],
        "token": made["token"],
        "userNameFormat": "email",
    }


def find_person(member: Any, tenant: str, email: str) -> str | None:
    basic = member.credentials(tenant)["basic"]
    found = member.http.get(
        "/rest/api/3/user/search", params={"query": email}, auth=(basic["username"], basic["password"])
    ).json()
    return str(found[0]["accountId"]) if isinstance(found, list) and found else None
