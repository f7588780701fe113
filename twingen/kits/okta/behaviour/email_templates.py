"""A brand's email templates and their per-language customizations (``/api/v1/brands/{id}/templates/email``).

Okta's rules kept here: one customization per language per template; the first customization of a template is its
default whatever ``isDefault`` says; creating a second default is 409 E0000182, while a replace with ``isDefault``
takes the default from the former one, and un-defaulting the default is 409 E0000185; a preview fills the
template's variables from a sample user. The recorded answers delete a default that has siblings (204), so the
twin does too. Sources:
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/CustomTemplates/ and the recorded answers.
"""

from __future__ import annotations

import re
from typing import Any

from ..runtime import Context, Response, behaviour
from ..runtime.clock import iso8601
from . import _log, _store
from ._errors import not_found, okta_error, validation_failed
from ._links import href
from .brands import find_brand
from .org import org_name

COLLECTION = "email_customizations"
SETTINGS = "email_settings"
# Okta's email template names (the reference's templateName list, in its order)
TEMPLATES = (
    "UserActivation",
    "ForgotPassword",
    "ForgotPasswordDenied",
    "PasswordChanged",
    "PasswordResetByAdmin",
    "SelfServiceUnlock",
    "SelfServiceUnlockOnUnlockedAccount",
    "AccountLockout",
    "EmailChallenge",
    "EmailFactorVerification",
    "EmailChangeConfirmation",
    "EmailChangeNotification",
    "ChangeEmailConfirmation",
    "PendingEmailChange",
    "RegistrationActivation",
    "RegistrationEmailVerification",
    "AuthenticatorEnrolled",
    "AuthenticatorReset",
    "NewSignOnNotification",
    "OktaVerifyActivation",
    "ADForgotPassword",
    "ADForgotPasswordDenied",
    "ADSelfServiceUnlock",
    "ADUserActivation",
    "LDAPForgotPassword",
    "LDAPForgotPasswordDenied",
    "LDAPSelfServiceUnlock",
    "LDAPUserActivation",
)
# the names the templates had before Okta renamed them (recorded in 2022); still taken on their paths
LEGACY = (
    "welcome",
    "forgotPassword",
    "forgotPasswordDenied",
    "tempPassword",
    "ad.welcome",
    "ad.forgotPassword",
    "ad.forgotPasswordReset",
    "ldap.welcome",
    "ldap.forgotPassword",
    "ldap.forgotPasswordDenied",
)
# what a preview puts for a template's variables: a sample user, the org, placeholder links
SAMPLE = {
    "user.profile.firstName": "John",
    "user.profile.lastName": "Doe",
    "user.profile.login": "john.doe@example.com",
    "user.profile.email": "john.doe@example.com",
}
VARIABLE = re.compile(r"\$\{([A-Za-z0-9_.]+)\}")


def _allow(ctx: Context, path: str, *methods: str) -> dict[str, Any]:
    return {"href": href(ctx, path), "hints": {"allow": list(methods)}}


def _template(ctx: Context) -> tuple[dict[str, Any], str]:
    brand = find_brand(ctx)
    name = str(ctx.params.get("templateName") or "")
    if name not in TEMPLATES and name not in LEGACY:
        raise not_found(name, "EmailTemplate")
    return brand, name


def _base(brand: dict[str, Any], name: str) -> str:
    return f"/api/v1/brands/{brand['id']}/templates/email/{name}"


def _render_template(ctx: Context, brand: dict[str, Any], name: str) -> dict[str, Any]:
    base = _base(brand, name)
    shown: dict[str, Any] = {
        "name": name,
        "_links": {
            "self": _allow(ctx, base, "GET"),
            "settings": _allow(ctx, f"{base}/settings", "GET", "PUT"),
            "defaultContent": _allow(ctx, f"{base}/default-content", "GET"),
            "test": _allow(ctx, f"{base}/test", "POST"),
            "customizations": _allow(ctx, f"{base}/customizations", "GET", "POST", "DELETE"),
        },
    }
    expand = ctx.params.get("expand") or []
    expand = expand if isinstance(expand, list) else str(expand).split(",")
    embedded: dict[str, Any] = {}
    if "settings" in expand:
        embedded["settings"] = _render_settings(ctx, brand, name)
    if "customizationCount" in expand:
        embedded["customizationCount"] = len(_customizations(ctx, brand, name))
    if embedded:
        shown["_embedded"] = embedded
    return shown


