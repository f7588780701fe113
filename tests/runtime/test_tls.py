"""``serve --tls``: a local CA made once under the user's cache, HTTPS verified against it (httpx, httplib2),
plain HTTP on the same port, the CA at ``/_twin/tls/ca.pem``, ``--tls-port``, and a copied twin's CLI."""

from __future__ import annotations

import os
import shutil
import ssl
import subprocess
import sys
import time
from pathlib import Path

import httplib2
import httpx
import orjson
import pytest

from twingen import runtime
from twingen.runtime.serving.tls import ensure_certificate, tls_dir

from .conftest import free_port, make_app
from .test_faults import Served

pytestmark = pytest.mark.network_loopback


def _trust(ca: Path) -> ssl.SSLContext:
    # httpx deprecates verify=<path>; the context form is what the README shows
    return ssl.create_default_context(cafile=str(ca))


def test_cache_location_and_reuse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert tls_dir() == tmp_path / "cache" / "twingen" / "tls"
    first = ensure_certificate()
    ca = first.ca.read_bytes()
    assert first.key.stat().st_mode & 0o777 == 0o600
    second = ensure_certificate()
    assert second == first and second.ca.read_bytes() == ca  # made once, then reused
    first.cert.unlink()
    third = ensure_certificate()  # a lost certificate is made again under the same CA
    assert third.ca.read_bytes() == ca and third.cert.is_file()


def test_https_and_http_on_one_port(tmp_path: Path) -> None:
    files = ensure_certificate(tmp_path)
    app = make_app("slack")
    app.twin.tls_ca = str(files.ca)
    auth = {"Authorization": "Bearer xoxb-test-bot"}
    with Served(app, certfile=str(files.cert), keyfile=str(files.key)) as served:
        for host in ("localhost", "127.0.0.1"):
            r = httpx.post(f"https://{host}:{served.port}/api/auth.test", headers=auth, verify=_trust(files.ca))
            assert r.json()["user_id"] == "U0BOT"
        plain = httpx.post(f"http://127.0.0.1:{served.port}/api/auth.test", headers=auth)
        assert plain.json()["user_id"] == "U0BOT"
        http = httplib2.Http(ca_certs=str(files.ca), timeout=5)
        response, content = http.request(f"https://localhost:{served.port}/_twin/tls/ca.pem")
        http.close()
        assert response.status == 200 and content == files.ca.read_bytes()
        with pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
            httpx.get(f"https://127.0.0.1:{served.port}/_twin/health", verify=ssl.create_default_context())
        # the twin sees the scheme the client used, so links it builds point back the right way
        log = httpx.get(f"http://127.0.0.1:{served.port}/_twin/requests").json()["requests"]
        assert len(log) == 3


def test_ca_endpoint_without_tls_is_404(tmp_path: Path) -> None:
    from starlette.testclient import TestClient

    with TestClient(make_app("generic")) as c:
        r = c.get("/_twin/tls/ca.pem")
        assert r.status_code == 404 and "--tls" in r.json()["message"]


def _copied_twin(tmp_path: Path) -> Path:
    package = tmp_path / "twin_tlsdemo"
    shutil.copytree(Path(runtime.__file__).parent, package / "runtime", ignore=shutil.ignore_patterns("__pycache__"))
    (package / "__init__.py").write_text("")
    (package / "__main__.py").write_text(
        "import sys\nfrom .runtime.server import main\nsys.exit(main(sys.argv[1:], __package__))\n"
    )
    from . import specs

    (package / "spec.json").write_bytes(orjson.dumps(specs.generic()))
    return package


def test_serve_tls_and_tls_port_of_a_copied_twin(tmp_path: Path) -> None:
    _copied_twin(tmp_path)
    port, tls_port = free_port(), free_port()
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "twin_tlsdemo", "serve", "--port", str(port), "--tls-port", str(tls_port)]
    proc = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    ca = tmp_path / "cache" / "twingen" / "tls" / "ca.pem"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                if httpx.get(f"https://localhost:{tls_port}/_twin/health", verify=_trust(ca), timeout=2).is_success:
                    break
            except (httpx.TransportError, FileNotFoundError, ssl.SSLError):  # CA not written yet, or not up
                pass
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert httpx.get(f"http://127.0.0.1:{port}/ping").json() == {"pong": False}
        assert httpx.get(f"https://127.0.0.1:{tls_port}/_twin/tls/ca.pem", verify=_trust(ca)).content == ca.read_bytes()
    finally:
        proc.terminate()
        proc.wait(10)
    stderr = proc.stderr.read().decode() if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    assert f"TLS CA at {ca}" in stderr
