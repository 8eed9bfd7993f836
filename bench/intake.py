"""Benchmark: case intake and case lists under concurrent clients, on SQLite and PostgreSQL.

For each backend: a fresh database is migrated and pre-filled with the demo county and
--prefill generated cases (`fengqiao demo --no-serve`, timed); a real server is started on
127.0.0.1 (gunicorn, 2 workers x 8 threads, or a threaded stdlib WSGI server when gunicorn is
not installed); then --clients threads, each with its own keep-alive connection,
- register --requests cases with POST /api/v1/cases/ (token auth),
- read page 1 of GET /api/v1/cases/ (25 rows with the total count),
- read the HTML list page /cases/ after a session login,
as the county's center staff (demo-center), who sees every case. Throughput and p50/p95/p99
latencies are printed, then one JSON object on the last line. Only loopback traffic; every
phase is bounded in count and time and the servers are stopped at the end.
"""

from __future__ import annotations

import _common

_common.add_repo_to_path()

import argparse  # noqa: E402
import contextlib  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import signal  # noqa: E402
import socket  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import requests  # noqa: E402

from fengqiao.demo.generator.county import build_county  # noqa: E402

PYTHON = sys.executable
REPO = _common.REPO_ROOT
PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_BENCH_DB = "fengqiao_bench"
USERNAME, PASSWORD = "demo-center", "fengqiao-demo"
PHASE_SECONDS = 120  # no phase runs longer than this
REQUEST_TIMEOUT = 90  # seconds; a request that takes longer counts as an error
SINGLE_CLIENT_REQUESTS = 30  # the same requests one at a time first: the cost of one request without queueing
NARRATIVE = "申请人在{place}务工，老板拖欠工资{amount}元，多次讨要未果，请求帮助协调。编号{n}。"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def summary(latencies: list[float], errors: int, seconds: float) -> dict:
    ms = [x * 1000 for x in latencies]
    return {
        "requests": len(ms),
        "errors": errors,
        "throughput_per_s": round(len(ms) / seconds, 1) if seconds else 0.0,
        "p50_ms": round(statistics.median(ms), 1) if ms else None,
        "p95_ms": round(percentile(ms, 95), 1) if ms else None,
        "p99_ms": round(percentile(ms, 99), 1) if ms else None,
    }


# -- databases -------------------------------------------------------------------------------------
def postgres_reachable() -> str:
    try:
        import psycopg

        psycopg.connect(PG_ADMIN_URL, connect_timeout=3).close()
    except Exception as exc:  # noqa: BLE001 - any failure means: skip this backend
        return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return ""


def postgres_recreate() -> str:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{PG_BENCH_DB}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{PG_BENCH_DB}"')
    return f"postgres://postgres@127.0.0.1:5432/{PG_BENCH_DB}"


def postgres_drop() -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{PG_BENCH_DB}" WITH (FORCE)')


# -- the server ------------------------------------------------------------------------------------
def have_gunicorn() -> bool:
    return Path(PYTHON).with_name("gunicorn").exists()


def start_server(env: dict, port: int, workers: int, threads: int) -> tuple[subprocess.Popen, str]:
    if have_gunicorn():
        cmd = [
            str(Path(PYTHON).with_name("gunicorn")),
            "fengqiao.config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--worker-class",
            "gthread",
            "--threads",
            str(threads),
            "--backlog",
            "256",
            "--log-level",
            "warning",
            "--timeout",
            "60",
        ]
        label = f"gunicorn {workers} workers x {threads} threads (gthread)"
    else:
        cmd = [PYTHON, __file__, "--serve-stdlib", str(port)]
        label = "wsgiref + ThreadingMixIn (gunicorn not installed)"
    proc = subprocess.Popen(
        cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {proc.stderr.read().decode(errors='replace')[-2000:]}")
        with contextlib.suppress(requests.RequestException):
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                return proc, label
        time.sleep(0.3)
    stop_server(proc)
    raise RuntimeError("server did not answer /healthz within 60 s")


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


def serve_stdlib(port: int) -> None:
    """Fallback server: the WSGI application behind a threaded wsgiref server."""
    from socketserver import ThreadingMixIn
    from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fengqiao.config.settings")
    from fengqiao.config.wsgi import application

    class ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
        daemon_threads = True
        request_queue_size = 256

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args) -> None:  # noqa: ANN002
            pass

    make_server(
        "127.0.0.1", port, application, server_class=ThreadingWSGIServer, handler_class=QuietHandler
    ).serve_forever()


