"""The Google twin (``generated/google``) served by uvicorn on 127.0.0.1, reset to its seed before each test.

Clients are google-api-python-client services built against the twin the way the issue describes:
``client_options={"api_endpoint": BASE + "/drive/v3/"}``. In 2.202 ``api_endpoint`` *replaces*
``rootUrl + servicePath`` (it is not joined with ``servicePath``), so BASE is the twin's bare origin and
the ``/drive/v3/`` goes into the endpoint itself.

The twin is served as ``serve --tls`` serves it (the runtime's own ``server()``: HTTPS and plain HTTP on one
port, a local CA under the user's cache), because the client sends media uploads to ``https://`` on the
endpoint's host and port whatever the endpoint's scheme. Each service trusts that CA through
``AuthorizedHttp(credentials, http=httplib2.Http(ca_certs=CA))``, so uploads go through the client itself.

When ``generated/google`` has no generated parts (a fresh checkout before ``twingen new``), the twin is
generated into a temporary directory with the committed behaviour package linked into it.
"""

from __future__ import annotations

import asyncio
import importlib
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import google_auth_httplib2
import httplib2
import httpx
import pytest
from directory_helpers import directory
from google.oauth2.credentials import Credentials
from googleapiclient.discovery import build

REPO = Path(__file__).resolve().parents[2]
GENERATED = REPO / "generated" / "google"
PACKAGE = GENERATED / "twin_google"


def _twin_root(tmp: Path) -> Path:
    if (PACKAGE / "spec.json").is_file() and (PACKAGE / "runtime" / "__init__.py").is_file():
        return GENERATED
    out = tmp / "google"
    twingen = shutil.which("twingen") or "twingen"
    subprocess.run(
        [twingen, "new", "google", "--docs", "googleapiclient:drive.v3", "--out", str(out)], check=True, timeout=600
    )
    shutil.rmtree(out / "twin_google" / "behaviour")
    (out / "twin_google" / "behaviour").symlink_to(PACKAGE / "behaviour", target_is_directory=True)
    return out


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Twin:
    base_url: str
    tokens: dict[str, str]
    app: Any
    ca_file: str
    services: list[Any] = field(default_factory=list)

    def drive(self, name: str = "owner", token: str | None = None) -> Any:
        """A Drive v3 service for one seeded user (or any token, to test refusals)."""
        credentials = Credentials(token=token if token is not None else self.tokens[name])  # type: ignore[no-untyped-call]
        # a bounded timeout: a twin that stops answering fails the test instead of hanging it
        raw = httplib2.Http(timeout=30, ca_certs=self.ca_file)
        # as googleapiclient.http.build_http does for the Http it makes itself: a resumable upload's 308
        # means "send the next chunk", and httplib2 would otherwise follow it as a redirect
        raw.redirect_codes = set(raw.redirect_codes) - {308}
        http = google_auth_httplib2.AuthorizedHttp(credentials, http=raw)
        service = build(
            "drive",
            "v3",
            http=http,
            client_options={"api_endpoint": f"{self.base_url}/drive/v3/"},
            static_discovery=True,
            cache_discovery=False,
        )
        self.services.append(service)
        return service

    def close_services(self) -> None:
        """httplib2 keeps connections open; close them so no socket outlives its test."""
        while self.services:
            self.services.pop().close()

    def http(self, name: str = "owner") -> httpx.Client:
        """Raw HTTP as one user, for wire details the client cannot express (each such test says which)."""
        return httpx.Client(
            base_url=self.base_url, headers={"Authorization": f"Bearer {self.tokens[name]}"}, timeout=30
        )

    def reset(self) -> None:
        with httpx.Client(base_url=self.base_url) as http:
            http.post("/_twin/reset").raise_for_status()
            self.tokens = _tokens(http)


def _tokens(http: httpx.Client) -> dict[str, str]:
    listing = http.get("/_twin/credentials").json()["credentials"]
    return {item["name"]: item["token"] for item in listing}


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Twin]:
    root = _twin_root(tmp_path_factory.mktemp("google_twin"))
    sys.path.insert(0, str(root))
    runtime = importlib.import_module("twin_google.runtime")
    server_module = importlib.import_module("twin_google.runtime.server")
    tls = importlib.import_module("twin_google.runtime.serving.tls")
    # the CA goes to this session's temporary folder, not the user's cache: tests leave nothing behind
    files = tls.ensure_certificate(tmp_path_factory.mktemp("google_tls"))
    app = runtime.load_app("twin_google")
    app.twin.tls_ca = str(files.ca)  # what `serve --tls` sets, so /_twin/tls/ca.pem answers
    port = _free_port()
    server = server_module.server(app, "127.0.0.1", port, certfile=str(files.cert), keyfile=str(files.key))
    thread = threading.Thread(target=lambda: asyncio.run(server.serve()), daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the Google twin did not start")
        time.sleep(0.01)
    base_url = f"http://127.0.0.1:{port}"
    with httpx.Client(base_url=base_url) as http:
        tokens = _tokens(http)
    yield Twin(base_url, tokens, app, str(files.ca))
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def twin(served: Twin) -> Iterator[Twin]:
    """The served twin, back at its seed."""
    served.reset()
    yield served
    served.close_services()


@pytest.fixture
def drive(twin: Twin) -> Any:
    """The owner's Drive service."""
    return twin.drive("owner")


@pytest.fixture
def other(twin: Twin) -> Any:
    """The other seeded user's Drive service."""
    return twin.drive("other")


@pytest.fixture
def admin(twin: Twin) -> Any:
    """The owner's (the seeded customer's super administrator's) Admin SDK Directory service."""
    return directory(twin, "owner")
