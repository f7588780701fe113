"""``_links`` as Okta writes them (HAL): absolute hrefs on the org's own host, so an SDK that follows one stays on
the twin. Source: https://developer.okta.com/docs/api/#links"""

from __future__ import annotations

from typing import Any

from ..runtime import Context


def href(ctx: Context, path: str) -> str:
    return ctx.base_url.rstrip("/") + path


def link(ctx: Context, path: str, *methods: str) -> dict[str, Any]:
    """``{"href": ...}``, with ``"hints": {"allow": [METHOD, ...]}`` when the methods the link takes are given."""
    found: dict[str, Any] = {"href": href(ctx, path)}
    if methods:
        found["hints"] = {"allow": list(methods)}
    return found


def self_links(ctx: Context, path: str, **more: str) -> dict[str, Any]:
    """``{"self": {"href": ...}, NAME: {"href": ..., "hints": {"allow": ["POST"]}}}`` for each more NAME=PATH (a
    lifecycle action is posted to)."""
    links: dict[str, Any] = {"self": link(ctx, path, "GET")}
    for name, target in more.items():
        links[name] = link(ctx, target, "POST")
    return links
