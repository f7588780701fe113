"""Custom domains: the org's own Okta domain (``default``, its subdomain on okta.com) and the custom domains an admin
adds for a brand, with the DNS records that prove ownership and the certificate that serves them.

What Okta does (recorded answers of okta-sdk-python's cassettes, and
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/CustomDomain/):
- ``GET /api/v1/domains`` (and a brand's ``/domains``) answers ``{"domains": [...]}``, the org's ``default``
  domain (the host it is reached on, OKTA_MANAGED, COMPLETED, its brand the default brand) first; ``_links``
  ``self`` and ``brand``;
- a reserved name (``example.com``/``.net``/``.org`` and their subdomains, RFC 2606, or Okta's own) is E0000001
  "domain: Prohibited custom domain name."; a new domain is NOT_STARTED with the TXT and CNAME records to add;
- verify looks the records up in DNS, which a twin never reaches: the domain becomes FAILED_TO_VERIFY; verifying
  ``default`` is E0000001 "This operation is not supported for this domain";
- an unknown id is 404 ``(Domain)``.
Custom domains live in state collection ``domains`` (the brands area lists a brand's there).
"""

from __future__ import annotations

import re
from typing import Any

from ..runtime import Context, Response, behaviour
from . import _log, _store
from ._errors import not_found, okta_error, validation_failed
from ._links import href, link
from ._seed_brands import BRANDS

COLLECTION = "domains"
_NAME = re.compile(r"(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")
_RESERVED = ("example.com", "example.net", "example.org", "okta.com", "oktapreview.com", "okta-emea.com")


def domain_name(body: dict[str, Any], reserved: tuple[str, ...], prohibited: str) -> str:
    """The ``domain`` asked for, lower-cased: Okta's 400 for a malformed name or one under a reserved name (the
    email domains API checks alike, with its own reserved list and wording)."""
    domain = str(body.get("domain") or "").lower().rstrip(".")
    if not _NAME.fullmatch(domain):
        raise validation_failed("domain", "The domain name is not valid.")
    if any(domain == r or domain.endswith("." + r) for r in reserved):
        raise okta_error("E0000001", "Api validation failed: domain", causes=[f"domain: {prohibited}"])
    return domain


def _default_brand(ctx: Context) -> str:
    return next((b["id"] for b in ctx.state.collection(BRANDS).values() if b.get("isDefault")), "")


def _org_default(ctx: Context) -> dict[str, Any]:
    host = ctx.base_url.split("://", 1)[-1].split("/", 1)[0]
    return {
        "id": "default",
        "domain": host,
        "certificateSourceType": "OKTA_MANAGED",
        "validationStatus": "COMPLETED",
        "brandId": _default_brand(ctx),
    }


def _view(ctx: Context, record: dict[str, Any]) -> dict[str, Any]:
    shown = {k: v for k, v in record.items() if not k.startswith("_")}
    own = record["id"] == "default"
    links: dict[str, Any] = {
        "self": {
            **link(ctx, f"/api/v1/domains/{record['id']}"),
            "hints": {"allow": ["GET"] if own else ["GET", "PUT", "DELETE"]},
        }
    }
    if not own:
        links["verify"] = link(ctx, f"/api/v1/domains/{record['id']}/verify", "POST")
        links["certificate"] = link(ctx, f"/api/v1/domains/{record['id']}/certificate", "PUT")
    links["brand"] = {
        "href": href(ctx, f"/api/v1/brands/{record.get('brandId')}"),
        "hints": {"allow": ["GET", "PUT", "DELETE"]},
    }
    shown["_links"] = links
    return shown


def _find(ctx: Context) -> dict[str, Any]:
    id_ = str(ctx.params.get("domainId") or "")
    if id_ == "default":
        return _org_default(ctx)
    found = ctx.state.collection(COLLECTION).get(id_)
    if found is None:
        raise not_found(id_, "Domain")
    return found


def _brand(ctx: Context, brand_id: Any) -> str:
    if brand_id is None:
        return _default_brand(ctx)
    if ctx.state.collection(BRANDS).get(str(brand_id)) is None:
        raise not_found(str(brand_id), "Brand")
    return str(brand_id)


