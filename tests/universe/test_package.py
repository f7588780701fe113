"""``twingen universe new``: the ``twin-universe`` distribution rendered from twingen's own universe modules, the
same bytes every time, importable without twingen."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from twingen.cli import cli
from twingen.generate import manifest
from twingen.universe import package_sources
from twingen.universe.package import MANIFEST_NAME, UniverseRenderError, header, read_manifest, write_universe

REPO = Path(__file__).resolve().parents[2]
ROOT = REPO / "generated"
TWINS = ("okta", "slack")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("universe") / "universe"
    write_universe(out, ROOT, TWINS)
    return out


def test_rendering_again_writes_nothing_and_every_file_says_it_is_generated(rendered: Path) -> None:
    again = write_universe(rendered, ROOT, force=True)  # the twins come from the manifest
    assert again.written == [] and again.deleted == [] and again.version == "0.1.0"
    listed = read_manifest(rendered)["generated_files"]  # type: ignore[index]
    on_disk = sorted(p.relative_to(rendered).as_posix() for p in rendered.rglob("*") if p.is_file())
    assert listed == on_disk and MANIFEST_NAME in listed
    for rel in on_disk:
        assert header() in "".join((rendered / rel).read_text(encoding="utf-8").splitlines()[:2]), rel


def test_a_folder_is_not_taken_over_without_force(rendered: Path) -> None:
    with pytest.raises(UniverseRenderError, match="--force"):
        write_universe(rendered, ROOT, TWINS)


def test_other_twins_are_another_version_and_the_files_they_alone_needed_go(tmp_path: Path) -> None:
    out = tmp_path / "universe"
    write_universe(out, ROOT, TWINS)
    fewer = write_universe(out, ROOT, ("okta",), force=True)
    assert fewer.version == "0.1.1"
    assert "twin_universe/kits/slack/universe.py" in fewer.deleted and not (out / "twin_universe/kits/slack").exists()


def test_the_twins_are_pinned_to_their_generated_versions_and_the_entry_points_exist(rendered: Path) -> None:
    lines = (rendered / "pyproject.toml").read_text(encoding="utf-8").splitlines()
    for name in TWINS:
        version = manifest.read_manifest(ROOT / name)["twin_version"]
        assert f'    "twin-{name}=={version}",' in lines
    scripts, plugins = lines.index("[project.scripts]"), lines.index("[project.entry-points.pytest11]")
    assert lines[scripts + 1] == '"twin-universe" = "twin_universe.__main__:main"'
    assert lines[plugins + 1] == '"twin_universe" = "twin_universe.plugin"'
    assert "def main() -> None:" in (rendered / "twin_universe/__main__.py").read_text(encoding="utf-8")


def test_the_carried_modules_are_twingens_with_no_twingen_import_left(rendered: Path) -> None:
    package = rendered / "twin_universe"
    source = (REPO / "twingen/universe/roster.py").read_bytes()
    assert (package / "universe/roster.py").read_bytes() == f"# {header()}\n".encode() + source
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_bytes())):
            if isinstance(node, ast.ImportFrom) and not node.level:
                assert not (node.module or "").startswith("twingen"), path
            elif isinstance(node, ast.Import):
                assert not any(a.name.startswith("twingen") for a in node.names), path


def test_absolute_imports_become_relative_at_the_module_depth() -> None:
    text = package_sources.carried_text("kits/x/universe.py", b"from twingen.ir import names\n", "H")
    assert text == b"# H\nfrom ...ir import names\n"
    text = package_sources.carried_text("universe/a.py", b"from twingen import kits  # the registry\n", "H")
    assert text == b"# H\nfrom .. import kits  # the registry\n"
    with pytest.raises(package_sources.PackageSourceError, match=r"import twingen\.ir"):
        package_sources._imports("universe/a.py", b"import twingen.ir\n")


_WITHOUT_TWINGEN = r"""
import importlib, pkgutil, sys

class NoTwingen:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] == "twingen":
            raise ImportError(f"{name}: twingen is not installed here")

sys.meta_path.insert(0, NoTwingen())
sys.path.insert(0, sys.argv[1])
import twin_universe
for found in pkgutil.walk_packages(twin_universe.__path__, "twin_universe."):
    importlib.import_module(found.name)
from twin_universe import plugin
from twin_universe.universe import adapters
assert adapters.adapter_for("okta").ROLE == "identity" and adapters.adapter_for("nothing") is None
print("plugin stands aside:", not hasattr(plugin, "universe"))
sys.argv = ["twin-universe", "serve", "--help"]
from twin_universe.__main__ import main
main()
"""


def test_the_package_imports_and_runs_its_command_line_without_twingen(rendered: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _WITHOUT_TWINGEN, str(rendered)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    # twingen is installed here, so its own fixture serves and the package's plugin defines none
    assert "plugin stands aside: True" in done.stdout
    assert "Usage: twin-universe serve" in done.stdout and "[default: okta, slack]" in done.stdout


def test_twingen_universe_new_says_what_it_wrote(tmp_path: Path) -> None:
    args = ["universe", "new", "--twin", "okta", "--root", str(ROOT), "--out", str(tmp_path / "u")]
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 0, first.output
    assert "twin-universe 0.1.0 (twin-okta==" in first.output and ", 0 unchanged, 0 deleted" in first.output
    second = CliRunner().invoke(cli, [*args, "--force"])
    assert "0 written," in second.output and "build it with" not in second.output
