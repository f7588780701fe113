"""Edit a behaviour module with libcst: merge top-level definitions into it, and only if it still parses.

The model sends whole top-level statements (functions, classes, imports, assignments), never line
numbers: a function or class with a name already in the module replaces it, an assignment to a name
already assigned replaces it, an import not already present goes after the last import, anything else
is appended. The result is parsed by libcst and compiled by Python before a byte is written.
"""

from __future__ import annotations

import difflib

import libcst as cst

from twingen.agent.tools.workspace import ToolError, Workspace

MAX_CODE = 100_000
"""Characters of code in one edit (a whole behaviour module is rarely a tenth of that)."""


def _key(statement: cst.CSTNode) -> str | None:
    """What a top-level statement defines, so a new one with the same key replaces the old one."""
    if isinstance(statement, cst.FunctionDef | cst.ClassDef):
        return "def:" + statement.name.value
    if isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1:
        small = statement.body[0]
        if isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name):
            return "name:" + small.targets[0].target.value
        if isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name):
            return "name:" + small.target.value
    return None


def _is_import(statement: cst.CSTNode) -> bool:
    return isinstance(statement, cst.SimpleStatementLine) and all(
        isinstance(s, cst.Import | cst.ImportFrom) for s in statement.body
    )


def merge(original: str, snippet: str) -> str:
    """``original`` with the snippet's top-level statements merged in (see the module docstring)."""
    try:
        new = cst.parse_module(snippet)
    except cst.ParserSyntaxError as exc:
        raise ToolError(f"the code does not parse: {exc}") from None
    module = cst.parse_module(original) if original.strip() else cst.parse_module("")
    body: list[cst.BaseStatement] = list(module.body)
    empty = cst.parse_module("")
    for statement in new.body:
        key = _key(statement)
        at = next((i for i, old in enumerate(body) if key is not None and _key(old) == key), None)
        if at is not None:
            # the old statement's blank lines and comments above it stay where they were
            body[at] = statement.with_changes(leading_lines=getattr(body[at], "leading_lines", ()))
        elif _is_import(statement):
            code = empty.code_for_node(statement).strip()
            if not any(empty.code_for_node(old).strip() == code for old in body):
                last = max((i for i, old in enumerate(body) if _is_import(old)), default=-1)
                body.insert(last + 1, statement)
        elif isinstance(statement, cst.FunctionDef | cst.ClassDef) and body:
            comments = [line for line in statement.leading_lines if line.comment is not None]
            body.append(statement.with_changes(leading_lines=[cst.EmptyLine(), cst.EmptyLine(), *comments]))
        else:
            body.append(statement)
    merged = module.with_changes(body=body).code
    if merged and not merged.endswith("\n"):
        merged += "\n"
    return merged


def edit_behaviour(workspace: Workspace, path: str, code: str) -> str:
    """Merge ``code`` into the behaviour module at ``path`` (created if missing); returns the diff."""
    target = workspace.editable(path)
    if len(code) > MAX_CODE:
        raise ToolError(f"the code is {len(code)} characters; at most {MAX_CODE} per edit: send it in parts")
    before = target.read_text(encoding="utf-8") if target.is_file() else ""
    after = merge(before, code)
    try:
        compile(after, path, "exec")
    except SyntaxError as exc:
        raise ToolError(f"the merged module would not compile: {exc}") from None
    if after == before:
        return "no change: the module already holds this code"
    target.write_text(after, encoding="utf-8")
    diff = difflib.unified_diff(before.splitlines(True), after.splitlines(True), f"a/{path}", f"b/{path}")
    return "".join(diff)
