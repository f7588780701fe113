"""``apps.icon.set``: an app's icon, which its bot user shows (``bots.info``, ``users.info``) and admin listings.

Rules from the method page (https://docs.slack.dev/reference/methods/apps.icon.set, mirrored with its error
table in slack-ruby/slack-api-ref ``methods/apps/apps.icon.set.json``): a user token with
``app_configurations:write``; the icon comes as a multipart ``file`` or a public ``url``, exactly one of them
(``missing_arguments`` / ``invalid_parameters``); a file must be an image (``error_bad_format``) of 512x512 to
2000x2000 pixels (``invalid_icon_size``); an unknown app is ``invalid_app``, a malformed id ``invalid_app_id``,
and a user who is not one of the app's collaborators ``no_permission`` (also for apps the twin knows only from an
admin request or as a managed app: they exist, but nobody in the workspace collaborates on them).

The twin never leaves the machine, so a ``url`` is not downloaded: any ``http(s)`` URL is taken as a valid image
(our choice); another scheme cannot be opened (``unable_to_open_file``). The icon is stored in the app record
(``icons``, Slack's app icon sizes) and in its bot (``bots.info`` shows ``image_36/48/72``) and bot user's profile.
An app manifest has no icon field (docs.slack.dev/reference/app-manifest), so ``apps.manifest.export`` is unchanged.
"""

from __future__ import annotations

import hashlib
import re
import struct
from typing import Any

from ..runtime import Context
from . import _args, _platform
from ._auth import Caller, slack_method
from ._errors import invalid_arguments, slack_error

Record = dict[str, Any]

SCOPE = "app_configurations:write"
MIN_SIDE, MAX_SIDE = 512, 2000
"""Icon dimensions Slack accepts, in pixels ("between 512x512px and 2000x2000px", the method's error table)."""
APP_SIZES = (32, 36, 48, 64, 72, 96, 128, 192, 512, 1024)
"""The sizes of an app's ``icons`` as Slack's app listings show them (admin.apps.approved.list's example)."""
BOT_SIZES = (36, 48, 72)
"""What ``bots.info`` shows of a bot's icon (its method page's example)."""
PROFILE_SIZES = (24, 32, 48, 72, 192, 512, 1024)
_APP_ID = re.compile(r"^A[0-9A-Z]{6,}$")


def image_size(content: bytes) -> tuple[int, int] | None:
    """(width, height) of a PNG, GIF or JPEG; None for anything else."""
    if content.startswith(b"\x89PNG\r\n\x1a\n") and len(content) >= 24:
        width, height = struct.unpack(">II", content[16:24])
        return int(width), int(height)
    if content[:6] in (b"GIF87a", b"GIF89a") and len(content) >= 10:
        width, height = struct.unpack("<HH", content[6:10])
        return int(width), int(height)
    if content.startswith(b"\xff\xd8"):
        return _jpeg_size(content)
    return None


def _jpeg_size(content: bytes) -> tuple[int, int] | None:
    """Walk the JPEG segments to the first start-of-frame marker (SOF0..SOF15 but DHT, JPG and DAC)."""
    at = 2
    while at + 4 <= len(content):
        if content[at] != 0xFF:
            return None
        marker = content[at + 1]
        length = struct.unpack(">H", content[at + 2 : at + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC) and at + 9 <= len(content):
            height, width = struct.unpack(">HH", content[at + 5 : at + 9])
            return int(width), int(height)
        at += 2 + length
    return None


def _icon_source(ctx: Context) -> str:
    """A digest naming the new icon: of the uploaded bytes or of the URL."""
    upload = ctx.files.get("file")
    url = _args.text(ctx, "url").strip()
    has_file = upload is not None or "file" in ctx.params
    if has_file and url:
        raise slack_error("invalid_parameters")
    if not has_file and not url:
        raise slack_error("missing_arguments")
    if not has_file:
        if not url.lower().startswith(("https://", "http://")):
            raise slack_error("unable_to_open_file")
        return hashlib.sha256(url.encode()).hexdigest()[:20]
    if upload is None or not upload.content:  # a ``file`` sent as a plain field, or empty: nothing to open
        raise slack_error("unable_to_open_file")
    size = image_size(upload.content)
    if size is None:
        raise slack_error("error_bad_format")
    if not all(MIN_SIDE <= side <= MAX_SIDE for side in size):
        raise slack_error("invalid_icon_size")
    return hashlib.sha256(upload.content).hexdigest()[:20]


def _app(ctx: Context, caller: Caller) -> Record:
    app_id = _args.text(ctx, "app_id").strip()
    if not app_id:
        raise invalid_arguments("missing required field: app_id")
    if not _APP_ID.match(app_id):
        raise slack_error("invalid_app_id")
    app: Record | None = _platform.apps(ctx).get(app_id)
    if app is None or app.get("deleted"):
        # an app the twin knows only from elsewhere (a third-party app someone asked for, a managed app) exists,
        # but the caller is none of its collaborators
        raise slack_error("no_permission" if _known_elsewhere(ctx, app_id) else "invalid_app")
    if caller.user_id not in (app.get("creator"), *app.get("collaborators", ())):
        raise slack_error("no_permission")
    return app


def _known_elsewhere(ctx: Context, app_id: str) -> bool:
    if app_id in ctx.state.collection("org_apps") or app_id in ctx.state.collection("managed_apps"):
        return True
    return any(r["app"]["id"] == app_id for _key, r in ctx.state.collection("org_app_requests").scan())


def icon_urls(digest: str, sizes: tuple[int, ...]) -> Record:
    """Slack hosts app icons on its avatar host, one file per size."""
    return {f"image_{size}": f"https://avatars.slack-edge.com/{digest}_{size}.png" for size in sizes}


@slack_method("apps.icon.set", scopes=())
def apps_icon_set(ctx: Context, caller: Caller) -> Record:
    """Set the app's icon; its bot and bot user show it from now on."""
    _platform.only(caller, "user")
    caller.require(SCOPE)
    app = _app(ctx, caller)
    digest = _icon_source(ctx)
    app["icons"] = {**icon_urls(digest, APP_SIZES), "image_original": f"https://avatars.slack-edge.com/{digest}.png"}
    _platform.apps(ctx).put(app["id"], app)
    bots = ctx.state.collection("bots")
    bot: Record | None = bots.get(app.get("bot_id") or "")
    if bot is not None:
        bot["icons"] = icon_urls(digest, BOT_SIZES)
        bot["updated"] = int(ctx.now())
        bots.put(bot["id"], bot)
    users = ctx.state.collection("users")
    bot_user: Record | None = users.get(app.get("bot_user_id") or "")
    if bot_user is not None:
        bot_user["profile"].update(icon_urls(digest, PROFILE_SIZES), avatar_hash=digest[:12])
        bot_user["profile"]["image_original"] = app["icons"]["image_original"]
        bot_user["updated"] = int(ctx.now())
        users.put(bot_user["id"], bot_user)
    return {}
