"""Sign-in from a trusted identity provider (``POST /_twin/trust``, a twin convenience): an OpenID Connect ID token
the tenant's identity provider signed acts as the Jira user whose ``emailAddress`` is its ``email``, as that user's
API token or personal access token would.

Atlassian takes SAML single sign-on only in a browser (Atlassian Guard) and gives the person a session of its own
(https://support.atlassian.com/security-and-access-policies/docs/configure-saml-single-sign-on-with-an-identity-provider/);
a twin has no browser, so a test uses the identity provider's token directly. An inactive user (SCIM
``active: false``) is refused as Jira refuses their credentials: 401, as is an email no user has.
"""

from __future__ import annotations

from typing import Any

from ..runtime import Credential, State, federated


@federated
def user_signed_in(state: State, tenant: str, claims: dict[str, Any]) -> Credential | None:
    email = str(claims.get("email") or "").strip().lower()
    if not email:
        return None
    found = next(
        (u for _, u in state.collection("users").scan() if str(u.get("emailAddress") or "").lower() == email), None
    )
    if found is None or not found.get("active", True):
        return None
    return Credential("sso", "bearer", principal={"accountId": found["accountId"], "email": found["emailAddress"]})
