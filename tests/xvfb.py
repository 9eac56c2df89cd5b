"""A private X server for window tests: Xvfb on a free display, waited for, never slept on.

Xvfb picks a free display itself and writes its number to a pipe once it accepts
clients (`-displayfd`), so tests neither guess a display number nor sleep while
it starts.
"""

from __future__ import annotations

import os
import select
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from tests.profiles import require_tools

T = TypeVar("T")

#: How long a test waits for a condition before it fails (a bound, not a pace).
PATIENCE = 90.0


def wait_for(what: str, check: Callable[[], T | None], patience: float = PATIENCE) -> T:
    """Poll `check` until it returns something other than None or False; fail after
    `patience` seconds, naming `what` was awaited."""
    deadline = time.monotonic() + patience
    while True:
        found = check()
        if found is not None and found is not False:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {patience:.0f} s for {what}")
        time.sleep(0.02)


@contextmanager
def xvfb(size: str = "1280x800x24") -> Iterator[str]:
    """A running Xvfb; yields its DISPLAY (":N"). Skips the test where Xvfb is missing."""
    require_tools("Xvfb", "xdotool", "xwininfo",
                  install="apt-get install xvfb xdotool x11-utils")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", size, "-nolisten", "tcp"],
        pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    try:
        number = b""
        deadline = time.monotonic() + PATIENCE
        while not number.endswith(b"\n"):
            left = deadline - time.monotonic()
            ready, _, _ = select.select([read_end], [], [], max(0.0, left))
            if not ready:
                raise AssertionError("Xvfb never said which display it opened")
            chunk = os.read(read_end, 16)
            if not chunk:
                raise AssertionError(f"Xvfb stopped at start (exit {server.wait(10)})")
            number += chunk
        yield f":{int(number)}"
    finally:
        os.close(read_end)
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(30)
