"""Administration the jira client reaches outside the platform REST API: the re-index page, site backups (Server's
XmlBackup page, Cloud's backup export), application links, renaming a user (Server), the workflows listing,
deleting screens and permission schemes.
Sources: https://confluence.atlassian.com/adminjiraserver/search-indexing-938847710.html (re-index page),
https://confluence.atlassian.com/adminjiraserver/backing-up-data-938847673.html (XML backup),
https://docs.atlassian.com/software/jira/docs/api/REST/8.20.0/#api/2/user-updateUser ,
https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-workflows/#api-rest-api-2-workflow-get ,
https://developer.atlassian.com/cloud/jira/platform/rest/v2/api-group-screens/#api-rest-api-2-screens-screenid-delete
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response, behaviour
from ._api import any_credential, api, body
from ._errors import jira_error
from ._store import find_user, me, next_id
from ._views import user as user_view
from .config_lists import SCREENS

REINDEX_PAGE = (
    "<html><head><title>Indexing - Jira</title></head><body><h2>Indexing</h2>"
    "<p>To perform the re-index now, please go to the 'Re-Index' button below.</p>{note}</body></html>"
)


def _html(text: str) -> Response:
    return Response(200, text.encode(), media_type="text/html;charset=UTF-8")


def _admin(ctx: Context) -> dict[str, Any]:
    caller = me(ctx)
    if not {"jira-administrators", "site-admins", "jira-admins"} & set(caller.get("groups", [])):
        raise jira_error("forbidden", "You must be a Jira administrator to perform this operation.")
    return caller


@any_credential("reindex")
def reindex_page(ctx: Context) -> Response:
    _admin(ctx)
    return _html(REINDEX_PAGE.format(note=""))


@behaviour("reindex.start", method="POST", path="/secure/admin/jira/IndexReIndex.jspa")
def reindex_start(ctx: Context) -> Response:
    # the twin's search index is always current (every write updates it), so a re-index has nothing to redo
    _admin(ctx)
    return _html(REINDEX_PAGE.format(note="<p>All issues are being re-indexed.</p>"))


@any_credential("backup")
def xml_backup(ctx: Context) -> Response:
    _admin(ctx)
    name = str(ctx.params.get("filename") or "")
    if not name:
        raise jira_error("bad_request", "You must enter a file name for the backup.")
    return _html(f"<html><body><p>The backup to {name} was written.</p></body></html>")


@behaviour("backup.cloud", method="POST", path="/rest/backup/1/export/runbackup")
def cloud_backup(ctx: Context) -> dict[str, Any]:
    _admin(ctx)
    sent = body(ctx)
    task = next_id(ctx.state, "backuptask", first=1)
    ctx.state.collection("backups").put(task, {"id": task, "attachments": bool(sent.get("cbAttachments"))})
    return {"taskId": task}


@any_credential("applicationlinks")
def application_links(ctx: Context) -> dict[str, Any]:
    # a new site is linked to no other application
    return {"list": []}


@any_credential("rename_user")
def rename_user(ctx: Context) -> dict[str, Any]:
    _admin(ctx)
    found = find_user(ctx.state, str(ctx.params.get("username") or ctx.params.get("key") or ""))
    if found is None:
        raise jira_error("not_found", f"The user named '{ctx.params.get('username')}' does not exist.")
    sent = body(ctx)
    new = str(sent.get("name") or "").strip()
    if new:
        other = find_user(ctx.state, new)
        if other is not None and other["accountId"] != found["accountId"]:
            raise jira_error("bad_request", errors={"username": "A user with that username already exists."})
        found["name"] = new
    for key in ("emailAddress", "displayName"):
        if sent.get(key):
            found[key] = str(sent[key])
    ctx.state.collection("users").put(found["accountId"], found)
    return user_view(ctx, found) or {}


@api("getAllWorkflows", "GET", "workflow")
def workflows(ctx: Context) -> list[dict[str, Any]]:
    listed = []
    for flow in ctx.state.collection("workflows").values():
        statuses = {t.get("to") for t in flow.get("transitions", [])}
        listed.append({
            "name": flow["name"],
            "description": "The default Jira workflow.",
            "steps": len(statuses),
            "default": flow["id"] == "classic",
        })  # fmt: skip
    return listed


@api("deleteScreen", "DELETE", "screens/{screenId}")
def delete_screen(ctx: Context) -> Response:
    wanted = str(ctx.params.get("screenId"))
    if not wanted.isdigit() or not 1 <= int(wanted) <= len(SCREENS):
        raise jira_error("not_found", f"The screen with id '{wanted}' does not exist.")
    # every screen a new site has belongs to its default screen scheme, and Jira keeps a screen a scheme uses
    raise jira_error("bad_request", "The screen cannot be deleted as it is used in one or more screen schemes.")