@behaviour("listEmailTemplates")
def list_email_templates(ctx: Context) -> Any:
    brand = find_brand(ctx)
    return [_render_template(ctx, brand, name) for name in TEMPLATES]


@behaviour("getEmailTemplate")
def get_email_template(ctx: Context) -> Any:
    return _render_template(ctx, *_template(ctx))


def _customizations(ctx: Context, brand: dict[str, Any], name: str) -> list[dict[str, Any]]:
    prefix = f"{brand['id']}/{name}/"
    return [r for k, r in ctx.state.collection(COLLECTION).scan() if k.startswith(prefix)]


def _render_customization(ctx: Context, brand: dict[str, Any], name: str, record: dict[str, Any]) -> dict[str, Any]:
    base = _base(brand, name)
    path = f"{base}/customizations/{record['id']}"
    return {
        **record,
        "_links": {
            "preview": _allow(ctx, f"{path}/preview", "GET"),
            "template": _allow(ctx, base, "GET"),
            "self": _allow(ctx, path, "GET", "PUT", "DELETE"),
            "test": _allow(ctx, f"{base}/test", "POST"),
        },
    }


def _checked(ctx: Context, brand: dict[str, Any], name: str, own_id: str = "") -> dict[str, Any]:
    body = _store.body_object(ctx)
    for field in ("language", "subject", "body"):
        if not isinstance(body.get(field), str) or not body[field].strip():
            raise validation_failed(field, "The field cannot be left blank")
    if any(c["language"] == body["language"] and c["id"] != own_id for c in _customizations(ctx, brand, name)):
        raise okta_error("E0000183")
    return body


def _save(ctx: Context, brand: dict[str, Any], name: str, record: dict[str, Any]) -> None:
    ctx.state.collection(COLLECTION).put(f"{brand['id']}/{name}/{record['id']}", dict(record))


def _take_default(ctx: Context, brand: dict[str, Any], name: str, keep: str) -> None:
    for other in _customizations(ctx, brand, name):
        if other["id"] != keep and other["isDefault"]:
            _save(ctx, brand, name, {**other, "isDefault": False})


@behaviour("listEmailCustomizations")
def list_email_customizations(ctx: Context) -> Any:
    brand, name = _template(ctx)
    return [_render_customization(ctx, brand, name, r) for r in _customizations(ctx, brand, name)]


@behaviour("createEmailCustomization")
def create_email_customization(ctx: Context) -> Any:
    brand, name = _template(ctx)
    body = _checked(ctx, brand, name)
    first = not _customizations(ctx, brand, name)
    if body.get("isDefault") is True and not first:
        raise okta_error("E0000182")
    now = iso8601(ctx.now())
    record = {
        "subject": body["subject"],
        "body": body["body"],
        "id": _store.new_id(ctx, "oel"),
        "language": body["language"],
        "isDefault": first or bool(body.get("isDefault")),
        "created": now,
        "lastUpdated": now,
    }
    _save(ctx, brand, name, record)
    _log.record(ctx, "system.email.template.customization.create", [_log.target("EmailCustomization", record["id"])])
    return Response(201, _render_customization(ctx, brand, name, record))


def _find(ctx: Context, brand: dict[str, Any], name: str) -> dict[str, Any]:
    id_ = str(ctx.params.get("customizationId") or "")
    found = ctx.state.collection(COLLECTION).get(f"{brand['id']}/{name}/{id_}")
    if found is None:
        raise not_found(id_, "EmailCustomization")
    return found


@behaviour("getEmailCustomization")
def get_email_customization(ctx: Context) -> Any:
    brand, name = _template(ctx)
    return _render_customization(ctx, brand, name, _find(ctx, brand, name))


@behaviour("replaceEmailCustomization")
def replace_email_customization(ctx: Context) -> Any:
    brand, name = _template(ctx)
    record = _find(ctx, brand, name)
    body = _checked(ctx, brand, name, record["id"])
    if record["isDefault"] and body.get("isDefault") is False:
        raise okta_error("E0000185")
    record.update(
        {
            "subject": body["subject"],
            "body": body["body"],
            "language": body["language"],
            "isDefault": record["isDefault"] or bool(body.get("isDefault")),
            "lastUpdated": iso8601(ctx.now()),
        }
    )
    if record["isDefault"]:
        _take_default(ctx, brand, name, record["id"])
    _save(ctx, brand, name, record)
    return _render_customization(ctx, brand, name, record)


