"""Device integrations (device posture providers, Chrome device trust...) and the lookups that only name objects
an admin sets up outside this API: a directory's agent actions and a factor's verification transactions.

What Okta documents:
- a device integration is made when an admin connects a provider in the Admin Console, so a new org has none:
  listed ``[]``, and an id is 404; activate/deactivate move an integration's ``status`` and answer it
  (https://developer.okta.com/docs/api/openapi/okta-management/management/tag/DeviceIntegrations/);
- ``POST /api/v1/directories/{appInstanceId}/groups/modify`` queues an agent action for an Active Directory app
  instance: an id naming no app of the org is 404, an app that is not a directory is 400
  (https://developer.okta.com/docs/api/openapi/okta-management/management/tag/DirectoriesIntegration/);
- a factor transaction is the pending push an end user answers; the management API never opens one here, so a
  transaction id is 404 once its user and factor are known
  (https://developer.okta.com/docs/api/openapi/okta-management/management/tag/UserFactor/).
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, behaviour
from . import _store, _users
from ._errors import not_found, validation_failed
from ._links import href

INTEGRATIONS = "device_integrations"
_DIRECTORIES = ("active_directory",)


def _integration(ctx: Context) -> dict[str, Any]:
    return _store.stored(ctx, INTEGRATIONS, "deviceIntegrationId", "DeviceIntegration")


def _view(ctx: Context, record: dict[str, Any]) -> dict[str, Any]:
    path = f"/api/v1/device-integrations/{record['id']}"
    action = "deactivate" if record.get("status") == "ACTIVE" else "activate"
    return {
        **record,
        "_links": {
            "self": {"href": href(ctx, path), "hints": {"allow": ["GET"]}},
            action: {"href": href(ctx, f"{path}/lifecycle/{action}"), "hints": {"allow": ["POST"]}},
        },
    }


@behaviour("listDeviceIntegrations")
def list_(ctx: Context) -> Any:
    return [_view(ctx, r) for r in ctx.state.collection(INTEGRATIONS).values()]


@behaviour("getDeviceIntegration")
def get(ctx: Context) -> Any:
    return _view(ctx, _integration(ctx))


def _set(ctx: Context, status: str) -> Any:
    record = {**_integration(ctx), "status": status}
    ctx.state.collection(INTEGRATIONS).put(record["id"], record)
    return _view(ctx, record)


@behaviour("activateDeviceIntegration")
def activate(ctx: Context) -> Any:
    return _set(ctx, "ACTIVE")


@behaviour("deactivateDeviceIntegration")
def deactivate(ctx: Context) -> Any:
    return _set(ctx, "INACTIVE")


@behaviour("updateGroupMembership")
def update_ad_group_membership(ctx: Context) -> Any:
    app_id = str(ctx.params.get("appInstanceId") or "")
    app = ctx.state.collection("apps").get(app_id)
    if app is None:
        raise not_found(app_id, "AppInstance")
    if app.get("name") not in _DIRECTORIES:
        raise validation_failed("appInstanceId", "The app instance is not an Active Directory integration")
    raise not_found(app_id, "DirectoryAgent")


@behaviour("getFactorTransactionStatus")
def get_factor_transaction_status(ctx: Context) -> Any:
    user = _users.find(ctx, str(ctx.params.get("userId") or ""))
    factor_id = str(ctx.params.get("factorId") or "")
    if ctx.state.collection("user_factors").get(f"{user['id']}/{factor_id}") is None:
        raise not_found(factor_id, "UserFactor")
    transaction = str(ctx.params.get("transactionId") or "")
    raise not_found(transaction, "Transaction")
