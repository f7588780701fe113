"""The public configuration of custom app authenticators (``/.well-known/app-authenticator-configuration``): the
``app`` type authenticators (made with the Okta Devices SDK) an OAuth client's users enroll, by ``oauthClientId``.

A new org has no custom app authenticator (its authenticators are the built-in ones, ``_seed_authenticators``), so
every client lists ``[]``; without ``oauthClientId`` Okta answers 400 E0000028. Source:
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Authenticator/#tag/Authenticator/operation/getWellKnownAppAuthenticatorConfiguration
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, behaviour
from ._errors import okta_error
from ._seed_authenticators import COLLECTION


@behaviour("getWellKnownAppAuthenticatorConfiguration")
def configuration(ctx: Context) -> Any:
    if not str(ctx.params.get("oauthClientId") or ""):
        raise okta_error("E0000028")
    custom = [
        a
        for a in ctx.state.collection(COLLECTION).values()
        if a.get("type") == "app" and a.get("key") not in ("okta_verify",)
    ]
    return [
        {
            "authenticatorId": a["id"],
            "key": a["key"],
            "name": a.get("name"),
            "type": "app",
            "createdDate": a.get("created"),
            "lastUpdated": a.get("lastUpdated"),
            "settings": a.get("settings") or {},
            "supportedMethods": [],
        }
        for a in custom
    ]
