"""Org-wide settings kept as one record each: the Okta Admin Console's session limits (first-party app settings),
Okta Personal's settings, and the Admin Console's entitlement-management opt-in.

What Okta documents:
- first-party app settings exist for ``admin-console`` only (another app name is 404); idle timeout 5-720 minutes
  (default 15), maximum lifetime 5-10080 (default 720); PUT answers the settings
  (https://developer.okta.com/docs/api/openapi/okta-management/management/tag/FirstPartyAppSettings/);
- Okta Personal: the export block list ``{"domains": [...]}`` and the admin feature switches
  (``enableExportApps``, ``enableEnduserEntryPoints``); both PUTs answer 204
  (https://developer.okta.com/docs/api/openapi/okta-management/management/tag/OktaPersonalSettings/);
- governance opt-in: a new org is ``OPTED_OUT``; opting in answers ``OPTING_IN`` and the org is ``OPTED_IN`` once
  Okta has done it (the twin does it at once), likewise out; answers carry ``_links.optInStatus``
  (https://developer.okta.com/docs/api/openapi/okta-management/management/tag/GovernanceBundle/).
No System Log event is written: the event types for these changes are not in Okta's event-type catalogue we read.
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response, behaviour
from . import _store
from ._errors import not_found, validation_failed
from ._links import href

SETTINGS = "org_console_settings"
_CONSOLE = {"sessionIdleTimeoutMinutes": (15, 5, 720), "sessionMaxLifetimeMinutes": (720, 5, 10080)}


def _get(ctx: Context, key: str, default: dict[str, Any]) -> dict[str, Any]:
    return dict(ctx.state.collection(SETTINGS).get(key) or default)


def _console(ctx: Context) -> str:
    name = str(ctx.params.get("appName") or "")
    if name != "admin-console":
        raise not_found(name, "FirstPartyApp")
    return name


@behaviour("getFirstPartyAppSettings")
def get_first_party(ctx: Context) -> Any:
    return _get(ctx, _console(ctx), {k: v[0] for k, v in _CONSOLE.items()})


@behaviour("replaceFirstPartyAppSettings")
def replace_first_party(ctx: Context) -> Any:
    name = _console(ctx)
    body = _store.body_object(ctx)
    settings = {}
    for field, (default, low, high) in _CONSOLE.items():
        value = body.get(field, default)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise validation_failed(field, f"The value must be a whole number of minutes from {low} to {high}")
        settings[field] = value
    if settings["sessionIdleTimeoutMinutes"] > settings["sessionMaxLifetimeMinutes"]:
        raise validation_failed("sessionIdleTimeoutMinutes", "The idle timeout cannot exceed the maximum lifetime")
    ctx.state.collection(SETTINGS).put(name, settings)
    return settings


@behaviour("listPersonalAppsExportBlockList")
def list_block_list(ctx: Context) -> Any:
    return _get(ctx, "personal_block_list", {"domains": []})


@behaviour("replaceBlockedEmailDomains")
def replace_block_list(ctx: Context) -> Response:
    domains = _store.body_object(ctx).get("domains")
    if not isinstance(domains, list) or not all(isinstance(d, str) and "." in d for d in domains):
        raise validation_failed("domains", "The field must be a list of email domains")
    ctx.state.collection(SETTINGS).put("personal_block_list", {"domains": list(dict.fromkeys(domains))})
    return Response(204, None)


@behaviour("replaceOktaPersonalAdminSettings")
def replace_personal_settings(ctx: Context) -> Response:
    body = _store.body_object(ctx)
    settings = _get(ctx, "personal_admin", {"enableExportApps": False, "enableEnduserEntryPoints": False})
    for field in ("enableExportApps", "enableEnduserEntryPoints"):
        if field in body:
            if not isinstance(body[field], bool):
                raise validation_failed(field, "The field must be true or false")
            settings[field] = body[field]
    ctx.state.collection(SETTINGS).put("personal_admin", settings)
    return Response(204, None)


def _opt_in(ctx: Context, status: str) -> dict[str, Any]:
    return {"optInStatus": status, "_links": {"optInStatus": {"href": href(ctx, "/api/v1/iam/governance/optIn")}}}


@behaviour("getOptInStatus")
def get_opt_in_status(ctx: Context) -> Any:
    return _opt_in(ctx, _get(ctx, "governance", {"status": "OPTED_OUT"})["status"])


def _switch(ctx: Context, moving: str, done: str) -> Any:
    ctx.state.collection(SETTINGS).put("governance", {"status": done})
    return _opt_in(ctx, moving)


@behaviour("optIn")
def opt_in(ctx: Context) -> Any:
    return _switch(ctx, "OPTING_IN", "OPTED_IN")


@behaviour("optOut")
def opt_out(ctx: Context) -> Any:
    return _switch(ctx, "OPTING_OUT", "OPTED_OUT")
