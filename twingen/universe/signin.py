"""Sign-in across the universe: a roster person signs in to the identity provider and uses its ID token at an app.

Wiring (``wire``, called by ``Universe.wire``): the identity provider makes one OpenID Connect app per app member
(its kit's ``connect_sso``), and each app member is told to trust the identity provider's issuer for that app's
client id (``POST /_twin/trust``: a twin convenience, since the real vendors take SAML or OpenID Connect only in a
browser and then mint a session of their own). A member whose twin predates trusted issuers (404) is left out.

Signing in (``sign_in``, ``POST /_universe/signin {"email", "password"?, "twin", "tenant"?}``) is the identity
provider's own flow without a browser (its kit's ``sign_in``: for Okta, primary authentication for a one-time
session token, ``/authorize`` with it, the code exchanged with PKCE), each step an HTTP call a real client makes.
The answer has the ``id_token`` to send to the app twin as ``Authorization: Bearer``, and the identity provider's
``access_token``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .members import MemberError

if TYPE_CHECKING:
    from .running import Universe

Json = dict[str, Any]
CALLBACK = "/sso/callback"
"""Where each app's OpenID Connect client says the browser comes back (the app twin's URL; never fetched)."""


class SignInRefused(Exception):
    """The identity provider refused a step: ``status`` and its answer (Okta's own error body)."""

    def __init__(self, status: int, answer: Json) -> None:
        super().__init__(str(answer))
        self.status, self.answer = status, answer


def wire(universe: Universe, uid: str, idp_name: str, app_names: list[str]) -> dict[str, Json]:
    """Make the OpenID Connect apps in tenant ``uid`` and have each app member trust them; their clients by name."""
    adapter = universe.adapters[idp_name]
    connect = getattr(adapter, "connect_sso", None)
    if connect is None or not app_names:
        return {}
    tenant = universe.tenants[uid]
    wanted = {
        name: {"label": name.title(), "redirect_uri": universe.members[name].base_url + CALLBACK} for name in app_names
    }
    clients: dict[str, Json] = connect(universe.members[idp_name], tenant["members"][idp_name], wanted)
    trusted = {}
    for name, client in clients.items():
        body = {
            "issuer": client["issuer"],
            "jwks_uri": client["jwks_uri"],
            "audience": client["client_id"],
            "tenant": tenant["members"][name],
        }
        answer = universe.members[name].http.post("/_twin/trust", json=body)
        if answer.status_code == 404 and "no control endpoint" in answer.text:
            continue  # a twin generated before trusted issuers: regenerate it to sign in there
        if answer.status_code >= 400:
            raise MemberError(f"{name}: POST /_twin/trust answered {answer.status_code}: {answer.text[:300]}")
        trusted[name] = client
    return trusted


def sign_in(universe: Universe, body: Json) -> Json:
    """The identity provider's tokens for ``body["email"]`` at app ``body["twin"]``; ``SignInRefused`` for a refusal,
    ``KeyError`` for an unknown tenant, ``ValueError`` for a request that names no app the person can sign in to."""
    uid = str(body.get("tenant") or "default")
    tenant = universe.tenants[uid] if uid in universe.tenants else universe.tenants[_by_name(universe, uid)]
    uid = tenant["id"]
    email, twin = str(body.get("email") or ""), str(body.get("twin") or "")
    client = universe.sso.get(uid, {}).get(twin)
    if not email or client is None:
        known = sorted(universe.sso.get(uid, {}))
        raise ValueError(f"give the person's email and the twin to sign in to: one of {known}")
    password = body.get("password")
    if password is None:
        person = next((p for p in universe.people.get(uid, []) if p["email"].lower() == email.lower()), None)
        password = person.get("password") if person else None
    if not isinstance(password, str):
        raise ValueError(f"{email} is not on the roster: give their password")
    idp = universe.identity
    assert idp is not None  # there is a client, so there is an identity provider
    member, idp_tenant = universe.members[idp], tenant["members"][idp]
    status, tokens = universe.adapters[idp].sign_in(member, idp_tenant, client, email, password)  # type: ignore[union-attr]
    if status != 200:
        raise SignInRefused(status, tokens)
    return {
        "twin": twin,
        "tenant": uid,
        "email": email,
        "issuer": client["issuer"],
        "client_id": client["client_id"],
        "token_type": tokens["token_type"],
        "expires_in": tokens["expires_in"],
        "id_token": tokens["id_token"],
        "access_token": tokens["access_token"],
        "use": f"Authorization: Bearer <id_token> on {universe.members[twin].base_url}",
    }


def _by_name(universe: Universe, name: str) -> str:
    found = next((t["id"] for t in universe.tenants.values() if t["name"] == name), None)
    if found is None:
        raise KeyError(name)
    return str(found)
