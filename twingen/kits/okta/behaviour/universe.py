"""Provisioning to the other twins of a universe (``twingen universe``): Okta pushes an app's users over SCIM 2.0.

On a real org an admin turns on provisioning for an app (its SCIM base URL and bearer token under the app's
Provisioning tab, https://help.okta.com/en-us/content/topics/apps/apps_app_integration_wizard_scim.htm); no
management API call does that, so the universe registers each app's target here:
``POST /_twin/universe/targets {"tenant"?, "appId", "scimBaseUrl", "token", "userNameFormat"?}``
(``GET`` lists them). Okta's Google Workspace app provisions through Google's Directory API instead: such a target
has ``"protocol": "google-directory"``, ``directoryBaseUrl``, ``token``, ``customer`` and ``domain``
(``universe_gdirectory.py`` says what it sends; unassigning or deactivating suspends the Google account).
From then on, as Okta does (https://developer.okta.com/docs/api/openapi/okta-scim/guides/):

- assigning a user to the app pushes them: ``GET /Users?filter=userName eq "..."`` and then ``POST /Users``, or a
  ``PATCH`` setting ``active: true`` for one the app already has; the app user gets the downstream ``externalId``;
- a change of the Okta user's profile ``PUT``s the whole user to each app that has them active;
- unassigning them, or deactivating the Okta user, ``PATCH``es ``active: false``.

Each push is in the System Log (``application.provision.user.push`` / ``.push_profile`` / ``.deactivate`` /
``.reactivate``, from https://developer.okta.com/docs/reference/api/event-types/), failed ones with outcome
FAILURE and the app user's ``syncState`` ERROR (the assignment itself stands, as in Okta). Targets must be on
loopback: a twin never reaches beyond the machine.
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context
from ..runtime.behaviour import control
from . import _log, universe_gdirectory, universe_scim
from ._errors import okta_error

Record = dict[str, Any]
TARGETS = "universe_targets"
"""Provisioning targets by app id."""
LINKS = "universe_links"
"""The downstream user of each pushed assignment, keyed ``appId/userId``: ``{"scimId", "active"}``."""
APP_USERS = "app_users"
FORMATS = ("email", "email_prefix", "login")
"""Okta's "Application username format" choices the twin supports: Email, Email prefix, Okta username."""
PROTOCOLS = ("scim", universe_gdirectory.PROTOCOL)
"""How Okta provisions the app: SCIM 2.0, or Google's Directory API (Okta's Google Workspace app)."""


def _client(target: Record) -> Any:
    """The module that talks to the target (both offer ``provision``, ``replace``, ``deactivate``)."""
    return universe_gdirectory if target.get("protocol") == universe_gdirectory.PROTOCOL else universe_scim


@control("universe/targets", method="POST")
def register_target(ctx: Context) -> Record:
    body = ctx.body if isinstance(ctx.body, dict) else {}
    app_id, token = str(body.get("appId") or ""), str(body.get("token") or "")
    protocol = str(body.get("protocol") or "scim")
    user_name = str(body.get("userNameFormat") or "email")
    if ctx.state.collection("apps").get(app_id) is None:
        raise okta_error("E0000007", f"Not found: Resource not found: {app_id} (AppInstance)")
    if protocol not in PROTOCOLS:
        raise okta_error("E0000001", "Api validation failed: protocol (scim, google-directory)")
    url_field = "directoryBaseUrl" if protocol == universe_gdirectory.PROTOCOL else "scimBaseUrl"
    url = str(body.get(url_field) or "")
    if not universe_scim.is_loopback_url(url):
        raise okta_error("E0000001", f"Api validation failed: {url_field} must be a loopback http(s) URL")
    if not token or user_name not in FORMATS:
        raise okta_error("E0000001", "Api validation failed: token and userNameFormat (email, email_prefix, login)")
    target = {"appId": app_id, url_field: url.rstrip("/"), "token": token, "userNameFormat": user_name}
    if protocol == universe_gdirectory.PROTOCOL:
        domain = str(body.get("domain") or "").strip().lower()
        if not domain or "@" in domain:
            raise okta_error("E0000001", "Api validation failed: domain (the Google Workspace domain)")
        customer = str(body.get("customer") or "my_customer")
        target = {"appId": app_id, "protocol": protocol, **target, "customer": customer, "domain": domain}
    ctx.state.collection(TARGETS).put(app_id, target)
    return target


@control("universe/targets", method="GET")
def list_targets(ctx: Context) -> Record:
    return {"targets": list(ctx.state.collection(TARGETS).values())}


def _user(ctx: Context, user_id: str) -> Record | None:
    return ctx.state.collection("users").get(user_id)


def _user_name(user: Record, how: str) -> str:
    profile = user.get("profile") or {}
    email, login = str(profile.get("email") or ""), str(profile.get("login") or "")
    if how == "email_prefix":
        return email.split("@", 1)[0].lower()
    return login if how == "login" else email


