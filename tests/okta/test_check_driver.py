"""The okta check driver fails what an Okta org would not answer: a stub's example values, an error outside Okta's
envelope, a bad token let through, an unknown id answered 200, a crash; and passes an org that answers as Okta does.

A small fake org (``http.server`` on loopback) answers ``createUser`` and ``getUser`` in one of several ways; the
real okta SDK calls it through the driver, and the engine's ``check_method`` classifies each method.
"""

from __future__ import annotations

import json
import shutil
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import okta
import pytest

from twingen.check.arguments import Pool
from twingen.check.engine import check_method
from twingen.check.runner import RunningTwin
from twingen.kits.okta.check import client
from twingen.kits.okta.check.driver import OktaDriver
from twingen.kits.okta.sdk_scan import scan
from twingen.sdk.surface import SdkSurface

pytestmark = pytest.mark.network_loopback

TOKEN = "00fakeOrgToken000000000000000000000000000"
OPERATIONS = {
    "createUser": {"id": "createUser", "method": "POST", "path": "/api/v1/users", "parameters": []},
    "getUser": {"id": "getUser", "method": "GET", "path": "/api/v1/users/{id}", "parameters": []},
    "deleteUser": {"id": "deleteUser", "method": "DELETE", "path": "/api/v1/users/{id}", "parameters": []},
}
STUB_USER = {"id": "00ub0oNGTSWTBKOLGLNR", "status": "ACTIVE", "profile": {"login": "isaac.brock@example.com",
             "email": "isaac.brock@example.com", "firstName": "Isaac", "lastName": "Brock"}}  # fmt: skip


def _error(code: str, summary: str) -> dict[str, Any]:
    return {"errorCode": code, "errorSummary": summary, "errorLink": code, "errorId": "oaeFake", "errorCauses": []}


