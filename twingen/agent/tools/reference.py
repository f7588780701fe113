"""The documentation and the SDK source for one operation: what the model needs to write its behaviour.

Docs come from the twin's ``spec.json`` (the IR the twin was generated from, so exactly what the docs
said); the SDK source is the method's own function, read from the installed package by the location
the SDK scan recorded. Neither reads arbitrary paths: the SDK lives outside the workspace, so the tool
takes a method name, not a path.
"""

from __future__ import annotations

import functools
import importlib.util
import json
from pathlib import Path
from typing import Any

from twingen.agent.tools.workspace import ToolError, Workspace
from twingen.sdk.scan import scan_sdk
from twingen.sdk.surface import ScanError, SdkMethod, SdkSurface

MAX_SOURCE_LINES = 120


def read_docs(workspace: Workspace, operation: str) -> str:
    specs = sorted(workspace.root.glob("twin_*/spec.json"))
    if not specs:
        raise ToolError("the twin has no spec.json")
    spec: dict[str, Any] = json.loads(specs[0].read_text(encoding="utf-8"))
    for op in spec.get("operations") or ():
        if op.get("id") == operation or op.get("python_name") == operation:
            return json.dumps(op, indent=1, ensure_ascii=False)
    close = [str(op.get("id")) for op in spec.get("operations") or () if operation.split(".")[0] in str(op.get("id"))]
    raise ToolError(f"no operation {operation!r} in spec.json" + (f"; close: {', '.join(close[:20])}" if close else ""))


@functools.lru_cache(maxsize=4)
def _surface(sdk: str) -> SdkSurface:
    return scan_sdk(sdk)


def _find(surface: SdkSurface, name: str) -> SdkMethod:
    for method in surface.methods:
        if name in (method.name, method.operation):
            return method
    raise ToolError(f"no SDK method or operation {name!r} in the SDK")


def read_sdk_source(sdk: str, method_name: str) -> str:
    try:
        surface = _surface(sdk)
    except ScanError as exc:
        raise ToolError(str(exc)) from None
    method = _find(surface, method_name)
    params = ", ".join(f"{p.name} ({p.location}{', required' if p.required else ''})" for p in method.params)
    header = f"{method.name}: {method.http_verb} {method.path or method.operation}\nparams: {params or 'none'}"
    source = _source_of(method)
    return header + ("\n\n" + source if source else "")


def _source_of(method: SdkMethod) -> str:
    if not method.file or not method.line or not method.file.endswith(".py"):
        return ""
    top = method.file.split("/", 1)[0]
    spec = importlib.util.find_spec(top)
    if spec is None or not spec.submodule_search_locations:
        return ""
    path = Path(next(iter(spec.submodule_search_locations))).parent / method.file
    if not path.is_file():
        return ""
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    start = method.line - 1
    # decorators sit above the recorded line; keep them with the function
    while start > 0 and lines[start - 1].lstrip().startswith("@"):
        start -= 1
    indent = len(lines[method.line - 1]) - len(lines[method.line - 1].lstrip())
    end = method.line
    while end < len(lines) and end - start < MAX_SOURCE_LINES:
        line = lines[end]
        if line.strip() and len(line) - len(line.lstrip()) <= indent and not line.lstrip().startswith(")"):
            break
        end += 1
    return f"# {method.where}\n" + "\n".join(lines[start:end])
