"""Identity providers (IdPs): the SAML 2.0, OpenID Connect and social (Facebook, Google, LinkedIn, Microsoft...)
providers an org federates sign-in to, with their lifecycle, and the links Okta gives for signing in through them.

What Okta does beyond the common rules (recorded answers of okta-sdk-python's cassettes, and
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/IdentityProvider/):
- create answers 200 (not 201) with ``issuerMode`` ORG_URL, the policy's unset members as explicit nulls
  (``accountLink.filter``, ``subject.filter``, ``subject.matchAttribute``) and ``maxClockSkew`` 0;
- a social IdP gets its provider's own OAuth endpoints when none are given (Facebook's and LinkedIn's as recorded);
- ``_links`` are the sign-in links (``authorize``, templated, and ``clientRedirectUri``), not ``self``;
- an unknown id is 404 ``(IdpTrust)``.
Keys, signing keys and CSRs are in ``identity_providers_keys.py``; users linked to an IdP in
``identity_providers_users.py``.
"""

from __future__ import annotations

import copy
from typing import Any

from ..runtime import Context, Response, behaviour
from . import _store
from ._errors import okta_error, validation_failed
from ._links import href, link

IDPS = _store.Kind("idps", "IdpTrust", "/api/v1/idps/{id}", prefix="0oa", id_param="idpId", event="system.idp")

TYPES = (
    "SAML2",
    "OIDC",
    "OAUTH2",
    "FACEBOOK",
    "GOOGLE",
    "LINKEDIN",
    "MICROSOFT",
    "APPLE",
    "X509",
    "AgentlessDSSO",
    "IWA",
    "LOGINGOV",
    "LOGINGOV_SANDBOX",
    "SPID",
    "YAHOO",
    "YAHOOJP",
    "AMAZON",
    "DISCORD",
    "GITHUB",
    "GITLAB",
    "ORCID",
    "PAYPAL",
    "PAYPAL_SANDBOX",
    "SALESFORCE",
    "XERO",
    "OKTA_INTEGRATION",
    "ID_PROOFING",
    "PERSONA",
    "CLEAR",
    "INCODE",
    "IDV_PERSONA",
    "IDV_CLEAR",
    "IDV_INCODE",
    "IDV_STANDARD",
)

# the OAuth endpoints Okta fills in for a social provider (recorded for FACEBOOK and LINKEDIN; the others from each
# provider's published OAuth documentation)
_SOCIAL = {
    "FACEBOOK": ("https://www.facebook.com/dialog/oauth", "https://graph.facebook.com/v2.8/oauth/access_token"),
    "LINKEDIN": (
        "https://www.linkedin.com/uas/oauth2/authorization",
        "https://www.linkedin.com/uas/oauth2/accessToken",
    ),
    "GOOGLE": ("https://accounts.google.com/o/oauth2/auth", "https://www.googleapis.com/oauth2/v3/token"),
    "MICROSOFT": (
        "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
        "https://login.microsoftonline.com/common/oauth2/v2.0/token",
    ),
}

_READ_ONLY = ("id", "created", "lastUpdated", "status", "_links", "_embedded")


def render(ctx: Context, _kind: _store.Kind, record: dict[str, Any]) -> dict[str, Any]:
    shown = {k: v for k, v in record.items() if not k.startswith("_")}
    authorize = (
        href(ctx, "/oauth2/v1/authorize") + f"?idp={record['id']}&client_id={{clientId}}&response_type="
        "{responseType}&response_mode={responseMode}&scope={scopes}&redirect_uri={redirectUri}"
        "&state={state}&nonce={nonce}"
    )
    links: dict[str, Any] = {"authorize": {"href": authorize, "templated": True, "hints": {"allow": ["GET"]}}}
    if record.get("type") == "SAML2":
        links["metadata"] = {
            "href": href(ctx, f"/api/v1/idps/{record['id']}/metadata.xml"),
            "type": "application/xml",
            "hints": {"allow": ["GET"]},
        }
        links["acs"] = {
            "href": href(ctx, f"/sso/saml2/{record['id']}"),
            "type": "application/xml",
            "hints": {"allow": ["POST"]},
        }
    else:
        links["clientRedirectUri"] = link(ctx, "/oauth2/v1/authorize/callback", "POST")
    shown["_links"] = links
    return shown


