"""Principal rate limits: the share of the org's rate limits one principal (an API token, or an OAuth 2.0 service
app) may use, as percentages of each limit and of the concurrency limit.

What Okta does (recorded answers of okta-sdk-python's cassettes, and
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/PrincipalRateLimit/):
- every API token has an entity from its creation (``defaultPercentage`` and ``defaultConcurrencyPercentage`` 50);
  creating a second one for the same principal is E0000001 "Api validation failed: principalRateLimitMediated",
  and for a token that does not exist 404 ``(Token)``;
- the percentages are read-only over this API (a replace keeps them); the entity carries ``orgId``, ``createdBy``,
  ``createdDate``, ``lastUpdate`` and ``lastUpdatedBy`` (seconds, no fraction), no ``_links``;
- the list needs ``filter`` (``principalType eq "SSWS_TOKEN"`` or ``"OAUTH_CLIENT"``), else E0000001
  principalRateLimitMediated; an unknown id is 404 ``(PrincipalRateLimit)``.
"""

from __future__ import annotations

import re
import time
from typing import Any

from ..runtime import Context, Response, behaviour
from . import _paging
from ._errors import not_found, okta_error, validation_failed
from ._store import new_id
from .org import org_id

ENTITIES = "principal_rate_limits"
TYPES = ("SSWS_TOKEN", "OAUTH_CLIENT")


def _stamp(now: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now))


def entity(ctx: Any, id_: str, principal_id: str, principal_type: str, by: str) -> dict[str, Any]:
    stamp = _stamp(ctx.now())
    return {
        "id": id_,
        "principalId": principal_id,
        "principalType": principal_type,
        "defaultPercentage": 50,
        "defaultConcurrencyPercentage": 50,
        "lastUpdate": stamp,
        "lastUpdatedBy": by,
        "createdDate": stamp,
        "createdBy": by,
    }


def shown(ctx: Context, record: dict[str, Any]) -> dict[str, Any]:
    # the org's id is the org record's (seeded after the tokens), so it is read when answering
    return {"id": record["id"], "orgId": org_id(ctx), **{k: v for k, v in record.items() if k != "id"}}


def _find(ctx: Context) -> dict[str, Any]:
    id_ = str(ctx.params.get("principalRateLimitId") or "")
    found = ctx.state.collection(ENTITIES).get(id_)
    if found is None:
        raise not_found(id_, "PrincipalRateLimit")
    return found


def _principal(ctx: Context, body: Any) -> tuple[str, str]:
    if not isinstance(body, dict):
        raise okta_error("E0000003")
    principal_id, principal_type = body.get("principalId"), body.get("principalType")
    if not isinstance(principal_id, str) or not principal_id:
        raise validation_failed("principalId", "The field cannot be left blank.")
    if principal_type not in TYPES:
        raise validation_failed("principalType", "The field must be SSWS_TOKEN or OAUTH_CLIENT.")
    return principal_id, principal_type


def _caller(ctx: Context) -> str:
    return str(ctx.identity.get("user_id") or "")


@behaviour("listPrincipalRateLimitEntities")
def list_(ctx: Context) -> Response:
    text = str(ctx.params.get("filter") or "")
    match = re.fullmatch(r'\s*principalType\s+eq\s+"([A-Z_]+)"\s*', text)
    if match is None:
        # Okta's wording, its spelling included (recorded)
        raise okta_error(
            "E0000001",
            "Api validation failed: principalRateLimitMediated",
            causes=['The provided filter parameter did not contain the required attrbute filter "principalType"'],
        )
    if match.group(1) not in TYPES:
        raise validation_failed("principalType", "The field must be SSWS_TOKEN or OAUTH_CLIENT.")
    wanted = match.group(1)
    rows = (
        (k, r)
        for k, r in _paging.walk(ctx.state.collection(ENTITIES), _paging.cursor_of(ctx))
        if r.get("principalType") == wanted
    )
    return _paging.served(ctx, rows, lambda r: shown(ctx, r), 20, 50)


@behaviour("getPrincipalRateLimitEntity")
def get(ctx: Context) -> Any:
    return shown(ctx, _find(ctx))


@behaviour("createPrincipalRateLimitEntity")
def create(ctx: Context) -> Any:
    principal_id, principal_type = _principal(ctx, ctx.body)
    if principal_type == "SSWS_TOKEN" and ctx.state.collection("api_tokens").get(principal_id) is None:
        raise not_found(principal_id, "Token")
    if any(e.get("principalId") == principal_id for e in ctx.state.collection(ENTITIES).values()):
        raise okta_error("E0000001", "Api validation failed: principalRateLimitMediated")
    record = entity(ctx, new_id(ctx, "prl"), principal_id, principal_type, _caller(ctx))
    ctx.state.collection(ENTITIES).put(record["id"], record)
    return Response(201, shown(ctx, record))


@behaviour("replacePrincipalRateLimitEntity")
def replace(ctx: Context) -> Any:
    record = _find(ctx)
    principal_id, principal_type = _principal(ctx, ctx.body)
    if (principal_id, principal_type) != (record["principalId"], record["principalType"]):
        raise validation_failed("principalId", "The principal of a rate limit entity cannot be changed.")
    record["lastUpdate"] = _stamp(ctx.now())
    record["lastUpdatedBy"] = _caller(ctx)
    ctx.state.collection(ENTITIES).put(record["id"], record)
    return shown(ctx, record)
