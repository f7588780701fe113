"""Users: create (staged, provisioned or active as the request asks), read by id, login or short name, partial
update (POST) and replace (PUT), and Okta's two-step delete (the first deactivates, the second deletes).

Sources: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/User/ and the lifecycle page
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/UserLifecycle/ ; the answers' shapes
are the recorded ones (okta-sdk-python's test_users_it cassettes).
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response, arguments, behaviour
from ..runtime.clock import iso8601
from . import _users, _users_password, _users_profile, _users_related
from ._errors import okta_error, validation_failed
from ._store import body_object
from ._users import render

Record = dict[str, Any]


def truth(ctx: Context, name: str, default: bool) -> bool:
    """A boolean query parameter as Okta reads one (``true``/``false`` in any case; the SDK sends ``True``)."""
    return arguments.flag(ctx.params, name, default, lambda text: text.strip().lower() == "true")


def password_value(credentials: Record) -> str | None:
    """The password a credentials object sets (``{"password": {"value": ...}}``); a malformed one is Okta's 400."""
    given = credentials.get("password")
    if given is None:
        return None
    if not isinstance(given, dict):
        raise okta_error("E0000003")
    value = given.get("value")
    return None if value is None else str(value)


@behaviour("createUser")
def create_user(ctx: Context) -> Any:
    body = body_object(ctx)
    given_type = body.get("type") or {}
    if not isinstance(given_type, dict):
        raise okta_error("E0000003")
    type_id = str(given_type.get("id") or _users.default_type(ctx)["id"])
    if type_id != _users.default_type(ctx)["id"] and ctx.state.collection("user_types").get(type_id) is None:
        raise okta_error("E0000001", "Api validation failed: type", causes=["type: Invalid user type"])
    profile = _users_profile.checked_profile(ctx, body.get("profile"), type_id=type_id)
    given = body.get("credentials") or {}
    if not isinstance(given, dict):
        raise okta_error("E0000003")
    password = password_value(given)
    hashed = isinstance(given.get("password"), dict) and bool(given["password"].get("hash"))
    if password is not None and _users_password.unmet(str(password), str(profile["login"])):
        raise _users_password.refused_on_create()
    question = _users_profile.recovery_question(given.get("recovery_question"))
    provider = truth(ctx, "provider", False)
    group_ids = _group_ids(ctx, body.get("groupIds"))
    if arguments.text(ctx.params, "nextLogin") == "changePassword":
        # the createUser reference's two refusals for an immediately expired password
        if not truth(ctx, "activate", True):
            raise okta_error("E0000125")
        if password is None and not hashed:
            raise okta_error("E0000124")
    now = iso8601(ctx.now())
    user: Record = {
        "id": _users.new_id(ctx),
        "status": "STAGED",
        "created": now,
        "activated": None,
        "statusChanged": now,
        "lastLogin": None,
        "lastUpdated": now,
        "passwordChanged": None,
        "type": {"id": type_id},
        "profile": profile,
        "credentials": {
            "emails": [{"value": profile["email"], "status": "VERIFIED", "type": "PRIMARY"}],
            "provider": _provider(given, provider),
        },
    }
    if password is not None:
        _users_password.set_password(user, str(password), now)
    elif hashed:
        user["credentials"]["password"] = {}
        user["passwordChanged"] = now
    if question:
        user["credentials"]["recovery_question"] = {"question": question["question"]}
        user["_answer"] = _users.secret_hash(user["id"], question["answer"].lower())
    user["status"] = _first_status(ctx, user, provider)
    if user["status"] != "STAGED":
        user["activated"] = now
    _users.save(ctx, user, touched=False)
    _users.index_login(ctx, user["id"], str(profile["login"]))
    _users_related.join_everyone(ctx, user)
    for group_id in group_ids:
        _users_related.join(ctx, group_id, user["id"], logged=True)
    _users.log(ctx, "user.lifecycle.create", user)
    if user["status"] != "STAGED":
        _users.log(ctx, "user.lifecycle.activate", user)
    _users_related.apply_group_rules(ctx, user)
    return render(ctx, user)


def _group_ids(ctx: Context, given: Any) -> list[str]:
    """The ``groupIds`` a new user joins: existing OKTA_GROUPs only (membership of the others is not the API's to
    change), checked before anything is made."""
    if given is None:
        return []
    if not isinstance(given, list):
        raise okta_error("E0000003")
    groups = ctx.state.collection("groups")
    for group_id in given:
        group = groups.get(str(group_id))
        if group is None or group.get("type", "OKTA_GROUP") != "OKTA_GROUP":
            raise validation_failed("groupIds", f"Invalid group id: {group_id}")
    return [str(g) for g in dict.fromkeys(given)]


