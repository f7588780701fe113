"""google-api-python-client driver: ``build(name, version, ..., client_options={"api_endpoint": ...})``.

In googleapiclient 2.x ``api_endpoint`` *replaces* ``rootUrl + servicePath``, so the endpoint is the
twin's origin plus the document's ``servicePath`` (``http://127.0.0.1:PORT/drive/v3/``). The client is
built as ``build(..., credentials=Credentials(token))`` builds it (``AuthorizedHttp`` over ``httplib2``)
but over an ``httplib2.Http`` that keeps each raw answer, so that "Google error" (``HttpError`` with
Google's envelope) can be told from "could not parse" and from "never sent".

APIs beyond Drive add their values in ``API_values.py`` (``values.api_values``): setup calls, bodies, and read
backs. A read back is a probe that must succeed: after the valid call, a second call (``documents.get``) or the
valid answer itself must show what the call did; when it does not, the probe's outcome is ``unparsed`` with the
problem as its detail (the answer parsed but does not say what the vendor's would), so a twin that answers an
edit without applying it fails that method (``sdk-raised``) instead of passing on the shape of its answer.

Media uploads: the client sends them to ``https://`` on the twin's host and port whatever the endpoint
says, so the runner serves a Google twin with ``--tls`` (HTTPS and HTTP on one port) and every client here
trusts the twin's CA (``httplib2.Http(ca_certs=...)``). A twin served without TLS cannot take them, and the
media probe says so as a connection failure (``server-error``).
"""

from __future__ import annotations

import json
import ssl
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import google_auth_httplib2
import httplib2
from google.auth.exceptions import RefreshError
from google.oauth2.credentials import Credentials
from googleapiclient.discovery import build
from googleapiclient.errors import HttpError
from googleapiclient.http import MediaInMemoryUpload

from twingen.check.arguments import MISSING, Pool, from_schema
from twingen.check.classes import Outcome
from twingen.check.drivers.base import Driver, PlannedProbe
from twingen.kits.google.check import values as values
from twingen.sdk.surface import SdkMethod

BAD_TOKEN = "ya29.twincheck-bad-token"


class _RecordingHttp(httplib2.Http):  # type: ignore[misc]
    """``httplib2.Http`` that keeps the last raw answer (status, body)."""

    last: tuple[int, bytes] | None = None

    def request(self, uri: str, method: str = "GET", *args: Any, **kwargs: Any) -> tuple[Any, bytes]:
        response, content = super().request(uri, method, *args, **kwargs)
        self.last = (int(response.status), content)
        return response, content


