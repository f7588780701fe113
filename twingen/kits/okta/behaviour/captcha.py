"""CAPTCHA instances (``/api/v1/captchas``) and the org-wide CAPTCHA setting (``/api/v1/org/captcha``).

An org has at most one instance (403 E0000166 for a second); its ``secretKey`` is written, never shown; the org
setting names the instance and the pages it guards (listed in Okta's order: SSPR, SIGN_IN, SSR, the documented
enabledPagesType: self-service password recovery, sign-in, self-service registration); deleting the
setting leaves ``captchaId`` null and no pages. Sources:
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/CAPTCHA/ and the recorded answers.
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response, behaviour
from . import _log, _store
from ._errors import not_found, okta_error, validation_failed
from ._links import href

COLLECTION = "captchas"
SETTING = "org_captcha"
TYPES = ("HCAPTCHA", "RECAPTCHA_V2")
PAGES = ("SSPR", "SIGN_IN", "SSR")
LIMIT = (
    "CAPTCHA count limit reached. At most one CAPTCHA instance is allowed per Org. Please remove existing "
    "CAPTCHA to create a new one."
)


def _allow(ctx: Context, path: str, *methods: str) -> dict[str, Any]:
    return {"href": href(ctx, path), "hints": {"allow": list(methods)}}


def _render(ctx: Context, record: dict[str, Any]) -> dict[str, Any]:
    shown = {k: record[k] for k in ("id", "name", "siteKey", "type")}
    shown["_links"] = {"self": _allow(ctx, f"/api/v1/captchas/{record['id']}", "GET", "POST", "PUT", "DELETE")}
    return shown


def _find(ctx: Context) -> dict[str, Any]:
    return _store.stored(ctx, COLLECTION, "captchaId", "Captcha")


def _fields(body: dict[str, Any], base: dict[str, Any] | None = None) -> dict[str, Any]:
    merged: dict[str, Any] = {
        **(base or {}),
        **{k: body[k] for k in ("name", "siteKey", "secretKey", "type") if k in body},
    }
    for name in ("name", "siteKey", "secretKey"):
        if not isinstance(merged.get(name), str) or not merged[name].strip():
            raise validation_failed(name, "The field cannot be left blank")
    if merged.get("type") not in TYPES:
        raise validation_failed("type", f"Invalid value '{merged.get('type')}'")
    return merged


@behaviour("listCaptchaInstances")
def list_captcha_instances(ctx: Context) -> Any:
    return [_render(ctx, r) for r in ctx.state.collection(COLLECTION).values()]


@behaviour("createCaptchaInstance")
def create_captcha_instance(ctx: Context) -> Any:
    body = _store.body_object(ctx)
    if len(ctx.state.collection(COLLECTION)):
        refusal = okta_error("E0000166", LIMIT)
        # Okta's cause here carries the reason and where it applies (recorded)
        refusal.details["causes"] = [
            {"errorSummary": LIMIT, "reason": "EXCEEDS_MAX_VALUE", "locationType": "url", "domain": "captcha"}
        ]
        raise refusal
    record = {"id": _store.new_id(ctx, "cap"), **_fields(body)}
    ctx.state.collection(COLLECTION).put(record["id"], record)
    _log.record(ctx, "security.captcha.create", [_log.target("Captcha", record["id"], record["name"])])
    return Response(201, _render(ctx, record))


@behaviour("getCaptchaInstance")
def get_captcha_instance(ctx: Context) -> Any:
    return _render(ctx, _find(ctx))


@behaviour("replaceCaptchaInstance")
@behaviour("updateCaptchaInstance")
def replace_captcha_instance(ctx: Context) -> Any:
    record = _find(ctx)
    body = _store.body_object(ctx)
    # PUT replaces (every field sent again); POST changes only what it sends
    partial = ctx.op.get("method", "").upper() == "POST"
    record = {"id": record["id"], **_fields(body, record if partial else None)}
    ctx.state.collection(COLLECTION).put(record["id"], record)
    _log.record(ctx, "security.captcha.update", [_log.target("Captcha", record["id"], record["name"])])
    return _render(ctx, record)


@behaviour("deleteCaptchaInstance")
def delete_captcha_instance(ctx: Context) -> Any:
    record = _find(ctx)
    ctx.state.collection(COLLECTION).delete(record["id"])
    setting = ctx.state.collection(SETTING).get("org") or {}
    if setting.get("captchaId") == record["id"]:
        ctx.state.collection(SETTING).put("org", {"captchaId": None, "enabledPages": []})
    _log.record(ctx, "security.captcha.delete", [_log.target("Captcha", record["id"], record["name"])])
    return Response(204, None)


def _render_setting(ctx: Context, setting: dict[str, Any]) -> dict[str, Any]:
    links: dict[str, Any] = {}
    if setting.get("captchaId"):
        links["captcha"] = _allow(ctx, f"/api/v1/captchas/{setting['captchaId']}", "GET", "POST", "PUT", "DELETE")
    links["self"] = _allow(ctx, "/api/v1/org/captcha", "GET", "PUT")
    return {"enabledPages": setting.get("enabledPages") or [], "captchaId": setting.get("captchaId"), "_links": links}


@behaviour("getOrgCaptchaSettings")
def get_org_captcha_settings(ctx: Context) -> Any:
    return _render_setting(ctx, ctx.state.collection(SETTING).get("org") or {})


@behaviour("replacesOrgCaptchaSettings")
def replaces_org_captcha_settings(ctx: Context) -> Any:
    body = _store.body_object(ctx)
    captcha_id = body.get("captchaId")
    pages = body.get("enabledPages") or []
    if not isinstance(pages, list) or any(p not in PAGES for p in pages):
        raise validation_failed("enabledPages", f"Invalid value '{pages}'")
    if captcha_id is not None and ctx.state.collection(COLLECTION).get(str(captcha_id)) is None:
        raise not_found(str(captcha_id), "Captcha")
    if captcha_id is None and pages:
        raise validation_failed("captchaId", "A CAPTCHA instance is needed to guard pages.")
    setting = {"captchaId": captcha_id, "enabledPages": [p for p in PAGES if p in pages]}
    ctx.state.collection(SETTING).put("org", setting)
    return _render_setting(ctx, setting)


@behaviour("deleteOrgCaptchaSettings")
def delete_org_captcha_settings(ctx: Context) -> Any:
    ctx.state.collection(SETTING).put("org", {"captchaId": None, "enabledPages": []})
    return Response(204, None)
