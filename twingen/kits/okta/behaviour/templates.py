"""Custom SMS templates (``/api/v1/templates/sms``): a new org has the default verification-code template (id
``default``); created ones answer 200; a partial update (POST) merges ``translations`` language by language, a
replace (PUT) takes the body whole; an unknown id is Okta's 404, which names ``AppInstance`` (recorded).
Source: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Template/ and the recorded answers.
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response, arguments, behaviour
from ..runtime.clock import iso8601
from . import _log, _store
from ._errors import not_found, validation_failed

COLLECTION = "sms_templates"
TYPES = ("SMS_VERIFY_CODE",)


def _default(now: str) -> dict[str, Any]:
    return {
        "id": "default",
        "name": "Default",
        "type": "SMS_VERIFY_CODE",
        "template": "Your verification code is ${code}.",
        "created": now,
        "lastUpdated": now,
    }


def _all(ctx: Context) -> list[dict[str, Any]]:
    stored = ctx.state.collection(COLLECTION)
    return [_default(iso8601(ctx.now())), *stored.values()]


def _find(ctx: Context) -> dict[str, Any]:
    id_ = str(ctx.params.get("templateId") or "")
    found = ctx.state.collection(COLLECTION).get(id_)
    if found is None:
        raise not_found(id_, "AppInstance")
    return found


def _checked(record: dict[str, Any]) -> dict[str, Any]:
    for name in ("name", "template"):
        if not isinstance(record.get(name), str) or not record[name].strip():
            raise validation_failed(name, "The field cannot be left blank")
    if record.get("type") not in TYPES:
        raise validation_failed("type", f"Invalid value '{record.get('type')}'")
    if "${code}" not in record["template"]:
        raise validation_failed("template", "The template must contain ${code}.")
    translations = record.get("translations")
    if translations is not None and (
        not isinstance(translations, dict) or not all(isinstance(v, str) for v in translations.values())
    ):
        raise validation_failed("translations", "Invalid value")
    return record


@behaviour("listSmsTemplates")
def list_sms_templates(ctx: Context) -> Any:
    wanted = arguments.text(ctx.params, "templateType")
    return [t for t in _all(ctx) if not wanted or t["type"] == wanted]


@behaviour("createSmsTemplate")
def create_sms_template(ctx: Context) -> Any:
    body = _store.body_object(ctx)
    now = iso8601(ctx.now())
    record = _checked({k: body[k] for k in ("name", "type", "template", "translations") if k in body})
    record = {"id": _store.new_id(ctx, "cst"), **record, "created": now, "lastUpdated": now}
    ctx.state.collection(COLLECTION).put(record["id"], record)
    _log.record(ctx, "system.sms_template.create", [_log.target("SmsTemplate", record["id"], record["name"])])
    return record


@behaviour("getSmsTemplate")
def get_sms_template(ctx: Context) -> Any:
    return _find(ctx)


@behaviour("updateSmsTemplate")
@behaviour("replaceSmsTemplate")
def update_sms_template(ctx: Context) -> Any:
    record = _find(ctx)
    body = _store.body_object(ctx)
    given: dict[str, Any] = {k: body[k] for k in ("name", "type", "template", "translations") if k in body}
    if ctx.op.get("method", "").upper() == "POST":
        translations = {**(record.get("translations") or {}), **(given.pop("translations", None) or {})}
        merged: dict[str, Any] = {**record, **given, **({"translations": translations} if translations else {})}
    else:
        merged = {"id": record["id"], **given, "created": record["created"]}
    merged = _checked(merged)
    merged["lastUpdated"] = iso8601(ctx.now())
    ctx.state.collection(COLLECTION).put(record["id"], merged)
    _log.record(ctx, "system.sms_template.update", [_log.target("SmsTemplate", record["id"], merged["name"])])
    return merged


@behaviour("deleteSmsTemplate")
def delete_sms_template(ctx: Context) -> Any:
    record = _find(ctx)
    ctx.state.collection(COLLECTION).delete(record["id"])
    _log.record(ctx, "system.sms_template.delete", [_log.target("SmsTemplate", record["id"], record["name"])])
    return Response(204, None)
