"""slack_sdk's clients beside ``WebClient``: which twin operation each public method reaches.

- ``AuditLogsClient`` (``audit_logs/v1/client.py``): ``self.api_call(path="logs", ...)`` -> ``audit.logs``.
- ``SCIMClient`` (``scim/v1/client.py``): ``self.api_call(http_verb=V, path="Users"`` or ``f"Users/{id}"``) ->
  the twin's SCIM operation for that verb and path (``_SCIM``; GET and POST of a collection are one operation
  in the twin, ``scim.users``, because its routes take both verbs).
- ``WebhookClient`` (``webhook/client.py``): every method posts to the client's URL, ``webhooks.incoming``.
- ``SocketModeClient`` (``socket_mode/builtin/client.py`` over ``socket_mode/client.py``): ``issue_new_wss_url``
  calls ``self.web_client.apps_connections_open``; a method reaches the twin when it opens, uses or closes the
  connection (``Connection(...)``, ``self.current_session.send/close``) or calls a method that does: all of those
  run over the socket ``apps.connections.open`` gives. The rest (``enqueue_message``, ``process_message``...)
  work on the client's own queue and listeners and send nothing: unresolved, with that reason.

Every client's generic ``api_call`` is a helper reaching the operations its other methods reach. Method names are
qualified (``SCIMClient.read_user``) so they differ from ``WebClient``'s and from each other.
"""

from __future__ import annotations

from pathlib import Path

import libcst as cst

from twingen.sdk import syntax
from twingen.sdk.locate import definition_lines
from twingen.sdk.surface import SdkMethod, SdkParam, SdkParamLocation, Unresolved

_SCIM = {
    ("GET", "Users", False): "scim.users", ("POST", "Users", False): "scim.users",
    ("GET", "Users", True): "scim.users.read", ("PUT", "Users", True): "scim.users.replace",
    ("PATCH", "Users", True): "scim.users.patch", ("DELETE", "Users", True): "scim.users.delete",
    ("GET", "Groups", False): "scim.groups", ("POST", "Groups", False): "scim.groups",
    ("GET", "Groups", True): "scim.groups.read", ("PUT", "Groups", True): "scim.groups.replace",
    ("PATCH", "Groups", True): "scim.groups.patch", ("DELETE", "Groups", True): "scim.groups.delete",
}  # fmt: skip
_SOCKET_USE = ("self.current_session.send", "self.current_session.close", "Connection")
SOCKET_OPERATION = "apps.connections.open"


def scan_clients(root: Path) -> tuple[list[SdkMethod], list[Unresolved]]:
    methods: list[SdkMethod] = []
    unresolved: list[Unresolved] = []
    for scanner in (_audit_logs, _scim, _webhook, _socket_mode):
        found, missed = scanner(root)
        methods += found
        unresolved += missed
    return methods, unresolved


def _class(root: Path, file: str, name: str) -> tuple[cst.ClassDef, dict[str, int]]:
    text = (root / file).read_text(encoding="utf-8")
    lines = definition_lines(text)
    client = next(c for c in syntax.classes_of(cst.parse_module(text)) if c.name.value == name)
    return client, lines


def _public(client: cst.ClassDef) -> list[cst.FunctionDef]:
    return [f for f in syntax.methods_of(client) if not f.name.value.startswith("_")]


def _method(cls: str, file: str, lines: dict[str, int], func: cst.FunctionDef, operation: str = "",
            verb: str = "", path: str = "", location: SdkParamLocation = "query",
            calls: tuple[str, ...] = ()) -> SdkMethod:  # fmt: skip
    params = tuple(SdkParam(a.name, a.required, location, a.default_repr) for a in syntax.signature(func))
    name = func.name.value
    return SdkMethod(name=f"{cls}.{name}", operation=operation, http_verb=verb, path=path, params=params,
                     paginates=any(a.name == "cursor" for a in syntax.signature(func)), file=file,
                     line=lines.get(f"{cls}.{name}", 0), pointer=f"{cls}.{name}", calls=calls, client=cls)  # fmt: skip


def _api_calls(func: cst.FunctionDef) -> list[cst.Call]:
    return [c for c in syntax.calls_in(func.body) if syntax.dotted(c.func) == "self.api_call"]


def _path_of(call: cst.Call) -> tuple[str, bool] | None:
    """The literal path an ``api_call`` names (``"Users"``), and whether an id follows it (``f"Users/{id}"``)."""
    value = syntax.keyword(call, "path")
    literal = syntax.string_value(value)
    if literal:
        return literal, False
    if isinstance(value, cst.FormattedString):
        head = "".join(p.value for p in value.parts if isinstance(p, cst.FormattedStringText))
        return head.rstrip("/"), True
    return None


