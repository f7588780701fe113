"""Model generation: used schemas only, cycles, dotted names, failure as a warning, no timestamps."""

from __future__ import annotations

import dataclasses
import importlib
import sys
from pathlib import Path

import pytest

from twingen.diagnostics import Diagnostics
from twingen.generate.models import generate_models, used_schemas
from twingen.ir.model import Operation, Response

from .apis import generate, pets_api


def test_only_schemas_reachable_from_operations_are_used() -> None:
    assert list(used_schemas(pets_api())) == ["Pet", "Owner"]


def test_cyclic_models_are_generated_without_timestamps(tmp_path: Path) -> None:
    diags = Diagnostics()
    models = generate_models(pets_api(), "HEADER", diags)
    assert not diags.items
    source = models.files["__init__.py"]
    assert source.startswith("# HEADER\n")
    assert "class Pet(BaseModel)" in source and "class Owner(BaseModel)" in source
    assert "timestamp" not in source and "filename:" not in source
    assert models.needs_email_validator


def test_dotted_schema_names_become_modules_that_import(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ref = {"$ref": "#/components/schemas/issuing.card"}
    api = dataclasses.replace(
        pets_api("dotted"),
        operations=(Operation("getCard", "get_card", "GET", "/cards", responses=(Response("200", schema=ref),)),),
        schemas={
            "issuing.card": {"type": "object", "properties": {"holder": {"$ref": "#/components/schemas/person"}}},
            "person": {"type": "object", "properties": {"name": {"type": "string"}}},
        },
        resources=(),
    )
    generate(api, tmp_path / "dotted")
    models = tmp_path / "dotted" / "twin_dotted" / "models"
    assert (models / "issuing.py").is_file()
    monkeypatch.syspath_prepend(str(tmp_path / "dotted"))
    module = importlib.import_module("twin_dotted.models.issuing")
    assert module.Card.model_validate({"holder": {"name": "Ada"}}).holder.name == "Ada"
    for name in [m for m in sys.modules if m.startswith("twin_dotted")]:
        del sys.modules[name]


def test_a_failure_is_a_warning_and_the_twin_is_still_made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import twingen.generate.models as models_module

    def explode(document: object, header: str) -> str:
        raise RuntimeError("boom")

    monkeypatch.setattr(models_module, "_run_codegen", explode)
    diags = Diagnostics()
    models = generate_models(pets_api(), "H", diags)
    assert not models.files
    assert [(d.level, d.code) for d in diags] == [("warning", "models")]
    assert "boom" in diags.items[0].message
    generate(pets_api(), tmp_path / "pets")
    init = (tmp_path / "pets/twin_pets/models/__init__.py").read_text()
    assert "none were generated" in init


def test_no_schemas_gives_an_explanatory_models_package(tmp_path: Path) -> None:
    api = dataclasses.replace(pets_api(), operations=(Operation("ping", "ping", "GET", "/ping"),), resources=())
    diags = Diagnostics()
    assert not generate_models(api, "H", diags).files
    assert not diags.items