class FakeOrg(BaseHTTPRequestHandler):
    mode = "okta"
    users: dict[str, dict[str, Any]] = {}
    limited_once = False

    def log_message(self, *args: Any) -> None:  # quiet
        pass

    def _answer(self, status: int, body: Any, content_type: str = "application/json") -> None:
        data = json.dumps(body).encode() if not isinstance(body, bytes) else body
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _authed(self) -> bool:
        # okta 3.x sends ``SSWS`` and the token with or without a space between them
        if self.mode == "open" or self.headers.get("Authorization", "").replace(" ", "") == f"SSWS{TOKEN}":
            return True
        self._answer(401, _error("E0000011", "Invalid token provided"))
        return False

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
        if not self._authed():
            return
        if self.mode == "stub":
            self._answer(200, STUB_USER)  # the schema's example, whatever was sent
            return
        user = {"id": f"00u{len(self.users):017d}", "status": "ACTIVE", "profile": body.get("profile", {})}
        self.users[user["id"]] = user
        self._answer(200, user)

    def do_GET(self) -> None:
        if not self._authed():
            return
        user_id = self.path.rsplit("/", 1)[-1]
        if self.mode == "limited" and not FakeOrg.limited_once:
            FakeOrg.limited_once = True  # one 429, then the answer: a client waits until the reset
            data = json.dumps(_error("E0000047", "API call exceeded rate limit due to too many requests.")).encode()
            self.send_response(429)
            self.send_header("Content-Type", "application/json")
            self.send_header("x-rate-limit-reset", str(int(time.time()) + 1))
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return
        if self.mode == "hang":
            time.sleep(1.0)  # longer than the (shortened) per-call timeout
        if self.mode == "stub":
            self._answer(200, STUB_USER)
        elif self.mode == "crash":
            self._answer(500, b"Internal Server Error", "text/plain")
        elif user_id not in self.users:
            if self.mode == "plain404":
                self._answer(404, {"message": "not found"})
            elif self.mode == "open":
                self._answer(200, {**STUB_USER, "id": user_id})
            else:
                self._answer(404, _error("E0000007", f"Not found: Resource not found: {user_id} (User)"))
        else:
            self._answer(200, self.users[user_id])

    def do_DELETE(self) -> None:
        if not self._authed():
            return
        user = self.users.get(self.path.rsplit("/", 1)[-1])
        if user is None:
            self._answer(404, _error("E0000007", "Not found: Resource not found (User)"))
            return
        if self.mode != "lazy":  # Okta's first delete deactivates the user
            user["status"] = "DEPROVISIONED"
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that gave up waiting (the hang test) closes its end: nothing to report."""


@pytest.fixture(scope="module")
def surface(tmp_path_factory: pytest.TempPathFactory) -> SdkSurface:
    # the SDK's user module alone: scanning all 118 API modules takes seconds
    root = tmp_path_factory.mktemp("okta_sdk")
    (root / "okta" / "api").mkdir(parents=True)
    shutil.copy(Path(okta.__file__).parent / "api" / "user_api.py", root / "okta" / "api" / "user_api.py")
    found = scan(root)
    methods = tuple(m for m in found.methods if m.name in ("create_user", "get_user", "delete_user"))
    return SdkSurface(found.package, found.version, found.style, found.root, methods, ())


@pytest.fixture
def org() -> Iterator[str]:
    FakeOrg.users = {}
    FakeOrg.limited_once = False
    server = _Server(("127.0.0.1", 0), FakeOrg)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _check(org: str, surface: SdkSurface, mode: str, source: str = "behaviour") -> dict[str, str]:
    FakeOrg.mode = mode
    with httpx.Client(base_url=org) as http:
        twin = RunningTwin(org, "twin_fake", 0, http, {"apikey": TOKEN}, dict.fromkeys(OPERATIONS, source))
        driver = OktaDriver(twin, surface, OPERATIONS)
        driver.connect()
        try:
            pool = Pool()
            driver.setup(pool)  # makes a user (through create_user) when the fake keeps it
            results = {}
            for method in driver.order(surface.methods):
                result, *_ = check_method(driver, method, pool)
                results[method.name] = f"{result.cls}: {result.detail}"
            return results
        finally:
            driver.close()


def test_an_org_answering_as_okta_passes(org: str, surface: SdkSurface) -> None:
    results = _check(org, surface, "okta")
    assert all(r.startswith("ok") for r in results.values()), results


def test_a_delete_that_changes_nothing_fails(org: str, surface: SdkSurface) -> None:
    results = _check(org, surface, "lazy")
    assert results["delete_user"].startswith("wrong-error") and "get_user after it" in results["delete_user"], results


def test_answers_from_the_schema_fail_even_when_the_operation_is_not_marked_stub(org: str, surface: SdkSurface) -> None:
    results = _check(org, surface, "stub")
    assert results["create_user"].startswith("wrong-error") and "profile." in results["create_user"], results
    assert results["get_user"].startswith("wrong-error"), results


def test_a_stubbed_operation_is_a_stub(org: str, surface: SdkSurface) -> None:
    results = _check(org, surface, "okta", source="stub")
    assert all(r.startswith("stub") for r in results.values()), results


def test_a_404_outside_okta_error_envelope_is_not_okta(org: str, surface: SdkSurface) -> None:
    assert _check(org, surface, "plain404")["get_user"].startswith("sdk-raised"), "unknown id probe: not Okta's body"


def test_a_bad_token_let_through_and_an_unknown_id_answered_fail(org: str, surface: SdkSurface) -> None:
    results = _check(org, surface, "open")
    assert results["create_user"].startswith("wrong-error") and "bad token" in results["create_user"], results
    assert results["get_user"].startswith("wrong-error"), results


def test_a_crash_is_a_server_error(org: str, surface: SdkSurface) -> None:
    assert _check(org, surface, "crash")["get_user"].startswith("server-error")


def test_a_rate_limit_is_waited_out_once_not_counted(org: str, surface: SdkSurface) -> None:
    assert _check(org, surface, "limited")["get_user"].startswith("ok")


def test_a_twin_that_does_not_answer_is_a_server_error_not_a_hang(
    org: str, surface: SdkSurface, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(client, "CALL_SECONDS", 0.3)
    result = _check(org, surface, "hang")["get_user"]
    assert result.startswith("server-error") and "no answer" in result, result
