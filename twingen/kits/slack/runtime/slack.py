"""Slack Web API: every answer is HTTP 200 ``{"ok": ...}``; tokens come as Bearer or a ``token`` argument."""

from __future__ import annotations

from typing import Any

import orjson

from ..clock import IdFactory
from ..control.ratelimits import Call, Key, Limit, RateLimits
from ..types import JSON, Problem, VendorError
from .base import ErrorWithHeaders, VendorProfile, describe, singular
from .slack_ratelimits import POST_PER_CHANNEL, SLACK_DEFAULT_TIER, SLACK_TIERS, SPECIAL, TIER, UNCOUNTED

# the specific error Slack gives for a missing argument, used when the method declares that code
_MISSING_CODES = {
    "channel": "channel_not_found",
    "text": "no_text",
    "user": "user_not_found",
    "users": "user_not_found",
    "ts": "message_not_found",
    "file": "file_not_found",
    "name": "invalid_name_required",
    "usergroup": "no_such_subteam",
    "emoji": "emoji_not_found",
}

_ID_PREFIX = {"channels": "C", "conversations": "C", "users": "U", "files": "F", "usergroups": "S", "bots": "B"}


class SlackProfile(VendorProfile):
    name = "slack"
    media_type = "application/json; charset=utf-8"
    json_body_params = True
    auth_params = frozenset({"token"})
    any_method = True
    behaviour_validates = True
    default_page_size = 100
    token_prefix = "xoxb-"
    unlisted_path = "/api/{op}"
    max_body = 2**30
    """Files up to 1 GB, sent to the URL files.getUploadURLExternal gives (https://slack.com/help/articles/201330736,
    https://docs.slack.dev/reference/methods/files.getUploadURLExternal/): the largest request Slack documents."""

    def status_of(self, code: str) -> int:
        return 200

    def render(self, error: VendorError) -> tuple[int, JSON, dict[str, str]]:
        body: dict[str, Any] = {"ok": False, "error": error.code}
        body.update(error.details)
        failed = error.status and error.status >= 400 and error.code != "ratelimited"
        headers = {"x-slack-failure": error.code} if failed else {}
        return error.status or 200, body, headers

    def success(self, body: JSON) -> JSON:
        # synthesised booleans are false: force ``ok`` unless behaviour deliberately answered an error
        if isinstance(body, dict) and not (body.get("ok") is False and "error" in body):
            return {"ok": True, **{k: v for k, v in body.items() if k != "ok"}}
        return body

    def answer_failed(self, status: int, body: bytes, media_type: str) -> bool:
        # every Web API answer is a JSON object whose ``ok`` says whether the call worked
        # (https://docs.slack.dev/apis/web-api/#responses), mostly with HTTP 200
        if status >= 400 or status == 0:
            return True
        if not media_type.startswith("application/json"):
            return False
        try:
            answer = orjson.loads(body)
        except orjson.JSONDecodeError:
            return False  # the log kept only the first part of a long answer: not known to have failed
        return isinstance(answer, dict) and answer.get("ok") is False

    def not_authed(self) -> VendorError:
        return VendorError("not_authed")

    def invalid_auth(self) -> VendorError:
        return VendorError("invalid_auth")

    def unknown_route(self, method: str, path: str) -> VendorError:
        return VendorError("unknown_method", 404, req_method=path.rsplit("/", 1)[-1])

    def method_not_allowed(self, method: str, path: str) -> VendorError:
        return self.unknown_route(method, path)

    def validation(self, problems: list[Problem], op: dict[str, Any]) -> VendorError:
        declared = {e["code"] for e in op.get("errors") or ()}
        for problem in problems:
            specific = _MISSING_CODES.get(problem.name)
            if problem.kind == "required" and specific in declared:
                return VendorError(specific)  # type: ignore[arg-type]
        messages = [f"[ERROR] {describe(p)}" for p in problems]
        return VendorError("invalid_arguments", response_metadata={"messages": messages})

    def invalid_body(self) -> VendorError:
        return VendorError("invalid_json")

    def not_found(self, resource: dict[str, Any], id: str, op: dict[str, Any]) -> VendorError:
        for declared in op.get("errors") or ():
            if declared["code"].endswith("_not_found"):
                return VendorError(declared["code"])
        return VendorError(f"{singular(resource)}_not_found")

    def internal(self) -> VendorError:
        return VendorError("internal_error", 500)

    def too_deep(self, name: str, limit: int, op: dict[str, Any]) -> VendorError:
        # Block Kit and attachments nest a few levels: deeper is a malformed value (``invalid_blocks``)
        message = f"[ERROR] nested more than {limit} levels deep [json-pointer:/{name}]"
        code = f"invalid_{name}" if name in ("blocks", "attachments") else "invalid_arguments"
        return VendorError(code, response_metadata={"messages": [message]})

    rate_limit_codes = frozenset({"ratelimited", "rate_limited"})

    def rate_limited(self, retry_after: int, *, per_user: bool = False) -> VendorError:
        # the one Slack error that is not HTTP 200: 429 with Retry-After, which slack_sdk's retry handler reads
        return ErrorWithHeaders("ratelimited", 429, headers={"retry-after": str(retry_after)})

    def new_id(self, ids: IdFactory, resource: dict[str, Any]) -> str:
        name = str(resource.get("name") or "")
        prefix = _ID_PREFIX.get(name, name[:1].upper() or "X")
        return ids.new_id(prefix, 10)

    def limit_call(self, limits: RateLimits, call: Call) -> dict[str, str]:
        # the hooks host carries no token: a webhook is counted by its path; response URLs by their 5 uses alone
        if call.op_id == "webhooks.incoming":
            limits.take(call.now, [(("hook", call.path), limits.limit(call.op_id, POST_PER_CHANNEL))])
            return {}
        if call.op_id in UNCOUNTED:
            return {}
        # per method per token, in tiers (a minute's allowance may all come at once: Slack allows bursts);
        # chat.postMessage also about one message per second per channel, with bursts (POST_PER_CHANNEL)
        tier = Limit(SPECIAL.get(call.op_id) or TIER[SLACK_TIERS.get(call.op_id, SLACK_DEFAULT_TIER)], 60.0)
        counters: list[tuple[Key, Limit]] = [(("method", call.who, call.op_id), limits.limit(call.op_id, tier))]
        if call.op_id == "chat.postMessage":
            channel = str(call.params.get("channel", ""))
            counters.insert(0, (("post", call.who, channel), limits.limit(call.op_id, POST_PER_CHANNEL)))
        limits.take(call.now, counters)
        return {}


PROFILE = SlackProfile
