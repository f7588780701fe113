"""User stories: find the domain's labels, apply one to a file and find it again; get a CSE token and check it."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any

import httpx
import pytest
from drive_helpers import error_of
from googleapiclient.errors import HttpError

OTHER = "other@example.com"


def _published(twin: Any) -> dict[str, dict[str, Any]]:
    """The Drive Labels API's published labels, by title (how a client learns the ids)."""
    with twin.http("owner") as http:
        answer = http.get("/v2/labels")
    answer.raise_for_status()
    return {label["properties"]["title"]: label for label in answer.json()["labels"]}


def _field(label: dict[str, Any], name: str) -> dict[str, Any]:
    return next(f for f in label["fields"] if f["properties"]["displayName"] == name)


def _refusal(call: Any) -> tuple[int, str]:
    with pytest.raises(HttpError) as caught:
        call.execute()
    error = error_of(caught.value)
    return int(error["code"]), str(error["errors"][0]["reason"])


def test_apply_a_label_and_find_it(twin: Any, drive: Any) -> None:
    project = _published(twin)["Project"]
    code, status = _field(project, "Code"), _field(project, "Status")
    final = next(c["id"] for c in status["selectionOptions"]["choices"] if c["properties"]["displayName"] == "Final")
    doc = drive.files().create(body={"name": "spec.txt"}).execute()["id"]
    assert drive.files().listLabels(fileId=doc).execute() == {"kind": "drive#labelList", "labels": []}

    mods = [
        {"fieldId": code["id"], "setTextValues": ["PRJ-7"]},
        {"fieldId": status["id"], "setSelectionValues": [final]},
    ]
    answer = (
        drive.files()
        .modifyLabels(fileId=doc, body={"labelModifications": [{"labelId": project["id"], "fieldModifications": mods}]})
        .execute()
    )
    assert answer["kind"] == "drive#modifyLabelsResponse"
    (label,) = answer["modifiedLabels"]
    assert label["id"] == project["id"] and label["revisionId"] == project["revisionId"]
    assert label["fields"][code["id"]]["text"] == ["PRJ-7"]
    assert label["fields"][status["id"]] == {
        "kind": "drive#labelField", "id": status["id"], "valueType": "selection", "selection": [final]
    }  # fmt: skip

    listed = drive.files().listLabels(fileId=doc).execute()["labels"]
    assert [item["id"] for item in listed] == [project["id"]] and listed[0]["fields"] == label["fields"]
    shown = drive.files().get(fileId=doc, includeLabels=project["id"], fields="labelInfo").execute()
    assert shown["labelInfo"]["labels"] == listed
    assert "labelInfo" not in drive.files().get(fileId=doc, fields="*").execute()
    found = drive.files().list(includeLabels=project["id"], fields="files(id,labelInfo)").execute()["files"]
    assert found == [{"id": doc, "labelInfo": {"labels": listed}}]


def test_unset_remove_and_page_through_labels(twin: Any, drive: Any) -> None:
    labels = _published(twin)
    project, secret, reviewed = labels["Project"], labels["Confidentiality"], labels["Reviewed"]
    doc = drive.files().create(body={"name": "notes.txt"}).execute()["id"]
    level = _field(secret, "Level")
    people = _field(project, "Reviewers")
    mods = [
        {"labelId": reviewed["id"]},  # a label without fields is applied by naming it
        {"labelId": secret["id"], "fieldModifications": [
            {"fieldId": level["id"], "setSelectionValues": [level["selectionOptions"]["choices"][0]["id"]]}]},
        {"labelId": project["id"], "fieldModifications": [
            {"fieldId": people["id"], "setUserValues": [OTHER, "owner@example.com"]},
            {"fieldId": _field(project, "Priority")["id"], "setIntegerValues": ["2"]},
            {"fieldId": _field(project, "Due date")["id"], "setDateValues": ["2031-05-06"]}]},
    ]  # fmt: skip
    drive.files().modifyLabels(fileId=doc, body={"labelModifications": mods}).execute()
    first = drive.files().listLabels(fileId=doc, maxResults=2).execute()
    rest = drive.files().listLabels(fileId=doc, maxResults=2, pageToken=first["nextPageToken"]).execute()
    assert "nextPageToken" not in rest
    assert {item["id"] for item in first["labels"] + rest["labels"]} == {project["id"], secret["id"], reviewed["id"]}
    users = next(i for i in first["labels"] + rest["labels"] if i["id"] == project["id"])["fields"][people["id"]]
    assert [u["emailAddress"] for u in users["user"]] == [OTHER, "owner@example.com"]

    unset = {"labelId": project["id"], "fieldModifications": [{"fieldId": people["id"], "unsetValues": True}]}
    remove = {"labelId": secret["id"], "removeLabel": True}
    changed = drive.files().modifyLabels(fileId=doc, body={"labelModifications": [unset, remove]}).execute()
    assert [item["id"] for item in changed["modifiedLabels"]] == [project["id"]]
    assert people["id"] not in changed["modifiedLabels"][0]["fields"]
    left = drive.files().listLabels(fileId=doc).execute()["labels"]
    assert sorted(item["id"] for item in left) == sorted([project["id"], reviewed["id"]])


