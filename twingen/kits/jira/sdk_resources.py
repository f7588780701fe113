"""jira resource classes (``jira/resources.py``): each ``Resource`` subclass's path and what it does there.

A subclass names its path in ``Resource.__init__(self, "issue/{0}", options, session[, base_url])``;
``find()`` GETs it. ``update()``/``delete()`` exist on every resource (PUT/DELETE on the object's ``self``
URL), but only the classes that override them say the server supports them, so only those are listed.
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from twingen.kits.jira import sdk_paths as jira_paths
from twingen.sdk import syntax
from twingen.sdk.surface import SdkMethod, SdkParam, Unresolved

RESOURCES_FILE = "jira/resources.py"
_INITS = {"Resource.__init__": jira_paths.API_BASE, "AgileResource.__init__": jira_paths.AGILE_BASE}
_SUPER_VERBS = {"update": "PUT", "delete": "DELETE"}


@dataclass(frozen=True)
class ResourcePath:
    """Where one resource class lives: ``Issue`` -> ``/rest/api/2/issue/{0}``."""

    cls: str
    template: str
    line: int


def resource_paths(module: cst.Module, lines: dict[str, int]) -> tuple[dict[str, ResourcePath], list[Unresolved]]:
    """Every ``Resource`` subclass with a statically known path; the others with a reason."""
    bases: dict[str, str] = {}
    classes = syntax.classes_of(module)
    for cls in classes:
        if cls.bases:
            bases[cls.name.value] = syntax.dotted(cls.bases[0].value)
    found: dict[str, ResourcePath] = {}
    missed: list[Unresolved] = []
    for cls in classes:
        name = cls.name.value
        if name in ("Resource", "AgileResource") or not _is_resource(name, bases):
            continue
        line = lines.get(name, 0)
        template = _init_path(cls)
        if template is None:
            missed.append(Unresolved(f"{name}.find", "resource path not a static string", RESOURCES_FILE, line))
        else:
            found[name] = ResourcePath(name, template, line)
    return found, missed


def resource_methods(
    module: cst.Module, paths: dict[str, ResourcePath], lines: dict[str, int]
) -> tuple[list[SdkMethod], list[Unresolved]]:
    """``Cls.find`` for every resource with a path, ``Cls.update``/``Cls.delete`` where a class overrides them."""
    methods: list[SdkMethod] = []
    missed: list[Unresolved] = []
    for cls in syntax.classes_of(module):
        where = paths.get(cls.name.value)
        if where is None:
            continue
        methods.append(_method(f"{cls.name.value}.find", "GET", where, where.line))
        for func in syntax.methods_of(cls):
            verb_name = func.name.value
            if verb_name not in _SUPER_VERBS:
                continue
            qualname = f"{cls.name.value}.{verb_name}"
            verb = _override_verb(func, verb_name)
            if verb is None:
                reason = "override builds its URL at run time"
                missed.append(Unresolved(qualname, reason, RESOURCES_FILE, lines.get(qualname, 0)))
            else:
                methods.append(_method(qualname, verb, where, lines.get(qualname, 0)))
    return methods, missed


def _is_resource(name: str, bases: dict[str, str]) -> bool:
    seen: set[str] = set()
    while name in bases and name not in seen:
        seen.add(name)
        name = bases[name]
        if name == "Resource":
            return True
    return False


def _init_path(cls: cst.ClassDef) -> str | None:
    for func in syntax.methods_of(cls):
        if func.name.value != "__init__":
            continue
        for call in syntax.calls_in(func.body):
            init = syntax.dotted(call.func)
            if init not in _INITS:
                continue
            rel = jira_paths.path(syntax.positional(call, 1) or cst.Name("None"), {})
            base = syntax.positional(call, 4) or syntax.keyword(call, "base_url")
            prefix = _INITS[init] if base is None or init == "AgileResource.__init__" else jira_paths.base_prefix(base)
            if rel is None or prefix is None:
                return None
            return prefix + rel
    return None


def _override_verb(func: cst.FunctionDef, verb_name: str) -> str | None:
    """The verb an ``update``/``delete`` override sends to the resource's own URL, when that is what it does."""
    for call in syntax.calls_in(func.body):
        target = syntax.dotted(call.func)
        first = syntax.positional(call, 0) or syntax.keyword(call, "url")
        on_self = first is not None and syntax.dotted(first) == "self.self"
        if target.startswith("self._session.") and (on_self or _adds_to_self_url(first)):
            return target.rsplit(".", 1)[-1].upper()
        called = call.func
        # ``super().update(...)`` or ``Resource.delete(self, ...)``: the base class's own request.
        if (
            isinstance(called, cst.Attribute)
            and called.attr.value == verb_name
            and (syntax.dotted(called.value) == "Resource" or _is_super_call(called.value))
        ):
            return _SUPER_VERBS[verb_name]
    return None


def _adds_to_self_url(node: cst.BaseExpression | None) -> bool:
    return isinstance(node, cst.BinaryOperation) and syntax.dotted(node.left) == "self.self"


def _is_super_call(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Call) and syntax.dotted(node.func) == "super"


def _method(name: str, verb: str, where: ResourcePath, line: int) -> SdkMethod:
    template, query = jira_paths.split_query(where.template)
    params = [SdkParam(p, True, "path") for p in jira_paths.placeholders(template)]
    params += [SdkParam(q, True, "query") for q in query]
    if verb == "PUT":
        params.append(SdkParam("fields", False, "json", "None"))
    return SdkMethod(
        name=name,
        operation=f"{verb} {template}",
        http_verb=verb,
        path=template,
        params=tuple(params),
        file=RESOURCES_FILE,
        line=line,
        pointer=name,
    )
