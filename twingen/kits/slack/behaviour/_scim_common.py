"""What every SCIM endpoint shares: the version in the path, who may call, the body, filters and paging.

Who may call (docs.slack.dev/admins/scim-api, "Access"): a user token with the ``admin`` scope, held by an
admin or owner of the Enterprise org; anything else is refused in the version's error envelope (``_scim_errors``).
Lists page by ``startIndex`` (1-based) and ``count`` (default 100, at most 1000; a negative count is 0, RFC 7644
3.4.2.4) and filter by one ``ATTRIBUTE eq "VALUE"`` (the operator in any case; values compared without case for
names and emails, as Slack's are stored lower-case).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..runtime import Context, Response
from . import _args
from ._audit_errors import answer
from ._auth import bearer, live_holder
from ._scim_errors import ScimRefusal
from ._scim_model import V1_CORE, V2_LIST

Record = dict[str, Any]
Handler = Callable[[Context, str], Response]

VERSIONS = ("v1", "v2")
DEFAULT_COUNT = 100
MAX_COUNT = 1000
_FILTER = re.compile(r'^\s*([A-Za-z][\w.:]*)\s+eq\s+"([^"]*)"\s*$', re.IGNORECASE)


def version_of(ctx: Context) -> str:
    parts = ctx.path.split("?", 1)[0].strip("/").split("/")
    return parts[1] if len(parts) > 1 and parts[0] == "scim" else ""


def resource_id(ctx: Context) -> str:
    """The id after the resource name (``/scim/v1/Users/W123`` -> ``W123``); read from the path, not the body."""
    parts = ctx.path.split("?", 1)[0].strip("/").split("/")
    return parts[3] if len(parts) > 3 else ""


def served(fn: Handler) -> Callable[[Context], Response]:
    """``fn(ctx, version)`` after the caller is checked; refusals answered in the version's envelope."""

    def run(ctx: Context) -> Response:
        version = version_of(ctx)
        try:
            if version not in VERSIONS:
                raise ScimRefusal("not_found")
            require_admin(ctx)
            return fn(ctx, version)
        except ScimRefusal as refusal:
            return refusal.response(version if version in VERSIONS else "v1")

    run.__name__ = run.__qualname__ = fn.__name__
    run.__doc__ = fn.__doc__
    return run


def require_admin(ctx: Context) -> None:
    token = bearer(ctx)
    holder = live_holder(ctx, token) if token else None
    if holder is None:
        raise ScimRefusal("invalid_authentication")
    credential, user = holder
    who = credential.principal
    if "admin" not in credential.scopes or who.get("bot_id"):
        raise ScimRefusal("missing_scope")
    org = ctx.state.collection("org").get("org")
    if org is not None:
        allowed = {*(org.get("admins") or ()), *(org.get("owners") or ())}
        if user.get("id") not in allowed:
            raise ScimRefusal("permission_denied")
    elif not (user.get("is_admin") or user.get("is_owner")):
        raise ScimRefusal("permission_denied")


def has_body(ctx: Context) -> bool:
    return bool(ctx.raw_body.strip())


def body(ctx: Context) -> Record:
    if not isinstance(ctx.body, dict):
        raise ScimRefusal("invalid_json")
    return ctx.body


def parsed_filter(ctx: Context, attributes: dict[str, Callable[[Record], list[str]]]) -> Callable[[Record], bool]:
    """The filter as a test on records: ``attributes`` maps each filterable attribute (lower-cased) to its values."""
    text = _args.text(ctx, "filter").strip()
    if not text:
        return lambda record: True
    matched = _FILTER.match(text)
    if matched is None or matched.group(1).lower() not in attributes:
        raise ScimRefusal("no_filters (is_aggregate_call=1)")
    read, wanted = attributes[matched.group(1).lower()], matched.group(2).lower()
    return lambda record: wanted in [v.lower() for v in read(record)]


def listing(ctx: Context, version: str, resources: list[Record]) -> Response:
    """One page of ``resources`` (already filtered), as the version lists them."""
    try:
        start = int(_args.text(ctx, "startIndex").strip() or 1)
        count = int(_args.text(ctx, "count").strip() or DEFAULT_COUNT)
    except ValueError:
        raise ScimRefusal("no_filters (is_aggregate_call=1)") from None
    start, count = max(start, 1), min(max(count, 0), MAX_COUNT)
    page = resources[start - 1 : start - 1 + count]
    shown: Record = {"totalResults": len(resources), "itemsPerPage": len(page), "startIndex": start}
    if version == "v2":
        return answer({"schemas": [V2_LIST], **shown, "Resources": page})
    return answer({"schemas": [V1_CORE], **shown, "Resources": page})
