"""The System Log as the Admin Console shows it: events newest first with eventType, actor, targets and outcome,
filterable by eventType and by target (``/_twin/views/log?eventType=user.lifecycle.create&target=00u...``).
Events are the records ``_log.record`` keeps in ``logs``; nothing here changes state. The page is what the
System Log UI shows of the events ``/api/v1/logs`` answers (its programmatic counterpart:
https://developer.okta.com/docs/reference/system-log-query); newest first as the UI lists them, where the API's
default sortOrder is ASCENDING.
"""

from __future__ import annotations

from typing import Any

from ..runtime import view
from ..runtime.control.ui.html import Child, Safe, h
from ..runtime.control.ui.views import ViewContext

Record = dict[str, Any]
LOG_ROWS = 500
"""The newest events shown (the Admin Console's System Log pages too; a filter narrows to older ones)."""


_LINKED = {"User": "user", "UserGroup": "group", "AppInstance": "app"}
"""System Log target and actor types that are objects with a view of their own."""


def _party(ctx: ViewContext, party: Record) -> Child:
    kind, party_id = str(party.get("type") or ""), str(party.get("id") or "")
    label = str(party.get("displayName") or party_id)
    if label == "unknown":
        label = str(party.get("alternateId") or party_id)
    collection = {"user": "users", "group": "groups", "app": "apps"}.get(_LINKED.get(kind, ""))
    shown: Child = label
    if collection and ctx.state.collection(collection).get(party_id) is not None:
        shown = ctx.link(_LINKED[kind], label, id=party_id)
    return h("div", None, shown, " ", h("span", {"class_": "tag"}, kind), " ", ctx.id(party_id))


def _message(event: Record) -> Child:
    message = str(event.get("displayMessage") or "")
    return h("div", {"class_": "muted"}, message) if message != event.get("eventType") else None


def _events(ctx: ViewContext) -> list[Record]:
    # newest first: by the twin's clock, then by the order recorded (events of one request share a time)
    found = list(ctx.state.collection("logs").values())
    found.reverse()
    found.sort(key=lambda e: float(e.get("_at") or 0), reverse=True)
    return found


def _filter_form(ctx: ViewContext, types: list[str], chosen: str, target: str) -> Safe:
    options = [h("option", {"value": ""}, "all event types")] + [
        h("option", {"value": t, "selected": t == chosen}, t) for t in types
    ]
    hidden = [
        h("input", {"type": "hidden", "name": "tenant", "value": ctx.tenant}) if ctx.tenant != "default" else None
    ]
    if target:
        hidden.append(h("input", {"type": "hidden", "name": "target", "value": target}))
    return h(
        "form",
        {"method": "get", "class_": "row", "id": "log-filter"},
        hidden,
        h("label", None, "eventType", h("select", {"name": "eventType", "id": "eventType"}, options)),
        h("button", {"class_": "primary"}, "Filter"),
        ctx.link("log", "clear") if chosen or target else None,
    )


@view("log", title="System Log")
def log_view(ctx: ViewContext) -> Safe:
    events = _events(ctx)
    types = sorted({str(e.get("eventType") or "") for e in events})
    chosen, target = ctx.params.get("eventType", ""), ctx.params.get("target", "")
    if chosen:
        events = [e for e in events if e.get("eventType") == chosen]
    if target:
        events = [e for e in events if any(str(t.get("id")) == target for t in e.get("target") or ())]
    rows = []
    for event in events[:LOG_ROWS]:
        outcome = event.get("outcome") or {}
        result = str(outcome.get("result") or "")
        rows.append(
            (
                str(event.get("published") or ""),
                h(
                    "div",
                    None,
                    ctx.link("log", str(event.get("eventType") or ""), eventType=event.get("eventType")),
                    _message(event),
                ),
                _party(ctx, event.get("actor") or {}),
                [_party(ctx, t) for t in event.get("target") or ()],
                h(
                    "span",
                    {"class_": "ok" if result in ("SUCCESS", "ALLOW") else "bad"},
                    result,
                    f" ({outcome['reason']})" if outcome.get("reason") else "",
                ),
                ctx.id(event.get("uuid", "")),
            )
        )
    shown = f"{len(events)} event{'' if len(events) == 1 else 's'}" + (
        f", the newest {LOG_ROWS} shown" if len(events) > LOG_ROWS else ""
    )
    return h(
        "div",
        None,
        _filter_form(ctx, types, chosen, target),
        h("p", {"class_": "muted"}, shown, f" · target {target}" if target else ""),
        ctx.table(("published", "eventType", "actor", "target", "outcome", "uuid"), rows, id="log"),
    )
