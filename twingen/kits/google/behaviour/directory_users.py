"""Admin SDK Directory users: insert, get, list, update, patch, delete, undelete, makeAdmin, signOut.

Reference: https://developers.google.com/admin-sdk/directory/reference/rest/v1/users (the resource and each method's
page); the guide https://developers.google.com/admin-sdk/directory/v1/guides/manage-users. Every method needs a
super administrator's token (``_directory_model.require_admin``). Rules chosen without a quoted answer say so.
"""

from __future__ import annotations

import copy
import hashlib
from typing import Any

from ..runtime import Context, Response, behaviour
from . import _directory_model as dm
from . import _errors as err
from ._directory_query import matcher, page
from ._directory_seed import new_user_record
from ._request import p_int, p_str
from .directory_orgunits import check_org_unit
from .seed import add_person

__all__ = ["render_user", "user_key"]

Record = dict[str, Any]
WRITABLE = frozenset(
    {"name", "suspended", "changePasswordAtNextLogin", "ipWhitelisted", "orgUnitPath", "includeInGlobalAddressList",
     "archived", "recoveryEmail", "recoveryPhone", "emails", "externalIds", "relations", "addresses", "organizations",
     "phones", "languages", "ims", "notes", "websites", "locations", "keywords", "gender", "posixAccounts",
     "sshPublicKeys", "customSchemas"}
)  # fmt: skip
"""Fields a request sets as sent; the rest of the resource is read-only (``id``, ``isAdmin``: makeAdmin...) and
ignored when sent, as Google ignores read-only fields in a body."""
_HIDDEN = ("driveEmail", "passwordHash", "deletionTime", "photo")
_ORDER = {"email": "primaryEmail", "givenName": "givenName", "familyName": "familyName"}


def render_user(user: Record, deleted: bool = False) -> Record:
    """The resource as the admin view answers it (``kind`` admin#directory#user; ``fullName`` from the parts)."""
    out: Record = {"kind": "admin#directory#user", "etag": dm.etag(user["customerId"], user)}
    out.update({k: v for k, v in user.items() if k not in _HIDDEN})
    name = dict(user.get("name") or {})
    name["fullName"] = f"{name.get('givenName', '')} {name.get('familyName', '')}".strip()
    out["name"] = name
    if not user.get("aliases"):
        out.pop("aliases", None)  # Google leaves out an empty list
    out.setdefault("emails", [{"address": user["primaryEmail"], "primary": True}])
    if not user.get("suspended"):
        out.pop("suspensionReason", None)
    if deleted:
        out["deletionTime"] = user.get("deletionTime")
    return out


def user_key(ctx: Context) -> Record:
    """The user the path names (id, primary address or alias); 404 "Resource Not Found: userKey"."""
    found = dm.find_user(ctx.state, p_str(ctx, "userKey") or "")
    if found is None:
        raise dm.not_found("userKey")
    return found


def _check_name(name: Any, partial: Record | None = None) -> Record:
    """``name.givenName`` and ``familyName``: 1 to 60 characters; a missing or empty one is 400 "Invalid
    Given/Family Name: FamilyName" (https://github.com/googleapis/google-api-php-client/issues/1742)."""
    merged = {**(partial or {}), **(name if isinstance(name, dict) else {})}
    for part, word in (("givenName", "GivenName"), ("familyName", "FamilyName")):
        value = merged.get(part)
        if not isinstance(value, str) or not value.strip() or len(value) > 60:
            raise err.google_error("invalid", f"Invalid Given/Family Name: {word}")
    return {k: v for k, v in merged.items() if k in ("givenName", "familyName", "displayName")}


def _password_hash(body: Record) -> str:
    """Google takes 8 to 100 characters (or a hash, with ``hashFunction``); else 400 "Invalid Password" (not
    confirmed: the wording GAM shows). Only a digest is kept; the password is never answered."""
    password, hashed = body.get("password"), body.get("hashFunction")
    if not isinstance(password, str) or (not hashed and not 8 <= len(password) <= 100):
        raise err.google_error("invalid", "Invalid Password")
    return hashlib.sha256(password.encode()).hexdigest()


