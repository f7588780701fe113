"""What a user's profile and credentials may hold, checked as Okta checks them on create, update and replace.

The base profile properties are those of Okta's default user schema; custom ones from the schema of the user's type
that the ``user_schema`` module keeps (collection ``user_schema``: ``default`` or the type's schema id, its
``custom`` properties). An undefined property, a missing
required one, a login that is not an email address or that another user holds are refused with E0000001 and the
cause Okta words. Sources: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Schema/
(default user profile properties) and https://developer.okta.com/docs/api/openapi/okta-management/management/tag/User/
("login must be unique", E0000001 causes).
"""

from __future__ import annotations

import re
from typing import Any

from ..runtime import Context
from ._errors import okta_error, validation_failed
from ._users import default_type, login_owner, schema_id

Record = dict[str, Any]

BASE_PROPERTIES = (
    "login",
    "firstName",
    "lastName",
    "middleName",
    "honorificPrefix",
    "honorificSuffix",
    "email",
    "title",
    "displayName",
    "nickName",
    "profileUrl",
    "secondEmail",
    "mobilePhone",
    "primaryPhone",
    "streetAddress",
    "city",
    "state",
    "zipCode",
    "countryCode",
    "postalAddress",
    "preferredLanguage",
    "locale",
    "timezone",
    "userType",
    "employeeNumber",
    "costCenter",
    "organization",
    "division",
    "department",
    "managerId",
    "manager",
)
REQUIRED = ("login", "firstName", "lastName", "email")
# properties every user answer carries, null until set (the recorded answers)
ALWAYS = ("mobilePhone", "secondEmail")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
EXISTS = "An object with this field already exists in the current organization"


def custom_properties(ctx: Context, type_id: str | None = None) -> set[str]:
    """The custom properties of the schema of user type ``type_id`` (the default type's when None)."""
    key = "default"
    if type_id and type_id != default_type(ctx)["id"]:
        key = schema_id(ctx, type_id)
    schema = ctx.state.collection("user_schema").get(key) or {}
    return set(schema.get("custom") or {})


def checked_profile(ctx: Context, profile: Any, user_id: str | None = None, type_id: str | None = None) -> Record:
    """``profile`` when Okta would accept it for the user ``user_id`` (None: a new user), with the properties
    Okta always answers filled with null."""
    if not isinstance(profile, dict):
        raise validation_failed("profile", "The field cannot be left blank")
    known = set(BASE_PROPERTIES) | custom_properties(ctx, type_id)
    for name in profile:
        if name not in known:
            raise okta_error(
                "E0000001",
                f"Api validation failed: {name}",
                causes=[f"{name}: Property name '{name}' is not defined in profile"],
            )
    for name in REQUIRED:
        if profile.get(name) in (None, ""):
            raise validation_failed(name, "The field cannot be left blank")
    login = str(profile["login"])
    if not _EMAIL.match(login):
        raise validation_failed("login", "Username must be in the form of an email address")
    for name in ("email", "secondEmail"):
        if profile.get(name) not in (None, "") and not _EMAIL.match(str(profile[name])):
            raise validation_failed(name, "Does not match required pattern")
    owner = login_owner(ctx, login)
    if owner is not None and owner != user_id:
        raise validation_failed("login", EXISTS)
    filled = {name: None for name in ALWAYS}
    filled.update(profile)
    return filled


def recovery_question(given: Any) -> Record | None:
    """The recovery question a body sets (question and answer), refused as Okta refuses a bad one."""
    if given is None:
        return None
    if not isinstance(given, dict) or not given.get("question"):
        raise validation_failed("recovery_question.question", "The field cannot be left blank")
    answer = str(given.get("answer") or "")
    if len(answer) < 4:
        raise validation_failed(
            "recovery_question.answer", "The security question answer must be at least 4 characters in length"
        )
    if answer.lower() in str(given["question"]).lower():
        raise validation_failed(
            "recovery_question.answer", "The answer to the security question cannot be part of the question"
        )
    return {"question": str(given["question"]), "answer": answer}
