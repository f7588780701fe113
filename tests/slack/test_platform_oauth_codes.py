"""OAuth codes made by the formula NOTES.md documents, and the seeded refresh token, through slack_sdk."""

from __future__ import annotations

import hashlib

from slack_sdk import WebClient

from .conftest import Twin
from .test_story_channel import error_of

CLIENT_ID, CLIENT_SECRET = "916130274459.7302521689657", "434f7a42b0edf0cf956a90dfd35815c9"
REFRESH = "xoxe-1-68ae43ca4d6b228694b995971c1ddd7f828ed58a646a1e617ecf6ad1a02c07ac"


def code(user_id: str, n: int) -> str:
    body = f"twin-slack:oauth-code:{CLIENT_ID}:{user_id}:{n}"
    return f"{CLIENT_ID.partition('.')[0]}.{n}.{hashlib.sha256(body.encode()).hexdigest()}"


def test_codes_by_formula_are_spent_once(twin: Twin) -> None:
    anon = WebClient(base_url=twin.api_url)
    bob = str(twin.client("user").auth_test()["user_id"])
    done = anon.oauth_v2_access(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, code=code(bob, 7001))
    assert done["authed_user"]["id"] == bob and done["access_token"] == twin.tokens["bot"]
    again = {"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "code": code(bob, 7001)}
    assert error_of(anon.oauth_v2_access, **again) == "invalid_code"
    assert anon.oauth_access(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, code=code(bob, 7002))["user_id"] == bob
    token = anon.openid_connect_token(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, code=code(bob, 7003))
    assert token["token_type"] == "Bearer" and token["id_token"].count(".") == 2
    forged = code(bob, 7004)[:-1] + "0"
    assert error_of(anon.oauth_access, client_id=CLIENT_ID, client_secret=CLIENT_SECRET, code=forged) == "invalid_code"
    left_out = {"client_secret": CLIENT_SECRET, "code": code(bob, 7005)}
    assert error_of(anon.api_call, "openid.connect.token", data=left_out) == "invalid_client_id"


def test_seeded_refresh_token_rotates_once(twin: Twin) -> None:
    config = twin.client("config")
    rotated = config.tooling_tokens_rotate(refresh_token=REFRESH)
    assert rotated["token"].startswith("xoxe.xoxp-1-") and rotated["refresh_token"] != REFRESH
    assert error_of(config.tooling_tokens_rotate, refresh_token=REFRESH) == "invalid_refresh_token"
