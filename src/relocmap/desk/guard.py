"""The desk's protections: the CSRF token of every form, the operator's token when the
desk listens on another address than this computer's, the hosts it answers for (no DNS
rebinding), and the lock that keeps two publications from interleaving."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import hmac
import os
from collections.abc import Iterator
from pathlib import Path

from relocmap.base import layout
from relocmap.base.errors import RelocmapError

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
# The cookie that says the operator's token was given (its digest, never the token).
TOKEN_COOKIE = "relocmap_desk"
CSRF_FIELD = "csrf"


class DeskBusy(RelocmapError):
    """Another publication holds the lock."""


def is_local(host: str) -> bool:
    """True for the addresses of this computer only (what needs no token)."""
    return host in LOCAL_HOSTS


def token_digest(token: str) -> str:
    """What the token cookie holds: a digest of the operator's token."""
    return hashlib.sha256(("relocmap-desk:" + token).encode()).hexdigest()


def same(given: str | None, expected: str) -> bool:
    """A constant-time comparison of a submitted secret."""
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())


def host_allowed(header: str, bound: str, port: int, token: bool) -> bool:
    """Without a token, the Host header of a request must name this computer at the desk's
    port: a page of another site that resolves its own name to 127.0.0.1 (DNS rebinding)
    is refused. With a token, colleagues reach the desk by whatever name or address the
    network gives it, and the token keeps everyone else out."""
    if token:
        return True
    names = {bound, *(LOCAL_HOSTS if is_local(bound) else ())}
    allowed = {f"{n}:{port}" for n in names} | {f"[{n}]:{port}" for n in names if ":" in n}
    return header in allowed


def cross_site(origin: str | None, fetch_site: str | None, host: str) -> bool:
    """True for a request another site's page sent (its Origin, or Sec-Fetch-Site)."""
    if fetch_site is not None and fetch_site not in ("same-origin", "none"):
        return True
    if origin is None or origin == "null":
        return origin == "null"
    return origin.split("://", 1)[-1] != host


@contextlib.contextmanager
def publish_lock(work: Path) -> Iterator[None]:
    """Hold the publish lock in the desk's work folder (every desk started in the project
    folder shares it, and nothing is added to data/), or raise DeskBusy at once."""
    work.mkdir(parents=True, exist_ok=True)
    path = work / layout.DESK_LOCK
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise DeskBusy(str(path)) from None
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
