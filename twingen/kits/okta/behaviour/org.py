"""The org's settings (``/api/v1/org``), its billing and technical contacts, end-user footer preference, Okta
communication opt-in/out and Okta support access.

Sources: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/OrgSettingGeneral/ ,
.../tag/OrgSettingContact/ , .../tag/OrgSettingCustomization/ , .../tag/OrgSettingCommunication/ ,
.../tag/OrgSettingSupport/ (support access lasts 8 hours from a grant; an extend adds 24 hours).
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, behaviour
from ..runtime.clock import iso8601
from . import _log
from ._errors import okta_error, validation_failed
from ._links import href, link
from ._seed_org import COLLECTION

# what a client may change with POST/PUT /api/v1/org; the rest (id, subdomain, status, dates) is the org's
WRITABLE = (
    "companyName",
    "website",
    "phoneNumber",
    "endUserSupportHelpURL",
    "supportPhoneNumber",
    "address1",
    "address2",
    "city",
    "state",
    "country",
    "postalCode",
)
CONTACT_TYPES = ("BILLING", "TECHNICAL")
SUPPORT_GRANT_SECONDS = 8 * 3600
SUPPORT_EXTEND_SECONDS = 24 * 3600


def _get(ctx: Context, key: str) -> dict[str, Any]:
    return ctx.state.collection(COLLECTION).get(key) or {}


def _put(ctx: Context, key: str, value: dict[str, Any]) -> None:
    ctx.state.collection(COLLECTION).put(key, value)


def subdomain(ctx: Context) -> str:
    """The org's subdomain: the first label of the host the org is reached on (``acme`` of acme.okta.com)."""
    host = ctx.base_url.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    return host.split(".", 1)[0] if "." in host and not host.replace(".", "").isdigit() else "twin"


def org_name(ctx: Context) -> str:
    """The org's name (``${org.name}`` in emails): its company name, which a new developer org takes from its
    subdomain until an admin names it."""
    return str(_get(ctx, "settings").get("companyName") or subdomain(ctx))


def org_id(ctx: Context) -> str:
    """The org's id (``00o...``), what ORNs and a session's ``idp`` name; empty before the org is seeded."""
    return str(_get(ctx, "settings").get("id") or "")


def orn(ctx: Context, service: str, kind: str, *ids: str | None) -> str:
    """An Okta resource name of this org: ``orn:okta:directory:ORG:groups:ID``, ``orn:okta:idp:ORG:apps:NAME[:ID]``
    (the ids given, empty ones left out)."""
    return f"orn:okta:{service}:{org_id(ctx)}:{kind}" + "".join(f":{id_}" for id_ in ids if id_)


def _settings(ctx: Context, record: dict[str, Any]) -> dict[str, Any]:
    shown = dict(record)
    shown["subdomain"] = subdomain(ctx)
    shown["companyName"] = record.get("companyName") or subdomain(ctx)
    shown["_links"] = {
        "preferences": link(ctx, "/api/v1/org/preferences"),
        "uploadLogo": link(ctx, "/api/v1/org/logo", "POST"),
        "oktaCommunication": link(ctx, "/api/v1/org/privacy/oktaCommunication"),
        "logo": link(ctx, "/api/v1/org/logo"),
        "oktaSupport": link(ctx, "/api/v1/org/privacy/oktaSupport"),
        "contacts": link(ctx, "/api/v1/org/contacts"),
    }
    return shown


@behaviour("getOrgSettings")
def get_org_settings(ctx: Context) -> Any:
    return _settings(ctx, _get(ctx, "settings"))


@behaviour("updateOrgSettings")
@behaviour("replaceOrgSettings")
def update_org_settings(ctx: Context) -> Any:
    body = ctx.body if ctx.body is not None else {}
    if not isinstance(body, dict):
        raise okta_error("E0000003")
    record = _get(ctx, "settings")
    given = {k: body[k] for k in WRITABLE if k in body}
    for name, value in given.items():
        if value is not None and not isinstance(value, str):
            raise validation_failed(name, f"Invalid value '{value}'")
    if ctx.op.get("method", "").upper() == "PUT":
        # a replace clears what it leaves out (Okta: "Replaces the Org General Settings")
        record.update(
            {
                k: ("" if k in ("phoneNumber", "endUserSupportHelpURL", "supportPhoneNumber") else None)
                for k in WRITABLE
                if k != "companyName"
            }
        )
    record.update(given)
    record["lastUpdated"] = iso8601(ctx.now())
    _put(ctx, "settings", record)
    _log.record(ctx, "system.org.update", [_log.target("Org", record["id"], subdomain(ctx), org_name(ctx))])
    return _settings(ctx, record)


