"""Files through files_upload_v2 (sync and async), direct messages, scheduled messages."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest
from slack_sdk.errors import SlackApiError

from .conftest import Twin


def _general(twin: Twin) -> str:
    return str(next(c["id"] for c in twin.client("bot").conversations_list()["channels"] if c["name"] == "general"))


def test_files_upload_v2_shares_into_a_channel(twin: Twin) -> None:
    bot, bob = twin.client("bot"), twin.client("user")
    general = _general(twin)
    uploaded = bot.files_upload_v2(
        channel=general,
        content="col1,col2\n1,2\n",
        filename="report.csv",
        title="Q3 report",
        initial_comment="Here is the report",
    )
    file = uploaded["file"]
    assert file["id"].startswith("F") and file["title"] == "Q3 report" and file["size"] == 14
    assert file["url_private"].startswith(twin.base_url)

    info = bob.files_info(file=file["id"])["file"]
    assert info["channels"] == [general] and info["filetype"] == "csv"
    content = httpx.get(info["url_private"], headers={"Authorization": f"Bearer {twin.tokens['user']}"})
    assert content.status_code == 200 and content.content == b"col1,col2\n1,2\n"

    latest = bob.conversations_history(channel=general, limit=1)["messages"][0]
    assert latest["text"] == "Here is the report" and latest["files"][0]["id"] == file["id"]
    assert [f["id"] for f in bob.files_list(channel=general)["files"]] == [file["id"]]

    with pytest.raises(SlackApiError) as caught:
        bob.files_delete(file=file["id"])
    assert caught.value.response["error"] == "cant_delete_file"
    bot.files_delete(file=file["id"])
    with pytest.raises(SlackApiError) as caught:
        bot.files_info(file=file["id"])
    assert caught.value.response["error"] == "file_deleted"
    with pytest.raises(SlackApiError) as caught:
        bot.files_info(file="F0NOTAFILE")
    assert caught.value.response["error"] == "file_not_found"


def test_unshared_upload_stays_private_and_old_upload_is_retired(twin: Twin) -> None:
    bot = twin.client("bot")
    mine = bot.files_upload_v2(content=b"\x89PNG\r\n", filename="pixel.png")["file"]
    assert bot.files_info(file=mine["id"])["file"]["mimetype"] == "image/png"
    with pytest.raises(SlackApiError) as caught:
        twin.client("user").files_info(file=mine["id"])
    assert caught.value.response["error"] == "file_not_found"
    with pytest.raises(SlackApiError) as caught, pytest.warns(UserWarning, match="files_upload_v2"):
        bot.files_upload(content="old way", channels=_general(twin))
    assert caught.value.response["error"] == "method_deprecated"


def test_async_client_uploads_and_threads(twin: Twin) -> None:
    async def story() -> None:
        bot, alice = twin.async_client("bot"), twin.async_client("admin")
        general = (await bot.conversations_list())["channels"][0]["id"]
        parent = await alice.chat_postMessage(channel=general, text="async thread")
        await bot.chat_postMessage(channel=general, text="async reply", thread_ts=parent["ts"])
        thread = await alice.conversations_replies(channel=general, ts=parent["ts"])
        assert [m["text"] for m in thread["messages"]] == ["async thread", "async reply"]
        done = await bot.files_upload_v2(channel=general, content="hello", filename="a.txt", thread_ts=parent["ts"])
        assert done["file"]["name"] == "a.txt"
        thread = await alice.conversations_replies(channel=general, ts=parent["ts"])
        assert thread["messages"][0]["reply_count"] == 2
        with pytest.raises(SlackApiError) as caught:
            await bot.conversations_info(channel="C0MISSING0")
        assert caught.value.response["error"] == "channel_not_found"

    asyncio.run(story())


def test_direct_messages(twin: Twin) -> None:
    alice, bob = twin.client("admin"), twin.client("user")
    alice_id, bob_id = alice.auth_test()["user_id"], bob.auth_test()["user_id"]
    bot_id = twin.client("bot").auth_test()["user_id"]
    dm = alice.conversations_open(users=bob_id)["channel"]["id"]
    assert dm.startswith("D")
    assert alice.conversations_open(users=bob_id)["already_open"] is True
    alice.chat_postMessage(channel=dm, text="just us")
    seen_by_bob = bob.conversations_open(users=alice_id, return_im=True)["channel"]
    assert seen_by_bob["id"] == dm and seen_by_bob["user"] == alice_id and seen_by_bob["is_im"] is True
    assert bob.conversations_history(channel=dm)["messages"][0]["text"] == "just us"
    assert error(twin.client("reader").conversations_history, channel=dm) == "channel_not_found"

    group = alice.conversations_open(users=f"{bob_id},{bot_id}")["channel"]
    assert group["id"].startswith("G") and group["is_mpim"] is True and group["name"].startswith("mpdm-")
    assert error(alice.conversations_open, users="") == "users_list_not_supplied"
    alice.conversations_close(channel=dm)
    assert alice.conversations_close(channel=dm)["already_closed"] is True
    general = _general(twin)
    assert error(alice.conversations_close, channel=general) == "method_not_supported_for_channel_type"

    last = alice.chat_postMessage(channel=general, text="read up to here")["ts"]
    alice.conversations_mark(channel=general, ts=last)
    assert alice.conversations_info(channel=general)["channel"]["last_read"] == last


def test_scheduled_messages(twin: Twin) -> None:
    bot = twin.client("bot")
    general = _general(twin)
    soon = int(time.time()) + 3600
    scheduled = bot.chat_scheduleMessage(channel=general, text="later", post_at=soon)
    assert scheduled["scheduled_message_id"].startswith("Q") and scheduled["post_at"] == str(soon)
    listed = bot.chat_scheduledMessages_list(channel=general)["scheduled_messages"]
    assert [(m["id"], m["post_at"], m["text"]) for m in listed] == [(scheduled["scheduled_message_id"], soon, "later")]
    assert error(bot.chat_scheduleMessage, channel=general, text="x", post_at=int(time.time()) - 10) == "time_in_past"
    too_far = int(time.time()) + 200 * 86_400
    assert error(bot.chat_scheduleMessage, channel=general, text="x", post_at=too_far) == "time_too_far"
    bot.chat_deleteScheduledMessage(channel=general, scheduled_message_id=scheduled["scheduled_message_id"])
    assert bot.chat_scheduledMessages_list()["scheduled_messages"] == []
    assert (
        error(bot.chat_deleteScheduledMessage, channel=general, scheduled_message_id=scheduled["scheduled_message_id"])
        == "invalid_scheduled_message_id"
    )


def error(call: object, **kwargs: object) -> str:
    with pytest.raises(SlackApiError) as caught:
        call(**kwargs)  # type: ignore[operator]
    return str(caught.value.response["error"])