def _checked(body: dict[str, Any]) -> dict[str, Any]:
    """The IdP as sent, refused with Okta's E0000001 for what a real org refuses, completed with Okta's defaults."""
    given = {k: v for k, v in body.items() if k not in _READ_ONLY}
    kind = given.get("type")
    if not kind:
        raise validation_failed("type", "The field cannot be left blank.")
    if kind not in TYPES:
        raise validation_failed("type", f"The IdP type '{kind}' is not supported.")
    if not given.get("name"):
        raise validation_failed("name", "The field cannot be left blank.")
    protocol = given.get("protocol")
    if not isinstance(protocol, dict) or not protocol.get("type"):
        raise validation_failed("protocol", "The field cannot be left blank.")
    given.setdefault("issuerMode", "ORG_URL")
    if kind in _SOCIAL and not protocol.get("endpoints"):
        authorization, token = _SOCIAL[kind]
        protocol["endpoints"] = {
            "authorization": {"url": authorization, "binding": "HTTP-REDIRECT"},
            "token": {"url": token, "binding": "HTTP-POST"},
        }
    given["policy"] = _policy(given.get("policy"))
    return given


def _policy(sent: Any) -> dict[str, Any]:
    policy = copy.deepcopy(sent) if isinstance(sent, dict) else {}
    link = policy.setdefault("accountLink", {"action": "AUTO"})
    if isinstance(link, dict):
        link.setdefault("filter", None)
    subject = policy.setdefault("subject", {"userNameTemplate": {"template": "idpuser.email"}, "matchType": "USERNAME"})
    if isinstance(subject, dict):
        subject.setdefault("filter", None)
        subject.setdefault("matchAttribute", None)
    provisioning = policy.setdefault("provisioning", {"action": "AUTO"})
    if isinstance(provisioning, dict):
        provisioning.setdefault("profileMaster", False)
    policy.setdefault("maxClockSkew", 0)
    return policy


@behaviour("createIdentityProvider")
def create(ctx: Context) -> Any:
    record = _store.insert(ctx, IDPS, _checked(_store.body_object(ctx)))
    return render(ctx, IDPS, record)


@behaviour("getIdentityProvider")
def get(ctx: Context) -> Any:
    return render(ctx, IDPS, _store.find(ctx, IDPS))


@behaviour("listIdentityProviders")
def list_(ctx: Context) -> Response:
    q = str(ctx.params.get("q") or "").lower()
    kind = str(ctx.params.get("type") or "")
    return _store.listed(
        ctx,
        IDPS,
        keep=lambda r: (not q or str(r.get("name", "")).lower().startswith(q)) and (not kind or r.get("type") == kind),
        default_limit=20,
        render_with=render,
    )


@behaviour("replaceIdentityProvider")
def replace(ctx: Context) -> Any:
    record = _store.find(ctx, IDPS)
    given = _checked(_store.body_object(ctx))
    if given["type"] != record.get("type"):
        raise okta_error("E0000001", "Api validation failed: type", causes=["type: The IdP type cannot be changed."])
    kept: dict[str, Any] = {k: record[k] for k in ("id", "created", "status") if k in record}
    updated = {**kept, **given}
    _store.save(ctx, IDPS, updated)
    _store.log(ctx, IDPS, "update", updated)
    return render(ctx, IDPS, updated)


@behaviour("deleteIdentityProvider")
def delete(ctx: Context) -> Response:
    record = _store.find(ctx, IDPS)
    _store.collection(ctx, IDPS).delete(record["id"])
    # the IdP's own signing keys, CSRs and user links go with it
    for name in ("idp_signing_keys", "idp_csrs", "idp_users"):
        kept = ctx.state.collection(name)
        for key in [k for k in kept if k.startswith(record["id"] + "/")]:
            kept.delete(key)
    _store.log(ctx, IDPS, "delete", record)
    return Response(204, None)


@behaviour("activateIdentityProvider")
def activate(ctx: Context) -> Any:
    return render(ctx, IDPS, _store.set_status(ctx, IDPS, _store.find(ctx, IDPS), "ACTIVE", "activate"))


@behaviour("deactivateIdentityProvider")
def deactivate(ctx: Context) -> Any:
    return render(ctx, IDPS, _store.set_status(ctx, IDPS, _store.find(ctx, IDPS), "INACTIVE", "deactivate"))
