"""Every real vendor document in ../shared/api_docs loads, converts where needed and warns where it should.

Expected finding counts are openapi-spec-validator 0.9.0's (see ../shared/api_docs/README.md).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from openapi_spec_validator import OpenAPIV30SpecValidator

from twingen.diagnostics import Diagnostics
from twingen.ingest.pipeline import LoadedDoc, load_documents

_GROUPED = re.compile(r"^(\d+) more places with the same problem")


def problem_count(diags: Diagnostics, file: str) -> int:
    """Validator findings reported for ``file``, counting those a grouped warning stands for."""
    total = 0
    for d in diags:
        if d.code == "invalid-spec" and d.file == file:
            grouped = _GROUPED.match(d.message)
            total += int(grouped[1]) if grouped else 1
    return total


@functools.cache
def _load(shared_docs: Path, given: str) -> tuple[LoadedDoc, Diagnostics]:
    """Each large document is loaded once per session; tests only read the result."""
    [doc], diags = load_documents([given], base_dir=shared_docs)
    assert doc.input.given == given
    assert not diags.errors, [str(d) for d in diags.errors]
    assert all(d.pointer for d in diags), "every warning is located"
    return doc, diags


@pytest.mark.parametrize(
    ("given", "fmt", "findings"),
    [
        ("jira/jira_platform_v3.swagger-v3.v3.json", "openapi-3.0", 4),
        ("jira/jira_software_agile_1.0.json", "openapi-3.0", 1),
        ("okta/okta_management_2026.06.3.yaml", "openapi-3.0", 30),
        ("stripe/stripe_spec3_2023-09-12.yaml", "openapi-3.0", 0),
        pytest.param("github/api.github.com.json", "openapi-3.0", 0, marks=pytest.mark.slow),
    ],
)
def test_openapi_documents(shared_docs: Path, given: str, fmt: str, findings: int) -> None:
    doc, diags = _load(shared_docs, given)
    assert doc.input.format == fmt and doc.input.role == "served"
    assert doc.data is not None and doc.data["paths"]
    assert problem_count(diags, given) == findings
    assert {d.code for d in diags} <= {"invalid-spec", "dangling-ref"}


def test_jira_agile_points_at_the_java_only_regex(shared_docs: Path) -> None:
    _, diags = _load(shared_docs, "jira/jira_software_agile_1.0.json")
    [diag] = diags
    assert diag.pointer.endswith("/properties/issueKeys/pattern") and "is not a 'regex'" in diag.message


def test_okta_examples_with_ref_lookalikes_only_warn(shared_docs: Path) -> None:
    doc, diags = _load(shared_docs, "okta/okta_management_2026.06.3.yaml")
    dangling = [d for d in diags if d.code == "dangling-ref"]
    assert len(dangling) == 11 and all("plain data" in d.message for d in dangling)
    assert any(d.pointer.startswith("/components/examples/UserSchemaResponse/value/") for d in dangling)
    assert doc.data is not None and doc.data["info"]["version"] == "2026.06.3"


def test_slack_is_converted_from_swagger_2_and_warns_in_the_original(shared_docs: Path) -> None:
    given = "slack/slack_web_openapi_v2.json"
    doc, diags = _load(shared_docs, given)
    assert doc.input.format == "swagger-2.0"
    assert problem_count(diags, given) == 19
    repairs = [d for d in diags if d.code == "swagger2-repair"]
    assert repairs and all(d.pointer.startswith(("/definitions/", "/paths/")) for d in repairs)
    data = doc.data
    assert data is not None and data["openapi"] == "3.0.3"
    assert data["servers"] == [{"url": "https://slack.com/api"}]
    body = data["paths"]["/chat.postMessage"]["post"]["requestBody"]
    assert "application/x-www-form-urlencoded" in body["content"]
    assert list(OpenAPIV30SpecValidator(data).iter_errors()) == []


def test_slack_folder_sets_the_asyncapi_events_aside(shared_docs: Path) -> None:
    docs, diags = load_documents(["slack"], base_dir=shared_docs)
    by_format = {d.input.format: d for d in docs}
    assert set(by_format) == {"asyncapi", "swagger-2.0"}
    events = by_format["asyncapi"]
    assert events.input.role == "set_aside" and events.data is None and "AsyncAPI" in events.input.note
    assert not diags.errors


@pytest.mark.parametrize(
    "given", ["google_drive/drive.v3.json", "google_sheets/sheets.v4.json", "google_docs/docs.v1.json"]
)
def test_discovery_documents_pass_through_raw(shared_docs: Path, given: str) -> None:
    doc, diags = _load(shared_docs, given)
    assert doc.input.format == "discovery-v1" and doc.input.role == "served"
    assert doc.data is not None and doc.data["discoveryVersion"] == "v1"
    assert not diags.items


def test_hashes_match_the_pinned_sums(shared_docs: Path) -> None:
    pinned = dict(line.split()[::-1] for line in (shared_docs / "SHA256SUMS").read_text().splitlines() if line)
    docs, _ = load_documents(["google_drive/drive.v3.json", "jira/jira_software_agile_1.0.json"], base_dir=shared_docs)
    for doc in docs:
        name = next(k for k in pinned if k.endswith(doc.input.given))
        assert doc.input.sha256 == pinned[name]
