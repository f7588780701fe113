"""The shared roster: the people every twin of a universe has, created in the identity provider and pushed to
the apps as the identity provider's provisioning does. Each tenant (company) gets them under its own domain."""

from __future__ import annotations

from typing import Any

Person = dict[str, Any]

PEOPLE = (
    ("Maya", "Patel"),
    ("Luis", "Ortega"),
    ("Grace", "Kim"),
    ("Tomas", "Berg"),
)


def domain(tenant_name: str) -> str:
    return "acme.example" if tenant_name == "default" else f"{tenant_name.lower()}.example"


PASSWORD = "Universe-Sign-In-1"
"""Everyone's Okta password (Okta's default policy: 8+ characters, upper, lower, a digit, no part of the login),
listed with them at ``/_universe/credentials``: they sign in with it (``POST /_universe/signin``)."""


def people(tenant_name: str = "default") -> list[Person]:
    found = []
    for first, last in PEOPLE:
        email = f"{first.lower()}.{last.lower()}@{domain(tenant_name)}"
        found.append({"firstName": first, "lastName": last, "email": email, "login": email, "password": PASSWORD})
    return found
