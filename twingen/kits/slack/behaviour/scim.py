"""The SCIM API, v1.1 at ``/scim/v1/`` and v2.0 at ``/scim/v2/``: Users, and what the service supports.

Users are the workspace's people (``_scim_model``): one made here is a Slack user at once (``users.info``,
``users.lookupByEmail``); ``active: false`` (PATCH, PUT) or DELETE deactivates them: ``deleted: true``, their
sessions ended (``admin.users.session.list`` no longer shows them) and every token they hold revoked
(docs.slack.dev/admins/scim-api: "Deactivating a user ... signs them out of all sessions"). Groups: ``scim_groups``.
Answers: 201 on create, 200 with the user on read, PUT and PATCH; DELETE answers 200 in v1.1 and 204 in v2.0
(docs.slack.dev/reference/scim-api, each version's DELETE /Users/<id>).
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response, behaviour
from . import _audit, _ids, _platform_tokens, _scim_patch
from ._audit_errors import answer
from ._scim_common import body, has_body, listing, parsed_filter, resource_id, served
from ._scim_config import resource_types, schemas, service_provider_config
from ._scim_errors import ScimRefusal
from ._scim_model import USER_NAME, apply_user, is_person, primary_email, user_resource
from .admin_sessions import end_session
from .seed import _user as new_user_record

Record = dict[str, Any]
USERS = "/scim/{version}/Users"
ONE_USER = "/scim/{version}/Users/{user_id}"

_USER_FILTERS = {
    "username": lambda u: [u.get("name", "")],
    "email": lambda u: [(u.get("profile") or {}).get("email", "")],
    "emails": lambda u: [(u.get("profile") or {}).get("email", "")],
    "emails.value": lambda u: [(u.get("profile") or {}).get("email", "")],
    "id": lambda u: [u.get("id", "")],
    "externalid": lambda u: [(u.get("_scim") or {}).get("externalId", "")],
}


def _person(ctx: Context) -> Record:
    found = ctx.state.collection("users").get(resource_id(ctx))
    if found is None or not is_person(found):
        raise ScimRefusal("user_not_found")
    return found


def _check(ctx: Context, wanted: Record, current: str = "") -> None:
    """The rules a created or replaced user must meet; uniqueness against everyone else in the org."""
    name = str(wanted.get("userName") or "").strip().lower()
    if not name:
        raise ScimRefusal("missing_user_name")
    if not USER_NAME.fullmatch(name):
        raise ScimRefusal("invalid_user_name")
    email = primary_email(wanted)
    if not email:
        raise ScimRefusal("missing_email")
    if "@" not in email[1:-1]:
        raise ScimRefusal("bad_email_address")
    for other in ctx.state.collection("users").values():
        if other["id"] == current:
            continue
        if other.get("name") == name:
            raise ScimRefusal("username_taken")
        if str((other.get("profile") or {}).get("email", "")).lower() == email.lower():
            raise ScimRefusal("email_taken")


def _save(ctx: Context, before: Record, after: Record) -> None:
    """Store a changed user; a change of ``active`` is a deactivation or a reactivation, with what follows."""
    if after.get("deleted") and not before.get("deleted"):
        if after.get("is_primary_owner"):
            raise ScimRefusal("cannot_disable_primary_owner")
        _sign_out(ctx, after)
        _audit.record(ctx, "user_deactivated", _audit.user_entity(after))
    elif before.get("deleted") and not after.get("deleted"):
        _audit.record(ctx, "user_reactivated", _audit.user_entity(after))
    after["updated"] = int(ctx.now())
    ctx.state.collection("users").put(after["id"], after)


def _sign_out(ctx: Context, user: Record) -> None:
    """End the user's sessions and revoke every token they hold (seeded ones are marked, minted ones dropped)."""
    for team_id in user.get("_workspaces") or [user.get("team_id", "")]:
        end_session(ctx, user["id"], team_id)
    for credential in ctx.credentials():
        if credential.scheme == "bearer" and credential.principal.get("user_id") == user["id"]:
            _platform_tokens.revoke(ctx, credential.token)


@behaviour("scim.users", method="GET", path=USERS, auth=False)
@served
def scim_users(ctx: Context, version: str) -> Response:
    """GET lists, POST creates: one handler, as the Slack runtime routes GET and POST of a path to one operation
    (every Web API method takes both); a request with a body is a create (a list never has one)."""
    return scim_users_create(ctx, version) if has_body(ctx) else scim_users_list(ctx, version)


