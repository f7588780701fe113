"""Issue #18 item 1: the store redacts encoded and split copies of the key, not only the literal one.

Each test asks an independent question of what is left: can any 12 consecutive bytes of the key be read
back from it, as text, as hex, percent-decoded or base64-decoded at every alignment (after taking out
whitespace, escaped newlines and string-literal joins)? The scrubber's own code is not used to answer.
"""

from __future__ import annotations

import base64
import re
import sqlite3
import textwrap
import urllib.parse
from pathlib import Path

import pytest
from click.testing import CliRunner

from twingen.agent.cli import iterate
from twingen.agent.scrub import Scrubber
from twingen.agent.store import TranscriptStore

from .tiny import BEHAVIOUR, make_twin

# '/', '+', '>' and '?' make base64's URL-safe alphabet and percent-encoding differ from the plain forms
KEY = "sk-ant-api03-Zq8/>?+xYwVu_0123456789-AbCdEfGhIj"
WINDOW = 12


def recoverable(text: str, secret: str = KEY) -> list[str]:
    """How a WINDOW-byte piece of ``secret`` can still be read from ``text`` (empty: it cannot)."""
    raw = secret.encode()
    pieces = {raw[i : i + WINDOW] for i in range(len(raw) - WINDOW + 1)}
    views = {"as is": text, "unsplit": re.sub(r"""\s+|\\[nrt]|["']\s*[+,]?\s*["']""", "", text)}
    found = []
    for view_name, view in views.items():
        decoded = {"text": view.encode(), "percent": urllib.parse.unquote_to_bytes(view)}
        decoded.update({f"hex@{a}": _hex(view, a) for a in (0, 1)})
        decoded.update({f"base64@{a}": _base64(view, a) for a in range(4)})
        found += [f"{how} ({view_name})" for how, data in decoded.items() if any(p in data for p in pieces)]
    return found


