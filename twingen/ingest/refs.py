"""``$ref`` handling: find every reference, bring relative-file references in, and repair what cannot resolve.

- Local refs (``#/...``) stay refs, so cycles (Jira, Stripe) cost nothing: nothing is inlined.
- Relative-file refs (``common.yaml#/components/schemas/Pet``) reach files under the docs folder; the target
  is copied into the document's components (renamed on a clash) and the ref rewritten to point there.
- Remote refs (``http(s)://``, or a file outside the docs folder) are never fetched: a located error, and the
  ref becomes ``{}`` (an empty schema) so the rest of the document goes on.
- Dangling refs: a warning. Inside example payloads a ``$ref`` is plain data (Okta's examples hold JSON
  Schemas with their own ``#/definitions/...``): it is reported but never changed.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeAlias
from urllib.parse import unquote

from twingen.diagnostics import Diagnostics, pointer

FileLoader = Callable[[Path], Any]
"""Returns a referenced file's parsed data, or None after reporting why it could not be read."""

# Keys whose value is data, not spec structure, when they appear in a spec object (not as a name).
_DATA_KEYS = frozenset({"example", "default", "enum", "const"})
# Keys whose mapping value is keyed by names (a property called "example" is a schema, not data).
_NAME_MAPS = frozenset(
    {
        "properties",
        "patternProperties",
        "definitions",
        "$defs",
        "schemas",
        "parameters",
        "responses",
        "headers",
        "content",
        "securitySchemes",
        "securityDefinitions",
        "requestBodies",
        "links",
        "callbacks",
        "encoding",
        "paths",
        "pathItems",
        "variables",
        "mapping",
        "resources",  # Discovery: resources and methods by name (a resource may be called "default")
        "methods",
    }
)
_REMOTE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.\-]*:|//)")
# Where a target found at /components/KIND/... (or a Swagger 2.0 global section) is filed.
_SWAGGER_SECTIONS = {"schemas": ("definitions",), "parameters": ("parameters",), "responses": ("responses",)}
_SWAGGER_KINDS = {"definitions": "schemas", "parameters": "parameters", "responses": "responses"}
_NAME_CHARS = re.compile(r"[^A-Za-z0-9._-]+")


LinkedPath: TypeAlias = "tuple[LinkedPath, str | int] | None"
"""A JSON pointer as nested ``(parent, token)`` pairs: extending one is O(1) however deep it is."""


@dataclass(frozen=True)
class RefSite:
    """One ``{"$ref": ...}`` object found in a document."""

    tokens: tuple[str | int, ...]
    """Where the object holding ``$ref`` sits (raw pointer tokens)."""
    ref: str
    holder: dict[str, Any]
    in_data: bool
    """True inside example/default/enum payloads and ``x-`` extensions, where ``$ref`` is plain data."""

    @property
    def pointer(self) -> str:
        return pointer(*self.tokens)


def iter_refs(data: Any, swagger: bool = False) -> Iterator[RefSite]:
    """Every ``$ref`` object in ``data``, in document order; iterative so deep documents cannot overflow."""
    for node, path, in_data in iter_objects(data, swagger):
        ref = node.get("$ref")
        if isinstance(ref, str):
            yield RefSite(unwind(path), ref, node, in_data)


def iter_objects(data: Any, swagger: bool = False) -> Iterator[tuple[dict[str, Any], LinkedPath, bool]]:
    """Every mapping in ``data`` in document order: (mapping, its linked path, whether it is example data)."""
    # Items: (node, path, kind); kind is one of node, names, examples, example, data. Paths are linked
    # (parent, token) pairs, unwound only when needed, so a deep document costs linear time, not quadratic.
    stack: list[tuple[Any, LinkedPath, str]] = [(data, None, "node")]
    while stack:
        node, path, kind = stack.pop()
        if isinstance(node, dict):
            yield node, path, kind == "data"
            children = [(v, (path, k), _child_kind(kind, k, v, swagger)) for k, v in node.items() if k != "$ref"]
            stack.extend(reversed(children))
        elif isinstance(node, list):
            stack.extend((v, (path, i), kind) for i, v in reversed(list(enumerate(node))))


def unwind(path: LinkedPath) -> tuple[str | int, ...]:
    """Pointer tokens of a linked ``(parent, token)`` path."""
    tokens: list[str | int] = []
    while path is not None:
        path, token = path
        tokens.append(token)
    return tuple(reversed(tokens))


