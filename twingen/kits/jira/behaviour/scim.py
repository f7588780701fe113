"""Atlassian's user provisioning SCIM 2.0 API, ``/scim/directory/{directoryId}/Users``, over the site's users.

An identity provider (Okta, Entra ID) pushes people here; each SCIM user is an Atlassian account, so a user made
here is a Jira user at once (``user/search`` finds them) and ``active: false`` (PATCH or PUT) or ``DELETE``
deactivates the account: Jira shows them ``active: false`` (https://developer.atlassian.com/cloud/admin/
user-provisioning/rest/api-group-users/ : "Deactivate a user ... the user won't be able to log in"). Users are
listed in creation order, filtered by one ``ATTRIBUTE eq "VALUE"`` (``userName``, ``emails.value``,
``externalId``), paged by ``startIndex``/``count``. Each directory has its own API key (bearer): on a real
organisation an admin makes both in admin.atlassian.com, so the twin makes them with
``POST /_twin/jira/scim/directories`` (``scim_users`` holds the rest).
"""

from __future__ import annotations

import hmac
from typing import Any

from ..runtime import Context, Response, behaviour
from ..runtime.behaviour import control
from . import scim_users

Record = dict[str, Any]
DIRECTORIES = "scim_directories"
USERS = "/scim/directory/{directoryId}/Users"
ONE = "/scim/directory/{directoryId}/Users/{userId}"


@control("jira/scim/directories", method="POST")
def make_directory(ctx: Context) -> Record:
    """A directory and its API key (the admin console step); ``{"tenant"?, "name"?}``."""
    body = ctx.body if isinstance(ctx.body, dict) else {}
    directory_id = scim_users.uuid(ctx)
    found = {
        "directoryId": directory_id,
        "name": str(body.get("name") or "Identity provider"),
        "token": ctx.new_id("", 48, "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"),
    }
    ctx.state.collection(DIRECTORIES).put(directory_id, found)
    # a tenant's directory is reached with ``?twin_tenant=`` (the SCIM routes answer without a twin credential)
    return {**found, "scimBaseUrl": ctx.for_tenant(f"/scim/directory/{directory_id}")}


def path_parts(ctx: Context) -> list[str]:
    return ctx.path.split("?", 1)[0].strip("/").split("/")


def _authorised(ctx: Context) -> Response | None:
    parts = path_parts(ctx)
    directory = ctx.state.collection(DIRECTORIES).get(parts[2] if len(parts) > 2 else "")
    header = ctx.headers.get("authorization", "")
    token = header[7:].strip() if header[:7].lower() == "bearer " else ""
    if directory is None or not token or not hmac.compare_digest(token, directory["token"]):
        # one answer for an unknown directory and a wrong key, so neither can be probed
        return scim_users.refusal(401, "Unauthorized")
    return None


def served(fn: Any) -> Any:
    def run(ctx: Context) -> Response:
        refused = _authorised(ctx)
        if refused is not None:
            return refused
        try:
            return fn(ctx)  # type: ignore[no-any-return]
        except scim_users.Refused as error:
            return scim_users.refusal(error.status, error.detail)

    run.__name__ = run.__qualname__ = fn.__name__
    run.__doc__ = fn.__doc__
    return run


@behaviour("scim.users.list", method="GET", path=USERS, auth=False)
@served
def scim_users_list(ctx: Context) -> Response:
    return scim_users.listing(ctx)


@behaviour("scim.users.create", method="POST", path=USERS, auth=False)
@served
def scim_users_create(ctx: Context) -> Response:
    return scim_users.create(ctx)


@behaviour("scim.users.read", method="GET", path=ONE, auth=False)
@served
def scim_users_read(ctx: Context) -> Response:
    return scim_users.show(ctx, scim_users.find(ctx, path_parts(ctx)[4]))


@behaviour("scim.users.replace", method="PUT", path=ONE, auth=False)
@served
def scim_users_replace(ctx: Context) -> Response:
    return scim_users.replace(ctx, scim_users.find(ctx, path_parts(ctx)[4]))


@behaviour("scim.users.patch", method="PATCH", path=ONE, auth=False)
@served
def scim_users_patch(ctx: Context) -> Response:
    return scim_users.patch(ctx, scim_users.find(ctx, path_parts(ctx)[4]))


@behaviour("scim.users.delete", method="DELETE", path=ONE, auth=False)
@served
def scim_users_delete(ctx: Context) -> Response:
    """Deactivates the account (Atlassian keeps it, inactive); 204."""
    user = scim_users.find(ctx, path_parts(ctx)[4])
    scim_users.set_active(ctx, user, False)
    return Response(204)
