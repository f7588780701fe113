"""okta adapter: the generated API classes (``okta/api/*_api.py``) -> HTTP verb, path and parameters.

okta 3.x is OpenAPI-Generator output. Each public ``async def list_users(...)`` has a private
``_list_users_serialize`` that sorts the arguments into ``_path_params["id"] = id``,
``_query_params.append(("sortBy", sort_by))``, ``_header_params["Prefer"] = prefer``,
``_form_params.append(...)``, ``_files["file"] = file`` and ``_body_params = user``, then ends in
``self.param_serialize(method="GET", resource_path="/api/v1/users", ...)``. Those call sites are read here.

The 118 modules hold about 124,000 lines, mostly docstrings; parsing them whole with libcst takes ~8 s.
Only the parts that matter are parsed: each public method's signature and each ``_serialize`` function,
cut out at the generator's fixed class-level indentation.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from pathlib import Path

import libcst as cst

from twingen.sdk import syntax
from twingen.sdk.locate import package_dir, package_version
from twingen.sdk.surface import SdkMethod, SdkParam, SdkParamLocation, SdkSurface, Unresolved

API_DIR = "okta/api"

_CLASS = re.compile(r"^class (\w+)", re.MULTILINE)
_MEMBER_START = re.compile(r"^    (?:@|async def |def )")
_DEF = re.compile(r"^    (?:async )?def (\w+)\(")
_SIGNATURE_END = re.compile(r"^    \)[^\n]*:\s*$")
_LISTS: dict[str, SdkParamLocation] = {"_query_params": "query", "_form_params": "form"}
_DICTS: dict[str, SdkParamLocation] = {"_path_params": "path", "_header_params": "header", "_files": "form"}


@dataclass(frozen=True)
class _Member:
    name: str
    line: int
    text: str
    """The member's source, dedented to module level."""


def scan(root: Path | None = None) -> SdkSurface:
    """Read every ``okta/api/*_api.py`` of the installed okta (or under ``root``, the directory holding it)."""
    root = root if root is not None else package_dir("okta").parent
    methods: list[SdkMethod] = []
    unresolved: list[Unresolved] = []
    for path in sorted((root / API_DIR).glob("*_api.py")):
        found, missed = _scan_module(path, path.relative_to(root).as_posix())
        methods.extend(found)
        unresolved.extend(missed)
    return SdkSurface("okta", package_version("okta"), "rest", str(root), tuple(methods), tuple(unresolved))


def _scan_module(path: Path, rel: str) -> tuple[list[SdkMethod], list[Unresolved]]:
    text = path.read_text(encoding="utf-8")
    class_match = _CLASS.search(text)
    class_name = class_match.group(1) if class_match else path.stem
    members = {m.name: m for m in _members(text)}
    methods: list[SdkMethod] = []
    unresolved: list[Unresolved] = []
    for name, member in members.items():
        if name.startswith("_"):
            continue
        serializer = members.get(f"_{name}_serialize")
        if serializer is None:
            unresolved.append(Unresolved(name, "no _serialize function beside it", rel, member.line))
            continue
        try:
            method = _method(member, serializer, rel, class_name)
        except cst.ParserSyntaxError as exc:
            unresolved.append(Unresolved(name, f"libcst could not parse it: {exc.message}", rel, member.line))
            continue
        if method is None:
            reason = "no self.param_serialize(method=..., resource_path=...) with literal strings"
            unresolved.append(Unresolved(name, reason, rel, serializer.line))
        else:
            methods.append(method)
    return methods, unresolved


def _members(text: str) -> list[_Member]:
    """Class-level defs of a generated module, each cut to its own text (decorators left out)."""
    lines = text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if _MEMBER_START.match(line)] + [len(lines)]
    members = []
    for begin, end in itertools.pairwise(starts):
        match = _DEF.match(lines[begin])
        if match:
            body = "".join(line[4:] if line.startswith("    ") else line for line in lines[begin:end])
            members.append(_Member(match.group(1), begin + 1, body))
    return members


