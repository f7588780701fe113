"""Drive labels on files: ``files.modifyLabels``, ``files.listLabels``, ``labelInfo`` on file answers
(``includeLabels``), and the Drive Labels API's ``labels.list`` so a client can find the published ids.

A file record keeps its applied labels as ``labels: {labelId: {fieldId: [values]}}`` (user values as
emails, integers as strings). ``modifyLabels`` applies a whole request or nothing (Drive's guide: the
modifications are atomic).
"""

from __future__ import annotations

import copy
import re
from datetime import date
from typing import Any

from ..runtime import Context, State, behaviour
from . import _errors as err
from ._files_model import record_change
from ._files_ops import readable, touch, writable
from ._labels_catalog import LABELS, field_of, label_of, published_labels
from ._paging import SortValue, paginate
from ._render import render_user
from ._request import caller, mask_of, p_int, p_str, shape

__all__ = ["label_info", "list_labels", "modify_labels", "render_label"]

_SETTERS = {
    "setTextValues": "text",
    "setIntegerValues": "integer",
    "setDateValues": "dateString",
    "setSelectionValues": "selection",
    "setUserValues": "user",
}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_ORDER = {str(label["id"]): index for index, label in enumerate(LABELS)}


def render_label(state: State, label_id: str, values: dict[str, list[str]], viewer: str) -> dict[str, Any]:
    label = label_of(label_id) or {"revisionId": "1", "fields": ()}
    fields: dict[str, Any] = {}
    for field in label["fields"]:
        if field["id"] not in values:
            continue
        kind = str(field["valueType"])
        stored = values[field["id"]]
        shown: list[Any] = [render_user(state, v, viewer) for v in stored] if kind == "user" else list(stored)
        fields[field["id"]] = {"kind": "drive#labelField", "id": field["id"], "valueType": kind, kind: shown}
    return {"kind": "drive#label", "id": label_id, "revisionId": label["revisionId"], "fields": fields}


def _value(kind: str, raw: Any, field: dict[str, Any], location: str) -> str:
    text = str(raw)
    if kind == "integer":
        try:
            return str(int(text))
        except ValueError:
            raise err.invalid(location, f"Invalid integer value: {raw}") from None
    if kind == "dateString":
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            raise err.invalid(location, f"Invalid date value: {raw}. Dates are YYYY-MM-DD.") from None
    if kind == "selection" and text not in field.get("choices", {}):
        raise err.invalid(location, f"Invalid choice ID: {raw}")
    if kind == "user":
        if not _EMAIL.match(text):
            raise err.invalid(location, f"Invalid email address: {raw}")
        return text.casefold()
    return text


def _apply_field(values: dict[str, list[str]], label: dict[str, Any], mod: Any, where: str) -> None:
    mod = mod if isinstance(mod, dict) else {}
    field_id = str(mod.get("fieldId") or "")
    if not field_id:
        raise err.required(f"{where}.fieldId", "Required parameter: fieldId")
    field = field_of(label, field_id)
    if field is None:
        raise err.invalid(f"{where}.fieldId", f"Invalid field ID: {field_id} for label {label['id']}.")
    setters = [key for key in _SETTERS if key in mod]
    if len(setters) + bool(mod.get("unsetValues")) != 1:
        raise err.invalid(where, "Exactly one of the set*Values fields or unsetValues must be given.")
    if mod.get("unsetValues"):
        values.pop(field_id, None)
        return
    kind = _SETTERS[setters[0]]
    if kind != field["valueType"]:
        raise err.invalid(f"{where}.{setters[0]}", f"Field {field_id} takes {field['valueType']} values.")
    raw = mod[setters[0]]
    if not isinstance(raw, list) or not raw:
        raise err.invalid(f"{where}.{setters[0]}", "At least one value is required; use unsetValues to clear.")
    if len(raw) > 1 and not field.get("multiple"):
        raise err.invalid(f"{where}.{setters[0]}", f"Field {field_id} takes a single value.")
    values[field_id] = [_value(kind, v, field, f"{where}.{setters[0]}") for v in raw]


