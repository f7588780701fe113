"""The universe's control plane over HTTP: ``/_universe/...``, plain JSON, on its own loopback port.

Like a twin's ``/_twin/`` (``runtime/control/access.py``), it answers loopback callers only: a ``Host`` that is not
loopback (a DNS-rebinding page) or any ``Origin`` (a browser page's request) is refused with 403. Calls are taken
one at a time, as a snapshot must not interleave with a reset.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from twingen.runtime.control.loopback import host_name, is_loopback

from .members import MemberError
from .running import DEFAULT, Universe
from .signin import SignInRefused, sign_in

Endpoint = Callable[[Universe, Request, Any], tuple[int, Any]]


def _summary(universe: Universe, request: Request, body: Any) -> tuple[int, Any]:
    return 200, {
        "twins": {n: m.base_url for n, m in universe.members.items()},
        "identity": universe.identity,
        "tenants": list(universe.tenants.values()),
        "snapshots": sorted(universe.snapshots),
    }


def _health(universe: Universe, request: Request, body: Any) -> tuple[int, Any]:
    ok, shown = universe.health()
    return (200 if ok else 503), shown


def _credentials(universe: Universe, request: Request, body: Any) -> tuple[int, Any]:
    return 200, universe.credentials(request.query_params.get("tenant", DEFAULT))


def _reset(universe: Universe, request: Request, body: Any) -> tuple[int, Any]:
    universe.reset()
    return 200, {"reset": True}


def _snapshot(universe: Universe, request: Request, body: Any) -> tuple[int, Any]:
    return 200, universe.snapshot()


def _snapshots(universe: Universe, request: Request, body: Any) -> tuple[int, Any]:
    return 200, {"snapshots": list(universe.snapshots.values())}


def _restore(universe: Universe, request: Request, body: Any) -> tuple[int, Any]:
    return 200, universe.restore(str((body or {}).get("id", "")))


def _clock(universe: Universe, request: Request, body: Any) -> tuple[int, Any]:
    return 200, universe.clock(body if request.method == "POST" else None)


def _tenants(universe: Universe, request: Request, body: Any) -> tuple[int, Any]:
    if request.method == "POST":
        return 201, universe.create_tenant(str((body or {}).get("name") or f"company{len(universe.tenants)}"))
    return 200, {"tenants": list(universe.tenants.values())}


def _signin(universe: Universe, request: Request, body: Any) -> tuple[int, Any]:
    try:
        return 200, sign_in(universe, body if isinstance(body, dict) else {})
    except SignInRefused as refused:
        return refused.status, refused.answer
    except ValueError as error:
        return 400, {"error": "bad_request", "message": str(error)}


ROUTES: tuple[tuple[str, tuple[str, ...], Endpoint], ...] = (
    ("/_universe/", ("GET",), _summary),
    ("/_universe/health", ("GET",), _health),
    ("/_universe/credentials", ("GET",), _credentials),
    ("/_universe/reset", ("POST",), _reset),
    ("/_universe/snapshot", ("POST",), _snapshot),
    ("/_universe/snapshots", ("GET",), _snapshots),
    ("/_universe/restore", ("POST",), _restore),
    ("/_universe/clock", ("GET", "POST"), _clock),
    ("/_universe/tenants", ("GET", "POST"), _tenants),
    ("/_universe/signin", ("POST",), _signin),
)


def create_plane(universe: Universe) -> Starlette:
    lock = threading.Lock()

    def endpoint(fn: Endpoint) -> Callable[[Request], Any]:
        async def run(request: Request) -> JSONResponse:
            if "origin" in request.headers or not is_loopback(host_name(request.headers.get("host") or "")):
                return JSONResponse({"error": "forbidden", "message": "loopback callers only"}, 403)
            raw = await request.body()
            try:
                body = await request.json() if raw.strip() else None
            except ValueError:
                return JSONResponse({"error": "invalid_json", "message": "the body is not JSON"}, 400)
            from starlette.concurrency import run_in_threadpool

            def call() -> tuple[int, Any]:
                with lock:
                    return fn(universe, request, body)

            try:
                status, answer = await run_in_threadpool(call)
            except KeyError as missing:
                return JSONResponse({"error": "not_found", "message": f"no such tenant or snapshot: {missing}"}, 404)
            except MemberError as error:
                return JSONResponse({"error": "twin_failed", "message": str(error)}, 502)
            return JSONResponse(answer, status)

        return run

    return Starlette(routes=[Route(path, endpoint(fn), methods=list(methods)) for path, methods, fn in ROUTES])
