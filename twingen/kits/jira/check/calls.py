"""One call through the ``jira`` package and how it ended, as the check classes it.

``JIRAError`` with a status is Jira's answer (the code is the status: Jira sends no code of its own); a 404
``null for uri`` is the twin's "no such route"; a 5xx or a dropped connection is a server error. Anything else
the library raised is ``unparsed`` once a request went out, ``refused`` when none did (it would not send
what the check made).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import requests
from jira import JIRA
from jira.exceptions import JIRAError
from jira.resources import Resource

from twingen.check.classes import Outcome

ANSWER_CHARS = 2000


class Counted:
    """A client whose requests are counted (a response hook), to tell a refusal from a failure to read."""

    def __init__(self, client: JIRA) -> None:
        self.client = client
        self.sent = 0
        self.last: requests.Response | None = None
        client._session.hooks.setdefault("response", []).append(self._seen)

    def _seen(self, response: requests.Response, *args: Any, **kwargs: Any) -> None:
        self.sent += 1
        self.last = response


def run(counted: Counted, call: Callable[[], Any]) -> Outcome:
    before = counted.sent
    try:
        result = call()
    except JIRAError as error:
        return _error(error, counted.sent > before)
    except requests.ConnectionError as error:
        return Outcome("server-error", detail=f"connection failed: {error}")
    except Exception as error:  # anything the library raised is the check's finding
        detail = f"{type(error).__name__}: {error}"
        return Outcome("unparsed", detail=detail) if counted.sent > before else Outcome("refused", detail=detail)
    last = counted.last
    if _reduced(result, last) and counted.sent > before and last is not None and last.status_code >= 400:
        # the library's cloud_api and experimental decorators answer None for Jira's error, some methods False
        # (supports_service_desk) or the bare status (backup): the wire says which error Jira sent
        return _error(JIRAError(status_code=last.status_code, text=last.text), True)
    data = _plain(result)
    return Outcome("answer", answer=_text(data), data=data)


def _reduced(result: Any, last: requests.Response | None) -> bool:
    """The library answered Jira's error as None, False or the status code itself, not as a JIRAError."""
    if result is None or result is False:
        return True
    return type(result) is int and last is not None and result == last.status_code


def _error(error: JIRAError, sent: bool) -> Outcome:
    text = str(error.text or "")
    # a JIRAError the library raised again around Jira's (assign_issue looking its user up) keeps the status
    # only in its text: "JiraError HTTP 401 url: ..."
    found = re.search(r"JiraError HTTP (\d{3})", text)
    status = error.status_code or (int(found.group(1)) if found else 0)
    if not status:
        return Outcome("unparsed" if sent else "refused", detail=f"JIRAError: {text[:200]}")
    if status == 404 and text.startswith("null for uri"):
        return Outcome("not-routed", code="404", status=404, answer=text)
    if status >= 500:
        return Outcome("server-error", status=status, answer=text, detail=f"HTTP {status}")
    return Outcome("vendor-error", code=str(status), status=status, answer=text)


def _plain(result: Any) -> Any:
    if isinstance(result, Resource):
        return result.raw
    if isinstance(result, requests.Response):
        try:
            return result.json() if result.content else {"status": result.status_code}
        except ValueError:
            return {"status": result.status_code}
    if isinstance(result, list | tuple):
        return [_plain(item) for item in result]
    if isinstance(result, dict):
        return {k: _plain(v) for k, v in result.items()}
    return result


def _text(data: Any) -> str:
    try:
        return json.dumps(data, default=str)[:ANSWER_CHARS]
    except (TypeError, ValueError):
        return str(data)[:ANSWER_CHARS]
