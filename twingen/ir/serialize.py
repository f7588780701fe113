"""IR <-> JSON. The JSON form is the runtime spec that a generated twin loads (``twin_NAME/spec.json``)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

import orjson

from twingen.ir import model


def to_data(api: model.Api) -> dict[str, Any]:
    """The Api as plain JSON-compatible data (tuples become lists, mappings dicts)."""
    return _plain(api)  # type: ignore[no-any-return]


def dumps(api: model.Api) -> bytes:
    """Deterministic JSON: sorted keys, stable indentation, so regenerating gives identical bytes."""
    return orjson.dumps(to_data(api), option=orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2) + b"\n"


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def from_data(data: Mapping[str, Any]) -> model.Api:
    """Rebuild an Api from ``to_data`` output."""
    return _build(model.Api, data)  # type: ignore[no-any-return]


_NESTED: dict[tuple[type, str], type] = {
    (model.Api, "operations"): model.Operation,
    (model.Api, "auth_schemes"): model.AuthScheme,
    (model.Api, "resources"): model.Resource,
    (model.Api, "documents"): model.DocInput,
    (model.Operation, "parameters"): model.Parameter,
    (model.Operation, "request_body"): model.RequestBody,
    (model.Operation, "responses"): model.Response,
    (model.Operation, "errors"): model.DeclaredError,
    (model.Operation, "paging"): model.Paging,
    (model.Operation, "media_upload"): model.MediaUpload,
    (model.Operation, "origin"): model.Origin,
}


def _build(cls: type, data: Mapping[str, Any]) -> Any:
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.name not in data:
            continue
        raw = data[f.name]
        nested = _NESTED.get((cls, f.name))
        if nested is not None and raw is not None:
            kwargs[f.name] = tuple(_build(nested, r) for r in raw) if isinstance(raw, list) else _build(nested, raw)
        elif isinstance(raw, list):
            kwargs[f.name] = tuple(raw)
        else:
            kwargs[f.name] = raw
    return cls(**kwargs)
