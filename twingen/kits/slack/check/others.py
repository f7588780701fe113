"""The check's calls through slack_sdk's other clients: ``AuditLogsClient``, ``SCIMClient``, ``WebhookClient`` and
``SocketModeClient``, each pointed at the twin as a user would (``base_url``, the webhook URL the twin lists).

Answers are judged like the Web API's: a 2xx is an answer, a 4xx carrying the API's error envelope a vendor error
(Audit Logs ``{"ok": false, "error"}``, SCIM v1.1 ``{"Errors": {"description"}}``, an incoming webhook's plain-text
code), a 5xx a server error, the Slack profile's ``unknown_method`` 404 no route. Socket Mode methods run on a client
connected through ``apps.connections.open``; each answers when it returns without raising and the connection is in
the state the method promises (open after ``connect``, closed after ``disconnect``).
"""

from __future__ import annotations

import json
import threading
import time
from typing import Any

import httpx
from slack_sdk import WebClient
from slack_sdk.audit_logs import AuditLogsClient
from slack_sdk.errors import SlackApiError
from slack_sdk.scim import SCIMClient
from slack_sdk.socket_mode import SocketModeClient
from slack_sdk.socket_mode.response import SocketModeResponse
from slack_sdk.webhook import WebhookClient

from twingen.check.arguments import MISSING, Pool
from twingen.check.classes import Outcome
from twingen.check.runner import RunningTwin
from twingen.kits.slack.check.values import pretty
from twingen.sdk.surface import SdkMethod

ADMIN = "org_admin"
"""Audit Logs and SCIM take an org owner's or admin's user token: the seed's ``org_admin``."""
BAD_TOKEN = "xoxp-000000000000-000000000000-0000000000000-twincheckbad"
WEBHOOKS = "/_twin/slack/webhooks"
"""Where the twin lists its incoming webhooks' URLs (no Slack API lists them: they come with an install)."""


KNOWN: dict[str, frozenset[str]] = {
    # docs.slack.dev/reference/audit-logs-api/methods-actions-reference, "Errors"
    "AuditLogsClient": frozenset({"invalid_authentication", "not_authed", "feature_not_enabled", "missing_scope",
                                  "not_allowed_token_type", "user_not_authorized", "invalid_cursor", "invalid_range"}),
    # docs.slack.dev/reference/scim-api, "Errors" (Slack's code where SCIM has a description)
    "SCIMClient": frozenset({"invalid_authentication", "missing_scope", "permission_denied", "user_not_found",
                             "group_not_found", "username_taken", "email_taken", "group_name_taken"}),
    # docs.slack.dev/messaging/sending-messages-using-incoming-webhooks, "Handling errors"
    "WebhookClient": frozenset({"invalid_payload", "no_text", "channel_not_found", "channel_is_archived",
                                "action_prohibited", "posting_to_general_channel_denied", "too_many_attachments",
                                "no_service", "no_service_id", "no_team", "team_disabled", "invalid_token"}),
    "SocketModeClient": frozenset({"invalid_auth", "not_authed", "not_allowed_token_type"}),
}  # fmt: skip
"""Error codes each API answers for a reason (the Web API's come from the docs' method pages instead)."""


def probes(method: SdkMethod, args: dict[str, Any]) -> list[tuple[str, frozenset[str], dict[str, Any], str]]:
    """(label, codes the vendor answers, arguments, credential) for each invalid call worth making."""
    client, name = client_of(method), method.name.split(".")[-1]
    found: list[tuple[str, frozenset[str], dict[str, Any], str]] = []
    if client == "SCIMClient" or (client == "AuditLogsClient" and method.operation in ("audit.logs", "")):
        found.append(("bad token", frozenset({"invalid_authentication"}), args, "bad"))
    if client == "SCIMClient" and "id" in args:
        kind = "user" if name.endswith("_user") else "group"
        found.append((f"unknown {kind}", frozenset({f"{kind}_not_found"}), {**args, "id": "W0TWINCHECK0"}, ADMIN))
    if client == "AuditLogsClient" and name == "logs":
        found.append(("unknown cursor", frozenset({"invalid_cursor"}), {**args, "cursor": "bm90LWEtY3Vyc29y"}, ADMIN))
    return found


