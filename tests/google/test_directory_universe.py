"""The Google kit's universe adapter (``twingen/kits/google/universe.py``) against the served twin: where Okta's push
goes, with which token, and finding a pushed person by address."""

from __future__ import annotations

from typing import Any

import httpx
from directory_helpers import directory, new_user

from twingen.kits.google import universe


class _Member:
    """What the adapter uses of a universe member: ``base_url``, ``http`` and ``credentials(tenant)``."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.http = httpx.Client(base_url=base_url, trust_env=False, timeout=30)

    def credentials(self, tenant: str = "default") -> dict[str, dict[str, Any]]:
        listing = self.http.get("/_twin/credentials", params={"tenant": tenant}).json()["credentials"]
        return {item["name"]: item for item in listing}

    def control(self, method: str, path: str, body: Any = None) -> Any:
        return self.http.request(method, "/_twin" + path, json=body).json()


def test_the_target_is_the_directory_with_the_admins_token(twin: Any) -> None:
    member = _Member(twin.base_url)
    with member.http:
        target = universe.scim_target(member, "default")
        assert universe.ROLE == "app"
        assert target["protocol"] == "google-directory" and target["customer"] == "my_customer"
        assert target["directoryBaseUrl"] == twin.base_url + "/admin/directory/v1"
        # the roster's domain joins the customer's, so the people Okta pushes can be made there
        assert target["domain"] == "acme.example" and target["token"] == twin.tokens["owner"]
        assert universe.scim_target(member, "default")["domain"] == "acme.example"  # wired twice: still one domain
        admin = directory(twin, token=target["token"])
        names = [d["domainName"] for d in admin.domains().list(customer="my_customer").execute()["domains"]]
        assert names == ["example.com", "acme.example"]
        assert universe.find_person(member, "default", "ada@acme.example") is None
        made = new_user(admin, "ada", primaryEmail="ada@acme.example")
        assert universe.find_person(member, "default", "ada@acme.example") == made["id"]


def test_a_tenant_has_its_own_domain_and_token(twin: Any) -> None:
    member = _Member(twin.base_url)
    with member.http:
        tenant = member.http.post("/_twin/tenants", json={"name": "Globex"}).json()["id"]
        target = universe.scim_target(member, tenant)
        assert target["domain"] == "globex.example" and target["token"] != twin.tokens["owner"]
        assert universe.find_person(member, tenant, f"owner@{tenant}.example.com")
