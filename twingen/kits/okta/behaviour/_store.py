"""Okta objects kept in state the way an org keeps them: an Okta id, ``created``/``lastUpdated`` stamped by the
server, a ``status`` with its lifecycle, ``_links`` on the org's host, and Okta's 404 for an id it never issued.

A ``Kind`` describes one object family (its collection, id prefix, item path and default status); a family's
behaviour module states its operations as module-level functions (the registry finds behaviour among a module's
own names) built from these helpers.
Sources: https://developer.okta.com/docs/api/ (each family's reference page) and the recorded answers.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..runtime import Context, Response
from ..runtime.clock import BASE62_ALPHABET, iso8601
from . import _log, _paging
from ._errors import not_found, okta_error
from ._links import self_links

Record = dict[str, Any]
Render = Callable[[Context, "Kind", Record], Record]


@dataclass(frozen=True)
class Kind:
    """One Okta object family."""

    collection: str
    title: str
    """The name Okta puts in its 404 summary: ``Not found: Resource not found: ID (Title)``."""
    path: str
    """The item path with ``{id}`` and the scoping path parameters (``/api/v1/agentPools/{poolId}/updates/{id}``)."""
    prefix: str = "0oa"
    status: str | None = "ACTIVE"
    scope: tuple[str, ...] = ()
    """Path parameters the family lives under (its parent's ids): each parent has its own objects."""
    id_param: str = "id"
    event: str = ""
    """The System Log event-type stem (``user``, ``group``...), empty when changes of this family are not logged."""
    lifecycle: tuple[str, ...] = ("activate", "deactivate")
    """Lifecycle links offered by ``_links`` (POST actions on the item path)."""
    stamp_created: bool = True
    extra: Callable[[Context, Record], Record] | None = None
    """Server-set fields beyond the common ones, filled at create (a default nested object Okta always sends)."""
    defaults: dict[str, Any] = field(default_factory=dict)


def new_id(ctx: Context, prefix: str) -> str:
    """An Okta id: a three-character family prefix and mixed-case alphanumerics, 20 characters in all."""
    return prefix + ctx.new_id("", 20 - len(prefix), BASE62_ALPHABET)


def scope_key(ctx: Context, kind: Kind) -> str:
    return "/".join(str(ctx.params.get(name) or "") for name in kind.scope)


def collection(ctx: Context, kind: Kind) -> Any:
    return ctx.state.collection(kind.collection)


def _key(ctx: Context, kind: Kind, id_: str) -> str:
    scope = scope_key(ctx, kind)
    return f"{scope}/{id_}" if scope else id_


def item_path(ctx: Context, kind: Kind, record: Record) -> str:
    values = {name: str(ctx.params.get(name) or record.get("_scope", {}).get(name) or "") for name in kind.scope}
    return kind.path.format(id=record.get("id", ""), **values)


def render(ctx: Context, kind: Kind, record: Record) -> Record:
    """The record as Okta answers it: stored fields without the twin's own (``_scope``), and ``_links``."""
    shown = {k: v for k, v in record.items() if not k.startswith("_")}
    path = item_path(ctx, kind, record)
    actions = {name: f"{path}/lifecycle/{name}" for name in kind.lifecycle if _offered(record, name)}
    shown["_links"] = {**self_links(ctx, path, **actions), **(record.get("_links") or {})}
    return shown


def _offered(record: Record, action: str) -> bool:
    status = record.get("status")
    return not ((action == "activate" and status == "ACTIVE") or (action == "deactivate" and status == "INACTIVE"))


def stored(ctx: Context, name: str, param: str, title: str) -> Record:
    """The record of collection ``name`` the path parameter ``param`` names, or Okta's 404 naming it and ``title``."""
    id_ = str(ctx.params.get(param) or "")
    found: Record | None = ctx.state.collection(name).get(id_)
    if found is None:
        raise not_found(id_, title)
    return found


def find(ctx: Context, kind: Kind, id_: str | None = None) -> Record:
    """The stored record, or Okta's 404 naming the id and the family."""
    id_ = id_ if id_ is not None else str(ctx.params.get(kind.id_param) or "")
    found: Record | None = collection(ctx, kind).get(_key(ctx, kind, id_))
    if found is None:
        raise not_found(id_, kind.title)
    return found


def save(ctx: Context, kind: Kind, record: Record, *, touched: bool = True) -> Record:
    if touched:
        record["lastUpdated"] = iso8601(ctx.now())
    collection(ctx, kind).put(_key(ctx, kind, record["id"]), record)
    return record


def body_object(ctx: Context) -> Record:
    if ctx.body is None:
        return {}
    if not isinstance(ctx.body, dict):
        raise okta_error("E0000003")
    return copy.deepcopy(ctx.body)


def insert(ctx: Context, kind: Kind, given: Record, *, status: str | None = None, id_: str | None = None) -> Record:
    """A new object: what the client sent, with Okta's server fields (id, status, created, lastUpdated)."""
    now = iso8601(ctx.now())
    record = {**copy.deepcopy(kind.defaults), **{k: v for k, v in given.items() if k not in ("_links", "_embedded")}}
    record["id"] = id_ or new_id(ctx, kind.prefix)
    if kind.status is not None or status is not None:
        record["status"] = status or kind.status
    if kind.stamp_created:
        record["created"] = now
    record["lastUpdated"] = now
    if kind.extra is not None:
        record = kind.extra(ctx, record)
    if kind.scope:
        record["_scope"] = {name: str(ctx.params.get(name) or "") for name in kind.scope}
    save(ctx, kind, record, touched=False)
    log(ctx, kind, "create", record)
    return record


def log(ctx: Context, kind: Kind, verb: str, record: Record) -> None:
    if kind.event:
        name = str(record.get("name") or record.get("label") or record.get("id"))
        _log.record(ctx, f"{kind.event}.lifecycle.{verb}", [_log.target(kind.title, record["id"], name, name)])


def set_status(ctx: Context, kind: Kind, record: Record, status: str, verb: str) -> Record:
    record["status"] = status
    save(ctx, kind, record)
    log(ctx, kind, verb, record)
    return record


def listed(
    ctx: Context,
    kind: Kind,
    keep: Callable[[Record], bool] = lambda r: True,
    default_limit: int = 200,
    render_with: Render = render,
) -> Response:
    """The family's objects under this request's scope, paged Okta's way."""
    scope = scope_key(ctx, kind)
    prefix = f"{scope}/" if scope else ""
    rows = (
        (k, r)
        for k, r in _paging.walk(collection(ctx, kind), _cursor_key(ctx, prefix))
        if (not prefix or k.startswith(prefix)) and keep(r)
    )
    response = _paging.served(ctx, rows, lambda r: render_with(ctx, kind, r), default_limit)
    return _rekey(response, prefix)


def _cursor_key(ctx: Context, prefix: str) -> str | None:
    after = _paging.cursor_of(ctx)
    return None if after is None else prefix + after


def _rekey(response: Response, prefix: str) -> Response:
    # the cursor names the record's key in its collection; a scoped key carries its scope, which the client
    # never sees (the cursor is sealed), so nothing to rewrite
    return response
