"""The default password policy of a new Okta org, and the refusals a password breaking it gets.

Okta's default policy: at least 8 characters, a lowercase letter, an uppercase letter, a number, no parts of the
username, none of the last 4 passwords. The refusal names every requirement in one cause, as Okta words it.
Sources: https://help.okta.com/en-us/content/topics/security/policies/configure-password-policies.htm (the default
policy's settings) and https://developer.okta.com/docs/reference/error-codes/ (E0000001 on create, E0000080 on a
credentials change).
"""

from __future__ import annotations

import re
from typing import Any

from ..runtime import VendorError
from ._errors import okta_error
from ._users import secret_hash

Record = dict[str, Any]

MIN_LENGTH = 8
HISTORY = 4
REQUIREMENTS = (
    "Password requirements were not met. Password requirements: at least 8 characters, a lowercase letter, "
    "an uppercase letter, a number, no parts of your username. Your password cannot be any of your last 4 passwords."
)


def unmet(password: str, login: str) -> bool:
    """True when ``password`` breaks the policy's composition rules for a user with ``login``."""
    if len(password) < MIN_LENGTH:
        return True
    if not (re.search(r"[a-z]", password) and re.search(r"[A-Z]", password) and re.search(r"\d", password)):
        return True
    # "no parts of your username": the parts of the login's local part, split where Okta splits it
    parts = [p for p in re.split(r"[.,+\-_@#]", login.split("@", 1)[0].lower()) if len(p) >= 3]
    lowered = password.lower()
    return any(part in lowered for part in parts)


def refused_on_create() -> VendorError:
    return okta_error("E0000001", "Api validation failed: password", causes=[f"password: {REQUIREMENTS}"])


def refused_on_change() -> VendorError:
    return okta_error("E0000080", causes=[f"password: {REQUIREMENTS}"])


def reused(user: Record, password: str) -> bool:
    return secret_hash(user["id"], password) in (user.get("_history") or [])


def set_password(user: Record, password: str, now: str) -> None:
    """Keep the new password's hash (and the history the policy checks); the value itself is never stored."""
    hashed = secret_hash(user["id"], password)
    user["_password"] = hashed
    user["_history"] = ([hashed] + [h for h in user.get("_history") or [] if h != hashed])[:HISTORY]
    user.setdefault("credentials", {})["password"] = {}
    user["passwordChanged"] = now


def matches(user: Record, password: str) -> bool:
    return bool(user.get("_password")) and user["_password"] == secret_hash(user["id"], password)
