"""jira (pycontribs) driver: ``JIRA(server=TWIN, basic_auth=(email, API token))`` calling each method of the
client, and each ``find``/``update``/``delete`` of its resource classes, as a user would.

The twin answers as the new Cloud site it is seeded as. The setup makes a project with issues, an epic, a
comment, a worklog, a version, a component, a filter, a board with a sprint, a dashboard with a gadget, links
and an attachment; their ids are what later calls name (``values``). Every method is also called with a wrong
API token (Jira: 401) and, where it names an issue, with an unknown one (404).
"""

from __future__ import annotations

import dataclasses
import inspect
import json
import re
from pathlib import Path
from typing import Any

import jira.resources as resources
from jira import JIRA

from twingen.check.arguments import MISSING, Pool, from_annotation
from twingen.check.classes import Outcome
from twingen.check.drivers.base import Driver, PlannedProbe
from twingen.kits.jira.check import values
from twingen.kits.jira.check.calls import Counted, run
from twingen.sdk.surface import SdkMethod

UNKNOWN_ISSUE = "NOPE-999999"
SERVER_ONLY = frozenset(
    {"createmeta_issuetypes", "createmeta_fieldtypes", "project_issue_types", "project_issue_fields", "kill_websudo"}
)
"""Methods the library sends only to Jira Server/Data Center (on Cloud it refuses them before sending, or sends
nothing): called with a client of the twin answering as a Server site (``POST /_twin/jira/site``)."""
NOT_SERVED: dict[str, frozenset[str]] = {
    # the library asks for the sprint report under agile/1.0; Jira serves it only under greenhopper/1.0
    "incompletedIssuesEstimateSum": frozenset({"404"}),
    "removed_issues": frozenset({"404"}),
    "removedIssuesEstimateSum": frozenset({"404"}),
    "workflowscheme": frozenset({"404"}),  # /rest/api/2/workflowschemes: Jira's resource is workflowscheme
    "get_igrid": frozenset({"404"}),  # the iDalko Table Grid app's resource, absent from a site without the app
    "UnknownResource.find": frozenset({"404"}),  # the library's placeholder path, no Jira route
    # one field, one gadget, one customer cannot be fetched: Jira has no GET there (404, or 405 where the path
    # takes other methods) - https://developer.atlassian.com/cloud/jira/platform/rest/v2/
    "Field.find": frozenset({"404", "405"}),
    "DashboardGadget.find": frozenset({"404", "405"}),
    "Customer.find": frozenset({"404", "405"}),
}
"""Methods whose request names a route Jira does not serve: Jira's own refusal is the answer to expect."""
_PARAM = re.compile(r"\{[^{}]*\}")
_NAMED = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)


def shape(method: str, path: str) -> tuple[str, str]:
    """(verb, path with every parameter as ``{}``) so the SDK's ``{0}`` meets the twin's ``{issueIdOrKey}``."""
    return method.upper(), _PARAM.sub("{}", path.replace("/rest/api/latest/", "/rest/api/2/")).rstrip("/")


def _undecorated(function: Any, name: str) -> Any:
    """The method itself under the library's decorators (``cloud_api``, ``experimental_atlassian_api``), which
    keep it in their closure without ``functools.wraps``: its signature says what a call needs."""
    if getattr(function, "__name__", "") == name:
        return function
    for cell in getattr(function, "__closure__", None) or ():
        inner = cell.cell_contents
        if inspect.isfunction(inner) and inner is not function:
            return _undecorated(inner, name)
    return function


