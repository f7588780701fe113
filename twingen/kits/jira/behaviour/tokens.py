"""Jira Data Center's personal access tokens: ``POST /rest/pat/latest/tokens`` mints a bearer token that acts as
its creator from the next request (https://confluence.atlassian.com/enterprise/using-personal-access-tokens-1026032365.html).
"""

from __future__ import annotations

import hashlib
from typing import Any

from ..runtime import Context, Credential, Response, behaviour
from ._api import body
from ._errors import jira_error
from ._store import me, next_id
from .issue_view import stamp

DAY = 86400


@behaviour("pat.create", method="POST", path="/rest/pat/latest/tokens")
def create_token(ctx: Context) -> Response:
    sent = body(ctx)
    name = str(sent.get("name") or "").strip()
    if not name:
        raise jira_error("bad_request", "Token name is required.")
    days = sent.get("expirationDuration")
    if days is not None and (not isinstance(days, int) or days < 1):
        raise jira_error("bad_request", "Expiration duration must be a positive number of days.")
    owner = me(ctx)
    token_id = next_id(ctx.state, "pat", first=1)
    # a Data Center token is 44 URL-safe characters
    raw = hashlib.sha256(f"{ctx.tenant}/{owner['accountId']}/{token_id}/{ctx.new_id()}".encode()).hexdigest()[:44]
    ctx.grant(
        Credential(
            name=f"pat-{token_id}",
            scheme="bearer",
            token=raw,
            principal={"accountId": owner["accountId"], "email": owner["emailAddress"]},
        )
    )
    out: dict[str, Any] = {"id": int(token_id), "name": name, "createdAt": stamp(ctx), "rawToken": raw}
    if days:
        from ._store import timestamp

        out["expiringAt"] = timestamp(ctx.now() + days * DAY)
    return Response(201, out)
