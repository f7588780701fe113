"""What kits recognise documents by: the service host a document names."""

from __future__ import annotations

from urllib.parse import urlsplit

from twingen.ir.parts import ApiParts


def host_of(part: ApiParts) -> str:
    """The lower-case host of the document's service URL, or "" when it names none (or a malformed one)."""
    try:
        return (urlsplit(part.base_url).hostname or "").lower()
    except ValueError:  # a malformed bracketed host ("https://[x]") in the document's servers
        return ""
