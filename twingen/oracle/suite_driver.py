"""What a suite driver says about one SDK's own test suite: where it lives and how to point it at a twin.

A kit names its drivers (``SuiteAdapter(name=..., driver="module:Class")``); each is a subclass of
``SuiteDriver`` that sets the class attributes and, where the suite needs them, overrides ``environment``
(the variables the suite reads: base URL, tokens, ids from the twin's seed), ``rewrites`` (vendor URL
prefixes the plugin sends to the twin) and ``tokens`` (placeholder credentials swapped for seeded ones).

``excluded`` lists the tests that need something a twin cannot have (a second real workspace, a retired
method, a real user's account), each with its reason: they are not run, they are listed, and they count
in the total as not passed, so excluding can never raise the score.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import ClassVar

from twingen.check.runner import RunningTwin

RESET_SCOPES = ("test", "module", "none")


class SuiteError(RuntimeError):
    """The suite cannot run: no sources, a checkout of something else, a dependency pip cannot install."""


class SuiteDriver:
    """How to run one SDK's own tests against a running twin."""

    name: ClassVar[str] = ""
    """What ``--suite`` takes (the kit's ``SuiteAdapter.name``)."""
    distribution: ClassVar[str] = ""
    """The PyPI distribution whose sdist carries the suite, fetched for the installed version; "" when the
    tests are only in the repository (then ``--suite-path`` is required)."""
    repository: ClassVar[str] = ""
    """Where a checkout comes from, for ``--suite-path`` (said in errors and in the report)."""
    marker: ClassVar[str] = ""
    """A file, relative to the suite's root, that only this SDK's checkout or sdist has."""
    paths: ClassVar[tuple[str, ...]] = ()
    """What pytest runs, relative to the root."""
    requirements: ClassVar[tuple[str, ...]] = ()
    """pip requirements the suite needs beyond the SDK and pytest (its test plugins)."""
    pytest_args: ClassVar[tuple[str, ...]] = ()
    reset: ClassVar[str] = "test"
    """Reset the twin before each ``test``, each ``module`` (suites whose fixtures outlive a test), or ``none``."""
    needs_tls: ClassVar[bool] = False
    excluded: ClassVar[Mapping[str, str]] = {}
    """nodeid fnmatch pattern -> why the twin cannot pass it."""
    test_timeout: ClassVar[float] = 60.0
    suite_timeout: ClassVar[float] = 3600.0
    rate_limits: ClassVar[bool] = False
    """Whether the twin enforces its vendor's rate limits during the run unless ``--rate-limits`` or
    ``--no-rate-limits`` says (on for a vendor that always limits)."""
    needs_rate_limits: ClassVar[Mapping[str, str]] = {}
    """nodeid fnmatch pattern -> why the test can pass only with the limits on (it loops until refused): excluded,
    with that reason, from a run with them off."""

    def __init__(self, twin: RunningTwin) -> None:
        self.twin = twin

    @classmethod
    def exclusions(cls, rate_limits: bool) -> dict[str, str]:
        """The tests not run in a run with the twin's limits on (``rate_limits``) or off, each with its reason."""
        return {**cls.excluded, **({} if rate_limits else cls.needs_rate_limits)}

    def environment(self) -> dict[str, str]:
        """Variables the suite reads to find its service and credentials."""
        return {}

    def rewrites(self) -> dict[str, str]:
        """Vendor URL prefix -> the twin's (``https://slack.com/`` -> ``http://127.0.0.1:PORT/``)."""
        return {}

    def tokens(self) -> dict[str, str]:
        """Placeholder credential the suite sends -> the twin's seeded one."""
        return {}

    def hosts_to_twin(self, *hosts: str) -> dict[str, str]:
        """``https://HOST/`` -> the twin's address for each host: for a suite that keeps the vendor's URLs."""
        return {f"https://{host}/": f"{self.twin.base_url}/" for host in hosts}

    def credential(self, *names: str) -> str:
        """The first of the twin's seeded credentials by name; ``SuiteError`` when it has none of them."""
        for name in names:
            if name in self.twin.credentials:
                return self.twin.credentials[name]
        raise SuiteError(f"the twin seeds no credential named {' or '.join(names)}: {sorted(self.twin.credentials)}")

    @classmethod
    def check_root(cls, root: Path) -> None:
        """``SuiteError`` unless ``root`` holds this suite (a wrong ``--suite-path`` fails here, not in pytest)."""
        if not root.is_dir():
            raise SuiteError(f"{root} is not a folder")
        if cls.marker and not (root / cls.marker).is_file():
            where = f" (a checkout of {cls.repository})" if cls.repository else ""
            raise SuiteError(f"{root} does not hold the {cls.name} suite{where}: no {cls.marker}")
        missing = [path for path in cls.paths if not (root / path).exists()]
        if missing:
            raise SuiteError(f"{root} lacks {', '.join(missing)}")
