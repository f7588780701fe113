"""Sign-in from a trusted identity provider (``POST /_twin/trust``, a twin convenience): an OpenID Connect ID token
the tenant's identity provider signed acts as the person with its ``email``, as that person's OAuth token would
(the Drive scope, as the seed's tokens).

Google Workspace takes a third-party identity provider through SAML (or OIDC) in a browser and then issues its own
OAuth tokens (https://support.google.com/a/answer/12032922); a twin has no browser, so a test uses the identity
provider's token directly. A person the Directory suspended or deleted (``disabled`` on the Drive person) is refused
401, as Google refuses such a person's token; so is an email the domain has no person for.
"""

from __future__ import annotations

from typing import Any

from ..runtime import Credential, State, federated
from .seed import DRIVE_SCOPE


@federated
def person_signed_in(state: State, tenant: str, claims: dict[str, Any]) -> Credential | None:
    email = str(claims.get("email") or "").strip().casefold()
    person = state.collection("users").get(email) if email else None
    if person is None or person.get("disabled"):
        return None
    principal = {"email": person["email"], "permissionId": person["permissionId"]}
    return Credential("sso", "bearer", principal=principal, scopes=(DRIVE_SCOPE,))
