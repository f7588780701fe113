"""The Google twin in a universe (``twingen universe``): an app the identity provider provisions through the Admin
SDK Directory API (Okta's Google Workspace integration pushes users and groups there, not over SCIM).

The push is made with a super administrator's OAuth token: the seeded ``owner`` credential (owner@example.com is
the customer's super admin; a tenant ``tN`` has owner@tN.example.com). The customer is ``my_customer`` and its one
domain is the seeded people's (https://developers.google.com/admin-sdk/directory/reference/rest/v1/users/insert:
``primaryEmail`` must be on one of the customer's domains).
"""

from __future__ import annotations

from typing import Any

ROLE = "app"
DIRECTORY = "/admin/directory/v1"


def _headers(member: Any, tenant: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {member.credentials(tenant)['owner']['token']}", "Accept": "application/json"}


def _domain(member: Any, tenant: str) -> str:
    """The customer's domain: that of its super administrator, as the Directory lists them."""
    answer = member.http.get(
        f"{DIRECTORY}/users",
        params={"customer": "my_customer", "query": "isAdmin=true", "maxResults": 1},
        headers=_headers(member, tenant),
    )
    if answer.status_code >= 400:
        raise RuntimeError(f"google answered {answer.status_code}: {answer.text[:300]}")
    return str(answer.json()["users"][0]["primaryEmail"]).rpartition("@")[2]


def scim_target(member: Any, tenant: str) -> dict[str, Any]:
    return {
        "label": "Google Workspace",
        "appUrl": member.base_url + "/",
        "protocol": "google-directory",
        "directoryBaseUrl": member.base_url + DIRECTORY,
        "token": member.credentials(tenant)["owner"]["token"],
        "customer": "my_customer",
        "domain": _domain(member, tenant),
    }


def find_person(member: Any, tenant: str, email: str) -> str | None:
    """The Directory user's id for ``email`` (its primary address or an alias), or None."""
    answer = member.http.get(f"{DIRECTORY}/users/{email}", headers=_headers(member, tenant))
    if answer.status_code == 404:
        return None
    if answer.status_code >= 400:
        raise RuntimeError(f"google answered {answer.status_code}: {answer.text[:300]}")
    return str(answer.json()["id"])
