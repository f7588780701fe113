"""Workspace-confined tools for the agent: files, docs, SDK source, behaviour edits, the check."""

from __future__ import annotations

from twingen.agent.tools.registry import NONDETERMINISTIC, TOOL_SPECS, Toolbox
from twingen.agent.tools.workspace import ToolError, Workspace

__all__ = ["NONDETERMINISTIC", "TOOL_SPECS", "ToolError", "Toolbox", "Workspace"]
