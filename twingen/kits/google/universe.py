"""The Google twin in a universe (``twingen universe``): an app the identity provider provisions through the Admin
SDK Directory API (Okta's Google Workspace integration pushes users and groups there, not over SCIM).

The push is made with a super administrator's OAuth token: the seeded ``owner`` credential (owner@example.com is
the customer's super admin; a tenant ``tN`` has owner@tN.example.com). The customer is ``my_customer``. A user's
``primaryEmail`` must be on one of the customer's domains
(https://developers.google.com/admin-sdk/directory/reference/rest/v1/users/insert), and Okta pushes only people
whose address is on the app's domain: so the universe's roster domain for the tenant (``acme.example`` for the
default one) is added to the customer with ``domains.insert``, as an administrator adds a secondary domain, and is
the target's ``domain``.
"""

from __future__ import annotations

from typing import Any

from twingen.universe import roster

ROLE = "app"
DIRECTORY = "/admin/directory/v1"


def _headers(member: Any, tenant: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {member.credentials(tenant)['owner']['token']}", "Accept": "application/json"}


def _domain(member: Any, tenant: str) -> str:
    """The roster's domain for the member tenant (by its name), made one of the customer's domains (409 when it
    already is one: a second wiring of the same tenant)."""
    name = str(member.control("GET", f"/tenants/{tenant}").get("name") or tenant)
    domain = roster.domain(name)
    answer = member.http.post(
        f"{DIRECTORY}/customer/my_customer/domains", json={"domainName": domain}, headers=_headers(member, tenant)
    )
    if answer.status_code >= 400 and answer.status_code != 409:
        raise RuntimeError(f"google answered {answer.status_code}: {answer.text[:300]}")
    return domain


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
