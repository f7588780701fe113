"""Admin SDK Directory customer and domains: customers.get/patch/update, domains.list/get/insert/delete.

References: https://developers.google.com/admin-sdk/directory/reference/rest/v1/customers and .../domains. The
customer is the tenant's one account (``my_customer`` or its id; another value is 400 "Bad Request"); its domains
are where users, groups and aliases may have addresses (``_directory_model.check_domain``).
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response, behaviour
from . import _directory_model as dm
from ._request import p_str

Record = dict[str, Any]
_CUSTOMER_FIELDS = ("alternateEmail", "language", "phoneNumber", "postalAddress")


def own_customer(ctx: Context, param: str) -> Record:
    """The customer the path names: ``my_customer`` or its id (``dm.check_customer``)."""
    customer = dm.customer(ctx.state)
    dm.check_customer(customer, p_str(ctx, param))
    return customer


def _save(ctx: Context, customer: Record) -> None:
    ctx.state.collection("directory_customer").put("customer", customer)


def render_customer(customer: Record) -> Record:
    out: Record = {
        "kind": "admin#directory#customer",
        "id": customer["id"],
        "customerDomain": customer["domains"][0] if customer["domains"] else "",
        "customerCreationTime": customer["creationTime"],
        "language": customer.get("language", "en"),
    }
    out.update({k: customer[k] for k in _CUSTOMER_FIELDS if k in customer})
    return {**out, "etag": dm.etag(customer["id"], out)}


@behaviour("directory.customers.get")
@dm.partial
def customers_get(ctx: Context) -> Record:
    dm.require_admin(ctx, "customer", write=False)
    return render_customer(own_customer(ctx, "customerKey"))


@behaviour("directory.customers.update")
@behaviour("directory.customers.patch")
@dm.partial
def customers_update(ctx: Context) -> Record:
    """``alternateEmail``, ``language``, ``phoneNumber`` and ``postalAddress``; ``customerDomain`` and the rest are
    read-only here (the primary domain changes in the Admin console)."""
    dm.require_admin(ctx, "customer", write=True)
    customer = own_customer(ctx, "customerKey")
    body = ctx.body if isinstance(ctx.body, dict) else {}
    for field in _CUSTOMER_FIELDS:
        if field in body:
            value = body[field]
            if value is not None and not isinstance(value, dict if field == "postalAddress" else str):
                raise dm.invalid_input(field)
            customer[field] = value
    _save(ctx, customer)
    return render_customer(customer)


def _domain(customer: Record, name: str) -> Record:
    info = customer.get("domainInfo", {}).get(name, {})
    out: Record = {
        "kind": "admin#directory#domain",
        "domainName": name,
        "isPrimary": bool(customer["domains"]) and customer["domains"][0] == name,
        "verified": info.get("verified", True),
        "creationTime": str(info.get("creationTime", 0)),  # int64 milliseconds: a string in JSON
    }
    return {**out, "etag": dm.etag(customer["id"], out)}


@behaviour("directory.domains.list")
@dm.partial
def domains_list(ctx: Context) -> Record:
    dm.require_admin(ctx, "domain", write=False)
    customer = own_customer(ctx, "customer")
    return {
        "kind": "admin#directory#domains",
        "etag": dm.etag(customer["id"], customer["domains"]),
        "domains": [_domain(customer, name) for name in customer["domains"]],
    }


@behaviour("directory.domains.get")
@dm.partial
def domains_get(ctx: Context) -> Record:
    dm.require_admin(ctx, "domain", write=False)
    customer = own_customer(ctx, "customer")
    name = dm.own_domain(customer, p_str(ctx, "domainName") or "")
    return _domain(customer, name)


@behaviour("directory.domains.insert")
@dm.partial
def domains_insert(ctx: Context) -> Record:
    """A secondary domain, ``verified`` false (Google verifies ownership through DNS, which the twin cannot); the
    twin lets addresses be made on it all the same (a deviation listed in NOTES.md)."""
    dm.require_admin(ctx, "domain", write=True)
    customer = own_customer(ctx, "customer")
    body = ctx.body if isinstance(ctx.body, dict) else {}
    name = body.get("domainName")
    if not isinstance(name, str) or "." not in name.strip(". ") or "@" in name or " " in name.strip():
        raise dm.invalid_input("domainName")
    name = name.strip().casefold()
    if name in customer["domains"]:
        raise dm.duplicate()
    customer["domains"] = [*customer["domains"], name]
    info = {"verified": False, "creationTime": int(ctx.now() * 1000)}
    customer["domainInfo"] = {**customer.get("domainInfo", {}), name: info}
    _save(ctx, customer)
    return _domain(customer, name)


@behaviour("directory.domains.delete")
@dm.partial
def domains_delete(ctx: Context) -> Response:
    """The primary domain, or one with users or groups on it, cannot go: 400 "Invalid Input" (not confirmed)."""
    dm.require_admin(ctx, "domain", write=True)
    customer = own_customer(ctx, "customer")
    name = dm.own_domain(customer, p_str(ctx, "domainName") or "")
    in_use = any(dm.domain_of(address) == name for address, _ in ctx.state.collection("directory_emails").scan())
    if customer["domains"][0] == name or in_use:
        raise dm.invalid_input("domainName")
    customer["domains"] = [d for d in customer["domains"] if d != name]
    customer.get("domainInfo", {}).pop(name, None)
    _save(ctx, customer)
    return Response(204)
