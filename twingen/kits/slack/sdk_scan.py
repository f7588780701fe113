"""slack_sdk adapter: ``WebClient`` methods -> the Slack Web API methods they call (the other clients: ``sdk_clients``).

Every method in ``slack_sdk/web/client.py`` ends in ``self.api_call("x.y", http_verb=..., params=kwargs)``
(or ``data=``/``json=``/``files=``) after filling ``kwargs`` with ``kwargs.update({...})`` and
``kwargs["k"] = v``. ``api_call`` sends ``params`` as the query string, ``data`` as a form, ``json`` as a
JSON body and ``files`` as multipart fields (``slack_sdk.web.internal_utils._build_req_args``); ``auth``
becomes HTTP basic auth. ``SlackResponse`` pages on ``response_metadata.next_cursor`` for any method
taking ``cursor``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

import libcst as cst

from twingen.kits.slack.sdk_clients import scan_clients
from twingen.sdk import syntax
from twingen.sdk.locate import definition_lines, package_dir, package_version
from twingen.sdk.surface import SdkMethod, SdkParam, SdkParamLocation, SdkSurface, Unresolved

CLIENT_FILE = "slack_sdk/web/client.py"
CLIENT_CLASS = "WebClient"

_LOCATIONS: dict[str, SdkParamLocation] = {
    "params": "query",
    "data": "form",
    "json": "json",
    "files": "form",
    "auth": "header",
}


@dataclass
class _Locals:
    """String-keyed entries put into each local dict (``kwargs``, ``files``) anywhere in one method."""

    entries: dict[str, list[tuple[str, cst.BaseExpression]]] = field(default_factory=dict)

    def add(self, var: str, key: str, value: cst.BaseExpression) -> None:
        self.entries.setdefault(var, []).append((key, value))


def scan(root: Path | None = None) -> SdkSurface:
    """Read ``WebClient`` from the installed slack_sdk (or from ``root``, the directory holding it)."""
    root = root if root is not None else package_dir("slack_sdk").parent
    text = (root / CLIENT_FILE).read_text(encoding="utf-8")
    lines = definition_lines(text)
    module = cst.parse_module(text)
    client = next(c for c in syntax.classes_of(module) if c.name.value == CLIENT_CLASS)
    public = [f for f in syntax.methods_of(client) if not f.name.value.startswith("_")]

    direct: dict[str, SdkMethod] = {}
    pending: list[cst.FunctionDef] = []
    for func in public:
        method = _direct_method(func, lines.get(f"{CLIENT_CLASS}.{func.name.value}", 0))
        if method is None:
            pending.append(func)
        else:
            direct[method.name] = method

    # Helpers call other WebClient methods; resolve them once every direct method is known.
    helpers: dict[str, SdkMethod] = {}
    unresolved: list[Unresolved] = []
    for func in pending:
        name = func.name.value
        line = lines.get(f"{CLIENT_CLASS}.{name}", 0)
        called = [c.operation for c in _self_calls(func, direct)]
        called = called or [c.operation for c in _returned_object_calls(func, module, root, direct)]
        if called:
            helpers[name] = SdkMethod(
                name=name,
                operation="",
                http_verb="",
                path="",
                params=tuple(_signature_params(func, "form")),
                paginates=False,
                file=CLIENT_FILE,
                line=line,
                pointer=f"{CLIENT_CLASS}.{name}",
                calls=tuple(dict.fromkeys(called)),
            )
        else:
            reason = "calls neither api_call nor another WebClient method"
            unresolved.append(Unresolved(name, reason, CLIENT_FILE, line))

    order = [f.name.value for f in public]
    web = [direct.get(n) or helpers[n] for n in order if n in direct or n in helpers]
    web = [dataclasses.replace(m, client=CLIENT_CLASS) for m in web]
    others, missed = scan_clients(root)  # Audit Logs, SCIM, incoming webhooks, Socket Mode (sdk_clients)
    methods = tuple([*web, *others])
    return SdkSurface("slack_sdk", package_version("slack_sdk"), "rpc", str(root), methods,
                      tuple([*unresolved, *missed]), main_client=CLIENT_CLASS)  # fmt: skip


def _direct_method(func: cst.FunctionDef, line: int) -> SdkMethod | None:
    api_calls = [c for c in syntax.calls_in(func.body) if syntax.dotted(c.func) == "self.api_call"]
    targets = [syntax.string_value(syntax.positional(c, 0)) for c in api_calls]
    names = [t for t in dict.fromkeys(targets) if t]
    if not names:
        return None
    # Every WebClient method calls one API method (files_upload has two api_call sites for the same one).
    api_method = names[0]
    calls = [c for c, t in zip(api_calls, targets, strict=True) if t == api_method]
    verb = syntax.string_value(syntax.keyword(calls[0], "http_verb")) or "POST"
    local = _collect_locals(func)
    args = syntax.signature(func)
    sent: dict[str, SdkParam] = {}
    default_location: SdkParamLocation = "form"
    for call in calls:
        for kw, location in _LOCATIONS.items():
            value = syntax.keyword(call, kw)
            if value is None or (isinstance(value, cst.Name) and value.value == "None"):
                continue
            if isinstance(value, cst.Name) and value.value == "kwargs":
                default_location = location
            entries = local.entries.get(value.value, []) if isinstance(value, cst.Name) else syntax.dict_items(value)
            for key, expr in entries:
                if key not in sent:
                    sent[key] = _param_for(key, expr, args, location)
    mapped = {p.python_name or p.name for p in sent.values()}
    for arg in args:
        if arg.name not in mapped:
            # Arguments that reach kwargs indirectly (``_update_call_participants(kwargs, users)``) keep their
            # own name: in slack_sdk the wire name is the argument name unless a dict entry says otherwise.
            sent[arg.name] = SdkParam(arg.name, arg.required, default_location, arg.default_repr)
    return SdkMethod(
        name=func.name.value,
        operation=api_method,
        http_verb=verb.upper(),
        path=f"/api/{api_method}",
        params=tuple(sent.values()),
        paginates=any(a.name == "cursor" for a in args),
        file=CLIENT_FILE,
        line=line,
        pointer=f"{CLIENT_CLASS}.{func.name.value}",
    )


def _param_for(
    key: str, expr: cst.BaseExpression, args: list[syntax.SignatureArg], location: SdkParamLocation
) -> SdkParam:
    used = syntax.names_in(expr)
    # Prefer the argument named like the key; otherwise the first argument the value is built from.
    arg = next((a for a in args if a.name == key and a.name in used), None)
    arg = arg or next((a for a in args if a.name in used), None)
    if arg is None:
        return SdkParam(key, False, location, syntax.source(expr))
    return SdkParam(key, arg.required, location, arg.default_repr, "" if arg.name == key else arg.name)


def _collect_locals(func: cst.FunctionDef) -> _Locals:
    local = _Locals()
    for statement in syntax.statements(func.body):
        if isinstance(statement, cst.Expr) and isinstance(statement.value, cst.Call):
            call = statement.value
            target = syntax.dotted(call.func)
            if target.endswith(".update") and target.count(".") == 1:
                var = target.split(".")[0]
                for key, value in syntax.dict_items(syntax.positional(call, 0)):
                    local.add(var, key, value)
                for arg in call.args:
                    if arg.keyword is not None:
                        local.add(var, arg.keyword.value, arg.value)
        elif isinstance(statement, cst.Assign) and len(statement.targets) == 1:
            target_node = statement.targets[0].target
            if isinstance(target_node, cst.Name):
                for key, value in syntax.dict_items(statement.value):
                    local.add(target_node.value, key, value)
            elif isinstance(target_node, cst.Subscript) and isinstance(target_node.value, cst.Name):
                index = target_node.slice[0].slice if len(target_node.slice) == 1 else None
                subscript = syntax.string_value(index.value) if isinstance(index, cst.Index) else None
                if subscript is not None:
                    local.add(target_node.value.value, subscript, statement.value)
    return local


def _self_calls(func: cst.FunctionDef, known: dict[str, SdkMethod]) -> list[SdkMethod]:
    found = []
    for call in syntax.calls_in(func.body):
        target = syntax.dotted(call.func)
        if target.startswith("self.") and target[5:] in known:
            found.append(known[target[5:]])
    return found


def _returned_object_calls(
    func: cst.FunctionDef, module: cst.Module, root: Path, known: dict[str, SdkMethod]
) -> list[SdkMethod]:
    """Methods reached through an object the method returns (``chat_stream`` -> ``ChatStream``).

    The object's class is looked up among ``from slack_sdk... import`` lines and its module read for
    ``self._client.NAME(...)`` calls.
    """
    returned = {
        syntax.dotted(s.value.func)
        for s in syntax.statements(func.body)
        if isinstance(s, cst.Return) and isinstance(s.value, cst.Call)
    }
    found: list[SdkMethod] = []
    for statement in syntax.statements(cst.IndentedBlock(body=module.body)):
        if not (isinstance(statement, cst.ImportFrom) and isinstance(statement.names, (list, tuple))):
            continue
        dotted_module = syntax.dotted(statement.module) if statement.module is not None else ""
        imported = {syntax.dotted(a.name) for a in statement.names}
        if not dotted_module.startswith("slack_sdk.") or not imported & returned:
            continue
        path = root / (dotted_module.replace(".", "/") + ".py")
        if not path.is_file():
            continue
        for call in syntax.calls_in(syntax.parse_file(path)):
            target = syntax.dotted(call.func)
            if target.startswith("self._client.") and target[13:] in known:
                found.append(known[target[13:]])
    return found


def _signature_params(func: cst.FunctionDef, location: SdkParamLocation) -> list[SdkParam]:
    return [SdkParam(a.name, a.required, location, a.default_repr) for a in syntax.signature(func)]
