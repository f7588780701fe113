"""``twin-manifest.json``: how a twin was made, enough to make it again byte for byte.

It records the ``--docs`` arguments as the user typed them (and the folder they were relative to, as a
path relative to the twin), each document's hash and format (an SDK's with its method names), the versions
of installed packages that documents and SDKs were taken from (``googleapiclient:drive.v3``, ``slack_sdk``;
also written as ``constraints.txt``), the twingen version, the twin's version with the digest of the inputs
it was made from, and the files twingen generated (the only files ``--force`` may delete). No timestamps,
sorted keys: regenerating an unchanged twin rewrites identical bytes.

The twin's version: ``FIRST_TWIN_VERSION`` for a new twin; on regeneration the same version when the inputs
digest (the Api as read from the documents and SDKs, the ``behaviour/`` folder, the twingen version) is
the one recorded, else the next patch version. So a changed twin never reuses a published version.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from pathlib import Path, PurePosixPath
from typing import Any

import orjson

import twingen
from twingen import kits
from twingen.ir import names, serialize
from twingen.ir.model import Api, DocInput

MANIFEST_NAME = "twin-manifest.json"
CONSTRAINTS_NAME = "constraints.txt"
FORMAT_VERSION = 1
FIRST_TWIN_VERSION = "0.1.0"
_RELEASE = re.compile(r"(\d+)\.(\d+)\.(\d+)\Z")


class ManifestError(Exception):
    """The manifest is missing or not one twingen wrote."""


def package_ref_module(given: str) -> str:
    """``googleapiclient:drive.v3`` -> ``googleapiclient``; "" for a file or folder path."""
    head, sep, _ = given.partition(":")
    if not sep or "/" in head or "\\" in head or len(head) == 1:  # a path, or a Windows drive letter
        return ""
    return head if head.replace("_", "a").replace(".", "a").isalnum() else ""


def referenced_packages(givens: Iterable[str], sdks: Iterable[str] = ()) -> dict[str, str]:
    """Distribution name -> installed version, for every package a document (or an SDK) was taken from."""
    modules = [package_ref_module(given) for given in givens] + [sdk.partition(":")[0] for sdk in sdks]
    if not any(modules):
        return {}
    by_module = importlib.metadata.packages_distributions()
    versions: dict[str, str] = {}
    for module in (m.split(".")[0] for m in modules if m):
        for dist in by_module.get(module, []):
            try:
                versions[dist] = importlib.metadata.version(dist)
            except importlib.metadata.PackageNotFoundError:
                continue
    return dict(sorted(versions.items()))


def _document_record(doc: DocInput, base_dir: Path) -> dict[str, Any]:
    record = asdict(doc)
    path = Path(doc.path)
    if path.is_absolute():
        # relative to the docs folder when inside it, so the manifest is the same on every machine
        with contextlib.suppress(ValueError):
            record["path"] = path.resolve().relative_to(base_dir.resolve()).as_posix()
    return record


def build_manifest(
    api: Api,
    name: str,
    docs: Sequence[str],
    base_dir: Path,
    twin_dir: Path,
    header: str,
    generated_files: Iterable[str],
    *,
    packages: dict[str, str],
    version: dict[str, Any],
) -> bytes:
    """The manifest's bytes; ``generated_files`` are posix paths relative to the twin folder; ``packages`` is
    ``twin_packages(api)`` and ``version`` is ``version_record(...)``, as pyproject.toml got them."""
    data = {
        "_generated": header,
        "manifest_version": FORMAT_VERSION,
        "name": name,
        "twingen_version": twingen.__version__,
        "docs": list(docs),
        "sdks": [d.given for d in api.documents if d.role == "sdk"],
        "docs_base_dir": Path(os.path.relpath(base_dir.resolve(), twin_dir.resolve())).as_posix(),
        "documents": [_document_record(d, base_dir) for d in api.documents],
        "packages": packages,
        "generated_files": sorted({*generated_files, MANIFEST_NAME}),
        **version,
    }
    return orjson.dumps(data, option=orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2) + b"\n"


def twin_packages(api: Api) -> dict[str, str]:
    """The installed packages the twin's documents and SDKs came from: the manifest's ``packages``."""
    givens = [d.given for d in api.documents if d.role != "sdk"]
    return referenced_packages(givens, [d.given for d in api.documents if d.role == "sdk"])


def behaviour_folder(twin_dir: Path, name: str) -> Path:
    """``twin_NAME/behaviour/``: kept across regenerations, and part of what a twin's version is derived from."""
    return twin_dir / names.package_name(name) / "behaviour"


