"""Okta as a Shared Signals Framework transmitter: the stream configuration an event receiver registers, its
status and verification, and the transmitter's well-known metadata.

What Okta documents (https://developer.okta.com/docs/api/openapi/okta-management/management/tag/SSFTransmitter/,
and the SSF 1.0 ID3 spec it follows):
- one stream per receiver: a second create is 409; a stream needs ``delivery`` (``method`` push or poll
  ``urn:ietf:rfc:8935``, and an ``endpoint_url``) and ``events_requested``;
- Okta fills ``stream_id`` (``esc``), ``iss`` (the org), ``aud``, ``events_supported`` (the CAEP session-revoked and
  credential-change events it transmits), ``events_delivered`` (those requested that it supports), ``format``
  ``iss_sub`` and ``min_verification_interval``; the read-only fields, when sent, must match Okta's (400);
- ``GET`` without ``stream_id`` lists the streams, with one answers it (404 when unknown); PUT replaces, PATCH
  changes what is sent; status is ``enabled``; verification answers 204 (the verification SET goes to the receiver).
Receivers are not told apart here: the twin keeps the org's streams, each API caller sees them all.
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response, behaviour
from . import _store
from ._errors import not_found, okta_error, validation_failed
from ._links import href

STREAMS = "ssf_streams"
TITLE = "SsfStream"
_SUPPORTED = (
    "https://schemas.openid.net/secevent/caep/event-type/session-revoked",
    "https://schemas.openid.net/secevent/caep/event-type/credential-change",
)
_METHODS = ("https://schemas.openid.net/secevent/risc/delivery-method/push", "urn:ietf:rfc:8935")
_READ_ONLY = ("iss", "aud", "events_supported", "events_delivered", "min_verification_interval")


def _delivery(given: Any) -> dict[str, Any]:
    if not isinstance(given, dict):
        raise validation_failed("delivery", "The field cannot be left blank")
    if given.get("method") not in _METHODS:
        raise validation_failed("delivery.method", f"The delivery method must be one of {', '.join(_METHODS)}")
    url = given.get("endpoint_url")
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        raise validation_failed("delivery.endpoint_url", "The endpoint URL must be a URL")
    shown = {"method": given["method"], "endpoint_url": url}
    if given.get("authorization_header") is not None:
        shown["authorization_header"] = given["authorization_header"]
    return shown


def _events(given: Any) -> list[str]:
    if not isinstance(given, list) or not all(isinstance(e, str) for e in given) or len(given) > 50:
        raise validation_failed("events_requested", "The field must be a list of at most 50 event type URIs")
    return list(given)


def _configure(ctx: Context, record: dict[str, Any], body: dict[str, Any], whole: bool) -> dict[str, Any]:
    for field in _READ_ONLY:
        if body.get(field) is not None and body[field] != record.get(field):
            raise validation_failed(field, "A read-only property must match the transmitter's value")
    if whole or "delivery" in body:
        record["delivery"] = _delivery(body.get("delivery"))
    if whole or "events_requested" in body:
        record["events_requested"] = _events(body.get("events_requested"))
        record["events_delivered"] = [e for e in record["events_requested"] if e in _SUPPORTED]
    if body.get("format") not in (None, "iss_sub"):
        raise validation_failed("format", "The subject format must be iss_sub")
    return record


def _find(ctx: Context, wanted: str | None) -> dict[str, Any]:
    streams = ctx.state.collection(STREAMS)
    if wanted:
        found = streams.get(wanted)
        if found is None:
            raise not_found(wanted, TITLE)
        return found
    first = next(iter(streams.values()), None)
    if first is None:
        raise not_found("stream", TITLE)
    return first


@behaviour("createSsfStream")
def create(ctx: Context) -> Response:
    if next(iter(ctx.state.collection(STREAMS).values()), None) is not None:
        raise okta_error(
            "E0000195",
            "Api validation failed due to conflict: stream",
            causes=["A stream configuration already exists for this receiver."],
        )
    issuer = ctx.base_url.rstrip("/")
    record: dict[str, Any] = {
        "stream_id": _store.new_id(ctx, "esc"),
        "iss": issuer,
        "aud": issuer,
        "events_supported": list(_SUPPORTED),
        "format": "iss_sub",
        "min_verification_interval": 0,
    }
    body = _store.body_object(ctx)
    record = _configure(ctx, record, {k: v for k, v in body.items() if k not in _READ_ONLY}, True)
    ctx.state.collection(STREAMS).put(record["stream_id"], record)
    return Response(201, record)


@behaviour("getSsfStreams")
def get(ctx: Context) -> Any:
    wanted = str(ctx.params.get("stream_id") or "")
    if wanted:
        return _find(ctx, wanted)
    return list(ctx.state.collection(STREAMS).values())


def _change(ctx: Context, whole: bool) -> Any:
    body = _store.body_object(ctx)
    record = _find(ctx, str(body.get("stream_id") or ""))
    record = _configure(ctx, dict(record), body, whole)
    ctx.state.collection(STREAMS).put(record["stream_id"], record)
    return record


@behaviour("replaceSsfStream")
def replace(ctx: Context) -> Any:
    return _change(ctx, True)


@behaviour("updateSsfStream")
def update(ctx: Context) -> Any:
    return _change(ctx, False)


@behaviour("deleteSsfStream")
def delete(ctx: Context) -> Response:
    record = _find(ctx, str(ctx.params.get("stream_id") or ""))
    ctx.state.collection(STREAMS).delete(record["stream_id"])
    return Response(204, None)


@behaviour("getSsfStreamStatus")
def status(ctx: Context) -> Any:
    record = _find(ctx, str(ctx.params.get("stream_id") or ""))
    return {"stream_id": record["stream_id"], "status": "enabled"}


@behaviour("verifySsfStream")
def verify(ctx: Context) -> Response:
    body = _store.body_object(ctx)
    if not body.get("stream_id"):
        raise validation_failed("stream_id", "The field cannot be left blank")
    _find(ctx, str(body["stream_id"]))
    return Response(204, None)


@behaviour("getWellknownSsfMetadata")
def metadata(ctx: Context) -> Any:
    return {
        "issuer": ctx.base_url.rstrip("/"),
        "jwks_uri": href(ctx, "/oauth2/v1/keys"),
        "delivery_methods_supported": list(_METHODS),
        "configuration_endpoint": href(ctx, "/api/v1/ssf/stream"),
        "verification_endpoint": href(ctx, "/api/v1/ssf/stream/verification"),
        "authorization_schemes": [{"spec_urn": "urn:ietf:rfc:6749"}],
        "default_subjects": "ALL",
        "spec_version": "1_0-ID3",
    }