def client_of(method: SdkMethod) -> str:
    return method.client or "WebClient"


def credentials(method: SdkMethod, available: dict[str, str]) -> list[str]:
    client = client_of(method)
    if client in ("AuditLogsClient", "SCIMClient"):
        return [ADMIN] if ADMIN in available else []
    if client == "SocketModeClient":
        return ["app"] if "app" in available else []
    return ["webhook"]  # the URL is the secret: no token


def outcome(status: int, text: str, client: str) -> Outcome:
    """How one HTTP answer from an Audit Logs, SCIM or webhook URL ended."""
    shown = pretty(text)
    if status >= 500:
        return Outcome("server-error", status=status, answer=shown, detail=f"HTTP {status}")
    if status < 300:
        try:
            data = json.loads(text) if text.strip() else None
        except ValueError:
            data = None
        if client == "WebhookClient" or data is not None or not text.strip():
            return Outcome("answer", status=status, answer=shown, data=data)
        return Outcome("unparsed", status=status, answer=shown, detail="the answer is not JSON")
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if client == "WebhookClient" and data is None and text.strip():
        return Outcome("vendor-error", code=text.strip(), status=status, answer=shown)
    if not isinstance(data, dict):
        return Outcome("unparsed", status=status, answer=shown, detail="the error is not a JSON object")
    if data.get("error") == "unknown_method":
        return Outcome("not-routed", code="unknown_method", status=status, answer=shown)
    found = data.get("Errors")
    errors: dict[str, Any] = found if isinstance(found, dict) else {}
    code = str(data.get("error") or errors.get("description") or data.get("detail") or "")
    if not code:
        return Outcome("unparsed", status=status, answer=shown, detail="an error without a code")
    return Outcome("vendor-error", code=code, status=status, answer=shown, data=data)


