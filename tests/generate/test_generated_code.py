"""Generated code is lint-clean under the twin's own ruff settings, type-checks, and imports."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .apis import generate, pets_api
from .hostile import hostile_api


@pytest.fixture(scope="module")
def twins(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("twins")
    generate(pets_api(), root / "pets")
    generate(hostile_api(root / "MARKER"), root / "hostile")
    return {"pets": root / "pets", "hostile": root / "hostile"}


@pytest.mark.parametrize("name", ["pets", "hostile"])
def test_ruff_check_passes(twins: dict[str, Path], name: str) -> None:
    ruff = shutil.which("ruff")
    assert ruff, "ruff is a test dependency"
    proc = subprocess.run([ruff, "check", "--no-cache", "."], cwd=twins[name], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_mypy_strict_passes_on_generated_package_code(twins: dict[str, Path]) -> None:
    pkg = twins["pets"] / "twin_pets"
    targets = [str(pkg / "__init__.py"), str(pkg / "__main__.py")]
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--follow-imports=silent", *targets],
        cwd=twins["pets"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_package_imports_without_pydantic(twins: dict[str, Path]) -> None:
    code = (
        "import sys, twin_pets, twin_pets.__main__\n"
        "assert twin_pets.TWIN_NAME == 'pets'\n"
        "assert 'pydantic' not in sys.modules\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=twins["pets"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