class GoogleDriver(Driver):
    vendor = "google"
    needs_tls = True  # google-api-python-client sends media uploads to https:// on the endpoint's host

    def connect(self) -> None:
        name, _, version = self.surface.package.partition(":")[2].partition(".")
        self.api = (name, version)
        self.services: dict[str, tuple[Any, _RecordingHttp]] = {}
        for who, token in {**self.twin.credentials, "bad": BAD_TOKEN}.items():
            raw = _RecordingHttp(timeout=30, ca_certs=self.twin.ca_file)
            # as googleapiclient.http.build_http does: a resumable upload's 308 is "resume", not a redirect
            raw.redirect_codes = set(raw.redirect_codes) - {308}
            authorized = google_auth_httplib2.AuthorizedHttp(Credentials(token=token), http=raw)  # type: ignore[no-untyped-call]
            endpoint = f"{self.twin.base_url}/{values.service_path(self.surface).strip('/')}/"
            service = build(
                name,
                version,
                http=authorized,
                client_options={"api_endpoint": endpoint},
                static_discovery=True,
                cache_discovery=False,
                num_retries=0,
            )
            self.services[who] = (service, raw)
        self.id_params = values.id_params(self.surface)
        self.extra = values.api_values(name)
        self.last: tuple[str, dict[str, Any], Outcome] | None = None
        self.counter = 0
        self.emails: dict[str, str] = {}
        self.labels: list[dict[str, Any]] = []
        self.channel: dict[str, Any] = {}

    def close(self) -> None:
        for service, _ in getattr(self, "services", {}).values():
            service.close()

    # -- state --------------------------------------------------------------------------------------
    def setup(self, pool: Pool) -> None:
        """A file the first user owns (uploaded twice, so it has an old revision), shared by link, with a
        comment and a reply, a change token, a watch channel and a download operation; the users' emails
        and the domain's published Drive labels."""
        self.emails = {who: self._email(who) for who in self.twin.credentials}
        self.labels = self._published_labels()
        self.channel = {}
        for method_name, args in (*values.SETUP, *getattr(self.extra, "SETUP", ())):
            method = next((m for m in self.surface.methods if m.name == method_name), None)
            if method is None:
                continue
            call_args = {k: self._setup_value(v, pool) for k, v in args.items()}
            if MISSING in call_args.values():
                continue
            outcome = self.call(method, call_args, self._owner())
            self.harvest(method, call_args, outcome, pool)
            if method_name == "files.watch" and isinstance(outcome.data, dict):
                self.channel = outcome.data

    @staticmethod
    def _setup_value(value: Any, pool: Pool) -> Any:
        if value == values.MEDIA:
            return MediaInMemoryUpload(b"twingen check\n", mimetype="text/plain")
        return pool.get(value[1:]) if isinstance(value, str) and value.startswith("$") else value

    def _email(self, who: str) -> str:
        """A user's email, from ``about.get`` (the check knows credentials by name only)."""
        service, _ = self.services[who]
        try:
            about = service.about().get(fields="user(emailAddress)").execute(num_retries=0)
        except Exception:  # a credential about.get refuses has no email the check can use
            return ""
        return str(about.get("user", {}).get("emailAddress", ""))

    def _published_labels(self) -> list[dict[str, Any]]:
        """The domain's labels from the Drive Labels API (``GET /v2/labels``), to name real label ids."""
        _, raw = self.services[self._owner()]
        headers = {"Authorization": f"Bearer {self.twin.credentials[self._owner()]}"}
        try:
            response, content = raw.request(f"{self.twin.base_url}/v2/labels", "GET", headers=headers)
            labels = json.loads(content).get("labels") if int(response.status) == 200 else []
        except (ValueError, OSError, httplib2.HttpLib2Error):
            labels = []
        return [label for label in labels or () if isinstance(label, dict)]

    def _owner(self) -> str:
        return next(iter(self.twin.credentials), "")

    # -- arguments ----------------------------------------------------------------------------------
    def arguments(self, method: SdkMethod, pool: Pool) -> dict[str, Any]:
        op = self.operations.get(method.operation, {})
        schemas = {p["name"]: p.get("schema") for p in op.get("parameters") or ()}
        args: dict[str, Any] = {}
        for param in method.params:
            if param.location == "path":
                value = pool.get(param.name)
                if value is MISSING:  # an API's own path values (sheets_values: a range, a sheet id)
                    value = getattr(self.extra, "PATH_VALUES", {}).get(param.name, MISSING)
                args[param.name] = value if value is not MISSING else f"twincheck-{param.name}"
            elif param.required:
                value = self._query_value(param.name, pool)
                args[param.name] = value if value is not MISSING else from_schema(schemas.get(param.name))
        if any(p.name == "body" for p in method.params):
            args["body"] = self._body(method.name)
        args.update(values.EXTRA.get(method.name, {}))
        for key, value in getattr(self.extra, "EXTRA", {}).get(method.name, {}).items():
            args[key] = value(pool) if callable(value) else value  # an API's own arguments (sheets_values)
        return {k: v for k, v in args.items() if v is not MISSING}

    def _body(self, method_name: str) -> dict[str, Any]:
        """A valid body; some name objects the setup made (a channel, users, a published label)."""
        others = [email for who, email in self.emails.items() if who != self._owner() and email]
        domain = (self.emails.get(self._owner()) or "@example.com").rsplit("@", 1)[-1]
        if method_name == "approvals.start" and others:
            # two reviewers, so that one approval does not complete it before the other methods run
            return {"reviewerEmails": [others[0], f"twincheck-reviewer@{domain}"], "message": "twingen check"}
        if method_name == "approvals.reassign":
            return {"addReviewers": [{"addedReviewerEmail": f"twincheck-reviewer-{self._next()}@{domain}"}]}
        if method_name == "channels.stop" and self.channel:
            return {"id": self.channel.get("id"), "resourceId": self.channel.get("resourceId")}
        if method_name == "files.modifyLabels":
            body = values.label_body(self.labels)
            if body:
                return body
        body_for = getattr(self.extra, "body_for", None)
        made = body_for(method_name, self._next()) if body_for else None
        return made if made is not None else values.body_for(method_name, self.counter)

    def credentials_for(self, method: SdkMethod) -> list[str]:
        """The setup's approval asks the second user to review: they approve or decline it."""
        names = list(self.twin.credentials)
        if method.name in values.REVIEWER_METHODS and len(names) > 1:
            return [names[1]]
        return names[:1]

    def _query_value(self, name: str, pool: Pool) -> Any:
        if name == "requestId":
            return f"twincheck-request-{self._next()}"
        found = pool.get(name)
        return found if found is not MISSING else values.QUERY_VALUES.get(name, MISSING)

    def _next(self) -> int:
        self.counter += 1
        return self.counter

    # -- calls --------------------------------------------------------------------------------------
    def request(self, method: SdkMethod, args: dict[str, Any], credential: str) -> Any:
        service, _ = self.services[credential]
        *chain, verb = method.name.split(".")
        target = service
        for resource in chain:
            target = getattr(target, resource)()
        return getattr(target, verb)(**args)

    def call(self, method: SdkMethod, args: dict[str, Any], credential: str) -> Outcome:
        return self._run(credential, lambda: self.request(method, args, credential))

    def _run(self, credential: str, make: Any, strip: str = "") -> Outcome:
        _, raw = self.services[credential]
        raw.last = None
        try:
            request = make()
            if strip:
                request.uri = _without_query(request.uri, strip)
            data = request.execute(num_retries=0)
        except HttpError as error:
            return _http_error(int(error.resp.status), error.content)
        except RefreshError as error:
            # google-auth answers a 401 by trying to refresh a token it cannot refresh: the 401 is the answer
            if raw.last is not None:
                return _http_error(*raw.last)
            return Outcome("refused", detail=f"RefreshError: {error}")
        except (ssl.SSLError, ConnectionError, httplib2.HttpLib2Error, TimeoutError, OSError) as error:
            return Outcome("server-error", detail=f"connection failed: {type(error).__name__}: {error}")
        except Exception as error:
            detail = f"{type(error).__name__}: {error}"
            if raw.last is None:
                return Outcome("refused", detail=detail)
            return Outcome("unparsed", status=raw.last[0], answer=values.pretty(raw.last[1]), detail=detail)
        status, body = raw.last or (200, b"")
        return Outcome("answer", status=status, answer=values.pretty(body), data=data)

    # -- what Google answers ------------------------------------------------------------------------
    def known_errors(self, method: SdkMethod) -> frozenset[str]:
        declared = {e["code"] for e in self.operations.get(method.operation, {}).get("errors") or ()}
        return frozenset(declared | values.known_reasons(method.name))

    def probes(self, method: SdkMethod, args: dict[str, Any], credential: str, pool: Pool) -> list[PlannedProbe]:
        planned = [
            PlannedProbe("bad token", frozenset({"authError"}), lambda: self.call(method, args, "bad")),
        ]
        path = [p.name for p in method.params if p.location == "path"]
        if path:
            changed = {**args, path[-1]: values.UNKNOWN_ID}
            # an API may answer an unknown value of some parameter otherwise (the Directory: a customer id that is
            # not the caller's is 400 badRequest); the API's values module says so in UNKNOWN_ANSWERS
            unknown = getattr(self.extra, "UNKNOWN_ANSWERS", {}).get(path[-1], _NOT_FOUND)
            planned.append(
                PlannedProbe(
                    # Drive words it as the reason notFound; Sheets and Docs answer the canonical status alone
                    f"unknown {path[-1]}",
                    unknown,
                    lambda: self.call(method, changed, credential),
                )
            )
        required = [p.name for p in method.params if p.required and p.location != "path" and p.name in args]
        if required:
            name = required[0]
            planned.append(
                PlannedProbe(
                    f"missing {name}",
                    frozenset({"required"}),
                    lambda: self._run(credential, lambda: self.request(method, args, credential), strip=name),
                )
            )
        if any(p.name == "media_body" for p in method.params):
            media = {**args, "media_body": MediaInMemoryUpload(b"twingen check", mimetype="text/plain")}
            planned.append(PlannedProbe("media upload", frozenset(), lambda: self.call(method, media, credential)))
        bad_calls = getattr(self.extra, "bad_calls", None)
        for label, bad_args, expected in bad_calls(method.name, args) if bad_calls else ():
            make_bad = lambda bad_args=bad_args: self.call(method, bad_args, credential)  # noqa: E731
            planned.append(PlannedProbe(label, expected, make_bad, needs_success=True))
        read_back = getattr(self.extra, "read_back", None)
        if read_back is not None and self.last is not None and self.last[0] == method.name:
            _, used, valid = self.last
            planned_back = read_back(method.name, used, valid.data)
            if planned_back is not None:
                make = lambda: self._read_back(planned_back, valid, credential)  # noqa: E731
                planned.append(PlannedProbe(planned_back.label, frozenset(), make, needs_success=True))
        return planned

    def _read_back(self, plan: Any, valid: Outcome, credential: str) -> Outcome:
        """Its call's (or the valid call's) outcome; ``unparsed`` when the answer lacks what it must show."""
        if plan.method:
            method = next((m for m in self.surface.methods if m.name == plan.method), None)
            if method is None:
                return Outcome("refused", detail=f"the SDK has no {plan.method}")
            outcome = self.call(method, plan.args, credential)
        else:
            outcome = valid
        if outcome.kind != "answer":
            return outcome
        problem = plan.judge(outcome.data)
        if problem:
            return Outcome("unparsed", status=outcome.status, answer=outcome.answer, detail=problem)
        return outcome

    def harvest(self, method: SdkMethod, args: dict[str, Any], outcome: Outcome, pool: Pool) -> None:
        self.last = (method.name, args, outcome)  # what a read back checks (harvest sees every valid call)
        data = outcome.data
        if outcome.kind != "answer" or not isinstance(data, dict):
            return
        resource = method.name.rsplit(".", 1)[0].split(".")[-1]
        own = self.id_params.get(resource)
        # the last part of the kind: ``drive#file`` -> file, ``admin#directory#user`` -> user
        kind = str(data.get("kind", "")).rpartition("#")[2].lower()
        # a watch answers a channel, not a file: only an object of the method's own kind gives its id
        if own and (_singular(resource) == kind if kind else True):
            # most objects carry ``id``; an approval names its own (``approvalId``, the path parameter)
            found = data.get("id") if isinstance(data.get("id"), str) else data.get(own)
            if isinstance(found, str):
                pool.offer(own, found)
        for key, items in data.items():
            # a list under the resource's name (``files``), or Google's generic ``items`` (approvals)
            param = self.id_params.get(key) or self.id_params.get(key.lower()) or (own if key == "items" else None)
            if param and isinstance(items, list):
                for item in items:
                    found = item.get("id") or item.get(param) if isinstance(item, dict) else None
                    if isinstance(found, str):
                        pool.offer(param, found)
        if isinstance(data.get("headRevisionId"), str):
            pool.offer("revisionId", data["headRevisionId"])
        name = data.get("name")
        if isinstance(name, str) and name.startswith("operations/") and "done" in data:
            pool.offer("name", name.removeprefix("operations/"))  # operations.get takes the part after it
        for key in ("startPageToken", "newStartPageToken"):
            if isinstance(data.get(key), str):
                pool.add("pageToken", data[key])


