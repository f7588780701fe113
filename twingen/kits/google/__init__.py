"""Google APIs (Drive v3 today): Discovery documents, google-api-python-client, and Drive's behaviour."""

from __future__ import annotations

from pathlib import Path

from twingen.ingest.discovery import DISCOVERY_FORMAT
from twingen.ir.parts import ApiParts
from twingen.kits.host import host_of
from twingen.kits.kit import Kit, SdkAdapter, SuiteAdapter


def _recognise(part: ApiParts) -> str | None:
    if part.doc_format == DISCOVERY_FORMAT:
        return "a Google Discovery document"
    host = host_of(part)
    return f"service host {host}" if host.endswith("googleapis.com") else None


KIT = Kit(
    name="google",
    folder=Path(__file__).parent,
    recognise=_recognise,
    error_envelope='{"error": {"code", "message", "errors": [{"domain", "reason", "message"}], "status"}}',
    error_code="twingen.kits.google.oracle:error_code",
    sdks=(
        SdkAdapter(
            package="googleapiclient",
            scanner="twingen.kits.google.sdk_scan:scan",
            driver="twingen.kits.google.check.driver:GoogleDriver",
            needs_document=True,
            document_folders=("discovery_cache/documents",),
            distribution="google-api-python-client",
        ),
    ),
    suites=(SuiteAdapter(name="gspread", driver="twingen.kits.google.suite:GspreadSuite"),),
    requirements=("formulas>=1.3", "openpyxl>=3.1", "python-docx>=1.1"),  # Sheets formulas, xlsx and docx export
)
