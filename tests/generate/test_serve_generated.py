"""A generated twin serves from its folder, and its README's coverage matches the runtime's."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import httpx
import pytest

from .apis import generate, pets_api
from .serving import free_port, running

pytestmark = pytest.mark.network_loopback

BEHAVIOUR = 'from ..runtime import behaviour\n\n\n@behaviour("ping")\ndef ping(ctx):\n    return {"pong": True}\n'


def test_served_coverage_matches_the_readme(tmp_path: Path) -> None:
    twin = tmp_path / "pets"
    generate(pets_api(), twin)
    (twin / "twin_pets" / "behaviour" / "ping.py").write_text(BEHAVIOUR)
    generate(pets_api(), twin, force=True)
    readme = (twin / "README.md").read_text()
    documented = dict(re.findall(r"^\| (\S+) \| [A-Z]* \| \S* \| (behaviour|inferred|stub) \|$", readme, re.M))

    port = free_port()
    cmd = [sys.executable, "-m", "twin_pets", "serve", "--host", "127.0.0.1", "--port", str(port)]
    with running(cmd, port, cwd=str(twin)) as base:
        coverage = httpx.get(f"{base}/_twin/coverage").json()
        assert httpx.get(f"{base}/v1/ping").json() == {"pong": True}

    served = {op["id"]: op["source"] for op in coverage["operations"]}
    assert documented == served
    assert documented["ping"] == "behaviour" and documented["listPets"] == "inferred"
