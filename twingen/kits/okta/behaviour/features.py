"""Self-service features an org can turn on or off (``/api/v1/features``), with the features each depends on.

Enabling a feature enables what it depends on; disabling one disables its dependents — unless ``mode=force`` is
left out and dependents are enabled, which Okta refuses. Source:
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Feature/
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, SeedContext, behaviour
from . import _log
from ._errors import not_found, okta_error
from ._links import link

COLLECTION = "features"
HELP = "https://help.okta.com/oie/en-us/content/topics/security/manage-ea-and-beta-features.htm"

# (id, name, description, stage, enabled, depends on); our own small catalog of self-service features
CATALOG: tuple[tuple[str, str, str, str, bool, tuple[str, ...]], ...] = (
    (
        "ftrTwinImportMonitor0",
        "Import Monitoring Dashboard",
        "Monitor import jobs that are running or ran in the last day.",
        "BETA",
        False,
        (),
    ),
    (
        "ftrTwinAdminDashboard",
        "New Admin Dashboard",
        "An admin dashboard with insights about the org.",
        "BETA",
        False,
        (),
    ),
    ("ftrTwinQuickAccessApp", "Quick access to recent apps", "End users see recently used apps first.", "EA", True, ()),
    (
        "ftrTwinQuickAccessTab",
        "Quick access tab",
        "A tab of recently used apps on the end-user dashboard.",
        "EA",
        False,
        ("ftrTwinQuickAccessApp",),
    ),
)


def seed(ctx: SeedContext) -> None:
    features = ctx.state.collection(COLLECTION)
    for id_, name, description, stage, enabled, needs in CATALOG:
        features.put(
            id_,
            {
                "id": id_,
                "type": "self-service",
                "status": "ENABLED" if enabled else "DISABLED",
                "name": name,
                "description": description,
                # a Beta has a state (OPEN: anyone may join); Early Access has none (recorded)
                "stage": {"value": stage, **({"state": "OPEN"} if stage == "BETA" else {})},
                "_needs": list(needs),
            },
        )


def _render(ctx: Context, record: dict[str, Any]) -> dict[str, Any]:
    path = f"/api/v1/features/{record['id']}"
    shown = {k: v for k, v in record.items() if not k.startswith("_")}
    links: dict[str, Any] = {"helpDoc": {"href": HELP}}
    if record["stage"]["value"] == "EA":
        # Early Access features are turned on and off by the admin; Betas through their sign-up (recorded)
        action = "disable" if record["status"] == "ENABLED" else "enable"
        links[action] = link(ctx, f"{path}/{action}", "POST")
    shown["_links"] = {
        **links,
        "self": link(ctx, path),
        "dependents": link(ctx, f"{path}/dependents"),
        "dependencies": link(ctx, f"{path}/dependencies"),
    }
    return shown


def _find(ctx: Context, id_: str) -> dict[str, Any]:
    found = ctx.state.collection(COLLECTION).get(id_)
    if found is None:
        raise not_found(id_, "Feature")
    return found


def _dependents(ctx: Context, id_: str) -> list[dict[str, Any]]:
    return [r for r in ctx.state.collection(COLLECTION).values() if id_ in r.get("_needs", ())]


@behaviour("listFeatures")
def list_features(ctx: Context) -> Any:
    return [_render(ctx, r) for r in ctx.state.collection(COLLECTION).values()]


@behaviour("getFeature")
def get_feature(ctx: Context) -> Any:
    return _render(ctx, _find(ctx, str(ctx.params.get("featureId"))))


@behaviour("listFeatureDependencies")
def list_feature_dependencies(ctx: Context) -> Any:
    record = _find(ctx, str(ctx.params.get("featureId")))
    return [_render(ctx, _find(ctx, need)) for need in record.get("_needs", ())]


@behaviour("listFeatureDependents")
def list_feature_dependents(ctx: Context) -> Any:
    record = _find(ctx, str(ctx.params.get("featureId")))
    return [_render(ctx, r) for r in _dependents(ctx, record["id"])]


def _set(ctx: Context, record: dict[str, Any], status: str) -> None:
    record["status"] = status
    ctx.state.collection(COLLECTION).put(record["id"], record)
    _log.record(
        ctx,
        "system.feature." + ("enable" if status == "ENABLED" else "disable"),
        [_log.target("Feature", record["id"], record["name"], record["name"])],
    )


@behaviour("updateFeatureLifecycle")
def update_feature_lifecycle(ctx: Context) -> Any:
    record = _find(ctx, str(ctx.params.get("featureId")))
    # okta-sdk-python sends its enum's value (ENABLE); the links Okta hands out are lower case
    lifecycle = str(ctx.params.get("lifecycle") or "").lower()
    force = str(ctx.params.get("mode") or "") == "force"
    if lifecycle == "enable":
        for need in record.get("_needs", ()):
            dependency = _find(ctx, need)
            if dependency["status"] != "ENABLED":
                if not force:
                    raise okta_error(
                        "E0000001",
                        "Api validation failed: feature",
                        causes=[f"feature: {dependency['name']} must be enabled first."],
                    )
                _set(ctx, dependency, "ENABLED")
        _set(ctx, record, "ENABLED")
    elif lifecycle == "disable":
        for dependent in _dependents(ctx, record["id"]):
            if dependent["status"] == "ENABLED":
                if not force:
                    raise okta_error(
                        "E0000001",
                        "Api validation failed: feature",
                        causes=[f"feature: {dependent['name']} depends on it and is enabled."],
                    )
                _set(ctx, dependent, "DISABLED")
        _set(ctx, record, "DISABLED")
    else:
        raise okta_error("E0000007", f"Not found: Resource not found: {lifecycle} (Lifecycle)")
    return _render(ctx, record)
