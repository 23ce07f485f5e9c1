"""Which runs count as interrupted: only those whose process is gone, seen from a process that can tell (same host,
boot and pid namespace); a live worker's run is left alone, and a result that arrives after its run was marked
interrupted is dropped (issue 8, fault tests; the kills themselves are in tests/faults/test_kill.py)."""

import subprocess
import sys

import pytest

from aanjager.estimates import runner, services
from aanjager.estimates.models import EstimateRow, EstimateRun
from tests.estimates.test_runs import demo, form, login  # noqa: F401 - fixtures


def test_this_process_is_not_gone():
    assert runner.worker_gone(runner.worker_id()) is False


def test_a_child_is_gone_once_it_has_ended():
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from aanjager.estimates import runner; print(runner.worker_id(), flush=True); input()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    worker = child.stdout.readline().strip()
    assert worker.count("|") == 4 and worker != runner.worker_id()
    assert runner.worker_gone(worker) is False  # alive (a sibling process, as another gunicorn worker)
    child.kill()
    child.wait()
    assert runner.worker_gone(worker) is True


@pytest.mark.parametrize(
    "change, gone",
    [
        (lambda p: p.__setitem__(0, "een-andere-host"), False),  # another machine: cannot tell here
        (lambda p: p.__setitem__(2, "pid:[1]"), False),  # another container with the same host name
        (lambda p: p.__setitem__(1, "00000000-0000-0000-0000-000000000000"), True),  # the machine rebooted
        (lambda p: p.__setitem__(4, "1"), True),  # the pid now belongs to another process
    ],
    ids=["other-host", "other-pid-namespace", "rebooted", "pid-reused"],
)
def test_what_can_and_cannot_be_told(change, gone):
    parts = runner.worker_id().split("|")
    change(parts)
    assert runner.worker_gone("|".join(parts)) is gone


@pytest.mark.parametrize("worker", ["", "host/boot/12/34", "a|b|c|d"])
def test_an_id_of_another_form_is_left_to_the_time_limit(worker):
    assert runner.worker_gone(worker) is False


@pytest.mark.django_db
def test_expiry_leaves_a_live_workers_run_alone_and_ends_a_dead_ones(demo):  # noqa: F811
    alive = EstimateRun.objects.create(
        title="Loopt", region=demo, year=2025, status="running", worker=runner.worker_id()
    )
    parts = runner.worker_id().split("|")
    parts[4] = "1"
    dead = EstimateRun.objects.create(
        title="Weg", region=demo, year=2025, status="running", worker="|".join(parts)
    )
    assert services.expire_stale_runs() == 1
    alive.refresh_from_db()
    dead.refresh_from_db()
    assert alive.status == "running" and dead.status == "failed" and dead.step == "interrupted"


@pytest.mark.django_db
def test_a_result_after_the_run_was_marked_interrupted_is_dropped(client, demo, monkeypatch):  # noqa: F811
    real_engine = services.run_engine

    def engine_then_interrupted(**kwargs):
        result = real_engine(**kwargs)
        # meanwhile another process decided this run's worker was gone
        EstimateRun.objects.filter(status="running").update(status="failed", step="interrupted")
        return result

    monkeypatch.setattr(services, "run_engine", engine_then_interrupted)
    login(client, "beleid")
    client.post("/schattingen/nieuw/", form(demo))
    run = EstimateRun.objects.get(title="Test 2025")
    assert run.status == "failed" and run.step == "interrupted"
    assert not EstimateRow.objects.filter(run=run).exists()
