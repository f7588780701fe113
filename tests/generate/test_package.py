"""A built twin installs into a fresh venv without twingen and serves; publishing reaches a real index."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from twingen.generate.package import BuildConflict, build_twin, publish_twin, simple_index_url
from twingen.generate.twin import new_twin

from .golden import generate_case
from .serving import free_port, running

pytestmark = [pytest.mark.slow, pytest.mark.network_loopback]

ABSENT = ("twingen", "anthropic", "libcst", "datamodel_code_generator", "pydantic")
# nothing from this interpreter's environment or the checkout may leak into the venv's imports
CLEAN_ENV = {"PYTHONPATH": "", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
NEW_BUILD = ("-py3-none-any.whl", ".tar.gz")


@pytest.fixture(scope="module")
def twin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path, _ = generate_case("notes", tmp_path_factory.mktemp("twin"))
    return path


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", str(root)], check=True)
    yield root


def _bin(venv: Path, name: str) -> str:
    return str(venv / ("Scripts" if os.name == "nt" else "bin") / name)


def _pip(venv: Path, *args: str) -> None:
    proc = subprocess.run(
        [_bin(venv, "python"), "-m", "pip", "install", "--quiet", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **CLEAN_ENV},
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _assert_serves(venv: Path, cwd: Path) -> None:
    code = (
        f"import importlib.util as u; missing = [m for m in {ABSENT!r} if u.find_spec(m)]; assert not missing, missing"
    )
    proc = subprocess.run([_bin(venv, "python"), "-c", code], cwd=cwd, capture_output=True, text=True, env=CLEAN_ENV)
    assert proc.returncode == 0, proc.stderr
    port = free_port()
    with running([_bin(venv, "twin-notes"), "serve", "--port", str(port)], port, cwd=str(cwd), env=CLEAN_ENV) as base:
        assert httpx.get(f"{base}/_twin/health").status_code == 200
        assert httpx.get(f"{base}/_twin/coverage").json()["operations"]


def test_wheel_installs_in_a_fresh_venv_and_serves(twin: Path, venv: Path, tmp_path: Path) -> None:
    built = build_twin(twin)
    assert sorted(p.name for p in built) == ["twin_notes-0.1.0-py3-none-any.whl", "twin_notes-0.1.0.tar.gz"]
    assert not (twin / "build").exists() and not list(twin.glob("*.egg-info"))
    _pip(venv, str(twin / "dist" / "twin_notes-0.1.0-py3-none-any.whl"))
    _assert_serves(venv, tmp_path)


@contextlib.contextmanager
def _index(packages: Path) -> Iterator[str]:
    """A local pypiserver over ``packages`` that, unlike PyPI, lets an upload overwrite a file."""
    packages.mkdir(exist_ok=True)
    port = free_port()
    server = subprocess.Popen(
        ["pypi-server", "run", "-p", str(port), "-i", "127.0.0.1", "-a", ".", "-P", ".", "-o", str(packages)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        index = f"http://127.0.0.1:{port}"
        _wait_for(f"{index}/simple/")
        yield index
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_publish_to_a_local_index_and_install_back(twin: Path, venv: Path, tmp_path: Path) -> None:
    packages = tmp_path / "packages"
    with _index(packages) as index:
        result = publish_twin(twin, f"{index}/")
        assert {p.name for p in result.uploaded} == {p.name for p in packages.iterdir()} and not result.skipped
        subprocess.run([_bin(venv, "python"), "-m", "pip", "uninstall", "--yes", "--quiet", "twin-notes"], check=False)
        _pip(venv, "--index-url", f"{index}/simple/", "--extra-index-url", "https://pypi.org/simple/", "twin-notes")
        _assert_serves(venv, tmp_path)


def test_publish_skips_the_same_build_and_refuses_another_of_the_same_version(tmp_path: Path) -> None:
    twin, _ = generate_case("notes", tmp_path / "case")
    packages = tmp_path / "packages"
    with _index(packages) as index:
        assert len(publish_twin(twin, f"{index}/").uploaded) == 2
        on_index = {p.name: p.read_bytes() for p in packages.iterdir()}
        build_twin(twin)  # a rebuild of the same inputs: the same build
        again = publish_twin(twin, f"{index}/")
        assert not again.uploaded and sorted(p.name for p in again.skipped) == sorted(on_index)

        # behaviour edited without regenerating: still 0.1.0, but another build
        (twin / "twin_notes" / "behaviour" / "extra.py").write_text("X = 1\n")
        build_twin(twin)
        with pytest.raises(BuildConflict, match=r"different build of twin-notes 0\.1\.0: twin_notes-0\.1\.0"):
            publish_twin(twin, f"{index}/")
        assert {p.name: p.read_bytes() for p in packages.iterdir()} == on_index  # nothing overwritten

        # regenerated, the twin is 0.1.1 and publishes beside 0.1.0
        assert new_twin("notes", (), twin, force=True).report is not None
        result = publish_twin(twin, f"{index}/")
        assert sorted(p.name for p in result.uploaded) == [
            "twin_notes-0.1.1-py3-none-any.whl",
            "twin_notes-0.1.1.tar.gz",
        ]
        assert len(list(packages.iterdir())) == 4


def test_the_simple_index_of_an_upload_url() -> None:
    assert simple_index_url("https://upload.pypi.org/legacy/") == "https://pypi.org/simple/"
    assert simple_index_url("https://test.pypi.org/legacy/") == "https://test.pypi.org/simple/"
    assert simple_index_url("http://127.0.0.1:8080/") == "http://127.0.0.1:8080/simple/"


def _wait_for(url: str) -> None:
    import time

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=1).status_code < 500:
                return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise AssertionError(f"{url} did not answer")
