"""Whether a request body has the JSON types its schema says, at the paths behaviour reads.

Okta reads a body into typed objects, so a field of the wrong JSON type (``"settings": "x"``, ``"priority": "1"``)
is its 400 E0000003 "The request body was not well-formed." before any rule is checked; behaviour checks the
paths it reads with ``well_formed`` and can then trust them.
Source: https://developer.okta.com/docs/reference/error-codes/ (E0000003)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ._errors import okta_error

_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "string": (str,),
    "list": (list,),
    "integer": (int,),
    "boolean": (bool,),
}


def well_formed(body: Any, paths: Iterable[tuple[str, str]]) -> None:
    """Each ``(dotted.path, kind)`` present in ``body`` holds that kind (object, string, list, integer, boolean);
    E0000003 otherwise. A path under an absent or null parent is not checked."""
    if not isinstance(body, dict):
        raise okta_error("E0000003")
    for path, kind in paths:
        value: Any = body
        for step in path.split("."):
            value = value.get(step) if isinstance(value, dict) else None
        if value is None:
            continue
        wanted = _TYPES[kind]
        if not isinstance(value, wanted) or (kind == "integer" and isinstance(value, bool)):
            raise okta_error("E0000003")


APP = (
    ("label", "string"),
    ("name", "string"),
    ("signOnMode", "string"),
    ("features", "list"),
    ("profile", "object"),
    ("accessibility", "object"),
    ("visibility", "object"),
    ("visibility.hide", "object"),
    ("visibility.appLinks", "object"),
    ("credentials", "object"),
    ("credentials.userNameTemplate", "object"),
    ("credentials.signing", "object"),
    ("credentials.oauthClient", "object"),
    ("credentials.oauthClient.token_endpoint_auth_method", "string"),
    ("credentials.oauthClient.client_id", "string"),
    ("credentials.oauthClient.client_secret", "string"),
    ("settings", "object"),
    ("settings.app", "object"),
    ("settings.signOn", "object"),
    ("settings.oauthClient", "object"),
    ("settings.oauthClient.grant_types", "list"),
    ("settings.oauthClient.redirect_uris", "list"),
    ("settings.oauthClient.response_types", "list"),
    ("settings.notifications", "object"),
    ("settings.notes", "object"),
)
APP_USER = (
    ("id", "string"),
    ("scope", "string"),
    ("credentials", "object"),
    ("credentials.userName", "string"),
    ("credentials.password", "object"),
    ("profile", "object"),
)
APP_GROUP = (("priority", "integer"), ("profile", "object"))
GROUP_RULE = (
    ("name", "string"),
    ("conditions", "object"),
    ("conditions.expression", "object"),
    ("conditions.expression.value", "string"),
    ("conditions.people", "object"),
    ("conditions.people.users", "object"),
    ("conditions.people.users.exclude", "list"),
    ("actions", "object"),
    ("actions.assignUserToGroups", "object"),
    ("actions.assignUserToGroups.groupIds", "list"),
)
