"""A user's credential operations: change password (knowing the old one), change the recovery question (knowing
the password), forgot password (a reset link, or a new password set with the recovery answer).

Each answers the credentials object (password presence, recovery question, provider) as recorded. A wrong old
password or answer is E0000014 "Update of credentials failed"; a new password breaking the policy is E0000080.
Sources: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/UserCred/ and
https://developer.okta.com/docs/reference/error-codes/ ; shapes from the recorded answers.
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, behaviour
from ..runtime.clock import iso8601
from . import _users, _users_password, _users_profile, _users_related
from ._errors import okta_error
from ._links import href
from ._store import body_object
from .users import truth

Record = dict[str, Any]

WRONG = "The credentials provided were incorrect."


def _value(body: Record, *path: str) -> str | None:
    found: Any = body
    for step in path:
        found = found.get(step) if isinstance(found, dict) else None
    return None if found is None else str(found)


def _refused(cause: str) -> Exception:
    return okta_error("E0000014", causes=[cause])


def _new_password(ctx: Context, user: Record, password: str | None) -> None:
    if password is None:
        raise okta_error(
            "E0000001", "Api validation failed: password", causes=["password: The field cannot be left blank"]
        )
    login = str(user["profile"].get("login") or "")
    if _users_password.unmet(password, login) or _users_password.reused(user, password):
        raise _users_password.refused_on_change()
    _users_password.set_password(user, password, iso8601(ctx.now()))
    user.pop("_resetToken", None)
    if user["status"] in ("PASSWORD_EXPIRED", "RECOVERY"):
        _users.set_status(ctx, user, "ACTIVE")
    else:
        _users.save(ctx, user)
    _users.log(ctx, "user.account.update_password", user)


# the statuses each credential operation is allowed from (the Users reference's credential operations)
CHANGE_PASSWORD = ("STAGED", "ACTIVE", "PASSWORD_EXPIRED", "RECOVERY")
CHANGE_QUESTION = ("STAGED", "ACTIVE", "RECOVERY")


def _may_change(user: Record, allowed: tuple[str, ...]) -> None:
    if user["status"] not in allowed or "password" not in (user.get("credentials") or {}):
        raise okta_error("E0000038", "This operation is not allowed in the user's current status.")


@behaviour("changePassword")
def change_password(ctx: Context) -> Any:
    user = _users.find(ctx)
    _may_change(user, CHANGE_PASSWORD)
    body = body_object(ctx)
    old = _value(body, "oldPassword", "value")
    if old is None or not _users_password.matches(user, old):
        raise _refused(f"oldPassword: {WRONG}")
    _new_password(ctx, user, _value(body, "newPassword", "value"))
    if body.get("revokeSessions") is True:
        _users_related.end_sessions(ctx, user["id"])
    return _answer(user)


def _answer(user: Record) -> Record:
    # the credentials answers carry no emails (the recorded change_password / change_recovery_question answers)
    return {k: v for k, v in _users.credentials(user).items() if k != "emails"}


@behaviour("changeRecoveryQuestion")
def change_recovery_question(ctx: Context) -> Any:
    user = _users.find(ctx)
    _may_change(user, CHANGE_QUESTION)
    body = body_object(ctx)
    password = _value(body, "password", "value")
    if password is None or not _users_password.matches(user, password):
        raise _refused(f"password: {WRONG}")
    # a body without a recovery question changes nothing (Okta leaves out-of-body credentials as they are)
    question = _users_profile.recovery_question(body.get("recovery_question"))
    if question is not None:
        user["credentials"]["recovery_question"] = {"question": question["question"]}
        user["_answer"] = _users.secret_hash(user["id"], question["answer"].lower())
        _users.save(ctx, user)
        _users.log(ctx, "user.account.update_password", user, "Update recovery question")
    return _answer(user)


@behaviour("forgotPassword")
def forgot_password(ctx: Context) -> Any:
    """Start the forgot-password flow: the user stays as is until the link is followed; with sendEmail=false the
    link is answered (recorded shape ``resetPasswordUrl``)."""
    user = _users.find(ctx)
    if user["status"] != "ACTIVE":  # forgot password is for ACTIVE users only (the Users reference)
        raise okta_error("E0000034")
    token = ctx.new_id("", 20, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    user["_resetToken"] = token
    _users.save(ctx, user, touched=False)
    _users.log(ctx, "user.account.reset_password", user, "Forgot password")
    if truth(ctx, "sendEmail", True):
        return {}
    return {"resetPasswordUrl": href(ctx, f"/signin/reset-password/{token}")}


@behaviour("forgotPasswordSetNewPassword")
def forgot_password_set_new_password(ctx: Context) -> Any:
    """A new password set with the recovery question's answer (case-insensitive, as Okta compares answers)."""
    user = _users.find(ctx)
    if user["status"] != "ACTIVE":  # forgot password is for ACTIVE users only (the Users reference)
        raise okta_error("E0000034")
    body = body_object(ctx)
    answer = _value(body, "recovery_question", "answer")
    if not user.get("_answer") or answer is None or user["_answer"] != _users.secret_hash(user["id"], answer.lower()):
        raise _refused(f"recovery_question.answer: {WRONG}")
    _new_password(ctx, user, _value(body, "password", "value"))
    return _answer(user)
