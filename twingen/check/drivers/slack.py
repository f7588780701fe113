"""slack_sdk driver: ``WebClient(token=..., base_url=TWIN + "/api/")`` calling each method as a user would.

The client is a ``WebClient`` subclass that only notes each raw HTTP answer (status and body) before
slack_sdk reads it, so the check can tell "Slack error" (``SlackApiError`` over a JSON ``ok: false``)
from "could not parse" (not JSON, not an object) and from "never sent" (slack_sdk refused the arguments).
Retry handlers are off: a failure must show as it happened, once.
"""

from __future__ import annotations

import contextlib
import inspect
import time
import warnings
from collections.abc import Callable
from typing import Any
from urllib.error import URLError

import httpx
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.web import SlackResponse

from twingen.check.arguments import MISSING, Pool, from_annotation, from_schema
from twingen.check.classes import Outcome
from twingen.check.drivers import slack_values as values
from twingen.check.drivers.base import Driver, PlannedProbe
from twingen.sdk.surface import SdkMethod

BAD_TOKEN = "xoxb-000000000000-0000000000000-twincheckbadtoken0000"
_USER_FIRST = ("admin.", "search.", "stars.", "reminders.", "dnd.", "users.profile.set", "users.setPresence",
               "users.deletePhoto", "users.setPhoto", "team.", "usergroups.", "migration.")  # fmt: skip


_NAMED = (inspect.Parameter.KEYWORD_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)


class _RecordingClient(WebClient):
    """A WebClient that keeps the last raw answer it received."""

    last: tuple[int, str] | None = None

    def _perform_urllib_http_request(self, *, url: str, args: dict[str, dict[str, Any]]) -> dict[str, Any]:
        response: dict[str, Any] = super()._perform_urllib_http_request(url=url, args=args)
        body = response.get("body")
        self.last = (int(response.get("status") or 0), body if isinstance(body, str) else "(binary answer)")
        return response