def constraints_text(header: str, packages: dict[str, str]) -> str:
    """``constraints.txt``: the packages pinned, for ``pip install -c`` (CI installs the SDKs a twin was made with)."""
    lines = [f"# {header}", "# the SDK and document packages this twin was made with: pip install -c constraints.txt"]
    return "\n".join([*lines, *(f"{dist}=={version}" for dist, version in sorted(packages.items()))]) + "\n"


def inputs_digests(api: Api, behaviour_dir: Path) -> dict[str, str]:
    """What the twin is made of, each as a digest: the Api (documents and SDK surfaces as read), behaviour, the
    runtime it carries (twingen's own and its vendor kit's profile: twingen's version alone moves too rarely to
    tell two builds apart), twingen."""
    return {
        "api": _api_digest(api),
        "behaviour": folder_digest(behaviour_dir),
        "runtime": _runtime_digest(api.vendor),
        "twingen": twingen.__version__,
    }


def _runtime_digest(vendor: str) -> str:
    kit = kits.kit_named(vendor)
    parts = [folder_digest(Path(twingen.__file__).resolve().parent / "runtime")]
    parts.append(folder_digest(kit.runtime_dir) if kit is not None else "")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def version_record(api: Api, twin_dir: Path, behaviour_dir: Path) -> dict[str, Any]:
    """``twin_version``, ``inputs_digest`` and ``inputs`` for the manifest, against the manifest in ``twin_dir``.

    Same digest as recorded: the recorded version; another digest: the next patch version; no manifest (a
    new twin): ``FIRST_TWIN_VERSION``; a manifest from before versions were derived: the patch after its 0.1.0.
    """
    inputs = inputs_digests(api, behaviour_dir)
    digest = hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()
    try:
        previous: dict[str, Any] | None = read_manifest(twin_dir)
    except ManifestError:
        previous = None
    if previous is None:
        version = FIRST_TWIN_VERSION
    else:
        recorded = previous.get("twin_version")
        recorded = recorded if isinstance(recorded, str) and _RELEASE.match(recorded) else ""
        if recorded and previous.get("inputs_digest") == digest:
            version = recorded
        else:
            major, minor, patch = (int(part) for part in (recorded or FIRST_TWIN_VERSION).split("."))
            version = f"{major}.{minor}.{patch + 1}"
    return {"twin_version": version, "inputs_digest": digest, "inputs": inputs}


def folder_digest(folder: Path) -> str:
    """sha256 over every file under ``folder`` (path and content; caches and hidden files left out); "" if none."""
    if not folder.is_dir():
        return ""
    sha = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder).as_posix()
        if any(part == "__pycache__" or part.startswith(".") for part in rel.split("/")) or path.suffix == ".pyc":
            continue
        sha.update(f"{rel}\0{hashlib.sha256(path.read_bytes()).hexdigest()}\n".encode())
    return sha.hexdigest()


def _api_digest(api: Api) -> str:
    data = serialize.to_data(api)
    try:
        text = orjson.dumps(data, option=orjson.OPT_SORT_KEYS)
    except orjson.JSONEncodeError:  # deeper than orjson goes, or lone surrogates: as spec.json is written
        text = json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8", "replace")
    return hashlib.sha256(text).hexdigest()


def read_manifest(twin_dir: Path) -> dict[str, Any]:
    """The parsed manifest of the twin in ``twin_dir``."""
    path = twin_dir / MANIFEST_NAME
    try:
        data = orjson.loads(path.read_bytes())
    except FileNotFoundError as exc:
        raise ManifestError(f"{path} not found: not a twin generated by twingen") from exc
    except orjson.JSONDecodeError as exc:
        raise ManifestError(f"{path} is not valid JSON: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("docs"), list):
        raise ManifestError(f"{path} is not a twingen manifest")
    return data


def manifest_docs(twin_dir: Path) -> tuple[list[str], Path]:
    """The ``--docs`` arguments and the folder they are relative to, to regenerate the twin."""
    data = read_manifest(twin_dir)
    docs = [str(d) for d in data["docs"]]
    base = twin_dir / str(data.get("docs_base_dir", "."))
    return docs, base.resolve()


def manifest_sdks(twin_dir: Path) -> list[str]:
    """The ``--sdk`` arguments the twin was made with."""
    sdks = read_manifest(twin_dir).get("sdks", [])
    return [str(s) for s in sdks] if isinstance(sdks, list) else []


def previously_generated(twin_dir: Path) -> list[PurePosixPath]:
    """Files the last generation wrote (empty when there is no readable manifest)."""
    try:
        data = read_manifest(twin_dir)
    except ManifestError:
        return []
    files = data.get("generated_files", [])
    return [PurePosixPath(str(f)) for f in files] if isinstance(files, list) else []
