"""The embedded task queue: kombu's filesystem transport, with messages written atomically.

kombu (5.7) creates a message file under its final name and then writes it. A worker polling
the folder can move and read the file before the bytes land, decode an empty payload, and its
consumer stops ("Unrecoverable error: JSONDecodeError") — seen here under load. So a message
is written under a name the reader skips and renamed into place (atomic in one directory);
a file that still cannot be decoded is logged and dropped instead of stopping the worker
(its document is queued again by the recovery sweep).

Selected in settings with CELERY_BROKER_TRANSPORT when the broker is `filesystem://`.
"""

from __future__ import annotations

import logging
import os
import uuid
from queue import Empty
from time import monotonic

from kombu.exceptions import ChannelError
from kombu.transport import filesystem
from kombu.utils.encoding import str_to_bytes
from kombu.utils.json import dumps

log = logging.getLogger(__name__)


class Channel(filesystem.Channel):
    def _put(self, queue, payload, **kwargs):
        name = f"{int(round(monotonic() * 1000))}_{uuid.uuid4()}.{queue}.msg"
        final = os.path.join(self.data_folder_out, name)
        # The reader takes files whose name after the first dot is "<queue>.msg": not this.
        partial = os.path.join(self.data_folder_out, f".{name}.part")
        try:
            with open(partial, "wb") as fh:
                fh.write(str_to_bytes(dumps(payload)))
            os.replace(partial, final)
        except OSError as exc:
            raise ChannelError(f"Cannot add file {final!r} to directory") from exc

    def _get(self, queue):
        try:
            return super()._get(queue)
        except ValueError as exc:  # json.JSONDecodeError: the file was moved off already
            log.error("dropped an unreadable message from queue %s: %s", queue, exc)
            raise Empty() from exc


class Transport(filesystem.Transport):
    Channel = Channel
