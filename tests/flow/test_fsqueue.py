"""The embedded queue (wenku.fsqueue): a worker never reads a half-written message, and a
file it cannot decode is dropped with a log line instead of stopping the worker's consumer
(kombu's own filesystem transport stopped it: "Unrecoverable error: JSONDecodeError")."""

from __future__ import annotations

import logging
import os
from queue import Empty

import pytest
from kombu import Connection

from wenku import fsqueue


@pytest.fixture
def channel(tmp_path):
    folders = {name: tmp_path / name for name in ("in", "processed", "control")}
    for folder in folders.values():
        folder.mkdir()
    options = {
        "data_folder_in": str(folders["in"]),
        "data_folder_out": str(folders["in"]),
        "processed_folder": str(folders["processed"]),
        "control_folder": str(folders["control"]),
    }
    with Connection(
        "filesystem://", transport="wenku.fsqueue:Transport", transport_options=options
    ) as connection:
        channel = connection.channel()
        channel.folder = folders["in"]
        yield channel


def takeable(folder) -> list[str]:
    """The files a polling worker would take for queue "q" right now."""
    return [name for name in os.listdir(folder) if name.partition(".")[2] == "q.msg"]


def test_a_message_appears_only_once_it_is_complete(channel, monkeypatch):
    seen = []
    replace = os.replace

    def spy(src, dst):
        seen.append((takeable(channel.folder), os.path.getsize(src)))
        replace(src, dst)

    monkeypatch.setattr(fsqueue.os, "replace", spy)
    channel._put("q", {"body": "转换文档 42"})
    ((before, size),) = seen
    assert before == [] and size > 0  # fully written while the worker could not see it
    assert channel._get("q") == {"body": "转换文档 42"}
    assert os.listdir(channel.folder) == []


def test_an_unreadable_message_is_dropped_and_the_queue_goes_on(channel, caplog):
    (channel.folder / "1_a.q.msg").write_bytes(b"")  # what kombu's own writer can expose
    (channel.folder / "2_b.q.msg").write_bytes(b'{"body": "trun')
    with caplog.at_level(logging.ERROR, logger="wenku.fsqueue"):
        for _ in range(2):
            with pytest.raises(Empty):
                channel._get("q")
    assert "unreadable message" in caplog.text
    channel._put("q", {"body": "next"})
    assert channel._get("q") == {"body": "next"}
