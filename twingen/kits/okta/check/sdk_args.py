"""okta-sdk-python's arguments as the check makes them: required ones by the SDK's signature, enums by the SDK's
types, bodies as the SDK's own models (``okta.models.*``), and Okta's documented examples with the check's ids.
"""

from __future__ import annotations

import enum
import inspect
import re
import typing
from typing import Any

import okta.client
import okta.models

from twingen.check.arguments import MISSING
from twingen.kits.okta.check import values
from twingen.sdk.surface import SdkMethod


def typed(method: SdkMethod, args: dict[str, Any]) -> dict[str, Any]:
    """Bodies as the SDK's own models (``okta.models.*``), as a user builds them; a dict where none fits."""
    function = getattr(okta.client.Client, method.name)
    try:
        hints = typing.get_type_hints(function)
    except Exception:  # an annotation the SDK cannot resolve itself: send the plain values
        return args
    out = dict(args)
    for name, value in args.items():
        if isinstance(value, dict) and wants_list(hints.get(name)):
            out[name] = value = [value]  # an example of one item where the SDK takes a list of them
        model = model_of(hints.get(name))
        if model is not None and isinstance(value, list) and value and isinstance(value[0], dict):
            value = value[0]  # a documented example given as a list where the SDK takes one object
        if model is not None and isinstance(value, dict):
            out[name] = _model_value(model, value)
    return out


def _model_value(model: Any, value: dict[str, Any]) -> Any:
    """``model.from_dict(value)``; for a oneOf wrapper whose members all accept the value (``AddJwkRequest``), the
    first member that does, wrapped as the SDK wraps it; the plain value when nothing fits (the SDK then says why)."""
    try:
        made = model.from_dict(value)
    except Exception:
        made = None
    if made is not None:
        return made
    field = getattr(model, "model_fields", {}).get("one_of_schemas")
    best: tuple[int, Any] = (-1, None)
    for member in sorted(field.default if field is not None and field.default else ()):
        inner = getattr(okta.models, member, None)
        try:
            found = inner.from_dict(value) if inner is not None else None
            kept = len(set(value) & set(found.to_dict())) if found is not None else -1
        except Exception:  # not this member: try the next
            continue
        # the member that keeps most of what is sent (okta 3.4.6's signing-key request drops an RSA key's n and e)
        if kept > best[0]:
            best = (kept, found)
    if best[1] is not None:
        return model(actual_instance=best[1])
    return value


# 16 as well: the AddMembersToBinding example's user ``00u67DU2qNCjNZYO0g3`` lost a character, still the docs' org's
_ID_IN_URL = re.compile(r"(?<=/)(" + "|".join(values.ID_PREFIXES) + r")[A-Za-z0-9]{16,17}(?=/|$)")


def own_ids(example: Any) -> Any:
    """An example with the ids of the documentation's org (``00u...``, ``00g...``, ``0oa...``) named as the check's
    own objects (``$user``): Okta's examples name users, groups and apps of an org that is not this one."""
    if isinstance(example, dict):
        return {k: own_ids(v) for k, v in example.items()}
    if isinstance(example, list):
        return [own_ids(v) for v in example]
    if isinstance(example, str) and len(example) == 20 and example[:3] in values.ID_PREFIXES:
        return values.ID_PREFIXES[example[:3]]
    if isinstance(example, str) and "/" in example:  # an id in a URL: ``.../groups/00gu67DU2qNCjNZYO0g3/users``
        return _ID_IN_URL.sub(lambda m: "{" + values.ID_PREFIXES[m.group(1)] + "}", example)
    return example


def required(method: SdkMethod) -> set[str]:
    """Arguments the SDK's signature requires (the scan cannot always tell: ``Optional`` bodies without default)."""
    signature = inspect.signature(getattr(okta.client.Client, method.name))
    return {n for n, p in signature.parameters.items() if n != "self" and p.default is inspect.Parameter.empty}


def enum_value(method: SdkMethod, name: str) -> Any:
    """The first value of an argument the SDK types as an enum (``feature_name: ApplicationFeatureType``)."""
    try:
        hint = typing.get_type_hints(getattr(okta.client.Client, method.name)).get(name)
    except Exception:
        return MISSING
    while typing.get_origin(hint) in (typing.Annotated, typing.Union):
        inner = [a for a in typing.get_args(hint) if a is not type(None)]
        hint = inner[0] if inner else None
    if inspect.isclass(hint) and issubclass(hint, enum.Enum):
        return next(iter(hint))
    return MISSING


def holds_missing(value: Any) -> bool:
    if value is MISSING:
        return True
    if isinstance(value, dict):
        return any(holds_missing(v) for v in value.values())
    if isinstance(value, list):
        return any(holds_missing(v) for v in value)
    return False


def replace_missing(value: Any, by: Any) -> Any:
    if value is MISSING:
        return by
    if isinstance(value, dict):
        return {k: replace_missing(v, by) for k, v in value.items()}
    if isinstance(value, list):
        return [replace_missing(v, by) for v in value]
    return value


def wants_list(hint: Any) -> bool:
    while typing.get_origin(hint) in (typing.Annotated, typing.Union):
        inner = [a for a in typing.get_args(hint) if a is not type(None)]
        hint = inner[0] if len(inner) == 1 else None
    return typing.get_origin(hint) is list


def model_of(hint: Any) -> Any:
    """The pydantic model class inside ``Optional[Annotated[Model, ...]]``, or None."""
    while typing.get_origin(hint) is typing.Annotated:
        hint = typing.get_args(hint)[0]
    if typing.get_origin(hint) is typing.Union:
        inner = [a for a in typing.get_args(hint) if a is not type(None)]
        hint = inner[0] if len(inner) == 1 else None
        while typing.get_origin(hint) is typing.Annotated:
            hint = typing.get_args(hint)[0]
    return hint if inspect.isclass(hint) and hasattr(hint, "from_dict") else None


def wire_values(method: SdkMethod, args: dict[str, Any]) -> dict[str, Any]:
    return {p.name: args[p.python_name or p.name] for p in method.params if (p.python_name or p.name) in args}


def param_schemas(op: dict[str, Any], method: SdkMethod) -> dict[str, Any]:
    """The spec's parameter schemas by the SDK's wire names (path parameters matched by position)."""
    found = {str(p.get("name")): p.get("schema") for p in op.get("parameters") or ()}
    spec_path = [str(p.get("name")) for p in op.get("parameters") or () if p.get("location", p.get("in")) == "path"]
    sdk_path = [p.name for p in method.params if p.location == "path"]
    if len(spec_path) == len(sdk_path):
        found.update({sdk: found.get(spec) for sdk, spec in zip(sdk_path, spec_path, strict=True)})
    return found