def _logged(ctx: Context, event: str, app_id: str, user: Record, outcome: str, reason: str | None) -> None:
    app = ctx.state.collection("apps").get(app_id) or {}
    login = str((user.get("profile") or {}).get("login") or user["id"])
    label = str(app.get("label") or app_id)
    targets = [
        _log.target("AppInstance", app_id, str(app.get("name") or label), label),
        _log.target("User", user["id"], login, login),
    ]
    _log.record(
        ctx, event, targets, outcome=outcome, reason=reason, severity="INFO" if outcome == "SUCCESS" else "WARN"
    )


def _sync_state(ctx: Context, app_id: str, user_id: str, state: str, external_id: str | None = None) -> None:
    key = f"{app_id}/{user_id}"
    record = ctx.state.collection(APP_USERS).get(key)
    if record is None:
        return
    record["syncState"] = state
    if external_id is not None:
        record["externalId"] = external_id
    ctx.state.collection(APP_USERS).put(key, record)


def _link(target: Record, downstream_id: str, user_name: str) -> Record:
    """What Okta remembers of a pushed user: the app's id, and for Google the primary email (group members are
    added by email)."""
    link: Record = {"scimId": downstream_id, "active": True}
    if target.get("protocol") == universe_gdirectory.PROTOCOL:
        link["email"] = universe_gdirectory.primary_email(target, user_name)
    return link


def push(ctx: Context, target: Record, user: Record) -> None:
    """Create the user downstream (or reactivate the one the app has) and remember who they are there."""
    app_id = target["appId"]
    link = ctx.state.collection(LINKS).get(f"{app_id}/{user['id']}")
    event = "application.provision.user.reactivate" if link else "application.provision.user.push"
    user_name = _user_name(user, target["userNameFormat"])
    try:
        scim_id = _client(target).provision(target, user_name, user, link["scimId"] if link else None)
    except universe_scim.PushFailed as failure:
        _sync_state(ctx, app_id, user["id"], "ERROR")
        _logged(ctx, event, app_id, user, "FAILURE", str(failure))
        return
    ctx.state.collection(LINKS).put(f"{app_id}/{user['id']}", _link(target, scim_id, user_name))
    _sync_state(ctx, app_id, user["id"], "SYNCHRONIZED", scim_id)
    _logged(ctx, event, app_id, user, "SUCCESS", None)


def deactivate(ctx: Context, target: Record, user: Record) -> None:
    app_id = target["appId"]
    key = f"{app_id}/{user['id']}"
    link = ctx.state.collection(LINKS).get(key)
    if link is None or not link.get("active"):
        return
    try:
        _client(target).deactivate(target, link["scimId"])
    except universe_scim.PushFailed as failure:
        _logged(ctx, "application.provision.user.deactivate", app_id, user, "FAILURE", str(failure))
        return
    ctx.state.collection(LINKS).put(key, {**link, "active": False})
    _logged(ctx, "application.provision.user.deactivate", app_id, user, "SUCCESS", None)


def push_profile(ctx: Context, target: Record, user: Record) -> None:
    """The user's changed profile, to an app that has them active."""
    app_id = target["appId"]
    link = ctx.state.collection(LINKS).get(f"{app_id}/{user['id']}")
    if link is None or not link.get("active"):
        return
    event = "application.provision.user.push_profile"
    user_name = _user_name(user, target["userNameFormat"])
    try:
        _client(target).replace(target, link["scimId"], user_name, user)
    except universe_scim.PushFailed as failure:
        _sync_state(ctx, app_id, user["id"], "ERROR")
        _logged(ctx, event, app_id, user, "FAILURE", str(failure))
        return
    ctx.state.collection(LINKS).put(f"{app_id}/{user['id']}", _link(target, link["scimId"], user_name))
    _sync_state(ctx, app_id, user["id"], "SYNCHRONIZED")
    _logged(ctx, event, app_id, user, "SUCCESS", None)


def _targets_of(event: Record) -> tuple[str, str]:
    app_id = user_id = ""
    for target in event.get("target") or ():
        if target.get("type") == "AppInstance":
            app_id = str(target.get("id") or "")
        elif target.get("type") == "User":
            user_id = str(target.get("id") or "")
    return app_id, user_id


def on_event(ctx: Context, event: Record) -> None:
    """What a recorded change means for the apps Okta provisions."""
    kind = event.get("eventType")
    if kind not in (
        "application.user_membership.add",
        "application.user_membership.remove",
        "user.lifecycle.deactivate",
        "user.account.update_profile",
    ) or not len(ctx.state.collection(TARGETS)):
        return
    app_id, user_id = _targets_of(event)
    user = _user(ctx, user_id)
    if user is None:
        return
    if kind in ("user.lifecycle.deactivate", "user.account.update_profile"):
        then = deactivate if kind == "user.lifecycle.deactivate" else push_profile
        for each in ctx.state.collection(TARGETS).values():
            then(ctx, each, user)
        return
    target = ctx.state.collection(TARGETS).get(app_id)
    if target is None:
        return
    if kind == "application.user_membership.add":
        push(ctx, target, user)
    else:
        deactivate(ctx, target, user)


if on_event not in _log.LISTENERS:
    _log.LISTENERS.append(on_event)
