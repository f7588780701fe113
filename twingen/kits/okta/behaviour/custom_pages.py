"""A brand's hosted pages: the sign-in page and the error page (Okta's default, the brand's customized one and a
preview of each), the sign-out page setting and the Sign-In Widget versions the org offers.

A page a brand never customized is Okta's 404; deleting one goes back to the default. Sources:
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/CustomPages/ and the recorded answers.
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response, behaviour
from . import _store
from ._errors import not_found, validation_failed
from .brands import find_brand

COLLECTION = "brand_pages"
# the Sign-In Widget versions an org can pin: each minor of the supported majors, each major's caret, and "*"
WIDGET_VERSIONS = [
    *(f"5.{n}" for n in range(11, 17)),
    "^5",
    *(f"6.{n}" for n in range(0, 10)),
    "^6",
    *(f"7.{n}" for n in range(0, 39)),
    "^7",
    "*",
]
WIDGET_FIELDS = (
    "signInLabel",
    "usernameLabel",
    "usernameInfoTip",
    "passwordLabel",
    "passwordInfoTip",
    "showPasswordVisibilityToggle",
    "showUserIdentifier",
    "forgotPasswordLabel",
    "forgotPasswordUrl",
    "unlockAccountLabel",
    "unlockAccountUrl",
    "helpLabel",
    "helpUrl",
    "customLink1Label",
    "customLink1Url",
    "customLink2Label",
    "customLink2Url",
    "authenticatorPageCustomLinkLabel",
    "authenticatorPageCustomLinkUrl",
    "classicRecoveryFlowEmailOrUsernameLabel",
    "widgetGeneration",
)
DEFAULT_PAGES = {
    "sign-in": "<!DOCTYPE html>\n<html>\n<head>\n    <title>{{pageTitle}}</title>\n    {{{SignInWidgetResources}}}\n"
    '</head>\n<body>\n    <div id="okta-login-container"></div>\n    {{{OktaUtil}}}\n</body>\n</html>',
    "error": "<!DOCTYPE html>\n<html>\n<head>\n    <title>{{orgName}} - {{errorSummary}}</title>\n"
    "    {{{ErrorPageResources}}}\n</head>\n<body>\n    <h1>{{errorSummary}}</h1>\n"
    "    <p>{{errorDescription}}</p>\n</body>\n</html>",
}


def _widget(given: Any) -> dict[str, Any]:
    values: dict[str, Any] = {name: None for name in WIDGET_FIELDS}
    values.update(showPasswordVisibilityToggle=True, showUserIdentifier=True, widgetGeneration="G2")
    if isinstance(given, dict):
        values.update({k: v for k, v in given.items() if k in WIDGET_FIELDS})
    return values


# the default page's widget labels (recorded); a page an admin writes starts from none (recorded)
DEFAULT_LABELS = {
    "signInLabel": "Sign In",
    "usernameLabel": "Username",
    "usernameInfoTip": "",
    "passwordLabel": "Password",
    "passwordInfoTip": "",
    "forgotPasswordLabel": "Forgot password?",
    "forgotPasswordUrl": "",
    "unlockAccountLabel": "Unlock account?",
    "unlockAccountUrl": "",
    "helpLabel": "Help",
    "helpUrl": "",
    "customLink1Label": "",
    "customLink1Url": "",
    "customLink2Label": "",
    "customLink2Url": "",
    "authenticatorPageCustomLinkLabel": "",
    "authenticatorPageCustomLinkUrl": "",
    "classicRecoveryFlowEmailOrUsernameLabel": "Email or Username",
}


def _default(kind: str) -> dict[str, Any]:
    page: dict[str, Any] = {"pageContent": DEFAULT_PAGES[kind], "contentSecurityPolicySetting": {"mode": "enforced"}}
    if kind == "sign-in":
        page.update(widgetVersion="^7", widgetCustomizations=_widget(DEFAULT_LABELS))
    return page


def _key(brand: dict[str, Any], kind: str, variant: str) -> str:
    return f"{brand['id']}/{kind}/{variant}"


def _stored(ctx: Context, kind: str, variant: str) -> dict[str, Any]:
    brand = find_brand(ctx)
    found = ctx.state.collection(COLLECTION).get(_key(brand, kind, variant))
    if found is None:
        raise not_found(f"{brand['id']}/{kind}/{variant}", "Page")
    return found


def _write(ctx: Context, kind: str, variant: str) -> dict[str, Any]:
    brand = find_brand(ctx)
    body = _store.body_object(ctx)
    content = body.get("pageContent")
    if content is not None and not isinstance(content, str):
        raise validation_failed("pageContent", f"Invalid value '{content}'")
    page: dict[str, Any] = {"pageContent": content if content is not None else DEFAULT_PAGES[kind]}
    if kind == "sign-in":
        version = body.get("widgetVersion", "^7")
        if version not in WIDGET_VERSIONS:
            raise validation_failed("widgetVersion", f"Invalid value '{version}'")
        page.update(widgetVersion=version, widgetCustomizations=_widget(body.get("widgetCustomizations")))
    if isinstance(body.get("contentSecurityPolicySetting"), dict):
        page["contentSecurityPolicySetting"] = body["contentSecurityPolicySetting"]
    ctx.state.collection(COLLECTION).put(_key(brand, kind, variant), page)
    return page


def _delete(ctx: Context, kind: str, variant: str) -> Response:
    brand = find_brand(ctx)
    ctx.state.collection(COLLECTION).delete(_key(brand, kind, variant))
    return Response(204, None)


def _register(kind: str, name: str) -> dict[str, Any]:
    """The page's behaviours by name; the caller binds them as module globals, which the registry reads."""

    def get_page(ctx: Context) -> Any:
        brand = find_brand(ctx)
        customized = ctx.state.collection(COLLECTION).get(_key(brand, kind, "customized"))
        return customized or _default(kind)

    def get_default(ctx: Context) -> Any:
        find_brand(ctx)
        return _default(kind)

    made = {
        f"get{name}": behaviour(f"get{name}")(get_page),
        f"getDefault{name}": behaviour(f"getDefault{name}")(get_default),
    }
    for variant, label in (("customized", "Customized"), ("preview", "Preview")):
        made[f"get{label}{name}"] = behaviour(f"get{label}{name}")(lambda ctx, v=variant: _stored(ctx, kind, v))
        made[f"replace{label}{name}"] = behaviour(f"replace{label}{name}")(lambda ctx, v=variant: _write(ctx, kind, v))
        made[f"delete{label}{name}"] = behaviour(f"delete{label}{name}")(lambda ctx, v=variant: _delete(ctx, kind, v))
    return made


