"""The control plane under ``/_twin/``: one route table, (method, path pattern) -> handler.

Kept apart from vendor routes (no vendor path starts with ``/_twin``) and answered in plain JSON,
never in a vendor envelope, because test harnesses rather than SDKs call it. Bad input is a 400 with
``{"error": "bad_request", "message": ...}``, never a 500; a request no route takes is a 404 with
``{"error": "not_found", "message": "no control endpoint ..."}``.

The table, tried in order (a trailing ``/`` is ignored):

- the twin-wide endpoints (``endpoints.py``), snapshots and tenants (``tenancy.py``) and trusted issuers
  (``trust.py``);
- the twin-specific endpoints behaviour declares with ``@control(path, method=...)`` (``runtime/behaviour.py``),
  e.g. Slack's ``POST /_twin/slack/socket``: the tenant is ``{"tenant"}`` in the body or ``?tenant=``;
- the web UI: ``GET /_twin/``, the form posts under ``/_twin/ui/`` and the behaviour's ``@view`` pages at
  ``GET /_twin/views/NAME`` (``ui/``).
"""

from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary

from ..behaviour import Context, ControlHandler
from ..dispatch.requests import Incoming
from ..dispatch.twin import Reply, Twin
from ..state.tenants import TenantError
from ..types import VendorError
from . import endpoints, tenancy, trust
from .faults import FaultError
from .ratelimits import RateLimitError
from .routing import BadRequest, Call, Handler, Route, error_reply, json_reply, no_endpoint

PREFIX = "/_twin"

_BAD_REQUESTS = (BadRequest, FaultError, RateLimitError)


def handle(twin: Twin, incoming: Incoming) -> Reply:
    """The answer to ``incoming``, a request whose path starts with ``PREFIX + "/"``."""
    path = incoming.path.rstrip("/")[len(PREFIX) :]
    for route in _table(twin):
        params = route.match(incoming.method, path)
        if params is None:
            continue
        try:
            return route.handler(Call(twin, incoming, params))
        except TenantError as error:
            word = {404: "not_found", 503: "unavailable"}.get(error.status, "conflict")  # 503: storage failed
            return error_reply(word, str(error), error.status)
        except _BAD_REQUESTS as error:
            return error_reply("bad_request", str(error), 400)
    return no_endpoint(incoming)


def _ui_page(call: Call) -> Reply:
    from . import ui  # imported on first use: the page's code stays out of the twin's start-up

    return ui.show(call.twin, call.incoming)


def _ui_form(call: Call) -> Reply:
    from . import ui

    return ui.submit(call.twin, call.incoming, call.params["action"]) or no_endpoint(call.incoming)


def _ui_view(call: Call) -> Reply:
    from .ui import views

    return views.show(call.twin, call.incoming, call.params["name"]) or no_endpoint(call.incoming)


def _ui_wrong_method(call: Call) -> Reply:
    return 405, b"use the forms on /_twin/", {"allow": "POST"}, "text/plain; charset=utf-8"


RUNTIME_ROUTES = (*endpoints.ROUTES, *tenancy.ROUTES, *trust.ROUTES)
UI_ROUTES = (
    Route("GET", "", _ui_page),
    Route("HEAD", "", _ui_page),
    Route("POST", "/ui/{action:path}", _ui_form),
    Route("GET", "/views/{name:path}", _ui_view),
    Route("HEAD", "/views/{name:path}", _ui_view),
    Route("*", "/ui/{action:path}", _ui_wrong_method),
)

_tables: WeakKeyDictionary[Twin, tuple[Route, ...]] = WeakKeyDictionary()


def _table(twin: Twin) -> tuple[Route, ...]:
    """This twin's table: the runtime's routes, its behaviour's ``@control`` endpoints, then the UI's."""
    table = _tables.get(twin)
    if table is None:
        controls = twin.registry.controls.items()
        declared = [Route(method, path, _declared(fn), literal=True) for (method, path), fn in controls]
        table = _tables[twin] = (*RUNTIME_ROUTES, *declared, *UI_ROUTES)
    return table


def _declared(fn: ControlHandler) -> Handler:
    """A behaviour's ``@control`` endpoint, called with a credential-less Context of the named tenant."""

    def handler(call: Call) -> Reply:
        twin, incoming = call.twin, call.incoming
        body = call.json()
        params: dict[str, Any] = {**incoming.query, **(body if isinstance(body, dict) else {})}
        ref = str(params.get("tenant") or "default")
        tenant = tenancy.find_tenant(twin, ref)
        ctx = Context(
            op={},
            params=params,
            body=body,
            raw_body=incoming.raw_body,
            headers=incoming.headers,
            content_type=incoming.content_type,
            principal=None,
            state=tenant.state,
            clock=twin.clock,
            ids=twin.ids,
            base_url="",
            path=incoming.path,
            tenant=tenant.id,
        )
        try:
            result = fn(ctx)
        except VendorError as error:
            answer = {"error": error.code, "message": error.message or error.code, **error.details}
            return json_reply(answer, error.status or 400)
        finally:
            twin.tenants.commit()
        return json_reply(result)

    return handler
