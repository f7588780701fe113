"""Tokens the twin mints while it runs, used the way an app under test uses them: through slack_sdk over HTTP.

An OAuth install answers tokens that work at once; token rotation answers expiring ``xoxe.`` tokens and
refresh tokens; configuration tokens rotate; revoked and expired tokens stop working as Slack says; and
all of it follows snapshots, resets, tenants and ``serve --state`` restarts.
"""

from __future__ import annotations

import importlib
import json
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from .conftest import GENERATED, Twin, turn_rotation_on

MANIFEST = {
    "display_information": {"name": "Rotator"},
    "features": {"bot_user": {"display_name": "Rotator"}},
    "oauth_config": {"scopes": {"bot": ["chat:write", "channels:read"], "user": ["search:read"]}},
    "settings": {"token_rotation_enabled": False},
}


def _module(name: str) -> Any:
    return importlib.import_module(f"twin_slack.behaviour.{name}")


def _error(call: Callable[..., Any], **kwargs: Any) -> str:
    with pytest.raises(SlackApiError) as caught:
        call(**kwargs)
    return str(caught.value.response["error"])


def _web(twin: Twin, token: str | None = None) -> WebClient:
    return WebClient(token=token, base_url=twin.api_url)


def _alice(twin: Twin) -> str:
    return str(twin.client("user").auth_test()["user_id"])


def _new_app(twin: Twin, rotating: bool) -> dict[str, Any]:
    manifest = {**MANIFEST, "settings": {"token_rotation_enabled": rotating}}
    created = twin.client("config").apps_manifest_create(manifest=json.dumps(manifest))
    return dict(created.data)  # type: ignore[union-attr]


def _install(twin: Twin, app: dict[str, Any], n: int = 1) -> dict[str, Any]:
    """What the app's OAuth redirect handler does: exchange the code Slack sent it."""
    client_id, secret = app["credentials"]["client_id"], app["credentials"]["client_secret"]
    code = _module("oauth").code_for(client_id, _alice(twin), n)
    return dict(_web(twin).oauth_v2_access(client_id=client_id, client_secret=secret, code=code).data)  # type: ignore[union-attr]


def _refresh(twin: Twin, app: dict[str, Any], refresh_token: str) -> dict[str, Any]:
    client_id, secret = app["credentials"]["client_id"], app["credentials"]["client_secret"]
    answer = _web(twin).oauth_v2_access(
        client_id=client_id, client_secret=secret, grant_type="refresh_token", refresh_token=refresh_token
    )
    return dict(answer.data)  # type: ignore[union-attr]


def _advance(twin: Twin, seconds: float) -> None:
    httpx.post(f"{twin.base_url}/_twin/clock", json={"advance": seconds}).raise_for_status()


def test_an_oauth_install_answers_tokens_that_work_at_once(twin: Twin) -> None:
    app = _new_app(twin, rotating=False)
    installed = _install(twin, app)
    assert installed["token_type"] == "bot" and installed["access_token"].startswith("xoxb-")
    assert "refresh_token" not in installed and "expires_in" not in installed
    me = _web(twin, installed["access_token"]).auth_test()
    assert me["user_id"] == installed["bot_user_id"] and me["bot_id"] and me["team_id"] == installed["team"]["id"]
    user = installed["authed_user"]
    assert user["access_token"].startswith("xoxp-") and user["scope"] == "search:read"
    assert _web(twin, user["access_token"]).auth_test()["user_id"] == _alice(twin)
    # the bot may do what its scopes allow, and not more
    assert _web(twin, installed["access_token"]).conversations_list()["channels"]
    assert _error(_web(twin, installed["access_token"]).users_list) == "missing_scope"
    # installing again answers the same long-lived tokens, as Slack does without token rotation
    again = _install(twin, app, n=2)
    assert again["access_token"] == installed["access_token"]
    assert again["authed_user"]["access_token"] == user["access_token"]
    # minted tokens are not listed by the control plane: it lists the seed's
    listed = {c["token"] for c in httpx.get(f"{twin.base_url}/_twin/credentials").json()["credentials"]}
    assert installed["access_token"] not in listed


def test_rotation_refresh_keeps_two_tokens_and_expiry_says_token_expired(twin: Twin) -> None:
    app = _new_app(twin, rotating=True)
    installed = _install(twin, app)
    first = installed["access_token"]
    assert first.startswith("xoxe.xoxb-1-") and installed["expires_in"] == 43_200
    assert installed["refresh_token"].startswith("xoxe-1-")
    assert installed["authed_user"]["access_token"].startswith("xoxe.xoxp-1-")
    assert installed["authed_user"]["refresh_token"].startswith("xoxe-1-")
    assert _web(twin, first).auth_test()["user_id"] == installed["bot_user_id"]

    second = _refresh(twin, app, installed["refresh_token"])
    assert second["token_type"] == "bot" and second["expires_in"] == 43_200
    assert second["access_token"] != first and second["refresh_token"] != installed["refresh_token"]
    assert _web(twin, second["access_token"]).auth_test()["ok"] is True
    assert _web(twin, first).auth_test()["ok"] is True  # refreshing does not end the older token
    assert _error(_refresh, twin=twin, app=app, refresh_token=installed["refresh_token"]) == "invalid_refresh_token"

    third = _refresh(twin, app, second["refresh_token"])
    assert _error(_web(twin, first).auth_test) == "invalid_auth"  # at most two stay active
    assert _web(twin, second["access_token"]).auth_test()["ok"] is True

    _advance(twin, 43_201)
    assert _error(_web(twin, third["access_token"]).auth_test) == "token_expired"
    fourth = _refresh(twin, app, third["refresh_token"])  # a refresh token outlives its access token
    assert _web(twin, fourth["access_token"]).auth_test()["ok"] is True