# -- clients ---------------------------------------------------------------------------------------
class Phase:
    """Runs `total` requests spread over `clients` threads, each with its own keep-alive session."""

    def __init__(self, clients: int, total: int) -> None:
        self.clients, self.total = clients, total
        self.lock = threading.Lock()
        self.issued = 0
        self.latencies: list[float] = []
        self.errors = 0
        self.first_error = ""

    def next_number(self) -> int | None:
        with self.lock:
            if self.issued >= self.total:
                return None
            self.issued += 1
            return self.issued

    def run(self, make_session, request) -> dict:  # noqa: ANN001 - session factory, (session, n) -> Response
        sessions = [make_session() for _ in range(self.clients)]
        deadline = time.monotonic() + PHASE_SECONDS

        def worker(session: requests.Session) -> None:
            while time.monotonic() < deadline and (n := self.next_number()) is not None:
                started = time.perf_counter()
                try:
                    response = request(session, n)
                    ok = response.status_code in (200, 201)
                    detail = f"HTTP {response.status_code}: {response.text[:300]}"
                except requests.RequestException as exc:
                    ok, detail = False, str(exc)
                elapsed = time.perf_counter() - started
                with self.lock:
                    if ok:
                        self.latencies.append(elapsed)
                    else:
                        self.errors += 1
                        self.first_error = self.first_error or detail

        threads = [threading.Thread(target=worker, args=(s,)) for s in sessions]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        seconds = time.perf_counter() - started
        for s in sessions:
            s.close()
        result = summary(self.latencies, self.errors, seconds)
        if self.first_error:
            result["first_error"] = self.first_error
        return result


def token_for(base: str) -> str:
    response = requests.post(
        f"{base}/api/v1/auth/token/",
        json={"username": USERNAME, "password": PASSWORD},
        timeout=REQUEST_TIMEOUT,
    )
    response.raise_for_status()
    return response.json()["token"]


def logged_in_session(base: str) -> requests.Session:
    session = requests.Session()
    page = session.get(f"{base}/accounts/login/", timeout=REQUEST_TIMEOUT)
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    form = {
        "username": USERNAME,
        "password": PASSWORD,
        "csrfmiddlewaretoken": match.group(1) if match else "",
    }
    response = session.post(
        f"{base}/accounts/login/",
        data=form,
        headers={"Referer": f"{base}/accounts/login/"},
        timeout=REQUEST_TIMEOUT,
        allow_redirects=False,  # the landing page after login is not what is measured
    )
    if "sessionid" not in session.cookies:
        raise RuntimeError(f"login to the HTML pages failed (HTTP {response.status_code})")
    return session


def measure(base: str, args: argparse.Namespace, grid_codes: list[str]) -> dict:
    token = token_for(base)

    def api_session() -> requests.Session:
        session = requests.Session()
        session.headers.update({"Authorization": f"Token {token}", "Accept": "application/json"})
        return session

    def create(session: requests.Session, n: int) -> requests.Response:
        body = {
            "process": "dispute",
            "channel": "api",
            "title": f"压测登记 {n}",
            "narrative": NARRATIVE.format(place="青石街道", amount=1000 + n, n=n),
            "region": grid_codes[n % len(grid_codes)],
            "parties": [{"name": f"测试申请人{n}", "phone": f"19900{n % 1_000_000:06d}"}],
        }
        return session.post(f"{base}/api/v1/cases/", json=body, timeout=REQUEST_TIMEOUT)

    def list_api(session: requests.Session, n: int) -> requests.Response:
        return session.get(f"{base}/api/v1/cases/", timeout=REQUEST_TIMEOUT)

    def list_page(session: requests.Session, n: int) -> requests.Response:
        return session.get(f"{base}/cases/", timeout=REQUEST_TIMEOUT)

    plan = [
        ("create", "POST /api/v1/cases/", args.requests, api_session, create),
        (
            "list_api",
            "GET /api/v1/cases/ (page 1 of 25 with count)",
            args.list_requests,
            api_session,
            list_api,
        ),
        (
            "list_page",
            "GET /cases/ (HTML, session login)",
            args.list_requests,
            lambda: logged_in_session(base),
            list_page,
        ),
    ]
    results = {}
    for key, label, total, make_session, request in plan:
        print(
            f"  {key}: {label}: {SINGLE_CLIENT_REQUESTS} with one client, then {total} with {args.clients} clients ...",
            flush=True,
        )
        try:
            single = Phase(1, SINGLE_CLIENT_REQUESTS).run(make_session, request)
            results[key] = Phase(args.clients, total).run(make_session, request)
        except (requests.RequestException, RuntimeError) as exc:  # e.g. a login that did not answer in time
            print(f"  {key} failed: {exc}", flush=True)
            results[key] = {"failed": str(exc)[:500]}
            continue
        results[key]["single_client_p50_ms"] = single["p50_ms"]
    return results


