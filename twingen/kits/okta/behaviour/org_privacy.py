"""The org's remaining privacy and support switches: Okta Aerial consent (which Aerial account may manage the org),
the org's Okta Support cases (a new org has none), and removing addresses from the email bounce list.

Aerial: granted to one account at a time, by the calling admin; reading it before any grant is Okta's 404.
Bounce removal answers each address it could not take, with Okta's two reasons (an address RFC 3696 rejects; one no
user of the org has). Sources:
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/OrgSettingGeneral/ ,
.../tag/OrgSettingSupport/ and .../tag/EmailCustomization/ (bulkRemoveEmailAddressBounces)
"""

from __future__ import annotations

import re
from typing import Any

from ..runtime import Context, behaviour
from ..runtime.clock import iso8601
from . import _log, _store
from ._errors import not_found, validation_failed
from ._links import link
from ._seed_org import COLLECTION

AERIAL = "/api/v1/org/privacy/aerial"
# RFC 3696's shape of an address, as far as a bounce list needs it: one @, a dotted domain, no spaces
ADDRESS = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_ADDRESSES = 100


def _aerial(ctx: Context, record: dict[str, Any]) -> dict[str, Any]:
    return {**record, "_links": {"self": link(ctx, AERIAL, "GET"), "revoke": link(ctx, f"{AERIAL}/revoke", "POST")}}


def _account(ctx: Context) -> str:
    account = _store.body_object(ctx).get("accountId")
    if not isinstance(account, str) or not account.strip():
        raise validation_failed("accountId", "The field cannot be left blank")
    return account


@behaviour("getAerialConsent")
def get_aerial_consent(ctx: Context) -> Any:
    record = ctx.state.collection(COLLECTION).get("aerial")
    if not record:
        raise not_found("aerial", "AerialConsent")
    return _aerial(ctx, record)


@behaviour("grantAerialConsent")
def grant_aerial_consent(ctx: Context) -> Any:
    record = {
        "accountId": _account(ctx),
        "grantedBy": str(ctx.identity.get("user_id") or ""),
        "grantedDate": iso8601(ctx.now()),
    }
    ctx.state.collection(COLLECTION).put("aerial", record)
    _log.record(ctx, "system.org.aerial.consent.grant", [_log.target("AerialAccount", record["accountId"])])
    return _aerial(ctx, record)


@behaviour("revokeAerialConsent")
def revoke_aerial_consent(ctx: Context) -> Any:
    account = _account(ctx)
    current = ctx.state.collection(COLLECTION).get("aerial") or {}
    if current.get("accountId") != account:
        raise not_found(account, "AerialConsent")
    ctx.state.collection(COLLECTION).delete("aerial")
    _log.record(ctx, "system.org.aerial.consent.revoke", [_log.target("AerialAccount", account)])
    return {"_links": {"grant": link(ctx, f"{AERIAL}/grant", "POST")}}


@behaviour("listOktaSupportCases")
def list_okta_support_cases(ctx: Context) -> Any:
    # support cases are opened with Okta Support, not through this API: a new org has none; the list is wrapped,
    # ``{"supportCases": [...]}`` (OktaSupportCases, OrgSettingSupport/listOktaSupportCases)
    return {"supportCases": list((ctx.state.collection(COLLECTION).get("support_cases") or {}).values())}


@behaviour("updateOktaSupportCase")
def update_okta_support_case(ctx: Context) -> Any:
    number = str(ctx.params.get("caseNumber") or "")
    cases = ctx.state.collection(COLLECTION).get("support_cases") or {}
    if number not in cases:
        raise not_found(number, "OktaSupportCase")
    return cases[number]


@behaviour("bulkRemoveEmailAddressBounces")
def bulk_remove_email_address_bounces(ctx: Context) -> Any:
    addresses = _store.body_object(ctx).get("emailAddresses")
    if not isinstance(addresses, list) or not all(isinstance(a, str) for a in addresses):
        raise validation_failed("emailAddresses", "The field cannot be left blank")
    if len(addresses) > MAX_ADDRESSES:
        raise validation_failed("emailAddresses", f"At most {MAX_ADDRESSES} addresses at a time.")
    known = {str((u.get("profile") or {}).get("email") or "").lower() for u in ctx.state.collection("users").values()}
    errors = []
    for address in addresses:
        if not ADDRESS.match(address):
            errors.append(
                {
                    "emailAddress": address,
                    "reason": "Invalid email address. The provided email address failed validation against RFC 3696.",
                }
            )
        elif address.lower() not in known:
            errors.append(
                {
                    "emailAddress": address,
                    "reason": "This email address does not belong to any user in your organization.",
                }
            )
    return {"errors": errors}
