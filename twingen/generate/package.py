"""Build a twin's sdist and wheel (``python -m build``) and upload them (``twine``).

A twin's version comes from its inputs (``manifest.version_record``), so one version is one build. Before
uploading, ``publish_twin`` reads the index's simple page for the twin: a file of the same name that is the
same build (same bytes, or the same files inside when only packaging metadata differs) is skipped; a
different build under the same name is refused, and nothing is uploaded.
"""

from __future__ import annotations

import email.parser
import hashlib
import html
import importlib.util
import io
import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import httpx

DIST_DIR = "dist"
# wheels take their file times from here, so rebuilding an unchanged twin gives the same wheel
BUILD_EPOCH = "315619200"  # 1980-01-02, the earliest a zip file can say
_HREF = re.compile(r"""<a\s[^>]*href=["']([^"']+)["']""", re.IGNORECASE)
_PYPROJECT_FIELD = re.compile(r'^(name|version) = "([^"]+)"$', re.MULTILINE)
_METADATA_KEPT = ("Name", "Version", "Summary", "Requires-Python", "Requires-Dist", "Provides-Extra")


class PackagingError(Exception):
    """A build or an upload failed; the message carries the tool's output."""


class BuildConflict(PackagingError):
    """The index already holds a different build under a file name this build would upload."""


@dataclass(frozen=True)
class PublishResult:
    uploaded: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    """Already on the index as the same build."""


def _can_build_without_isolation() -> bool:
    """setuptools>=61 reads ``[project]``; setuptools<70.1 needs the separate ``wheel`` package for wheels.

    Without isolation the build uses what is installed and needs no index; otherwise ``build`` makes an
    isolated environment and fetches setuptools from the registry.
    """
    try:
        import setuptools
    except ImportError:
        return False
    major, minor = (int(p) for p in setuptools.__version__.split(".")[:2])
    if (major, minor) < (61, 0):
        return False
    return (major, minor) >= (70, 1) or importlib.util.find_spec("wheel") is not None


def build_twin(twin_dir: Path) -> list[Path]:
    """sdist + wheel into ``twin_dir/dist`` (emptied first, so publish uploads only this build)."""
    if not (twin_dir / "pyproject.toml").is_file():
        raise PackagingError(f"{twin_dir} has no pyproject.toml: not a generated twin")
    dist = twin_dir / DIST_DIR
    shutil.rmtree(dist, ignore_errors=True)
    cmd = [sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", str(dist), str(twin_dir)]
    if _can_build_without_isolation():
        cmd.insert(3, "--no-isolation")
    _run(cmd, "build", {**os.environ, "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", BUILD_EPOCH)})
    # setuptools leaves these beside the sources; they are not part of the twin
    for leftover in (twin_dir / "build", *twin_dir.glob("*.egg-info")):
        shutil.rmtree(leftover, ignore_errors=True)
    built = sorted(p for p in dist.iterdir() if p.suffix in (".whl", ".gz"))
    if not built:
        raise PackagingError(f"build produced nothing in {dist}")
    return built


def publish_twin(
    twin_dir: Path,
    repository_url: str,
    username: str | None = None,
    password: str | None = None,
    index_url: str | None = None,
) -> PublishResult:
    """Upload the twin's build of its current version (building it when ``dist/`` has none) to ``repository_url``.

    ``index_url`` is the index's simple page root (``simple_index_url(repository_url)`` by default), read
    first: a same-named file that is another build raises ``BuildConflict``; one that is this build is skipped.
    """
    name, version = _pyproject_fields(twin_dir)
    files = _built(twin_dir, version) or build_twin(twin_dir)
    user = username or os.environ.get("TWINE_USERNAME", "__token__")
    secret = password if password is not None else os.environ.get("TWINE_PASSWORD", "none")
    with httpx.Client(auth=(user, secret), follow_redirects=True, timeout=60) as client:
        on_index = index_files(client, index_url or simple_index_url(repository_url), name)
        skipped: list[Path] = []
        conflicts: list[Path] = []
        for path in files:
            if path.name in on_index:
                same = _same_build(client, path, *on_index[path.name])
                (skipped if same else conflicts).append(path)
    if conflicts:
        raise BuildConflict(
            f"the index already has a different build of {name} {version}: "
            + ", ".join(p.name for p in conflicts)
            + "; nothing uploaded. A twin's version changes when its inputs do (regenerate with twingen new "
            "NAME --force after changing them); a rebuild of the same inputs by another twingen or build "
            "backend is refused too."
        )
    upload = [p for p in files if p not in skipped]
    if upload:
        cmd = [sys.executable, "-m", "twine", "upload", "--non-interactive", "--repository-url", repository_url]
        # through the environment, not argv, so the password is not visible in the process list; twine insists
        # on a username even for indexes without auth, and pypiserver accepts any when auth is off
        env = {**os.environ, "TWINE_USERNAME": user, "TWINE_PASSWORD": secret}
        _run([*cmd, *(str(f) for f in upload)], "upload", env)
    return PublishResult(upload, skipped)


