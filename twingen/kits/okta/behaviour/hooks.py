"""Event hooks and inline hooks: the HTTPS endpoints an org calls, asynchronously when listed events happen (event
hooks) or synchronously inside a flow to change its outcome (inline hooks, by ``type``).

What Okta does beyond the common rules (recorded answers of okta-sdk-python's cassettes, and
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/EventHook/ and .../tag/InlineHook/):
- create answers 200, ACTIVE; an event hook starts ``verificationStatus`` UNVERIFIED and names its ``createdBy``;
- the channel's ``authScheme.value`` (the secret Okta sends) is write-only, never answered;
- ``_links``: ``self`` without hints; an ACTIVE hook offers ``deactivate`` (and ``verify`` or ``execute``), an
  INACTIVE one ``activate`` and ``delete``; only an INACTIVE hook may be deleted ("As a safety precaution"), else
  403 E0000006; an unknown id is 404 ``(Webhook)`` or ``(InlineHook)``.
- verify and execute call the hook's endpoint, which a twin never reaches (it makes no outside connection): they
  answer Okta's E0000001 for an endpoint that did not answer, and a hook stays UNVERIFIED.
"""

from __future__ import annotations

import copy
from typing import Any

from ..runtime import Context, Response, behaviour
from . import _log, _store
from ._errors import okta_error, validation_failed
from ._links import href, link

EVENT = _store.Kind("event_hooks", "Webhook", "/api/v1/eventHooks/{id}", prefix="who", id_param="eventHookId")
INLINE = _store.Kind("inline_hooks", "InlineHook", "/api/v1/inlineHooks/{id}", prefix="cal", id_param="inlineHookId")
INLINE_TYPES = (
    "com.okta.import.transform",
    "com.okta.oauth2.tokens.transform",
    "com.okta.saml.tokens.transform",
    "com.okta.user.credential.password.import",
    "com.okta.user.pre-registration",
    "com.okta.telephony.provider",
)
# Okta's event types for hooks (https://developer.okta.com/docs/reference/api/event-types/): event_hook.created...
_EVENTS = {
    "create": "created",
    "update": "updated",
    "delete": "deleted",
    "activate": "activated",
    "deactivate": "deactivated",
}
_READ_ONLY = ("id", "status", "created", "createdBy", "lastUpdated", "verificationStatus", "_links")


def render(ctx: Context, kind: _store.Kind, record: dict[str, Any]) -> dict[str, Any]:
    shown = {k: v for k, v in record.items() if not k.startswith("_")}
    channel = copy.deepcopy(shown.get("channel") or {})
    scheme = (channel.get("config") or {}).get("authScheme")
    if isinstance(scheme, dict):
        scheme.pop("value", None)
    shown["channel"] = channel
    path = kind.path.format(id=record["id"])
    links: dict[str, Any] = {"self": {"href": href(ctx, path)}}
    if record.get("status") == "ACTIVE":
        extra = "verify" if kind is EVENT else "execute"
        links[extra] = link(ctx, f"{path}/lifecycle/verify" if kind is EVENT else f"{path}/execute", "POST")
        links["deactivate"] = link(ctx, f"{path}/lifecycle/deactivate", "POST")
    else:
        links = {
            "activate": link(ctx, f"{path}/lifecycle/activate", "POST"),
            **links,
            "delete": link(ctx, path, "DELETE"),
        }
    shown["_links"] = links
    return shown


def _channel(given: dict[str, Any], *, oauth: bool) -> None:
    channel = given.get("channel")
    if not isinstance(channel, dict):
        raise validation_failed("channel", "The field cannot be left blank.")
    allowed = ("HTTP", "OAUTH") if oauth else ("HTTP",)
    if channel.get("type") not in allowed:
        raise validation_failed("channel.type", f"The channel type must be one of {', '.join(allowed)}.")
    config = channel.get("config")
    if not isinstance(config, dict) or not str(config.get("uri") or "").startswith("https://"):
        raise validation_failed("channel.config.uri", "The URI must use HTTPS.")
    channel.setdefault("version", "1.0.0")


def _event_hook(ctx: Context, body: dict[str, Any]) -> dict[str, Any]:
    given = {k: v for k, v in body.items() if k not in _READ_ONLY}
    if not given.get("name"):
        raise validation_failed("name", "The field cannot be left blank.")
    events = given.get("events")
    if not isinstance(events, dict) or events.get("type") != "EVENT_TYPE" or not events.get("items"):
        raise validation_failed("events", "An event hook subscribes to at least one event type (type EVENT_TYPE).")
    _channel(given, oauth=False)
    return given


def _inline_hook(ctx: Context, body: dict[str, Any]) -> dict[str, Any]:
    given = {k: v for k, v in body.items() if k not in _READ_ONLY}
    if not given.get("name"):
        raise validation_failed("name", "The field cannot be left blank.")
    if given.get("type") not in INLINE_TYPES:
        raise validation_failed("type", "The inline hook type is not supported.")
    given.setdefault("version", "1.0.0")
    _channel(given, oauth=True)
    return given


def _logged(ctx: Context, kind: _store.Kind, verb: str, record: dict[str, Any]) -> None:
    stem = "event_hook" if kind is EVENT else "inline_hook"
    title = "EventHook" if kind is EVENT else "InlineHook"
    _log.record(ctx, f"{stem}.{_EVENTS[verb]}", [_log.target(title, record["id"], record.get("name", ""))])