def _apply(ctx: Context, user: Record, body: Record) -> None:
    """Set what ``body`` sends (an explicit null clears a field), checking it first: nothing is kept on a refusal."""
    if "name" in body:
        user["name"] = _check_name(body["name"], user.get("name"))
    if "password" in body:
        user["passwordHash"] = _password_hash(body)
    for field in WRITABLE - {"name"}:
        if field in body:
            if body[field] is None:
                user.pop(field, None)
            else:
                user[field] = body[field]
    check_org_unit(ctx.state, user.get("orgUnitPath", "/"))
    if "suspended" in body:
        suspended = bool(body.get("suspended"))
        user["suspended"] = suspended
        # an administrator's suspension has reason ADMIN (the resource's ``suspensionReason``)
        user["suspensionReason"] = "ADMIN" if suspended else None
        if not suspended:
            user.pop("suspensionReason", None)


@behaviour("directory.users.insert")
@dm.partial
def users_insert(ctx: Context) -> Record:
    dm.require_admin(ctx, "user", write=True)
    body = dm.body(ctx)
    email = body.get("primaryEmail")
    if not isinstance(email, str) or not email.strip():
        raise dm.invalid_input("primary_user_email")
    email = email.strip()
    dm.check_domain(ctx.state, email, "primary_user_email")
    name = _check_name(body.get("name"))
    if dm.email_owner(ctx.state, email) is not None:
        raise dm.duplicate()
    user_id = ctx.new_id("1", length=20, alphabet="0123456789")
    user = new_user_record(ctx.state, user_id, email, name, ctx.now())
    _apply(ctx, user, {**body, "name": name, "password": body.get("password")})  # a password is required
    ctx.state.collection("directory_users").put(user_id, user)
    dm.claim_email(ctx.state, email, "user", user_id)
    if ctx.state.collection("users").get(email.casefold()) is None:
        # the new account is also a Drive person (about, permissions by email, their own My Drive)
        add_person(ctx.state, email.casefold(), f"{name['givenName']} {name['familyName']}", ctx.now())
    if user.get("suspended"):
        dm.set_disabled(ctx.state, user, "suspended")
    return render_user(user)


@behaviour("directory.users.get")
@dm.partial
def users_get(ctx: Context) -> Record:
    dm.require_admin(ctx, "user", write=False)
    return render_user(user_key(ctx))


def _scope_of_list(ctx: Context) -> str | None:
    """The domain to list (None: every domain of the customer). Neither ``customer`` nor ``domain`` is 400 "Bad
    Request" (https://github.com/googleapis/google-api-python-client/issues/579), as is another customer's id."""
    customer, domain = p_str(ctx, "customer"), p_str(ctx, "domain")
    own = dm.customer(ctx.state)
    if customer:
        dm.check_customer(own, customer)
        return domain.casefold() if domain else None
    if not domain:
        raise err.google_error("badRequest", "Bad Request")
    return dm.own_domain(own, domain)


@behaviour("directory.users.list")
@dm.partial
def users_list(ctx: Context) -> Record:
    dm.require_admin(ctx, "user", write=False)
    domain = _scope_of_list(ctx)
    test = matcher(p_str(ctx, "query"))
    size = p_int(ctx, "maxResults", 100, 1, 500)
    order = p_str(ctx, "orderBy") or "email"
    if order not in _ORDER:
        raise dm.invalid_input()
    descending = (p_str(ctx, "sortOrder") or "ASCENDING").upper() == "DESCENDING"
    deleted = (p_str(ctx, "showDeleted") or "").casefold() == "true"
    found = [
        user for _, user in ctx.state.collection("directory_users").scan()
        if bool(user.get("deletionTime")) is deleted
        and (domain is None or dm.domain_of(user["primaryEmail"]) == domain) and test(user)
    ]  # fmt: skip
    field = _ORDER[order]

    def key(user: Record) -> list[Any]:
        value = user.get(field) if field == "primaryEmail" else (user.get("name") or {}).get(field)
        return [str(value or "").casefold(), user["id"]]

    chosen, token = page(found, key, descending, size, p_str(ctx, "pageToken"))
    tag = dm.etag(dm.customer(ctx.state)["id"], len(found))
    return dm.listing("admin#directory#users", tag, "users", [render_user(user, deleted) for user in chosen], token)


