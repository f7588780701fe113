"""What an answer tells the check: the ids later calls name, and what it sent for each object it made or changed.

A create (``POST`` to a collection) gives its object's id, under the collection's kind; a listing gives every
listed object's id (or the field Okta names it by, ``values.ID_FIELDS``) and an authenticator's ``key``; an OIDC
app its client id and an app its ORN and name; a delete (and a user's deactivation) takes its object away.
"""

from __future__ import annotations

from typing import Any

from twingen.check.arguments import Pool
from twingen.check.classes import Outcome
from twingen.kits.okta.check import paths, values, verify
from twingen.kits.okta.check.verify import Expectations
from twingen.sdk.surface import SdkMethod


def harvest(
    method: SdkMethod, wire: dict[str, Any], outcome: Outcome, pool: Pool, sent: Any, expect: Expectations
) -> None:
    """Note what ``outcome`` gave; ``wire`` is the call's arguments by wire name, ``sent`` the body it sent."""
    kinds = paths.kinds(method.path)
    if method.http_verb == "DELETE" or method.name == "deactivate_user":
        last = next(reversed(kinds), None)
        if last and outcome.kind == "answer":
            pool.drop(kinds[last], wire.get(last))
            expect.forget(str(wire.get(last)))
        return
    if outcome.kind != "answer":
        return
    data = outcome.data
    collection = paths.collection_of(method.path)
    if collection is not None and method.http_verb == "GET" and isinstance(data, list):
        _listed(collection, data, pool)
        return
    _named(data, pool)
    if collection is not None and isinstance(data, dict) and "id" not in data and id_of(collection, data):
        pool.offer(collection, id_of(collection, data))
    if not isinstance(data, dict) or not isinstance(data.get("id"), str):
        return
    if collection is not None and method.http_verb == "POST":
        pool.offer(collection, data["id"])
        expect.made.setdefault(paths.fill(method.path, wire), []).append(data["id"])
        expect.note(collection, data["id"], sent)
    elif kinds and sent is not None and method.http_verb in ("POST", "PUT", "PATCH"):
        last = next(reversed(kinds))
        if wire.get(last) == data["id"]:
            expect.note(kinds[last], data["id"], sent, replaced=method.http_verb == "PUT")


def _listed(collection: str, items: list[Any], pool: Pool) -> None:
    for item in items:
        found = id_of(collection, item)
        if found:
            pool.offer(collection, found)
        key = item.get("key") if isinstance(item, dict) else None
        if found and isinstance(key, str):
            pool.offer(f"key:{key}", found)  # an authenticator by its key (okta_verify)


def _named(data: Any, pool: Pool) -> None:
    """Names other calls take: an OIDC app's client id, an app's ORN and its name (``bookmark``)."""
    client = verify.lookup(data, "credentials.oauthClient.client_id")
    if isinstance(client, str):
        pool.offer(values.CLIENTS, client)
    orn = data.get("orn") if isinstance(data, dict) else None
    if isinstance(orn, str) and ":apps:" in orn:
        pool.offer("app_orn", orn)
        if isinstance(data.get("name"), str):
            pool.offer("app_name", data["name"])


def id_of(collection: str, item: Any) -> str:
    """The name an object of ``collection`` is addressed by: ``id``, or its collection's own field."""
    found = verify.lookup(item, values.ID_FIELDS.get(collection, "id"))
    if not isinstance(found, str):
        found = verify.lookup(item, "id")
    return found if isinstance(found, str) else ""
