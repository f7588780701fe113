"""Whether an answer holds what the check sent: a twin that answers from the schema, or that forgets what it was
told, must not pass because its answer parsed.

The check notes the fields it sent when an object was made or changed (``values.SENT_FIELDS``, at their paths);
every later answer that carries that object (by ``id``) must hold them as sent; a read of one object must answer
that object; and a listing of a collection the check made something in must include it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from twingen.kits.okta.check.values import SENT_FIELDS

Fields = dict[str, Any]


def sent_fields(body: Any) -> Fields:
    """``{"profile.login": "a@example.com", ...}``: the echoed fields of a body, by dotted path."""
    found: Fields = {}
    for path, value in _leaves(body, ""):
        if path.rsplit(".", 1)[-1] in SENT_FIELDS and isinstance(value, str | int | bool):
            found[path] = value
    return found


def _leaves(node: Any, prefix: str) -> Iterator[tuple[str, Any]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaves(value, f"{prefix}.{key}" if prefix else str(key))
    elif not isinstance(node, list):
        yield prefix, node


def lookup(data: Any, path: str) -> Any:
    for part in path.split("."):
        if not isinstance(data, dict) or part not in data:
            return _ABSENT
        data = data[part]
    return data


_ABSENT = object()


class Expectations:
    """What the check told the twin about each object it made or changed."""

    def __init__(self) -> None:
        self.fields: dict[tuple[str, str], Fields] = {}
        """(kind, id) -> the fields sent: an app's user (``/api/v1/apps/{}/users``) is not the org's user."""
        self.made: dict[str, list[str]] = {}
        """Concrete collection path -> ids the check made there (``/api/v1/apps/0oa1/users``)."""

    def clear(self) -> None:
        self.fields.clear()
        self.made.clear()

    def note(self, kind: str, object_id: str, body: Any, *, replaced: bool = False) -> None:
        """What was sent for an object; a replacement (PUT) drops what an earlier body set."""
        fields = sent_fields(body)
        if replaced:
            self.fields.pop((kind, object_id), None)
        if fields:
            self.fields.setdefault((kind, object_id), {}).update(fields)

    def forget(self, object_id: str) -> None:
        for key in [key for key in self.fields if key[1] == object_id]:
            del self.fields[key]
        for ids in self.made.values():
            if object_id in ids:
                ids.remove(object_id)

    def problem(self, data: Any, kind: str, *, one: str = "", listing: str = "") -> str:
        """Why ``data`` cannot be Okta's answer ("" when it can): objects of ``kind`` are compared with what was
        sent; ``one`` is the id a read named, ``listing`` the concrete collection a plain listing read."""
        if one and isinstance(data, dict) and isinstance(data.get("id"), str) and data["id"] != one:
            return f"asked for {one}, answered {data['id']}"
        items = data if isinstance(data, list) else [data]
        for item in items:
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                continue
            for path, want in self.fields.get((kind, item["id"]), {}).items():
                got = lookup(item, path)
                if got is _ABSENT:
                    return f"{item['id']} has no {path} (sent {want!r})"
                if got != want:
                    return f"{item['id']} has {path} {got!r}, sent {want!r}"
        if listing and isinstance(data, list):
            listed = {item.get("id") for item in data if isinstance(item, dict)}
            missing = [made for made in self.made.get(listing, ()) if made not in listed]
            if missing:
                return f"the listing leaves out {missing[0]}, made earlier"
        return ""
