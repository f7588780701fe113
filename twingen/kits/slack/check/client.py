"""A ``WebClient`` that keeps each raw answer, and how one call through it ended.

The client only notes each raw HTTP answer (status and body) before slack_sdk reads it, so the check can
tell "Slack error" (``SlackApiError`` over a JSON ``ok: false``) from "could not parse" (not JSON, not an
object) and from "never sent" (slack_sdk refused the arguments before any request).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any
from urllib.error import URLError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.web import SlackResponse

from twingen.check.classes import Outcome
from twingen.kits.slack.check.values import pretty


class RecordingClient(WebClient):
    """A WebClient that keeps the last raw answer it received."""

    last: tuple[int, str] | None = None

    def _perform_urllib_http_request(self, *, url: str, args: dict[str, dict[str, Any]]) -> dict[str, Any]:
        response: dict[str, Any] = super()._perform_urllib_http_request(url=url, args=args)
        body = response.get("body")
        self.last = (int(response.get("status") or 0), body if isinstance(body, str) else "(binary answer)")
        return response


def run(client: RecordingClient, invoke: Callable[[], Any]) -> Outcome:
    """Make one call through ``client`` and say how it ended."""
    client.last = None
    try:
        with warnings.catch_warnings():
            # slack_sdk warns about arguments (a message without fallback text): not the twin's doing
            warnings.simplefilter("ignore")
            answer = invoke()
    except SlackApiError as error:
        return slack_error(error, client.last)
    except (URLError, ConnectionError, TimeoutError) as error:
        return Outcome("server-error", detail=f"connection failed: {error}")
    except Exception as error:
        detail = f"{type(error).__name__}: {error}"
        if client.last is None:
            return Outcome("refused", detail=detail)
        return Outcome("unparsed", status=client.last[0], answer=pretty(client.last[1]), detail=detail)
    status, body = client.last or (200, "")
    data = answer.data if isinstance(answer, SlackResponse) else None
    return Outcome("answer", status=status, answer=pretty(body), data=data)


def slack_error(error: SlackApiError, last: tuple[int, str] | None) -> Outcome:
    status, body = last or (int(error.response.status_code or 0), str(error.response.data))
    data = error.response.data
    if status >= 500:
        return Outcome("server-error", status=status, answer=pretty(body), detail=f"HTTP {status}")
    if not isinstance(data, dict) or str(data.get("error", "")).startswith("Received a response in a non-JSON"):
        return Outcome("unparsed", status=status, answer=pretty(body), detail="the answer is not JSON")
    code = str(data.get("error") or "")
    if code == "unknown_method":
        return Outcome("not-routed", code=code, status=status, answer=pretty(body))
    if not code:
        return Outcome("unparsed", status=status, answer=pretty(body), detail="ok: false without error")
    return Outcome("vendor-error", code=code, status=status, answer=pretty(body), data=data)
