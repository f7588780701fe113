"""The Admin SDK Directory's state: the customer, its users and groups, the addresses they answer to, and who may
call it.

Collections (one tenant's): ``directory_customer`` (one record, ``"customer"``), ``directory_users`` and
``directory_groups`` by id, ``directory_members`` by ``"{groupId}:{memberId}"``, and ``directory_emails``: every
primary address and alias, lower-cased, to ``{"kind": "user"|"group", "id"}``, so a key that is an id, a primary
address or an alias is found in one lookup and an address is never given twice (users and groups share the
namespace: https://developers.google.com/admin-sdk/directory/reference/rest/v1/users, ``primaryEmail``: "must be
unique and cannot be an alias of another user").

A Directory user is also a person of the Drive side (the ``users`` collection, by email): the seed's people are
the directory's users, and ``users.insert`` adds the Drive person (``seed.add_person``). A suspended or deleted
user's Drive person carries ``disabled``, which ``suspended.refuse_suspended`` refuses as Google refuses such a
user's token.
"""

from __future__ import annotations

import base64
import copy
import functools
import hashlib
import time
from collections.abc import Callable
from typing import Any

from ..runtime import Context, State, VendorError
from . import _errors as err
from ._request import mask_of, shape

__all__ = [
    "REFERENCE",
    "body",
    "customer",
    "email_owner",
    "etag",
    "find_group",
    "find_user",
    "listing",
    "partial",
    "require_admin",
    "rfc3339",
    "set_disabled",
]

REFERENCE = "https://developers.google.com/admin-sdk/directory/reference/rest/v1/"
NOT_AUTHORIZED = "Not Authorized to access this resource/api"
"""A caller who is not an administrator (https://github.com/googleworkspace/node-samples/issues/27: 403
``forbidden``, "Not Authorized to access this resource/api")."""
_SCOPE = "https://www.googleapis.com/auth/"
_CLOUD = _SCOPE + "cloud-platform"


Behaviour = Callable[[Context], Any]


def partial(fn: Behaviour) -> Behaviour:
    """Google's partial response (``fields``, https://developers.google.com/admin-sdk/directory/v1/guides/performance)
    for a method answering the schema its operation names: the selection is checked before the call does anything
    (an unknown field is 400 ``invalidParameter``, as Drive's) and applied to the answer."""

    @functools.wraps(fn)
    def answer(ctx: Context) -> Any:
        schemas = [r["schema"]["$ref"] for r in ctx.op.get("responses") or () if "$ref" in (r.get("schema") or {})]
        mask = mask_of(ctx, "*", schemas[0].rsplit("/", 1)[1]) if schemas else None
        result = fn(ctx)
        return shape(result, mask) if mask is not None and isinstance(result, dict) else result

    return answer


def rfc3339(seconds: float) -> str:
    """Directory times: ``2013-02-05T10:30:03.000Z`` (milliseconds, UTC)."""
    whole = int(seconds)
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(whole)) + f".{int((seconds - whole) * 1000):03d}Z"


def etag(*parts: Any) -> str:
    """Directory etags are a quoted pair of 27-character hashes (``"KbzxxlrznavcDE7kirZiCFvGH0s/4T5R..."``, quoted in
    https://github.com/googleapis/google-api-nodejs-client/issues/166); this one changes when the record does."""
    halves = [base64.urlsafe_b64encode(hashlib.sha1(repr(p).encode()).digest()).decode()[:27] for p in parts[:2]]
    return '"' + "/".join(halves) + '"'


def customer(state: State) -> dict[str, Any]:
    """A copy of the tenant's customer: ``{"id": "C0...", "domains": [...], "creationTime"}`` (the seed writes it)."""
    found = state.collection("directory_customer").get("customer")
    return copy.deepcopy(found) if found else {"id": "", "domains": [], "creationTime": rfc3339(0)}


def check_customer(own: dict[str, Any], given: str | None) -> None:
    """``my_customer`` or the customer's own id; any other value (another customer's id, a domain or an organization
    name) is 400 ``badRequest`` "Bad Request" (https://github.com/googleworkspace/go-samples/issues/10: a domain as
    ``customer``; https://github.com/refractionPOINT/documentation/pull/335: "a bare HTTP 400: Bad Request")."""
    if given not in ("my_customer", own["id"]):
        raise err.google_error("badRequest", "Bad Request")


def domain_of(address: str) -> str:
    return address.rpartition("@")[2].casefold()


def email_owner(state: State, address: str) -> dict[str, Any] | None:
    """``{"kind", "id"}`` of the user or group with this primary address or alias."""
    return state.collection("directory_emails").get(address.strip().casefold())


def claim_email(state: State, address: str, kind: str, record_id: str) -> None:
    state.collection("directory_emails").put(address.casefold(), {"kind": kind, "id": record_id})


def release_email(state: State, address: str) -> None:
    state.collection("directory_emails").delete(address.casefold())


def _find(state: State, key: str, kind: str) -> dict[str, Any] | None:
    collection = state.collection(f"directory_{kind}s")
    if "@" in key:
        owner = email_owner(state, key)
        found = collection.get(owner["id"]) if owner and owner["kind"] == kind else None
    else:
        found = collection.get(key)
    # a copy: the stored record is live, and a request refused half-way must leave it as it was
    return copy.deepcopy(found) if found is not None and not found.get("deletionTime") else None


def find_user(state: State, key: str) -> dict[str, Any] | None:
    """The (not deleted) user whose id, primary address or alias is ``key``."""
    return _find(state, key, "user")


def find_group(state: State, key: str) -> dict[str, Any] | None:
    """The group whose id, address or alias is ``key``."""
    return _find(state, key, "group")


