"""The manifest records inputs as given, package versions and generated files, deterministically."""

from __future__ import annotations

import importlib.metadata
import json
from pathlib import Path

from twingen.generate.manifest import package_ref_module, referenced_packages
from twingen.generate.twin import new_twin


def test_package_refs_are_told_apart_from_paths() -> None:
    assert package_ref_module("googleapiclient:drive.v3") == "googleapiclient"
    assert package_ref_module("docs/slack.json") == ""
    assert package_ref_module("C:\\docs\\a.json") == ""
    assert package_ref_module("a/b:c") == ""


def test_referenced_package_versions_come_from_the_installed_distribution() -> None:
    expected = importlib.metadata.version("google-api-python-client")
    assert referenced_packages(["googleapiclient:drive.v3", "x.json"]) == {"google-api-python-client": expected}


def test_manifest_of_a_package_doc_twin(tmp_path: Path) -> None:
    result = new_twin("drive", ["googleapiclient:drive.v3"], tmp_path / "drive", base_dir=tmp_path)
    assert result.report is not None
    manifest = json.loads((tmp_path / "drive" / "twin-manifest.json").read_bytes())
    assert manifest["docs"] == ["googleapiclient:drive.v3"]
    assert manifest["documents"][0]["format"] == "discovery-v1"
    assert len(manifest["documents"][0]["sha256"]) == 64
    assert manifest["packages"] == {"google-api-python-client": importlib.metadata.version("google-api-python-client")}
    assert manifest["generated_files"] == sorted(manifest["generated_files"])
    assert "twin_drive/behaviour/__init__.py" not in manifest["generated_files"]
