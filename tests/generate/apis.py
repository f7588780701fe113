"""Hand-built Apis for generator tests (independent of ingest), and a helper that writes a twin."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from twingen.diagnostics import Diagnostics
from twingen.generate.render import WriteReport, write_twin
from twingen.ir.model import (
    Api,
    AuthScheme,
    DocInput,
    Operation,
    Parameter,
    RequestBody,
    Resource,
    Response,
)

PET = {
    "type": "object",
    "required": ["id"],
    "properties": {
        "id": {"type": "string"},
        "name": {"type": "string"},
        "owner": {"$ref": "#/components/schemas/Owner"},
    },
}
OWNER = {
    "type": "object",
    "properties": {
        "email": {"type": "string", "format": "email"},
        "pets": {"type": "array", "items": {"$ref": "#/components/schemas/Pet"}},  # a cycle
    },
}


def pets_api(name: str = "pets") -> Api:
    """Two resources' worth of operations, one confident resource, a cyclic pair of schemas."""
    ref = {"$ref": "#/components/schemas/Pet"}
    ops = (
        Operation(
            id="listPets",
            python_name="list_pets",
            method="GET",
            path="/v1/pets",
            responses=(Response("200", schema={"type": "array", "items": ref}),),
        ),
        Operation(
            id="createPet",
            python_name="create_pet",
            method="POST",
            path="/v1/pets",
            request_body=RequestBody(("application/json",), ref, required=True),
            responses=(Response("201", schema=ref),),
        ),
        Operation(
            id="getPet",
            python_name="get_pet",
            method="GET",
            path="/v1/pets/{petId}",
            parameters=(Parameter("petId", "pet_id", "path", required=True, schema={"type": "string"}),),
            responses=(Response("200", schema=ref),),
        ),
        Operation(id="ping", python_name="ping", method="GET", path="/v1/ping"),
    )
    resource = Resource(
        name="pets",
        python_name="pets",
        collection_path="/v1/pets",
        id_param="petId",
        operations={"listPets": "list", "createPet": "create", "getPet": "read"},
        schema="Pet",
        confident=True,
        reasons=("POST and GET on /v1/pets, GET on /v1/pets/{petId}",),
    )
    return Api(
        name=name,
        title="Pet Store",
        version="1.0.0",
        vendor="generic",
        base_url="https://pets.example.com",
        operations=ops,
        schemas={"Pet": PET, "Owner": OWNER, "Unused": {"type": "string"}},
        auth_schemes=(AuthScheme("bearer", "bearer"),),
        resources=(resource,),
        documents=(DocInput("pets.json", "pets.json", "0" * 64, "openapi-3.0", "served", "1.0.0"),),
    )


def generate(api: Api, twin_dir: Path, *, force: bool = False, docs: tuple[str, ...] = ("pets.json",)) -> WriteReport:
    """Write ``api`` as a twin; warnings go nowhere (tests that care build their own Diagnostics)."""
    diags = Diagnostics()
    return write_twin(api, twin_dir, name=api.name, docs=docs, base_dir=twin_dir.parent, diags=diags, force=force)


def load_toml(text: str) -> dict[str, Any]:
    """tomllib is 3.11+; twingen supports 3.10, where tests need tomli."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    return tomllib.loads(text)


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` by posix path, for byte-for-byte comparisons."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
