"""An app's provisioning: its default connection (token or OAuth 2.0 to the downstream app, enabled or not) and its
provisioning features (USER_PROVISIONING out of Okta, INBOUND_PROVISIONING into it).

Only apps that provision (the OIN Okta Org2Org app here) have them: for the others Okta answers the connection as
``{"status": "UNKNOWN", "profile": {"authScheme": "UNKNOWN"}}`` and a feature with 400 "Provisioning is not
supported."; a feature name Okta does not know is its 404 (PublicAppFeatureSetName), checked before the app
(recorded answers). Sources:
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/ApplicationConnections/ and
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/ApplicationFeatures/
"""

from __future__ import annotations

import copy
from typing import Any

from ..runtime import Context, Response, arguments, behaviour
from ._apps_model import PROVISIONING, find_app, save_app
from ._apps_shape import well_formed
from ._errors import not_found, okta_error, validation_failed
from ._links import href, link
from ._store import body_object

Record = dict[str, Any]
_UNKNOWN = {"status": "UNKNOWN", "profile": {"authScheme": "UNKNOWN"}}
_SCHEMES = {"TOKEN", "OAUTH2", "UNKNOWN"}
_FEATURES: dict[str, Record] = {
    "USER_PROVISIONING": {
        "description": "User provisioning settings from Okta to a downstream app",
        "capabilities": {
            "create": {"lifecycleCreate": {"status": "DISABLED"}},
            "update": {
                "lifecycleDeactivate": {"status": "DISABLED"},
                "profile": {"status": "DISABLED"},
                "password": {"status": "DISABLED", "seed": "RANDOM", "change": "KEEP_EXISTING"},
            },
        },
    },
    "INBOUND_PROVISIONING": {
        "description": "In-bound provisioning settings from an app to Okta",
        "capabilities": {
            "importSettings": {"username": {"userNameFormat": "EMAIL"}, "schedule": {"status": "DISABLED"}},
            "importRules": {
                "userCreateAndMatch": {
                    "exactMatchCriteria": "USERNAME",
                    "allowPartialMatch": False,
                    "autoConfirmPartialMatch": False,
                    "autoConfirmExactMatch": False,
                    "autoConfirmNewProfiles": False,
                    "autoActivateNewUsers": False,
                }
            },
        },
    },
}


def _provisions(app: Record) -> bool:
    return app.get("name") in PROVISIONING


def _render_connection(ctx: Context, app: Record) -> Record:
    connection = app.get("_connection") or {"authScheme": "TOKEN", "status": "DISABLED"}
    path = f"/api/v1/apps/{app['id']}/connections/default"
    action = "deactivate" if connection["status"] == "ENABLED" else "activate"
    return {
        **connection,
        "_links": {
            action: link(ctx, f"{path}/lifecycle/{action}", "POST"),
            "self": {"href": href(ctx, path), "hints": {"allow": ["POST", "GET"]}},
        },
    }


@behaviour("getDefaultProvisioningConnectionForApplication")
def get_connection(ctx: Context) -> Record:
    app = find_app(ctx)
    return _render_connection(ctx, app) if _provisions(app) else copy.deepcopy(_UNKNOWN)


@behaviour("updateDefaultProvisioningConnectionForApplication")
def update_connection(ctx: Context) -> Record:
    app = find_app(ctx)
    body = body_object(ctx)
    well_formed(body, (("profile", "object"), ("profile.authScheme", "string"), ("profile.token", "string")))
    profile = body.get("profile")
    if not isinstance(profile, dict) or profile.get("authScheme") not in _SCHEMES:
        raise validation_failed("profile.authScheme", "The field must be one of TOKEN, OAUTH2, UNKNOWN.")
    if not _provisions(app):
        return copy.deepcopy(_UNKNOWN)
    activate = (arguments.text(ctx.params, "activate") or "").lower() == "true"
    current = app.get("_connection") or {"status": "DISABLED"}
    app["_connection"] = {"authScheme": profile["authScheme"], "status": "ENABLED" if activate else current["status"]}
    save_app(ctx, app)
    return _render_connection(ctx, app)


@behaviour("activateDefaultProvisioningConnectionForApplication")
def activate_connection(ctx: Context) -> Response:
    return _connection_status(ctx, "ENABLED")


@behaviour("deactivateDefaultProvisioningConnectionForApplication")
def deactivate_connection(ctx: Context) -> Response:
    return _connection_status(ctx, "DISABLED")


def _connection_status(ctx: Context, status: str) -> Response:
    app = find_app(ctx)
    if _provisions(app):
        app["_connection"] = {**(app.get("_connection") or {"authScheme": "TOKEN"}), "status": status}
        save_app(ctx, app)
    return Response(204, None)


def _feature(ctx: Context, app: Record, name: str) -> Record:
    stored = (app.get("_features") or {}).get(name) or {}
    feature = {
        "name": name,
        "status": stored.get("status", "DISABLED"),
        "description": _FEATURES[name]["description"],
        "capabilities": stored.get("capabilities") or copy.deepcopy(_FEATURES[name]["capabilities"]),
    }
    path = f"/api/v1/apps/{app['id']}/features/{name}"
    feature["_links"] = {"self": {"href": href(ctx, path), "hints": {"allow": ["GET", "PUT"]}}}
    return feature


def _provisioning_app(ctx: Context) -> Record:
    name = ctx.params.get("featureName")
    if name is not None and name not in _FEATURES:
        raise not_found(str(name), "PublicAppFeatureSetName")
    app = find_app(ctx)
    if not _provisions(app):
        raise okta_error("E0000001", "Api validation failed: feature", causes=["Provisioning is not supported."])
    return app


@behaviour("listFeaturesForApplication")
def list_features(ctx: Context) -> list[Record]:
    app = _provisioning_app(ctx)
    return [_feature(ctx, app, name) for name in _FEATURES]


@behaviour("getFeatureForApplication")
def get_feature(ctx: Context) -> Record:
    app = _provisioning_app(ctx)
    return _feature(ctx, app, str(ctx.params.get("featureName")))


@behaviour("updateFeatureForApplication")
def update_feature(ctx: Context) -> Record:
    app = _provisioning_app(ctx)
    name = str(ctx.params.get("featureName"))
    body = body_object(ctx)
    well_formed(body, (("capabilities", "object"),))
    if not body:
        raise okta_error("E0000003")
    current = _feature(ctx, app, name)
    capabilities = _merged(current["capabilities"], body.get("capabilities") or body)
    features = dict(app.get("_features") or {})
    features[name] = {"status": "ENABLED", "capabilities": capabilities}
    app["_features"] = features
    save_app(ctx, app)
    return _feature(ctx, app, name)


def _merged(base: Record, change: Record) -> Record:
    merged = dict(base)
    for key, value in change.items():
        merged[key] = (
            _merged(merged[key], value) if isinstance(value, dict) and isinstance(merged.get(key), dict) else value
        )
    return merged