@behaviour("deleteEmailCustomization")
def delete_email_customization(ctx: Context) -> Any:
    brand, name = _template(ctx)
    record = _find(ctx, brand, name)
    ctx.state.collection(COLLECTION).delete(f"{brand['id']}/{name}/{record['id']}")
    return Response(204, None)


@behaviour("deleteAllCustomizations")
def delete_all_customizations(ctx: Context) -> Any:
    brand, name = _template(ctx)
    for record in _customizations(ctx, brand, name):
        ctx.state.collection(COLLECTION).delete(f"{brand['id']}/{name}/{record['id']}")
    return Response(204, None)


def fill(ctx: Context, text: str) -> str:
    """The template text with its variables as a preview shows them."""
    values = {**SAMPLE, "org.name": org_name(ctx)}

    def one(match: re.Match[str]) -> str:
        key = match.group(1)
        return values.get(key, f"({key} Placeholder)")

    return VARIABLE.sub(one, text)


def _preview(ctx: Context, brand: dict[str, Any], name: str, subject: str, body: str, path: str) -> dict[str, Any]:
    base = _base(brand, name)
    return {
        "subject": fill(ctx, subject),
        "body": fill(ctx, body),
        "_links": {
            "template": _allow(ctx, base, "GET"),
            "self": _allow(ctx, path, "GET"),
            "test": _allow(ctx, f"{base}/test", "POST"),
        },
    }


@behaviour("getCustomizationPreview")
def get_customization_preview(ctx: Context) -> Any:
    brand, name = _template(ctx)
    record = _find(ctx, brand, name)
    path = f"{_base(brand, name)}/customizations/{record['id']}/preview"
    return _preview(ctx, brand, name, record["subject"], record["body"], path)


def _default_content(name: str) -> tuple[str, str]:
    words = re.sub(r"(?<!^)(?=[A-Z][a-z])", " ", name)
    return (
        f"{words} for ${{org.name}}",
        f"<!DOCTYPE html><html><body><p>Hello ${{user.profile.firstName}},</p><p>{words}.</p></body></html>",
    )


@behaviour("getEmailDefaultContent")
def get_email_default_content(ctx: Context) -> Any:
    brand, name = _template(ctx)
    subject, body = _default_content(name)
    base = _base(brand, name)
    return {
        "subject": subject,
        "body": body,
        "_links": {
            "template": _allow(ctx, base, "GET"),
            "self": _allow(ctx, f"{base}/default-content", "GET"),
            "preview": _allow(ctx, f"{base}/default-content/preview", "GET"),
            "test": _allow(ctx, f"{base}/test", "POST"),
        },
    }


@behaviour("getEmailDefaultPreview")
def get_email_default_preview(ctx: Context) -> Any:
    brand, name = _template(ctx)
    subject, body = _default_content(name)
    return _preview(ctx, brand, name, subject, body, f"{_base(brand, name)}/default-content/preview")


def _render_settings(ctx: Context, brand: dict[str, Any], name: str) -> dict[str, Any]:
    stored = ctx.state.collection(SETTINGS).get(f"{brand['id']}/{name}") or {"recipients": "ALL_USERS"}
    base = _base(brand, name)
    return {
        **stored,
        "_links": {"self": _allow(ctx, f"{base}/settings", "GET", "PUT"), "template": _allow(ctx, base, "GET")},
    }


@behaviour("getEmailSettings")
def get_email_settings(ctx: Context) -> Any:
    return _render_settings(ctx, *_template(ctx))


@behaviour("replaceEmailSettings")
def replace_email_settings(ctx: Context) -> Any:
    brand, name = _template(ctx)
    recipients = _store.body_object(ctx).get("recipients")
    if recipients not in ("ALL_USERS", "ADMINS_ONLY", "NO_USERS"):
        raise validation_failed("recipients", f"Invalid value '{recipients}'")
    ctx.state.collection(SETTINGS).put(f"{brand['id']}/{name}", {"recipients": recipients})
    return _render_settings(ctx, brand, name)


@behaviour("sendTestEmail")
def send_test_email(ctx: Context) -> Any:
    _template(ctx)
    # the twin sends no mail; Okta answers 204 once the message is queued
    return Response(204, None)
