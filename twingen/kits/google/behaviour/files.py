"""``files.*``: create (metadata and uploads), get (metadata and ``alt=media``), list, update, copy,
delete, emptyTrash, generateIds, export."""

from __future__ import annotations

import mimetypes
from typing import Any

from ..runtime import Context, Response, behaviour
from ..runtime.clock import BASE64URL_ALPHABET
from . import _errors as err
from ._content import EDITORS, copy_content, import_content, importable, store_content
from ._fields import Mask
from ._files_model import FOLDER, ROLE_RANK, WRITER, is_google_type, record_change, role_of, user
from ._files_ops import apply_metadata, check_body, check_parent, delete_tree, move, new_file, readable, touch
from ._listing import candidate, listable, sort_key
from ._paging import fingerprint, paginate, parse_order
from ._query import QueryError, QueryScope, QueryTooDeep, parse_query
from ._render import render_file
from ._request import caller, mask_of, p_int, p_str, shape
from ._upload import Upload, incomplete, read_upload, receive_chunk, resumable_type
from .approvals import content_changed
from .labels import label_info
from .media import download

DEFAULT_FILE = "kind,id,name,mimeType,resourceKey"
DEFAULT_LIST = f"kind,nextPageToken,incompleteSearch,files({DEFAULT_FILE})"


def _file_answer(ctx: Context, record: dict[str, Any], me: str, mask: Mask | None = None) -> dict[str, Any]:
    """A file as ``me`` sees it, with ``labelInfo`` when the request names labels (``includeLabels``); with
    ``mask``, only what the mask can keep is built."""
    wanted = None if mask is None or "*" in mask else mask.keys()
    out = render_file(ctx.state, record, me, ctx.base_url, wanted)
    info = label_info(ctx, record, me)
    if info is not None:
        out["labelInfo"] = info
    return out


def new_file_id(ctx: Context) -> str:
    """Drive-looking ids: 33 URL-safe characters starting with ``1`` (repeatable under ``serve --seed``)."""
    return ctx.new_id("1", length=32, alphabet=BASE64URL_ALPHABET)


def _guess_type(name: Any, declared: str) -> str:
    """Drive takes the upload's type, and guesses from the name when that says nothing."""
    if declared and declared != "application/octet-stream":
        return declared
    guessed, _ = mimetypes.guess_type(str(name or ""))
    return guessed or "application/octet-stream"


