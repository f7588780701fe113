"""Sessions: primary authentication (``POST /api/v1/authn``: a user's login and password give a one-time session
token), a session made from that token (``POST /api/v1/sessions``), read, refreshed and revoked by id.

A session lasts two hours from its last refresh (a new org's global session policy). Sessions of a user end when
it is suspended, deactivated, reset or its sessions are revoked (``_users.end_sessions``). Records: ``sessions``
(id -> session), ``user_sessions`` (user id -> session ids), ``session_tokens`` (token -> user id, until used).
Sources: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Session/ ,
https://developer.okta.com/docs/reference/api/authn/#primary-authentication and the recorded answers
(okta-sdk-python's test_sessions_it cassettes: the shapes, E0000004 for an unknown token, E0000003 without a body,
404 ``(AppSession)``).
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response, behaviour
from ..runtime.clock import iso8601
from . import _log, _users, _users_password
from ._errors import not_found, okta_error
from ._links import href, link
from .org import org_id

Record = dict[str, Any]

LIFETIME = 2 * 60 * 60
TOKEN_LIFETIME = 5 * 60
LOCKOUT_AFTER = 10
_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
# a RECOVERY user cannot sign in until the reset flow is done (the Users reference's reset_password); a
# PASSWORD_EXPIRED one signs in to a transaction that must change the password first (no session token)
SIGN_IN = ("ACTIVE", "PASSWORD_EXPIRED")


@behaviour("primaryAuthentication", method="POST", path="/api/v1/authn", auth=False)
def primary_authentication(ctx: Context) -> Any:
    """A user who can sign in and gives its password gets a session token (status SUCCESS); anyone else Okta's
    401 E0000004, without saying why."""
    body = ctx.body if isinstance(ctx.body, dict) else None
    if body is None:
        raise okta_error("E0000003")
    user = _users.lookup(ctx, str(body.get("username") or ""))
    if user is None or user["status"] not in SIGN_IN or not _users_password.matches(user, str(body.get("password"))):
        if user is not None:
            _failed(ctx, user)
        raise okta_error("E0000004")
    user.pop("_failures", None)
    expires = iso8601(ctx.now() + TOKEN_LIFETIME)
    profile = user.get("profile") or {}
    if user["status"] == "PASSWORD_EXPIRED":
        _users.save(ctx, user, touched=False)
        issued = {"status": "PASSWORD_EXPIRED", "stateToken": "00" + ctx.new_id("", 40, _ALPHABET + "_-")}
    else:
        user["lastLogin"] = iso8601(ctx.now())
        _users.save(ctx, user, touched=False)
        token = "20111" + ctx.new_id("", 52, _ALPHABET + "_-")
        tokens = ctx.state.collection("session_tokens")
        tokens.put(token, {"userId": user["id"], "expiresAt": ctx.now() + TOKEN_LIFETIME})
        issued = {"status": "SUCCESS", "sessionToken": token}
    return {
        "expiresAt": expires,
        **issued,
        "_embedded": {
            "user": {
                "id": user["id"],
                "passwordChanged": user.get("passwordChanged"),
                "profile": {
                    "login": profile.get("login"),
                    "firstName": profile.get("firstName"),
                    "lastName": profile.get("lastName"),
                    "locale": profile.get("locale") or "en_US",
                    "timeZone": profile.get("timezone") or "America/Los_Angeles",
                },
            }
        },
        "_links": {"cancel": link(ctx, "/api/v1/authn/cancel", "POST")},
    }


def _failed(ctx: Context, user: Record) -> None:
    """A failed sign-in is audited (outcome FAILURE); the default password policy locks the user out after
    LOCKOUT_AFTER failures in a row (https://help.okta.com/en-us/content/topics/security/policies/
    configure-password-policies.htm: "Lock out user after 10 unsuccessful attempts")."""
    _log.record(
        ctx,
        "user.session.start",
        [_users.target(user)],
        message="User login to Okta",
        outcome="FAILURE",
        reason="INVALID_CREDENTIALS",
    )
    if user["status"] != "ACTIVE":
        return
    user["_failures"] = int(user.get("_failures") or 0) + 1
    if user["_failures"] >= LOCKOUT_AFTER:
        user.pop("_failures")
        _users.set_status(ctx, user, "LOCKED_OUT")
        _users.log(ctx, "user.account.lock", user, "Max sign in attempts exceeded")
    else:
        _users.save(ctx, user, touched=False)


@behaviour("createSession", method="POST", path="/api/v1/sessions")
def create_session(ctx: Context) -> Any:
    body = ctx.body if isinstance(ctx.body, dict) else None
    if body is None:
        raise okta_error("E0000003")
    tokens = ctx.state.collection("session_tokens")
    token = str(body.get("sessionToken") or "")
    found = tokens.get(token) if token else None
    user = _users.collection(ctx).get(found["userId"]) if found else None
    if found is None or user is None or found["expiresAt"] < ctx.now():
        raise okta_error("E0000004")
    tokens.delete(token)
    now = ctx.now()
    session = {
        "id": "102" + ctx.new_id("", 22, _ALPHABET + "_-"),
        "userId": user["id"],
        "login": user["profile"].get("login"),
        "createdAt": iso8601(now),
        "expiresAt": iso8601(now + LIFETIME),
        "status": "ACTIVE",
        "lastPasswordVerification": iso8601(now),
        "lastFactorVerification": None,
        "amr": ["pwd"],
        "idp": {"id": org_id(ctx), "type": "OKTA"},
        "mfaActive": _mfa_active(ctx, user),
        "_expires": now + LIFETIME,
    }
    ctx.state.collection("sessions").put(session["id"], session)
    index = ctx.state.collection("user_sessions")
    entry = index.get(user["id"]) or {"ids": []}
    entry["ids"].append(session["id"])
    index.put(user["id"], entry)
    _users.log(ctx, "user.session.start", user, "User login to Okta")
    # the answer to a create names the session as the caller's own ("me"), as recorded
    return _render(ctx, session, user, "me")


def _mfa_active(ctx: Context, user: Record) -> bool:
    """Whether the user has a second factor: an active factor, or a verified primary email (a new org's email
    authenticator counts it; the recorded sessions of users made with only a password say true)."""
    emails = (user.get("credentials") or {}).get("emails") or []
    if any(e.get("status") == "VERIFIED" for e in emails):
        return True
    prefix = user["id"] + "/"
    factors = ctx.state.collection("user_factors").scan()
    return any(k.startswith(prefix) and f.get("status") == "ACTIVE" for k, f in factors)


def _find(ctx: Context) -> Record:
    session_id = str(ctx.params.get("sessionId") or "")
    found = ctx.state.collection("sessions").get(session_id)
    if found is None or found["_expires"] < ctx.now():
        raise not_found(session_id, "AppSession")
    return found


def _render(ctx: Context, session: Record, user: Record | None, name: str) -> Record:
    shown = {k: v for k, v in session.items() if not k.startswith("_")}
    profile = (user or {}).get("profile") or {}
    path = f"/api/v1/sessions/{name}"
    shown["_links"] = {
        "self": link(ctx, path, "GET", "DELETE"),
        "refresh": link(ctx, path + "/lifecycle/refresh", "POST"),
        "user": {
            "name": f"{profile.get('firstName') or ''} {profile.get('lastName') or ''}".strip(),
            "href": href(ctx, f"/api/v1/users/{session['userId']}"),
            "hints": {"allow": ["GET"]},
        },
    }
    return shown


@behaviour("getSession")
def get_session(ctx: Context) -> Any:
    session = _find(ctx)
    return _render(ctx, session, _users.collection(ctx).get(session["userId"]), session["id"])


@behaviour("refreshSession")
def refresh_session(ctx: Context) -> Any:
    session = _find(ctx)
    session["_expires"] = ctx.now() + LIFETIME
    session["expiresAt"] = iso8601(session["_expires"])
    ctx.state.collection("sessions").put(session["id"], session)
    return _render(ctx, session, _users.collection(ctx).get(session["userId"]), session["id"])


@behaviour("revokeSession")
def revoke_session(ctx: Context) -> Any:
    session = _find(ctx)
    ctx.state.collection("sessions").delete(session["id"])
    index = ctx.state.collection("user_sessions")
    entry = index.get(session["userId"])
    if entry is not None:
        entry["ids"] = [i for i in entry["ids"] if i != session["id"]]
        index.put(session["userId"], entry)
    user = _users.collection(ctx).get(session["userId"])
    if user is not None:
        _users.log(ctx, "user.session.end", user, "User logout from Okta")
    return Response(204, None)