def test_exchanging_a_long_lived_token_then_refreshing_ends_it(twin: Twin) -> None:
    seed = _module("_platform_seed")
    client = {"client_id": seed.client_id(), "client_secret": seed.client_secret()}
    bot = twin.client("bot")
    assert _error(bot.oauth_v2_exchange, token=twin.tokens["bot"], **client) == "token_rotation_not_enabled"
    turn_rotation_on(twin, twin.tokens["bot"], twin.tokens["config"])
    exchanged = bot.oauth_v2_exchange(token=twin.tokens["bot"], **client)
    rotating = exchanged["access_token"]
    assert _web(twin, rotating).auth_test()["bot_id"] == bot.auth_test()["bot_id"]
    assert _error(bot.oauth_v2_exchange, token=twin.tokens["bot"], **client) == "token_already_exchanged"
    assert _error(_web(twin, rotating).oauth_v2_exchange, token=rotating, **client) == "invalid_token"
    refreshed = _web(twin).oauth_v2_access(
        grant_type="refresh_token", refresh_token=exchanged["refresh_token"], **client
    )
    assert _web(twin, refreshed["access_token"]).auth_test()["ok"] is True
    assert _error(bot.auth_test) == "token_expired"  # the first refresh expires the long-lived token


def test_sign_in_with_slack_rotates_user_tokens(twin: Twin) -> None:
    app = _new_app(twin, rotating=True)
    creds = app["credentials"]
    code = _module("oauth").code_for(creds["client_id"], _alice(twin), 5)
    web = _web(twin)
    signed = web.openid_connect_token(client_id=creds["client_id"], client_secret=creds["client_secret"], code=code)
    assert signed["access_token"].startswith("xoxe.xoxp-1-") and signed["expires_in"] == 43_200
    assert _web(twin, signed["access_token"]).openid_connect_userInfo()["sub"] == _alice(twin)
    again = web.openid_connect_token(
        client_id=creds["client_id"], client_secret=creds["client_secret"], grant_type="refresh_token",
        refresh_token=signed["refresh_token"],
    )  # fmt: skip
    assert again["token_type"] == "Bearer" and again["id_token"].count(".") == 2
    assert _web(twin, again["access_token"]).openid_connect_userInfo()["sub"] == _alice(twin)


def test_rotated_configuration_token_works_then_expires(twin: Twin) -> None:
    rotated = twin.client("config").tooling_tokens_rotate(refresh_token=_module("_platform_seed").refresh_token())
    config = _web(twin, rotated["token"])
    made = config.apps_manifest_create(manifest=json.dumps(MANIFEST))
    assert config.apps_manifest_export(app_id=made["app_id"])["manifest"]["display_information"]["name"] == "Rotator"
    assert _error(config.chat_postMessage, channel="C0", text="x") in ("missing_scope", "not_allowed_token_type")
    _advance(twin, 43_200)
    assert _error(config.apps_manifest_export, app_id=made["app_id"]) == "token_expired"
    newer = twin.client("config").tooling_tokens_rotate(refresh_token=rotated["refresh_token"])
    assert _web(twin, newer["token"]).apps_manifest_export(app_id=made["app_id"])["ok"] is True


def test_auth_revoke_ends_a_minted_token(twin: Twin) -> None:
    installed = _install(twin, _new_app(twin, rotating=False))
    minted = _web(twin, installed["access_token"])
    assert minted.auth_revoke(test=True)["revoked"] is False
    assert minted.auth_revoke()["revoked"] is True
    assert _error(minted.auth_test) == "invalid_auth"
    assert _web(twin, installed["authed_user"]["access_token"]).auth_test()["ok"] is True


def test_snapshot_restore_and_reset_follow_minted_tokens(twin: Twin) -> None:
    installed = _install(twin, _new_app(twin, rotating=False))
    minted = _web(twin, installed["access_token"])
    snap = httpx.post(f"{twin.base_url}/_twin/snapshot", json={}).json()["id"]
    minted.auth_revoke()
    later = _install(twin, _new_app(twin, rotating=False))["access_token"]
    httpx.post(f"{twin.base_url}/_twin/restore", json={"id": snap}).raise_for_status()
    assert minted.auth_test()["ok"] is True
    assert _error(_web(twin, later).auth_test) == "invalid_auth"
    twin.reset()
    assert _error(minted.auth_test) == "invalid_auth"


