"""Benchmark: the figures page on the count tables against the old live count, on the demo county.

Loads the demo county with `--cases` generated cases into a fresh database (SQLite in a temporary folder, or the
PostgreSQL database named by DATABASE_URL when given), unless `--reuse` names a FENGQIAO_VAR_DIR that already holds
one. Then, as demo-leader (the county's leader, who sees every case):

- `rebuild_seconds`: `fengqiao reports rebuild-counts` over every case;
- `page_ms`: the figures page (`/reports/figures/?period=all&by=...`) for each grouping, median of `--repeat`
  requests after one warm-up, and the number of queries (none on the case table);
- `live_followup_figures_seconds`: the old live count (`followup.figures.followup_figures` over every month), the
  figures page's source before the count tables;
- `agree`: closed, closed on time, open overdue and answered from the tables equal the live count;
- `refresh_ms`: what the event subscriber costs for one case counted from nothing (its every row, at every level
  and dimension, incremented: the cost of a new case), median over `--repeat` x 10 closed cases. It runs last and
  leaves those cases counted twice; a final rebuild puts the tables right.

Last line: one JSON object.
"""

from __future__ import annotations

import _common

_common.add_repo_to_path()

import os  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402


def main() -> None:
    p = _common.parser(__doc__.splitlines()[0])
    p.add_argument("--cases", type=int, default=6000)
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--reuse", default="", help="a FENGQIAO_VAR_DIR that already holds a loaded demo (SQLite)")
    args = p.parse_args()
    os.environ["FENGQIAO_DEMO"] = "1"
    os.environ["FENGQIAO_VAR_DIR"] = args.reuse or tempfile.mkdtemp(prefix="fengqiao-figures-")
    load_seconds = None
    if not args.reuse:
        started = time.monotonic()
        subprocess.run([sys.executable, "-m", "fengqiao", "demo", "--no-serve", "--cases", str(args.cases)],
                       check=True, stdout=subprocess.DEVNULL)
        load_seconds = round(time.monotonic() - started, 1)

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fengqiao.config.settings")
    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from fengqiao.accounts.models import User
    from fengqiao.cases.models import Case
    from fengqiao.followup.figures import followup_figures
    from fengqiao.reports.models import CaseTally
    from fengqiao.reports.periods import Period
    from fengqiao.reports.selectors import GROUP_FIELDS, figures_for
    from fengqiao.reports.services import case_counts_refresh, counts_rebuild

    leader = User.objects.get(username="demo-leader")
    report = counts_rebuild(acting_user=None)
    print(f"rebuild: {report.cases} cases, {report.daily_rows} daily rows, {report.state_rows} state rows, "
          f"{report.seconds} s")
    client = Client()
    client.force_login(leader)
    pages = {}
    for by in GROUP_FIELDS:
        client.get("/reports/figures/", {"by": by, "period": "all"})
        times, queries, touched = [], 0, 0
        for _ in range(args.repeat):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as captured:
                assert client.get("/reports/figures/", {"by": by, "period": "all"}).status_code == 200
            times.append((time.perf_counter() - started) * 1000)
            queries = len(captured.captured_queries)
            touched = sum('"cases_case"' in q["sql"] for q in captured.captured_queries)
        pages[by] = {"median_ms": round(statistics.median(times), 1), "queries": queries, "case_table_queries": touched}
        print(f"page by {by}: {pages[by]}")
    started = time.perf_counter()
    live = followup_figures(user=leader).total
    live_seconds = round(time.perf_counter() - started, 2)
    counted = figures_for(user=leader, region=None, period=Period(param="all"), by="month").total
    agree = (live.closed, live.closed_on_time, live.open_overdue, live.answered) == (
        counted.closed, counted.closed_on_time, counted.open_overdue, counted.answered)
    print(f"live followup_figures: {live_seconds} s; tables agree with it: {agree}")
    refresh = []
    for case_id in Case.objects.filter(closed_at__isnull=False).values_list("pk", flat=True)[:args.repeat * 10]:
        CaseTally.objects.filter(case_id=case_id).update(facts={})
        started = time.perf_counter()
        case_counts_refresh(case_id=case_id)
        refresh.append((time.perf_counter() - started) * 1000)
    refresh_ms = round(statistics.median(refresh), 1) if refresh else None
    counts_rebuild(acting_user=None)
    print(f"subscriber, one closed case counted from nothing: {refresh_ms} ms")
    _common.emit({"backend": connection.vendor, "cases": Case.objects.count(), "load_seconds": load_seconds,
                  "rebuild_seconds": report.seconds, "daily_rows": report.daily_rows, "state_rows": report.state_rows,
                  "page_ms": pages, "live_followup_figures_seconds": live_seconds, "agree": agree,
                  "refresh_ms": refresh_ms})


if __name__ == "__main__":
    main()
