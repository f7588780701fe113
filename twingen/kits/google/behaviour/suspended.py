"""A person the Admin SDK Directory suspended or deleted cannot use their tokens on any Google API.

Google answers such a token as an invalid credential (401 ``authError``) whatever the call, before the call reads
anything (https://support.google.com/a/answer/33312: a suspended user "can't sign in" and loses access to Google
services; their OAuth grants stop working). The runtime asks this hook right after it matched the credential, so
operations that never read their caller refuse the token as well.
"""

from __future__ import annotations

from ..runtime import Credential, State, admits
from ._errors import invalid_credentials


@admits
def refuse_suspended(state: State, tenant: str, credential: Credential) -> None:
    email = str(credential.principal.get("email") or "").casefold()
    person = state.collection("users").get(email) if email else None
    if person is not None and person.get("disabled"):
        raise invalid_credentials()