def _child_kind(kind: str, key: str, value: Any, swagger: bool) -> str:
    if kind == "data":
        return "data"
    if kind in ("names", "examples"):
        return "example" if kind == "examples" else "node"
    if kind == "example" and key == "value":
        return "data"
    if key in _DATA_KEYS or key.startswith("x-"):
        return "data"
    if key == "examples":
        # OpenAPI 3: a map of Example objects (each may be a real $ref); Swagger 2.0 and 3.1 schemas: data.
        return "examples" if isinstance(value, dict) and not swagger else "data"
    return "names" if key in _NAME_MAPS and isinstance(value, dict) else "node"


def split_ref(ref: str) -> tuple[str, str]:
    """``a.yaml#/x/y`` -> (``a.yaml``, ``/x/y``); the fragment is percent-decoded."""
    file_part, _, fragment = ref.partition("#")
    return file_part, unquote(fragment)


def pointer_tokens(fragment: str) -> list[str]:
    """``/a~1b/c`` -> ``["a/b", "c"]``."""
    if not fragment:
        return []
    return [t.replace("~1", "/").replace("~0", "~") for t in fragment.lstrip("/").split("/")]


def resolve_pointer(data: Any, fragment: str) -> Any:
    """The node a JSON pointer names; LookupError when it names nothing."""
    node = data
    for token in pointer_tokens(fragment):
        if isinstance(node, dict):
            node = node[token]
        elif isinstance(node, list) and token.isdigit():
            node = node[int(token)]
        else:
            raise LookupError(fragment)
    return node


def is_remote(ref: str) -> bool:
    """http(s)://, any other URI scheme, or a network path (``//host/x``)."""
    return bool(_REMOTE.match(ref))


def find_dangling(data: Any, swagger: bool = False) -> list[RefSite]:
    """Local refs that name nothing in ``data``."""
    resolved: dict[str, bool] = {}
    dangling = []
    for site in iter_refs(data, swagger):
        file_part, fragment = split_ref(site.ref)
        if file_part or not site.ref.startswith("#"):
            continue
        if fragment not in resolved:
            try:
                resolve_pointer(data, fragment)
                resolved[fragment] = True
            except (LookupError, ValueError):
                resolved[fragment] = False
        if not resolved[fragment]:
            dangling.append(site)
    return dangling


def check_refs(data: Any, given: str, diags: Diagnostics, swagger: bool = False) -> list[str]:
    """Warn about every dangling local ref (at the pointer where it occurs); return those pointers."""
    found = find_dangling(data, swagger)
    for site in found:
        diags.warn(given, site.pointer, _dangling_message(site), "dangling-ref")
    return [site.pointer for site in found]


def _dangling_message(site: RefSite) -> str:
    if site.in_data:
        return f"$ref {site.ref!r} names nothing; it sits in example data, so it is kept as plain data"
    return f"$ref {site.ref!r} names nothing in the document; replaced by an empty schema"


def repair_refs(
    data: dict[str, Any],
    *,
    given: str,
    path: Path,
    root: Path,
    swagger: bool,
    diags: Diagnostics,
    load_file: FileLoader,
) -> set[Path]:
    """Bundle relative-file refs into ``data``, blank remote and dangling ones; return the files brought in.

    ``data`` is changed in place. Every problem is reported against ``given`` at the pointer of the ref.
    """
    bundler = _Bundler(data, given, path.resolve(), root.resolve(), swagger, diags, load_file)
    for site in list(iter_refs(data, swagger)):
        if site.in_data:
            continue
        bundler.fix(site, path.resolve(), data)
    for site in find_dangling(data, swagger):
        diags.warn(given, site.pointer, _dangling_message(site), "dangling-ref")
        if not site.in_data:
            site.holder.clear()
    return bundler.used_files


