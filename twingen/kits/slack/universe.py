"""The Slack twin in a universe (``twingen universe``): an app the identity provider provisions over SCIM 2.0.

Okta's Slack integration pushes to ``/scim/v2/`` with an org admin's token (``admin`` scope), usernames as the
email's local part (Slack handles may not hold ``@``; https://docs.slack.dev/admins/scim-api).
"""

from __future__ import annotations

import hashlib
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


# The seeded app of the default tenant (api_docs/slack/NOTES.md, "Seeded app"): a person provisioned over SCIM
# signs in to it as anyone does, with the code Slack's redirect after /oauth/v2/authorize would carry.
CLIENT_ID = "916130274459.7302521689657"
CLIENT_SECRET = "434f7a42b0edf0cf956a90dfd35815c9"


def oauth_code(user_id: str, n: int = 1, client_id: str = CLIENT_ID) -> str:
    """The ``n``-th code the twin takes for ``user_id`` authorizing ``client_id`` (the formula in NOTES.md)."""
    body = f"twin-slack:oauth-code:{client_id}:{user_id}:{n}"
    return f"{client_id.partition('.')[0]}.{n}.{hashlib.sha256(body.encode()).hexdigest()}"
