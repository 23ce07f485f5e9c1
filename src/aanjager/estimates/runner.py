"""Run estimate jobs off the request: a thread in the web process (enough for one municipality's data), or inline
when AANJAGER_JOBS_INLINE is set (tests, and installations that run jobs with a separate command later)."""

import threading

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
