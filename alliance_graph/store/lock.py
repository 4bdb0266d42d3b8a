"""One writer at a time: an advisory lock file beside the embedded database.

``fcntl.flock`` on ``<db>.lock``: the kernel releases it when the holder exits, however
it exits (a SIGKILL leaves no stale lock). The holder writes its pid into the file so a
waiting writer can say who it waits for. The file itself stays (deleting a lock file
while another process waits on it would let two writers in).
"""

from __future__ import annotations

import fcntl
import os
import sys
import time
from pathlib import Path

from ..errors import StoreError

WAIT_ENV = "ALLIANCES_LOCK_WAIT"
DEFAULT_WAIT = 30.0  # seconds a second writer waits before saying the store is busy


def wait_seconds() -> float:
    raw = os.environ.get(WAIT_ENV, "")
    try:
        return max(0.0, float(raw)) if raw else DEFAULT_WAIT
    except ValueError:
        raise StoreError(f"{WAIT_ENV}={raw!r} is not a number of seconds") from None


class WriterLock:
    """Exclusive lock on ``<db>.lock``; ``acquire`` waits up to ``wait_seconds()``."""

    def __init__(self, db: Path):
        self.db = db
        self.path = db.with_name(db.name + ".lock")
        self._fd: int | None = None

    def _holder(self, fd: int) -> str:
        try:
            text = os.pread(fd, 32, 0).decode(errors="replace").strip()
        except OSError:
            text = ""
        return f"pid {text}" if text.isdigit() else "another process"

    def acquire(self) -> "WriterLock":
        wait = wait_seconds()
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as error:
            raise StoreError(f"cannot write the store at {self.db}: "
                             f"{error.strerror} ({self.path.parent})") from None
        deadline = time.monotonic() + wait
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = self._holder(fd)
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise StoreError(
                        f"the store at {self.db} is busy: {holder} is writing it "
                        f"(waited {wait:g} s; try again when it has finished)") from None
                if not told:
                    print(f"waiting for {holder} to finish writing {self.db} "
                          f"(up to {wait:g} s)…", file=sys.stderr, flush=True)
                    told = True
                time.sleep(0.1)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd = fd
        return self

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)  # closing the descriptor releases the flock