def simple_index_url(repository_url: str) -> str:
    """Where an upload URL's index lists its files: PyPI and TestPyPI by name, else ``URL/simple/`` (pypiserver)."""
    parts = urlsplit(repository_url)
    if parts.netloc in ("upload.pypi.org", "test.pypi.org") and parts.path.rstrip("/") == "/legacy":
        host = "pypi.org" if parts.netloc == "upload.pypi.org" else "test.pypi.org"
        return f"https://{host}/simple/"
    return repository_url.rstrip("/") + "/simple/"


def index_files(client: httpx.Client, index_url: str, name: str) -> dict[str, tuple[str, str]]:
    """File name -> (URL, sha256 or "") of the project ``name`` on the index; empty when it has no such project."""
    page = index_url.rstrip("/") + "/" + re.sub(r"[-_.]+", "-", name).lower() + "/"
    try:
        answer = client.get(page, headers={"Accept": "text/html"})
    except httpx.HTTPError as exc:
        raise PackagingError(f"cannot read {page} to check for an existing build: {exc}") from exc
    if answer.status_code == 404:
        return {}
    if answer.status_code != 200:
        raise PackagingError(
            f"cannot read {page} to check for an existing build: HTTP {answer.status_code} (give --index-url)"
        )
    files: dict[str, tuple[str, str]] = {}
    for href in _HREF.findall(answer.text):
        url = urljoin(str(answer.url), html.unescape(href))
        base, _, fragment = url.partition("#")
        filename = unquote(urlsplit(base).path.rsplit("/", 1)[-1])
        algorithm, _, digest = fragment.partition("=")
        files[filename] = (base, digest if algorithm == "sha256" else "")
    return files


def _same_build(client: httpx.Client, path: Path, url: str, sha256: str) -> bool:
    local = path.read_bytes()
    if sha256 and sha256 == hashlib.sha256(local).hexdigest():
        return True
    try:
        answer = client.get(url)
        answer.raise_for_status()
    except httpx.HTTPError as exc:
        raise PackagingError(f"cannot download {url} to compare it with {path.name}: {exc}") from exc
    return answer.content == local or _payload(path.name, answer.content) == _payload(path.name, local)


def _payload(filename: str, data: bytes) -> dict[str, bytes]:
    """What an archive ships, without what the build tool adds (file times, generator, egg-info, RECORD)."""
    files: dict[str, bytes] = {}
    if filename.endswith(".whl"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist():
                if info.filename.endswith(".dist-info/METADATA"):
                    files["METADATA"] = _metadata(archive.read(info))
                elif ".dist-info/" not in info.filename and not info.is_dir():
                    files[info.filename] = archive.read(info)
        return files
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:*") as archive:
        for member in archive.getmembers():
            rel = member.name.partition("/")[2]
            reader = archive.extractfile(member) if member.isfile() else None
            if reader is None or rel in ("PKG-INFO", "setup.cfg") or ".egg-info/" in rel:
                continue
            files[rel] = reader.read()
    return files


def _metadata(raw: bytes) -> bytes:
    headers = email.parser.BytesHeaderParser().parsebytes(raw)
    return "\n".join(f"{k}: {v}" for k in _METADATA_KEPT for v in sorted(headers.get_all(k) or ())).encode()


def _pyproject_fields(twin_dir: Path) -> tuple[str, str]:
    """The distribution name and version in the twin's generated pyproject.toml."""
    try:
        text = (twin_dir / "pyproject.toml").read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise PackagingError(f"{twin_dir} has no pyproject.toml: not a generated twin") from exc
    fields = dict(_PYPROJECT_FIELD.findall(text))
    if "name" not in fields or "version" not in fields:
        raise PackagingError(f"{twin_dir / 'pyproject.toml'} has no name or version: not a generated twin")
    return fields["name"], fields["version"]


def _built(twin_dir: Path, version: str) -> list[Path]:
    """The sdist and wheel of ``version`` in ``dist/``; empty unless both are there."""
    dist = twin_dir / DIST_DIR
    found = sorted(p for p in dist.glob("*") if f"-{version}-" in p.name or p.name.endswith(f"-{version}.tar.gz"))
    kinds = {p.suffix for p in found}
    return found if {".whl", ".gz"} <= kinds else []


def _run(cmd: Sequence[str], what: str, env: Mapping[str, str] | None = None) -> None:
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False, env=env)
    if proc.returncode != 0:
        output = (proc.stdout + proc.stderr).strip()
        raise PackagingError(f"{what} failed (exit {proc.returncode}):\n{output[-4000:]}")
