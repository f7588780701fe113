"""The intermediate representation (IR): plain, frozen objects that every input format is turned into.

Every named item keeps its wire name (what the vendor sends and expects) and its Python name (a valid,
unique identifier for generated code). JSON Schemas stay JSON Schema (dicts) with internal references
normalised to ``#/components/schemas/NAME`` whatever the input format was.

The IR is serialised to JSON (``twingen.ir.serialize``) and that JSON is the runtime spec a twin loads:
field names here are therefore a contract with ``twingen.runtime``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

JsonSchema = Mapping[str, Any]

ParamLocation = Literal["path", "query", "header", "cookie", "form"]
"""``form`` is one field of a form-encoded or multipart body (Slack sends every argument this way)."""

Vendor = str
"""A vendor kit's name (``twingen.kits``) or ``generic``: selects the runtime's vendor profile (error
envelope, auth extraction, paging defaults) and the kit's behaviour."""

AuthKind = Literal["bearer", "basic", "apikey", "oauth2"]

PagingStyle = Literal["cursor", "offset", "page_token", "link"]
"""cursor: Slack ``cursor``/``response_metadata.next_cursor``; offset: Jira ``startAt``/``maxResults``;
page_token: Google/Jira ``pageToken``/``nextPageToken``; link: Okta ``after`` with ``Link: rel="next"``."""

CrudRole = Literal["create", "read", "list", "update", "replace", "delete"]

DocRole = Literal["served", "set_aside", "prose", "sdk"]


@dataclass(frozen=True)
class Origin:
    """Where an item came from: the document as the user named it and a JSON pointer inside it."""

    file: str
    pointer: str
    source: Literal["docs", "sdk"] = "docs"


@dataclass(frozen=True)
class Parameter:
    name: str
    python_name: str
    location: ParamLocation
    required: bool = False
    schema: JsonSchema = field(default_factory=dict)
    description: str = ""
    deprecated: bool = False


@dataclass(frozen=True)
class RequestBody:
    media_types: tuple[str, ...]
    schema: JsonSchema = field(default_factory=dict)
    required: bool = False


@dataclass(frozen=True)
class Response:
    status: str
    """An HTTP status as a string ("200", "4XX") or "default"."""
    description: str = ""
    media_type: str = "application/json"
    schema: JsonSchema | None = None
    example: Any = None


@dataclass(frozen=True)
class DeclaredError:
    """An error the docs say an operation can return, by the vendor's code (Slack ``channel_not_found``,
    Google reason ``notFound``, Okta ``E0000007``) or only by HTTP status when that is all that is known."""

    code: str
    status: int
    description: str = ""


@dataclass(frozen=True)
class Paging:
    style: PagingStyle
    request_cursor: str = ""
    """Parameter that carries the position: ``cursor``, ``pageToken``, ``startAt``, ``after``."""
    request_limit: str = ""
    """Parameter that carries the page size: ``limit``, ``pageSize``, ``maxResults``."""
    response_next: str = ""
    """Dotted path of the next-position field in the answer: ``response_metadata.next_cursor``."""
    response_items: str = ""
    """Dotted path of the list being paged: ``channels``, ``files``, ``values``, or "" for a bare array."""
    response_total: str = ""


@dataclass(frozen=True)
class MediaUpload:
    """Google Discovery ``mediaUpload``: extra upload paths served beside the method's own path."""

    accept: tuple[str, ...]
    max_size: str
    simple_path: str
    resumable_path: str


@dataclass(frozen=True)
class Operation:
    id: str
    """Wire identifier: Slack method ``chat.postMessage``, Discovery id ``drive.files.list``, operationId."""
    python_name: str
    """snake_case identifier, unique within the Api."""
    method: str
    """Primary HTTP verb, upper case."""
    path: str
    """Full path template as served (base path included): ``/api/chat.postMessage``,
    ``/drive/v3/files/{fileId}``, ``/v4/spreadsheets/{spreadsheetId}:batchUpdate``, ``/v1/{+name}``."""
    also_methods: tuple[str, ...] = ()
    """Other verbs the vendor accepts at the same path for this operation (Slack accepts GET and POST)."""
    parameters: tuple[Parameter, ...] = ()
    request_body: RequestBody | None = None
    responses: tuple[Response, ...] = ()
    errors: tuple[DeclaredError, ...] = ()
    paging: Paging | None = None
    auth: tuple[str, ...] = ()
    """Names of AuthSchemes any one of which is accepted; empty means no auth."""
    scopes: tuple[str, ...] = ()
    summary: str = ""
    description: str = ""
    deprecated: bool = False
    tags: tuple[str, ...] = ()
    media_upload: MediaUpload | None = None
    supports_media_download: bool = False
    origin: Origin = Origin("", "")


@dataclass(frozen=True)
class AuthScheme:
    name: str
    kind: AuthKind
    location: Literal["header", "query", "form", "cookie"] = "header"
    param_name: str = "Authorization"
    prefix: str = ""
    """Token prefix in the header for api keys, e.g. ``SSWS`` (Okta)."""
    scopes: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class Resource:
    """A collection of objects inferred from paths and verbs, and the operations acting on it."""

    name: str
    """Collection name, plural, as it appears in paths (``files``, ``issues``) or in Slack's method family."""
    python_name: str
    collection_path: str
    id_param: str
    """Path (or, for RPC APIs, request) parameter naming one object: ``fileId``, ``channel``."""
    id_field: str = "id"
    """Field of the object that holds its id."""
    parent: str = ""
    """Name of the enclosing resource for nested collections (``permissions`` under ``files``)."""
    operations: Mapping[str, CrudRole] = field(default_factory=dict)
    """Operation id -> the role it plays."""
    schema: str = ""
    """Component schema name of one object, when known."""
    confident: bool = False
    """Only confident inferences get inferred CRUD behaviour at runtime; the rest are stubs."""
    reasons: tuple[str, ...] = ()
    """Why the inference came out as it did, shown by ``twingen inspect``."""


@dataclass(frozen=True)
class DocInput:
    """One input as the user gave it, recorded in the twin's manifest."""

    given: str
    """As typed on the command line: a path, or ``googleapiclient:drive.v3``."""
    path: str
    sha256: str
    format: str
    """``openapi-3.0``, ``openapi-3.1``, ``swagger-2.0``, ``discovery-v1``, ``asyncapi``, ``prose``, ``sdk``."""
    role: DocRole
    version: str = ""
    note: str = ""
    methods: tuple[str, ...] = ()
    """An SDK's public method names, sorted (role ``sdk`` only), so ``twingen diff`` can name added/removed ones."""


@dataclass(frozen=True)
class Api:
    name: str
    title: str
    version: str
    vendor: Vendor
    base_url: str
    """The real service's root URL (``https://slack.com``); informational: twins never call it."""
    operations: tuple[Operation, ...] = ()
    schemas: Mapping[str, JsonSchema] = field(default_factory=dict)
    auth_schemes: tuple[AuthScheme, ...] = ()
    resources: tuple[Resource, ...] = ()
    documents: tuple[DocInput, ...] = ()
    description: str = ""

    def operation(self, op_id: str) -> Operation:
        for op in self.operations:
            if op.id == op_id:
                return op
        raise KeyError(op_id)
