"""Benchmark: the CPU one new case costs, in the create request and in its triage, on SQLite, in one process.

A fresh SQLite database in a temporary directory is migrated and pre-filled with the demo county and --prefill
generated cases (`fengqiao demo --no-serve`, which also triages up to 400 of the most recent open cases), and
--backfill of them are triaged (untimed) so that the similar-case keys are as many as after a day of intake.
Then, as demo-center with a token, --cases cases from the demo generator (the texts
bench/intake.py sends) are posted to /api/v1/cases/ through Django's test client, with the triage task held back;
afterwards each new case is triaged in this process (`triage_run`, as the Celery worker does). CPU time
(time.process_time, less noisy than wall time on a shared machine) is measured per create and per triage.
With --profile the triage loop runs under cProfile and the top functions by cumulative time are printed.

    .venv/bin/python bench/triage_cpu.py --prefill 3000 --backfill 1500 --cases 300 [--profile]

Output: `create_cpu_ms` and `triage_cpu_ms` (median, p95, mean), `triage_wall_ms` median, `jieba_cuts_per_case`
(jieba.Tokenizer.cut calls, i.e. how often the text is segmented), `queries_per_triage` (median), then one JSON
object on the last line.
"""

from __future__ import annotations

import _common

_common.single_thread()
_common.add_repo_to_path()

import argparse  # noqa: E402
import cProfile  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import pstats  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

USERNAME, PASSWORD = "demo-center", "fengqiao-demo"


def stats(values: list[float]) -> dict:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] if ordered else float("nan")
    return {
        "median": round(statistics.median(ordered), 1) if ordered else None,
        "p95": round(p95, 1),
        "mean": round(statistics.fmean(ordered), 1) if ordered else None,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--prefill", type=int, default=2000, help="demo cases loaded before (default 2000)")
    ap.add_argument("--cases", type=int, default=300, help="new cases created and triaged (default 300)")
    ap.add_argument("--backfill", type=int, default=0,
                    help="prefilled cases triaged before the measurement (untimed), so that the similar-case keys "
                    "are as many as after a day of intake (default 0: the demo's 400 most recent open ones)")
    ap.add_argument("--profile", action="store_true", help="run the triage loop under cProfile and print the top")
    ap.add_argument("--top", type=int, default=35, help="profile lines printed (default 35)")
    args = ap.parse_args()

    var_dir = tempfile.mkdtemp(prefix="fengqiao-triage-cpu-")
    os.environ.pop("DATABASE_URL", None)
    os.environ.update(
        FENGQIAO_VAR_DIR=var_dir,
        FENGQIAO_DEMO="1",
        FENGQIAO_EAGER_TASKS="1",
        DJANGO_SETTINGS_MODULE="fengqiao.config.settings",
    )
    import django

    django.setup()
    import datetime as dt
    from itertools import islice

    import jieba
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from fengqiao.demo.generator.cases import generate_cases
    from fengqiao.triage.runtime import warm_up
    from fengqiao.triage.services import run as triage_run_module

    started = time.monotonic()
    call_command("demo", no_serve=True, cases=args.prefill, verbosity=0)
    print(f"prefill {args.prefill} cases in {time.monotonic() - started:.0f} s", flush=True)
    warm_up()
    if args.backfill:
        started = time.monotonic()
        triage_run_module.triage_backfill(limit=args.backfill)
        print(f"triaged {args.backfill} prefilled cases in {time.monotonic() - started:.0f} s", flush=True)

    client = Client(HTTP_HOST="127.0.0.1")
    answer = client.post(
        "/api/v1/auth/token/", {"username": USERNAME, "password": PASSWORD}, content_type="application/json"
    )
    token = answer.json()["token"]
    specs = list(islice(generate_cases(seed=4242, count=args.cases, now=dt.datetime(2026, 11, 1, 9, tzinfo=dt.UTC)), args.cases))

    queued: list[int] = []
    real_enqueue = triage_run_module.triage_enqueue
    triage_run_module.triage_enqueue = queued.append  # the worker's part is measured below, one case at a time
    create_cpu: list[float] = []
    try:
        for n, spec in enumerate(specs, start=1):
            body = {
                "process": spec.process,
                "channel": "api",
                "title": spec.title,
                "narrative": spec.narrative,
                "region": spec.region,
                "parties": [{"name": f"测试申请人{n}", "phone": f"199{n % 100_000_000:08d}"}],
            }
            t0 = time.process_time()
            answer = client.post(
                "/api/v1/cases/", json.dumps(body, ensure_ascii=False), content_type="application/json",
                HTTP_AUTHORIZATION=f"Token {token}",
            )
            create_cpu.append((time.process_time() - t0) * 1000)
            if answer.status_code != 201:
                raise SystemExit(f"create failed: HTTP {answer.status_code} {answer.content[:300]!r}")
    finally:
        triage_run_module.triage_enqueue = real_enqueue

    cuts = 0
    real_cut = jieba.Tokenizer.cut

    def counting_cut(self, *a, **kw):
        nonlocal cuts
        cuts += 1
        return real_cut(self, *a, **kw)

    jieba.Tokenizer.cut = counting_cut
    triage_cpu: list[float] = []
    triage_wall: list[float] = []
    queries: list[int] = []
    profiler = cProfile.Profile() if args.profile else None
    if profiler:  # cProfile sees one thread: run the analysis inline instead of in its budget thread
        triage_run_module.run_with_budget = lambda fn, *a, budget, fault="": fn(*a)
    count = [0]

    def counted(execute, sql, params, many, context):  # a plain counter: no SQL text kept, little overhead
        count[0] += 1
        return execute(sql, params, many, context)

    try:
        for case_id in queued:
            count[0] = 0
            with connection.execute_wrapper(counted):
                t0, w0 = time.process_time(), time.perf_counter()
                if profiler:
                    profiler.enable()
                result = triage_run_module.triage_run(case_id=case_id)
                if profiler:
                    profiler.disable()
                triage_cpu.append((time.process_time() - t0) * 1000)
                triage_wall.append((time.perf_counter() - w0) * 1000)
            queries.append(count[0])
            if result is None or result.status != "done":
                raise SystemExit(f"triage of case {case_id} did not finish: {result and result.last_error}")
    finally:
        jieba.Tokenizer.cut = real_cut

    figures = {
        "prefill": args.prefill,
        "backfill": args.backfill,
        "cases": len(queued),
        "create_cpu_ms": stats(create_cpu),
        "triage_cpu_ms": stats(triage_cpu),
        "triage_wall_ms_median": round(statistics.median(triage_wall), 1),
        "jieba_cuts_per_case": round(cuts / max(len(queued), 1), 2),
        "queries_per_triage_median": statistics.median(queries),
        "load_average": round(os.getloadavg()[0], 2),
    }
    if profiler:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(args.top)
        print(out.getvalue())
    print(f"create CPU {figures['create_cpu_ms']} ms; triage CPU {figures['triage_cpu_ms']} ms", flush=True)
    shutil.rmtree(var_dir, ignore_errors=True)
    _common.emit(figures)


if __name__ == "__main__":
    main()
