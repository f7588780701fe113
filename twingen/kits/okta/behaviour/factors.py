"""A user's MFA factors: enroll (sms, call, email: PENDING_ACTIVATION until the code sent is given back; question:
ACTIVE at once; token:software:totp: PENDING_ACTIVATION with the shared secret to set up an authenticator app),
list, get, activate, verify, unenroll; the catalog of factors the user may enroll and the security questions.

A TOTP code is checked against the shared secret (RFC 6238, 30 s steps, one step of drift), so an authenticator
app set up from the enrollment answer works. The codes Okta sends by SMS, voice or email leave nothing the twin
can deliver: such a factor is activated or verified only with the code kept in its record (a known gap).
Records: ``user_factors`` (``userId/factorId`` -> factor, secrets under ``_``). Sources:
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/UserFactor/ and the recorded answers
(shapes, ``_links`` with ``hints``, the 404 title ``(UserFactor)``).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import struct
from typing import Any

from ..runtime import Context, Response, behaviour
from ..runtime.clock import iso8601
from . import _users
from ._errors import not_found, okta_error, validation_failed
from ._links import href
from ._store import body_object, new_id
from ._users_profile import recovery_question

Record = dict[str, Any]

FACTORS = "user_factors"
# factorType -> (provider, id prefix, vendorName)
KINDS = {
    "sms": ("OKTA", "mbl"),
    "call": ("OKTA", "clf"),
    "email": ("OKTA", "emf"),
    "question": ("OKTA", "ufs"),
    "token:software:totp": ("GOOGLE", "uft"),
}
QUESTIONS = (
    ("disliked_food", "What is the food you least liked as a child?"),
    ("name_of_first_plush_toy", "What is the name of your first stuffed animal?"),
    ("first_award", "What did you earn your first medal or award for?"),
    ("favorite_security_question", "What is your favorite security question?"),
    ("favorite_toy", "What is the toy/stuffed animal you liked the most as a kid?"),
    ("first_computer_game", "What was the first computer game you played?"),
    ("favorite_movie_quote", "What is your favorite movie quote?"),
    ("first_sports_team_mascot", "What was the mascot of the first sports team you played on?"),
    ("first_music_purchase", "What music album or song did you first purchase?"),
    ("favorite_art_piece", "What is your favorite piece of art?"),
    ("grandmother_favorite_desert", "What was your grandmother's favorite dessert?"),
    ("first_thing_cooked", "What was the first thing you learned to cook?"),
    ("childhood_dream_job", "What was your dream job as a child?"),
    ("place_where_significant_other_was_met", "Where did you meet your spouse/significant other?"),
    ("favorite_vacation_location", "Where did you go for your favorite vacation?"),
    ("favorite_speaker_actor", "Who is your favorite speaker/orator?"),
    ("favorite_book_movie_character", "Who is your favorite book/movie character?"),
    ("favorite_sports_player", "Who is your favorite sports player?"),
)
_QUESTION_TEXT = dict(QUESTIONS)
_DIGITS = "0123456789"


def _path(user_id: str, factor_id: str) -> str:
    return f"/api/v1/users/{user_id}/factors/{factor_id}"


def _render(ctx: Context, user_id: str, factor: Record) -> Record:
    shown = {k: v for k, v in factor.items() if not k.startswith("_")}
    path = _path(user_id, factor["id"])
    links: Record = {}
    if factor["status"] == "PENDING_ACTIVATION":
        if factor["factorType"] in ("sms", "call", "email"):
            links["resend"] = [
                {"name": factor["factorType"], "href": href(ctx, path + "/resend"), "hints": {"allow": ["POST"]}}
            ]
        links["activate"] = {"href": href(ctx, path + "/lifecycle/activate"), "hints": {"allow": ["POST"]}}
    else:
        links["verify"] = {"href": href(ctx, path + "/verify"), "hints": {"allow": ["POST"]}}
    links["self"] = {"href": href(ctx, path), "hints": {"allow": ["GET", "DELETE"]}}
    links["user"] = {"href": href(ctx, f"/api/v1/users/{user_id}"), "hints": {"allow": ["GET"]}}
    shown["_links"] = links
    if factor["status"] == "PENDING_ACTIVATION" and factor.get("_secret"):
        shown["_embedded"] = {
            "activation": {"timeStep": 30, "sharedSecret": factor["_secret"], "encoding": "base32", "keyLength": 6}
        }
    return shown


def _find(ctx: Context, user: Record) -> Record:
    factor_id = str(ctx.params.get("factorId") or "")
    found = ctx.state.collection(FACTORS).get(f"{user['id']}/{factor_id}")
    if found is None:
        raise not_found(factor_id, "UserFactor")
    return found


def _of(ctx: Context, user_id: str) -> list[Record]:
    prefix = user_id + "/"
    return [f for k, f in ctx.state.collection(FACTORS).scan() if k.startswith(prefix)]


def _profile(kind: str, given: Any) -> tuple[Record, Record]:
    """The profile Okta keeps for the factor and the secrets the twin keeps beside it."""
    given = given if isinstance(given, dict) else {}
    if kind in ("sms", "call"):
        phone = str(given.get("phoneNumber") or "")
        if not phone.startswith("+") or not phone[1:].replace(" ", "").isdigit():
            raise validation_failed("phoneNumber", "Invalid Phone Number.")
        return {"phoneNumber": phone}, {}
    if kind == "email":
        if "@" not in str(given.get("email") or ""):
            raise validation_failed("email", "The field cannot be left blank")
        return {"email": given["email"]}, {}
    if kind == "question":
        if given.get("question") not in _QUESTION_TEXT:
            raise validation_failed("question", "The field has an invalid value")
        # the same answer rules as the recovery question's (at least 4 characters, not part of the question)
        checked = recovery_question({"question": _QUESTION_TEXT[given["question"]], "answer": given.get("answer")})
        answer = str((checked or {}).get("answer") or "")
        return {"question": given["question"], "questionText": _QUESTION_TEXT[given["question"]]}, {
            "_answer": hashlib.sha256(answer.lower().encode()).hexdigest()
        }
    return {"credentialId": ""}, {}


@behaviour("enrollFactor")
def enroll_factor(ctx: Context) -> Any:
    user = _users.find(ctx)
    body = body_object(ctx)
    kind = str(body.get("factorType") or "")
    if kind not in KINDS:
        raise validation_failed("factorType", "The factor type is not enabled for this org.")
    provider, prefix = KINDS[kind]
    if str(body.get("provider") or provider) != provider:
        raise validation_failed("provider", "The factor provider is not enabled for this org.")
    if any(f["factorType"] == kind for f in _of(ctx, user["id"])):
        raise okta_error(
            "E0000001",
            "Api validation failed: factorEnrollRequest",
            causes=["There is an existing verified factor of the same type."],
        )
    profile, secrets = _profile(kind, body.get("profile"))
    now = iso8601(ctx.now())
    factor: Record = {
        "id": new_id(ctx, prefix),
        "factorType": kind,
        "provider": provider,
        "vendorName": provider,
        "status": "ACTIVE" if kind == "question" else "PENDING_ACTIVATION",
        "created": now,
        "lastUpdated": now,
        "profile": profile,
        **secrets,
    }
    if kind == "token:software:totp":
        factor["profile"] = {"credentialId": user["profile"].get("login")}
        factor["_secret"] = base64.b32encode(bytes(ctx.new_id("", 20, _DIGITS + "abcdef"), "ascii")).decode()[:16]
    elif kind != "question":
        factor["_code"] = ctx.new_id("", 6, _DIGITS)
    ctx.state.collection(FACTORS).put(f"{user['id']}/{factor['id']}", factor)
    _users.log(ctx, "user.mfa.factor.activate" if factor["status"] == "ACTIVE" else "user.mfa.factor.update", user)
    return _render(ctx, user["id"], factor)


@behaviour("listFactors")
def list_factors(ctx: Context) -> Any:
    user = _users.find(ctx)
    return [_render(ctx, user["id"], f) for f in _of(ctx, user["id"])]


@behaviour("getFactor")
def get_factor(ctx: Context) -> Any:
    user = _users.find(ctx)
    return _render(ctx, user["id"], _find(ctx, user))


@behaviour("unenrollFactor")
def unenroll_factor(ctx: Context) -> Any:
    user = _users.find(ctx)
    factor = _find(ctx, user)
    ctx.state.collection(FACTORS).delete(f"{user['id']}/{factor['id']}")
    _users.log(ctx, "user.mfa.factor.deactivate", user)
    return Response(204, None)


def _code_matches(ctx: Context, factor: Record, code: str) -> bool:
    if factor.get("_secret"):
        key = base64.b32decode(factor["_secret"] + "=" * (-len(factor["_secret"]) % 8))
        step = int(ctx.now()) // 30
        return any(hmac.compare_digest(_totp(key, step + drift), code) for drift in (-1, 0, 1))
    return bool(factor.get("_code")) and hmac.compare_digest(factor["_code"], code)


def _totp(key: bytes, counter: int) -> str:
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


@behaviour("activateFactor")
def activate_factor(ctx: Context) -> Any:
    user = _users.find(ctx)
    factor = _find(ctx, user)
    if factor["status"] != "PENDING_ACTIVATION":
        raise okta_error("E0000001", "Api validation failed: factor", causes=["The factor is already active."])
    if not _code_matches(ctx, factor, str(body_object(ctx).get("passCode") or "")):
        raise okta_error("E0000068", causes=["Your passcode doesn't match our records. Please try again."])
    factor["status"] = "ACTIVE"
    factor["lastUpdated"] = iso8601(ctx.now())
    factor.pop("_code", None)
    ctx.state.collection(FACTORS).put(f"{user['id']}/{factor['id']}", factor)
    _users.log(ctx, "user.mfa.factor.activate", user)
    return _render(ctx, user["id"], factor)


@behaviour("verifyFactor")
def verify_factor(ctx: Context) -> Any:
    """An active factor's answer or code: ``{"factorResult": "SUCCESS"}``, else Okta's E0000068 (a wrong code)."""
    user = _users.find(ctx)
    factor = _find(ctx, user)
    if factor["status"] != "ACTIVE":
        raise okta_error("E0000001", "Api validation failed: factor", causes=["The factor is not active."])
    body = body_object(ctx)
    if factor["factorType"] == "question":
        answer = str(body.get("answer") or "").lower()
        ok = factor.get("_answer") == hashlib.sha256(answer.encode()).hexdigest()
    else:
        ok = _code_matches(ctx, factor, str(body.get("passCode") or ""))
    if not ok:
        _users.log(ctx, "user.authentication.auth_via_mfa", user, "Authentication of user via MFA failed")
        raise okta_error("E0000068", causes=["Your answer doesn't match our records. Please try again."])
    _users.log(ctx, "user.authentication.auth_via_mfa", user)
    return {"factorResult": "SUCCESS"}


@behaviour("resendEnrollFactor")
def resend_enroll_factor(ctx: Context) -> Any:
    """A new code for an sms, call or email factor still PENDING_ACTIVATION (the old one stops working)."""
    user = _users.find(ctx)
    factor = _find(ctx, user)
    if factor["status"] != "PENDING_ACTIVATION" or factor["factorType"] not in ("sms", "call", "email"):
        raise okta_error("E0000001", "Api validation failed: factor", causes=["The factor cannot be resent."])
    factor["_code"] = ctx.new_id("", 6, _DIGITS)
    factor["lastUpdated"] = iso8601(ctx.now())
    ctx.state.collection(FACTORS).put(f"{user['id']}/{factor['id']}", factor)
    return _render(ctx, user["id"], factor)


@behaviour("listSupportedFactors")
def list_supported_factors(ctx: Context) -> Any:
    user = _users.find(ctx)
    enrolled = {f["factorType"]: f for f in _of(ctx, user["id"])}
    listed = []
    for kind, (provider, _) in KINDS.items():
        entry: Record = {
            "factorType": kind,
            "provider": provider,
            "vendorName": provider,
            "status": enrolled[kind]["status"] if kind in enrolled else "NOT_SETUP",
        }
        entry["_links"] = {
            "enroll": {"href": href(ctx, f"/api/v1/users/{user['id']}/factors"), "hints": {"allow": ["POST"]}}
        }
        listed.append(entry)
    return listed


@behaviour("listSupportedSecurityQuestions")
def list_supported_security_questions(ctx: Context) -> Any:
    _users.find(ctx)
    return [{"question": key, "questionText": text} for key, text in QUESTIONS]