class JiraDriver(Driver):
    vendor = "jira"

    def connect(self) -> None:
        self.close()
        username, _, password = self.twin.credentials.get("basic", ":").partition(":")
        base = self.twin.base_url
        good = JIRA(server=base, basic_auth=(username, password), max_retries=0)
        bad = JIRA(server=base, basic_auth=(username, "wrong-token"), max_retries=0, get_server_info=False)
        # a wrong token cannot read serverInfo (Jira refuses a wrong login anywhere): it knows the site as the good one
        bad.deploymentType, bad._version = good.deploymentType, good._version
        self.clients = {"basic": Counted(good), "bad": Counted(bad)}
        rows = self.twin.http.get("/_twin/coverage").json()["operations"]
        self.routes = {shape(r["method"], r["path"]): r["id"] for r in rows}

    def close(self) -> None:
        for counted in getattr(self, "clients", {}).values():
            counted.client.close()
        self.clients = {}
        for image in getattr(self, "images", []):
            Path(image).unlink(missing_ok=True)
        self.images: list[str] = []

    def credentials_for(self, method: SdkMethod) -> list[str]:
        return ["basic"]

    def operations_of(self, method: SdkMethod) -> tuple[str, ...]:
        verb, path = values.PATHS.get(method.name, (method.http_verb, method.path))
        found = self.routes.get(shape(verb, path)) if path else None
        return (found,) if found else (method.operation or method.name,)

    # -- state --------------------------------------------------------------------------------------
    def setup(self, pool: Pool) -> None:
        client = self.clients["basic"].client
        me = client.myself()
        pool.add("user", me["accountId"])
        others = [u.accountId for u in client.search_users(query="twin") if u.accountId != me["accountId"]]
        for other in others:
            pool.offer("user", other)
        client.create_project(values.PROJECT, "Twin check")
        for n in range(2):
            made = client.create_issue(project=values.PROJECT, summary=f"check {n}", issuetype={"name": "Task"})
            pool.offer("issue", made.key)
            pool.offer("issue_id", made.id)
        epic = client.create_issue(project=values.PROJECT, summary="check epic", issuetype={"name": "Epic"})
        pool.add("epic", epic.key)
        issue = pool.get("issue")
        pool.add("comment", client.add_comment(issue, "check comment").id)
        pool.add("worklog", client.add_worklog(issue, "1h").id)
        version = client.create_version("check-1.0", values.PROJECT)
        pool.add("version", version.id)
        pool.add("version_name", version.name)
        pool.add("component", client.create_component("check component", values.PROJECT).id)
        saved = client.create_filter("check filter", "", f"project = {values.PROJECT}", True)
        pool.add("filter", saved.id)
        board = client.create_board("check board", saved.id, preset="scrum")
        pool.add("board", board.id)
        pool.add("sprint", client.create_sprint("check sprint", board.id).id)
        dashboard = client.create_dashboard(name="check dashboard")
        pool.add("dashboard", dashboard.id)
        gadget = client.add_gadget_to_dashboard(
            dashboard.id, color="blue", ignore_uri_and_module_key_validation=True,
            module_key="com.atlassian.jira.gadgets:filter-results-gadget",
        )  # fmt: skip
        pool.add("gadget", gadget.id)
        pool.add("remote_link", client.add_simple_link(issue, {"url": "https://example.com", "title": "x"}).id)
        client.create_issue_link("Relates", issue, pool.ids["issue"][1])
        links = client.issue(issue).fields.issuelinks
        if links:
            pool.add("issue_link", links[0].id)
        pool.add("attachment", client.add_attachment(issue, values.attachment(), filename="twincheck.txt").id)
        # a Jira Service Management desk is a project of type service_desk; the servicedeskapi numbers its desks
        client.create_project(values.DESK_PROJECT, "Twin check desk", ptype="service_desk")
        desks = [d for d in client.service_desks() if d.projectKey == values.DESK_PROJECT]
        if desks:
            pool.add("service_desk", desks[0].id)
        # the library makes no permission scheme, and deleting the site's default one (every project's) is not
        # what a user does: the check deletes one it made, through the REST call the library lacks
        scheme = client._session.post(
            client._get_url("permissionscheme"), data=json.dumps({"name": "twincheck scheme", "description": ""})
        )
        pool.add("permission_scheme", str(scheme.json().get("id", "")))
        # the avatar uploads read the image's size from a file the caller names (os.path.getsize); one custom
        # avatar each for the user and the project, for the deletes (they run on a fresh site after this setup)
        image = values.avatar_file()
        self.images = [*getattr(self, "images", []), image]
        pool.add("avatar_file", image)
        size = len(values.PNG)
        cropping = client.create_temp_user_avatar(me["accountId"], image, size, values.PNG, contentType="image/png")
        pool.add("cropping", cropping)
        pool.add("user_avatar", client.confirm_user_avatar(me["accountId"], cropping)["id"])
        cropping = client.create_temp_project_avatar(values.PROJECT, image, size, values.PNG, contentType="image/png")
        pool.add("project_avatar", client.confirm_project_avatar(values.PROJECT, cropping)["id"])

    # -- arguments ----------------------------------------------------------------------------------
    def arguments(self, method: SdkMethod, pool: Pool) -> dict[str, Any]:
        if "." in method.name:
            kind = method.name.split(".", 1)[0]
            ids = [self._value(ref, pool) for ref in values.RESOURCE_IDS.get(kind, ())]
            deleting = self._value(values.RESOURCE_DELETES.get(kind, {}), pool)
            if MISSING in ids or deleting is MISSING:
                return {}
            return {"ids": ids, "delete": deleting} if deleting else {"ids": ids}
        function = getattr(JIRA, method.name, None)
        if function is None:
            return {}
        function = _undecorated(function, method.name)
        args: dict[str, Any] = {}
        for name, parameter in inspect.signature(function).parameters.items():
            if name == "self" or parameter.kind not in _NAMED or parameter.default is not parameter.empty:
                continue
            value = self._argument(method, name, pool)
            if value is MISSING:
                value = from_annotation(function, name)
            if value is not MISSING:
                args[name] = value
        for name, ref in values.EXTRA.get(method.name, {}).items():
            value = self._value(ref, pool)
            if value is not MISSING:
                args[name] = value
        return args

    def _argument(self, method: SdkMethod, name: str, pool: Pool) -> Any:
        if name == "id":
            ref = values.KIND_OF_ID.get(method.name)
            return MISSING if ref is None else self._value(ref if ref.startswith("$") else f"${ref}", pool)
        if name == "attachment":
            return values.attachment()
        if name in values.BY_NAME:
            return self._value(values.BY_NAME[name], pool)
        return MISSING

    def _value(self, ref: Any, pool: Pool) -> Any:
        if isinstance(ref, dict):
            fields = {k: self._value(v, pool) for k, v in ref.items()}
            return MISSING if MISSING in fields.values() else fields
        if isinstance(ref, list):
            items = [self._value(item, pool) for item in ref]
            return MISSING if MISSING in items else items
        if not isinstance(ref, str):
            return ref
        if not ref.startswith("$"):
            return pool.get(ref) if ref in pool.ids else ref
        kind, _, nth = ref[1:].partition("#")
        if kind not in pool.ids:
            return kind  # a fixed id the site always has ("3", "10000")
        found = pool.ids[kind]
        index = int(nth or 0)
        return found[index] if len(found) > index else MISSING

    # -- calls --------------------------------------------------------------------------------------
    def call(self, method: SdkMethod, args: dict[str, Any], credential: str) -> Outcome:
        if method.name in SERVER_ONLY:
            return self._as_server(method, args, credential)
        counted = self.clients[credential]
        client = counted.client
        if "." in method.name:
            outcome = run(counted, lambda: self._resource(client, method, args))
        else:
            outcome = run(counted, lambda: getattr(client, method.name)(**args))
        if method.name in NOT_SERVED and outcome.kind == "not-routed":
            # Jira's own answer to a path it lacks is this "null for uri" 404: here it is the vendor's error
            return dataclasses.replace(outcome, kind="vendor-error")
        return outcome

    def _as_server(self, method: SdkMethod, args: dict[str, Any], credential: str) -> Outcome:
        """The call made by a client of the site answering as Jira Server, then the site back to Cloud."""
        username, _, password = self.twin.credentials.get("basic", ":").partition(":")
        site = "/_twin/jira/site"
        self.twin.http.post(site, json={"deploymentType": "Server"}).raise_for_status()
        server = JIRA(server=self.twin.base_url, basic_auth=(username, password), max_retries=0)
        try:
            if credential == "bad":
                wrong = JIRA(server=self.twin.base_url, basic_auth=(username, "wrong-token"), max_retries=0,
                             get_server_info=False)  # fmt: skip
                wrong.deploymentType, wrong._version = server.deploymentType, server._version
                server.close()  # type: ignore[no-untyped-call]
                server = wrong
            return run(Counted(server), lambda: getattr(server, method.name)(**args))
        finally:
            server.close()  # type: ignore[no-untyped-call]
            self.twin.http.post(site, json={"deploymentType": "Cloud"}).raise_for_status()

    def _resource(self, client: JIRA, method: SdkMethod, args: dict[str, Any]) -> Any:
        kind, _, verb = method.name.partition(".")
        found = getattr(resources, kind)(client._options, client._session)
        ids = args.get("ids", [])
        found.find(tuple(ids) if len(ids) > 1 else (ids[0] if ids else None))
        if verb == "update":
            return found.update(**values.RESOURCE_UPDATES.get(kind, {}))
        if verb == "delete":
            return found.delete(**args.get("delete", {}))
        return found

    # -- what Jira answers --------------------------------------------------------------------------
    def known_errors(self, method: SdkMethod) -> frozenset[str]:
        if method.name in NOT_SERVED:
            return NOT_SERVED[method.name]
        known: set[str] = set()
        for op in self.operations_of(method):
            documented = self.operations.get(op) or self.operations.get(op.rsplit(".", 1)[0]) or {}
            known.update(str(e.get("status") or e.get("code")) for e in documented.get("errors") or ())
        return frozenset(known - {"401", "403"})  # a valid call with the admin's token meets neither

    def probes(self, method: SdkMethod, args: dict[str, Any], credential: str, pool: Pool) -> list[PlannedProbe]:
        planned = [PlannedProbe("wrong API token", frozenset({"401"}), lambda: self.call(method, args, "bad"))]
        name = next((n for n in ("issue", "issue_id", "issue_key") if n in args and args[n] == pool.get("issue")), None)
        if method.name == "rank":
            name = None  # the agile API refuses an unknown issue in a rank with 400, not 404
        if name is not None:
            changed = {**args, name: UNKNOWN_ISSUE}
            planned.append(
                PlannedProbe(
                    f"unknown {name}", frozenset({"404"}), lambda: self.call(method, changed, credential), True
                )
            )
        return planned

    def harvest(self, method: SdkMethod, args: dict[str, Any], outcome: Outcome, pool: Pool) -> None:
        if outcome.kind != "answer" or not isinstance(outcome.data, dict):
            return
        kind = {
            "create_issue": "issue",
            "add_comment": "comment",
            "add_worklog": "worklog",
            "create_version": "version",
            "create_component": "component",
            "create_filter": "filter",
            "create_board": "board",
            "create_sprint": "sprint",
            "create_dashboard": "dashboard",
            "create_temp_user_avatar": "cropping",
            "create_temp_project_avatar": "cropping",
            "confirm_user_avatar": "user_avatar",
            "confirm_project_avatar": "project_avatar",
        }.get(method.name)
        if kind == "cropping":
            pool.offer(kind, outcome.data)
            return
        if kind is not None:
            pool.offer(kind, outcome.data.get("key") if kind == "issue" else outcome.data.get("id"))
