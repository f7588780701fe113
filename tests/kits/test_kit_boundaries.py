"""One vendor, one place: outside ``twingen/kits/NAME/`` no module names a vendor, and every kit is whole."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import twingen
from twingen import kits
from twingen.runtime.vendors import profile_for

ROOT = Path(twingen.__file__).resolve().parent
KITS = ROOT / "kits"


def _vendor_words() -> set[str]:
    words = set()
    for kit in kits.all_kits():
        words.add(kit.name)
        for adapter in kit.sdks:
            words.update(w for w in (adapter.package, adapter.distribution) if w)
    return words


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list):
            # a string expression statement is a docstring or a attribute docstring: prose, not a rule
            found.update(id(s.value) for s in body if isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))
    return found


def _shared_modules() -> list[Path]:
    own = {kit.folder.resolve() for kit in kits.all_kits()}
    return [p for p in sorted(ROOT.rglob("*.py")) if not any(folder in p.resolve().parents for folder in own)]


def test_no_shared_module_names_a_vendor() -> None:
    words = _vendor_words()
    assert {"slack", "google", "okta", "jira", "slack_sdk", "googleapiclient"} <= words
    offenders = []
    for path in _shared_modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        prose = _docstrings(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Constant) or not isinstance(node.value, str) or id(node) in prose:
                continue
            if node.value.lower() in words or node.value.lower().split(":")[0] in words:
                offenders.append(f"{path.relative_to(ROOT.parent)}:{node.lineno}: {node.value!r}")
    assert offenders == []


def test_the_scan_sees_a_vendor_comparison(tmp_path: Path) -> None:
    # the rule above must fail on the if-chains it replaced
    tree = ast.parse('if vendor == "slack":\n    pass\n')
    constants = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and id(n) not in _docstrings(tree)]
    assert "slack" in constants and "slack" in _vendor_words()


@pytest.mark.parametrize("kit", kits.all_kits(), ids=lambda k: k.name)
def test_every_kit_is_whole(kit: kits.Kit) -> None:
    assert kit.folder == KITS / kit.name
    assert (kit.runtime_dir / f"{kit.name}.py").is_file(), "the runtime profile is runtime/NAME.py"
    assert type(profile_for(kit.name)).__module__.endswith(f".vendors.{kit.name}")
    assert kit.error_envelope
    for adapter in kit.sdks:
        module, _, attribute = adapter.scanner.partition(":")
        assert hasattr(importlib.import_module(module), attribute)
        if adapter.driver:
            module, _, attribute = adapter.driver.partition(":")
            assert (KITS.parent.parent / (module.replace(".", "/") + ".py")).is_file()
    assert kits.kit_named(kit.name) is kit


def test_kits_with_behaviour_ship_it_as_a_package() -> None:
    with_behaviour = {kit.name for kit in kits.all_kits() if kit.behaviour_dir.is_dir()}
    assert {"slack", "google"} <= with_behaviour
    for name in with_behaviour:
        assert (KITS / name / "behaviour" / "__init__.py").is_file()


def test_unknown_vendors_get_the_generic_profile_and_rules() -> None:
    assert type(profile_for("nobody")).__name__ == "VendorProfile"
    assert type(profile_for("base")).__name__ == "VendorProfile"
    assert kits.ir_rules("nobody") == kits.IrRules()
    assert kits.kit_for_sdk("nobody") is None
