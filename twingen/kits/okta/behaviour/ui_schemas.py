"""UI schemas: the layout of the form an end user fills in (a profile enrollment form's fields, labels and button),
referenced by profile enrollment policies.

What Okta does beyond the common rules (recorded answers of okta-sdk-python's cassettes, and
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/UISchema/):
- ids start ``uis``; there is no status; create and replace answer 200 with ``uiSchema`` as stored;
- ``_links.self`` allows GET, PUT and DELETE; an unknown id is 404 ``(UISchemaEntity)``;
- deleting an id that does not exist is a 204 all the same (recorded);
- a new org has one, the default sign-up form (``_seed_ui_schemas.py``).
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response, behaviour
from . import _store
from ._errors import validation_failed
from ._links import link

SCHEMAS = _store.Kind(
    "ui_schemas", "UISchemaEntity", "/api/v1/meta/uischemas/{id}", prefix="uis", status=None, lifecycle=()
)
_ELEMENT_TYPES = ("Control", "Group", "Label")


def render(ctx: Context, _kind: _store.Kind, record: dict[str, Any]) -> dict[str, Any]:
    shown = {k: v for k, v in record.items() if not k.startswith("_")}
    shown["_links"] = {"self": link(ctx, f"/api/v1/meta/uischemas/{record['id']}", "GET", "PUT", "DELETE")}
    return shown


def _ui_schema(body: dict[str, Any]) -> dict[str, Any]:
    """The ``uiSchema`` sent, in Okta's key order (type, label, buttonLabel, elements), refused when malformed."""
    sent = body.get("uiSchema")
    if not isinstance(sent, dict):
        raise validation_failed("uiSchema", "The field cannot be left blank.")
    elements = sent.get("elements", [])
    if not isinstance(elements, list) or any(
        not isinstance(e, dict) or e.get("type") not in _ELEMENT_TYPES for e in elements
    ):
        raise validation_failed("uiSchema.elements", "Each element must be an object of type Control, Group or Label.")
    for element in elements:
        if element["type"] == "Control" and not str(element.get("scope") or "").startswith("#/properties/"):
            raise validation_failed("uiSchema.elements.scope", "A control's scope must be #/properties/NAME.")
    ordered = {k: sent[k] for k in ("type", "label", "buttonLabel") if k in sent}
    ordered.setdefault("type", "Group")
    return {**ordered, **{k: v for k, v in sent.items() if k not in ordered}}


@behaviour("createUISchema")
def create(ctx: Context) -> Any:
    record = _store.insert(ctx, SCHEMAS, {"uiSchema": _ui_schema(_store.body_object(ctx))})
    return render(ctx, SCHEMAS, record)


@behaviour("getUISchema")
def get(ctx: Context) -> Any:
    return render(ctx, SCHEMAS, _store.find(ctx, SCHEMAS))


@behaviour("listUISchemas")
def list_(ctx: Context) -> Any:
    return [render(ctx, SCHEMAS, r) for r in _store.collection(ctx, SCHEMAS).values()]


@behaviour("replaceUISchemas")
def replace(ctx: Context) -> Any:
    record = _store.find(ctx, SCHEMAS)
    record["uiSchema"] = _ui_schema(_store.body_object(ctx))
    _store.save(ctx, SCHEMAS, record)
    return render(ctx, SCHEMAS, record)


@behaviour("deleteUISchemas")
def delete(ctx: Context) -> Response:
    _store.collection(ctx, SCHEMAS).delete(str(ctx.params.get("id") or ""))
    return Response(204, None)
