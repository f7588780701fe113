"""A tiny HTML builder that escapes by default: records hold user data (a Slack message may be ``<script>``).

Every string is escaped unless it is ``Safe``, and only this module makes ``Safe`` values from markup
it wrote itself, so a page built with ``h()`` cannot carry a caller's markup by accident.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import Union

Child = Union["Safe", str, int, float, None, Iterable["Child"]]


class Safe(str):
    """Markup that is already escaped."""

    __slots__ = ()


def text(value: object) -> Safe:
    return Safe(escape(str(value), quote=True))


def render(child: Child) -> Safe:
    if child is None or child is False:
        return Safe("")
    if isinstance(child, Safe):
        return child
    if isinstance(child, (str, int, float)):
        return text(child)
    return Safe("".join(render(c) for c in child))


def h(tag: str, attrs: dict[str, object] | None = None, *children: Child) -> Safe:
    """``<tag attrs>children</tag>``; attribute values and text children are escaped."""
    parts = [tag]
    for name, value in (attrs or {}).items():
        if value is None or value is False:
            continue
        key = name.rstrip("_").replace("_", "-")  # class_ -> class, data_x -> data-x
        parts.append(key if value is True else f'{key}="{escape(str(value), quote=True)}"')
    opening = "<" + " ".join(parts) + ">"
    if tag in _VOID:
        return Safe(opening)
    return Safe(opening + render(list(children)) + f"</{tag}>")


def button_form(action: str, label: str, fields: dict[str, str] | None = None, **attrs: object) -> Safe:
    """A one-button form posting ``fields``: works without JavaScript."""
    hidden = [h("input", {"type": "hidden", "name": k, "value": v}) for k, v in (fields or {}).items()]
    return h("form", {"method": "post", "action": action, "class_": "inline"}, hidden, h("button", attrs, label))


def section(anchor: str, title: str, *children: Child) -> Safe:
    """A console section: ``<section id=anchor>`` under an ``<h2>`` title."""
    return h("section", {"id": anchor}, h("h2", None, title), *children)


def not_available(what: str) -> Safe:
    """What a section shows when the twin's runtime predates the endpoint it reads."""
    return h("p", {"class_": "na"}, f"{what}: not available in this twin's runtime")


def document(title: str, body: Child) -> bytes:
    # an empty icon: else the browser asks the twin for /favicon.ico and the request log shows a 404
    icon = h("link", {"rel": "icon", "href": "data:,"})
    head = h("head", None, h("meta", {"charset": "utf-8"}), icon, h("title", None, title), h("style", None, Safe(CSS)))
    return ("<!doctype html>" + h("html", {"lang": "en"}, head, h("body", None, body))).encode()


_VOID = frozenset({"input", "meta", "br", "hr", "img", "link"})

CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1d2430;background:#f5f6f8}
header{background:#1d2430;color:#fff;padding:12px 24px;display:flex;gap:16px;align-items:center;flex-wrap:wrap}
header h1{font-size:18px;margin:0 12px 0 0}header .meta{color:#b9c2d0}
main{padding:16px 24px;display:grid;gap:16px}
section{background:#fff;border:1px solid #dde1e7;border-radius:6px;padding:12px 16px}
h2{font-size:15px;margin:0 0 8px}h3{font-size:14px;margin:12px 0 4px}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:3px 8px;border-bottom:1px solid #eceef2;
vertical-align:top}th{background:#f0f2f5;font-weight:600}
td.num{text-align:right;font-variant-numeric:tabular-nums}
pre{margin:0;white-space:pre-wrap;word-break:break-word;font:12px/1.35 ui-monospace,monospace}
form.inline{display:inline}form.row{display:flex;gap:8px;flex-wrap:wrap;align-items:end;margin:8px 0}
label{display:flex;flex-direction:column;font-size:12px;color:#4a5568}
input,select{font:inherit;padding:3px 6px;border:1px solid #c3c9d2;border-radius:4px}
button{font:inherit;padding:3px 10px;border-radius:4px;border:1px solid #8a94a6;background:#fff;cursor:pointer}
button.on{background:#c53030;border-color:#c53030;color:#fff}button.off{background:#fff;color:#2d3748}
button.primary{background:#2b6cb0;border-color:#2b6cb0;color:#fff}
.flash{background:#fefcbf;border:1px solid #ecc94b;border-radius:6px;padding:8px 12px}
.bad{color:#c53030;font-weight:600}.ok{color:#2f855a}.muted{color:#718096}
.na{color:#718096;font-style:italic}.switches{display:flex;gap:8px;flex-wrap:wrap;margin-bottom:8px}
details{margin:4px 0}summary{cursor:pointer}
tr.error td{background:#fff5f5}tr.error td.status{color:#c53030;font-weight:600}
nav.views{display:flex;gap:12px;flex-wrap:wrap}nav.views a,header .tenants a{color:#90cdf4}
header .tenants a.on{color:#fff;font-weight:600}header .tenants a{margin-left:6px}
code.id{background:#edf2f7;border-radius:3px;padding:0 4px;font-size:12px;user-select:all}
.msg{display:flex;gap:10px;padding:6px 0;border-bottom:1px solid #eceef2}.msg .body{flex:1}
.msg .who{font-weight:600}.msg .text{white-space:pre-wrap;word-break:break-word}
.thread{margin:4px 0 0 24px;border-left:3px solid #dde1e7;padding-left:10px}
.reaction{display:inline-block;border:1px solid #cbd5e0;border-radius:10px;padding:0 6px;margin:2px 4px 0 0;
font-size:12px}.pin{color:#b7791f;font-size:12px}.tag{font-size:11px;color:#4a5568;background:#edf2f7;
border-radius:3px;padding:0 4px;margin-left:4px}
table.grid{width:auto}
table.grid td,table.grid th{border:1px solid #dde1e7;min-width:64px;font-variant-numeric:tabular-nums}
table.grid th{text-align:center;color:#4a5568}table.grid td.formula{background:#f0fff4}
.doc{max-width:760px;background:#fff;padding:24px 48px;border:1px solid #dde1e7}.doc p{margin:0 0 6px}
ul.tree{list-style:none;padding-left:18px;margin:2px 0}ul.tree li{margin:2px 0}
"""
