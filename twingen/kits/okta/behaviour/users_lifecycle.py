"""The user lifecycle operations, each allowed only from the states Okta allows it from, with Okta's refusal from
the others.

State machine (https://developer.okta.com/docs/api/openapi/okta-management/management/tag/UserLifecycle/ and the
Users reference, okta/okta-developer-docs docs/reference/api/users):
activate STAGED|DEPROVISIONED -> ACTIVE (with a password) or PROVISIONED (without); reactivate PROVISIONED|RECOVERY;
deactivate any but DEPROVISIONED -> DEPROVISIONED; suspend ACTIVE -> SUSPENDED; unsuspend SUSPENDED -> ACTIVE;
unlock LOCKED_OUT -> ACTIVE; expire_password -> PASSWORD_EXPIRED; reset_password -> RECOVERY. Refusals as recorded
(E0000016 activating an active user, E0000038 reactivating one not PROVISIONED or RECOVERY, E0000032 unlocking
one not locked out) or as the error-code reference words them (https://developer.okta.com/docs/reference/error-codes/).
The answers' shapes are the recorded ones: ``{}`` for suspend/unsuspend/deactivate/reset_factors, the activation
token for activate/reactivate with sendEmail=false, the user for expire_password, ``tempPassword`` for
expire_password_with_temp_password, ``resetPasswordUrl`` for reset_password with sendEmail=false.
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, behaviour
from ..runtime.clock import iso8601
from . import _users, _users_password, _users_related
from ._errors import okta_error
from ._links import href
from .users import deactivate, truth

Record = dict[str, Any]

NOT_ALLOWED = "This operation is not allowed in the user's current status."
_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def _token(ctx: Context, length: int = 20) -> str:
    return ctx.new_id("", length, _ALPHABET + "_-")


def _refuse_unless(user: Record, *statuses: str) -> None:
    if user["status"] not in statuses:
        raise okta_error("E0000038", NOT_ALLOWED)


def _activation(ctx: Context, user: Record, *, mailed: bool = True) -> Record:
    """Activation as asked: with sendEmail=false the one-time token and its link, else Okta mails it (``{}``);
    ``mailed`` is the sendEmail default (true for activate, false for reactivate)."""
    token = _token(ctx)
    user["_activationToken"] = token
    _users.save(ctx, user, touched=False)
    if truth(ctx, "sendEmail", mailed):
        return {}
    return {"activationUrl": href(ctx, f"/tokens/{token}/verify"), "activationToken": token}


@behaviour("activateUser")
def activate_user(ctx: Context) -> Any:
    user = _users.find(ctx)
    if user["status"] not in ("STAGED", "DEPROVISIONED"):
        raise okta_error("E0000016")
    has_password = "password" in (user.get("credentials") or {})
    _users.set_status(ctx, user, "ACTIVE" if has_password else "PROVISIONED")
    _users.log(ctx, "user.lifecycle.activate", user)
    return _activation(ctx, user)


@behaviour("reactivateUser")
def reactivate_user(ctx: Context) -> Any:
    user = _users.find(ctx)
    # PROVISIONED or RECOVERY restarts the activation flow (the Users reference's reactivate)
    _refuse_unless(user, "PROVISIONED", "RECOVERY")
    _users.log(ctx, "user.lifecycle.reactivate", user)
    return _activation(ctx, user, mailed=False)


@behaviour("deactivateUser")
def deactivate_user(ctx: Context) -> Any:
    user = _users.find(ctx)
    _refuse_unless(user, *(s for s in _users.STATUSES if s != "DEPROVISIONED"))
    deactivate(ctx, user)
    return {}


@behaviour("suspendUser")
def suspend_user(ctx: Context) -> Any:
    user = _users.find(ctx)
    if user["status"] != "ACTIVE":
        raise okta_error(
            "E0000001", "Api validation failed: suspend", causes=["Cannot suspend a user that is not active"]
        )
    _users.set_status(ctx, user, "SUSPENDED")
    _users_related.end_sessions(ctx, user["id"])
    _users.log(ctx, "user.lifecycle.suspend", user)
    return {}


@behaviour("unsuspendUser")
def unsuspend_user(ctx: Context) -> Any:
    user = _users.find(ctx)
    if user["status"] != "SUSPENDED":
        raise okta_error(
            "E0000001", "Api validation failed: unsuspend", causes=["Cannot unsuspend a user that is not suspended"]
        )
    _users.set_status(ctx, user, "ACTIVE")
    _users.log(ctx, "user.lifecycle.unsuspend", user)
    return {}


@behaviour("unlockUser")
def unlock_user(ctx: Context) -> Any:
    user = _users.find(ctx)
    if user["status"] != "LOCKED_OUT":
        raise okta_error("E0000032", causes=["The user is not locked out."])
    _users.set_status(ctx, user, "ACTIVE")
    _users.log(ctx, "user.account.unlock", user)
    return {}


_CREDENTIALED = ("ACTIVE", "PASSWORD_EXPIRED", "RECOVERY", "LOCKED_OUT")


@behaviour("expirePassword")
def expire_password(ctx: Context) -> Any:
    user = _users.find(ctx)
    _refuse_unless(user, *_CREDENTIALED)
    _users.set_status(ctx, user, "PASSWORD_EXPIRED")
    _users.log(ctx, "user.password.expire", user)
    return _users.render(ctx, user)


@behaviour("expirePasswordWithTempPassword")
def expire_password_with_temp_password(ctx: Context) -> Any:
    """A temporary password meeting the policy replaces the user's; the user must change it at next sign-in."""
    user = _users.find(ctx)
    _refuse_unless(user, *_CREDENTIALED)
    # one of each class the policy asks for, then mixed characters (from the twin's id factory: --seed repeats it)
    temp = (
        ctx.new_id("", 1, "ABCDEFGHJKLMNPQRSTUVWXYZ")
        + ctx.new_id("", 1, "abcdefghijkmnpqrstuvwxyz")
        + ctx.new_id("", 1, "23456789")
        + ctx.new_id("", 9, _ALPHABET)
    )
    _users_password.set_password(user, temp, iso8601(ctx.now()))
    _users.set_status(ctx, user, "PASSWORD_EXPIRED")
    _users.log(ctx, "user.password.expire", user)
    return {"tempPassword": temp}


@behaviour("resetPassword")
def reset_password(ctx: Context) -> Any:
    """The user goes to RECOVERY (no sign-in) until they follow the reset link; with sendEmail=false the link is
    answered; with revokeSessions=true its sessions end."""
    user = _users.find(ctx)
    _refuse_unless(user, "ACTIVE", "PASSWORD_EXPIRED", "RECOVERY", "LOCKED_OUT", "PROVISIONED")
    token = _token(ctx)
    user["_resetToken"] = token
    _users.set_status(ctx, user, "RECOVERY")
    if truth(ctx, "revokeSessions", False):
        _users_related.end_sessions(ctx, user["id"])
    _users.log(ctx, "user.account.reset_password", user)
    if truth(ctx, "sendEmail", True):
        return {}
    return {"resetPasswordUrl": href(ctx, f"/reset_password/{token}")}


@behaviour("resetFactors")
def reset_factors(ctx: Context) -> Any:
    user = _users.find(ctx)
    _refuse_unless(user, *(s for s in _users.STATUSES if s != "DEPROVISIONED"))
    factors = ctx.state.collection("user_factors")
    prefix = user["id"] + "/"
    for key in [k for k, _ in factors.scan() if k.startswith(prefix)]:
        factors.delete(key)
    _users.log(ctx, "user.mfa.factor.reset_all", user)
    return {}