@behaviour("listCustomDomains")
def list_(ctx: Context) -> Any:
    return {
        "domains": [_view(ctx, _org_default(ctx))] + [_view(ctx, d) for d in ctx.state.collection(COLLECTION).values()]
    }


@behaviour("listBrandDomains")
def brand_domains(ctx: Context) -> Any:
    brand_id = _brand(ctx, ctx.params.get("brandId"))
    found = [d for d in [_org_default(ctx), *ctx.state.collection(COLLECTION).values()] if d["brandId"] == brand_id]
    return {"domains": [_view(ctx, d) for d in found]}


@behaviour("createCustomDomain")
def create(ctx: Context) -> Any:
    body = _store.body_object(ctx)
    domain = domain_name(body, _RESERVED, "Prohibited custom domain name.")
    if any(d["domain"] == domain for d in ctx.state.collection(COLLECTION).values()):
        raise validation_failed("domain", "The domain is already in use.")
    source = body.get("certificateSourceType")
    if source not in ("MANUAL", "OKTA_MANAGED"):
        raise validation_failed("certificateSourceType", "The source must be MANUAL or OKTA_MANAGED.")
    id_ = _store.new_id(ctx, "OcD")
    record = {
        "id": id_,
        "domain": domain,
        "certificateSourceType": source,
        "validationStatus": "NOT_STARTED",
        "brandId": _brand(ctx, body.get("brandId")),
        "dnsRecords": [
            {
                "fqdn": f"_oktaverification.{domain}",
                "recordType": "TXT",
                "values": [ctx.new_id("", 32, "0123456789abcdef")],
            },
            {
                "fqdn": domain,
                "recordType": "CNAME",
                "values": [f"{_org_default(ctx)['domain']}.customdomains.okta.com"],
            },
        ],
    }
    ctx.state.collection(COLLECTION).put(id_, record)
    _log.record(ctx, "system.custom_url_domain.initiate", [_log.target("Domain", id_, domain, domain)])
    return _view(ctx, record)


@behaviour("getCustomDomain")
def get(ctx: Context) -> Any:
    return _view(ctx, _find(ctx))


@behaviour("replaceCustomDomain")
def replace(ctx: Context) -> Any:
    record = _find(ctx)
    if record["id"] == "default":
        raise okta_error(
            "E0000001", "Api validation failed: id", causes=["This operation is not supported for this domain"]
        )
    record["brandId"] = _brand(ctx, _store.body_object(ctx).get("brandId"))
    ctx.state.collection(COLLECTION).put(record["id"], record)
    return _view(ctx, record)


@behaviour("deleteCustomDomain")
def delete(ctx: Context) -> Response:
    record = _find(ctx)
    if record["id"] == "default":
        raise okta_error(
            "E0000001", "Api validation failed: id", causes=["This operation is not supported for this domain"]
        )
    ctx.state.collection(COLLECTION).delete(record["id"])
    _log.record(ctx, "system.custom_url_domain.delete", [_log.target("Domain", record["id"], record["domain"])])
    return Response(204, None)


@behaviour("verifyDomain")
def verify(ctx: Context) -> Any:
    record = _find(ctx)
    if record["id"] == "default":
        raise okta_error(
            "E0000001", "Api validation failed: id", causes=["This operation is not supported for this domain"]
        )
    # the TXT record is looked up in public DNS, which a twin never reaches
    record["validationStatus"] = "FAILED_TO_VERIFY"
    ctx.state.collection(COLLECTION).put(record["id"], record)
    return _view(ctx, record)


@behaviour("upsertCertificate")
def certificate(ctx: Context) -> Response:
    record = _find(ctx)
    body = _store.body_object(ctx)
    if record["id"] == "default" or record["certificateSourceType"] != "MANUAL":
        raise okta_error(
            "E0000001",
            "Api validation failed: certificateSourceType",
            causes=["certificateSourceType: Only a MANUAL domain takes a certificate."],
        )
    for field in ("certificate", "certificateChain", "privateKey"):
        if not isinstance(body.get(field), str) or "-----BEGIN" not in body[field]:
            raise validation_failed(field, "The field must be PEM text.")
    if body.get("type") != "PEM":
        raise validation_failed("type", "The certificate type must be PEM.")
    return Response(204, None)
