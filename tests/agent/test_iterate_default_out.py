"""``twingen iterate NAME`` as the README runs it: the twin at the default ``generated/NAME``, a relative path."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from twingen.agent.cli import iterate
from twingen.agent.tools.workspace import ToolError, Workspace
from twingen.kits import kit_named

from .messages_api import TEST_KEY, ScriptedApi
from .scripts import fixing_session
from .tiny import MODULE, make_twin

pytestmark = pytest.mark.network_loopback


@pytest.fixture
def scripted_model() -> Iterator[tuple[str, ScriptedApi]]:
    """The scripted Messages API on a loopback port, reached the way users reach a gateway: ANTHROPIC_BASE_URL."""
    api = ScriptedApi(fixing_session())

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length", "0")))
            answer = api(httpx.Request("POST", f"http://model{self.path}", content=body))
            payload = json.dumps(answer.json()).encode()
            self.send_response(answer.status_code)
            for name in ("content-type", "request-id"):
                self.send_header(name, answer.headers[name])
            self.send_header("content-length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", api
    finally:
        server.shutdown()
        server.server_close()


def test_iterate_from_the_project_root_reaches_the_model(
    tmp_path: Path, scripted_model: tuple[str, ScriptedApi], monkeypatch: pytest.MonkeyPatch
) -> None:
    twin = make_twin(tmp_path / "generated")
    monkeypatch.chdir(tmp_path)
    url, api = scripted_model
    args = ["tiny", "--sdk", "slack_sdk", "--methods", "auth_test", "--methods", "chat_postMessage"]
    result = CliRunner().invoke(
        iterate, [*args, "--store", str(tmp_path / "runs.sqlite")],
        env={"ANTHROPIC_API_KEY": TEST_KEY, "ANTHROPIC_BASE_URL": url},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert len(api.bodies) == 5 and "stopped: target reached" in result.output
    assert 'ctx.params.get("channel")' in (twin / MODULE).read_text()


def test_a_behaviour_link_to_a_kit_is_the_kits_folder_and_nothing_else(tmp_path: Path) -> None:
    kit = kit_named("slack")
    assert kit is not None
    package = tmp_path / "twin" / "twin_slack"
    package.mkdir(parents=True)
    (package / "behaviour").symlink_to(kit.behaviour_dir, target_is_directory=True)
    (package / "elsewhere").symlink_to(tmp_path, target_is_directory=True)
    space = Workspace(tmp_path / "twin")
    assert space.behaviour_dirs() == [package / "behaviour"]
    chat = space.editable("twin_slack/behaviour/chat.py")
    assert chat == kit.behaviour_dir.resolve() / "chat.py"
    assert space.relative(chat) == "twin_slack/behaviour/chat.py"
    assert "twin_slack/behaviour/chat.py" in space.snapshot()
    with pytest.raises(ToolError, match="outside the twin folder"):
        space.resolve("twin_slack/elsewhere/x.py")
    with pytest.raises(ToolError, match="outside the twin folder"):
        space.resolve("twin_slack/behaviour/../../../../etc/passwd")