# -- one backend -----------------------------------------------------------------------------------
def run_backend(name: str, args: argparse.Namespace, grid_codes: list[str]) -> dict:
    if name == "postgres":
        problem = postgres_reachable()
        if problem:
            print(f"[postgres] skipped: not reachable at 127.0.0.1:5432 ({problem})", flush=True)
            return {"skipped": f"PostgreSQL not reachable: {problem}"}
    var_dir = Path(tempfile.mkdtemp(prefix=f"fengqiao-bench-{name}-"))
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG"}}
    env.update(
        FENGQIAO_VAR_DIR=str(var_dir),
        FENGQIAO_DEMO="1",
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
        FENGQIAO_USER_RATE="1000000/hour",
        DJANGO_SETTINGS_MODULE="fengqiao.config.settings",
    )
    env["DATABASE_URL"] = (
        postgres_recreate() if name == "postgres" else f"sqlite:///{var_dir / 'bench.sqlite3'}"
    )
    server = None
    try:
        load_before = round(os.getloadavg()[0], 2)
        print(
            f"[{name}] pre-filling {args.prefill} cases (migrate + demo county + generated cases) ...",
            flush=True,
        )
        started = time.monotonic()
        load = subprocess.run(
            [PYTHON, "-m", "fengqiao", "demo", "--no-serve", "--cases", str(args.prefill), "--seed", "2026"],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=args.prefill_timeout,
            check=False,
        )
        prefill_seconds = time.monotonic() - started
        if load.returncode != 0:
            raise RuntimeError(f"pre-fill failed: {load.stderr[-2000:] or load.stdout[-2000:]}")
        print(f"[{name}] pre-filled in {prefill_seconds:.1f} s", flush=True)
        port = free_port()
        server, label = start_server(env, port, args.workers, args.threads)
        print(f"[{name}] server: {label} on 127.0.0.1:{port}", flush=True)
        results = measure(f"http://127.0.0.1:{port}", args, grid_codes)
        for phase, figures in results.items():
            if "failed" in figures:
                print(f"[{name}] {phase:<10} failed: {figures['failed']}", flush=True)
                continue
            print(
                f"[{name}] {phase:<10} {figures['requests']:>5} ok {figures['errors']:>4} errors  "
                f"{figures['throughput_per_s']:>7.1f}/s  p50 {figures['p50_ms']} ms  p95 {figures['p95_ms']} ms  "
                f"p99 {figures['p99_ms']} ms  (one client alone: p50 {figures['single_client_p50_ms']} ms)",
                flush=True,
            )
            if figures.get("first_error"):
                print(f"[{name}]   first error: {figures['first_error']}", flush=True)
        return {
            "prefill": args.prefill,
            "prefill_seconds": round(prefill_seconds, 1),
            "server": label,
            "load_average_before": load_before,
            "load_average_after": round(os.getloadavg()[0], 2),
            **results,
        }
    finally:
        if server is not None:
            stop_server(server)
        if name == "postgres":
            with contextlib.suppress(Exception):
                postgres_drop()
        shutil.rmtree(var_dir, ignore_errors=True)


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--serve-stdlib":
        serve_stdlib(int(sys.argv[2]))
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--prefill", type=int, default=100_000, help="cases in the database before measuring")
    ap.add_argument("--clients", type=int, default=20, help="concurrent client threads")
    ap.add_argument("--requests", type=int, default=2000, help="POST /api/v1/cases/ requests in all")
    ap.add_argument(
        "--list-requests", type=int, default=400, help="requests for each of the two list measurements"
    )
    ap.add_argument("--backends", default="sqlite,postgres", help="comma-separated: sqlite, postgres")
    ap.add_argument("--workers", type=int, default=2, help="server worker processes (gunicorn)")
    ap.add_argument("--threads", type=int, default=8, help="threads per worker (gunicorn gthread)")
    ap.add_argument("--prefill-timeout", type=int, default=900, help="seconds allowed for one pre-fill")
    args = ap.parse_args()
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    unknown = set(backends) - {"sqlite", "postgres"}
    if unknown:
        sys.exit(f"unknown backend(s): {', '.join(sorted(unknown))}")
    grid_codes = [r.code for r in build_county().level(4)]
    print(
        f"intake benchmark: prefill {args.prefill}, {args.clients} clients, {args.requests} creates, "
        f"{args.list_requests} list requests per list, backends {', '.join(backends)}; {os.cpu_count()} CPUs",
        flush=True,
    )
    result: dict = {}
    for backend in backends:
        try:
            result[backend] = run_backend(backend, args, grid_codes)
        except Exception as exc:  # noqa: BLE001 - report the failure and go on with the next backend
            print(f"[{backend}] failed: {exc}", flush=True)
            result[backend] = {"failed": str(exc)[:2000]}
    _common.emit(result)


if __name__ == "__main__":
    main()
