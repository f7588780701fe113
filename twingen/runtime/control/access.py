"""Who may use the control plane (``/_twin/``): the checks a request passes before any control route runs.

The control plane hands out every tenant's tokens and can reset, fault or re-clock the twin, and a twin on a
developer's machine is reachable from every web page that developer opens: a page cannot read a cross-origin
answer, but it can *send* "simple" requests (a form post, a ``text/plain`` fetch), and after a DNS rebinding it
reads answers under a name of its own that resolves to 127.0.0.1. So, in order:

1. A browser's cross-site request is refused: an ``Origin`` other than the twin's own (``null`` too), or
   ``Sec-Fetch-Site: cross-site``/``same-site`` (a page on another port of localhost is another origin), except a
   top-level navigation (``GET``, ``Sec-Fetch-Dest: document``): following a link to the page is fine, framing it
   or fetching from it is not.
2. With a control token (``serve --control-token``, or ``TWIN_CONTROL_TOKEN``; made and printed when the twin binds
   beyond loopback), every control request carries it: ``Authorization: Bearer TOKEN``, or the cookie the page
   sets when it is opened once with ``?token=TOKEN`` (any ``GET`` with ``?token=`` answers 303 to the same URL
   without it, setting the cookie, so the token leaves the address bar).
3. Without one, a request that came over a socket must name a loopback host in ``Host`` (``localhost``,
   ``*.localhost``, ``127.0.0.0/8``, ``[::1]``): a rebinding page names its own domain. A socket's scope carries the
   address the server listens on in ``server``; in-process transports and test clients name a host there
   (``slack.com``, ``testserver``) and are the test's own process, so they are not asked.

Refusals are 403 ``{"error": "forbidden", "message": ...}``. Clients that are not browsers send no ``Origin``
and, on loopback, need nothing: ``curl http://127.0.0.1:8000/_twin/credentials`` works as before.
"""

from __future__ import annotations

import hmac
import ipaddress
from urllib.parse import urlsplit

from ..dispatch.requests import Incoming, Scope
from ..dispatch.twin import Reply
from .loopback import host_name, is_loopback
from .routing import error_reply

COOKIE = "twin_control"
"""The cookie's name; the port is added (``twin_control_8000``), as cookies do not tell ports apart."""
_NAVIGATION_METHODS = ("GET", "HEAD")


def refusal(incoming: Incoming, scope: Scope, token: str | None) -> Reply | None:
    """The answer when ``incoming`` (a request under ``/_twin/``) may not go on, else None."""
    headers = incoming.headers
    foreign = _foreign(incoming)
    if foreign:
        return _forbidden(f"{foreign}: the control plane answers only its own page and non-browser clients")
    if token is not None:
        given = incoming.query.get("token")
        if given is not None and incoming.method in _NAVIGATION_METHODS:
            return _set_cookie(incoming, scope, token) if _same(given, token) else _forbidden("wrong control token")
        if not _same(_presented(headers, scope), token):
            return _forbidden(
                "this twin's control plane needs its control token (printed when the twin started): send "
                "'Authorization: Bearer TOKEN', or open /_twin/?token=TOKEN once in a browser"
            )
        return None
    host = headers.get("host")
    if host and _over_socket(scope) and not is_loopback(host_name(host)):
        return _forbidden(
            f"Host {host!r} is not a loopback name: the control plane answers requests for localhost or 127.0.0.1 "
            "(serve --control-token to reach it under other names)"
        )
    return None


def _foreign(incoming: Incoming) -> str:
    """What makes this a browser's cross-site request ("" when it is not one)."""
    headers = incoming.headers
    origin = headers.get("origin")
    if origin is not None and (origin == "null" or urlsplit(origin).netloc.lower() != headers.get("host", "").lower()):
        return f"a request from {origin!r}"
    site = headers.get("sec-fetch-site", "")
    if site in ("cross-site", "same-site"):
        navigation = incoming.method in _NAVIGATION_METHODS and headers.get("sec-fetch-dest") == "document"
        if not navigation:
            return f"a {site} request"
    return ""


def _over_socket(scope: Scope) -> bool:
    """Whether the request came over a socket: the server's own address (an IP address) is in the scope."""
    server = scope.get("server")
    if not server or not isinstance(server[0], str):
        return False
    try:
        ipaddress.ip_address(server[0])
    except ValueError:
        return False
    return True


def _presented(headers: dict[str, str], scope: Scope) -> str:
    """The token a request carries: its bearer header, else its cookie for this port."""
    scheme, _, value = headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and value:
        return value.strip()
    name = _cookie_name(scope)
    for part in headers.get("cookie", "").split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return ""


def _same(given: str, token: str) -> bool:
    return hmac.compare_digest(given.encode(), token.encode())


def _cookie_name(scope: Scope) -> str:
    server = scope.get("server")
    return f"{COOKIE}_{server[1]}" if server and server[1] else COOKIE


def _set_cookie(incoming: Incoming, scope: Scope, token: str) -> Reply:
    """303 to the same URL without ``token``, setting the cookie that carries it from then on."""
    rest = "&".join(f"{key}={value}" for key, value in _raw_query(scope) if key != "token")
    cookie = f"{_cookie_name(scope)}={token}; Path=/_twin; HttpOnly; SameSite=Lax"
    location = incoming.path + ("?" + rest if rest else "")
    return 303, b"", {"location": location, "set-cookie": cookie, "cache-control": "no-store"}, "text/plain"


def _raw_query(scope: Scope) -> list[tuple[str, str]]:
    """The query's parts as sent (still escaped), so the redirect keeps them as they were."""
    text = scope.get("query_string", b"").decode("latin-1")
    return [(part.partition("=")[0], part.partition("=")[2]) for part in text.split("&") if part]


def _forbidden(message: str) -> Reply:
    return error_reply("forbidden", message, 403)
