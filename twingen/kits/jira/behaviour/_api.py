"""One function, every REST version: Jira serves the platform API at ``/rest/api/3`` (Atlassian Document Format
bodies), ``/rest/api/2`` (wiki-markup strings) and ``/rest/api/latest`` (= 2) over the same site.

``@api(op_id, method, tail)`` routes ``tail`` under all three: the v3 route is the spec's ``op_id`` when the docs
list it (``spec=True``), the others are behaviour-only operations ``op_id.v2`` and ``op_id.latest``.
``version(ctx)`` tells the handler which one was called; ``rest(ctx, tail)`` is the ``self`` URL of a resource in
the caller's version, since clients follow those links.
Source: https://developer.atlassian.com/cloud/jira/platform/rest/v2/intro/ ("v2 and v3 offer the same
collection of operations; v3 adds support for ADF").
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from ..runtime import Context, behaviour

F = TypeVar("F", bound=Callable[..., Any])

API = "/rest/api/"


def api(
    op_id: str, method: str, tail: str, *, spec: bool = True, auth: bool = True, lists: tuple[str, ...] = ()
) -> Callable[[F], F]:
    """Serve ``tail`` (``issue/{issueIdOrKey}``) at v3, v2 and latest with one function; ``auth=False`` for what
    Jira answers anonymously; ``lists``: the query parameters the v3 document types as arrays, which a client may
    repeat (``?fields=a&fields=b``) on the v2 and latest routes too (the docs list only v3's)."""

    def mark(fn: F) -> F:
        if spec:
            fn = behaviour(op_id, auth=auth)(fn)
        else:
            fn = behaviour(f"{op_id}.v3", method=method, path=f"{API}3/{tail}", auth=auth, lists=lists)(fn)
        fn = behaviour(f"{op_id}.v2", method=method, path=f"{API}2/{tail}", auth=auth, lists=lists)(fn)
        return behaviour(f"{op_id}.latest", method=method, path=f"{API}latest/{tail}", auth=auth, lists=lists)(fn)

    return mark


def any_credential(op_id: str) -> Callable[[F], F]:
    """An operation whose document lists only OAuth 2.0 (the agile API, some Data Center paths the SDK adds) but
    which Jira serves to basic auth with an API token as well
    (https://developer.atlassian.com/cloud/jira/software/basic-auth-for-rest-apis/). The runtime would refuse a basic
    credential there, so the route is opened and the caller authenticated here: none (or an unknown one) is the
    platform's 401."""

    def mark(fn: F) -> F:
        @functools.wraps(fn)
        def checked(ctx: Context) -> Any:
            from ._store import me

            me(ctx)
            return fn(ctx)

        return behaviour(op_id, auth=False)(checked)  # type: ignore[return-value]

    return mark


def version(ctx: Context) -> int:
    """3 for ``/rest/api/3`` (ADF bodies), else 2 (``/rest/api/2``, ``/rest/api/latest``, other APIs)."""
    return 3 if ctx.path.startswith(f"{API}3/") else 2


def rest(ctx: Context, tail: str) -> str:
    """The ``self`` URL of ``tail`` in the version the caller used."""
    return f"{ctx.base_url.rstrip('/')}{API}{version(ctx)}/{tail}"


def site(ctx: Context) -> str:
    return ctx.base_url.rstrip("/")


def body(ctx: Context) -> dict[str, Any]:
    """The JSON object sent, or 400 as Jira refuses a body that is not one."""
    from ._errors import jira_error

    if ctx.body is None and not ctx.raw_body.strip():
        return {}
    if not isinstance(ctx.body, dict):
        raise jira_error("bad_request", "Can not deserialize instance of object out of the request body.")
    return ctx.body
