"""Okta users as the org keeps them: the User record, its lookup by id, login or login short name, its rendering
(``_links`` by status, never a secret), and the lifecycle bookkeeping every user operation shares.

Records live in state collection ``users`` keyed by id (the groups area reads it for members); logins are indexed in
``user_logins`` (lower-cased login -> id) and ``user_shortnames`` (lower-cased part before ``@`` -> ids), so a
lookup is O(1). Secrets are kept under ``_``-prefixed keys (a password's salted hash, the recovery answer's hash)
that rendering drops. Sources: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/User/
and the recorded answers (okta-sdk-python's test_users_it cassettes) for the fields and ``_links`` per status.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from ..runtime import Context
from ..runtime.clock import BASE62_ALPHABET, iso8601
from . import _log
from ._errors import not_found
from ._links import href

Record = dict[str, Any]

USERS = "users"
LOGINS = "user_logins"
SHORTNAMES = "user_shortnames"
MEMBERS = "group_members"
ORG = "org"

STATUSES = (
    "STAGED",
    "PROVISIONED",
    "ACTIVE",
    "RECOVERY",
    "LOCKED_OUT",
    "PASSWORD_EXPIRED",
    "SUSPENDED",
    "DEPROVISIONED",
)

# the POST actions a user's _links offer in each status, as the recorded answers show them (ACTIVE, STAGED,
# SUSPENDED, PASSWORD_EXPIRED); the others follow the lifecycle page's allowed source states
_ACTIONS: dict[str, tuple[str, ...]] = {
    "STAGED": ("activate", "resetFactors"),
    "PROVISIONED": ("reactivate", "resetPassword", "resetFactors", "deactivate", "suspend"),
    "ACTIVE": (
        "suspend",
        "resetPassword",
        "forgotPassword",
        "expirePassword",
        "changeRecoveryQuestion",
        "resetFactors",
        "changePassword",
        "deactivate",
    ),
    "PASSWORD_EXPIRED": (
        "suspend",
        "resetPassword",
        "forgotPassword",
        "expirePassword",
        "changeRecoveryQuestion",
        "resetFactors",
        "changePassword",
        "deactivate",
    ),
    "RECOVERY": (
        "suspend",
        "resetPassword",
        "expirePassword",
        "changeRecoveryQuestion",
        "resetFactors",
        "changePassword",
        "deactivate",
    ),
    "LOCKED_OUT": ("unlock", "resetPassword", "expirePassword", "resetFactors", "deactivate"),
    "SUSPENDED": ("unsuspend", "resetFactors", "deactivate"),
    "DEPROVISIONED": ("activate",),
}
_ACTION_PATHS = {
    "activate": "lifecycle/activate",
    "reactivate": "lifecycle/reactivate",
    "deactivate": "lifecycle/deactivate",
    "suspend": "lifecycle/suspend",
    "unsuspend": "lifecycle/unsuspend",
    "unlock": "lifecycle/unlock",
    "resetPassword": "lifecycle/reset_password",
    "expirePassword": "lifecycle/expire_password",
    "resetFactors": "lifecycle/reset_factors",
    "forgotPassword": "credentials/forgot_password",
    "changeRecoveryQuestion": "credentials/change_recovery_question",
    "changePassword": "credentials/change_password",
}


def default_type(ctx: Context) -> Record:
    """The org's default user type ``{"id": "oty...", "schemaId": "osc..."}`` (seeded by _seed_users unless the
    user types area seeded it first)."""
    found = ctx.state.collection(ORG).get("default_user_type")
    return found or {"id": "otydefaultusertype00", "schemaId": "oscdefaultuserschema"}


def collection(ctx: Context) -> Any:
    return ctx.state.collection(USERS)


def shortname(login: str) -> str:
    return login.split("@", 1)[0].lower()


def lookup(ctx: Context, id_or_login: str) -> Record | None:
    """A user by id, by login, or by login short name when only one user has it (Okta's three lookups)."""
    users = collection(ctx)
    found: Record | None = users.get(id_or_login)
    if found is None:
        indexed = ctx.state.collection(LOGINS).get(id_or_login.lower())
        short = ctx.state.collection(SHORTNAMES).get(id_or_login.lower())
        if indexed is not None:
            found = users.get(indexed["id"])
        elif short is not None and len(short["ids"]) == 1:
            found = users.get(short["ids"][0])
    return found


def find(ctx: Context, id_or_login: str | None = None) -> Record:
    """The user the path names (``id``, ``userId``, or ``me``), or Okta's 404 ``Not found: Resource not found: X
    (User)``."""
    wanted = (
        id_or_login
        if id_or_login is not None
        else str(ctx.params.get("id") or ctx.params.get("userId") or ctx.params.get("userIdOrLogin") or "")
    )
    if wanted == "me":  # the caller's own user (the token acts as the admin who made it)
        wanted = str(ctx.identity.get("user_id") or "")
    found = lookup(ctx, wanted)
    if found is None:
        raise not_found(wanted, "User")
    if found.get("_settleAt") is not None:  # a background deactivation may be due
        from ._users_related import settle

        found = settle(ctx, found)
    return found


def login_owner(ctx: Context, login: str) -> str | None:
    indexed = ctx.state.collection(LOGINS).get(login.lower())
    return str(indexed["id"]) if indexed else None


def index_login(ctx: Context, user_id: str, login: str, old: str | None = None) -> None:
    logins, shorts = ctx.state.collection(LOGINS), ctx.state.collection(SHORTNAMES)
    if old and old.lower() != login.lower():
        logins.delete(old.lower())
        _unshort(shorts, user_id, old)
    if login:
        logins.put(login.lower(), {"id": user_id})
        entry = shorts.get(shortname(login)) or {"ids": []}
        if user_id not in entry["ids"]:
            entry["ids"].append(user_id)
        shorts.put(shortname(login), entry)


def unindex(ctx: Context, user: Record) -> None:
    login = str(user.get("profile", {}).get("login") or "")
    if login:
        ctx.state.collection(LOGINS).delete(login.lower())
        _unshort(ctx.state.collection(SHORTNAMES), user["id"], login)


def _unshort(shorts: Any, user_id: str, login: str) -> None:
    entry = shorts.get(shortname(login))
    if entry is None:
        return
    entry["ids"] = [i for i in entry["ids"] if i != user_id]
    if entry["ids"]:
        shorts.put(shortname(login), entry)
    else:
        shorts.delete(shortname(login))


def new_id(ctx: Context) -> str:
    return "00u" + ctx.new_id("", 17, BASE62_ALPHABET)


def save(ctx: Context, user: Record, *, touched: bool = True) -> Record:
    if touched:
        user["lastUpdated"] = iso8601(ctx.now())
    collection(ctx).put(user["id"], user)
    return user


def set_status(ctx: Context, user: Record, status: str) -> Record:
    now = iso8601(ctx.now())
    if user.get("status") != status:
        user["status"] = status
        user["statusChanged"] = now
    if status == "ACTIVE" and not user.get("activated"):
        user["activated"] = now
    user.pop("transitioningToStatus", None)
    return save(ctx, user)


def secret_hash(user_id: str, secret: str) -> str:
    # salted by the user's id: enough for a twin that must never keep or return the value itself
    return hashlib.sha256(f"{user_id}:{secret}".encode()).hexdigest()


def credentials(user: Record) -> Record:
    """The credentials object as Okta answers it: the password's presence (never its value), the recovery
    question without its answer, the provider."""
    stored = user.get("credentials") or {}
    shown: Record = {}
    if "password" in stored:
        shown["password"] = {}
    question = stored.get("recovery_question")
    if isinstance(question, dict) and question.get("question"):
        shown["recovery_question"] = {"question": question["question"]}
    if stored.get("emails"):
        shown["emails"] = stored["emails"]
    shown["provider"] = stored.get("provider") or {"type": "OKTA", "name": "OKTA"}
    return shown


# the links okta-response=omitCredentialsLinks leaves out (the listUsers Content-Type parameter)
_CREDENTIAL_LINKS = (
    "changePassword",
    "changeRecoveryQuestion",
    "forgotPassword",
    "resetPassword",
    "resetFactors",
    "unlock",
)


def response_options(ctx: Context) -> set[str]:
    """The ``okta-response`` options of the request's Content-Type (omitCredentials, omitCredentialsLinks,
    omitTransitioningToStatus)."""
    found = re.search(r"okta-response=([^;]*)", ctx.headers.get("content-type", ""))
    return {o.strip() for o in found.group(1).strip('"').split(",")} if found else set()


def render(ctx: Context, user: Record, *, listed: bool = False) -> Record:
    """The user as Okta answers it; in a list only the ``self`` link (the recorded list answers)."""
    options = response_options(ctx)
    shown = {k: v for k, v in user.items() if not k.startswith("_")}
    if "omitCredentials" in options:
        shown.pop("credentials", None)
    else:
        shown["credentials"] = credentials(user)
    path = f"/api/v1/users/{user['id']}"
    if listed:
        shown["_links"] = {"self": {"href": href(ctx, path)}}
        return shown
    type_id = (user.get("type") or {}).get("id") or default_type(ctx)["id"]
    links: Record = {"schema": {"href": href(ctx, f"/api/v1/meta/schemas/user/{schema_id(ctx, type_id)}")}}
    for action in _ACTIONS.get(str(user.get("status")), ()):
        if action == "changePassword" and "password" not in (user.get("credentials") or {}):
            continue
        if "omitCredentialsLinks" in options and action in _CREDENTIAL_LINKS:
            continue
        links[action] = {"href": href(ctx, f"{path}/{_ACTION_PATHS[action]}"), "method": "POST"}
    links["self"] = {"href": href(ctx, path)}
    links["type"] = {"href": href(ctx, f"/api/v1/meta/types/user/{type_id}")}
    shown["_links"] = links
    return shown


def schema_id(ctx: Context, type_id: str) -> str:
    kind = ctx.state.collection("user_types").get(type_id) or {}
    schema = str((kind.get("_links") or {}).get("schema", {}).get("href", "")).rsplit("/", 1)[-1]
    return schema or str(default_type(ctx).get("schemaId") or "default")


def target(user: Record) -> dict[str, Any]:
    """The user as a System Log target."""
    profile = user.get("profile") or {}
    login = str(profile.get("login") or user["id"])
    name = f"{profile.get('firstName') or ''} {profile.get('lastName') or ''}".strip() or login
    return _log.target("User", user["id"], login, name)


def log(ctx: Context, event_type: str, user: Record, message: str = "") -> None:
    _log.record(ctx, event_type, [target(user)], message=message)