@behaviour("directory.users.update")
@behaviour("directory.users.patch")
@dm.partial
def users_update(ctx: Context) -> Record:
    """Both take patch semantics (the update method's page: fields not sent are kept, a null clears one)."""
    dm.require_admin(ctx, "user", write=True)
    user = user_key(ctx)
    body = dm.body(ctx)
    was_suspended = bool(user.get("suspended"))
    new_email = dm.new_address(ctx.state, user["primaryEmail"], body.get("primaryEmail"), "primary_user_email")
    _apply(ctx, user, body)
    if new_email is not None:
        dm.move_address(ctx.state, user, "primaryEmail", "user", new_email)
        user["emails"] = [{"address": new_email, "primary": True}]
    ctx.state.collection("directory_users").put(user["id"], user)
    if bool(user.get("suspended")) != was_suspended:
        dm.set_disabled(ctx.state, user, "suspended" if user.get("suspended") else None)
    return render_user(user)


@behaviour("directory.users.delete")
@dm.partial
def users_delete(ctx: Context) -> Response:
    """The account goes (its addresses free, its group memberships removed, its tokens refused); it can be
    restored with ``undelete`` (Google keeps it 20 days: the undelete method's page)."""
    dm.require_admin(ctx, "user", write=True)
    user = user_key(ctx)
    for address in (user["primaryEmail"], *user.get("aliases", ())):
        dm.release_email(ctx.state, address)
    dm.remove_memberships(ctx.state, user["id"])
    user["deletionTime"] = dm.rfc3339(ctx.now())
    ctx.state.collection("directory_users").put(user["id"], user)
    dm.set_disabled(ctx.state, user, "deleted")
    return Response(204)


@behaviour("directory.users.undelete")
@dm.partial
def users_undelete(ctx: Context) -> Response:
    """A deleted user back, by id (a deleted user has no address to be found by); 409 when the address has been
    given to another account since."""
    dm.require_admin(ctx, "user", write=True)
    stored = ctx.state.collection("directory_users").get(p_str(ctx, "userKey") or "")
    user = copy.deepcopy(stored) if stored is not None else None
    if user is None or not user.get("deletionTime"):
        raise dm.not_found("userKey")
    if dm.email_owner(ctx.state, user["primaryEmail"]) is not None:
        raise dm.duplicate()
    user["orgUnitPath"] = check_org_unit(ctx.state, dm.body(ctx).get("orgUnitPath", "/"))
    user.pop("deletionTime", None)
    user["aliases"] = [a for a in user.get("aliases", ()) if dm.email_owner(ctx.state, a) is None]
    for address in (user["primaryEmail"], *user["aliases"]):
        dm.claim_email(ctx.state, address, "user", user["id"])
    ctx.state.collection("directory_users").put(user["id"], user)
    dm.set_disabled(ctx.state, user, "suspended" if user.get("suspended") else None)
    return Response(204)


@behaviour("directory.users.makeAdmin")
@dm.partial
def users_make_admin(ctx: Context) -> Response:
    dm.require_admin(ctx, "user", write=True)
    user = user_key(ctx)
    status = dm.body(ctx).get("status")
    if not isinstance(status, bool):
        raise dm.invalid_input("status")
    user["isAdmin"] = status
    ctx.state.collection("directory_users").put(user["id"], user)
    return Response(204)


@behaviour("directory.users.signOut")
@dm.partial
def users_sign_out(ctx: Context) -> Response:
    """Ends the user's web and device sessions; OAuth tokens stay valid (the method's page), and the twin keeps no
    sessions, so nothing else changes."""
    dm.require_admin(ctx, "user", write=True)
    user_key(ctx)
    return Response(204)
