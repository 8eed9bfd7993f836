"""How long `fengqiao demo --no-serve` takes on SQLite: the load of the demo county (its "加载完成 … 用时" line:
county, staff and generated cases through cases.services.case_bulk_load), the settling step, and the whole
command (migrations, load, triage of the open cases, settling), in a fresh temporary directory per run. The
times are wall-clock; `cpu_seconds` (user + system time of the command and the processes it waited for) is the
steadier figure on a shared machine.

    .venv/bin/python bench/demo_load.py                    # 6,000 cases, one run
    .venv/bin/python bench/demo_load.py --cases 2000 --runs 3

Prints one line per run and the figures (medians over the runs) as one JSON object on the last line.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOADED = re.compile(r"加载完成：(\d+) 件案件.*?用时 ([\d.]+) 秒")
SETTLED = re.compile(r"已演示矛盾化解：.*?用时 ([\d.]+) 秒")


def one_run(cases: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as var_dir:
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        env.update(FENGQIAO_DEMO="1", FENGQIAO_VAR_DIR=var_dir)
        started, before = time.monotonic(), resource.getrusage(resource.RUSAGE_CHILDREN)
        done = subprocess.run([sys.executable, "manage.py", "demo", "--no-serve", "--cases", str(cases)], cwd=ROOT,
                              env=env, capture_output=True, text=True, check=True)
        total = time.monotonic() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    loaded, settled = LOADED.search(done.stdout), SETTLED.search(done.stdout)
    if loaded is None or settled is None:
        raise SystemExit(f"unexpected output:\n{done.stdout}\n{done.stderr}")
    return {"cases": int(loaded.group(1)), "load_seconds": float(loaded.group(2)),
            "settle_seconds": float(settled.group(1)), "total_seconds": round(total, 1), "cpu_seconds": round(cpu, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=6000)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    runs = []
    for n in range(args.runs):
        figures = one_run(args.cases)
        print(f"run {n + 1}: {figures}")
        runs.append(figures)
    print(json.dumps({"backend": "sqlite", "cases": args.cases, "runs": args.runs,
                      **{key: statistics.median(r[key] for r in runs)
                         for key in ("load_seconds", "settle_seconds", "total_seconds", "cpu_seconds")}}))


if __name__ == "__main__":
    main()