@behaviour("listOrgContactTypes")
def list_org_contact_types(ctx: Context) -> Any:
    return [
        {"contactType": kind, "_links": {kind.lower(): link(ctx, f"/api/v1/org/contacts/{kind.lower()}")}}
        for kind in CONTACT_TYPES
    ]


def _contact_type(ctx: Context) -> str:
    kind = str(ctx.params.get("contactType") or "").upper()
    if kind not in CONTACT_TYPES:
        raise okta_error("E0000007", f"Not found: Resource not found: {ctx.params.get('contactType')} (OrgContact)")
    return kind


def _contact(ctx: Context, user_id: str) -> dict[str, Any]:
    return {"userId": user_id, "_links": {"user": {"href": href(ctx, f"/api/v1/users/{user_id}")}}}


@behaviour("getOrgContactUser")
def get_org_contact_user(ctx: Context) -> Any:
    return _contact(ctx, str(_get(ctx, "contacts").get(_contact_type(ctx)) or ""))


@behaviour("replaceOrgContactUser")
def replace_org_contact_user(ctx: Context) -> Any:
    kind = _contact_type(ctx)
    body = ctx.body if isinstance(ctx.body, dict) else {}
    user_id = body.get("userId")
    if not isinstance(user_id, str) or not user_id:
        raise validation_failed("userId", "The field cannot be left blank")
    users = ctx.state.collection("users")
    if len(users) and users.get(user_id) is None:
        raise okta_error("E0000007", f"Not found: Resource not found: {user_id} (User)")
    contacts = _get(ctx, "contacts")
    contacts[kind] = user_id
    _put(ctx, "contacts", contacts)
    return _contact(ctx, user_id)


def _preferences(ctx: Context, record: dict[str, Any]) -> dict[str, Any]:
    action = "hideEndUserFooter" if record["showEndUserFooter"] else "showEndUserFooter"
    return {**record, "_links": {action: link(ctx, f"/api/v1/org/preferences/{action}", "POST")}}


@behaviour("getOrgPreferences")
def get_org_preferences(ctx: Context) -> Any:
    return _preferences(ctx, _get(ctx, "preferences"))


def _footer(show: bool) -> Any:
    def change(ctx: Context) -> Any:
        record = {"showEndUserFooter": show}
        _put(ctx, "preferences", record)
        return _preferences(ctx, record)

    return change


# the registry reads module globals: each behaviour made by a factory is bound to a name
hide_footer = behaviour("setOrgHideOktaUIFooter")(_footer(False))
show_footer = behaviour("setOrgShowOktaUIFooter")(_footer(True))


def _communication(ctx: Context, record: dict[str, Any]) -> dict[str, Any]:
    action = "optIn" if record["optOutEmailUsers"] else "optOut"
    return {**record, "_links": {action: link(ctx, f"/api/v1/org/privacy/oktaCommunication/{action}", "POST")}}


@behaviour("getOktaCommunicationSettings")
def get_okta_communication_settings(ctx: Context) -> Any:
    return _communication(ctx, _get(ctx, "communication"))


def _opt(out: bool) -> Any:
    def change(ctx: Context) -> Any:
        record = {"optOutEmailUsers": out}
        _put(ctx, "communication", record)
        return _communication(ctx, record)

    return change


opt_in = behaviour("optInUsersToOktaCommunicationEmails")(_opt(False))
opt_out = behaviour("optOutUsersFromOktaCommunicationEmails")(_opt(True))


def _support(ctx: Context, record: dict[str, Any]) -> dict[str, Any]:
    base = "/api/v1/org/privacy/oktaSupport"
    actions = ("extend", "revoke") if record["support"] == "ENABLED" else ("grant",)
    return {**record, "_links": {name: link(ctx, f"{base}/{name}", "POST") for name in actions}}


@behaviour("getOrgOktaSupportSettings")
def get_org_okta_support_settings(ctx: Context) -> Any:
    return _support(ctx, _get(ctx, "support"))


@behaviour("grantOktaSupport")
def grant_okta_support(ctx: Context) -> Any:
    record = {"support": "ENABLED", "expiration": iso8601(ctx.now() + SUPPORT_GRANT_SECONDS)}
    _put(ctx, "support", record)
    return _support(ctx, record)


@behaviour("extendOktaSupport")
def extend_okta_support(ctx: Context) -> Any:
    record = _get(ctx, "support")
    if record.get("support") != "ENABLED":
        raise okta_error("E0000006")
    record = {"support": "ENABLED", "expiration": iso8601(ctx.now() + SUPPORT_EXTEND_SECONDS)}
    _put(ctx, "support", record)
    return _support(ctx, record)


@behaviour("revokeOktaSupport")
def revoke_okta_support(ctx: Context) -> Any:
    record = {"support": "DISABLED", "expiration": None}
    _put(ctx, "support", record)
    return _support(ctx, record)
