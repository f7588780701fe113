"""Authenticators (``/api/v1/authenticators``) and their methods: list, read, replace, activate and deactivate.

A new org has one authenticator per key (see ``_seed_authenticators``); creating another of a key the org already
has is Okta's 400. Custom AAGUIDs (GA) are in ``custom_aaguids``. Sources:
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Authenticator/ and
the recorded answers.
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, behaviour
from ..runtime.clock import iso8601
from . import _log, _store
from ._errors import not_found, okta_error
from ._links import link
from ._seed_authenticators import COLLECTION

READ_ONLY = ("id", "key", "type", "status", "created", "lastUpdated", "_links", "_embedded")
# an org needs a way to sign in: Okta offers no deactivate for the password (recorded), and refuses it
REQUIRED_KEYS = ("okta_password",)


def _render(ctx: Context, record: dict[str, Any]) -> dict[str, Any]:
    path = f"/api/v1/authenticators/{record['id']}"
    shown = {k: v for k, v in record.items() if not k.startswith("_")}
    links: dict[str, Any] = {"self": {**link(ctx, path), "hints": {"allow": ["GET", "PUT"]}}}
    action = "deactivate" if record["status"] == "ACTIVE" else "activate"
    if record["key"] not in REQUIRED_KEYS or action == "activate":
        links[action] = link(ctx, f"{path}/lifecycle/{action}", "POST")
    links["methods"] = link(ctx, f"{path}/methods", "GET")
    if record["type"] == "app":
        # an app authenticator is enrolled through the Identity Engine's endpoint (recorded)
        links["enroll"] = link(ctx, "/idp/authenticators", "POST")
    shown["_links"] = links
    return shown


def _find(ctx: Context) -> dict[str, Any]:
    return _store.stored(ctx, COLLECTION, "authenticatorId", "Authenticator")


def _save(ctx: Context, record: dict[str, Any], verb: str) -> dict[str, Any]:
    record["lastUpdated"] = iso8601(ctx.now())
    ctx.state.collection(COLLECTION).put(record["id"], record)
    _log.record(
        ctx,
        f"security.authenticator.lifecycle.{verb}",
        [_log.target("Authenticator", record["id"], record["key"], record["name"])],
    )
    return _render(ctx, record)


@behaviour("listAuthenticators")
def list_authenticators(ctx: Context) -> Any:
    return [_render(ctx, r) for r in ctx.state.collection(COLLECTION).values()]


@behaviour("getAuthenticator")
def get_authenticator(ctx: Context) -> Any:
    return _render(ctx, _find(ctx))


@behaviour("createAuthenticator")
def create_authenticator(ctx: Context) -> Any:
    body = _store.body_object(ctx)
    key = body.get("key")
    taken = any(r["key"] == key for r in ctx.state.collection(COLLECTION).values())
    if not isinstance(key, str) or not key or taken or not isinstance(body.get("name"), str):
        # Okta names its catalogue class here; the cause is its generic wording
        raise okta_error(
            "E0000001", "Api validation failed: AuthenticatorCatalog", causes=["The field has an invalid value"]
        )
    activate = str(ctx.params.get("activate") or "true").lower() != "false"
    record = {
        "type": body.get("type") or "app",
        "id": _store.new_id(ctx, "aut"),
        "key": key,
        "status": "ACTIVE" if activate else "INACTIVE",
        "name": body["name"],
        "created": iso8601(ctx.now()),
        "lastUpdated": iso8601(ctx.now()),
        "_methods": [],
    }
    for name in ("settings", "provider"):
        if name in body:
            record[name] = body[name]
    return _save(ctx, record, "create")


@behaviour("replaceAuthenticator")
def replace_authenticator(ctx: Context) -> Any:
    record = _find(ctx)
    body = _store.body_object(ctx)
    if not isinstance(body.get("name", record["name"]), str) or not str(body.get("name", record["name"])).strip():
        raise okta_error("E0000001", "Api validation failed: name", causes=["name: The field cannot be left blank"])
    # key and type say what the authenticator is: read-only, like id (READ_ONLY), so a body's are not applied;
    # what the body leaves out is kept (the recorded answers keep settings a replace did not send)
    record.update({k: v for k, v in body.items() if k not in READ_ONLY})
    return _save(ctx, record, "update")


def _lifecycle(status: str, verb: str) -> Any:
    def change(ctx: Context) -> Any:
        record = _find(ctx)
        if status == "INACTIVE" and record["key"] in REQUIRED_KEYS:
            raise okta_error(
                "E0000001",
                "Api validation failed: authenticator",
                causes=[f"authenticator: {record['name']} cannot be deactivated."],
            )
        record["status"] = status
        return _save(ctx, record, verb)

    return change


# the registry reads module globals: each behaviour made by a factory is bound to a name
activate_authenticator = behaviour("activateAuthenticator")(_lifecycle("ACTIVE", "activate"))
deactivate_authenticator = behaviour("deactivateAuthenticator")(_lifecycle("INACTIVE", "deactivate"))


def _method_view(ctx: Context, record: dict[str, Any], method: dict[str, Any]) -> dict[str, Any]:
    path = f"/api/v1/authenticators/{record['id']}/methods/{method['type']}"
    links: dict[str, Any] = {"self": {**link(ctx, path), "hints": {"allow": ["GET", "PUT"]}}}
    action = "deactivate" if method["status"] == "ACTIVE" else "activate"
    if action == "activate" or len([m for m in record["_methods"] if m["status"] == "ACTIVE"]) > 1:
        links[action] = link(ctx, f"{path}/lifecycle/{action}", "POST")
    return {**method, "_links": links}


def _method(ctx: Context, record: dict[str, Any]) -> dict[str, Any]:
    kind = str(ctx.params.get("methodType") or "")
    methods: list[dict[str, Any]] = record.get("_methods", [])
    for method in methods:
        if method["type"] == kind:
            return method  # the record's own: a change to it is saved with the record
    raise not_found(kind, "AuthenticatorMethod")


@behaviour("listAuthenticatorMethods")
def list_authenticator_methods(ctx: Context) -> Any:
    record = _find(ctx)
    return [_method_view(ctx, record, m) for m in record.get("_methods", ())]


@behaviour("getAuthenticatorMethod")
def get_authenticator_method(ctx: Context) -> Any:
    record = _find(ctx)
    return _method_view(ctx, record, _method(ctx, record))


@behaviour("replaceAuthenticatorMethod")
def replace_authenticator_method(ctx: Context) -> Any:
    record = _find(ctx)
    method = _method(ctx, record)
    body = _store.body_object(ctx)
    if isinstance(body.get("settings"), dict):
        method["settings"] = body["settings"]
    _save(ctx, record, "update")
    return _method_view(ctx, record, method)


def _method_lifecycle(status: str) -> Any:
    def change(ctx: Context) -> Any:
        record = _find(ctx)
        method = _method(ctx, record)
        method["status"] = status
        _save(ctx, record, "activate" if status == "ACTIVE" else "deactivate")
        return _method_view(ctx, record, method)

    return change


activate_method = behaviour("activateAuthenticatorMethod")(_method_lifecycle("ACTIVE"))
deactivate_method = behaviour("deactivateAuthenticatorMethod")(_method_lifecycle("INACTIVE"))
