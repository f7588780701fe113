"""The state the Slack check works on: what setup makes before any method runs, and ids read from answers.

Setup makes what most methods need (a channel with members and a message, an upload, an archived and a
private channel, two user groups) and reads what the seed holds for an org admin (requests, roles,
sessions). Every answer is then walked for ids, so later calls name real objects (``Pool``).
"""

from __future__ import annotations

import contextlib
import json
from typing import Any

import httpx

from twingen.check.arguments import MISSING, Pool
from twingen.check.classes import Outcome
from twingen.check.runner import RunningTwin
from twingen.kits.slack.check import args as args_
from twingen.kits.slack.check import values as values
from twingen.kits.slack.check.client import RecordingClient
from twingen.sdk.surface import SdkMethod


class SlackState:
    """Setup and harvesting for ``SlackDriver`` (which provides ``twin`` and ``clients``)."""

    twin: RunningTwin
    clients: dict[str, RecordingClient]

    def setup(self, pool: Pool) -> None:
        """A channel the bot made, with Alice and Bob invited and one message in it."""
        for who in ("admin", "user", "bot"):
            if who in self.clients and who in self.twin.credentials:
                answer = self._quiet(who, "auth_test")
                if answer:
                    pool.add(f"{who}_user", answer.get("user_id"))
                    pool.add("team", answer.get("team_id"))
                    if who != "bot":
                        pool.add("user", answer.get("user_id"))
                    else:
                        pool.add("bot", answer.get("bot_id"))
        made = self._quiet("bot", "conversations_create", name="twincheck-channel")
        channel = (made or {}).get("channel", {}).get("id")
        if channel:
            pool.add("channel", channel)
            invitees = [pool.ids.get(k, [None])[0] for k in ("admin_user", "user_user")]
            self._quiet("bot", "conversations_invite", channel=channel, users=[u for u in invitees if u])
            posted = self._quiet("bot", "chat_postMessage", channel=channel, text=f"twingen check {args_.URL}")
            if posted:
                pool.add("message", (channel, posted.get("ts")))
                pool.add("link_message", (channel, posted.get("ts")))  # its link is what chat.unfurl previews
            shared = self._quiet("bot", "files_upload_v2", channel=channel, content="twingen check", filename="c.txt")
            for item in (shared or {}).get("files") or ():
                pool.add("file", item.get("id"))
        archived = (self._quiet("bot", "conversations_create", name="twincheck-archived") or {}).get("channel", {})
        if self._quiet("bot", "conversations_archive", channel=archived.get("id")):
            pool.add("archived_channel", archived.get("id"))  # what unarchive takes
        outsider = self._quiet("reader", "auth_test") if "reader" in self.clients else None
        pool.add("outsider", (outsider or {}).get("user_id"))  # someone not in the channel, to invite
        private = self._quiet("bot", "conversations_create", name="twincheck-private", is_private=True)
        pool.add("private_channel", (private or {}).get("channel", {}).get("id"))
        # a canvas for an agent channel's canvas view (agents.conversations.setView, then getCanvas)
        canvas = self._quiet("bot", "canvases_create", title="twincheck agent canvas")
        pool.add("agent_canvas", (canvas or {}).get("canvas_id"))
        # what members make in Slack's UI or earlier admin work made: listed, so later calls can name it
        for who, name, kwargs in args_.SETUP_READS:
            if who in self.clients:
                self._harvest_data(self._quiet(who, name, **kwargs) or {}, pool)
        self._seeded_admin_objects(pool)
        self._token_rotation_on(pool)

    def _token_rotation_on(self, pool: Pool) -> None:
        """Turn on token rotation for the seeded app, as a developer does before ``oauth.v2.exchange``.

        Slack refuses that exchange for an app without rotation (``token_rotation_not_enabled``); the
        app's manifest turns it on (``apps.manifest.update``, NOTES.md "Token rotation").
        """
        if "config" not in self.clients or not pool.ids.get("bot"):
            return
        bot = self._quiet("bot", "bots_info", bot=pool.ids["bot"][0]) or {}
        app_id = (bot.get("bot") or {}).get("app_id")
        manifest = (self._quiet("config", "apps_manifest_export", app_id=app_id) or {}).get("manifest")
        if app_id and manifest:
            manifest.setdefault("settings", {})["token_rotation_enabled"] = True
            self._quiet("config", "apps_manifest_update", app_id=app_id, manifest=json.dumps(manifest))

    def _seeded_admin_objects(self, pool: Pool) -> None:
        """What the org admin methods act on, found the documented way (NOTES.md, "Admin API", seeded org objects).

        A guest is a member ``users.list`` marks ``is_restricted``/``is_ultra_restricted`` (what the
        ``admin.users.*Expiration`` methods take); the function and MCP server are the workspace's own
        app's, listed by ``admin.functions.list`` (``app_ids``) and ``admin.apps.mcp.servers.list``;
        the workflow comes from ``admin.workflows.search``, so its collaborators can be changed.
        """
        if "org_admin" not in self.clients:
            return
        listed = self._quiet("admin", "users_list") if "admin" in self.clients else None
        for member in (listed or {}).get("members") or ():
            if isinstance(member, dict) and (member.get("is_restricted") or member.get("is_ultra_restricted")):
                pool.add("guest", member.get("id"))
        parts = self.twin.credentials.get("app", "").split("-")
        own_app = parts[2] if len(parts) > 2 else ""
        if own_app:
            functions = self._quiet("org_admin", "admin_functions_list", app_ids=[own_app]) or {}
            for function in functions.get("functions") or ():
                if isinstance(function, dict) and function.get("app_id", own_app) == own_app:
                    pool.add("function", function.get("id"))
            servers = self._quiet("org_admin", "admin_apps_mcp_servers_list") or {}
            for server in servers.get("servers") or servers.get("mcp_servers") or ():
                if isinstance(server, dict) and server.get("app_id") == own_app:
                    pool.add("own_mcp_server", server.get("id"))
        self._harvest_data(self._quiet("org_admin", "admin_workflows_search") or {}, pool)

    def _quiet(self, who: str, method_name: str, /, **kwargs: Any) -> dict[str, Any] | None:
        try:
            return dict(getattr(self.clients[who], method_name)(**kwargs).data)
        except Exception:  # setup is best effort: a method that fails here is checked on its own
            return None

    # -- arguments ----------------------------------------------------------------------------------
    def _now(self) -> float:
        """The twin's clock (``/_twin/clock``): times are judged against it, not against this machine's."""
        return float(self.twin.http.get("/_twin/clock").json()["now"])

    def _begin_upload(self) -> Any:
        # completing needs an upload of its own, begun as slack_sdk's files_upload_v2 begins one
        # (and its bytes sent to the upload URL, as the helper sends them) before it can be completed
        begun = self._quiet("bot", "files_getUploadURLExternal", filename="twincheck.txt", length=13)
        if not begun or "file_id" not in begun or "upload_url" not in begun:
            return MISSING
        with contextlib.suppress(httpx.HTTPError):
            httpx.post(str(begun["upload_url"]), content=b"twingen check", timeout=30)
        return [{"id": begun["file_id"], "title": "twincheck"}]

    def harvest(self, method: SdkMethod, args: dict[str, Any], outcome: Outcome, pool: Pool) -> None:
        if method.client not in ("", "WebClient"):
            return  # SCIM and Audit Logs ids are not the Web API's objects; those clients make their own
        data = outcome.data
        if outcome.kind != "answer" or not isinstance(data, dict):
            return
        self._harvest_data(data, pool)
        channel = data.get("channel")
        channel_id = channel if isinstance(channel, str) else args.get("channel")
        if isinstance(data.get("ts"), str) and isinstance(channel_id, str):
            pool.add("message", (channel_id, data["ts"]))
        for key in ("scheduled_message_id", "canvas_id", "list_id", "bookmark_id"):
            if isinstance(data.get(key), str):
                pool.add(key.removesuffix("_id"), data[key])
        # ids only this family's later calls may use: a code channel, a manifest's app, a stream, a view, a DM
        view = data.get("view")
        made = {
            "agents.conversations.create": ("agent_channel", data.get("channel_id")),
            "apps.manifest.create": ("manifest_app", data.get("app_id")),
            "chat.startStream": ("stream", data.get("ts")),
            "views.open": ("view", view.get("id") if isinstance(view, dict) else None),
            "conversations.open": ("dm", channel.get("id") if isinstance(channel, dict) else None),
        }
        if method.operation in made:
            pool.add(*made[method.operation])
        for column in (data.get("list_metadata") or {}).get("schema") or ():
            pool.offer("column", column.get("id"))

    def _harvest_data(self, data: dict[str, Any], pool: Pool) -> None:
        pool.harvest(data, values.namer)
        for session in data.get("active_sessions") or ():
            if isinstance(session, dict) and session.get("session_id") is not None:
                pool.offer("session", session["session_id"])  # numeric: not found by the string walk
