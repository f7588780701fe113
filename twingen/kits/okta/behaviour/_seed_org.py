"""A new org's own settings: the org record, its contacts, end-user preferences, Okta communication and support
access, as ``GET /api/v1/org`` and its sub-resources show them on a fresh org.
Source: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/OrgSettingGeneral/ and
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/OrgSettingContact/
"""

from __future__ import annotations

from ..runtime import SeedContext
from ..runtime.clock import iso8601

COLLECTION = "org"


def admin_id(ctx: SeedContext) -> str:
    return "00uadmin" + ("" if ctx.tenant == "default" else ctx.tenant)


def seed(ctx: SeedContext) -> None:
    now = iso8601(ctx.now())
    org = ctx.state.collection(COLLECTION)
    suffix = "" if ctx.tenant == "default" else ctx.tenant
    # Okta's org id shares the "00o" prefix of other org-level objects
    org.put(
        "settings",
        {
            "id": ("00otwinorg" + suffix + "0000000000")[:20],
            "subdomain": None,
            # a new developer org is named after its subdomain (org.py fills both from the host it is reached on)
            "companyName": None,
            "status": "ACTIVE",
            "expiresAt": None,
            "created": now,
            "lastUpdated": now,
            "website": "https://www.example.com",
            "phoneNumber": "+1 555 0100",
            "endUserSupportHelpURL": "",
            # a support number set: okta-sdk-python drops empty strings from bodies, so "" could never be restored
            "supportPhoneNumber": "+1 555 0199",
            "address1": None,
            "address2": None,
            "city": None,
            "state": None,
            "country": None,
            "postalCode": None,
        },
    )
    # whoever created the org is both contacts until an admin names others
    org.put("contacts", {"BILLING": admin_id(ctx), "TECHNICAL": admin_id(ctx)})
    org.put("preferences", {"showEndUserFooter": True})
    # the recorded org reads opted out before any opt-in/opt-out call
    org.put("communication", {"optOutEmailUsers": True})
    org.put("support", {"support": "DISABLED", "expiration": None})
    from . import features  # the org's self-service features, kept beside their behaviour

    features.seed(ctx)
