"""The committed Okta twin (``generated/okta``, behaviour from the okta kit) in-process, fresh for each test.

``okta`` is a client on the twin that sends the seeded API token as okta-sdk-python does (``SSWS TOKEN``);
``okta_app`` is the app itself (for ``/_twin/`` calls or a second client). okta-sdk-python speaks aiohttp, which
the in-process bridge does not serve, so these tests speak HTTP with starlette's client; the SDK itself is
measured by ``twingen check okta --sdk okta`` and ``--suite okta``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

GENERATED = Path(__file__).resolve().parents[2] / "generated" / "okta"


@pytest.fixture
def okta_app() -> Iterator[Any]:
    if str(GENERATED) not in sys.path:
        sys.path.insert(0, str(GENERATED))
    from twin_okta.runtime import load_app

    yield load_app("twin_okta", seed=1)


@pytest.fixture
def okta(okta_app: Any) -> Iterator[TestClient]:
    with TestClient(okta_app, base_url="http://127.0.0.1:8000") as client:
        token = next(
            c["token"] for c in client.get("/_twin/credentials").json()["credentials"] if c["name"] == "apikey"
        )
        client.headers["Authorization"] = f"SSWS {token}"
        yield client