def _hex(text: str, alignment: int) -> bytes:
    out = b""
    for run in re.findall(r"[0-9a-fA-F]+", text):
        run = run[alignment:]
        out += bytes.fromhex(run[: len(run) // 2 * 2]) + b"|"
    return out


def _base64(text: str, alignment: int) -> bytes:
    out = b""
    for run in re.findall(r"[A-Za-z0-9+/_-]+", text):
        run = run[alignment:].translate(str.maketrans("-_", "+/"))
        out += base64.b64decode(run[: len(run) // 4 * 4]) + b"|"
    return out


def _b64(data: bytes, urlsafe: bool, padded: bool) -> str:
    text = (base64.urlsafe_b64encode if urlsafe else base64.b64encode)(data).decode()
    return text if padded else text.rstrip("=")


def test_the_oracle_sees_every_form_before_scrubbing() -> None:
    # the tests below mean something only if these forms differ and the oracle reads each of them
    assert _b64(KEY.encode(), True, True) != _b64(KEY.encode(), False, True)
    assert urllib.parse.quote(KEY, safe="") != KEY
    for form in (KEY, KEY.encode().hex(), _b64(b"x" + KEY.encode(), True, False), urllib.parse.quote_plus(KEY)):
        assert recoverable(f"before {form} after")


@pytest.mark.parametrize("offset", [0, 1, 2])
@pytest.mark.parametrize("urlsafe", [False, True], ids=["standard", "urlsafe"])
@pytest.mark.parametrize("padded", [True, False], ids=["padded", "unpadded"])
def test_base64_copies_at_any_alignment_are_redacted(offset: int, urlsafe: bool, padded: bool) -> None:
    for suffix in (b"", b"!", b"!!", b"tail"):
        encoded = _b64(b"user:"[:offset] + KEY.encode() + suffix, urlsafe, padded)
        out = Scrubber({}, extra=(KEY,)).text(f"Authorization: Basic {encoded}\nbody={encoded}")
        assert not recoverable(out), (encoded, out)
        assert "[REDACTED:env-base64]" in out


@pytest.mark.parametrize("form", [KEY.encode().hex(), KEY.encode().hex().upper()], ids=["lower", "upper"])
def test_hex_copies_are_redacted(form: str) -> None:
    out = Scrubber({}, extra=(KEY,)).text(f"dump: 00ff{form}00 end")
    assert not recoverable(out) and "[REDACTED:env-hex]" in out


@pytest.mark.parametrize(
    "form",
    [urllib.parse.quote(KEY, safe=""), urllib.parse.quote_plus(KEY),
     re.sub("%..", lambda m: m[0].lower(), urllib.parse.quote(KEY, safe="")),
     "".join(f"%{b:02X}" for b in KEY.encode()), "".join(f"%{b:02x}" for b in KEY.encode())],
    ids=["quote", "quote_plus", "lower-case escapes", "every byte", "every byte lower-case"],
)  # fmt: skip
def test_url_encoded_copies_are_redacted(form: str) -> None:
    out = Scrubber({}, extra=(KEY,)).text(f"GET /v1/x?key={form}&b=1")
    assert not recoverable(out) and "[REDACTED:env-urlencoded]" in out


@pytest.mark.parametrize(
    "text",
    [
        f"{KEY[:10]} {KEY[10:25]}  {KEY[25:]}",
        f"{KEY[:17]}\n{KEY[17:]}",
        f"{KEY[:17]}\\n{KEY[17:]}",  # an escaped newline, as in JSON or a repr
        f'KEY = "{KEY[:9]}" "{KEY[9:30]}" "{KEY[30:]}"',
        f"KEY = '{KEY[:9]}' + '{KEY[9:]}'",
        f'KEY = ("{KEY[:20]}"\n       "{KEY[20:]}")',
        f'PARTS = ["{KEY[:15]}", "{KEY[15:]}"]',
        f'KEY = "{KEY[:15]}" \\\n    "{KEY[15:]}"',
        "\n".join(textwrap.wrap(base64.b64encode(b"prefix " + KEY.encode()).decode(), 8)),  # MIME-style lines
    ],
    ids=["spaces", "newline", "escaped newline", "joined literals", "plus", "parenthesised", "list", "continued",
         "wrapped base64"],
)  # fmt: skip
def test_split_copies_are_redacted(text: str) -> None:
    assert recoverable(text)
    out = Scrubber({}, extra=(KEY,)).text(f"before {text} after")
    assert not recoverable(out), out
    assert out.startswith("before ") and out.endswith(" after")


def test_ordinary_text_is_left_alone() -> None:
    text = 'def f(a, b):\n    return "x" + "y"  # a b c\n' + base64.b64encode(b"nothing secret here").decode()
    assert Scrubber({}, extra=(KEY,)).text(text) == text


def test_the_store_keeps_no_copy_of_the_key(tmp_path: Path) -> None:
    forms = [KEY, KEY.encode().hex(), _b64(b"ab" + KEY.encode(), True, False), urllib.parse.quote(KEY, safe=""),
             f'"{KEY[:12]}" + "{KEY[12:]}"']  # fmt: skip
    store = TranscriptStore(tmp_path / "runs.sqlite", Scrubber({}, extra=(KEY,)))
    run = store.new_run("tiny", "m", {"note": forms[1]})
    store.append(run, "tool", {"result": "\n".join(forms), forms[2]: "a key too"})
    store.close()
    data = b"".join(p.read_bytes() for p in tmp_path.glob("runs.sqlite*")).decode("utf-8", "replace")
    assert "REDACTED" in data and not recoverable(data)


@pytest.mark.network_loopback
def test_iterate_redacts_encoded_copies_of_the_key_it_took_from_the_environment(tmp_path: Path) -> None:
    # the model's code puts the key, base64-encoded, into an answer the check records
    leak = _b64(KEY.encode(), False, True)
    twin = make_twin(tmp_path / "w", BEHAVIOUR.replace('ctx.error("made_up_failure")',
                                                       f'ctx.error("made_up_failure", hint="{leak}")'))  # fmt: skip
    store = tmp_path / "runs.sqlite"
    args = ["tiny", "--sdk", "slack_sdk", "--out", str(twin), "--store", str(store), "--max-cost", "0",
            "--methods", "auth_test", "--methods", "chat_postMessage"]  # fmt: skip
    result = CliRunner().invoke(iterate, args, env={"ANTHROPIC_API_KEY": KEY})
    assert result.exit_code == 0, result.output
    answers = [row[0] for row in sqlite3.connect(store).execute("SELECT data FROM blobs")]
    text = b"".join(bytes(a) for a in answers).decode("utf-8", "replace")
    assert "made_up_failure" in text and "[REDACTED:env-base64]" in text
    assert not recoverable(text)
