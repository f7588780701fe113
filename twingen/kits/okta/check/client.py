"""okta-sdk-python clients on a twin, each coroutine run to completion on one event loop, and how a call ended.

okta 3.x is asyncio over aiohttp and answers ``(data, response, error)`` instead of raising: an error is an
``OktaAPIError`` (Okta's envelope) or an ``HTTPError`` (anything else). Each client's HTTP client keeps the last
raw answer (status and body) before the SDK reads it, so the check can tell "Okta error" (``errorCode`` in
Okta's envelope) from "could not parse" (the SDK raised on a 2xx, or an error body that is not Okta's) and
from "never sent" (the SDK refused the arguments, or ``create_request`` failed before any request).

Rate-limit retries are off (``rateLimit.maxRetries = 0``), the cache is off (a cached GET would hide the twin's
answer), and every call has a timeout twice over: aiohttp's (``requestTimeout``) and ``asyncio.wait_for``.
"""

from __future__ import annotations

import asyncio
import json
import os
import time
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
import okta.client
from okta.http_client import HTTPClient

from twingen.check.classes import Outcome

CALL_SECONDS = 20.0
SILENT_LIMIT = 5
"""Calls in a row without an answer after which the rest are not sent (until the clients are made anew)."""
RATE_WAIT = 10.0
"""The longest a 429 is waited out before it stands as the answer."""
HTTPS_CHECK_ENV = "OKTA_TESTING_TESTINGDISABLEHTTPSCHECK"
"""The SDK refuses a plain ``http://`` org URL unless this is set (``testing`` is read only from the environment
or a yaml file; a config dict passed to ``Client`` lands under ``client``): the suite driver sets it too."""


class RecordingHttp(HTTPClient):
    """okta's ``HTTPClient`` that keeps the last raw answer it received (``None`` when nothing was sent)."""

    def __init__(self, http_config: dict[str, Any]) -> None:
        super().__init__(http_config)  # type: ignore[no-untyped-call]
        self.last: tuple[int, str] | None = None
        self.sent = False
        self.reset_at = ""

    async def send_request(self, request: dict[str, Any]) -> Any:
        self.sent = True
        result = await super().send_request(request)  # type: ignore[no-untyped-call]
        _, response, body, _ = result
        if response is not None:
            self.last = (int(response.status), body if isinstance(body, str) else "")
            self.reset_at = response.headers.get("x-rate-limit-reset", "")
        return result


class OktaClients:
    """One ``okta.client.Client`` per credential (SSWS tokens), sharing one event loop."""

    def __init__(self, base_url: str, tokens: dict[str, str]) -> None:
        self.loop = asyncio.new_event_loop()
        self.silent = 0
        self.clients: dict[str, Any] = {}
        previous = os.environ.get(HTTPS_CHECK_ENV)
        os.environ[HTTPS_CHECK_ENV] = "true"
        try:
            for name, token in tokens.items():
                self.clients[name] = okta.client.Client(
                    {
                        "orgUrl": base_url,
                        "token": token,
                        "authorizationMode": "SSWS",
                        "rateLimit": {"maxRetries": 0},
                        "cache": {"enabled": False},
                        "requestTimeout": int(CALL_SECONDS),
                        "httpClient": RecordingHttp,
                    }
                )
        finally:
            if previous is None:
                os.environ.pop(HTTPS_CHECK_ENV, None)
            else:
                os.environ[HTTPS_CHECK_ENV] = previous
        for client in self.clients.values():
            self.loop.run_until_complete(client.__aenter__())

    def close(self) -> None:
        for client in self.clients.values():
            self.loop.run_until_complete(client.__aexit__(None, None, None))
        self.loop.close()

    def http(self, credential: str) -> RecordingHttp:
        http: RecordingHttp = self.clients[credential]._request_executor._http_client
        return http

    def run(self, credential: str, invoke: Callable[[Any], Awaitable[Any]]) -> Outcome:
        """Run ``invoke(client)`` to completion (or its timeout) and say how the call ended. A 429 is waited out
        once, as a client does (until ``x-rate-limit-reset``, at most ``RATE_WAIT`` s): the SDK's own retries are
        off so that every other answer shows as it came."""
        if self.silent >= SILENT_LIMIT:  # the twin stopped answering: do not wait CALL_SECONDS for every call
            return Outcome("server-error", detail=f"not sent: the twin did not answer the last {SILENT_LIMIT} calls")
        outcome = self._run(credential, invoke)
        self.silent = self.silent + 1 if outcome.detail.startswith("no answer") else 0
        if outcome.status == 429:
            wait = _until(self.http(credential).reset_at)
            if wait <= RATE_WAIT:
                time.sleep(wait)
                outcome = self._run(credential, invoke)
        return outcome

    def _run(self, credential: str, invoke: Callable[[Any], Awaitable[Any]]) -> Outcome:
        http = self.http(credential)
        http.last, http.sent = None, False
        try:
            result = self.loop.run_until_complete(asyncio.wait_for(invoke(self.clients[credential]), CALL_SECONDS))
        except (TimeoutError, aiohttp.ClientError) as error:
            return Outcome("server-error", detail=f"no answer: {type(error).__name__}: {error}")
        except Exception as error:  # the SDK raised: on its arguments (nothing sent) or on the answer
            return _raised(error, http)
        return _returned(result, http)