def _ids(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def _claim_id(ctx: Context, me: str, wanted: Any) -> str:
    """An id from ``generateIds`` may be used once, by the user it was generated for."""
    if wanted is None:
        return new_file_id(ctx)
    file_id = str(wanted)
    if file_id in ctx.state.collection("files"):
        raise err.duplicate("A file already exists with the provided ID.")
    generated = ctx.state.collection("generated_ids")
    record = generated.get(file_id)
    if record is None or record.get("user") != me:
        raise err.invalid("file.id", "The provided file ID is not usable.")
    generated.delete(file_id)
    return file_id


def create_file(ctx: Context, me: str, upload: Upload) -> Any:
    """A new file from metadata and optional content (a plain request or a finished resumable upload)."""
    mask = mask_of(ctx, DEFAULT_FILE, "File")
    metadata = dict(upload.metadata or {})
    check_body(metadata, creating=True)
    if upload.content and not importable(str(metadata.get("mimeType") or ""), upload.content_type):
        raise err.bad_request("The requested conversion is not supported.", "badRequest")  # not confirmed wording
    parents = [check_parent(ctx, p, me) for p in (metadata.get("parents") or ["root"])]
    if len(parents) > 1:
        raise err.forbidden("cannotAddParent", "Increasing the number of parents is not allowed")
    now = ctx.now()
    record = new_file(ctx, me, _claim_id(ctx, me, metadata.get("id")), metadata, now)
    record["parents"] = parents
    if not metadata.get("mimeType"):
        record["mimeType"] = _guess_type(metadata.get("name"), upload.content_type)
    apply_metadata(ctx, record, metadata, me)
    if upload.content is not None and not is_google_type(str(record["mimeType"])):
        store_content(ctx.state, record, upload.content, str(record["mimeType"]), me, now)
    elif not is_google_type(str(record["mimeType"])):
        record["size"] = 0  # a metadata-only binary file exists, empty
    elif upload.content:  # an upload converted to a Docs Editors type (Drive's import); empty content is none
        import_content(ctx.state, record, upload.content, upload.content_type)
    record_change(ctx.state, record, now)
    return shape(_file_answer(ctx, record, me), mask)


def update_file(ctx: Context, me: str, file_id: str, upload: Upload) -> Any:
    """A metadata patch, parent moves and new content."""
    mask = mask_of(ctx, DEFAULT_FILE, "File")
    metadata = dict(upload.metadata or {})
    check_body(metadata, creating=False)
    record = readable(ctx, file_id, me)
    rank = role_of(ctx.state, record, me)
    personal = set(metadata) <= {"starred", "viewedByMeTime"}  # any reader may star or mark viewed
    moving = bool(p_str(ctx, "addParents") or p_str(ctx, "removeParents"))
    if rank < WRITER and not (personal and upload.content is None and not moving):
        raise err.insufficient_permissions()
    modified = apply_metadata(ctx, record, metadata, me)
    if moving:
        move(ctx, record, me, _ids(p_str(ctx, "addParents")), _ids(p_str(ctx, "removeParents")))
        modified = True
    if upload.content is not None and is_google_type(str(record["mimeType"])):
        editor = EDITORS.get(str(record["mimeType"]))
        importing = bool(upload.content) and editor is not None and editor.load is not None
        if not importing or not importable(str(record["mimeType"]), upload.content_type):
            raise err.bad_request("The file's content cannot be replaced: it is a Google type.", "badContent")
        import_content(ctx.state, record, upload.content, upload.content_type)  # new content, converted (import)
        modified = True
    elif upload.content is not None:
        if not metadata.get("mimeType") and upload.content_type:
            record["mimeType"] = upload.content_type
        store_content(ctx.state, record, upload.content, str(record["mimeType"]), me, ctx.now())
        content_changed(ctx.state, str(record["id"]), ctx.now())
        modified = True
    touch(ctx, record, me, modified=modified)
    record_change(ctx.state, record, ctx.now())
    return shape(_file_answer(ctx, record, me), mask)


def _resumed(ctx: Context) -> Upload | Response:
    """A PUT to a resumable session: 308 until the last byte, then the whole upload."""
    data, complete = receive_chunk(ctx)
    if not complete:
        return incomplete(len(data))
    metadata = dict(ctx.body) if isinstance(ctx.body, dict) else {}
    return Upload(metadata, data, resumable_type(ctx, metadata))


@behaviour("drive.files.create")
def files_create(ctx: Context) -> Any:
    me = caller(ctx)
    mask_of(ctx, DEFAULT_FILE, "File")  # a bad mask is refused before anything is created
    upload = _resumed(ctx) if ctx.upload == "resumable" else read_upload(ctx)
    if isinstance(upload, Response):
        return upload
    return create_file(ctx, me, upload)


@behaviour("drive.files.update")
def files_update(ctx: Context) -> Any:
    me = caller(ctx)
    mask_of(ctx, DEFAULT_FILE, "File")
    upload = _resumed(ctx) if ctx.upload == "resumable" else read_upload(ctx)
    if isinstance(upload, Response):
        return upload
    return update_file(ctx, me, str(ctx.params["fileId"]), upload)


@behaviour("drive.files.get")
def files_get(ctx: Context) -> Any:
    me = caller(ctx)
    if (p_str(ctx, "alt") or "").lower() == "media":
        record = readable(ctx, str(ctx.params["fileId"]), me)
        return download(ctx, record, record.get("headRevisionId"))
    mask = mask_of(ctx, DEFAULT_FILE, "File")
    record = readable(ctx, str(ctx.params["fileId"]), me)
    return shape(_file_answer(ctx, record, me, mask), mask)


@behaviour("drive.files.list")
def files_list(ctx: Context) -> Any:
    me = caller(ctx)
    mask = mask_of(ctx, DEFAULT_LIST, "FileList")
    size = p_int(ctx, "pageSize", 100, 1, 1000)
    q = p_str(ctx, "q") or ""
    found = user(ctx.state, me)
    try:
        predicate = parse_query(q, QueryScope(me, str(found["rootId"]) if found else ""))
    except QueryTooDeep as error:
        raise err.invalid("q", f"Invalid Value: {error}") from None
    except QueryError:  # Drive words every query it cannot parse so
        raise err.invalid("q") from None
    order_text = p_str(ctx, "orderBy")
    order = parse_order(order_text)
    if order and "fullText" in q:
        raise err.invalid(
            "orderBy",
            "Sorting is not supported for queries with fullText terms. "
            "Results are always in descending relevance order.",
            reason="badRequest",
        )
    corpus = [
        r for r in ctx.state.collection("files").values()
        if listable(ctx.state, r, me) and predicate(candidate(ctx.state, r, me))
    ]  # fmt: skip
    salt = fingerprint(me, q, order_text or "", p_str(ctx, "corpora") or "")
    page, token = paginate(corpus, sort_key(ctx.state, me, order), [d for _, d in order], p_str(ctx, "pageToken"),
                           size, salt)  # fmt: skip
    body: dict[str, Any] = {"kind": "drive#fileList", "incompleteSearch": False}
    if token:
        body["nextPageToken"] = token
    body["files"] = [_file_answer(ctx, r, me) for r in page]
    return shape(body, mask)


@behaviour("drive.files.copy")
def files_copy(ctx: Context) -> Any:
    me = caller(ctx)
    mask = mask_of(ctx, DEFAULT_FILE, "File")
    source = readable(ctx, str(ctx.params["fileId"]), me)
    if source["mimeType"] == FOLDER:
        raise err.forbidden("fileNotCopyable", "This file cannot be copied by the user.")
    if source.get("copyRequiresWriterPermission") and role_of(ctx.state, source, me) < WRITER:
        raise err.forbidden("cannotCopyFile", "This file cannot be copied by the user.")
    body = dict(ctx.body) if isinstance(ctx.body, dict) else {}
    check_body(body, creating=True)
    if body.get("parents"):
        parents = [check_parent(ctx, p, me) for p in body["parents"]]
    else:
        # the copy goes beside the original when the caller may add there, else to their My Drive
        parents = [
            p for p in source.get("parents", ())
            if (f := ctx.state.collection("files").get(p)) and role_of(ctx.state, f, me) >= WRITER
        ] or [check_parent(ctx, "root", me)]  # fmt: skip
    now = ctx.now()
    record = new_file(ctx, me, _claim_id(ctx, me, body.get("id")), body, now)
    for key in ("name", "mimeType", "description", "properties", "appProperties", "contentHints"):
        if source.get(key) is not None:
            record[key] = source[key]
    record["parents"] = parents[:1]
    record["originalFilename"] = source.get("originalFilename") or source["name"]
    if body.get("name") is None and is_google_type(str(source["mimeType"])):
        # a Docs Editors file copied without a name is "Copy of ..." (recorded Drive answers to a spreadsheet copy)
        body.pop("name", None)
        record["name"] = f"Copy of {source['name']}"
    apply_metadata(ctx, record, {k: v for k, v in body.items() if k != "parents"}, me)
    copy_content(ctx.state, source, record, me, now)
    if not record.get("headRevisionId") and not is_google_type(str(record["mimeType"])):
        record["size"] = 0
    record_change(ctx.state, record, now)
    return shape(_file_answer(ctx, record, me), mask)


@behaviour("drive.files.delete")
def files_delete(ctx: Context) -> Response:
    me = caller(ctx)
    record = readable(ctx, str(ctx.params["fileId"]), me)
    if role_of(ctx.state, record, me) < ROLE_RANK["owner"] or record.get("isRoot"):
        raise err.insufficient_permissions()
    delete_tree(ctx.state, record, me, ctx.now())
    return Response(204)


@behaviour("drive.files.emptyTrash")
def files_empty_trash(ctx: Context) -> Response:
    me = caller(ctx)
    files = ctx.state.collection("files")
    for record in files.values():
        still_there = files.get(str(record["id"])) is not None
        if still_there and record.get("owner") == me and record.get("explicitlyTrashed"):
            delete_tree(ctx.state, record, me, ctx.now())
    return Response(204)


@behaviour("drive.files.generateIds")
def files_generate_ids(ctx: Context) -> Any:
    me = caller(ctx)
    count = p_int(ctx, "count", 10, 1, 1000)
    space = p_str(ctx, "space") or "drive"
    if space not in ("drive", "appDataFolder"):
        raise err.invalid("space")
    kind = p_str(ctx, "type") or "files"
    if kind not in ("files", "shortcuts"):
        raise err.invalid("type")
    ids = [new_file_id(ctx) for _ in range(count)]
    generated = ctx.state.collection("generated_ids")
    for file_id in ids:
        generated.put(file_id, {"user": me})
    return {"kind": "drive#generatedIds", "space": space, "ids": ids}


@behaviour("drive.files.export")
def files_export(ctx: Context) -> Any:
    me = caller(ctx)
    record = readable(ctx, str(ctx.params["fileId"]), me)
    if not p_str(ctx, "mimeType"):
        raise err.required("mimeType")
    if not is_google_type(str(record["mimeType"])) or record["mimeType"] == FOLDER:
        raise err.forbidden("fileNotExportable", "Export only supports Docs Editors files.")
    editor = EDITORS.get(str(record["mimeType"]))  # Docs Editors content belongs to the API that keeps it
    exported = editor.export(ctx.state, record, str(p_str(ctx, "mimeType"))) if editor else None
    if exported is None:
        raise err.bad_request("The requested conversion is not supported.", "badRequest")
    return Response(200, exported[0], {}, exported[1])
