"""Sign-in from a trusted identity provider (``POST /_twin/trust``, a twin convenience): an OpenID Connect ID token
the tenant's identity provider signed acts as the workspace member with its ``email``, as that person's user token
would (the scopes a member's user token holds, plus ``admin`` for an admin, as the seed's).

Slack itself takes SAML or OpenID Connect only in a browser and then gives the person a Slack session of its own
(https://slack.com/help/articles/203772216-SAML-single-sign-on); a twin has no browser, so a test uses the
identity provider's token directly. A deactivated member (SCIM ``active: false`` sets ``deleted``) is refused
``account_inactive``, as Slack answers a deactivated user's token; an email no member has is ``invalid_auth``.
"""

from __future__ import annotations

from typing import Any

from ..runtime import Credential, State, federated
from ._errors import slack_error
from ._scopes import ADMIN_SCOPES, USER_SCOPES


@federated
def member_signed_in(state: State, tenant: str, claims: dict[str, Any]) -> Credential | None:
    email = str(claims.get("email") or "").strip().lower()
    if not email:
        return None
    found = next(
        (
            user
            for _, user in state.collection("users").scan()  # read only
            if not user.get("is_bot") and str((user.get("profile") or {}).get("email") or "").lower() == email
        ),
        None,
    )
    if found is None:
        return None
    if found.get("deleted"):
        raise slack_error("account_inactive")
    team = state.collection("team").get("team") or {}
    scopes = (*USER_SCOPES, *ADMIN_SCOPES) if found.get("is_admin") else USER_SCOPES
    principal = {"user_id": found["id"], "team_id": str(team.get("id") or found.get("team_id") or "")}
    return Credential("sso", "bearer", principal=principal, scopes=tuple(scopes))
