"""Admin SDK Directory aliases, photos and watch channels through google-api-python-client."""

from __future__ import annotations

from typing import Any

from directory_helpers import failure, new_user


def test_user_aliases_find_the_user_and_share_one_namespace(admin: Any) -> None:
    ada = new_user(admin, "ada")
    made = admin.users().aliases().insert(userKey=ada["id"], body={"alias": "countess@example.com"}).execute()
    assert made == {**made, "kind": "admin#directory#alias", "id": ada["id"], "alias": "countess@example.com"}
    assert admin.users().get(userKey="countess@example.com").execute()["id"] == ada["id"]
    assert admin.users().get(userKey=ada["id"]).execute()["aliases"] == ["countess@example.com"]
    listed = admin.users().aliases().list(userKey="ada@example.com").execute()
    assert [a["alias"] for a in listed["aliases"]] == ["countess@example.com"]
    # the alias is taken for users and groups alike
    assert failure(admin.groups().insert(body={"email": "countess@example.com"}))[0] == 409
    assert failure(admin.users().aliases().insert(userKey="other@example.com", body={
        "alias": "countess@example.com"})) == (409, "Entity already exists.", "duplicate")  # fmt: skip
    found = admin.users().list(customer="my_customer", query="email:countess@example.com").execute()
    assert [u["id"] for u in found["users"]] == [ada["id"]]
    admin.users().aliases().delete(userKey=ada["id"], alias="countess@example.com").execute()
    assert failure(admin.users().get(userKey="countess@example.com"))[0] == 404
    assert "aliases" not in admin.users().aliases().list(userKey=ada["id"]).execute()


def test_group_aliases(admin: Any) -> None:
    group = admin.groups().insert(body={"email": "eng@example.com"}).execute()
    admin.groups().aliases().insert(groupKey=group["id"], body={"alias": "builders@example.com"}).execute()
    assert admin.groups().get(groupKey="builders@example.com").execute()["id"] == group["id"]
    status, message, _ = failure(admin.groups().aliases().insert(groupKey=group["id"], body={"alias": "x@other.org"}))
    assert (status, message) == (404, "Domain not found.")


def test_photos(admin: Any) -> None:
    ada = new_user(admin, "ada")
    assert failure(admin.users().photos().get(userKey=ada["id"]))[0] == 404
    admin.users().photos().update(userKey=ada["id"], body={"photoData": "iVBORw0KGgo*", "mimeType": "PNG"}).execute()
    photo = admin.users().photos().get(userKey="ada@example.com").execute()
    assert (photo["kind"], photo["photoData"], photo["width"]) == ("admin#directory#user#photo", "iVBORw0KGgo*", 96)
    assert failure(admin.users().photos().update(userKey=ada["id"], body={"photoData": "not base64!"}))[0] == 400
    admin.users().photos().delete(userKey=ada["id"]).execute()
    assert failure(admin.users().photos().get(userKey=ada["id"]))[0] == 404


def test_a_watch_channel_can_be_stopped_once(admin: Any) -> None:
    body = {"id": "chan-1", "type": "web_hook", "address": "https://example.com/hook"}
    channel = admin.users().watch(customer="my_customer", event="add", body=body).execute()
    assert channel["kind"] == "api#channel" and channel["id"] == "chan-1"
    stop = {"id": "chan-1", "resourceId": channel["resourceId"]}
    admin.channels().stop(body=stop).execute()
    assert failure(admin.channels().stop(body=stop))[0] == 404
