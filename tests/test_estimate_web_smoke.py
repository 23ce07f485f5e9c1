"""benchmarks/estimate_web_1m.py on a small data set: the estimate through the web form and the API on a real
server (gunicorn, production settings), uploads streamed as multipart, results equal to `aanjager estimate`."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")), reason="the benchmark makes its own SQLite site")
def test_the_web_benchmark_runs_and_agrees_with_the_cli(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")}
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks/estimate_web_1m.py"),
            "--persons",
            "3000",
            "--workdir",
            str(tmp_path),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    assert "identical to `aanjager estimate`" in done.stdout
    assert "no uploaded file left on the server" in done.stdout
    lines = {
        line.split()[0]: line for line in done.stdout.splitlines() if line.startswith(("web form", "API"))
    }
    assert set(lines) == {"web", "API"}, done.stdout
