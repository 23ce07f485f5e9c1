"""Which door a change came through (UI, API or command line), for the audit trail.

A context variable rather than a service argument: the channel is a fact about the request, not about the
business operation, and every service would otherwise have to pass it on.
"""

from contextlib import contextmanager
from contextvars import ContextVar

UI = "ui"
API = "api"
CLI = "cli"

_channel: ContextVar[str] = ContextVar("aanjager_channel", default=CLI)


def current() -> str:
    return _channel.get()


@contextmanager
def using(channel: str):
    token = _channel.set(channel)
    try:
        yield
    finally:
        _channel.reset(token)
