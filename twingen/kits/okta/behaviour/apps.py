"""Okta applications: create (by ``signOnMode`` or OIN ``name``; ``activate=false`` leaves it INACTIVE), read,
list (``q``, ``filter``, ``expand``), replace, activate/deactivate (answer ``{}``), delete (only INACTIVE:
E0000056). Changes are logged as application.lifecycle.*.
Source: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Application/
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..runtime import Context, Response, VendorError, arguments, behaviour
from ..runtime.clock import iso8601
from . import _paging
from ._apps_model import (
    APPS,
    CUSTOM_NAMES,
    KEYS,
    MODES,
    OIN_MODES,
    SECRETS,
    built,
    custom_name,
    find_app,
    logged,
    render_app,
    save_app,
    secret_record,
)
from ._apps_shape import APP, well_formed
from ._errors import cause, okta_error, validation_failed
from ._search import SearchError, invalid, parse
from ._store import body_object, new_id
from .app_assignments import APP_GROUPS, APP_USERS, app_user

Record = dict[str, Any]
_FILTERED = {"status", "name", "id", "signOnMode", "user.id", "group.id", "credentials.signing.kid"}


def _mode_and_name(ctx: Context, given: Record) -> tuple[str, str]:
    name = given.get("name")
    mode = given.get("signOnMode")
    if isinstance(name, str) and name in OIN_MODES:
        mode = mode or OIN_MODES[name]
    if mode not in MODES:
        raise okta_error(
            "E0000001",
            "Api validation failed: signOnMode",
            causes=[cause("signOnMode", "The field cannot be left blank or is not a valid sign-on mode.")],
        )
    if not isinstance(name, str) or not name:
        name = CUSTOM_NAMES.get(mode) or custom_name(ctx, str(given.get("label") or ""))
    return mode, name


# what each template needs in settings.app, and the other settings a mode needs (the required properties of
# BookmarkApplicationSettingsApplication, BasicApplicationSettingsApplication, SwaApplicationSettingsApplication,
# SecurePasswordStoreApplicationSettingsApplication, WsFederationApplicationSettingsApplication,
# Org2OrgApplicationSettingsApplication, AutoLoginApplicationSettingsSignOn, OpenIdConnectApplicationSettingsClient)
_TEMPLATE_FIELDS = {
    "bookmark": ("url",),
    "template_basic_auth": ("authURL", "url"),
    "template_swa": ("buttonField", "passwordField", "usernameField", "url"),
    "template_sps": ("passwordField", "url", "usernameField"),
    "template_wsfed": (
        "audienceRestriction",
        "groupValueFormat",
        "wReplyURL",
        "nameIDFormat",
        "authnContextClassRef",
        "siteURL",
        "usernameAttribute",
    ),
    "okta_org2org": ("baseUrl",),
}
_MODE_FIELDS = {"AUTO_LOGIN": ("signOn", "loginUrl"), "OPENID_CONNECT": ("oauthClient", "grant_types")}


def _checked(given: Record, mode: str, name: str) -> None:
    """The label, and the settings the app's template or sign-on mode cannot do without."""
    label = given.get("label")
    if not isinstance(label, str) or not label.strip():
        raise validation_failed("label", "The field cannot be left blank.")
    settings = given.get("settings") or {}
    for field in _TEMPLATE_FIELDS.get(name, ()):
        if (settings.get("app") or {}).get(field) in (None, "", []):
            raise validation_failed(field, "The field cannot be left blank.")
    if mode in _MODE_FIELDS:
        part, field = _MODE_FIELDS[mode]
        if (settings.get(part) or {}).get(field) in (None, "", []):
            raise validation_failed(field, "The field cannot be left blank.")


@behaviour("createApplication")
def create_application(ctx: Context) -> Record:
    given = body_object(ctx)
    well_formed(given, APP)
    mode, name = _mode_and_name(ctx, given)
    _checked(given, mode, name)
    active = (arguments.text(ctx.params, "activate") or "true").lower() != "false"
    now = iso8601(ctx.now())
    app = built(ctx, given, new_id(ctx, "0oa"), mode, name, "ACTIVE" if active else "INACTIVE", now)
    save_app(ctx, app)
    secret = (app["credentials"].get("oauthClient") or {}).get("client_secret")
    if secret:
        record = secret_record(ctx, secret, now)
        ctx.state.collection(SECRETS).put(f"{app['id']}/{record['id']}", record)
    logged(ctx, "application.lifecycle.create", app)
    if active:
        logged(ctx, "application.lifecycle.activate", app)
    return render_app(ctx, app)


@behaviour("getApplication")
def get_application(ctx: Context) -> Record:
    return render_app(ctx, find_app(ctx))