def _singular(resource: str) -> str:
    """``replies`` -> ``reply``, ``teamdrives`` -> ``teamdrive``: Discovery kinds are singular (``drive#reply``)."""
    lower = resource.lower()
    return lower[:-3] + "y" if lower.endswith("ies") else lower.removesuffix("s")


_NOT_FOUND = frozenset({"notFound", "NOT_FOUND"})


def _http_error(status: int, content: bytes) -> Outcome:
    answer = values.pretty(content)
    if status >= 500:
        return Outcome("server-error", status=status, answer=answer, detail=f"HTTP {status}")
    try:
        error = json.loads(content)["error"]
        # Drive names a reason in ``errors``; Sheets and Docs answer only the canonical ``status``
        reason = str(error["errors"][0]["reason"] if error.get("errors") else error["status"])
        message = str(error.get("message", ""))
    except (ValueError, KeyError, IndexError, TypeError):
        return Outcome("unparsed", status=status, answer=answer, detail=f"HTTP {status} not in Google's error envelope")
    if status == 404 and message == "Method not found.":
        return Outcome("not-routed", code=reason, status=status, answer=answer)
    return Outcome("vendor-error", code=reason, status=status, answer=answer)


def _without_query(uri: str, name: str) -> str:
    parts = urlsplit(uri)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != name]
    return urlunsplit(parts._replace(query=urlencode(query)))
