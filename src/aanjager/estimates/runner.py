"""Run estimate jobs off the request: a thread in the web process (enough for one municipality's data), or inline
when AANJAGER_JOBS_INLINE is set (tests, and installations that run jobs with a separate command later).

A run records which process runs it (`worker_id`: host, boot, pid namespace, pid, start time). A killed or restarted web process takes its threads along and
leaves its runs 'running'; `worker_gone` lets any other process on the same machine see that at once."""

import os
import socket
import threading
from pathlib import Path

from django.conf import settings
from django.db import connections


def start(run_id: int) -> None:
    if settings.AANJAGER_JOBS_INLINE:
        _execute(run_id)
        return
    threading.Thread(target=_work, args=(run_id,), name=f"estimate-run-{run_id}", daemon=True).start()


def _execute(run_id: int) -> None:
    from aanjager.estimates import services  # services imports this module

    services.execute_run(run_id)


def _work(run_id: int) -> None:
    try:
        _execute(run_id)
    finally:
        connections.close_all()


def _read(path: str) -> str:
    try:
        return Path(path).read_text().strip()
    except OSError:
        return ""


def _boot_id() -> str:
    return _read("/proc/sys/kernel/random/boot_id")


def _started(pid: int) -> str:
    """The process's start time in clock ticks since boot (field 22 of /proc/PID/stat): a pid used again by
    another process has another start time. Empty when there is no such process (or no /proc)."""
    stat = _read(f"/proc/{pid}/stat")
    fields = stat.rpartition(")")[2].split()  # the name in parentheses may hold spaces
    if len(fields) <= 19 or fields[0] in ("Z", "X"):  # a zombie has ended, only not yet been reaped
        return ""
    return fields[19]


def _pid_namespace() -> str:
    """Which pids this process sees: containers sharing a host name (and the boot id) each have their own."""
    try:
        return os.readlink("/proc/self/ns/pid")
    except OSError:
        return ""


def worker_id() -> str:
    """This process: host|boot|pid namespace|pid|start."""
    pid = os.getpid()
    return "|".join((socket.gethostname(), _boot_id(), _pid_namespace(), str(pid), _started(pid)))


def worker_gone(worker: str) -> bool:
    """True when `worker` is a process of this machine, seen in this pid namespace, that no longer exists (killed,
    or the machine rebooted). False when it still runs, or when that cannot be told from here (another machine or
    container, no /proc, an id of another form): the stale timeout then applies."""
    parts = worker.split("|")
    if len(parts) != 5:
        return False
    host, boot, namespace, pid, started = parts
    if host != socket.gethostname() or not boot or not started or not pid.isdigit():
        return False
    if boot != _boot_id():
        return True
    if not namespace or namespace != _pid_namespace():
        return False
    return _started(int(pid)) != started
