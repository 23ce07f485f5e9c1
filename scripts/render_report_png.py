"""Render page 1 of a demo-like progress report to docs/images/progress-report.png.

    .venv/bin/python scripts/render_report_png.py

Runs the test that builds the report's test fixture (tests/agreements/test_reports.py, a throwaway SQLite test
database), lets it write the PDF, and turns page 1 into a PNG with pdftoppm (Debian: poppler-utils). Run it
again after the translations change: the PDF is Dutch."""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "images" / "progress-report.png"
TEST = "tests/agreements/test_reports.py::test_write_the_demo_like_report_pdf"


def main() -> int:
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        print("pdftoppm is missing: apt-get install poppler-utils", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "report.pdf"
        env = {**os.environ, "AANJAGER_REPORT_PDF": str(pdf), "DJANGO_SETTINGS_MODULE": "aanjager.conf.ci"}
        env.pop("DATABASE_URL", None)  # SQLite, thrown away after the test
        subprocess.run(  # noqa: S603 -- fixed arguments, no user input
            [str(ROOT / ".venv" / "bin" / "pytest"), "-q", "-p", "no:cacheprovider", TEST],
            cwd=ROOT,
            env=env,
            check=True,
        )
        if not pdf.exists():
            print("the test did not write the PDF", file=sys.stderr)
            return 1
        TARGET.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(  # noqa: S603 -- fixed arguments, no user input
            [
                pdftoppm,
                "-png",
                "-r",
                "60",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(pdf),
                str(TARGET.with_suffix("")),
            ],
            check=True,
        )
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