def test_label_errors_change_nothing(twin: Any, drive: Any, other: Any) -> None:
    project = _published(twin)["Project"]
    doc = drive.files().create(body={"name": "x.txt"}).execute()["id"]
    good = {"labelId": project["id"], "fieldModifications": [{"fieldId": _field(project, "Code")["id"],
                                                               "setTextValues": ["A"]}]}  # fmt: skip
    bad_field = {"labelId": project["id"], "fieldModifications": [{"fieldId": "NOPE", "setTextValues": ["B"]}]}
    wrong_type = {"labelId": project["id"], "fieldModifications": [
        {"fieldId": _field(project, "Priority")["id"], "setTextValues": ["high"]}]}  # fmt: skip
    files = drive.files()
    assert _refusal(files.modifyLabels(fileId=doc, body={"labelModifications": [good, bad_field]})) == (400, "invalid")
    assert _refusal(files.modifyLabels(fileId=doc, body={"labelModifications": [wrong_type]})) == (400, "invalid")
    unknown = {"labelModifications": [{"labelId": "unknownLabel"}]}
    assert _refusal(files.modifyLabels(fileId=doc, body=unknown)) == (404, "notFound")
    assert files.listLabels(fileId=doc).execute()["labels"] == []  # the whole request failed: nothing applied

    drive.permissions().create(fileId=doc, body={"type": "user", "role": "reader", "emailAddress": OTHER}).execute()
    refused = other.files().modifyLabels(fileId=doc, body={"labelModifications": [good]})
    assert _refusal(refused) == (403, "insufficientFilePermissions")
    assert _refusal(other.files().listLabels(fileId="1NoSuchFile000000000000000000000")) == (404, "notFound")


def _decode(part: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
    return data


def test_generate_a_cse_token_and_verify_it(twin: Any, drive: Any, other: Any) -> None:
    doc = drive.files().create(body={"name": "sealed.bin"}).execute()["id"]
    answer = drive.files().generateCseToken(fileId=doc).execute()
    assert answer["kind"] == "drive#generateCseTokenResponse" and answer["fileId"] == doc
    assert answer["currentKaclsId"].isdigit() and answer["currentKaclsName"]
    head, body, signature = answer["jwt"].split(".")
    assert _decode(head)["alg"] == "HS256"
    claims = _decode(body)
    assert claims["email"] == "owner@example.com" and claims["resource_name"] == doc
    assert claims["aud"] == "cse-authorization" and claims["role"] == "writer"
    assert claims["exp"] > claims["iat"] and claims["kacls_url"].startswith("https://")
    # the twin's documented key: sha256("twingen-google-cse:" + tenant)
    key = hashlib.sha256(b"twingen-google-cse:default").digest()
    expected = hmac.new(key, f"{head}.{body}".encode(), hashlib.sha256).digest()
    assert base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4)) == expected

    # without a file id Drive makes one up, which files.create then accepts
    fresh = drive.files().generateCseToken().execute()
    assert fresh["fileId"] != doc and _decode(fresh["jwt"].split(".")[1])["resource_name"] == fresh["fileId"]
    made = drive.files().create(body={"id": fresh["fileId"], "name": "new.bin"}).execute()
    assert made["id"] == fresh["fileId"]

    assert _refusal(other.files().generateCseToken(fileId=doc)) == (404, "notFound")
    assert _refusal(drive.files().generateCseToken(fileId=doc, parent="root")) == (400, "invalid")


def test_each_tenant_signs_with_its_own_key(twin: Any) -> None:
    with httpx.Client(base_url=twin.base_url) as http:
        made = http.post("/_twin/tenants", json={"name": "cse-tenant"})
    assert made.status_code == 201, made.text
    tenant = made.json()
    token = next(c["token"] for c in tenant["credentials"] if c["name"] == "owner")
    service = twin.drive(token=token)
    doc = service.files().create(body={"name": "t.bin"}).execute()["id"]
    head, body, signature = service.files().generateCseToken(fileId=doc).execute()["jwt"].split(".")
    assert _decode(body)["email"].endswith(f"@{tenant['id']}.example.com")
    signed = base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4))
    keys = {name: hashlib.sha256(f"twingen-google-cse:{name}".encode()).digest() for name in (tenant["id"], "default")}
    macs = {name: hmac.new(key, f"{head}.{body}".encode(), hashlib.sha256).digest() for name, key in keys.items()}
    assert macs[tenant["id"]] == signed != macs["default"]
