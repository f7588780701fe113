"""Small libcst readers shared by the SDK adapters: literals, dotted names, signatures, calls in order."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import libcst as cst

_EMPTY = cst.Module(body=[])


def parse_file(path: Path) -> cst.Module:
    return cst.parse_module(path.read_text(encoding="utf-8"))


def source(node: cst.CSTNode) -> str:
    """The code of ``node`` as written (for ``default_repr`` and messages)."""
    return _EMPTY.code_for_node(node).strip()


def string_value(node: cst.BaseExpression | None) -> str | None:
    """The value of a plain (non-f) string literal, implicit concatenation included; else None."""
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    return None


def dotted(node: cst.BaseExpression) -> str:
    """``self._session.get`` for a Name/Attribute chain; "" for anything else."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        head = dotted(node.value)
        return f"{head}.{node.attr.value}" if head else ""
    return ""


def keyword(call: cst.Call, name: str) -> cst.BaseExpression | None:
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == name:
            return arg.value
    return None


def positional(call: cst.Call, index: int) -> cst.BaseExpression | None:
    args = [a for a in call.args if a.keyword is None and not a.star]
    return args[index].value if index < len(args) else None


def dict_items(node: cst.BaseExpression | None) -> list[tuple[str, cst.BaseExpression]]:
    """``(key, value)`` for the string-keyed entries of a dict literal (``{**x}`` entries are skipped)."""
    if not isinstance(node, cst.Dict):
        return []
    items = []
    for element in node.elements:
        if isinstance(element, cst.DictElement):
            key = string_value(element.key)
            if key is not None:
                items.append((key, element.value))
    return items


def names_in(node: cst.CSTNode) -> set[str]:
    """Every bare name used inside ``node``."""
    found: set[str] = set()

    class _Names(cst.CSTVisitor):
        def visit_Name(self, name: cst.Name) -> None:
            found.add(name.value)

    node.visit(_Names())
    return found


def calls_in(node: cst.CSTNode) -> list[cst.Call]:
    """Every call inside ``node``, outermost first, in source order."""
    found: list[cst.Call] = []

    class _Calls(cst.CSTVisitor):
        def visit_Call(self, call: cst.Call) -> None:
            found.append(call)

    node.visit(_Calls())
    return found


def statements(body: cst.BaseSuite) -> Iterator[cst.BaseSmallStatement | cst.BaseCompoundStatement]:
    """Statements of a function body in source order, descending into if/for/while/try/with blocks.

    Adapters track local variables (``url = self._get_url(...)``) as they go; flattening branches is an
    approximation that holds for SDK code, where branches pick between variants of one request.
    """
    for statement in body.body if isinstance(body, cst.IndentedBlock) else [body]:
        if isinstance(statement, (cst.SimpleStatementLine, cst.SimpleStatementSuite)):
            yield from statement.body
        elif isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
            continue  # nested definitions run later, if at all
        elif isinstance(statement, cst.BaseCompoundStatement):
            yield statement
            yield from statements(statement.body)
            for extra in _compound_tails(statement):
                yield from statements(extra)


def _compound_tails(statement: cst.BaseCompoundStatement) -> list[cst.BaseSuite]:
    tails: list[cst.BaseSuite] = []
    if isinstance(statement, cst.If) and statement.orelse is not None:
        orelse = statement.orelse
        tails.append(cst.IndentedBlock(body=[orelse]) if isinstance(orelse, cst.If) else orelse.body)
    if isinstance(statement, cst.Try):
        tails.extend(handler.body for handler in statement.handlers)
        tails.extend(part.body for part in (statement.orelse, statement.finalbody) if part is not None)
    if isinstance(statement, (cst.For, cst.While)) and statement.orelse is not None:
        tails.append(statement.orelse.body)
    return tails


@dataclass(frozen=True)
class SignatureArg:
    name: str
    required: bool
    default_repr: str
    keyword_only: bool


def signature(func: cst.FunctionDef) -> list[SignatureArg]:
    """Named arguments of ``func`` except ``self``/``cls``; ``*args``/``**kwargs`` are left out."""
    params = func.params
    result: list[SignatureArg] = []
    for group, keyword_only in ((params.posonly_params, False), (params.params, False), (params.kwonly_params, True)):
        for param in group:
            name = param.name.value
            if name in ("self", "cls"):
                continue
            default = "" if param.default is None else source(param.default)
            result.append(SignatureArg(name, param.default is None, default, keyword_only))
    return result


def methods_of(cls: cst.ClassDef) -> list[cst.FunctionDef]:
    body = cls.body.body if isinstance(cls.body, cst.IndentedBlock) else []
    return [s for s in body if isinstance(s, cst.FunctionDef)]


def classes_of(module: cst.Module) -> list[cst.ClassDef]:
    return [s for s in module.body if isinstance(s, cst.ClassDef)]
