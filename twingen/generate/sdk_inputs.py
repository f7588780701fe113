"""``--sdk PKG``: merge an installed SDK's surface into the Api and record the SDK as one of the twin's inputs."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Sequence

import orjson

from twingen.diagnostics import Diagnostics
from twingen.ir.model import Api, DocInput
from twingen.ir.resources import infer_resources


def merge_sdks(api: Api, sdks: Sequence[str], diags: Diagnostics) -> Api:
    """``api`` with the operations only the SDKs call added, resources inferred again, and each SDK recorded.

    An SDK that cannot be scanned is a located error (the twin is still made from the docs alone, so the
    user sees every problem in one run).
    """
    from twingen.sdk import ScanError, merge_surface, scan_sdk

    for spec in sdks:
        try:
            surface = scan_sdk(spec)
        except ScanError as exc:
            diags.error(spec, "", str(exc), "sdk-scan")
            continue
        api = merge_surface(api, surface, diags)
        data = surface.to_data()
        data.pop("root", None)  # the site-packages folder differs per machine; the surface read does not
        digest = hashlib.sha256(orjson.dumps(data, option=orjson.OPT_SORT_KEYS)).hexdigest()
        record = DocInput(
            given=spec,
            path=surface.package,
            sha256=digest,
            format="sdk",
            role="sdk",
            version=surface.version,
            note=f"{len(surface.methods)} SDK methods, {len(surface.unresolved)} unresolved",
            methods=tuple(sorted({m.name for m in surface.methods})),
        )
        api = dataclasses.replace(api, documents=(*api.documents, record))
    if sdks:
        api = dataclasses.replace(api, resources=infer_resources(api.operations, api.schemas, api.vendor))
    return api
