"""Push providers: the Apple (APNS) and Firebase (FCM) credentials custom authenticators send push notifications
with.

What Okta does (recorded answers of okta-sdk-python's cassettes, and
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/PushProvider/):
- ids start ``ppc``; an answer carries ``id``, ``providerType`` (the discriminator the SDK parses by), ``name``,
  ``lastUpdatedDate`` and the ``configuration`` without its secret (APNS ``tokenSigningKey``, FCM
  ``serviceAccountJson``), and ``_links.self`` allowing GET, PUT, DELETE; there is no status;
- a create without ``providerType``/``configuration`` is E0000001 naming the first, a cause per missing field
  ("The field cannot be left blank"); a replace may leave the secret out to keep it;
- an unknown id is 404 ``(PushProviderConfigEntity)``.
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response, behaviour
from ..runtime.clock import iso8601
from . import _store
from ._errors import okta_error
from ._links import link

PROVIDERS = _store.Kind(
    "push_providers",
    "PushProviderConfigEntity",
    "/api/v1/push-providers/{id}",
    prefix="ppc",
    status=None,
    lifecycle=(),
    id_param="pushProviderId",
    stamp_created=False,
)
# each type's configuration fields: (shown, secret)
FIELDS = {
    "APNS": (("fileName", "teamId", "keyId"), "tokenSigningKey"),
    "FCM": (("fileName", "projectId"), "serviceAccountJson"),
}


def render(ctx: Context, _kind: _store.Kind, record: dict[str, Any]) -> dict[str, Any]:
    shown_fields, _ = FIELDS[record["providerType"]]
    config = record.get("configuration") or {}
    return {
        "id": record["id"],
        "providerType": record["providerType"],
        "name": record.get("name"),
        "lastUpdatedDate": record["lastUpdatedDate"],
        "configuration": {k: config[k] for k in shown_fields if k in config},
        "_links": {"self": link(ctx, f"/api/v1/push-providers/{record['id']}", "GET", "PUT", "DELETE")},
    }


def _blank(missing: list[str]) -> Exception:
    return okta_error(
        "E0000001",
        f"Api validation failed: {missing[0]}",
        causes=[f"{name}: The field cannot be left blank" for name in missing],
    )


def _checked(body: dict[str, Any], old: dict[str, Any] | None = None) -> dict[str, Any]:
    missing = [name for name in ("name", "providerType", "configuration") if not body.get(name)]
    if missing:
        raise _blank(missing)
    kind = body["providerType"]
    if kind not in FIELDS or (old is not None and kind != old["providerType"]):
        raise okta_error(
            "E0000001",
            "Api validation failed: providerType",
            causes=["providerType: The provider type must be APNS or FCM and cannot change."],
        )
    config = body["configuration"]
    if not isinstance(config, dict):
        raise _blank(["configuration"])
    _, secret = FIELDS[kind]
    if not config.get(secret) and old is not None:
        config = {**config, secret: (old.get("configuration") or {}).get(secret)}
    absent = [f"configuration.{name}" for name in (*FIELDS[kind][0][1:], secret) if not config.get(name)]
    if absent:
        raise _blank(absent)
    return {"name": body["name"], "providerType": kind, "configuration": config}


@behaviour("createPushProvider")
def create(ctx: Context) -> Any:
    record = {**_checked(_store.body_object(ctx)), "lastUpdatedDate": iso8601(ctx.now())}
    record = _store.insert(ctx, PROVIDERS, record)
    return render(ctx, PROVIDERS, record)


@behaviour("getPushProvider")
def get(ctx: Context) -> Any:
    return render(ctx, PROVIDERS, _store.find(ctx, PROVIDERS))


@behaviour("listPushProviders")
def list_(ctx: Context) -> Any:
    wanted = str(ctx.params.get("type") or "")
    return [
        render(ctx, PROVIDERS, r)
        for r in _store.collection(ctx, PROVIDERS).values()
        if not wanted or r["providerType"] == wanted
    ]


@behaviour("replacePushProvider")
def replace(ctx: Context) -> Any:
    record = _store.find(ctx, PROVIDERS)
    updated = {**record, **_checked(_store.body_object(ctx), record), "lastUpdatedDate": iso8601(ctx.now())}
    _store.save(ctx, PROVIDERS, updated)
    return render(ctx, PROVIDERS, updated)


@behaviour("deletePushProvider")
def delete(ctx: Context) -> Response:
    record = _store.find(ctx, PROVIDERS)
    _store.collection(ctx, PROVIDERS).delete(record["id"])
    return Response(204, None)
