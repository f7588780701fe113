"""The Slack twin served by its own server() on 127.0.0.1, reset to its seed before each test.

The twin is the generated package ``generated/slack/twin_slack`` once the generator has written it
(spec.json + runtime). Until then the same behaviour modules are served over the runtime in this repo
with a spec of no operations: the Slack profile routes every behaviour at ``/api/METHOD`` anyway.
"""

from __future__ import annotations

import asyncio
import importlib
import json
import socket
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from slack_sdk import WebClient
from slack_sdk.web.async_client import AsyncWebClient

REPO = Path(__file__).resolve().parents[2]
GENERATED = REPO / "generated" / "slack"
PACKAGE = GENERATED / "twin_slack"
GENERATED_SPEC = (PACKAGE / "spec.json").is_file() and (PACKAGE / "runtime" / "__init__.py").is_file()
"""Whether the tests serve the generated twin (real spec, its validation) or the behaviour over a bare spec."""

_BARE_SPEC: dict[str, Any] = {
    "name": "slack",
    "title": "Slack Web API",
    "version": "twin",
    "vendor": "slack",
    "base_url": "https://slack.com",
    "operations": [],
    "schemas": {},
    "auth_schemes": [
        {
            "name": "slackAuth",
            "kind": "oauth2",
            "location": "header",
            "param_name": "Authorization",
            "prefix": "",
            "scopes": [],
            "description": "",
        }
    ],
    "resources": [],
    "documents": [],
}


def _app(tmp: Path) -> Any:
    if GENERATED_SPEC:
        sys.path.insert(0, str(GENERATED))
        runtime = importlib.import_module("twin_slack.runtime")
        return runtime.load_app("twin_slack")
    # generator not there yet: a package of symlinks gives the behaviour its ``..runtime``
    root = tmp / "pkg" / "twin_slack"
    root.mkdir(parents=True)
    (root / "__init__.py").write_text('"""Test-only package: the Slack twin\'s behaviour over the repo runtime."""\n')
    (root / "runtime").symlink_to(REPO / "twingen" / "runtime", target_is_directory=True)
    (root / "behaviour").symlink_to(PACKAGE / "behaviour", target_is_directory=True)
    sys.path.insert(0, str(root.parent))
    runtime = importlib.import_module("twin_slack.runtime")
    return runtime.create_app(_BARE_SPEC, runtime.discover("twin_slack.behaviour"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Twin:
    base_url: str
    tokens: dict[str, str]
    app: Any

    @property
    def api_url(self) -> str:
        return f"{self.base_url}/api/"

    def client(self, name: str = "bot") -> WebClient:
        return WebClient(token=self.tokens[name], base_url=self.api_url)

    def async_client(self, name: str = "bot") -> AsyncWebClient:
        return AsyncWebClient(token=self.tokens[name], base_url=self.api_url)

    def channel_ids(self) -> dict[str, str]:
        """The public channels' ids by name, as the seeded bot lists them."""
        listed = self.client("bot").conversations_list(types="public_channel")["channels"]
        return {str(c["name"]): str(c["id"]) for c in listed}

    def reset(self) -> None:
        with httpx.Client(base_url=self.base_url) as http:
            http.post("/_twin/reset").raise_for_status()
            self.tokens = _tokens(http)


def _tokens(http: httpx.Client) -> dict[str, str]:
    listing = http.get("/_twin/credentials").json()["credentials"]
    return {item["name"]: item["token"] for item in listing}


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Twin]:
    app = _app(tmp_path_factory.mktemp("slack_twin"))
    port = _free_port()
    # the twin's own server() (its HTTP protocol), as ``python -m twin_slack serve`` runs it
    server_module = importlib.import_module(type(app).__module__.split(".runtime.")[0] + ".runtime.server")
    server = server_module.server(app, "127.0.0.1", port)
    thread = threading.Thread(target=lambda: asyncio.run(server.serve()), daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the Slack twin did not start")
        time.sleep(0.01)
    base_url = f"http://127.0.0.1:{port}"
    with httpx.Client(base_url=base_url) as http:
        tokens = _tokens(http)
    yield Twin(base_url, tokens, app)
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def twin(served: Twin) -> Twin:
    """The served twin, back at its seed."""
    served.reset()
    return served


def turn_rotation_on(twin: Twin, bot_token: str, config_token: str) -> None:
    """What a developer does before exchanging long-lived tokens: the app's manifest turns rotation on."""
    bot = WebClient(token=bot_token, base_url=twin.api_url)
    app_id = bot.bots_info(bot=bot.auth_test()["bot_id"])["bot"]["app_id"]
    config = WebClient(token=config_token, base_url=twin.api_url)
    manifest = config.apps_manifest_export(app_id=app_id)["manifest"]
    manifest["settings"]["token_rotation_enabled"] = True
    config.apps_manifest_update(app_id=app_id, manifest=json.dumps(manifest))
