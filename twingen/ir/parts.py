"""What one input document contributes to an Api, before documents are merged and inference runs.

Every builder (OpenAPI, Discovery) returns ``ApiParts``; ``twingen.ir.assemble`` merges a sequence of
them into one ``Api``. Kept format-neutral on purpose: nothing here knows where the parts came from.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from twingen.ir.model import AuthScheme, JsonSchema, Operation


@dataclass(frozen=True)
class ApiParts:
    """Operations, schemas and auth schemes read from one document, with its descriptive fields."""

    operations: tuple[Operation, ...] = ()
    schemas: Mapping[str, JsonSchema] = field(default_factory=dict)
    """Component schemas by name; references inside are ``#/components/schemas/NAME``."""
    auth_schemes: tuple[AuthScheme, ...] = ()
    title: str = ""
    version: str = ""
    base_url: str = ""
    """Root URL of the real service as the document states it (server variables filled with defaults)."""
    description: str = ""
    source: str = ""
    """The document as the user named it, for diagnostics raised while merging."""
    doc_format: str = ""
    """The document's format as loading named it (``discovery-v1``): some formats alone identify a vendor."""