globals().update(_register("sign-in", "SignInPage"))
globals().update(_register("error", "ErrorPage"))


@behaviour("listAllSignInWidgetVersions")
def list_all_sign_in_widget_versions(ctx: Context) -> Any:
    find_brand(ctx)
    return WIDGET_VERSIONS


@behaviour("getSignOutPageSettings")
def get_sign_out_page_settings(ctx: Context) -> Any:
    brand = find_brand(ctx)
    return ctx.state.collection(COLLECTION).get(_key(brand, "sign-out", "customized")) or {"type": "OKTA_DEFAULT"}


@behaviour("replaceSignOutPageSettings")
def replace_sign_out_page_settings(ctx: Context) -> Any:
    brand = find_brand(ctx)
    body = _store.body_object(ctx)
    kind = body.get("type")
    if kind not in ("OKTA_DEFAULT", "EXTERNALLY_HOSTED"):
        raise validation_failed("type", f"Invalid value '{kind}'")
    if kind == "EXTERNALLY_HOSTED" and not isinstance(body.get("url"), str):
        raise validation_failed("url", "The field cannot be left blank")
    setting = {"type": kind, **({"url": body["url"]} if kind == "EXTERNALLY_HOSTED" else {})}
    ctx.state.collection(COLLECTION).put(_key(brand, "sign-out", "customized"), setting)
    return setting
