"""The `fengqiao` console command: a thin wrapper around Django's manage.py.

`fengqiao migrate`, `fengqiao demo --no-serve`, `fengqiao runserver`,
`fengqiao triage train ...`, `fengqiao warning hot-issues --data FILE.csv --top 5 --json` all read as the
management commands they run.
"""
import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fengqiao.config.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    execute_from_command_line(["fengqiao", *args])


if __name__ == "__main__":
    main()
