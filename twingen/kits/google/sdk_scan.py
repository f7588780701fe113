"""google-api-python-client adapter: the surface is the Discovery document the client builds itself from.

``googleapiclient.discovery.build("drive", "v3")`` reads ``discovery_cache/documents/drive.v3.json`` and
turns every method into ``service.files().list(...)``. Parameters come from the method's ``parameters``;
the client adds ``body`` for methods with a ``request`` sent by PUT/POST/PATCH and ``media_body`` for
methods with ``mediaUpload`` (``discovery._fix_up_parameters`` / ``_fix_up_media_upload``), and a
``list_next`` pager when ``pageToken``/``nextPageToken`` appear on both sides (``_add_next_methods``).
The document's top-level parameters (``fields``, ``alt``, ``quotaUser``...) are accepted by every
method and are not repeated per method.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from twingen.diagnostics import pointer
from twingen.sdk.locate import package_dir, package_version
from twingen.sdk.surface import ScanError, SdkMethod, SdkParam, SdkParamLocation, SdkSurface, Unresolved

DOCUMENTS_DIR = "googleapiclient/discovery_cache/documents"
_PAYLOAD_VERBS = frozenset({"PUT", "POST", "PATCH"})
_PAGE_TOKENS = ("pageToken", "nextPageToken")


class DocumentNotFound(ScanError):
    """No cached Discovery document by that name."""


def document_names(root: Path | None = None) -> list[str]:
    """``["abusiveexperiencereport.v1", ..., "drive.v3", ...]``: the documents the client ships."""
    root = root if root is not None else package_dir("googleapiclient").parent
    return sorted(p.name.removesuffix(".json") for p in (root / DOCUMENTS_DIR).glob("*.json"))


def scan(document: str, root: Path | None = None) -> SdkSurface:
    """Read the cached Discovery document ``document`` (``drive.v3``)."""
    root = root if root is not None else package_dir("googleapiclient").parent
    rel = f"{DOCUMENTS_DIR}/{document}.json"
    path = root / rel
    if not path.is_file():
        raise DocumentNotFound(f"googleapiclient ships no discovery document {document!r} ({path})")
    doc: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    service_path = "/" + str(doc.get("servicePath", "")).strip("/")
    schemas: Mapping[str, Any] = doc.get("schemas", {})
    methods: list[SdkMethod] = []
    unresolved: list[Unresolved] = []
    for tokens, chain, desc in _walk(doc, ()):
        name = ".".join(chain)
        verb, sub_path = desc.get("httpMethod"), desc.get("path")
        if not isinstance(verb, str) or not isinstance(sub_path, str):
            unresolved.append(Unresolved(name, "method without httpMethod or path", rel))
            continue
        methods.append(
            SdkMethod(
                name=name,
                operation=str(desc.get("id") or f"{doc.get('name', document)}.{name}"),
                http_verb=verb.upper(),
                path=_join(service_path, sub_path),
                params=tuple(_params(desc, verb.upper())),
                paginates=_paginates(desc, schemas),
                file=rel,
                pointer=pointer(*tokens),
            )
        )
    version = package_version("googleapiclient")
    return SdkSurface(f"googleapiclient:{document}", version, "discovery", str(root), tuple(methods), tuple(unresolved))


def _walk(node: Mapping[str, Any], chain: tuple[str, ...]) -> Iterator[tuple[list[str], tuple[str, ...], Any]]:
    """``(pointer tokens, ("files", "list"), method description)`` for every method, depth first."""
    for method_name, desc in sorted(node.get("methods", {}).items()):
        yield ["resources", *_interleave(chain), "methods", method_name], (*chain, method_name), desc
    for resource_name, resource in sorted(node.get("resources", {}).items()):
        yield from _walk(resource, (*chain, resource_name))


def _interleave(chain: tuple[str, ...]) -> list[str]:
    """``("files", "permissions")`` -> ``["files", "resources", "permissions"]`` (nested resource pointer)."""
    tokens: list[str] = []
    for i, name in enumerate(chain):
        tokens.extend([name] if i == 0 else ["resources", name])
    return tokens


def _join(service_path: str, sub_path: str) -> str:
    # A path starting with "/" is relative to the root URL, not to the service path (Discovery rule).
    if sub_path.startswith("/"):
        return sub_path
    return f"{service_path.rstrip('/')}/{sub_path}"


def _params(desc: Mapping[str, Any], verb: str) -> Iterator[SdkParam]:
    for name, param in desc.get("parameters", {}).items():
        location: SdkParamLocation = "path" if param.get("location") == "path" else "query"
        default = param.get("default")
        yield SdkParam(name, bool(param.get("required")), location, "" if default is None else repr(default))
    if verb in _PAYLOAD_VERBS and "request" in desc:
        yield SdkParam("body", False, "body", "None")
    if "mediaUpload" in desc:
        yield SdkParam("media_body", False, "body", "None")


def _paginates(desc: Mapping[str, Any], schemas: Mapping[str, Any]) -> bool:
    response = _properties(desc.get("response"), schemas)
    if not any(t in response for t in _PAGE_TOKENS):
        return False
    request = set(desc.get("parameters", {})) | set(_properties(desc.get("request"), schemas))
    return any(t in request for t in _PAGE_TOKENS)


def _properties(ref: Any, schemas: Mapping[str, Any]) -> Mapping[str, Any]:
    if not isinstance(ref, Mapping) or not isinstance(ref.get("$ref"), str):
        return {}
    props = schemas.get(ref["$ref"], {}).get("properties", {})
    return props if isinstance(props, Mapping) else {}