class SlackDriver(Driver):
    vendor = "slack"
    retry_codes = frozenset({"not_allowed_token_type", "missing_scope", "not_an_admin", "no_permission"})

    def connect(self) -> None:
        tokens = {**self.twin.credentials, "bad": BAD_TOKEN}
        base = self.twin.base_url + "/api/"
        self.clients = {name: _RecordingClient(token=t, base_url=base, retry_handlers=[]) for name, t in tokens.items()}
        self.names = 0

    def credentials_for(self, method: SdkMethod) -> list[str]:
        op = method.operation or (method.calls[0] if method.calls else "")
        order = ["admin", "bot", "user"] if op.startswith(_USER_FIRST) else ["bot", "admin", "user"]
        return [name for name in order if name in self.twin.credentials] or list(self.twin.credentials)[:1]

    # -- state --------------------------------------------------------------------------------------
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
            posted = self._quiet("bot", "chat_postMessage", channel=channel, text="twingen check")
            if posted:
                pool.add("message", (channel, posted.get("ts")))
            shared = self._quiet("bot", "files_upload_v2", channel=channel, content="twingen check", filename="c.txt")
            for item in (shared or {}).get("files") or ():
                pool.add("file", item.get("id"))

    def _quiet(self, who: str, method_name: str, /, **kwargs: Any) -> dict[str, Any] | None:
        try:
            return dict(getattr(self.clients[who], method_name)(**kwargs).data)
        except Exception:  # setup is best effort: a method that fails here is checked on its own
            return None

    # -- arguments ----------------------------------------------------------------------------------
    def arguments(self, method: SdkMethod, pool: Pool) -> dict[str, Any]:
        function = getattr(WebClient, method.name)
        op = self.operations.get(method.operation, {})
        schemas = {p["name"]: p.get("schema") for p in op.get("parameters") or ()}
        wire = {(p.python_name or p.name): p.name for p in method.params}
        signature = inspect.signature(function).parameters
        # the signature, not the scan, says what a call needs: the scan cannot see every ``kwargs`` rewrite
        wanted = [n for n, p in signature.items() if n != "self" and p.kind in _NAMED and p.default is p.empty]
        wanted += [n for n in (*values.ALWAYS, *values.EXTRA.get(method.name, ())) if n in signature]
        if "timestamp" in signature:
            wanted.append("channel")  # pins, reactions and stars name a message by channel and timestamp
        args: dict[str, Any] = {}
        message = pool.get("message")
        for name in dict.fromkeys(wanted):
            value = self._value(method, name, pool, message)
            if value is MISSING:
                value = from_schema(schemas.get(wire.get(name, name)))
            if value is MISSING:
                value = from_annotation(function, name)
            if value is not MISSING:
                args[name] = value
        return args

    def _value(self, method: SdkMethod, name: str, pool: Pool, message: Any) -> Any:
        op = method.operation
        if name in ("ts", "thread_ts", "message_ts", "timestamp") and message is not MISSING:
            return message[1]
        if name in ("channel", "channel_id") and message is not MISSING and self._wants_message(method):
            return message[0]
        if name == "name" and (op.startswith(("reactions.", "emoji.")) or "emoji" in op):
            return "thumbsup"
        if name in ("name", "channel_name", "team_name", "team_domain", "new_name"):
            self.names += 1
            return f"twincheck-{self.names}"
        if name == "token":
            return self.twin.credentials.get("bot", MISSING)  # a token to exchange, as oauth.v2.exchange takes
        if name == "files" and method.name == "files_completeUploadExternal":
            # completing needs an upload of its own, begun as slack_sdk's files_upload_v2 begins one
            # (and its bytes sent to the upload URL, as the helper sends them) before it can be completed
            begun = self._quiet("bot", "files_getUploadURLExternal", filename="twincheck.txt", length=13)
            if not begun or "file_id" not in begun or "upload_url" not in begun:
                return MISSING
            with contextlib.suppress(httpx.HTTPError):
                httpx.post(str(begun["upload_url"]), content=b"twingen check", timeout=30)
            return [{"id": begun["file_id"], "title": "twincheck"}]
        if name == "post_at":
            return int(time.time()) + 3600
        if name in values.VALUES:
            return values.VALUES[name]
        kind = values.kind_of(name)
        if kind is not None:
            found = pool.get(kind)
            plural = name.endswith(("_ids", "s")) and not name.endswith("ss")
            if found is MISSING:
                return MISSING
            return [found] if plural and name != "users" else found
        if values.is_text(name):
            return "twingen check"
        return MISSING

    def _caller(self, method: SdkMethod, args: dict[str, Any], credential: str) -> Callable[[], Outcome]:
        return lambda: self.call(method, args, credential)

    def _wants_message(self, method: SdkMethod) -> bool:
        names = {p.python_name or p.name for p in method.params}
        return bool(names & {"ts", "thread_ts", "message_ts", "timestamp"})

    # -- calls --------------------------------------------------------------------------------------
    def call(self, method: SdkMethod, args: dict[str, Any], credential: str) -> Outcome:
        client = self.clients[credential]
        return self._run(client, lambda: self._invoke(client, method, args))

    def _invoke(self, client: WebClient, method: SdkMethod, args: dict[str, Any]) -> Any:
        if method.name == "chat_stream":
            stream = client.chat_stream(**args)
            stream.append(markdown_text="twingen check")
            return stream.stop()
        return getattr(client, method.name)(**args)

    def _run(self, client: _RecordingClient, invoke: Any) -> Outcome:
        client.last = None
        try:
            with warnings.catch_warnings():
                # slack_sdk warns about arguments (a message without fallback text): not the twin's doing
                warnings.simplefilter("ignore")
                answer = invoke()
        except SlackApiError as error:
            return self._slack_error(error, client.last)
        except (URLError, ConnectionError, TimeoutError) as error:
            return Outcome("server-error", detail=f"connection failed: {error}")
        except Exception as error:
            detail = f"{type(error).__name__}: {error}"
            if client.last is None:
                return Outcome("refused", detail=detail)
            return Outcome("unparsed", status=client.last[0], answer=values.pretty(client.last[1]), detail=detail)
        status, body = client.last or (200, "")
        data = answer.data if isinstance(answer, SlackResponse) else None
        return Outcome("answer", status=status, answer=values.pretty(body), data=data)

    def _slack_error(self, error: SlackApiError, last: tuple[int, str] | None) -> Outcome:
        status, body = last or (int(error.response.status_code or 0), str(error.response.data))
        data = error.response.data
        if status >= 500:
            return Outcome("server-error", status=status, answer=values.pretty(body), detail=f"HTTP {status}")
        if not isinstance(data, dict) or str(data.get("error", "")).startswith("Received a response in a non-JSON"):
            return Outcome("unparsed", status=status, answer=values.pretty(body), detail="the answer is not JSON")
        code = str(data.get("error") or "")
        if code == "unknown_method":
            return Outcome("not-routed", code=code, status=status, answer=values.pretty(body))
        if not code:
            return Outcome("unparsed", status=status, answer=values.pretty(body), detail="ok: false without error")
        return Outcome("vendor-error", code=code, status=status, answer=values.pretty(body), data=data)

    def _api_call(self, method: SdkMethod, args: dict[str, Any], credential: str) -> Outcome:
        """Through ``WebClient.api_call``: the only way to leave out an argument the signature requires."""
        client = self.clients[credential]
        wire = {(p.python_name or p.name): p for p in method.params}
        sent = {wire[k].name if k in wire else k: v for k, v in args.items()}
        as_json = any(p.location == "json" for p in method.params)
        if not as_json:
            sent = {k: ",".join(map(str, v)) if isinstance(v, list) else v for k, v in sent.items()}
        kind = "json" if as_json else "params" if method.http_verb == "GET" else "data"
        return self._run(client, lambda: client.api_call(method.operation, http_verb=method.http_verb, **{kind: sent}))

    # -- what Slack answers -------------------------------------------------------------------------
    def known_errors(self, method: SdkMethod) -> frozenset[str]:
        known = set(values.VALID_CALL_ERRORS)
        for op in self.operations_of(method):
            known.update(e["code"] for e in self.operations.get(op, {}).get("errors") or ())
            known.update(*(codes for prefix, codes in values.FAMILY_ERRORS.items() if op.startswith(prefix)))
            if op.startswith(values.RETIRED_FAMILIES) or op in values.RETIRED_METHODS:
                known.add("method_deprecated")
        return frozenset(known)

    def probes(self, method: SdkMethod, args: dict[str, Any], credential: str, pool: Pool) -> list[PlannedProbe]:
        if not method.operation:
            return []  # helpers are checked through the operations they reach
        planned: list[PlannedProbe] = []
        op = method.operation
        declared = {e["code"] for e in self.operations.get(op, {}).get("errors") or ()}
        if op not in values.NO_AUTH and (op not in self.operations or self.operations[op].get("auth")):
            planned.append(
                PlannedProbe("bad token", frozenset({"invalid_auth"}), lambda: self.call(method, args, "bad"))
            )
        documented = {p["name"]: p.get("required") for p in self.operations.get(op, {}).get("parameters") or ()}
        # where the docs know the argument, they decide: slack_sdk requires some that Slack defaults
        required = [
            p
            for p in method.params
            if p.required and (p.python_name or p.name) in args and documented.get(p.name, True) and p.name != "token"
        ]
        if required:
            param = required[0]
            name = param.python_name or param.name
            word = values.kind_of(name) or name
            expected = {"invalid_arguments", *(c for c in declared if word in c)}
            if word in values.MISSING_CODES:
                expected.add(values.MISSING_CODES[word])
            rest = {k: v for k, v in args.items() if k != name}
            planned.append(
                PlannedProbe(f"missing {name}", frozenset(expected), lambda: self._api_call(method, rest, credential))
            )
        for name, value in args.items():
            kind = values.kind_of(name)
            if (
                kind is None
                or kind not in values.UNKNOWN_IDS
                or (value != pool.get(kind) and value != [pool.get(kind)])
            ):
                continue
            unknown = values.UNKNOWN_IDS[kind]
            # arguments made afresh: the valid call may have used up one of them (an upload to complete)
            changed = {**self.arguments(method, pool), name: [unknown] if isinstance(value, list) else unknown}
            not_found = values.NOT_FOUND[kind] | {c for c in declared if kind in c and c.endswith("_not_found")}
            planned.append(PlannedProbe(f"unknown {name}", not_found, self._caller(method, changed, credential)))
            break
        if op.startswith(values.RETIRED_FAMILIES) or op in values.RETIRED_METHODS:
            # a retired method answers method_deprecated to anything, as Slack does
            planned = [PlannedProbe(p.label, p.expected | {"method_deprecated"}, p.make) for p in planned]
        return planned

    def harvest(self, method: SdkMethod, args: dict[str, Any], outcome: Outcome, pool: Pool) -> None:
        data = outcome.data
        if outcome.kind != "answer" or not isinstance(data, dict):
            return
        pool.harvest(data, _namer)
        channel = data.get("channel")
        channel_id = channel if isinstance(channel, str) else args.get("channel")
        if isinstance(data.get("ts"), str) and isinstance(channel_id, str):
            pool.add("message", (channel_id, data["ts"]))
        for key in ("scheduled_message_id", "canvas_id", "list_id", "bookmark_id"):
            if isinstance(data.get(key), str):
                pool.add(key.removesuffix("_id"), data[key])


def _namer(key: str, value: Any) -> str | None:
    """The kind of id under ``key`` in a Slack answer (``channel: {id}``, ``members: ["U1"]``)."""
    singular = key.removesuffix("s")
    if isinstance(value, dict):
        return singular if singular in values.ID_KINDS and singular not in ("ts", "message_ts") else None
    if key in ("members", "users", "user", "user_id") and isinstance(value, str) and value[:1] in "UW":
        return "user"
    if key in ("channel", "channel_id", "channels") and isinstance(value, str) and value[:1] in "CGD":
        return "channel"
    return None
