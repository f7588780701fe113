"""Escaping spec strings for the generated files' languages: Python, TOML and Markdown.

!!! SECURITY: every function here takes text from a user's (possibly hostile) API document and must
!!! return text that, placed in the named syntactic position, is read back as exactly that data and
!!! never as code or structure. Do not add a filter that "mostly" escapes; do not bypass these in
!!! templates (the jinja environment has autoescape off because none of our outputs are HTML).
"""

from __future__ import annotations

import re

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_TOML_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def _scalar_values(text: str) -> str:
    # Lone surrogates (legal in a Python str, e.g. from a JSON "\ud800") cannot be encoded as UTF-8 or as
    # a TOML/Python escape that round-trips; replace them so the file can be written at all.
    return text.encode("utf-8", "replace").decode("utf-8") if _has_surrogate(text) else text


def _has_surrogate(text: str) -> bool:
    return any(0xD800 <= ord(c) <= 0xDFFF for c in text)


def py_literal(value: str | int | float | bool | None) -> str:
    """SECURITY: a Python literal for ``value``; ``repr`` of str/int/float/bool/None is always a literal.

    ``repr`` escapes quotes, backslashes, newlines and non-printable characters, so a description
    containing ``'''`` or ``"); __import__('os')...`` stays one inert string literal. Floats like
    ``inf``/``nan`` are not literals and are refused.
    """
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        raise ValueError(f"not representable as a Python literal: {value!r}")
    if value is not None and not isinstance(value, (str, int, float, bool)):
        raise TypeError(f"py_literal takes a scalar, got {type(value).__name__}")
    return repr(_scalar_values(value) if isinstance(value, str) else value)


def py_identifier(text: str) -> str:
    """SECURITY: ``text`` unchanged if it is a plain ASCII identifier, else ValueError.

    A guard, not a sanitiser: identifiers come from ``twingen.ir.names``; this refuses anything else
    that would reach code unquoted.
    """
    if not _IDENTIFIER.match(text) or text.startswith("__"):
        raise ValueError(f"refusing to place {text!r} in generated code as an identifier")
    return text


def toml_string(text: str) -> str:
    """SECURITY: a TOML basic string (with quotes) holding exactly ``text``.

    Escapes quote, backslash and every control character (U+0000-U+001F, U+007F) so a value cannot
    close the string, start a new key or a new table. Not ``json.dumps``: JSON leaves DEL raw (invalid
    in TOML) and writes astral characters as surrogate pairs, which TOML forbids.
    """
    out = []
    for ch in _scalar_values(text):
        if ch in _TOML_ESCAPES:
            out.append(_TOML_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def md_text(text: str, limit: int = 200) -> str:
    """SECURITY: ``text`` as one line of inert Markdown, safe inside a table cell.

    Newlines would end the table row, ``|`` would add cells, and raw HTML or backticks would be
    rendered; all are neutralised (HTML-escaped or backslash-escaped). Long text is cut to ``limit``.
    """
    flat = " ".join(_scalar_values(text).split())
    if len(flat) > limit:
        flat = flat[: limit - 1] + "…"
    flat = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for ch in "\\`|*_[]":
        flat = flat.replace(ch, "\\" + ch)
    return flat
