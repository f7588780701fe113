"""Glue from ``--docs`` arguments to one ``Api``: load, build parts per served document, assemble.

The ingest and assembly modules are imported inside the function: they are large, and this module must
import (for the CLI's ``--help``, for tests with hand-built Apis) whatever state they are in.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from twingen.diagnostics import Diagnostics
from twingen.ir.model import Api

OPENAPI_PREFIXES = ("openapi-", "swagger-")
DISCOVERY_FORMAT = "discovery-v1"


def api_from_docs(
    name: str, docs: Sequence[str], base_dir: Path | None = None, sdks: Sequence[str] = ()
) -> tuple[Api | None, Diagnostics]:
    """The Api described by ``docs`` (paths relative to ``base_dir``), or None when nothing can be served.

    Documents twingen does not serve (AsyncAPI, prose) are loaded and kept in ``Api.documents`` by the
    loader's roles; each served document contributes one set of parts. ``sdks`` (``slack_sdk``,
    ``googleapiclient:drive.v3``) add the operations only the SDK calls.
    """
    from twingen.ingest.pipeline import load_documents
    from twingen.ir.assemble import assemble

    loaded, diags = load_documents(list(docs), base_dir=base_dir)
    parts: list[Any] = []
    for doc in loaded:
        if doc.input.role != "served" or doc.data is None:
            continue
        fmt = doc.input.format
        if fmt.startswith(OPENAPI_PREFIXES):
            from twingen.ingest.openapi import build_from_openapi

            parts.append(build_from_openapi(doc.data, doc.input.given, diags))
        elif fmt == DISCOVERY_FORMAT:
            from twingen.ingest.discovery import build_from_discovery

            parts.append(build_from_discovery(doc.data, doc.input.given, diags))
        else:
            diags.warn(doc.input.given, "", f"documents of format {fmt!r} are not served yet", "unsupported-format")
    if not parts:
        if not diags.has_errors:
            where = docs[0] if docs else "--docs"
            diags.error(where, "", "no document that twingen can serve (OpenAPI, Swagger 2.0, Discovery)", "no-api")
        return None, diags
    api = assemble(name, parts, tuple(d.input for d in loaded), diags)
    if sdks:
        from twingen.generate.sdk_inputs import merge_sdks

        api = merge_sdks(api, sdks, diags)
    return api, diags