def _audit_logs(root: Path) -> tuple[list[SdkMethod], list[Unresolved]]:
    cls, file = "AuditLogsClient", "slack_sdk/audit_logs/v1/client.py"
    client, lines = _class(root, file, cls)
    found: list[SdkMethod] = []
    generic: list[cst.FunctionDef] = []
    for func in _public(client):
        paths = [p for p in (_path_of(c) for c in _api_calls(func)) if p]
        if paths:
            found.append(_method(cls, file, lines, func, f"audit.{paths[0][0]}", "GET", f"/audit/v1/{paths[0][0]}"))
        else:
            generic.append(func)
    reached = tuple(m.operation for m in found)
    return [*found, *(_method(cls, file, lines, f, calls=reached) for f in generic)], []


def _scim(root: Path) -> tuple[list[SdkMethod], list[Unresolved]]:
    cls, file = "SCIMClient", "slack_sdk/scim/v1/client.py"
    client, lines = _class(root, file, cls)
    found: list[SdkMethod] = []
    generic: list[cst.FunctionDef] = []
    missed: list[Unresolved] = []
    for func in _public(client):
        calls = _api_calls(func)
        path = _path_of(calls[0]) if calls else None
        verb = (syntax.string_value(syntax.keyword(calls[0], "http_verb")) or "GET").upper() if calls else ""
        operation = _SCIM.get((verb, path[0], path[1])) if path else None
        if operation and path:
            location: SdkParamLocation = "json" if verb in ("POST", "PUT", "PATCH") else "query"
            shown = f"/scim/v1/{path[0]}" + ("/{id}" if path[1] else "")
            found.append(_method(cls, file, lines, func, operation, verb, shown, location))
        elif not calls or path is None:
            generic.append(func)
        else:
            missed.append(Unresolved(f"{cls}.{func.name.value}", f"{verb} {path[0]} is no SCIM operation", file))
    reached = tuple(dict.fromkeys(m.operation for m in found))
    return [*found, *(_method(cls, file, lines, f, calls=reached) for f in generic)], missed


def _webhook(root: Path) -> tuple[list[SdkMethod], list[Unresolved]]:
    cls, file = "WebhookClient", "slack_sdk/webhook/client.py"
    client, lines = _class(root, file, cls)
    found: list[SdkMethod] = []
    missed: list[Unresolved] = []
    for func in _public(client):
        targets = {syntax.dotted(c.func) for c in syntax.calls_in(func.body)}
        if targets & {"self._perform_http_request", "self.send_dict"}:
            found.append(_method(cls, file, lines, func, "webhooks.incoming", "POST", "(the webhook URL)", "json"))
        else:
            missed.append(Unresolved(f"{cls}.{func.name.value}", "posts nothing to the webhook URL", file))
    return found, missed


def _socket_mode(root: Path) -> tuple[list[SdkMethod], list[Unresolved]]:
    cls = "SocketModeClient"
    base, base_lines = _class(root, "slack_sdk/socket_mode/client.py", "BaseSocketModeClient")
    own, own_lines = _class(root, "slack_sdk/socket_mode/builtin/client.py", cls)
    defined: dict[str, tuple[cst.FunctionDef, str, dict[str, int], str]] = {}
    for func in syntax.methods_of(base):
        defined[func.name.value] = (func, "slack_sdk/socket_mode/client.py", base_lines, "BaseSocketModeClient")
    for func in syntax.methods_of(own):
        defined[func.name.value] = (func, "slack_sdk/socket_mode/builtin/client.py", own_lines, cls)

    def reaches(name: str, seen: frozenset[str] = frozenset()) -> bool:
        func = defined[name][0]
        for call in syntax.calls_in(func.body):
            target = syntax.dotted(call.func)
            if target.startswith("self.web_client.") or target in _SOCKET_USE:
                return True
            inner = target[5:] if target.startswith("self.") else ""
            if inner in defined and inner not in seen and reaches(inner, seen | {name}):
                return True
        return False

    found: list[SdkMethod] = []
    missed: list[Unresolved] = []
    for name, (func, file, lines, owner) in defined.items():
        if name.startswith("_"):
            continue
        lines = {f"{cls}.{name}": lines.get(f"{owner}.{name}", 0)}
        direct = any(
            syntax.dotted(c.func) == "self.web_client.apps_connections_open" for c in syntax.calls_in(func.body)
        )
        if direct:
            found.append(
                _method(cls, file, lines, func, SOCKET_OPERATION, "POST", "/api/apps.connections.open", "form")
            )
        elif reaches(name):
            found.append(_method(cls, file, lines, func, calls=(SOCKET_OPERATION,)))
        else:
            reason = "works on the client's own queue, listeners or state: sends nothing to Slack"
            missed.append(Unresolved(f"{cls}.{name}", reason, file, lines.get(f"{cls}.{name}", 0)))
    return found, missed
