"""jira (pycontribs) adapter, best effort: ``JIRA`` client methods and resource classes -> REST paths.

Request sites recognised in a ``JIRA`` method, in source order, with local URL variables followed:
``self._session.get/post/put/delete(url, params=..., data=json.dumps(d) | json=d)``,
``self._get_json(path, params, base=..., use_post=...)``, ``self._fetch_pages(Cls, key, path, ...)`` (paged
with ``startAt``/``maxResults``), ``self._find_for_resource(Cls, ids)`` and ``Cls(...).find(...)`` (GET on the
resource's path). Calls to other public ``JIRA`` methods are recorded as ``calls``. A method with no
resolvable site is listed as unresolved with the reason; nothing is guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import libcst as cst

from twingen.kits.jira import sdk_paths as jira_paths
from twingen.kits.jira.sdk_resources import RESOURCES_FILE, ResourcePath, resource_methods, resource_paths
from twingen.sdk import syntax
from twingen.sdk.locate import definition_lines, package_dir, package_version
from twingen.sdk.surface import SdkMethod, SdkParam, SdkParamLocation, SdkSurface, Unresolved

CLIENT_FILE = "jira/client.py"
CLIENT_CLASS = "JIRA"
_SESSION_VERBS = {f"self._session.{v}": v.upper() for v in ("get", "post", "put", "delete", "patch")}
_PAGERS = {"self._fetch_pages": 5, "self._fetch_pages_searchToken": 4}
"""Pager -> position of its ``params`` argument (``base`` follows it)."""
_RESOURCE_VERBS = {"update": "PUT", "delete": "DELETE"}


@dataclass(frozen=True)
class _Site:
    verb: str
    path: str
    params: tuple[SdkParam, ...]
    paginates: bool = False


@dataclass
class _Scope:
    """What one method has put in local variables so far."""

    urls: jira_paths.Env = field(default_factory=dict)
    dicts: dict[str, list[tuple[str, cst.BaseExpression]]] = field(default_factory=dict)
    resources: dict[str, str] = field(default_factory=dict)
    """Local name -> resource class (``issue = Issue(self._options, self._session)``)."""


def scan(root: Path | None = None) -> SdkSurface:
    """Read ``jira/client.py`` and ``jira/resources.py`` of the installed jira (or under ``root``)."""
    root = root if root is not None else package_dir("jira").parent
    res_text = (root / RESOURCES_FILE).read_text(encoding="utf-8")
    res_module, res_lines = cst.parse_module(res_text), definition_lines(res_text)
    paths, unresolved = resource_paths(res_module, res_lines)
    res_found, res_missed = resource_methods(res_module, paths, res_lines)
    unresolved += res_missed

    text = (root / CLIENT_FILE).read_text(encoding="utf-8")
    lines = definition_lines(text)
    client = next(c for c in syntax.classes_of(cst.parse_module(text)) if c.name.value == CLIENT_CLASS)
    public = [f for f in syntax.methods_of(client) if not f.name.value.startswith("_")]
    public_names = {f.name.value for f in public}
    sites: dict[str, list[_Site]] = {}
    delegates: dict[str, list[str]] = {}
    problems: dict[str, tuple[str, str]] = {}
    for func in public:
        name = func.name.value
        sites[name], delegates[name], problems[name] = _read_method(func, paths, public_names)

    methods: list[SdkMethod] = []
    for func in public:
        name = func.name.value
        line = lines.get(f"{CLIENT_CLASS}.{name}", 0)
        own = _dedupe(sites[name])
        calls = [f"{s.verb} {s.path}" for d in delegates[name] for s in _dedupe(sites.get(d, []))]
        if not own and not calls:
            reason, detail = problems[name]
            unresolved.append(Unresolved(name, f"{reason}: {detail}" if detail else reason, CLIENT_FILE, line))
            continue
        first = own[0] if own else None
        extra = [f"{s.verb} {s.path}" for s in own[1:]] + calls
        methods.append(
            SdkMethod(
                name=name,
                operation=f"{first.verb} {first.path}" if first else "",
                http_verb=first.verb if first else "",
                path=first.path if first else "",
                params=_with_signature(func, first.params if first else ()),
                paginates=any(s.paginates for s in own),
                file=CLIENT_FILE,
                line=line,
                pointer=f"{CLIENT_CLASS}.{name}",
                calls=tuple(dict.fromkeys(c for c in extra if c != (f"{first.verb} {first.path}" if first else ""))),
            )
        )
    methods.extend(res_found)
    return SdkSurface("jira", package_version("jira"), "rest", str(root), tuple(methods), tuple(unresolved))


def _read_method(
    func: cst.FunctionDef, paths: dict[str, ResourcePath], public: set[str]
) -> tuple[list[_Site], list[str], tuple[str, str]]:
    """The request sites of one method, the public methods it delegates to, and why nothing was found."""
    scope = _Scope()
    found: list[_Site] = []
    delegates: list[str] = []
    unresolved_urls: list[str] = []
    private: list[str] = []
    for statement in syntax.statements(func.body):
        if isinstance(statement, cst.Assign) and len(statement.targets) == 1:
            _remember(statement.targets[0].target, statement.value, scope, paths)
        for call in _calls(statement):
            target = syntax.dotted(call.func)
            site = _site(call, target, scope, paths, unresolved_urls)
            if site is not None:
                found.append(site)
            elif target.startswith("self.") and target[5:] in public:
                delegates.append(target[5:])
            elif target.startswith("self._") and target.count(".") == 1 and target not in jira_paths.URL_BUILDERS:
                private.append(target[5:])
    if unresolved_urls:
        problem = ("URL built at run time", unresolved_urls[0][:80])
    elif private:
        problem = ("no request in the method; only private helpers", ", ".join(dict.fromkeys(private)))
    else:
        problem = ("no HTTP request in the method", "")
    return found, delegates, problem


def _calls(statement: cst.BaseSmallStatement | cst.BaseCompoundStatement) -> list[cst.Call]:
    """Calls made by a statement itself: for a compound one only its header (its body comes next)."""
    if isinstance(statement, (cst.For, cst.If, cst.While)):
        return syntax.calls_in(statement.iter if isinstance(statement, cst.For) else statement.test)
    if isinstance(statement, cst.With):
        return [c for item in statement.items for c in syntax.calls_in(item.item)]
    if isinstance(statement, cst.BaseCompoundStatement):
        return []
    return syntax.calls_in(statement)


def _remember(
    target: cst.BaseAssignTargetExpression, value: cst.BaseExpression, scope: _Scope, paths: dict[str, ResourcePath]
) -> None:
    if isinstance(target, cst.Name):
        resolved = jira_paths.url(value, scope.urls)
        if resolved is not None:
            scope.urls[target.value] = resolved
        if isinstance(value, cst.Dict):
            scope.dicts[target.value] = syntax.dict_items(value)
        if isinstance(value, cst.Call) and syntax.dotted(value.func) in paths:
            scope.resources[target.value] = syntax.dotted(value.func)
    elif isinstance(target, cst.Subscript) and isinstance(target.value, cst.Name):
        index = target.slice[0].slice if len(target.slice) == 1 else None
        key = syntax.string_value(index.value) if isinstance(index, cst.Index) else None
        if key is not None:
            scope.dicts.setdefault(target.value.value, []).append((key, value))


def _site(
    call: cst.Call, target: str, scope: _Scope, paths: dict[str, ResourcePath], unresolved: list[str]
) -> _Site | None:
    if target in _SESSION_VERBS:
        first = syntax.positional(call, 0) or syntax.keyword(call, "url")
        resolved = jira_paths.url(first, scope.urls) if first is not None else None
        if resolved is None:
            unresolved.append(syntax.source(first) if first is not None else target)
            return None
        body = syntax.keyword(call, "json") or _dumped(syntax.keyword(call, "data"))
        return _make(_SESSION_VERBS[target], resolved, syntax.keyword(call, "params"), body, scope)
    if target == "self._get_json" or target in _PAGERS:
        index = 2 if target in _PAGERS else 0
        path_node = syntax.positional(call, index) or syntax.keyword(call, "request_path" if index else "path")
        params_at = _PAGERS.get(target, 1)
        base = syntax.keyword(call, "base") or syntax.positional(call, params_at + 1)
        prefix = jira_paths.base_prefix(base)
        rel = jira_paths.path(path_node, scope.urls) if path_node is not None else None
        if rel is None or prefix is None:
            unresolved.append(syntax.source(path_node) if path_node is not None else target)
            return None
        params = syntax.keyword(call, "params") or syntax.positional(call, params_at)
        use_post = syntax.dotted(syntax.keyword(call, "use_post") or cst.Name("False")) == "True"
        # _get_json(use_post=True) sends its params as the JSON body instead of the query string.
        query, body = (None, params) if use_post else (params, None)
        site = _make("POST" if use_post else "GET", prefix + rel, query, body, scope)
        if target in _PAGERS:
            paging = ("startAt", "maxResults") if target == "self._fetch_pages" else ("nextPageToken", "maxResults")
            extra = tuple(SdkParam(p, False, "query") for p in paging)
            return _Site(site.verb, site.path, site.params + extra, paginates=True)
        return site
    cls = ids = query = None
    if target == "self._find_for_resource":
        cls = syntax.dotted(syntax.positional(call, 0) or cst.Name("None"))
        ids = syntax.positional(call, 1)
    elif target.endswith(".find") and target.count(".") == 1:
        cls = scope.resources.get(target.split(".")[0])
        ids, query = syntax.positional(call, 0) or syntax.keyword(call, "id"), syntax.keyword(call, "params")
    elif target.count(".") == 1 and target.split(".")[1] in _RESOURCE_VERBS:
        # ``board = Board(...); board.delete()``: the base Resource request on the object's own URL.
        cls = scope.resources.get(target.split(".")[0])
        if cls in paths:
            return _make(_RESOURCE_VERBS[target.split(".")[1]], paths[cls].template, None, None, scope)
        return None
    if cls in paths:
        return _make("GET", _name_ids(paths[cls].template, ids), query, None, scope)
    return None


def _name_ids(template: str, ids: cst.BaseExpression | None) -> str:
    """``issue/{0}`` with ``find(id)`` -> ``issue/{id}``: positional placeholders named after the ids given."""
    if ids is None:
        return template
    parts = [e.value for e in ids.elements] if isinstance(ids, cst.Tuple) else [ids]
    for i, part in enumerate(parts):
        named = jira_paths.path(part, {})
        if named is not None and named.startswith("{"):
            template = template.replace(f"{{{i}}}", named)
    return template


def _dumped(node: cst.BaseExpression | None) -> cst.BaseExpression | None:
    """``json.dumps(data)`` -> ``data``: jira sends most JSON bodies as pre-serialised ``data=``."""
    if isinstance(node, cst.Call) and syntax.dotted(node.func) == "json.dumps":
        return syntax.positional(node, 0)
    return node


def _make(
    verb: str, template: str, query: cst.BaseExpression | None, body: cst.BaseExpression | None, scope: _Scope
) -> _Site:
    path, in_path_query = jira_paths.split_query(template)
    params = [SdkParam(p, True, "path") for p in jira_paths.placeholders(path)]
    params += [SdkParam(q, True, "query") for q in in_path_query]
    params += [SdkParam(k, False, "query") for k in _keys(query, scope)]
    if body is not None:
        keys = _keys(body, scope)
        params += [SdkParam(k, False, "json") for k in keys] if keys else [SdkParam("body", False, "body")]
    return _Site(verb, path, tuple(params))


def _keys(node: cst.BaseExpression | None, scope: _Scope) -> list[str]:
    if isinstance(node, cst.Name):
        return list(dict.fromkeys(k for k, _ in scope.dicts.get(node.value, [])))
    return [k for k, _ in syntax.dict_items(node)]


def _with_signature(func: cst.FunctionDef, params: tuple[SdkParam, ...]) -> tuple[SdkParam, ...]:
    """Required flags and defaults from the method's signature where an argument carries the same name."""
    args = {a.name: a for a in syntax.signature(func)}
    out = []
    for p in params:
        arg = args.get(p.name)
        location: SdkParamLocation = p.location
        out.append(SdkParam(p.name, arg.required if arg else p.required, location, arg.default_repr if arg else ""))
    return tuple(out)


def _dedupe(sites: list[_Site]) -> list[_Site]:
    seen: dict[tuple[str, str], _Site] = {}
    for site in sites:
        seen.setdefault((site.verb, site.path), site)
    return list(seen.values())