def _until(reset_at: str) -> float:
    """Seconds until Okta's ``x-rate-limit-reset`` (epoch seconds); a large number when it is missing."""
    try:
        return max(0.0, float(reset_at) - time.time()) + 0.1
    except ValueError:
        return RATE_WAIT + 1


def _raised(error: Exception, http: RecordingHttp) -> Outcome:
    detail = f"{type(error).__name__}: {str(error)[:300]}"
    if http.last is None:
        if http.sent:
            return Outcome("server-error", detail=f"connection failed: {detail}")
        return Outcome("refused", detail=detail)
    status, body = http.last
    return Outcome("unparsed", status=status, answer=pretty(body), detail=detail)


def _returned(result: Any, http: RecordingHttp) -> Outcome:
    """``(data, response, error)``, ``(response, error)`` or ``(None, error)`` as the generated methods return."""
    parts = result if isinstance(result, tuple) else (result,)
    error = parts[-1] if len(parts) > 1 else None
    if http.last is None:
        if http.sent:  # aiohttp's error comes back as the call's error, not raised
            return Outcome("server-error", detail=f"connection failed: {error}")
        return Outcome("refused", detail=f"the SDK sent nothing: {error}")
    status, body = http.last
    if status >= 500:
        return Outcome("server-error", status=status, answer=pretty(body), detail=f"HTTP {status}")
    if status >= 400 or error is not None:
        return okta_error(status, body, error)
    # the SDK parsed it (its models drop read-only fields such as ``id`` from ``to_dict``): keep the JSON as sent
    return Outcome("answer", status=status, answer=pretty(body), data=_json(body) if body.strip() else None)


def okta_error(status: int, body: str, error: Any = None) -> Outcome:
    """An error answer: Okta's envelope (``errorCode``, ``errorSummary``) gives the code; nothing else is Okta's."""
    try:
        envelope = json.loads(body)
    except ValueError:
        envelope = None
    code = envelope.get("errorCode") if isinstance(envelope, dict) else None
    if status < 400:
        return Outcome("unparsed", status=status, answer=pretty(body), detail=f"the SDK could not read it: {error}")
    if not isinstance(code, str) or not code or not isinstance(envelope.get("errorSummary"), str):
        detail = f"HTTP {status} not in Okta's error envelope"
        return Outcome("unparsed", status=status, answer=pretty(body), detail=detail)
    return Outcome("vendor-error", code=code, status=status, answer=pretty(body), data=envelope)


def _json(body: str) -> Any:
    try:
        return json.loads(body)
    except ValueError:
        return body


def pretty(body: str, lines: int = 12) -> str:
    try:
        data = json.loads(body)
    except ValueError:
        return body
    return "\n".join(json.dumps(data, indent=1, ensure_ascii=False).splitlines()[:lines])
