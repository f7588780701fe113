"""Secret scrubbing: known shapes by pattern, secret-named environment values literally."""

from __future__ import annotations

from twingen.agent.scrub import Scrubber, clean_environment, is_secret_name


def test_known_shapes_are_removed_and_the_header_names_kept() -> None:
    scrub = Scrubber({})
    text = (
        "key sk-ant-api03-abcdefghij1234 slack xoxb-123-456-abcdef xoxp-9-9-zzzzzz "
        'Authorization: Bearer abc.def-ghi_123 {"x-api-key": "k3y-value-123456"}'
    )
    out = scrub.text(text)
    for secret in ("sk-ant-api03", "xoxb-123", "xoxp-9", "abc.def-ghi_123", "k3y-value-123456"):
        assert secret not in out
    assert "Authorization: Bearer [REDACTED:bearer]" in out and '"x-api-key": "[REDACTED:header-key]"' in out


def test_values_of_secret_named_variables_are_removed_everywhere_in_json() -> None:
    scrub = Scrubber({"DB_PASSWORD": "correct-horse", "HOME": "/root", "SHORT_TOKEN": "abc"})
    data = {"correct-horse": ["a correct-horse b", 1, None], "home": "/root"}
    assert scrub.value(data) == {"[REDACTED:env]": ["a [REDACTED:env] b", 1, None], "home": "/root"}


def test_secret_names() -> None:
    assert all(map(is_secret_name, ("ANTHROPIC_API_KEY", "SLACK_BOT_TOKEN", "X_SECRET", "DB_PASSWORD", "gh_token")))
    assert not any(map(is_secret_name, ("PATH", "HOME", "TOKENIZERS_PARALLELISM", "PYTHONPATH")))
    assert clean_environment({"PATH": "/bin", "MY_API_KEY": "x"}) == {"PATH": "/bin"}
