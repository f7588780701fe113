"""Resolve ``--docs`` arguments into the documents they name: files, folders and ``PKG:NAME`` references.

A ``PKG:NAME`` reference finds a document shipped inside an installed package (``googleapiclient:drive.v3``
is the Drive discovery document of google-api-python-client). The package is located, never imported:
importing can run arbitrary code and is slow, and all we need is a file on disk.

Symbolic links are followed only while they stay inside the folder that holds them: a link in a docs folder
(or a ``--docs`` path, or a folder on the way to it) that resolves elsewhere is refused with a located error,
as a ``$ref`` reaching outside the docs folder is. A docs folder from someone else cannot make twingen read
``/etc/passwd`` or a private key and copy it into a twin's ``inputs/``. Links to folders inside a docs folder
are not descended into.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from twingen import kits
from twingen.diagnostics import Diagnostics
from twingen.ingest.limits import LINK_OUTSIDE

DOC_SUFFIXES = (".json", ".yaml", ".yml")
PROSE_SUFFIXES = (".md", ".markdown", ".html", ".htm")
KNOWN_SUFFIXES = DOC_SUFFIXES + PROSE_SUFFIXES

# ``googleapiclient:drive.v3``; a Windows drive (``C:\x``) never gets here because real paths win first.
_PACKAGE_REF = re.compile(r"^(?P<pkg>[A-Za-z_][A-Za-z0-9_.\-]*):(?P<name>[A-Za-z0-9_.\-]+)$")


@dataclass(frozen=True)
class Source:
    """One document to load."""

    given: str
    """The document as the user named it (a folder member gets the folder as given joined with its name)."""
    path: Path
    """Absolute path of the file."""
    root: Path
    """The docs folder: relative ``$ref``s may reach files under it and nothing outside it."""
    record_path: str
    """Path to record in the manifest: relative to the base directory, or ``PKG/inside/package``."""
    package: str = ""
    """``google-api-python-client 2.202.0`` for a ``PKG:NAME`` reference."""


def resolve_sources(docs: Sequence[str], base_dir: Path, diags: Diagnostics) -> list[Source]:
    """Every document the arguments name, in argument order, folders expanded (sorted), duplicates dropped."""
    found: list[Source] = []
    seen: dict[Path, str] = {}
    for given in docs:
        for source in _resolve_one(given, base_dir, diags):
            if source.path in seen:
                diags.warn(source.given, "", f"same document as {seen[source.path]!r}; loaded once", "duplicate-doc")
                continue
            seen[source.path] = source.given
            found.append(source)
    return found


def _resolve_one(given: str, base_dir: Path, diags: Diagnostics) -> list[Source]:
    escape = _escaping_link(given, base_dir)
    if escape is not None:
        link, target = escape
        diags.error(
            given,
            "",
            f"{link} is a link to {target}, outside the folder that holds it; refused (name the target "
            "itself if you mean it)",
            LINK_OUTSIDE,
        )
        return []
    path = (base_dir / given).resolve()
    if path.is_file():
        return [Source(given, path, path.parent, _record_path(path, base_dir))]
    if path.is_dir():
        return _resolve_folder(given, path, base_dir, diags)
    match = _PACKAGE_REF.match(given)
    if match:
        return _resolve_package_ref(given, match["pkg"], match["name"], diags)
    diags.error(given, "", "no such file or folder, and not a PKG:NAME reference to an installed package", "no-doc")
    return []


def _resolve_folder(given: str, folder: Path, base_dir: Path, diags: Diagnostics) -> list[Source]:
    entries = sorted(_folder_entries(folder), key=lambda p: p.relative_to(folder).as_posix())
    if not any(entry.is_file() for entry in entries):
        diags.error(given, "", "folder holds no document (.json, .yaml, .yml, .md, .html)", "no-docs")
    prefix = given.rstrip("/\\")
    sources = []
    for entry in entries:
        entry_given = f"{prefix}/{entry.relative_to(folder).as_posix()}"
        target = entry.resolve()  # only the entry itself can be a link: linked folders are never entered
        inside = target.is_relative_to(folder)
        if target.is_dir():
            if not inside:  # nothing was read from it, so the run goes on
                message = f"a link to the folder {target}, outside the docs folder {given!r}; not entered"
                diags.warn(entry_given, "", message, LINK_OUTSIDE)
        elif not inside:
            message = f"a link to {target}, outside the docs folder {given!r}; refused"
            diags.error(entry_given, "", message, LINK_OUTSIDE)
        else:
            sources.append(Source(entry_given, target, folder, _record_path(entry, base_dir)))
    return sources


def _escaping_link(given: str, base_dir: Path) -> tuple[Path, Path] | None:
    """The first link on the way to ``given`` that resolves outside the folder holding it: (link, target).

    A relative ``given`` is checked from ``base_dir`` down (every step is the user's input, or inside it);
    an absolute one only at its last step, since the folders above it (``/tmp`` on macOS) are the machine's.
    """
    typed = Path(given)
    here, steps = (typed.parent, (typed.name,)) if typed.is_absolute() else (base_dir, typed.parts)
    for step in steps:
        if not step:
            continue
        link = here / step
        if link.is_symlink():
            target = link.resolve()
            if not target.is_relative_to(here.resolve()):
                return link, target
        here = link
    return None


def _folder_entries(folder: Path) -> Iterable[Path]:
    """Documents in ``folder`` (and below), and links to folders, which ``rglob`` does not enter."""
    # Files without a document suffix (LICENSE, SHA256SUMS) sit beside vendor docs and are not documents.
    for path in folder.rglob("*"):
        hidden = any(part.startswith(".") for part in path.relative_to(folder).parts)
        linked_folder = path.is_symlink() and path.is_dir()
        if not hidden and (linked_folder or (path.is_file() and path.suffix.lower() in KNOWN_SUFFIXES)):
            yield path


def _record_path(path: Path, base_dir: Path) -> str:
    # Relative, so that a manifest does not depend on where the checkout lives.
    try:
        return Path(os.path.relpath(path, base_dir.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return path.as_posix()


def _resolve_package_ref(given: str, pkg: str, name: str, diags: Diagnostics) -> list[Source]:
    roots, label = _package_roots(pkg)
    if not roots:
        diags.error(given, "", f"no installed package {pkg!r} (looked for a module and a distribution)", "no-package")
        return []
    hits = _find_in_package(roots, pkg, name)
    if not hits:
        wanted = " or ".join(name + s for s in DOC_SUFFIXES)
        diags.error(given, "", f"package {pkg!r} holds no document named {wanted}", "no-doc")
        return []
    # Several hits: the shortest path inside the package is the least surprising (and deterministic).
    root, path = min(hits, key=lambda hit: (len(hit[1].relative_to(hit[0]).parts), hit[1].as_posix()))
    record = f"{root.name}/{path.relative_to(root).as_posix()}"
    return [Source(given, path, path.parent, record, label)]


def _package_roots(pkg: str) -> tuple[list[Path], str]:
    """Folders of an importable package (by module name, else by distribution name) and a version label."""
    roots: list[Path] = []
    dist_name = pkg
    if "." not in pkg:  # a dotted name would import its parent packages
        try:
            spec = importlib.util.find_spec(pkg)
        except (ImportError, ValueError):
            spec = None
        if spec is not None and spec.submodule_search_locations:
            roots = [Path(p) for p in spec.submodule_search_locations]
            dist_name = next(iter(importlib.metadata.packages_distributions().get(pkg, [])), pkg)
    try:
        dist = importlib.metadata.distribution(dist_name)
    except importlib.metadata.PackageNotFoundError:
        return roots, ""
    if not roots:
        tops = {f.parts[0] for f in dist.files or [] if f.suffix in DOC_SUFFIXES and len(f.parts) > 1}
        roots = sorted(Path(str(dist.locate_file(top))) for top in tops)
    return roots, f"{dist.metadata['Name']} {dist.version}"


def _find_in_package(roots: Sequence[Path], pkg: str, name: str) -> list[tuple[Path, Path]]:
    wanted = {name + s for s in DOC_SUFFIXES}
    for root in roots:
        for folder in kits.document_folders(pkg):  # where a kit says the SDK keeps them, before a full search
            for file_name in sorted(wanted):
                if (root / folder / file_name).is_file():
                    return [(root, root / folder / file_name)]
    return [(root, p) for root in roots for p in root.rglob("*") if p.name in wanted and p.is_file()]
