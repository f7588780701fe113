"""The twin's pytest plugin, registered by the twin's ``pytest11`` entry point (``twin_NAME.runtime.testing``).

Fixtures (``NAME`` is the twin's name, e.g. ``slack`` for ``twin_slack``):

``twin`` / ``NAME_twin``
    The twin, served by uvicorn on a free 127.0.0.1 port in a thread of the test process (one server per
    session), back at its baseline for each test: the baseline snapshot restored when the runtime has
    snapshots, else reset to the seed; fault rules cleared. Yields a ``serving.harness.TwinHandle``:
    ``base_url``, ``credentials`` (by name), ``token(name)``, ``faults.add(...)/list()/clear()``,
    ``snapshot()``/``restore(id)``, ``reset()``, ``requests()``, ``mock_vendor_hosts()``, ``control()``.
    With ``--twin-inprocess`` it is served in-process instead (see below).
``twin_inprocess`` / ``NAME_twin_inprocess``
    The same without a socket: ``base_url`` is the vendor's own URL and, for the whole test, requests to the
    vendor's host are answered by the twin's app, whichever installed stack makes them: httpx (sync and
    async), urllib (slack_sdk's ``WebClient``), requests (jira, gspread) and httplib2
    (google-api-python-client). aiohttp (slack_sdk's ``AsyncWebClient``, okta) is not covered: a request
    it makes to the vendor's host raises ``InProcessNotCovered``; use ``twin`` for those SDKs.
``NAME_twin_session``
    The session's handle without the per-test isolation, for session fixtures that load data; call
    ``set_baseline()`` afterwards to make that data what every test starts from.

While ``twin`` or ``twin_inprocess`` is active, the test process refuses every non-loopback DNS lookup and
connection (``serving.netguard``): the real vendor is never reached by mistake.

pytest-xdist: each worker process starts its own server on its own port, so workers never share state
and no coordination between workers is needed. ``twin`` and ``twin_inprocess`` refuse to guess when
several twins' plugins are installed: use the ``NAME_`` fixtures then.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import ExitStack, suppress
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from .serving.harness import TwinHandle

TWIN_PACKAGE = __name__.rsplit(".runtime.", 1)[0]
"""The package this runtime copy belongs to (``twin_slack``), found from where this module is."""
TWIN_NAME = TWIN_PACKAGE.removeprefix("twin_")
PLUGIN_MARK = "__twin_pytest_plugin__"
__twin_pytest_plugin__ = True
"""Marks this module as a twin's plugin, so ``twin`` can tell when several twins are installed."""


def pytest_addoption(parser: pytest.Parser) -> None:
    # another twin's plugin may have registered it already: one option serves every twin
    with suppress(ValueError):
        parser.addoption(
            "--twin-inprocess",
            action="store_true",
            default=False,
            help="serve the twin fixtures without a socket (httpx, urllib, requests, httplib2) instead of on loopback",
        )


def _installed_twins(config: pytest.Config) -> list[str]:
    found = {
        getattr(plugin, "TWIN_PACKAGE", "")
        for plugin in config.pluginmanager.get_plugins()
        if getattr(plugin, PLUGIN_MARK, False)
    }
    return sorted(found)


def _only_twin(request: pytest.FixtureRequest, fixture: str) -> TwinHandle:
    twins = _installed_twins(request.config)
    if len(twins) > 1:
        names = ", ".join(f"{p.removeprefix('twin_')}_{fixture}" for p in twins)
        pytest.fail(f"several twins are installed ({', '.join(twins)}): use one of {names} instead of {fixture}")
    handle: TwinHandle = request.getfixturevalue(f"{TWIN_NAME}_{fixture}")
    return handle


def _session(request: pytest.FixtureRequest, inprocess: bool) -> Iterator[TwinHandle]:
    # imported here: the entry point loads this plugin into every pytest run of an environment that has
    # the twin installed, and a run that never asks for the twin should not pay for importing it
    importlib.import_module(TWIN_PACKAGE)
    from .serving.harness import start_twin

    with start_twin(TWIN_PACKAGE, inprocess=inprocess) as handle:
        yield handle


def _per_test(handle: TwinHandle) -> Iterator[TwinHandle]:
    from .serving.netguard import refuse_network

    handle.isolate()
    with ExitStack() as stack:
        # while a twin fixture is active nothing reaches the real vendor: an SDK whose HTTP stack the twin
        # does not intercept (in-process mode) or a URL left pointing at the vendor fails here, loudly
        stack.enter_context(refuse_network("test with a twin fixture"))
        if handle.inprocess:
            stack.enter_context(handle.mock_vendor_hosts())
        yield handle


@pytest.fixture(scope="session", name=f"{TWIN_NAME}_twin_session")
def twin_session(request: pytest.FixtureRequest) -> Iterator[TwinHandle]:
    """The session's twin, served on loopback (in-process with ``--twin-inprocess``); no per-test reset."""
    yield from _session(request, bool(request.config.getoption("twin_inprocess")))


@pytest.fixture(scope="session", name=f"{TWIN_NAME}_twin_inprocess_session")
def twin_inprocess_session(request: pytest.FixtureRequest) -> Iterator[TwinHandle]:
    yield from _session(request, True)


@pytest.fixture(name=f"{TWIN_NAME}_twin")
def named_twin(request: pytest.FixtureRequest) -> Iterator[TwinHandle]:
    """This twin, at its baseline for the test (see the module docstring)."""
    yield from _per_test(request.getfixturevalue(f"{TWIN_NAME}_twin_session"))


@pytest.fixture(name=f"{TWIN_NAME}_twin_inprocess")
def named_twin_inprocess(request: pytest.FixtureRequest) -> Iterator[TwinHandle]:
    """This twin in-process: requests to the vendor's host (httpx, urllib, requests, httplib2) reach it."""
    yield from _per_test(request.getfixturevalue(f"{TWIN_NAME}_twin_inprocess_session"))


@pytest.fixture(name="twin")
def twin(request: pytest.FixtureRequest) -> TwinHandle:
    """The installed twin (``NAME_twin``) when exactly one twin's plugin is installed."""
    return _only_twin(request, "twin")


@pytest.fixture(name="twin_inprocess")
def twin_inprocess(request: pytest.FixtureRequest) -> TwinHandle:
    """The installed twin in-process (``NAME_twin_inprocess``) when exactly one twin is installed."""
    return _only_twin(request, "twin_inprocess")
