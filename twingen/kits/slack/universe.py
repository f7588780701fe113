"""The Slack twin in a universe (``twingen universe``): an app the identity provider provisions over SCIM 2.0.

Okta's Slack integration pushes to ``/scim/v2/`` with an org admin's token (``admin`` scope), usernames as the
email's local part (Slack handles may not hold ``@``; https://docs.slack.dev/admins/scim-api).
"""

from __future__ import annotations

from typing import Any

ROLE = "app"


def scim_target(member: Any, tenant: str) -> dict[str, Any]:
    token = member.credentials(tenant)["org_admin"]["token"]
    return {
        "label": "Slack",
        "appUrl": member.base_url + "/",
        "scimBaseUrl": member.base_url + "/scim/v2",
        "token": token,
        "userNameFormat": "email_prefix",
    }


def find_person(member: Any, tenant: str, email: str) -> str | None:
    token = member.credentials(tenant)["bot"]["token"]
    found = member.http.get(
        "/api/users.lookupByEmail", params={"email": email}, headers={"Authorization": f"Bearer {token}"}
    ).json()
    return str(found["user"]["id"]) if found.get("ok") else None