def test_a_restore_undoes_an_uninstall_a_reinstall_and_the_rotation_that_ended_a_token(twin: Twin) -> None:
    seed = _module("_platform_seed")
    client = {"client_id": seed.client_id(), "client_secret": seed.client_secret()}
    bot = twin.client("bot")
    snap = httpx.post(f"{twin.base_url}/_twin/snapshot", json={}).json()["id"]
    bot.apps_uninstall(**client)
    assert _error(bot.auth_test) == "invalid_auth"
    _web(twin).oauth_v2_access(code=_module("oauth").code_for(client["client_id"], _alice(twin), 1), **client)
    turn_rotation_on(twin, twin.tokens["bot"], twin.tokens["config"])
    exchanged = bot.oauth_v2_exchange(token=twin.tokens["bot"], **client)
    _web(twin).oauth_v2_access(grant_type="refresh_token", refresh_token=exchanged["refresh_token"], **client)
    assert _error(bot.auth_test) == "token_expired"
    httpx.post(f"{twin.base_url}/_twin/restore", json={"id": snap}).raise_for_status()
    assert bot.auth_test()["ok"] is True  # what happened to a seeded token after the snapshot is undone too
    assert _error(bot.oauth_v2_exchange, token=twin.tokens["bot"], **client) == "token_rotation_not_enabled"


def test_a_tenants_minted_token_sees_only_that_tenant(twin: Twin) -> None:
    tenant = httpx.post(f"{twin.base_url}/_twin/tenants", json={"name": "oauth-tokens"}).json()
    theirs = {c["name"]: c["token"] for c in tenant["credentials"]}
    seed = _module("_platform_seed")
    client = {"client_id": seed.client_id(), "client_secret": seed.client_secret()}
    turn_rotation_on(twin, theirs["bot"], theirs["config"])
    exchanged = _web(twin, theirs["bot"]).oauth_v2_exchange(token=theirs["bot"], **client)
    mine = _web(twin, exchanged["access_token"])
    assert mine.auth_test()["team_id"] == _web(twin, theirs["bot"]).auth_test()["team_id"]
    assert mine.auth_test()["team_id"] != twin.client("bot").auth_test()["team_id"]
    twin.client("admin").conversations_create(name="only-in-default")
    names = {c["name"] for c in mine.conversations_list(types="public_channel")["channels"]}
    assert "only-in-default" not in names and names
    # the same exchange in the default workspace (its app's rotation is its own) mints a different token
    assert _error(twin.client("bot").oauth_v2_exchange, token=twin.tokens["bot"], **client) == (
        "token_rotation_not_enabled"
    )
    turn_rotation_on(twin, twin.tokens["bot"], twin.tokens["config"])
    default = twin.client("bot").oauth_v2_exchange(token=twin.tokens["bot"], **client)
    assert default["access_token"] != exchanged["access_token"]


# -- serve --state ----------------------------------------------------------------------------------


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def serve_with_state(tmp_path: Path) -> Iterator[Callable[[], str]]:
    """``serve()`` -> the base URL of ``python -m twin_slack serve --state`` on one file (one process at a time)."""
    procs: list[subprocess.Popen[bytes]] = []

    def serve() -> str:
        for proc in procs:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=20)
        port = _port()
        args = [sys.executable, "-m", "twin_slack", "serve", "--port", str(port), "--state", str(tmp_path / "s.db")]
        proc = subprocess.Popen(args, cwd=GENERATED, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        procs.append(proc)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/_twin/health", timeout=2).status_code == 200:
                    return base
            except httpx.TransportError:
                pass
            assert proc.poll() is None, "the twin exited"
            assert time.monotonic() < deadline, "the twin did not start"
            time.sleep(0.05)

    yield serve
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=20)


@pytest.mark.network_loopback
def test_minted_tokens_survive_a_restart_with_state(serve_with_state: Callable[[], str]) -> None:
    base = serve_with_state()
    listed = httpx.get(f"{base}/_twin/credentials").json()["credentials"]
    twin = Twin(base, {c["name"]: c["token"] for c in listed}, None)
    app = _new_app(twin, rotating=True)
    installed = _install(twin, app)
    refreshed = _refresh(twin, app, installed["refresh_token"])
    _web(twin, installed["authed_user"]["access_token"]).auth_revoke()

    twin.base_url = serve_with_state()
    assert _web(twin, installed["access_token"]).auth_test()["user_id"] == installed["bot_user_id"]
    assert _web(twin, refreshed["access_token"]).auth_test()["ok"] is True
    assert _error(_web(twin, installed["authed_user"]["access_token"]).auth_test) == "invalid_auth"
    assert _error(_refresh, twin=twin, app=app, refresh_token=installed["refresh_token"]) == "invalid_refresh_token"
    assert _refresh(twin, app, refreshed["refresh_token"])["access_token"].startswith("xoxe.xoxb-1-")
