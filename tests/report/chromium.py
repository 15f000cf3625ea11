"""A headless Chromium driven over the DevTools protocol, on a pipe: no driver library.

``--remote-debugging-pipe`` makes Chromium read protocol messages (JSON, each ended by a NUL
byte) on its file descriptor 3 and write its own on descriptor 4, as Puppeteer's pipe mode
does; so the browser needs no port, no websocket client and no network. ``executable()`` is
None where Chromium is not installed, and the tests that need it skip.
"""

from __future__ import annotations

import base64
import json
import os
import select
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--remote-debugging-pipe",
)
WAIT = 60.0  # seconds without a word from the browser before it is taken for hung


def executable() -> str | None:
    """Debian's ``chromium`` (or a Chromium named otherwise on the PATH), if installed."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


class BrowserError(RuntimeError):
    pass


class Browser:
    """One Chromium process and the protocol session of its one page."""

    def __init__(self, process: subprocess.Popen[bytes], to_browser: int, from_browser: int):
        self.process = process
        self._out = to_browser
        self._in = from_browser
        self._buffer = b""
        self._next = 0
        self.events: list[dict[str, Any]] = []
        self.session = ""

    def _send(self, method: str, params: dict[str, Any] | None, session: str | None) -> int:
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._out, json.dumps(message).encode() + b"\0")
        return self._next

    def _receive(self) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._in], [], [], WAIT)
            if not ready:
                raise BrowserError(f"Chromium said nothing for {WAIT:.0f} s")
            data = os.read(self._in, 1 << 16)
            if not data:
                raise BrowserError("Chromium closed the pipe")
            self._buffer += data
        message, _, self._buffer = self._buffer.partition(b"\0")
        parsed: dict[str, Any] = json.loads(message)
        return parsed

    def call(self, method: str, params: dict[str, Any] | None = None, page: bool = True) -> Any:
        """A command's result (on the page's session unless ``page`` is False); the events
        that arrive meanwhile are kept in ``events``."""
        number = self._send(method, params, self.session if page else None)
        while True:
            message = self._receive()
            if message.get("id") == number:
                if "error" in message:
                    raise BrowserError(f"{method}: {message['error']}")
                return message.get("result", {})
            if "method" in message:
                self.events.append(message)

    def wait_for(self, event: str) -> dict[str, Any]:
        """The first ``event`` of the page's session, kept or still to come."""
        for message in self.events:
            if message["method"] == event and message.get("sessionId") == self.session:
                self.events.remove(message)
                return message
        while True:
            message = self._receive()
            if message.get("method") == event and message.get("sessionId") == self.session:
                return message
            if "method" in message:
                self.events.append(message)

    def open(self, url: str, width: int = 1280, height: int = 900) -> None:
        """Attach to the browser's page, size it, load ``url`` and wait for its load event."""
        targets = self.call("Target.getTargets", page=False)["targetInfos"]
        page = next(t for t in targets if t["type"] == "page")
        attached = self.call(
            "Target.attachToTarget", {"targetId": page["targetId"], "flatten": True}, page=False
        )
        self.session = attached["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.call(f"{domain}.enable")
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )
        self.call("Page.navigate", {"url": url})
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page; a thrown exception is an error."""
        result = self.call(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
        )
        if "exceptionDetails" in result:
            raise BrowserError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def click(self, selector: str) -> None:
        """A real mouse click (pressed, released) in the middle of the element, scrolled into
        view first."""
        where = self.evaluate(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
            " e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
            " return [r.left + Math.min(r.width / 2, 20), r.top + r.height / 2]; })()"
        )
        x, y = where
        for kind in ("mousePressed", "mouseReleased"):
            self.call(
                "Input.dispatchMouseEvent",
                {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1},
            )

    def screenshot(self, target: Path) -> Path:
        data = self.call("Page.captureScreenshot", {"format": "png"})["data"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(base64.b64decode(data))
        return target

    def problems(self) -> list[str]:
        """What the page reported going wrong: exceptions, and console errors such as a
        Content-Security-Policy refusing a style, a script or a load."""
        found = []
        for message in self.events:
            params = message.get("params", {})
            if message["method"] == "Runtime.exceptionThrown":
                found.append(str(params.get("exceptionDetails")))
            elif message["method"] == "Log.entryAdded" and params["entry"]["level"] == "error":
                found.append(params["entry"].get("text", ""))
            elif message["method"] == "Runtime.consoleAPICalled" and params["type"] == "error":
                found.append(str(params.get("args")))
        return found


@contextmanager
def chromium(path: str) -> Iterator[Browser]:
    """A headless Chromium with a new, empty profile; closed (and its profile removed) after."""
    profile = tempfile.mkdtemp(prefix="medlint-chromium-")
    to_browser_read, to_browser = os.pipe()
    from_browser, from_browser_write = os.pipe()

    def descriptors() -> None:  # in the child: the pipe ends as its descriptors 3 and 4
        read_end, write_end = os.dup(to_browser_read), os.dup(from_browser_write)
        os.dup2(read_end, 3)
        os.dup2(write_end, 4)

    process = subprocess.Popen(
        [path, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=descriptors,  # (pytest runs tests on one thread)
        pass_fds=(3, 4),  # kept open in the child once descriptors() has set them
    )
    os.close(to_browser_read)
    os.close(from_browser_write)
    browser = Browser(process, to_browser, from_browser)
    try:
        yield browser
    finally:
        try:
            browser.call("Browser.close", page=False)
            process.wait(timeout=WAIT)
        except (BrowserError, OSError, subprocess.TimeoutExpired):
            process.kill()
            process.wait()
        os.close(to_browser)
        os.close(from_browser)
        shutil.rmtree(profile, ignore_errors=True)
