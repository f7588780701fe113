"""Users through okta-sdk-python, as the SDK's integration tests call them (a sample written for twingen's tests).

Each test makes what it needs. The first three pass only against an org that accepts ``OKTA_CLIENT_TOKEN``; the last
shows that the org refuses any other token.
"""

from __future__ import annotations

import os
from typing import Any

import okta.models as models
import pytest
from okta.client import Client
from okta.errors.okta_api_error import OktaAPIError
from tests.mocks import SampleOktaClient


def new_user_request(login: str) -> models.CreateUserRequest:
    profile = models.UserProfile(first_name="Ada", last_name="Sample", email=login, login=login)
    return models.CreateUserRequest(profile=profile)


class TestUsersResource:
    @pytest.mark.vcr()
    @pytest.mark.asyncio
    async def test_create_and_get_user(self, fs: Any) -> None:
        client = SampleOktaClient(fs)
        user, _, err = await client.create_user(new_user_request("ada.create@example.com"), activate=False)
        assert err is None
        got, _, err = await client.get_user(user.id)
        assert err is None and got.id == user.id and got.profile.login == "ada.create@example.com"

    @pytest.mark.vcr()
    @pytest.mark.asyncio
    async def test_list_users(self, fs: Any) -> None:
        client = SampleOktaClient(fs)
        created, _, err = await client.create_user(new_user_request("ada.list@example.com"), activate=False)
        assert err is None
        users, _, err = await client.list_users(q="ada")
        assert err is None
        # the org holds only what this test made (and its own admin, whom q leaves out): the test before's user is gone
        assert [u.profile.login for u in users] == ["ada.list@example.com"] and users[0].id == created.id

    @pytest.mark.vcr()
    @pytest.mark.asyncio
    async def test_delete_user(self, fs: Any) -> None:
        client = SampleOktaClient(fs)
        user, _, err = await client.create_user(new_user_request("ada.delete@example.com"), activate=False)
        assert err is None
        # Okta deletes in two steps: the first call deactivates (DEPROVISIONED), the second deletes
        _, _, err = await client.delete_user(user.id)
        assert err is None
        kept, _, err = await client.get_user(user.id)
        assert err is None and kept.status == "DEPROVISIONED"
        _, _, err = await client.delete_user(user.id)
        assert err is None
        gone, _, err = await client.get_user(user.id)
        assert gone is None and isinstance(err, OktaAPIError) and err.status == 404

    @pytest.mark.vcr()
    @pytest.mark.asyncio
    async def test_another_token_is_refused(self, fs: Any) -> None:
        config = {"orgUrl": os.environ["OKTA_CLIENT_ORGURL"], "token": "00NotTheOrgsToken",
                  "testing": {"testingDisableHttpsCheck": True}}  # fmt: skip
        users, _, err = await Client(config).list_users()
        assert users is None and isinstance(err, OktaAPIError) and err.status == 401