class _Bundler:
    """Copies targets of relative-file refs into the main document, following their own refs."""

    def __init__(
        self,
        doc: dict[str, Any],
        given: str,
        path: Path,
        root: Path,
        swagger: bool,
        diags: Diagnostics,
        load_file: FileLoader,
    ) -> None:
        self.doc, self.given, self.path, self.root = doc, given, path, root
        self.swagger, self.diags, self.load_file = swagger, diags, load_file
        self.imported: dict[tuple[Path, str], str] = {}
        self.inlining: set[tuple[Path, str]] = set()
        self.used_files: set[Path] = set()
        self.where = ""  # pointer of the ref in the main document that led here, for messages

    def fix(self, site: RefSite, base: Path, base_data: Any) -> None:
        """Make one ref (found in the file ``base``) usable inside the main document."""
        if base == self.path:
            self.where = site.pointer
        file_part, fragment = split_ref(site.ref)
        if is_remote(site.ref):
            self._blank(site, f"remote $ref {site.ref!r} is never fetched; replaced by an empty schema")
            return
        if not file_part:
            if base != self.path:  # a local ref inside an imported file names something in that file
                self._bring_in(site, base, base_data, fragment)
            return
        target = (base.parent / unquote(file_part)).resolve()
        if not target.is_relative_to(self.root):
            self._blank(site, f"$ref {site.ref!r} reaches outside the docs folder and is never read")
            return
        if target == self.path:
            site.holder.clear()
            site.holder["$ref"] = "#" + fragment
            return
        if not target.is_file():
            self.diags.warn(
                self.given, self.where, f"$ref {site.ref!r}: no such file; replaced by {{}}", "dangling-ref"
            )
            site.holder.clear()
            return
        other = self.load_file(target)
        if other is None:
            site.holder.clear()
            return
        self.used_files.add(target)
        self._bring_in(site, target, other, fragment)

    def _blank(self, site: RefSite, message: str) -> None:
        self.diags.error(self.given, self.where, message, "remote-ref")
        site.holder.clear()

    def _bring_in(self, site: RefSite, file: Path, file_data: Any, fragment: str) -> None:
        key = (file, fragment)
        if key in self.imported:
            site.holder.clear()
            site.holder["$ref"] = self.imported[key]
            return
        try:
            node = resolve_pointer(file_data, fragment)
        except (LookupError, ValueError):
            self.diags.warn(self.given, self.where, f"$ref {site.ref!r} names nothing in {file.name}", "dangling-ref")
            site.holder.clear()
            return
        section = self._section(site.tokens, fragment)
        copied = copy.deepcopy(node)
        if section is None:  # a kind of object components cannot hold (a path item): inline it
            if key in self.inlining:
                self.diags.warn(self.given, self.where, f"$ref {site.ref!r} is a cycle of inlined objects", "ref-cycle")
                site.holder.clear()
                return
            self.inlining.add(key)
            self._fix_all(copied, file)
            self.inlining.discard(key)
            site.holder.clear()
            site.holder.update(copied if isinstance(copied, dict) else {})
            return
        container = self._container(section)
        name = self._free_name(container, fragment, file)
        local = "#" + pointer(*section, name)
        self.imported[key] = local
        container[name] = copied
        self._fix_all(copied, file)
        site.holder.clear()
        site.holder["$ref"] = local

    def _fix_all(self, node: Any, file: Path) -> None:
        file_data = self.load_file(file)
        for inner in list(iter_refs(node, self.swagger)):
            if not inner.in_data:
                self.fix(inner, file, file_data)

    def _section(self, site_tokens: tuple[str | int, ...], fragment: str) -> tuple[str, ...] | None:
        tokens = pointer_tokens(fragment)
        kind = ""
        if len(tokens) >= 3 and tokens[0] == "components":
            kind = tokens[1]
        elif len(tokens) >= 2 and tokens[0] in _SWAGGER_KINDS:
            kind = _SWAGGER_KINDS[tokens[0]]
        elif len(site_tokens) >= 2 and site_tokens[-2] in ("parameters", "responses", "headers"):
            kind = str(site_tokens[-2])
        elif site_tokens and site_tokens[-1] == "requestBody":
            kind = "requestBodies"
        elif len(site_tokens) == 2 and site_tokens[0] == "paths":
            return None
        kind = kind or "schemas"
        if self.swagger:
            return _SWAGGER_SECTIONS.get(kind)
        return ("components", kind)

    def _container(self, section: tuple[str, ...]) -> dict[str, Any]:
        node = self.doc
        for token in section:
            child = node.get(token)
            if not isinstance(child, dict):
                child = node[token] = {}
            node = child
        return node

    def _free_name(self, container: dict[str, Any], fragment: str, file: Path) -> str:
        tokens = pointer_tokens(fragment)
        base = _NAME_CHARS.sub("_", tokens[-1] if tokens else file.stem) or "Imported"
        name, n = base, 1
        while name in container:
            n += 1
            name = f"{base}_{n}"
        return name
