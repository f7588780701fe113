"""Tenants of the Google twin (``POST /_twin/tenants``): each is a user domain of its own, with its own
tokens and files, while the default domain keeps the tokens it always had."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from googleapiclient.errors import HttpError

Twin = Any  # conftest's Twin: the tests of this folder are not a package


def _tenant(twin: Twin, name: str) -> dict[str, str]:
    with httpx.Client(base_url=twin.base_url) as http:
        made = http.post("/_twin/tenants", json={"name": name})
    assert made.status_code == 201, made.text
    return {c["name"]: c["token"] for c in made.json()["credentials"]}


def test_two_tenants_never_see_each_others_files(twin: Twin) -> None:
    assert twin.tokens == {"owner": "ya29.twin-owner-token", "other": "ya29.twin-other-token"}
    one, two = _tenant(twin, "worker-1"), _tenant(twin, "worker-2")
    assert not set(one.values()) & set(two.values()) and not set(one.values()) & set(twin.tokens.values())
    a, b, home = twin.drive(token=one["owner"]), twin.drive(token=two["owner"]), twin.drive("owner")
    made = a.files().create(body={"name": "only-in-one.txt"}).execute()
    assert [f["name"] for f in a.files().list().execute()["files"]] == ["only-in-one.txt"]
    assert b.files().list().execute()["files"] == [] and home.files().list().execute()["files"] == []
    with pytest.raises(HttpError) as caught:
        b.files().get(fileId=made["id"]).execute()
    assert caught.value.resp.status == 404
    # each tenant is a domain of its own
    emails = [d.about().get(fields="user").execute()["user"]["emailAddress"] for d in (home, a, b)]
    assert emails == ["owner@example.com", "owner@t1.example.com", "owner@t2.example.com"]


def test_generated_ids_are_drive_shaped(twin: Twin) -> None:
    """Drive ids come from the twin's id factory (``ctx.new_id``, so ``serve --seed`` repeats them)."""
    ids = twin.drive("owner").files().generateIds(count=3).execute()["ids"]
    assert all(len(i) == 33 and i.startswith("1") for i in ids) and len(set(ids)) == 3