def _provider(given: Record, provider: bool) -> Record:
    stated = given.get("provider") if isinstance(given.get("provider"), dict) else None
    if provider and stated:
        return {"type": str(stated.get("type") or "OKTA"), "name": str(stated.get("name") or stated.get("type"))}
    return {"type": "OKTA", "name": "OKTA"}


def _first_status(ctx: Context, user: Record, provider: bool) -> str:
    """activate=false stages the user; an activated user with a password (or an external provider) is ACTIVE, one
    without is PROVISIONED until the activation flow sets one; nextLogin=changePassword expires the password."""
    if not truth(ctx, "activate", True):
        return "STAGED"
    if provider:
        return "ACTIVE"
    if "password" not in user["credentials"]:
        return "PROVISIONED"
    if arguments.text(ctx.params, "nextLogin") == "changePassword":
        return "PASSWORD_EXPIRED"
    return "ACTIVE"


@behaviour("getUser")
def get_user(ctx: Context) -> Any:
    return render(ctx, _users.find(ctx))


@behaviour("updateUser")
def update_user(ctx: Context) -> Any:
    return _write(ctx, whole=False)


@behaviour("replaceUser")
def replace_user(ctx: Context) -> Any:
    return _write(ctx, whole=True)


def _write(ctx: Context, whole: bool) -> Any:
    """POST merges the given profile properties into the stored ones; PUT replaces the whole profile (a property
    left out is removed). Credentials given are set; left out, kept."""
    user = _users.find(ctx)
    body = body_object(ctx)
    old_login = str(user["profile"].get("login") or "")
    if "profile" in body or whole:
        given = body.get("profile")
        if not whole and isinstance(given, dict):
            given = {**user["profile"], **given}
        user_profile = _users_profile.checked_profile(ctx, given, user["id"], (user.get("type") or {}).get("id"))
    else:
        user_profile = user["profile"]
    given_credentials = body.get("credentials") or {}
    if not isinstance(given_credentials, dict):
        raise okta_error("E0000003")
    password = password_value(given_credentials)
    if password is not None and _users_password.unmet(str(password), str(user_profile["login"])):
        raise _users_password.refused_on_create()
    # strict=true adds the policy's history rule (updateUser/replaceUser "validates against ... history")
    if password is not None and truth(ctx, "strict", False) and _users_password.reused(user, str(password)):
        raise _users_password.refused_on_create()
    question = _users_profile.recovery_question(given_credentials.get("recovery_question"))
    user["profile"] = user_profile
    now = iso8601(ctx.now())
    if password is not None:
        _users_password.set_password(user, str(password), now)
    if question:
        user["credentials"]["recovery_question"] = {"question": question["question"]}
        user["_answer"] = _users.secret_hash(user["id"], question["answer"].lower())
    _users.save(ctx, user)
    _users.index_login(ctx, user["id"], str(user_profile["login"]), old_login)
    _users.log(ctx, "user.account.update_profile", user)
    _users_related.apply_group_rules(ctx, user)
    if password is not None:
        _users.log(ctx, "user.account.update_password", user)
    return render(ctx, user)


@behaviour("deleteUser")
def delete_user(ctx: Context) -> Any:
    """The first delete of a user not yet DEPROVISIONED deactivates it; the delete of a DEPROVISIONED user removes
    it for good (``sendEmail`` only decides whether the admins are mailed)."""
    user = _users.find(ctx)
    if user["status"] != "DEPROVISIONED":
        deactivate(ctx, user)
        return Response(204, None)
    _users.collection(ctx).delete(user["id"])
    _users.unindex(ctx, user)
    _users_related.forget(ctx, user["id"])
    _users.log(ctx, "user.lifecycle.delete", user)
    return Response(204, None)


def deactivate(ctx: Context, user: Record) -> Record:
    """DEPROVISIONED: the user's sessions end and its memberships stay (Okta keeps them until delete). With
    ``Prefer: respond-async`` Okta answers at once and deprovisions in the background: the user shows
    ``transitioningToStatus: DEPROVISIONED`` until the twin's clock has moved on (_users_related.settle)."""
    if user.get("transitioningToStatus"):
        raise okta_error("E0000038", "This operation is not allowed in the user's current status.")
    if "respond-async" in ctx.headers.get("prefer", ""):
        user["transitioningToStatus"] = "DEPROVISIONED"
        user["_settleAt"] = ctx.now() + _users_related.ASYNC_SECONDS
        _users.save(ctx, user)
        return user
    return _users_related.deprovision(ctx, user)