def scim_users_list(ctx: Context, version: str) -> Response:
    """People of the org in id order, ``filter``ed and paged."""
    keep = parsed_filter(ctx, _USER_FILTERS)
    found = [u for u in ctx.state.collection("users").values() if is_person(u) and keep(u)]
    return listing(ctx, version, [user_resource(ctx, version, u) for u in found])


@behaviour("scim.users.read", method="GET", path=ONE_USER, auth=False)
@served
def scim_users_read(ctx: Context, version: str) -> Response:
    return answer(user_resource(ctx, version, _person(ctx)))


def scim_users_create(ctx: Context, version: str) -> Response:
    """A new member of the org's workspace, with a Grid user id (``W...``)."""
    wanted = body(ctx)
    _check(ctx, wanted)
    team = ctx.state.collection("team").get("team") or {}
    user_id = _ids.new_id(ctx.state, "W")
    handle = str(wanted["userName"]).strip().lower()
    user = new_user_record(team.get("id", ""), user_id, handle, handle, int(ctx.now()))
    apply_user(user, {"active": True, **wanted}, replace=True)
    ctx.state.collection("users").put(user_id, user)
    _audit.record(ctx, "user_created", _audit.user_entity(user))
    return answer(user_resource(ctx, version, user), 201)


@behaviour("scim.users.replace", method="PUT", path=ONE_USER, auth=False)
@served
def scim_users_replace(ctx: Context, version: str) -> Response:
    """Every attribute as given; those left out are cleared (``active`` stays unless given)."""
    user = _person(ctx)
    wanted = body(ctx)
    _check(ctx, wanted, user["id"])
    before = {"deleted": user.get("deleted")}
    apply_user(user, wanted, replace=True)
    _save(ctx, before, user)
    return answer(user_resource(ctx, version, user))


@behaviour("scim.users.patch", method="PATCH", path=ONE_USER, auth=False)
@served
def scim_users_patch(ctx: Context, version: str) -> Response:
    """v1.1: a partial user (``meta.attributes`` names the ones to clear); v2.0: ``Operations``."""
    user = _person(ctx)
    changes = _scim_patch.user_changes(body(ctx), version)
    merged = {**user_resource(ctx, version, user), **changes}
    _check(ctx, merged, user["id"])
    before = {"deleted": user.get("deleted")}
    apply_user(user, changes, replace=False)
    _save(ctx, before, user)
    return answer(user_resource(ctx, version, user))


@behaviour("scim.users.delete", method="DELETE", path=ONE_USER, auth=False)
@served
def scim_users_delete(ctx: Context, version: str) -> Response:
    """Deactivate (Slack never deletes a person); v1.1 answers 200, v2.0 204."""
    user = _person(ctx)
    before = {"deleted": user.get("deleted")}
    user["deleted"] = True
    _save(ctx, before, user)
    return Response(204) if version == "v2" else answer({})


@behaviour("scim.serviceProviderConfigs", method="GET", path="/scim/{version}/ServiceProviderConfigs", auth=False)
@behaviour("scim.serviceProviderConfig", method="GET", path="/scim/{version}/ServiceProviderConfig", auth=False)
@served
def scim_service_provider_config(ctx: Context, version: str) -> Response:
    """v1.1 names it ``ServiceProviderConfigs``, v2.0 ``ServiceProviderConfig``; each only under its own version."""
    plural = ctx.path.split("?", 1)[0].rstrip("/").endswith("Configs")
    if plural != (version == "v1"):
        raise ScimRefusal("not_found")
    return answer(service_provider_config(version))


@behaviour("scim.schemas", method="GET", path="/scim/{version}/Schemas", auth=False)
@behaviour("scim.schemas.read", method="GET", path="/scim/{version}/Schemas/{kind}", auth=False)
@served
def scim_schemas(ctx: Context, version: str) -> Response:
    """``Schemas/Users`` and ``Schemas/Groups`` (both versions); the list of both (v2.0)."""
    kind = resource_id(ctx) if ctx.path.split("?", 1)[0].strip("/").count("/") >= 3 else ""
    found = schemas(version, kind)
    if found is None:
        raise ScimRefusal("not_found")
    return answer(found)


@behaviour("scim.resourceTypes", method="GET", path="/scim/{version}/ResourceTypes", auth=False)
@served
def scim_resource_types(ctx: Context, version: str) -> Response:
    if version != "v2":
        raise ScimRefusal("not_found")
    return answer(resource_types())
