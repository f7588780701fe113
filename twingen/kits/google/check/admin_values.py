"""Admin SDK Directory (``googleapiclient:admin.directory_v1``) values for the Google check: a user, a group with a
member, an alias and a photo to work on; valid bodies; refusals to probe; and read backs that show a change happened.

The check calls as the twin's first credential, ``owner``, the seeded customer's super administrator; addresses are
on the seeded domain, example.com.
"""

from __future__ import annotations

from typing import Any

from twingen.kits.google.check.docs_values import ReadBack

DOMAIN = "example.com"
PASSWORD = "twincheck-password"
SETUP_USER = f"twincheck-setup@{DOMAIN}"
SETUP_GROUP = f"twincheck-setup-group@{DOMAIN}"
SETUP_ALIAS = f"twincheck-alias@{DOMAIN}"
PHOTO = "iVBORw0KGgo*"  # the PNG signature in web-safe base64 (``*`` for ``=``)


def _user(email: str) -> dict[str, Any]:
    return {"primaryEmail": email, "name": {"givenName": "Twin", "familyName": "Check"}, "password": PASSWORD}


SETUP: tuple[tuple[str, dict[str, Any]], ...] = (
    ("users.insert", {"body": _user(SETUP_USER)}),
    ("groups.insert", {"body": {"email": SETUP_GROUP, "name": "twincheck"}}),
    ("members.insert", {"groupKey": "$groupKey", "body": {"email": f"other@{DOMAIN}"}}),
    ("users.aliases.insert", {"userKey": "$userKey", "body": {"alias": SETUP_ALIAS}}),
    ("users.photos.update", {"userKey": "$userKey", "body": {"photoData": PHOTO, "mimeType": "PNG"}}),
    ("orgunits.insert", {"customerId": "my_customer", "body": {"name": "twincheck", "parentOrgUnitPath": "/"}}),
    ("domains.insert", {"customer": "my_customer", "body": {"domainName": "twincheck.example.net"}}),
)
"""Made before the methods run (``$userKey``, ``$groupKey``: what the first calls answered)."""

PATH_VALUES: dict[str, Any] = {
    "alias": SETUP_ALIAS,
    "customer": "my_customer",
    "customerId": "my_customer",
    "customerKey": "my_customer",
    "domainName": "twincheck.example.net",
}
UNKNOWN_ANSWERS: dict[str, frozenset[str]] = {
    name: frozenset({"badRequest"}) for name in ("customer", "customerId", "customerKey")
}
"""A customer that is not the caller's is 400 badRequest "Bad Request" (``_directory_model.check_customer``)."""
EXTRA: dict[str, dict[str, Any]] = {
    "users.list": {"customer": "my_customer"},
    "groups.list": {"customer": "my_customer"},
}


def body_for(method_name: str, n: int) -> dict[str, Any] | None:
    bodies: dict[str, dict[str, Any]] = {
        "users.insert": _user(f"twincheck-{n}@{DOMAIN}"),
        "users.update": {"name": {"givenName": f"Updated{n}"}},
        "users.patch": {"name": {"givenName": f"Patched{n}"}},
        "users.makeAdmin": {"status": False},
        "users.undelete": {"orgUnitPath": "/"},
        "users.aliases.insert": {"alias": f"twincheck-alias-{n}@{DOMAIN}"},
        "users.photos.update": {"photoData": PHOTO, "mimeType": "PNG"},
        "users.photos.patch": {"photoData": PHOTO, "mimeType": "PNG"},
        "groups.insert": {"email": f"twincheck-group-{n}@{DOMAIN}", "name": f"twincheck {n}"},
        "groups.update": {"description": f"twincheck {n}"},
        "groups.patch": {"description": f"twincheck {n}"},
        "groups.aliases.insert": {"alias": f"twincheck-group-alias-{n}@{DOMAIN}"},
        "members.insert": {"email": f"twincheck-outside-{n}@example.org", "role": "MEMBER"},
        "members.update": {"role": "MANAGER"},
        "members.patch": {"role": "OWNER"},
        "orgunits.insert": {"name": f"twincheck-{n}", "parentOrgUnitPath": "/"},
        "orgunits.update": {"description": f"twincheck {n}"},
        "orgunits.patch": {"description": f"twincheck {n}"},
        "domains.insert": {"domainName": f"twincheck-{n}.example.net"},
        "customers.update": {"language": "en-GB"},
        "customers.patch": {"alternateEmail": f"twincheck-{n}@example.org"},
    }
    return bodies.get(method_name)


def bad_calls(method_name: str, args: dict[str, Any]) -> list[tuple[str, dict[str, Any], frozenset[str]]]:
    """Refusals: an address already taken (409 ``duplicate`` "Entity already exists.", "Member already exists.") and
    a user without a password (400 ``invalid`` "Invalid Password")."""
    if method_name == "users.insert":
        no_password = {k: v for k, v in _user(f"twincheck-nopass@{DOMAIN}").items() if k != "password"}
        return [
            ("address taken", {**args, "body": _user(SETUP_USER)}, frozenset({"duplicate"})),
            ("no password", {**args, "body": no_password}, frozenset({"invalid"})),
        ]
    if method_name == "groups.insert":
        return [("address taken", {**args, "body": {"email": SETUP_USER}}, frozenset({"duplicate"}))]
    if method_name == "members.insert":
        return [("member twice", {**args, "body": {"email": f"other@{DOMAIN}"}}, frozenset({"duplicate"}))]
    return []


def _shows(path: tuple[str, ...], wanted: Any) -> Any:
    def judge(data: Any) -> str | None:
        value = data
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        return None if value == wanted else f"{'.'.join(path)} read back is {value!r}, not {wanted!r}"

    return judge


def read_back(method_name: str, args: dict[str, Any], data: Any) -> ReadBack | None:
    """``users.get``/``groups.get``/``members.get`` after a change must show it."""
    if not isinstance(data, dict):
        return None
    if method_name in ("users.insert", "users.update", "users.patch") and isinstance(data.get("id"), str):
        given = args["body"]["name"]["givenName"]
        return ReadBack("user read back", "users.get", {"userKey": data["id"]}, _shows(("name", "givenName"), given))
    if method_name in ("groups.insert", "groups.update", "groups.patch") and isinstance(data.get("id"), str):
        field = "email" if method_name == "groups.insert" else "description"
        judge = _shows((field,), args["body"][field])
        return ReadBack("group read back", "groups.get", {"groupKey": data["id"]}, judge)
    if method_name in ("members.insert", "members.update", "members.patch") and isinstance(data.get("id"), str):
        get_args = {"groupKey": args["groupKey"], "memberKey": data["id"]}
        return ReadBack("member read back", "members.get", get_args, _shows(("role",), args["body"]["role"]))
    return None
