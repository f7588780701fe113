"""The base profile properties of a new org's user and group schemas (Okta's defaults; not changeable but for their
permissions), written as a table from which the JSON Schema attributes are built.

Source: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Schema/ (the default user
profile's base properties: title, type, constraints, the SELF permission each grants) and the recorded answers of
``GET /api/v1/meta/schemas/user/default`` and ``/group/default``.
"""

from __future__ import annotations

from typing import Any

Record = dict[str, Any]

# name, title, required, SELF permission, extra constraints
USER_BASE: tuple[tuple[str, str, bool, str, Record], ...] = (
    ("login", "Username", True, "READ_ONLY", {"minLength": 5, "maxLength": 100}),
    ("firstName", "First name", True, "READ_WRITE", {"minLength": 1, "maxLength": 50}),
    ("lastName", "Last name", True, "READ_WRITE", {"minLength": 1, "maxLength": 50}),
    ("middleName", "Middle name", False, "READ_ONLY", {}),
    ("honorificPrefix", "Honorific prefix", False, "READ_ONLY", {}),
    ("honorificSuffix", "Honorific suffix", False, "READ_ONLY", {}),
    ("email", "Primary email", True, "READ_WRITE", {"format": "email"}),
    ("title", "Title", False, "READ_ONLY", {}),
    ("displayName", "Display name", False, "READ_ONLY", {}),
    ("nickName", "Nickname", False, "READ_ONLY", {}),
    ("profileUrl", "Profile Url", False, "READ_ONLY", {"format": "uri"}),
    ("secondEmail", "Secondary email", False, "READ_WRITE", {"format": "email"}),
    ("mobilePhone", "Mobile phone", False, "READ_WRITE", {"maxLength": 100}),
    ("primaryPhone", "Primary phone", False, "HIDE", {"maxLength": 100}),
    ("streetAddress", "Street address", False, "HIDE", {}),
    ("city", "City", False, "HIDE", {}),
    ("state", "State", False, "HIDE", {}),
    ("zipCode", "Zip code", False, "HIDE", {}),
    ("countryCode", "Country code", False, "HIDE", {"format": "country-code"}),
    ("postalAddress", "Postal Address", False, "HIDE", {}),
    ("preferredLanguage", "Preferred language", False, "READ_ONLY", {"format": "language-code"}),
    ("locale", "Locale", False, "READ_ONLY", {"format": "locale"}),
    ("timezone", "Time zone", False, "READ_ONLY", {"format": "timezone"}),
    ("userType", "User type", False, "READ_ONLY", {}),
    ("employeeNumber", "Employee number", False, "READ_ONLY", {}),
    ("costCenter", "Cost center", False, "READ_ONLY", {}),
    ("organization", "Organization", False, "READ_ONLY", {}),
    ("division", "Division", False, "READ_ONLY", {}),
    ("department", "Department", False, "READ_ONLY", {}),
    ("managerId", "ManagerId", False, "READ_ONLY", {}),
    ("manager", "Manager", False, "READ_ONLY", {}),
)

GROUP_BASE: tuple[tuple[str, str, bool, str, Record], ...] = (
    ("name", "Name", True, "READ_WRITE", {"description": "Name", "maxLength": 255}),
    ("description", "Description", False, "READ_WRITE", {"description": "Description", "maxLength": 1024}),
)


def attribute(title: str, required: bool, action: str, extra: Record, *, mastered: bool = False) -> Record:
    """One schema attribute as Okta answers it (a group's carry their profile master)."""
    found: Record = {"title": title, "type": "string"}
    if required:
        found["required"] = True
    found.update({k: v for k, v in extra.items() if k == "format"})
    found.update({"mutability": "READ_WRITE", "scope": "NONE"})
    found.update({k: v for k, v in extra.items() if k != "format"})
    found["permissions"] = [{"principal": "SELF", "action": action}]
    if mastered:
        found["master"] = {"type": "PROFILE_MASTER"}
    return found


def base(table: tuple[tuple[str, str, bool, str, Record], ...], *, mastered: bool = False) -> Record:
    return {
        "id": "#base",
        "type": "object",
        "properties": {
            name: attribute(title, req, act, extra, mastered=mastered) for name, title, req, act, extra in table
        },
        "required": [name for name, _, req, _, _ in table if req],
    }
