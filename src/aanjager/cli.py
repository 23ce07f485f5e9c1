"""The one command line of Aanjager: `aanjager <command>` runs any Django management command.

`aanjager estimate` first tries a path without Django's start-up (see estimates/estimate_cli.py); when that cannot
run here it falls back to the management command, which does the same.
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aanjager.conf.dev")
    if sys.argv[1:2] == ["estimate"]:
        from aanjager.estimates import estimate_cli

        status = estimate_cli.main(sys.argv[2:])
        if status is not None:
            sys.exit(status)
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
