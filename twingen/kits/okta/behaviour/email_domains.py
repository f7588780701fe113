"""Email domains: the domains an org sends its end-user e-mail from (``noreply@mail.acme.com``), each proven with
DNS records (Okta's TXT record, and the CNAMEs of the mail provider's sending and DKIM hosts).

What Okta does (https://developer.okta.com/docs/api/openapi/okta-management/management/tag/EmailDomain/):
- ids start ``OeD``; a domain answers ``id``, ``domain``, ``displayName``, ``userName``, ``validationSubdomain``
  (default ``mail``), ``validationStatus`` (NOT_STARTED when made) and ``dnsValidationRecords``;
  a brand uses it through the brand's ``emailDomainId``;
- reserved names (``example.com``/``.net``/``.org``, RFC 2606, and Okta's own) are E0000001 as for custom domains;
- verify starts Okta's look-up of the records in DNS, which a twin never reaches: the domain stays POLLING (the
  email domain statuses are DELETED, ERROR, NOT_STARTED, POLLING, VERIFIED: EmailDomainStatus);
- a domain a brand uses cannot be deleted (403 E0000006); unknown ids are 404 ``(EmailDomain)``.
"""

from __future__ import annotations

import re
from typing import Any

from ..runtime import Context, Response, behaviour
from . import _log, _store
from ._errors import okta_error, validation_failed
from ._seed_brands import BRANDS
from .custom_domains import domain_name

COLLECTION = "email_domains"
_RESERVED = ("example.com", "example.net", "example.org", "okta.com", "oktapreview.com")
_USER = re.compile(r"[A-Za-z0-9._+-]{1,64}")


def _find(ctx: Context) -> dict[str, Any]:
    return _store.stored(ctx, COLLECTION, "emailDomainId", "EmailDomain")


def _sender(body: dict[str, Any]) -> tuple[str, str]:
    display, user = body.get("displayName"), body.get("userName")
    if not isinstance(display, str) or not display.strip():
        raise validation_failed("displayName", "The field cannot be left blank.")
    if not isinstance(user, str) or not _USER.fullmatch(user):
        raise validation_failed("userName", "The user name must be the local part of an e-mail address.")
    return display, user


@behaviour("createEmailDomain")
def create(ctx: Context) -> Any:
    body = _store.body_object(ctx)
    domain = domain_name(body, _RESERVED, "Prohibited domain name.")
    display, user = _sender(body)
    sub = str(body.get("validationSubdomain") or "mail")
    account = ctx.new_id("", 8, "0123456789")
    txt = ctx.new_id("", 32, "0123456789abcdef")
    records = [
        {"fqdn": f"_oktaverification.{domain}", "recordType": "TXT", "verificationValue": txt},
        {"fqdn": f"{sub}.{domain}", "recordType": "CNAME", "verificationValue": f"u{account}.wl.sendgrid.net"},
    ]
    records += [
        {
            "fqdn": f"{s}._domainkey.{domain}",
            "recordType": "CNAME",
            "verificationValue": f"{s}.domainkey.u{account}.wl.sendgrid.net",
        }
        for s in ("o1", "o2")
    ]
    record: dict[str, Any] = {
        "id": _store.new_id(ctx, "OeD"),
        "displayName": display,
        "dnsValidationRecords": records,
        "domain": domain,
        "userName": user,
        "validationStatus": "NOT_STARTED",
        "validationSubdomain": sub,
    }
    ctx.state.collection(COLLECTION).put(record["id"], record)
    _log.record(ctx, "system.email_domain.create", [_log.target("EmailDomain", record["id"], domain, domain)])
    return record


@behaviour("getEmailDomain")
def get(ctx: Context) -> Any:
    return _find(ctx)


@behaviour("listEmailDomains")
def list_(ctx: Context) -> Any:
    return list(ctx.state.collection(COLLECTION).values())


@behaviour("replaceEmailDomain")
def replace(ctx: Context) -> Any:
    record = _find(ctx)
    record["displayName"], record["userName"] = _sender(_store.body_object(ctx))
    ctx.state.collection(COLLECTION).put(record["id"], record)
    return record


@behaviour("deleteEmailDomain")
def delete(ctx: Context) -> Response:
    record = _find(ctx)
    if any(b.get("emailDomainId") == record["id"] for b in ctx.state.collection(BRANDS).values()):
        raise okta_error(
            "E0000006",
            "You do not have permission to perform the requested action",
            causes=["The email domain is used by a brand."],
        )
    ctx.state.collection(COLLECTION).delete(record["id"])
    return Response(204, None)


@behaviour("verifyEmailDomain")
def verify(ctx: Context) -> Any:
    record = _find(ctx)
    # the records are looked up in public DNS, which a twin never reaches: Okta keeps polling for them
    record["validationStatus"] = "POLLING"
    ctx.state.collection(COLLECTION).put(record["id"], record)
    return record