@behaviour("replaceApplication")
def replace_application(ctx: Context) -> Record:
    app = find_app(ctx)
    given = body_object(ctx)
    well_formed(given, APP)
    _checked({**given, "settings": given.get("settings") or app.get("settings")}, app["signOnMode"], app["name"])
    fresh = built(
        ctx,
        {**given, "credentials": _kept_credentials(app, given)},
        app["id"],
        app["signOnMode"],
        app["name"],
        app["status"],
        app["created"],
    )
    fresh["lastUpdated"] = iso8601(ctx.now())
    save_app(ctx, fresh)
    logged(ctx, "application.lifecycle.update", fresh)
    return render_app(ctx, fresh)


def _kept_credentials(app: Record, given: Record) -> Record:
    """The OAuth client's id and secret stay what Okta issued unless the admin sends new ones."""
    sent = dict(given.get("credentials") or app.get("credentials") or {})
    issued = (app.get("credentials") or {}).get("oauthClient")
    if issued:
        sent["oauthClient"] = {**issued, **(sent.get("oauthClient") or {})}
    return sent


@behaviour("deleteApplication")
def delete_application(ctx: Context) -> Response:
    app = find_app(ctx)
    if app.get("status") == "ACTIVE":
        raise okta_error(
            "E0000056", "Delete application forbidden.", causes=["The application must be deactivated before deletion."]
        )
    for name in (APP_USERS, APP_GROUPS, KEYS, SECRETS, "app_csrs", "app_jwks"):
        collection = ctx.state.collection(name)
        for key in [k for k, _ in collection.scan() if k.startswith(app["id"] + "/")]:
            collection.delete(key)
    ctx.state.collection(APPS).delete(app["id"])
    logged(ctx, "application.lifecycle.delete", app)
    return Response(204, None)


@behaviour("activateApplication")
def activate_application(ctx: Context) -> Record:
    return _lifecycle(ctx, "ACTIVE", "activate")


@behaviour("deactivateApplication")
def deactivate_application(ctx: Context) -> Record:
    return _lifecycle(ctx, "INACTIVE", "deactivate")


def _lifecycle(ctx: Context, status: str, verb: str) -> Record:
    app = find_app(ctx)
    if app.get("status") != status:
        app["status"] = status
        app["lastUpdated"] = iso8601(ctx.now())
        save_app(ctx, app)
        logged(ctx, f"application.lifecycle.{verb}", app)
    return {}


@behaviour("listApplications")
def list_applications(ctx: Context) -> Response:
    tests: list[Callable[[Record], bool]] = []
    q = (arguments.text(ctx.params, "q") or "").lower()
    if q:
        tests.append(lambda a: str(a.get("label", "")).lower().startswith(q) or str(a.get("name", "")).startswith(q))
    expression = arguments.text(ctx.params, "filter")
    if expression:
        tests.append(_filter(ctx, expression))
    user_id = _expanded_user(ctx)
    if user_id:
        tests.append(lambda a: f"{a['id']}/{user_id}" in ctx.state.collection(APP_USERS))
    apps = ctx.state.collection(APPS)
    try:
        after = _paging.cursor_of(ctx)
    except VendorError:
        after = ""
    if after is not None and after not in apps:
        # apps answer a cursor they never gave out with E0000029 (recorded)
        raise okta_error("E0000029", causes=["Invalid cursor."])
    rows = ((k, a) for k, a in _paging.walk(apps, after) if all(t(a) for t in tests))
    return _paging.served(ctx, rows, lambda a: _listed(ctx, a, user_id), 200, 200)


def _expanded_user(ctx: Context) -> str:
    """``expand=user/{userId}``: the apps assigned to that user, each with its app user embedded; any other
    expand is Okta's 400 "Expand query is malformed." (recorded)."""
    expand = arguments.text(ctx.params, "expand")
    if not expand:
        return ""
    if not re.fullmatch(r"user/[A-Za-z0-9]+", expand):
        raise okta_error("E0000001", "Api validation failed: RequestParams", causes=["Expand query is malformed."])
    return expand.split("/", 1)[1]


def _listed(ctx: Context, app: Record, user_id: str) -> Record:
    shown = render_app(ctx, app)
    if user_id:
        shown["_embedded"] = {"user": app_user(ctx, app, user_id)}
    return shown


def _filter(ctx: Context, expression: str) -> Callable[[Record], bool]:
    """``filter``: status, name, user.id (assigned users), group.id (assigned groups), credentials.signing.kid."""
    try:
        predicate = parse(expression, fields=lambda path: path in _FILTERED, ignore_case=False)
    except SearchError as error:
        raise invalid(error) from None

    def test(app: Record) -> bool:
        prefix = app["id"] + "/"
        users = [k[len(prefix) :] for k, _ in ctx.state.collection(APP_USERS).scan() if k.startswith(prefix)]
        groups = [k[len(prefix) :] for k, _ in ctx.state.collection(APP_GROUPS).scan() if k.startswith(prefix)]
        return predicate({**app, "user": {"id": users}, "group": {"id": groups}})

    return test
