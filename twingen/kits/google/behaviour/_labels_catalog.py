"""The Drive labels the twin's domain has published (an admin makes them in the Drive Labels API; Drive v3
only applies them). Every tenant's domain has the same three, so tests and the check can name them.

Each field has a ``valueType`` as Drive v3 names it (``text``, ``integer``, ``dateString``, ``selection``,
``user``); ``multiple`` says whether it takes more than one value; a selection field lists its choices
(choice id -> display name). The ids are the twin's own (shaped like Drive's: long label ids, ten-character
field ids); a label's ``revisionId`` is the published revision files get.
"""

from __future__ import annotations

from typing import Any

__all__ = ["LABELS", "field_of", "label_of", "published_labels"]

LABELS: tuple[dict[str, Any], ...] = (
    {
        "id": "Bx7nP2qLmW4tYc9ZkR3vHsD6fJ8aGe1uNoQiTbXy",
        "revisionId": "3",
        "title": "Project",
        "fields": (
            {"id": "5F0C3A9B21", "name": "Code", "valueType": "text"},
            {"id": "7D2E8B4C10", "name": "Priority", "valueType": "integer"},
            {"id": "9A1B6C3D55", "name": "Due date", "valueType": "dateString"},
            {
                "id": "2C8D4E6F77",
                "name": "Status",
                "valueType": "selection",
                "choices": {"4A1B2C3D01": "Draft", "4A1B2C3D02": "In review", "4A1B2C3D03": "Final"},
            },
            {"id": "6E4F2A8B99", "name": "Reviewers", "valueType": "user", "multiple": True},
        ),
    },
    {
        "id": "Kt5dV8sRnE2wQa7MhL4pZc1xYb9jFg3uHoTiNkWe",
        "revisionId": "1",
        "title": "Confidentiality",
        "fields": (
            {
                "id": "3B7C1D9E44",
                "name": "Level",
                "valueType": "selection",
                "choices": {"8C0D1E2F01": "Public", "8C0D1E2F02": "Internal", "8C0D1E2F03": "Restricted"},
            },
        ),
    },
    {"id": "Pq2wE4rT6yU8iO0pA1sD3fG5hJ7kL9zXcVbNmQwE", "revisionId": "1", "title": "Reviewed", "fields": ()},
)
_BY_ID = {label["id"]: label for label in LABELS}
_OPTIONS = {
    "text": "textOptions",
    "integer": "integerOptions",
    "dateString": "dateOptions",
    "selection": "selectionOptions",
    "user": "userOptions",
}


def label_of(label_id: str) -> dict[str, Any] | None:
    return _BY_ID.get(label_id)


def field_of(label: dict[str, Any], field_id: str) -> dict[str, Any] | None:
    return next((f for f in label["fields"] if f["id"] == field_id), None)


def published_labels() -> list[dict[str, Any]]:
    """The catalog as the Drive Labels API (v2 ``labels.list``) shows published labels."""
    out = []
    for label in LABELS:
        fields = []
        for field in label["fields"]:
            options: dict[str, Any] = {}
            if field.get("choices"):
                options["choices"] = [
                    {"id": cid, "properties": {"displayName": name}} for cid, name in field["choices"].items()
                ]
            if field.get("multiple"):
                options["listOptions"] = {}
            fields.append(
                {"id": field["id"], "properties": {"displayName": field["name"]}, _OPTIONS[field["valueType"]]: options}
            )
        out.append(
            {
                "name": f"labels/{label['id']}",
                "id": label["id"],
                "revisionId": label["revisionId"],
                "labelType": "ADMIN",
                "properties": {"title": label["title"]},
                "lifecycle": {"state": "PUBLISHED"},
                "fields": fields,
            }
        )
    return out
