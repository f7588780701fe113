"""The org's smaller switches and its public metadata: the third-party admin setting, auto-assigning the Admin
Console to new admins, the default super admin role for new public client apps, and ``/.well-known/okta-organization``
(the org's id and pipeline, read without a credential).

A new org: no third-party admins, the Admin Console auto-assigned, new public clients not made super admins
(Okta's documented defaults). Each setting is a boolean; anything else is Okta's 400. Sources:
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/OrgSettingAdmin/ and
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/OrgSettingMetadata/
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, behaviour
from . import _log, _store
from ._errors import validation_failed
from ._links import href
from ._seed_org import COLLECTION

# field -> its value in a new org
SWITCHES = {"thirdPartyAdmin": False, "autoAssignAdminAppSetting": True, "clientPrivilegesSetting": False}


def _value(ctx: Context, field: str) -> bool:
    stored = ctx.state.collection(COLLECTION).get("switches") or {}
    return bool(stored.get(field, SWITCHES[field]))


def _set(ctx: Context, field: str) -> dict[str, Any]:
    value = _store.body_object(ctx).get(field)
    if not isinstance(value, bool):
        raise validation_failed(field, f"Invalid value '{value}'")
    stored = ctx.state.collection(COLLECTION).get("switches") or {}
    stored[field] = value
    ctx.state.collection(COLLECTION).put("switches", stored)
    _log.record(ctx, "system.org.update", [_log.target("OrgSetting", field, field, str(value).lower())])
    return {field: value}


@behaviour("getThirdPartyAdminSetting")
def get_third_party_admin_setting(ctx: Context) -> Any:
    return {"thirdPartyAdmin": _value(ctx, "thirdPartyAdmin")}


@behaviour("updateThirdPartyAdminSetting")
def update_third_party_admin_setting(ctx: Context) -> Any:
    return _set(ctx, "thirdPartyAdmin")


@behaviour("getAutoAssignAdminAppSetting")
def get_auto_assign_admin_app_setting(ctx: Context) -> Any:
    return {"autoAssignAdminAppSetting": _value(ctx, "autoAssignAdminAppSetting")}


@behaviour("updateAutoAssignAdminAppSetting")
def update_auto_assign_admin_app_setting(ctx: Context) -> Any:
    return _set(ctx, "autoAssignAdminAppSetting")


@behaviour("getClientPrivilegesSetting")
def get_client_privileges_setting(ctx: Context) -> Any:
    return {"clientPrivilegesSetting": _value(ctx, "clientPrivilegesSetting")}


@behaviour("assignClientPrivilegesSetting")
def assign_client_privileges_setting(ctx: Context) -> Any:
    return _set(ctx, "clientPrivilegesSetting")


@behaviour("getWellknownOrgMetadata")
def get_wellknown_org_metadata(ctx: Context) -> Any:
    org = ctx.state.collection(COLLECTION).get("settings") or {}
    # "idx": an Identity Engine org (the pipeline the twin's authenticators and policies model)
    return {"id": org.get("id"), "pipeline": "idx", "_links": {"organization": {"href": href(ctx, "")}}}