@behaviour("drive.files.modifyLabels")
def modify_labels(ctx: Context) -> Any:
    me = caller(ctx)
    mask = mask_of(ctx, "*", "ModifyLabelsResponse")
    record = writable(ctx, str(ctx.params["fileId"]), me)  # ``canModifyLabels`` is a writer's
    body = ctx.body if isinstance(ctx.body, dict) else {}
    mods = body.get("labelModifications")
    if not isinstance(mods, list) or not mods:
        raise err.required("labelModifications", "Required parameter: labelModifications")
    applied: dict[str, dict[str, list[str]]] = copy.deepcopy(record.get("labels") or {})
    modified: list[str] = []
    for index, mod in enumerate(mods):
        where = f"labelModifications[{index}]"
        mod = mod if isinstance(mod, dict) else {}
        label_id = str(mod.get("labelId") or "")
        if not label_id:
            raise err.required(f"{where}.labelId", "Required parameter: labelId")
        label = label_of(label_id)
        if label is None:
            raise err.not_found(f"Label not found: {label_id}.", f"{where}.labelId")
        if mod.get("removeLabel"):
            applied.pop(label_id, None)
            modified = [m for m in modified if m != label_id]
            continue
        values = applied.setdefault(label_id, {})  # naming a label applies it, even with no field
        field_mods = mod.get("fieldModifications") or []
        if not isinstance(field_mods, list):
            raise err.invalid(f"{where}.fieldModifications")
        for number, field_mod in enumerate(field_mods):
            _apply_field(values, label, field_mod, f"{where}.fieldModifications[{number}]")
        if label_id not in modified:
            modified.append(label_id)
    record["labels"] = applied
    touch(ctx, record, me, modified=False)
    record_change(ctx.state, record, ctx.now())
    answer = {
        "kind": "drive#modifyLabelsResponse",
        "modifiedLabels": [render_label(ctx.state, i, applied[i], me) for i in modified],
    }
    return shape(answer, mask)


def _list_key(label_id: str) -> list[SortValue]:
    """Catalog order, then labels the catalog no longer has by id."""
    return [_ORDER.get(label_id, len(_ORDER)), label_id]


@behaviour("drive.files.listLabels")
def list_labels(ctx: Context) -> Any:
    me = caller(ctx)
    mask = mask_of(ctx, "*", "LabelList")
    size = p_int(ctx, "maxResults", 100, 1, 100)
    record = readable(ctx, str(ctx.params["fileId"]), me)
    applied: dict[str, dict[str, list[str]]] = record.get("labels") or {}
    page, token = paginate(list(applied), _list_key, [], p_str(ctx, "pageToken"), size, f"labels:{record['id']}")
    shown = [render_label(ctx.state, i, applied[i], me) for i in page]
    body: dict[str, Any] = {"kind": "drive#labelList", "labels": shown}
    if token:
        body["nextPageToken"] = token
    return shape(body, mask)


def label_info(ctx: Context, record: dict[str, Any], me: str) -> dict[str, Any] | None:
    """``labelInfo`` for a file answer: the applied labels the request named in ``includeLabels``."""
    wanted = [part.strip() for part in (p_str(ctx, "includeLabels") or "").split(",") if part.strip()]
    if not wanted:
        return None
    applied: dict[str, dict[str, list[str]]] = record.get("labels") or {}
    return {"labels": [render_label(ctx.state, i, applied[i], me) for i in dict.fromkeys(wanted) if i in applied]}


@behaviour("drivelabels.labels.list", method="GET", path="/v2/labels")
def published(ctx: Context) -> Any:
    """The Drive Labels API's list of published labels (only what a Drive v3 client needs: ids and fields)."""
    return {"labels": published_labels()}
