"""Vendor-shaped views: ``GET /_twin/views/NAME?tenant=ID`` shows a tenant's state as the vendor's users see it.

A kit's behaviour module marks ``fn(ctx: ViewContext) -> Html`` with ``@view(NAME, title=...)``
(``runtime/behaviour.py``); this module serves it inside the console's frame: the twin's name, a link back to
``/_twin/``, the tenant switcher and the listed views. Views only read (no forms, nothing committed), are built
with ``html.h`` (every string escaped: a message's ``<script>`` stays text), and are rendered on each request,
so a refresh shows what the twin holds now. ``ViewContext`` gives what every view needs: links to other views
that keep the tenant (``ctx.link``), ids shown so a test author can copy them (``ctx.id``), times, JSON, tables.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NoReturn
from urllib.parse import urlencode

import orjson

from ...behaviour import ViewMark
from ...dispatch.requests import Incoming
from ...dispatch.twin import Reply, Twin
from ...state.records import State
from ..tenancy import find_tenant
from .html import Child, Safe, document, h, section

PREFIX = "/_twin/views/"
_HEADERS = {
    "cache-control": "no-store",
    "x-frame-options": "DENY",
    # a view needs no script, form or remote resource: should some markup ever slip through, it runs nothing
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'",
}

Html = Safe
"""What a view returns: markup built with ``h`` (or any ``Child``: text, lists of markup)."""


class NotFound(Exception):
    """Raised by ``ViewContext.missing``: the view answers 404 with this message."""


class ViewContext:
    """What a view function receives: the tenant's state (read it, never change it) and helpers for the page."""

    def __init__(self, twin: Twin, mark: ViewMark, tenant: str, state: State, params: Mapping[str, str]) -> None:
        self.state = state
        self.tenant = tenant
        """The tenant's id (``"default"``, ``"t1"``...), kept by every ``link``."""
        self.params = dict(params)
        """The query string without ``tenant`` (a view of one object reads its id here: ``ctx.params["id"]``)."""
        self.title = mark.title
        """The page's heading; a view of one object may set it (``ctx.title = "#general"``)."""
        self.spec = twin.spec.data
        self._twin = twin

    def now(self) -> float:
        return self._twin.clock.now()

    def url(self, view: str, **params: object) -> str:
        """The address of another view of this tenant; ``None`` values are left out."""
        query = {k: str(v) for k, v in params.items() if v is not None}
        if self.tenant != "default":
            query["tenant"] = self.tenant
        return PREFIX + view + ("?" + urlencode(query) if query else "")

    def link(self, view: str, label: Child, **params: object) -> Safe:
        """``<a>`` to another view of this tenant (a message's user, a file's folder)."""
        return h("a", {"href": self.url(view, **params)}, label)

    def id(self, value: object) -> Safe:
        """An id as the API shows it, selectable in one click so a test author can copy it."""
        return h("code", {"class_": "id", "title": "id"}, str(value))

    def when(self, seconds: object) -> str:
        """A Unix time (seconds; Slack's ``ts`` strings too) as ``YYYY-MM-DD HH:MM:SS UTC``; else as given."""
        try:
            value = float(str(seconds))
        except ValueError:
            return str(seconds)
        return time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(value))

    def json(self, value: Any) -> Safe:
        """A value as indented JSON, in a collapsed block (the raw record behind a vendor-shaped row)."""
        raw = orjson.dumps(value, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS, default=str).decode()
        return h("details", {"class_": "raw"}, h("summary", None, "JSON"), h("pre", None, raw))

    def table(self, columns: Sequence[str], rows: Iterable[Sequence[Child]], **attrs: object) -> Safe:
        """A table with a header row; ``rows`` of cells (text or markup)."""
        head = h("tr", None, [h("th", None, c) for c in columns])
        body = [h("tr", None, [h("td", None, cell) for cell in row]) for row in rows]
        if not body:
            return h("p", {"class_": "muted"}, "None.")
        return h("table", attrs, head, body)

    def missing(self, what: str) -> NoReturn:
        """Answer 404 with ``what`` (a view of one object asked for one that is not there)."""
        raise NotFound(what)


def listed(twin: Twin) -> list[ViewMark]:
    """The views the console links to, in the order the behaviour's modules declared them."""
    return [mark for mark, _ in twin.registry.views.values() if mark.listed]


def show(twin: Twin, incoming: Incoming, name: str) -> Reply | None:
    """``GET /_twin/views/NAME``: the page, or None when the twin has no such view."""
    found = twin.registry.views.get(name.strip("/"))
    if found is None:
        return None
    mark, fn = found
    params = dict(incoming.query)
    tenant = find_tenant(twin, params.pop("tenant", None) or "default")
    ctx = ViewContext(twin, mark, tenant.id, tenant.state, params)
    status = 200
    try:
        content: Child = fn(ctx)
    except NotFound as missing:
        status, content = 404, h("p", {"class_": "bad"}, str(missing))
    body = _frame(twin, ctx, content)
    return status, body, dict(_HEADERS), "text/html; charset=utf-8"


def _frame(twin: Twin, ctx: ViewContext, content: Child) -> bytes:
    spec = twin.spec
    title = str(spec.data.get("title") or spec.name)
    console = "/_twin/" + ("" if ctx.tenant == "default" else f"?tenant={ctx.tenant}")
    tenants = [
        h("a", {"href": _with_tenant(ctx, t.id), "class_": "on" if t.id == ctx.tenant else None}, t.name)
        for t in twin.tenants.all()
    ]
    nav = [ctx.link(mark.name, mark.title) for mark in listed(twin)]
    header = h(
        "header",
        None,
        h("h1", None, h("a", {"href": console, "style": "color:inherit"}, f"{title} twin")),
        h("nav", {"class_": "views"}, nav),
        h("span", {"class_": "meta tenants"}, "tenant ", tenants),
        h("a", {"href": "", "style": "color:#90cdf4"}, "refresh"),
    )
    main = h("main", {"class_": "view"}, section("view", ctx.title, content))
    return document(f"{ctx.title} · {title} twin", [header, main])


def _with_tenant(ctx: ViewContext, tenant: str) -> str:
    query = dict(ctx.params)
    if tenant != "default":
        query["tenant"] = tenant
    return "?" + urlencode(query) if query else "?"
