"""Build a twin's sdist and wheel (``python -m build``) and upload them (``twine``)."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

DIST_DIR = "dist"


class PackagingError(Exception):
    """A build or an upload failed; the message carries the tool's output."""


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
    _run(cmd, "build")
    # setuptools leaves these beside the sources; they are not part of the twin
    for leftover in (twin_dir / "build", *twin_dir.glob("*.egg-info")):
        shutil.rmtree(leftover, ignore_errors=True)
    built = sorted(p for p in dist.iterdir() if p.suffix in (".whl", ".gz"))
    if not built:
        raise PackagingError(f"build produced nothing in {dist}")
    return built


def publish_twin(
    twin_dir: Path, repository_url: str, username: str | None = None, password: str | None = None
) -> list[Path]:
    """Upload ``dist/`` (building first when it is empty) to the index at ``repository_url``."""
    dist = twin_dir / DIST_DIR
    files = sorted(p for p in dist.glob("*") if p.suffix in (".whl", ".gz")) if dist.is_dir() else []
    if not files:
        files = build_twin(twin_dir)
    cmd = [sys.executable, "-m", "twine", "upload", "--non-interactive", "--repository-url", repository_url]
    # through the environment, not argv, so the password is not visible in the process list; twine insists
    # on a username even for indexes without auth, and pypiserver accepts any when auth is off
    env = {
        **os.environ,
        "TWINE_USERNAME": username or os.environ.get("TWINE_USERNAME", "__token__"),
        "TWINE_PASSWORD": password if password is not None else os.environ.get("TWINE_PASSWORD", "none"),
    }
    _run([*cmd, *(str(f) for f in files)], "upload", env)
    return files


def _run(cmd: Sequence[str], what: str, env: Mapping[str, str] | None = None) -> None:
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False, env=env)
    if proc.returncode != 0:
        output = (proc.stdout + proc.stderr).strip()
        raise PackagingError(f"{what} failed (exit {proc.returncode}):\n{output[-4000:]}")
