"""Static evaluation of the URL expressions pycontribs/jira builds, into REST path templates.

jira builds URLs as ``self._get_url("issue/" + str(issue) + "/votes")``, ``self._get_url(f"issue/{issue}")``,
``self._get_url("sprint", base=self.AGILE_BASE_URL)`` or ``self.server_url + "/rest/servicedeskapi/info"``.
Literal parts are kept, every computed part becomes a ``{placeholder}`` named after the expression
(``{issue}``), and the base URL templates are resolved with ``JIRA.DEFAULT_OPTIONS`` (REST API 2, Agile
1.0). Anything else (``"{server}{auth_url}".format(**self._options)``) is not resolved: the result is
None and the caller records why.
"""

from __future__ import annotations

import re

import libcst as cst

from twingen.sdk import syntax

API_BASE = "/rest/api/2/"
"""``JIRA_BASE_URL`` with the default ``rest_path="api"``, ``rest_api_version="2"``."""
LATEST_BASE = "/rest/api/latest/"
INTERNAL_BASE = "/rest/internal/latest/"
AGILE_BASE = "/rest/agile/1.0/"
"""``AGILE_BASE_URL`` with ``agile_rest_path="agile"``, ``agile_rest_api_version="1.0"``."""

URL_BUILDERS = {
    "self._get_url": API_BASE,
    "self._get_latest_url": LATEST_BASE,
    "self._get_internal_url": INTERNAL_BASE,
}
_BASE_TEMPLATE = re.compile(r"^\{server\}(?P<prefix>/[^{]*)\{path\}$")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")

Env = dict[str, str]
"""Local variables that hold a resolved path or URL (``url = self._get_url("component")``)."""


def base_prefix(node: cst.BaseExpression | None) -> str | None:
    """The path prefix a ``base=`` argument stands for; None when it cannot be told."""
    if node is None:
        return API_BASE
    name = syntax.dotted(node)
    if name.endswith("AGILE_BASE_URL"):
        return AGILE_BASE
    if name.endswith("JIRA_BASE_URL"):
        return API_BASE
    literal = syntax.string_value(node)
    match = _BASE_TEMPLATE.match(literal or "")
    return match["prefix"] if match else None


def url(node: cst.BaseExpression, env: Env) -> str | None:
    """Evaluate an absolute URL expression to a path template (``/rest/api/2/issue/{issue}``), or None."""
    if isinstance(node, cst.Call):
        builder = syntax.dotted(node.func)
        if builder in URL_BUILDERS:
            prefix = base_prefix(syntax.keyword(node, "base") or syntax.positional(node, 1))
            path_node = syntax.positional(node, 0) or syntax.keyword(node, "path")
            rel = path(path_node, env) if path_node is not None else None
            if builder == "self._get_url" and prefix is not None and rel is not None:
                return prefix + rel
            return URL_BUILDERS[builder] + rel if rel is not None else None
    value = path(node, env)
    return value if value is not None and value.startswith("/") else None


def path(node: cst.BaseExpression, env: Env) -> str | None:
    """Evaluate a string expression, computed parts becoming ``{placeholders}``; None when not a string."""
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
        return syntax.string_value(node)
    if isinstance(node, cst.FormattedString):
        out = []
        for part in node.parts:
            if isinstance(part, cst.FormattedStringText):
                out.append(part.value)
            elif isinstance(part, cst.FormattedStringExpression):
                out.append(_piece(part.expression, env))
        return "".join(out)
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
        left, right = path(node.left, env), path(node.right, env)
        return left + right if left is not None and right is not None else None
    if isinstance(node, cst.Name) and node.value in env:
        return env[node.value]
    if syntax.dotted(node) == "self.server_url":
        return ""  # the server root: what follows is an absolute path
    if isinstance(node, cst.Call) and syntax.dotted(node.func) in URL_BUILDERS:
        return url(node, env)
    if isinstance(node, (cst.Name, cst.Attribute)) or _is_str_call(node):
        return _piece(node, env)
    return None


def _piece(node: cst.BaseExpression, env: Env) -> str:
    """One computed path segment: a known local URL, else ``{name}`` after the expression."""
    if isinstance(node, cst.Name) and node.value in env:
        return env[node.value]
    if _is_str_call(node) and isinstance(node, cst.Call):
        node = node.args[0].value
    name = syntax.dotted(node).removeprefix("self.")
    return "{" + (name.rsplit(".", 1)[-1] if name else "value") + "}"


def _is_str_call(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Call) and syntax.dotted(node.func) == "str" and len(node.args) == 1


def split_query(template: str) -> tuple[str, list[str]]:
    """``user?username={0}`` -> (``user``, ``["username"]``): query strings written into paths."""
    base, _, query = template.partition("?")
    names = [pair.split("=", 1)[0] for pair in query.split("&") if pair]
    return base, [n for n in names if n and not _PLACEHOLDER.fullmatch(n)]


def placeholders(template: str) -> list[str]:
    return _PLACEHOLDER.findall(template)
