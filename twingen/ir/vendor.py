"""Which vendor profile a twin uses (error envelope, auth extraction, paging defaults).

Decided from what the documents say about themselves: a builder's hint (a Discovery document is
Google's), then the service host, auth schemes and path shapes. Anything unrecognised is ``generic``.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit

from twingen.ir.model import Vendor
from twingen.ir.parts import ApiParts


def detect_vendor(parts: Sequence[ApiParts]) -> Vendor:
    """The vendor of a set of documents; the first document that is recognised decides."""
    for part in parts:
        vendor = _vendor_of(part)
        if vendor != "generic":
            return vendor
    return "generic"


def vendor_reason(parts: Sequence[ApiParts]) -> str:
    """A human-readable why, for ``twingen inspect``."""
    for part in parts:
        vendor = _vendor_of(part)
        if vendor != "generic":
            return f"{part.source or part.title or 'a document'}: {_why(part, vendor)}"
    return "no document names a known vendor's host, auth scheme or path layout"


def _host(part: ApiParts) -> str:
    try:
        return (urlsplit(part.base_url).hostname or "").lower()
    except ValueError:  # a malformed bracketed host ("https://[x]") in the document's servers
        return ""


def _vendor_of(part: ApiParts) -> Vendor:
    if part.vendor_hint is not None:
        return part.vendor_hint
    host = _host(part)
    if host == "slack.com" or host.endswith(".slack.com"):
        return "slack"
    if host.endswith("googleapis.com"):
        return "google"
    if "okta" in host or any(s.kind == "apikey" and s.prefix.upper() == "SSWS" for s in part.auth_schemes):
        return "okta"
    if host.endswith("atlassian.net") or host.endswith("atlassian.com"):
        return "jira"
    if any(op.path.startswith(("/rest/api/", "/rest/agile/")) for op in part.operations):
        return "jira"
    return "generic"


def _why(part: ApiParts, vendor: Vendor) -> str:
    if part.vendor_hint is not None:
        return f"the document format says {vendor}"
    host = _host(part)
    if vendor == "okta" and "okta" not in host:
        return "an api key scheme with the SSWS prefix"
    if vendor == "jira" and not host.endswith(("atlassian.net", "atlassian.com")):
        return "paths under /rest/api/ or /rest/agile/"
    return f"service host {host}"