def _ordered(kind: _store.Kind, record: dict[str, Any]) -> dict[str, Any]:
    # Okta's key order: id, status, (verificationStatus,) name, (type, version,) then the rest as sent
    first = (
        ("id", "status", "verificationStatus", "name") if kind is EVENT else ("id", "status", "name", "type", "version")
    )
    return {**{k: record[k] for k in first if k in record}, **record}


def _check(ctx: Context, kind: _store.Kind, body: dict[str, Any]) -> dict[str, Any]:
    return _event_hook(ctx, body) if kind is EVENT else _inline_hook(ctx, body)


def create(ctx: Context, kind: _store.Kind) -> Any:
    given = _check(ctx, kind, _store.body_object(ctx))
    if kind is EVENT:
        given = {"verificationStatus": "UNVERIFIED", **given, "createdBy": str(ctx.identity.get("user_id") or "")}
    record = _ordered(kind, _store.insert(ctx, kind, given))
    _logged(ctx, kind, "create", record)
    _store.save(ctx, kind, record, touched=False)
    return render(ctx, kind, record)


def listed(ctx: Context, kind: _store.Kind) -> Response:
    wanted = str(ctx.params.get("type") or "")
    return _store.listed(ctx, kind, keep=lambda r: not wanted or r.get("type") == wanted, render_with=render)


def write(ctx: Context, kind: _store.Kind, whole: bool) -> Any:
    record = _store.find(ctx, kind)
    sent = _store.body_object(ctx)
    merged = sent if whole else {**{k: v for k, v in record.items() if not k.startswith("_")}, **sent}
    # an inline hook's type is fixed at creation (a replace body does not even carry it)
    if kind is INLINE and merged.setdefault("type", record.get("type")) != record.get("type"):
        raise validation_failed("type", "The type of an inline hook cannot be changed.")
    given = _check(ctx, kind, merged)
    kept: dict[str, Any] = {
        k: record[k] for k in ("id", "status", "verificationStatus", "created", "createdBy") if k in record
    }
    updated = _ordered(kind, {**kept, **given})
    _store.save(ctx, kind, updated)
    _logged(ctx, kind, "update", updated)
    return render(ctx, kind, updated)


def delete(ctx: Context, kind: _store.Kind) -> Response:
    record = _store.find(ctx, kind)
    if record.get("status") != "INACTIVE":
        raise okta_error(
            "E0000006",
            "You do not have permission to perform the requested action",
            causes=["Only an INACTIVE hook can be deleted."],
        )
    _store.collection(ctx, kind).delete(record["id"])
    _logged(ctx, kind, "delete", record)
    return Response(204, None)


def change(ctx: Context, kind: _store.Kind, status: str, verb: str) -> Any:
    record = _store.set_status(ctx, kind, _store.find(ctx, kind), status, verb)
    _logged(ctx, kind, verb, record)
    return render(ctx, kind, record)


# the operations, one module-level function each (the runtime finds behaviour among a module's attributes)
@behaviour("createEventHook")
def create_event_hook(ctx: Context) -> Any:
    return create(ctx, EVENT)


@behaviour("getEventHook")
def get_event_hook(ctx: Context) -> Any:
    return render(ctx, EVENT, _store.find(ctx, EVENT))


@behaviour("listEventHooks")
def list_event_hooks(ctx: Context) -> Response:
    return listed(ctx, EVENT)


@behaviour("replaceEventHook")
def replace_event_hook(ctx: Context) -> Any:
    return write(ctx, EVENT, True)


@behaviour("deleteEventHook")
def delete_event_hook(ctx: Context) -> Response:
    return delete(ctx, EVENT)


@behaviour("activateEventHook")
def activate_event_hook(ctx: Context) -> Any:
    return change(ctx, EVENT, "ACTIVE", "activate")


@behaviour("deactivateEventHook")
def deactivate_event_hook(ctx: Context) -> Any:
    return change(ctx, EVENT, "INACTIVE", "deactivate")


@behaviour("createInlineHook")
def create_inline_hook(ctx: Context) -> Any:
    return create(ctx, INLINE)


@behaviour("getInlineHook")
def get_inline_hook(ctx: Context) -> Any:
    return render(ctx, INLINE, _store.find(ctx, INLINE))


@behaviour("listInlineHooks")
def list_inline_hooks(ctx: Context) -> Response:
    return listed(ctx, INLINE)


@behaviour("replaceInlineHook")
def replace_inline_hook(ctx: Context) -> Any:
    return write(ctx, INLINE, True)


@behaviour("updateInlineHook")
def update_inline_hook(ctx: Context) -> Any:
    return write(ctx, INLINE, False)


@behaviour("deleteInlineHook")
def delete_inline_hook(ctx: Context) -> Response:
    return delete(ctx, INLINE)


@behaviour("activateInlineHook")
def activate_inline_hook(ctx: Context) -> Any:
    return change(ctx, INLINE, "ACTIVE", "activate")


@behaviour("deactivateInlineHook")
def deactivate_inline_hook(ctx: Context) -> Any:
    return change(ctx, INLINE, "INACTIVE", "deactivate")


def _unreachable(what: str) -> Exception:
    return okta_error(
        "E0000001", f"Api validation failed: {what}", causes=[f"{what}: The endpoint did not answer within 3 seconds."]
    )


@behaviour("verifyEventHook")
def verify(ctx: Context) -> Any:
    _store.find(ctx, EVENT)
    raise _unreachable("verification")


@behaviour("executeInlineHook")
def execute(ctx: Context) -> Any:
    record = _store.find(ctx, INLINE)
    if record.get("status") != "ACTIVE":
        raise validation_failed("status", "Only an ACTIVE inline hook can be executed.")
    raise _unreachable("execution")
