"""files.completeUploadExternal's ``channels``: a comma-separated list of channel ids, each looked up as given."""

from __future__ import annotations

import httpx
import pytest
from slack_sdk.errors import SlackApiError

from .conftest import Twin


def _uploaded(twin: Twin, name: str, data: bytes) -> str:
    """Steps 1 and 2 of an upload (reserve a file id, send the bytes): the file exists but is not shared yet."""
    reserved = twin.client("bot").files_getUploadURLExternal(filename=name, length=len(data))
    assert httpx.post(reserved["upload_url"], content=data).status_code == 200
    return str(reserved["file_id"])


def _channel(twin: Twin, name: str) -> str:
    return str(twin.client("bot").conversations_create(name=name)["channel"]["id"])


def test_a_file_is_shared_into_every_channel_of_the_list(twin: Twin) -> None:
    bot = twin.client("bot")
    first, second = _channel(twin, "design-1"), _channel(twin, "design-2")
    file_id = _uploaded(twin, "mock.txt", b"wireframe")
    done = bot.files_completeUploadExternal(files=[{"id": file_id, "title": "Mock"}], channels=[first, second])
    assert done["files"][0]["id"] == file_id
    assert sorted(bot.files_info(file=file_id)["file"]["channels"]) == sorted([first, second])


def test_a_single_id_split_into_characters_is_channel_not_found_and_shares_nothing(twin: Twin) -> None:
    """What slack_sdk >= 3.35 sends for ``files_upload_v2(channels="C...")``: it joins the string's characters."""
    bot = twin.client("bot")
    channel = _channel(twin, "design-3")
    file_id = _uploaded(twin, "mock.txt", b"wireframe")
    with pytest.raises(SlackApiError) as caught:
        bot.api_call("files.completeUploadExternal", params={"files": f'[{{"id": "{file_id}"}}]',
                                                              "channels": ",".join(channel)})  # fmt: skip
    assert caught.value.response["error"] == "channel_not_found"
    # nothing was finished: the same upload still completes into the channel it meant
    bot.files_completeUploadExternal(files=[{"id": file_id}], channel_id=channel)
    assert bot.files_info(file=file_id)["file"]["channels"] == [channel]
