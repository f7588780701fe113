"""A client the suite's tests give a proxy goes through that proxy, as it would to the vendor: the vendor URLs the
plugin sends to the twin name 127.0.0.1, and no ``no_proxy`` (ours or the run's) may turn that into a direct call.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import pytest

from twingen.oracle.suite import SuiteOptions, run_suite

from .suites.sample_driver import SampleDriver
from .suites.tiny_twin import make_twin

pytestmark = pytest.mark.network_loopback

PROXIED = '''
"""Calls the "vendor" once directly and once through a proxy host that cannot be reached."""

import json
import os
import urllib.error
import urllib.request

import pytest

ITEMS = "https://api.sample.invalid/items"


def _get(opener: urllib.request.OpenerDirector) -> int:
    request = urllib.request.Request(ITEMS, headers={"Authorization": "Bearer " + os.environ["SAMPLE_TOKEN"]})
    with opener.open(request, timeout=10) as answer:
        json.loads(answer.read())
        return answer.status


def test_direct_call_reaches_the_twin() -> None:
    assert _get(urllib.request.build_opener()) == 200


def test_an_unreachable_proxy_fails_the_call() -> None:
    proxy = "http://proxy-host.invalid:3128"
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({"http": proxy, "https": proxy}))
    with pytest.raises(urllib.error.URLError):
        _get(opener)
'''


class ProxyDriver(SampleDriver):
    marker = "sample_proxied.py"
    paths = ("sample_proxied.py",)
    excluded: ClassVar[dict[str, str]] = {}


def test_a_proxy_a_test_names_is_used_even_with_no_proxy_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    suite = tmp_path / "suite"
    suite.mkdir()
    (suite / "pytest.ini").write_text("[pytest]\npython_files = sample_*.py\n")
    (suite / "sample_proxied.py").write_text(PROXIED)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    twin_dir = make_twin(tmp_path / "twin")
    report = run_suite(SuiteOptions(twin_dir, "sample", suite, cache=tmp_path / "cache", driver=ProxyDriver))
    assert {t.nodeid.split("::")[1]: t.outcome for t in report.tests} == {
        "test_direct_call_reaches_the_twin": "passed",
        "test_an_unreachable_proxy_fails_the_call": "passed",
    }
    assert any("proxy-host.invalid" in refusal for refusal in report.refused)
