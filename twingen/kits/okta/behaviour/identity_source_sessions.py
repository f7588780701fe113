"""Identity source sessions: the bulk-import sessions a custom identity source opens, loads and then imports.

A session starts ``CREATED`` (``importType`` is always ``INCREMENTAL``), takes bulk uploads only while ``CREATED``,
and ``start-import`` moves it to ``TRIGGERED``. Okta creates it ``201`` (recorded; the reference says 200) and sends
no ``_links``. A custom identity source is an app instance made in the Admin Console, never through this API: a
source id naming no app instance of the org is the app's 404 (``identity_sources.find_source``).
Source: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/IdentitySource/
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response, behaviour
from . import _store
from ._errors import okta_error
from .identity_sources import find_source

SESSIONS = _store.Kind(
    "identity_source_sessions",
    "IdentitySourceSession",
    "/api/v1/identity-sources/{identitySourceId}/sessions/{id}",
    prefix="aps",
    status="CREATED",
    scope=("identitySourceId",),
    id_param="sessionId",
    lifecycle=(),
)


def _shown(ctx: Context, kind: _store.Kind, record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if not k.startswith("_")}


@behaviour("createIdentitySourceSession")
def create_session(ctx: Context) -> Response:
    source = find_source(ctx)
    record = _store.insert(ctx, SESSIONS, {"identitySourceId": source, "importType": "INCREMENTAL"})
    return Response(201, _shown(ctx, SESSIONS, record))


@behaviour("listIdentitySourceSessions")
def list_sessions(ctx: Context) -> Response:
    find_source(ctx)
    return _store.listed(ctx, SESSIONS, render_with=_shown)


@behaviour("getIdentitySourceSession")
def get_session(ctx: Context) -> dict[str, Any]:
    find_source(ctx)
    return _shown(ctx, SESSIONS, _store.find(ctx, SESSIONS))


@behaviour("deleteIdentitySourceSession")
def delete_session(ctx: Context) -> Response:
    find_source(ctx)
    record = _store.find(ctx, SESSIONS)
    _store.collection(ctx, SESSIONS).delete(f"{record['_scope']['identitySourceId']}/{record['id']}")
    return Response(204, None)


@behaviour("startImportFromIdentitySource")
def start_import(ctx: Context) -> dict[str, Any]:
    record = _open(ctx)
    return _shown(ctx, SESSIONS, _store.set_status(ctx, SESSIONS, record, "TRIGGERED", "start"))


def _open(ctx: Context) -> dict[str, Any]:
    """The session, which must still take data ("You can upload bulk data in this stage": CREATED only)."""
    find_source(ctx)
    record = _store.find(ctx, SESSIONS)
    if record.get("status") != "CREATED":
        raise okta_error(
            "E0000001",
            "Api validation failed: sessionId",
            causes=[f"The identity source session is {record.get('status')}, not CREATED."],
        )
    return record


@behaviour("uploadIdentitySourceDataForDelete")
@behaviour("uploadIdentitySourceDataForUpsert")
@behaviour("uploadIdentitySourceGroupMembershipsForDelete")
@behaviour("uploadIdentitySourceGroupMembershipsForUpsert")
@behaviour("uploadIdentitySourceGroupsDataForDelete")
@behaviour("uploadIdentitySourceGroupsForUpsert")
def upload(ctx: Context) -> Response:
    _open(ctx)
    body = _store.body_object(ctx)
    if not isinstance(body.get("profiles", []), list):
        raise okta_error("E0000001", "Api validation failed: profiles", causes=["profiles: must be a list"])
    return Response(202, None)