def _signature_only(text: str) -> str:
    """A public method's ``def`` up to its closing ``) -> T:``, given an empty body (its docstring and body
    are three quarters of the module and carry nothing the surface needs)."""
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if _SIGNATURE_END.match("    " + line):
            return "".join(lines[: i + 1]) + "    ...\n"
    return text


def _method(member: _Member, serializer: _Member, rel: str, class_name: str) -> SdkMethod | None:
    public = cst.parse_module(_signature_only(member.text)).body[0]
    serialize = cst.parse_module(serializer.text).body[0]
    if not isinstance(public, cst.FunctionDef) or not isinstance(serialize, cst.FunctionDef):
        return None
    args = {a.name: a for a in syntax.signature(public) if not a.name.startswith("_")}
    verb = path = None
    placed: dict[str, tuple[str, SdkParamLocation]] = {}
    for statement in syntax.statements(serialize.body):
        if isinstance(statement, cst.Return) and isinstance(statement.value, cst.Call):
            verb = syntax.string_value(syntax.keyword(statement.value, "method"))
            path = syntax.string_value(syntax.keyword(statement.value, "resource_path"))
        elif isinstance(statement, cst.Expr) and isinstance(statement.value, cst.Call):
            _read_append(statement.value, args, placed)
        elif isinstance(statement, cst.Assign) and len(statement.targets) == 1:
            _read_assign(statement.targets[0].target, statement.value, args, placed)
    if not verb or not path:
        return None
    params = []
    for arg in args.values():
        wire, location = placed.get(arg.name, (arg.name, "query"))
        python_name = "" if wire == arg.name else arg.name
        params.append(SdkParam(wire, arg.required, location, arg.default_repr, python_name))
    return SdkMethod(
        name=member.name,
        operation=f"{verb.upper()} {path}",
        http_verb=verb.upper(),
        path=path,
        params=tuple(params),
        # okta pages with ``after`` and the ``Link: rel="next"`` header (``ApiResponse.has_next``).
        paginates=any(p.name == "after" and p.location == "query" for p in params),
        file=rel,
        line=member.line,
        pointer=f"{class_name}.{member.name}",
    )


def _read_append(
    call: cst.Call, args: dict[str, syntax.SignatureArg], placed: dict[str, tuple[str, SdkParamLocation]]
) -> None:
    """``_query_params.append(("sortBy", sort_by))``."""
    target = syntax.dotted(call.func)
    owner = target.removesuffix(".append")
    pair = syntax.positional(call, 0)
    if owner not in _LISTS or not isinstance(pair, cst.Tuple) or len(pair.elements) != 2:
        return
    wire = syntax.string_value(pair.elements[0].value)
    value = _unwrap_enum(pair.elements[1].value)
    if wire is not None and isinstance(value, cst.Name) and value.value in args:
        placed.setdefault(value.value, (wire, _LISTS[owner]))


def _read_assign(
    target: cst.BaseAssignTargetExpression,
    value: cst.BaseExpression,
    args: dict[str, syntax.SignatureArg],
    placed: dict[str, tuple[str, SdkParamLocation]],
) -> None:
    """``_path_params["id"] = id``, ``_header_params["Prefer"] = prefer``, ``_body_params = user``."""
    value = _unwrap_enum(value)
    if not isinstance(value, cst.Name) or value.value not in args:
        return
    if isinstance(target, cst.Name) and target.value == "_body_params":
        placed.setdefault(value.value, (value.value, "body"))
    elif isinstance(target, cst.Subscript) and isinstance(target.value, cst.Name) and target.value.value in _DICTS:
        index = target.slice[0].slice if len(target.slice) == 1 else None
        wire = syntax.string_value(index.value) if isinstance(index, cst.Index) else None
        if wire is not None:
            placed.setdefault(value.value, (wire, _DICTS[target.value.value]))


def _unwrap_enum(node: cst.BaseExpression) -> cst.BaseExpression:
    """``app_name.value`` -> ``app_name``: enum arguments are sent by their value."""
    if isinstance(node, cst.Attribute) and node.attr.value == "value" and isinstance(node.value, cst.Name):
        return node.value
    return node
