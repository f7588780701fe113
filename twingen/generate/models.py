"""Pydantic v2 models for the schemas a twin uses, made by datamodel-code-generator.

What datamodel-code-generator cannot do alone is handled before it runs: the IR already holds every
input (Swagger 2.0 ``definitions``, Discovery schemas) as OpenAPI 3 ``components/schemas``; dotted names
(Stripe) come back as several modules, which we write under ``models/``; GitHub's numbered collision
names are accepted as they come (its output is deterministic for a given input order). Models are
optional for the runtime, so any failure here is a warning and the twin is still produced.
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from twingen.diagnostics import Diagnostics
from twingen.generate.defaults import without_bad_defaults
from twingen.ir.model import Api, JsonSchema

_REF_PREFIX = "#/components/schemas/"
_MODULE_PART = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_SURROGATE = re.compile("[\ud800-\udfff]")
_TIMESTAMP = re.compile(r"^#\s+timestamp:.*\n", re.MULTILINE)


@dataclass(frozen=True)
class ModelFiles:
    """Module path inside ``models/`` (posix, e.g. ``__init__.py``, ``v1/issuing.py``) -> source."""

    files: Mapping[str, str] = field(default_factory=dict)
    needs_email_validator: bool = False
    skipped_reason: str = ""


def used_schemas(api: Api) -> dict[str, JsonSchema]:
    """The component schemas reachable from operations and resources, in the Api's schema order."""
    pending: list[Any] = []
    for op in api.operations:
        pending.extend(p.schema for p in op.parameters)
        if op.request_body is not None:
            pending.append(op.request_body.schema)
        pending.extend(r.schema for r in op.responses if r.schema is not None)
    reached = {res.schema for res in api.resources if res.schema in api.schemas}
    pending.extend(api.schemas[name] for name in reached)
    # An explicit stack, not recursion: hostile or generated specs can nest thousands of levels deep.
    while pending:
        for ref in _refs(pending.pop()):
            name = ref[len(_REF_PREFIX) :]
            if name in api.schemas and name not in reached:
                reached.add(name)
                pending.append(api.schemas[name])
    return {name: schema for name, schema in api.schemas.items() if name in reached}


def _refs(root: Any) -> Iterator[str]:
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, Mapping):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith(_REF_PREFIX):
                yield ref
            stack.extend(node.values())
        elif isinstance(node, (list, tuple)):
            stack.extend(node)


def generate_models(api: Api, header: str, diags: Diagnostics) -> ModelFiles:
    """Run datamodel-code-generator on the used schemas; on any failure warn and return no files."""
    schemas = used_schemas(api)
    if not schemas:
        return ModelFiles(skipped_reason="the operations reference no component schemas")
    where = api.documents[0].given if api.documents else api.name
    schemas = without_bad_defaults(schemas, where, diags)
    is_31 = any(doc.format == "openapi-3.1" for doc in api.documents)
    document = {
        "openapi": "3.1.0" if is_31 else "3.0.3",
        "info": {"title": "models", "version": "0"},
        "paths": {},
        "components": {"schemas": _valid_unicode(schemas)},
    }
    try:
        result = _run_codegen(document, header)
        files = _checked_files(result, header)
    except Exception as exc:  # datamodel-code-generator raises many kinds; models are optional
        diags.warn(where, "/components/schemas", f"models not generated: {type(exc).__name__}: {exc}"[:500], "models")
        return ModelFiles(skipped_reason="datamodel-code-generator failed on these schemas")
    needs_email = any("EmailStr" in src or "NameEmail" in src for src in files.values())
    return ModelFiles(files=files, needs_email_validator=needs_email)


def _valid_unicode(schemas: dict[str, JsonSchema]) -> Any:
    """Lone surrogates (from a JSON ``"\\ud800"`` escape) make datamodel-code-generator fail writing UTF-8."""
    text = json.dumps(schemas, ensure_ascii=False)
    return json.loads(text.encode("utf-8", "replace")) if _SURROGATE.search(text) else schemas


def _run_codegen(document: dict[str, Any], header: str) -> str | Mapping[tuple[str, ...], str]:
    import datamodel_code_generator as dcg  # heavy import; only needed when generating models
    from datamodel_code_generator.enums import DataModelType, InputFileType
    from datamodel_code_generator.format import Formatter, PythonVersion

    with warnings.catch_warnings():
        # it warns about formats it does not know (Okta's base64, ...); pytest runs with warnings as errors
        warnings.simplefilter("ignore")
        result = dcg.generate(
            document,
            input_file_type=InputFileType.OpenAPI,
            output_model_type=DataModelType.PydanticV2BaseModel,
            target_python_version=PythonVersion.PY_310,
            # the builtin formatter does not depend on black/ruff being installed, so output is the same
            # in every environment (regenerating a committed twin must change no byte)
            formatters=[Formatter.BUILTIN],
            disable_timestamp=True,
            # constraints as Annotated[..., Field(...)] instead of constr(...) calls, which type checkers reject
            field_constraints=True,
            use_annotated=True,
            set_default_enum_member=True,
            custom_file_header=f"# {header}",
        )
    if result is None:
        raise RuntimeError("datamodel-code-generator returned nothing")
    return result


def _checked_files(result: str | Mapping[tuple[str, ...], str], header: str) -> dict[str, str]:
    """Module paths are checked to be plain identifiers (no ``..``) and every source must compile."""
    raw = {("__init__.py",): result} if isinstance(result, str) else dict(result)
    files: dict[str, str] = {}
    for parts, source in raw.items():
        stems = [p.removesuffix(".py") for p in parts]
        if not parts or not parts[-1].endswith(".py") or not all(_MODULE_PART.match(s) for s in stems):
            raise ValueError(f"unexpected module path from datamodel-code-generator: {parts!r}")
        text = _TIMESTAMP.sub("", source)
        if not text.startswith(f"# {header}"):
            text = f"# {header}\n{text}"
        text = text.rstrip("\n") + "\n"
        path = "/".join(parts)
        compile(text, f"models/{path}", "exec")  # syntax only; nothing is executed
        files[path] = text
    # modular output may omit package initialisers for intermediate folders
    for path in list(files):
        parent = path.rpartition("/")[0]
        while parent:
            files.setdefault(f"{parent}/__init__.py", f"# {header}\n")
            parent = parent.rpartition("/")[0]
    files.setdefault("__init__.py", f"# {header}\n")
    return dict(sorted(files.items()))