class OtherClients:
    """Builds and calls the four clients for ``SlackDriver``."""

    def __init__(self, twin: RunningTwin) -> None:
        self.twin = twin
        self.made = 0

    # -- clients ------------------------------------------------------------------------------------
    def _token(self, credential: str) -> str:
        return BAD_TOKEN if credential == "bad" else self.twin.credentials.get(credential, "")

    def audit(self, credential: str) -> AuditLogsClient:
        base = self.twin.base_url + "/audit/v1/"
        return AuditLogsClient(token=self._token(credential), base_url=base, retry_handlers=[])

    def scim(self, credential: str) -> SCIMClient:
        return SCIMClient(token=self._token(credential), base_url=self.twin.base_url + "/scim/v1/", retry_handlers=[])

    def webhook_url(self) -> str | None:
        answer = httpx.get(self.twin.base_url + WEBHOOKS)
        hooks = answer.json().get("webhooks") if answer.status_code == 200 else None
        return self.twin.base_url + str(hooks[0]["path"]) if hooks else None

    # -- arguments ----------------------------------------------------------------------------------
    def arguments(self, method: SdkMethod, pool: Pool) -> dict[str, Any]:
        client, name = client_of(method), method.name.split(".")[-1]
        if client == "AuditLogsClient":
            return {"path": "logs", "query_params": {"limit": 5}} if name == "api_call" else (
                {"limit": 5, "cursor": None} if name == "logs" else {})  # fmt: skip
        if client == "SCIMClient":
            return self._scim_arguments(name)
        if client == "WebhookClient":
            return {"body": {"text": "twingen check"}} if name == "send_dict" else {"text": "twingen check"}
        if name == "send_message":
            return {"message": json.dumps({"envelope_id": "twincheck"})}
        if name == "send_socket_mode_response":
            return {"response": SocketModeResponse(envelope_id="twincheck")}
        if name == "run_message_listeners":
            return {"message": {"type": "hello"}, "raw_message": '{"type": "hello"}'}
        return {"force": True} if name == "connect_to_new_endpoint" else {}

    def _person(self, handle: str) -> dict[str, Any]:
        self.made += 1
        name = f"twincheck{self.made}-{handle}"
        return {"userName": name, "name": {"givenName": "Twin", "familyName": "Check"},
                "emails": [{"value": f"{name}@example.com", "primary": True}]}  # fmt: skip

    def _scim_user(self) -> Any:
        made = self.scim(ADMIN).create_user(self._person("u"))
        return made.body.get("id", MISSING) if made.status_code == 201 and made.body else MISSING

    def _scim_group(self) -> Any:
        self.made += 1
        made = self.scim(ADMIN).create_group({"displayName": f"Twincheck {self.made}", "members": []})
        return made.body.get("id", MISSING) if made.status_code == 201 and made.body else MISSING

    def _scim_arguments(self, name: str) -> dict[str, Any]:
        if name in ("search_users", "search_groups"):
            return {"start_index": 1, "count": 5}
        if name == "api_call":
            return {"http_verb": "GET", "path": "Users", "query_params": {"startIndex": 1, "count": 1}}
        if name == "create_user":
            return {"user": self._person("new")}
        if name == "create_group":
            self.made += 1
            return {"group": {"displayName": f"Twincheck new {self.made}", "members": []}}
        if name.endswith("_user"):
            found = self._scim_user()
            if name == "update_user":
                return {"user": {**self._person("put"), "id": found}} if found is not MISSING else {}
            extra = {"partial_user": {"title": "Checker"}} if name == "patch_user" else {}
            return {"id": found, **extra} if found is not MISSING else {}
        found = self._scim_group()
        if found is MISSING:
            return {}
        if name == "update_group":
            return {"group": {"id": found, "displayName": f"Twincheck put {self.made}", "members": []}}
        return {"id": found, **({"partial_group": {"displayName": f"Twincheck patched {self.made}"}}
                                if name == "patch_group" else {})}  # fmt: skip

    # -- calls --------------------------------------------------------------------------------------
    def call(self, method: SdkMethod, args: dict[str, Any], credential: str) -> Outcome:
        client, name = client_of(method), method.name.split(".")[-1]
        try:
            if client == "SocketModeClient":
                return self._socket(name, args, credential)
            if client == "WebhookClient":
                url = self.webhook_url()
                if url is None:
                    return Outcome("not-routed", detail=f"the twin lists no incoming webhook ({WEBHOOKS})")
                answer = getattr(WebhookClient(url=url, retry_handlers=[]), name)(**args)
                return outcome(answer.status_code, answer.body, client)
            sdk = self.audit(credential) if client == "AuditLogsClient" else self.scim(credential)
            answer = getattr(sdk, name)(**args)
            return outcome(answer.status_code, answer.raw_body or "", client)
        except (httpx.HTTPError, ConnectionError, OSError) as error:
            return Outcome("server-error", detail=f"connection failed: {error}")
        except SlackApiError as error:
            data = error.response.data if isinstance(error.response.data, dict) else {}
            return Outcome("vendor-error", code=str(data.get("error", "")), status=error.response.status_code)
        except Exception as error:  # the SDK refused the check's arguments, or raised reading the answer
            return Outcome("refused", detail=f"{type(error).__name__}: {error}")

    def _socket(self, name: str, args: dict[str, Any], credential: str) -> Outcome:
        token = self._token(credential)
        web = WebClient(token=token, base_url=self.twin.base_url + "/api/", retry_handlers=[])
        client = SocketModeClient(app_token=token, web_client=web, auto_reconnect_enabled=False)
        try:
            if name == "issue_new_wss_url":
                url = client.issue_new_wss_url()
                return Outcome("answer", status=200, answer=url.split("?")[0], data={"url": url})
            if name not in ("connect", "connect_to_new_endpoint"):
                client.connect()
            if name == "process_messages":
                worker = threading.Thread(target=client.process_messages, daemon=True)
                worker.start()
                client.close()
                worker.join(timeout=5)
                return Outcome("answer", status=101, answer="processed until closed")
            if name == "process_message":
                client.enqueue_message('{"type": "hello"}')
            getattr(client, name)(**args)
            time.sleep(0.2)  # a refused frame closes the socket: give the twin the time to do so
            want_open = name not in ("disconnect", "close")
            if client.is_connected() != want_open:
                state = "closed" if want_open else "still open"
                return Outcome("server-error", detail=f"the connection is {state} after {name}")
            return Outcome("answer", status=101, answer=f"{name}: connection {'open' if want_open else 'closed'}")
        finally:
            client.close()
