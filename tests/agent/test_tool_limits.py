"""Issue #18 item 1: the model's tools have limits on time and output, and edit only behaviour module names."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from twingen.agent.tools import Toolbox, ToolError

from .tiny import MODULE

GREP_IN_A_PROCESS = """
import sys
from pathlib import Path
from twingen.agent.tools import Toolbox, ToolError
try:
    print(Toolbox.for_twin(Path(sys.argv[1]), "slack_sdk").call("grep", {"pattern": sys.argv[2]})[:200])
except ToolError as exc:
    print(f"ToolError: {exc}")
"""


def test_a_regex_that_backtracks_for_ever_stops_with_a_tool_error(twin: Path) -> None:
    (twin / "twin_tiny" / "behaviour" / "notes.txt").write_text("a" * 40 + "b\n")
    started = time.monotonic()
    # a process of its own with a hard wall, so that a grep without a budget fails this test instead of hanging it
    done = subprocess.run([sys.executable, "-c", GREP_IN_A_PROCESS, str(twin), "(a+)+$"], capture_output=True,
                          text=True, timeout=60, check=True)  # fmt: skip
    assert time.monotonic() - started < 30
    assert done.stdout.startswith("ToolError: grep stopped: the regular expression ran over 5 s"), done.stdout


def test_grep_output_is_capped_and_says_so(twin: Path) -> None:
    (twin / "twin_tiny" / "long.txt").write_text(("x" * 500 + "\n") * 1000)
    result = Toolbox.for_twin(twin, "slack_sdk").call("grep", {"pattern": "x"})
    assert len(result) <= 20_100 and result.endswith("[... stopped at 20000 characters]")
    assert Toolbox.for_twin(twin, "slack_sdk").call("grep", {"pattern": "made_up_failure"}).startswith(MODULE)


def test_a_tool_result_is_capped(twin: Path) -> None:
    (twin / "twin_tiny" / "big.txt").write_text("y" * 300_000 + "\n")
    result = Toolbox.for_twin(twin, "slack_sdk").call("read_file", {"path": "twin_tiny/big.txt"})
    assert len(result) < 100_200 and "more characters not kept" in result


@pytest.mark.parametrize(
    "name",
    ["conftest.py", "evil\n.py", "a\nb.py", "tab\t.py", "bell\x07.py", "Upper.py", "x-y.py", "1st.py", "ü.py",
     "sitecustomize.py", "setup.py", "test_x.py", "x_test.py", "x.pyc", "x.py.txt", ".hidden.py"],
)  # fmt: skip
def test_only_behaviour_module_names_are_editable(twin: Path, name: str) -> None:
    before = sorted(p.name for p in (twin / "twin_tiny" / "behaviour").iterdir())
    with pytest.raises(ToolError):
        Toolbox.for_twin(twin, "slack_sdk").call("edit_behaviour", {"path": f"twin_tiny/behaviour/{name}",
                                                                     "code": "x = 1\n"})  # fmt: skip
    assert sorted(p.name for p in (twin / "twin_tiny" / "behaviour").iterdir()) == before


@pytest.mark.parametrize("name", ["new_module.py", "_helpers.py", "v2_users.py"])
def test_plain_module_names_stay_editable(twin: Path, name: str) -> None:
    Toolbox.for_twin(twin, "slack_sdk").call("edit_behaviour", {"path": f"twin_tiny/behaviour/{name}",
                                                                 "code": "x = 1\n"})  # fmt: skip
    assert (twin / "twin_tiny" / "behaviour" / name).read_text() == "x = 1\n"


def test_an_edit_has_a_size_limit(twin: Path) -> None:
    code = "x = 1\n" * 20_000
    with pytest.raises(ToolError, match="at most 100000"):
        Toolbox.for_twin(twin, "slack_sdk").call("edit_behaviour", {"path": MODULE, "code": code})
