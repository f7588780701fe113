"""The smaller Drive methods: apps, push channels, ``files.download`` operations and access proposals.

Push channels are recorded and can be stopped, but the twin never calls their webhooks: nothing leaves
127.0.0.1 from a twin.
"""

from __future__ import annotations

import hashlib
from typing import Any

from ..runtime import Context, Response, behaviour
from . import _errors as err
from ._files_model import FOLDER, is_google_type, last_change
from ._files_ops import readable
from ._request import caller, p_str

__all__ = ["apps_list", "files_download", "watch_changes", "watch_file"]

_CHANNEL_TTL_MS = 3600 * 1000


@behaviour("drive.apps.list")
def apps_list(ctx: Context) -> Any:
    return {"kind": "drive#appList", "defaultAppIds": [], "items": []}


@behaviour("drive.apps.get")
def apps_get(ctx: Context) -> Any:
    raise err.not_found(f"App not found: {ctx.params['appId']}.", "appId")


def _open_channel(ctx: Context, resource_uri: str) -> dict[str, Any]:
    body = ctx.body if isinstance(ctx.body, dict) else {}
    for key in ("id", "type", "address"):
        if not body.get(key):
            raise err.required(key, f"Required parameter: {key}")
    if body["type"] not in ("web_hook", "webhook"):
        raise err.invalid("type", f"Invalid value for channel type: {body['type']}")
    address = str(body["address"])
    if not address.startswith("https://"):
        raise err.bad_request(f"WebHook callback must be HTTPS: {address}", "push.webhookUrlNotHttps")
    resource_id = hashlib.sha256(resource_uri.encode()).hexdigest()[:27]
    expiration = int(body.get("expiration") or int(ctx.now() * 1000) + _CHANNEL_TTL_MS)
    channel = {
        "kind": "api#channel",
        "id": str(body["id"]),
        "resourceId": resource_id,
        "resourceUri": resource_uri,
        "expiration": str(expiration),
    }
    if body.get("token"):
        channel["token"] = body["token"]
    ctx.state.collection("channels").put(f"{body['id']}:{resource_id}", channel)
    return channel


@behaviour("drive.files.watch")
def watch_file(ctx: Context) -> Any:
    record = readable(ctx, str(ctx.params["fileId"]), caller(ctx))
    return _open_channel(ctx, f"https://www.googleapis.com/drive/v3/files/{record['id']}?alt=json")


@behaviour("drive.changes.watch")
def watch_changes(ctx: Context) -> Any:
    token = p_str(ctx, "pageToken") or str(last_change(ctx.state) + 1)
    return _open_channel(ctx, f"https://www.googleapis.com/drive/v3/changes?alt=json&pageToken={token}")


@behaviour("drive.channels.stop")
def channels_stop(ctx: Context) -> Response:
    body = ctx.body if isinstance(ctx.body, dict) else {}
    key = f"{body.get('id')}:{body.get('resourceId')}"
    if not ctx.state.collection("channels").delete(key):
        raise err.not_found(f"Channel '{body.get('id')}' not found.", "id")
    return Response(204)


@behaviour("drive.files.download")
def files_download(ctx: Context) -> Any:
    """Drive answers with a long-running operation; the twin's is done at once and points at ``alt=media``."""
    record = readable(ctx, str(ctx.params["fileId"]), caller(ctx))
    if record["mimeType"] == FOLDER or (is_google_type(str(record["mimeType"])) and not p_str(ctx, "mimeType")):
        raise err.not_downloadable()
    name = f"operations/download-{record['id']}-{int(ctx.now() * 1000)}"
    operation = {
        "name": name,
        "done": True,
        "metadata": {"@type": "type.googleapis.com/google.apps.drive.v3.DownloadFileMetadata"},
        "response": {
            "@type": "type.googleapis.com/google.apps.drive.v3.DownloadFileResponse",
            "downloadUri": f"{ctx.base_url.rstrip('/')}/drive/v3/files/{record['id']}?alt=media",
            "partialDownloadAllowed": True,
        },
    }
    ctx.state.collection("operations").put(name.removeprefix("operations/"), operation)
    return operation


@behaviour("drive.operations.get")
def operations_get(ctx: Context) -> Any:
    name = str(ctx.params["name"]).removeprefix("operations/")
    found = ctx.state.collection("operations").get(name)
    if found is None:
        raise err.not_found(f"Operation not found: {ctx.params['name']}.", "name")
    return found


@behaviour("drive.accessproposals.list")
def access_proposals_list(ctx: Context) -> Any:
    readable(ctx, str(ctx.params["fileId"]), caller(ctx))
    return {"accessProposals": []}  # nobody can ask for access in the twin yet


@behaviour("drive.accessproposals.get")
@behaviour("drive.accessproposals.resolve")
def access_proposal(ctx: Context) -> Any:
    readable(ctx, str(ctx.params["fileId"]), caller(ctx))
    raise err.not_found(f"Access proposal not found: {ctx.params['proposalId']}.", "proposalId")
