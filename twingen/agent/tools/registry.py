"""The tools the model may call: their JSON schemas (part of the cached prompt prefix) and dispatch.

``NONDETERMINISTIC`` names the tools whose results a replay takes from the recording instead of running
them again: ``run_check`` starts a server and its answers carry timings. Every other tool is a pure
function of the workspace, so a replay runs it for real; ``edit_behaviour`` in particular must run, so
that a replay ends with the same file bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from twingen.agent.tools import checking, edit, files, reference
from twingen.agent.tools.goals import Goal
from twingen.agent.tools.workspace import ToolError, Workspace

NONDETERMINISTIC = frozenset({"run_check"})
MAX_CHECK_METHODS = 20
MAX_OUTPUT = 100_000
"""Characters of one tool result that are kept (in the store too); the model is shown fewer (``loop.cut``)."""

_S = {"type": "string"}
_I = {"type": "integer"}


def _schema(properties: dict[str, Any], required: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": list(required), "additionalProperties": False}


TOOL_SPECS: list[dict[str, Any]] = [
    {"name": "list_files", "description": "List files under a folder of the twin (paths relative to the twin).",
     "input_schema": _schema({"path": _S})},
    {"name": "read_file", "description": "Read a text file of the twin, with line numbers; optional line range.",
     "input_schema": _schema({"path": _S, "start_line": _I, "end_line": _I}, ("path",))},
    {"name": "grep", "description": "Search the twin's text files with a Python regular expression.",
     "input_schema": _schema({"pattern": _S, "path": _S}, ("pattern",))},
    {"name": "read_docs", "description": "The documented operation (parameters, responses, errors) from spec.json.",
     "input_schema": _schema({"operation": _S}, ("operation",))},
    {"name": "read_sdk_source", "description": "The SDK method's parameters and its source code.",
     "input_schema": _schema({"method": _S}, ("method",))},
    {"name": "edit_behaviour",
     "description": "Merge top-level Python statements into a behaviour module twin_*/behaviour/NAME.py "
                    "(created if missing). A def/class/assignment with an existing name replaces it; new imports "
                    "are added after the others. The result must parse. Returns the diff.",
     "input_schema": _schema({"path": _S, "code": _S}, ("path", "code"))},
    {"name": "run_check", "description": f"Run twingen check on up to {MAX_CHECK_METHODS} SDK methods; "
                                         "returns each method's class, detail, call and answer.",
     "input_schema": _schema({"methods": {"type": "array", "items": _S}}, ("methods",))},
]  # fmt: skip


@dataclass
class Toolbox:
    """The tools bound to one twin and SDK."""

    workspace: Workspace
    sdk: str
    check_timeout: float | None = None
    goal: Goal | None = None
    """What ``run_check`` measures: the SDK check by default, or the run's suite or recorded traffic."""

    @classmethod
    def for_twin(cls, twin_dir: Path, sdk: str, goal: Goal | None = None) -> Toolbox:
        return cls(Workspace(twin_dir), sdk, goal=goal)

    def call(self, name: str, arguments: dict[str, Any]) -> str:
        """Run one tool; ToolError, TypeError (bad arguments) and KeyError (unknown tool) reach the caller."""
        handler = self._handlers().get(name)
        if handler is None:
            raise KeyError(name)
        result = handler(**arguments)
        if len(result) > MAX_OUTPUT:
            more = len(result) - MAX_OUTPUT
            result = result[:MAX_OUTPUT] + f"\n[... {more} more characters not kept: read a line range, or narrow it]"
        return result

    def _handlers(self) -> dict[str, Callable[..., str]]:
        ws = self.workspace
        return {
            "list_files": lambda path=".": files.list_files(ws, path),
            "read_file": lambda path, start_line=1, end_line=0: files.read_file(ws, path, start_line, end_line),
            "grep": lambda pattern, path=".": files.grep(ws, pattern, path),
            "read_docs": lambda operation: reference.read_docs(ws, operation),
            "read_sdk_source": lambda method: reference.read_sdk_source(self.sdk, method),
            "edit_behaviour": lambda path, code: edit.edit_behaviour(ws, path, code),
            "run_check": self._run_check,
        }

    def _run_check(self, methods: list[str]) -> str:
        if not isinstance(methods, list) or not methods or not all(isinstance(m, str) for m in methods):
            raise ToolError("methods must be a non-empty list of SDK method names")
        if len(methods) > MAX_CHECK_METHODS:
            raise ToolError(f"at most {MAX_CHECK_METHODS} methods per check")
        goal = self.goal or Goal("check", self.sdk)
        result = goal.measure(self.workspace.root, methods, self.check_timeout)
        return checking.describe(result)
