"""Log streams: where an org sends its System Log events as they happen (AWS EventBridge or Splunk Cloud), with
their lifecycle.

What Okta does beyond the common rules (recorded answers of okta-sdk-python's cassettes, and
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/LogStream/):
- a new stream is ACTIVE whatever status was sent, answered 200; an unknown id is 404 ``(AppInstance)``;
- ``_links`` name the method (``{"href": ..., "method": "GET"}``), and offer ``activate`` or ``deactivate``;
- activate and deactivate answer 200 with an empty body;
- ``settings`` are checked per ``type`` (the discriminator the SDK parses by); a Splunk HEC ``token`` is taken at
  creation and never returned ("The token value is set at object creation, but isn't returned").
"""

from __future__ import annotations

import re
from typing import Any

from ..runtime import Context, Response, behaviour
from . import _store
from ._errors import okta_error
from ._links import href

STREAMS = _store.Kind(
    "log_streams", "AppInstance", "/api/v1/logStreams/{id}", id_param="logStreamId", event="system.log_stream"
)

_AWS_REGIONS = (
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-south-1",
    "ap-southeast-1",
    "ap-southeast-2",
    "ca-central-1",
    "eu-central-1",
    "eu-north-1",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "sa-east-1",
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
)
_SPLUNK_EDITIONS = ("aws", "aws_govcloud", "gcp")
_READ_ONLY = ("id", "created", "lastUpdated", "status", "_links")


def render(ctx: Context, _kind: _store.Kind, record: dict[str, Any]) -> dict[str, Any]:
    shown = {k: v for k, v in record.items() if not k.startswith("_")}
    settings = dict(shown.get("settings") or {})
    settings.pop("token", None)
    shown["settings"] = settings
    path = f"/api/v1/logStreams/{record['id']}"
    links: dict[str, Any] = {"self": {"href": href(ctx, path), "method": "GET"}}
    action = "deactivate" if record.get("status") == "ACTIVE" else "activate"
    links[action] = {"href": href(ctx, f"{path}/lifecycle/{action}"), "method": "POST"}
    shown["_links"] = links
    return shown


def _invalid(field: str, reason: str) -> Exception:
    return okta_error("E0000001", f"Api validation failed: {field}", causes=[f"{field}: {reason}"])


def _checked(body: dict[str, Any], *, replacing: dict[str, Any] | None = None) -> dict[str, Any]:
    given = {k: v for k, v in body.items() if k not in _READ_ONLY}
    kind = given.get("type")
    if kind not in ("aws_eventbridge", "splunk_cloud_logstreaming"):
        raise _invalid("type", "The field must be one of aws_eventbridge, splunk_cloud_logstreaming.")
    if replacing is not None and kind != replacing.get("type"):
        raise _invalid("type", "The type of a log stream cannot be changed.")
    if not isinstance(given.get("name"), str) or not given["name"].strip():
        raise _invalid("name", "The field cannot be left blank.")
    settings = given.get("settings")
    if not isinstance(settings, dict):
        raise _invalid("settings", "The field cannot be left blank.")
    if kind == "aws_eventbridge":
        _aws(settings, replacing)
    else:
        _splunk(settings, replacing)
    return given


def _aws(settings: dict[str, Any], replacing: dict[str, Any] | None) -> None:
    if replacing is not None:
        # only the name changes after creation; the EventBridge source stays as created
        settings.clear()
        settings.update(replacing.get("settings") or {})
        return
    if not re.fullmatch(r"\d{12}", str(settings.get("accountId") or "")):
        raise _invalid("settings.accountId", "The AWS account ID must be 12 digits.")
    if not re.fullmatch(r"[a-zA-Z0-9.\-_]{1,75}", str(settings.get("eventSourceName") or "")):
        raise _invalid(
            "settings.eventSourceName", "The event source name must be 1 to 75 letters, digits, '.', '-' or '_'."
        )
    if settings.get("region") not in _AWS_REGIONS:
        raise _invalid("settings.region", "The region is not a supported AWS region.")


def _splunk(settings: dict[str, Any], replacing: dict[str, Any] | None) -> None:
    if settings.get("edition") not in _SPLUNK_EDITIONS:
        raise _invalid("settings.edition", "The edition must be one of aws, aws_govcloud, gcp.")
    host = str(settings.get("host") or "")
    if not 17 <= len(host) <= 116:
        raise _invalid("settings.host", "The host must be your Splunk Cloud domain (17 to 116 characters).")
    token = settings.get("token")
    if token is None and replacing is not None:
        settings["token"] = (replacing.get("settings") or {}).get("token")
    elif not re.fullmatch(r"[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}", str(token)):
        raise _invalid("settings.token", "The HEC token must be a UUID.")


@behaviour("createLogStream")
def create(ctx: Context) -> Any:
    record = _store.insert(ctx, STREAMS, _checked(_store.body_object(ctx)), status="ACTIVE")
    return render(ctx, STREAMS, record)


@behaviour("getLogStream")
def get(ctx: Context) -> Any:
    return render(ctx, STREAMS, _store.find(ctx, STREAMS))


@behaviour("listLogStreams")
def list_(ctx: Context) -> Response:
    # filter: Okta documents only `type eq "..."` here
    match = (
        re.fullmatch(r'\s*type\s+eq\s+"([^"]+)"\s*', str(ctx.params.get("filter") or ""))
        if ctx.params.get("filter")
        else None
    )
    if ctx.params.get("filter") and match is None:
        raise okta_error("E0000031", "Invalid search criteria.", causes=["filter: Only 'type eq' is supported."])
    kind = match.group(1) if match else None
    return _store.listed(
        ctx, STREAMS, keep=lambda r: kind is None or r.get("type") == kind, default_limit=20, render_with=render
    )


@behaviour("replaceLogStream")
def replace(ctx: Context) -> Any:
    record = _store.find(ctx, STREAMS)
    given = _checked(_store.body_object(ctx), replacing=record)
    kept: dict[str, Any] = {k: record[k] for k in ("id", "created", "status") if k in record}
    updated = {**kept, **given}
    _store.save(ctx, STREAMS, updated)
    _store.log(ctx, STREAMS, "update", updated)
    return render(ctx, STREAMS, updated)


@behaviour("deleteLogStream")
def delete(ctx: Context) -> Response:
    record = _store.find(ctx, STREAMS)
    _store.collection(ctx, STREAMS).delete(record["id"])
    _store.log(ctx, STREAMS, "delete", record)
    return Response(204, None)


def _empty() -> Response:
    # Okta sends no body and no Content-Type here (recorded: Content-Length 0); a client reads that as octet-stream
    return Response(200, b"", media_type="application/octet-stream")


@behaviour("activateLogStream")
def activate(ctx: Context) -> Response:
    _store.set_status(ctx, STREAMS, _store.find(ctx, STREAMS), "ACTIVE", "activate")
    return _empty()


@behaviour("deactivateLogStream")
def deactivate(ctx: Context) -> Response:
    _store.set_status(ctx, STREAMS, _store.find(ctx, STREAMS), "INACTIVE", "deactivate")
    return _empty()