def set_disabled(state: State, user: dict[str, Any], why: str | None) -> None:
    """Mark (or clear, ``why=None``) the user's Drive person as unable to use a token: ``suspended``/``deleted``."""
    people = state.collection("users")
    person = people.get(str(user.get("driveEmail") or user["primaryEmail"]).casefold())
    if person is None:
        return
    if why:
        person["disabled"] = why
    else:
        person.pop("disabled", None)
    people.put(person["email"], person)


def caller_user(ctx: Context) -> dict[str, Any] | None:
    email = str(ctx.identity.get("email", ""))
    return find_user(ctx.state, email) if email else None


def require_admin(ctx: Context, family: str, write: bool) -> dict[str, Any]:
    """The calling super administrator; else Google's refusal.

    A token without a scope of the method's family (``user``, ``group``, ``group.member``; a write needs one that
    is not ``.readonly``) is 403 ``insufficientPermissions`` (Google's answer to a token that lacks the method's
    scopes: https://developers.google.com/workspace/guides/troubleshoot-authentication-authorization); a user who
    is not an administrator gets 403 ``forbidden`` "Not Authorized to access this resource/api". Delegated admin
    roles are not modelled: only super administrators (``isAdmin``) may call.
    """
    scopes = tuple(ctx.principal.scopes) if ctx.principal is not None else ()
    if scopes and not any(_grants(scope, family, write) for scope in scopes):
        raise err.google_error(
            "insufficientPermissions", "Request had insufficient authentication scopes.",
            item_message="Insufficient Permission",
        )  # fmt: skip
    user = caller_user(ctx)
    if user is None or not user.get("isAdmin") or user.get("suspended"):
        raise err.google_error("forbidden", NOT_AUTHORIZED)
    return user


def _grants(scope: str, family: str, write: bool) -> bool:
    if scope == _CLOUD:
        return not write and family == "user"  # users.list and users.watch take cloud-platform (Discovery)
    name = scope.removeprefix(_SCOPE + "admin.directory.")
    if name == scope or (write and name.endswith(".readonly")):
        return False
    base = name.removesuffix(".readonly")
    # the group scope covers members too (members.* list admin.directory.group among their scopes)
    return base == family or (family == "group.member" and base == "group")


def body(ctx: Context) -> dict[str, Any]:
    """A copy of the request's JSON object; a body that is not an object is 400 "Invalid Input"."""
    if ctx.body is not None and not isinstance(ctx.body, dict):
        raise invalid_input()
    return dict(ctx.body or {})


def listing(kind: str, tag: str, field: str, items: list[dict[str, Any]], token: str | None = None) -> dict[str, Any]:
    """A list answer: ``kind``, ``etag``, the items under ``field`` (left out when there are none, as Google leaves
    out an empty list) and ``nextPageToken`` while there are more pages."""
    out: dict[str, Any] = {"kind": kind, "etag": tag}
    if items:
        out[field] = items
    if token:
        out["nextPageToken"] = token
    return out


def not_found(location: str) -> VendorError:
    """404 ``notFound`` "Resource Not Found: userKey" (groupKey, memberKey), as recorded in
    https://github.com/googleapis/google-api-nodejs-client/issues/166."""
    return err.google_error("notFound", f"Resource Not Found: {location}")


def invalid_input(detail: str = "") -> VendorError:
    """400 ``invalid`` "Invalid Input" (https://github.com/googleapis/google-api-ruby-client/issues/468), with the
    field named after a colon where Google names one."""
    return err.google_error("invalid", "Invalid Input" + (f": {detail}" if detail else ""))


def duplicate() -> VendorError:
    """409 ``duplicate`` "Entity already exists." (https://github.com/googleapis/google-api-python-client/issues/949)."""
    return err.google_error("duplicate", "Entity already exists.")


def own_domain(own: dict[str, Any], name: str) -> str:
    """``name`` lower-cased when it is one of the customer ``own``'s domains; another is 404 ``notFound`` "Domain not
    found." (not confirmed: the answer GAM users report for a domain the customer does not have)."""
    name = name.casefold()
    if name not in own["domains"]:
        raise err.google_error("notFound", "Domain not found.")
    return name


def check_domain(state: State, address: str, field: str) -> None:
    """An address the customer may give: one on one of its domains (``own_domain``)."""
    if "@" not in address or not address.partition("@")[0]:
        raise invalid_input(field)
    own_domain(customer(state), domain_of(address))


def new_address(state: State, current: str, given: Any, field: str) -> str | None:
    """``given`` when an update sends a new address for a record now at ``current``, checked first (on the
    customer's domains, and nobody's address or alias yet: 409 ``duplicate``); None when it changes nothing."""
    if not isinstance(given, str) or given.casefold() == current.casefold():
        return None
    check_domain(state, given, field)
    if email_owner(state, given) is not None:
        raise duplicate()
    return given


def move_address(state: State, record: dict[str, Any], field: str, kind: str, address: str) -> None:
    """``record`` now answers to ``address``; its old one stays with it as an alias (the manage-users guide,
    "Update a user account"; groups do the same)."""
    record["aliases"] = [*record.get("aliases", []), record[field]]
    record[field] = address
    claim_email(state, address, kind, record["id"])


def remove_memberships(state: State, member_id: str) -> None:
    """``member_id`` leaves every group it is a direct member of (a deleted user or group)."""
    members, groups = state.collection("directory_members"), state.collection("directory_groups")
    for key, member in list(members.scan()):
        if member["id"] != member_id:
            continue
        members.delete(key)
        parent = groups.get(member["groupId"])
        if parent is not None:
            parent["directMembersCount"] = max(0, int(parent.get("directMembersCount", 1)) - 1)
            groups.put(parent["id"], parent)
