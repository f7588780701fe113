"""Trusted issuers: a bearer token that is no credential the twin knows, but a JWT signed by an issuer a tenant
trusts, acts as the person its claims name (a twin convenience for sign-in across twins).

The real vendors take a person signed in elsewhere through SAML or OpenID Connect in a browser and then mint a
session or token of their own; a twin has no browser, so a test may instead tell it (``POST /_twin/trust``) to
take an identity provider's ID tokens directly. What the token is checked for is what an OpenID Connect relying
party checks (https://openid.net/specs/openid-connect-core-1_0.html#IDTokenValidation): the signature against the
issuer's keys (an asymmetric algorithm only, with PyJWT), ``iss``, ``aud`` and ``exp`` (on the twin's clock, so a
universe's clock moves both sides alike). Who the verified claims are is the kit's answer (``@federated``); with
none, or when the kit answers None, the token is refused as any unknown token is.

Each tenant keeps its issuers in its own state (collection ``_twin_trust``, keyed by issuer), so a reset forgets
them and snapshots, restores and ``--state`` keep them. Keys come inline (``jwks``) or from a ``jwks_uri`` on
loopback, fetched when the issuer is trusted and again when a token names a key id not seen yet (a rotation).
The token is read from an ``Authorization: Bearer`` header only (not Slack's ``token`` argument). Rate-limit
counters see such a call as the default tenant's. PyJWT is imported on first use: a twin that trusts no issuer
runs without it.
"""

from __future__ import annotations

import json
import time
import urllib.parse
import urllib.request
from collections.abc import Iterable, Mapping
from typing import Any

from ..control.loopback import is_loopback
from ..state.records import State
from ..state.tenants import Tenant

COLLECTION = "_twin_trust"
ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512")
REFETCH_AFTER = 5.0
"""Seconds (monotonic) before an unknown key id may make the twin fetch an issuer's keys again."""
_FETCHED: dict[str, float] = {}


class TrustError(ValueError):
    """A trust the control plane cannot take (answered 400 with the message)."""


def looks_like_jwt(token: str) -> bool:
    return token.count(".") == 2 and token.startswith("eyJ")


def entries(state: State) -> list[dict[str, Any]]:
    return [dict(record) for record in state.collection(COLLECTION).values()] if COLLECTION in state.names() else []


def add(state: State, fields: Mapping[str, Any]) -> dict[str, Any]:
    """Trust ``fields["issuer"]`` for ``fields["audience"]`` (a string or a list) with its ``jwks`` or ``jwks_uri``."""
    issuer = fields.get("issuer")
    if not isinstance(issuer, str) or not issuer:
        raise TrustError("give the issuer (the iss claim its tokens carry)")
    audience = fields.get("audience")
    audiences = [audience] if isinstance(audience, str) else audience
    if not isinstance(audiences, list) or not audiences or not all(isinstance(a, str) and a for a in audiences):
        raise TrustError("give the audience: the aud (client id) its tokens must carry, a string or a list")
    uri, inline = fields.get("jwks_uri"), fields.get("jwks")
    if (uri is None) == (inline is None):
        raise TrustError("give the issuer's keys: jwks_uri (on loopback) or jwks ({'keys': [...]}), one of them")
    if uri is not None:
        inline = fetch(_checked_uri(uri))
    record = {"issuer": issuer, "audience": audiences, "jwks_uri": uri, "jwks": {"keys": _keys_of(inline)}}
    state.collection(COLLECTION).put(issuer, record)
    return dict(record)


def remove(state: State, issuer: str) -> bool:
    return COLLECTION in state.names() and state.collection(COLLECTION).delete(issuer)


def _checked_uri(uri: Any) -> str:
    if not isinstance(uri, str):
        raise TrustError("jwks_uri must be a URL")
    parsed = urllib.parse.urlsplit(uri)
    if parsed.scheme not in ("http", "https") or not is_loopback(parsed.hostname or ""):
        raise TrustError("jwks_uri must be an http(s) URL on loopback (127.0.0.1, ::1, localhost)")
    return uri


def _keys_of(jwks: Any) -> list[dict[str, Any]]:
    keys = jwks.get("keys") if isinstance(jwks, dict) else None
    if not isinstance(keys, list) or not all(isinstance(k, dict) and k.get("kty") for k in keys):
        raise TrustError("the issuer's JWKS must be {'keys': [JWK, ...]}")
    return [{k: v for k, v in key.items() if k not in ("d", "p", "q", "dp", "dq", "qi")} for key in keys]


def fetch(uri: str) -> Any:
    """The JWKS at ``uri`` (loopback; proxies are never used)."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(urllib.request.Request(uri, headers={"Accept": "application/json"}), timeout=10) as answer:
            found = json.loads(answer.read(1 << 20))
    except (OSError, ValueError) as error:
        raise TrustError(f"could not read the issuer's keys at {uri}: {error}") from None
    _FETCHED[uri] = time.monotonic()
    return found


def verify(token: str, tenants: Iterable[Tenant], now: float) -> tuple[dict[str, Any], Tenant] | None:
    """The claims of ``token`` and the first of ``tenants`` that trusts its issuer, when that issuer signed it for
    one of the tenant's audiences and it has not expired on the twin's clock ``now``; None otherwise. The token is
    read once, however many tenants are asked, and only when one of them trusts an issuer at all."""
    if not looks_like_jwt(token):
        return None
    # names(): a tenant that trusts no one is not given an empty collection on every request
    trusting = [tenant for tenant in tenants if COLLECTION in tenant.state.names()]
    if not trusting:
        return None
    import jwt  # PyJWT, a twin dependency; only a twin that trusts an issuer needs it

    try:
        header = jwt.get_unverified_header(token)
        issuer = jwt.decode(token, options={"verify_signature": False}).get("iss")
    except jwt.PyJWTError:
        return None
    algorithm = header.get("alg")
    if not isinstance(issuer, str) or algorithm not in ALGORITHMS:
        return None
    for tenant in trusting:
        entry = tenant.state.collection(COLLECTION).get(issuer)
        key = None if entry is None else _key(entry, header.get("kid"), tenant.state)
        if entry is None or key is None:
            continue
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                jwt.PyJWK(key, algorithm).key,
                algorithms=[algorithm],
                audience=entry["audience"],
                issuer=issuer,
                options={
                    "require": ["iss", "aud", "exp"],
                    "verify_exp": False,
                    "verify_iat": False,
                    "verify_nbf": False,
                },
            )
        except (jwt.PyJWTError, ValueError, TypeError):
            continue
        if isinstance(claims.get("exp"), (int, float)) and claims["exp"] > now:
            return claims, tenant
    return None


def _key(entry: dict[str, Any], kid: Any, state: State) -> dict[str, Any] | None:
    """The issuer's key ``kid`` names (the only one when the token names none), fetching the keys again when it is
    new and the issuer has a ``jwks_uri`` (not more than once each ``REFETCH_AFTER`` seconds)."""
    keys = entry["jwks"]["keys"]
    found = _pick(keys, kid)
    uri = entry.get("jwks_uri")
    if found is None and uri and time.monotonic() - _FETCHED.get(uri, 0.0) >= REFETCH_AFTER:
        try:
            keys = _keys_of(fetch(uri))
        except TrustError:
            return None
        state.collection(COLLECTION).put(entry["issuer"], {**entry, "jwks": {"keys": keys}})
        found = _pick(keys, kid)
    return found


def _pick(keys: list[dict[str, Any]], kid: Any) -> dict[str, Any] | None:
    if kid is None:
        return keys[0] if len(keys) == 1 else None
    return next((k for k in keys if k.get("kid") == kid), None)
