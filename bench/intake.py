"""Benchmark: case intake and case lists under concurrent clients, on SQLite and PostgreSQL.

For each backend: a fresh database is migrated and pre-filled with the demo county and
--prefill generated cases (`fengqiao demo --no-serve`, timed); a real server is started on
127.0.0.1 (gunicorn, 2 workers x 8 threads, or a threaded stdlib WSGI server when gunicorn is
not installed), with a Celery worker at the lowest CPU priority triaging new cases when Redis
answers. Three requests are measured, as the county's center staff (demo-center), who sees
every case:
- POST /api/v1/cases/ (token auth), registering varied cases from the demo generator;
- GET /api/v1/cases/, page 1 (25 rows with the total count);
- the HTML list page /cases/ after a session login.
Each is measured three ways: one client alone (the cost of one request); --clients clients
each sending one request every --paced-intervals seconds (20 x 1/s is the target's load; the
latency counts from when a request was due, so a server falling behind is charged for the
wait); and --clients clients back to back (closed loop: the server's capacity). Throughput and
p50/p95/p99 latencies are printed, then one JSON object on the last line. Only loopback
traffic; every phase is bounded in count and time and the servers are stopped at the end.
"""

from __future__ import annotations

import _common

_common.add_repo_to_path()

import argparse  # noqa: E402
import contextlib  # noqa: E402
import http.client  # noqa: E402
import json  # noqa: E402
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

PYTHON = sys.executable
REPO = _common.REPO_ROOT
PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_BENCH_DB = "fengqiao_bench"
USERNAME, PASSWORD = "demo-center", "fengqiao-demo"
PHASE_SECONDS = 120  # no phase runs longer than this
REQUEST_TIMEOUT = 90  # seconds; a request that takes longer counts as an error
SINGLE_CLIENT_REQUESTS = 30  # the same requests one at a time first: the cost of one request without queueing


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
    except Exception as exc:  # any failure means: skip this backend
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
        def log_message(self, *args) -> None:
            pass

    make_server(
        "127.0.0.1", port, application, server_class=ThreadingWSGIServer, handler_class=QuietHandler
    ).serve_forever()


# -- clients ---------------------------------------------------------------------------------------
class Connection:
    """One keep-alive HTTP/1.1 connection (http.client: a light client, so the clients, which share the
    server's two cores, take as little CPU from it as they can)."""

    def __init__(self, port: int, headers: dict[str, str]) -> None:
        self.port, self.headers = port, headers
        self.conn: http.client.HTTPConnection | None = None

    def send(self, method: str, path: str, body: bytes | None = None) -> tuple[int, bytes]:
        headers = dict(self.headers)
        if body is not None:
            headers["Content-Type"] = "application/json"
        for attempt in (1, 2):  # a keep-alive connection the server closed is reopened once
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=REQUEST_TIMEOUT)
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                return response.status, response.read()
            except (http.client.HTTPException, ConnectionError) as exc:
                self.close()
                if attempt == 2 or not isinstance(exc, http.client.RemoteDisconnected | ConnectionResetError):
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


class Phase:
    """`total` requests over `clients` threads, each with its own connection.

    closed loop: each client sends its next request as soon as the previous answer arrives (the server's
    capacity: latency grows with the queue, median about clients / throughput).
    paced: each client sends one request every `interval` seconds, the clients' start times spread over
    one interval; a request's latency counts from the moment it was due, so a server that falls behind
    is charged for the wait as well (no coordinated omission).
    """

    def __init__(self, clients: int, total: int, interval: float | None = None) -> None:
        self.clients, self.total, self.interval = clients, total, interval
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

    def run(self, make_connection, request) -> dict:  # factory, (conn, n) -> (status, body)
        connections = [make_connection() for _ in range(self.clients)]
        deadline = time.monotonic() + PHASE_SECONDS
        started = time.perf_counter()

        def worker(index: int, conn: Connection) -> None:
            due = started + (index * self.interval / self.clients if self.interval else 0.0)
            while time.monotonic() < deadline and (n := self.next_number()) is not None:
                if self.interval:
                    pause = due - time.perf_counter()
                    if pause > 0:
                        time.sleep(pause)
                    begin = due
                    due += self.interval
                else:
                    begin = time.perf_counter()
                try:
                    status, body = request(conn, n)
                    ok = status in (200, 201)
                    detail = f"HTTP {status}: {body[:300].decode(errors='replace')}"
                except (OSError, http.client.HTTPException) as exc:
                    ok, detail = False, f"{type(exc).__name__}: {exc}"
                elapsed = time.perf_counter() - begin
                with self.lock:
                    if ok:
                        self.latencies.append(elapsed)
                    else:
                        self.errors += 1
                        self.first_error = self.first_error or detail

        threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(connections)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        seconds = time.perf_counter() - started
        for c in connections:
            c.close()
        result = summary(self.latencies, self.errors, seconds)
        if self.interval:
            result["offered_per_s"] = round(self.clients / self.interval, 1)
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


def session_cookie(base: str) -> str:
    """Log in to the HTML pages once; the Cookie header that carries the session."""
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
    return "; ".join(f"{k}={v}" for k, v in session.cookies.items())


def demo_texts(count: int) -> list[tuple[str, str, str, str]]:
    """(process, title, narrative, region code) of `count` cases from the demo generator: varied texts, as
    real intake is (identical texts would make every new case "similar" to every other one)."""
    import datetime as dt
    from itertools import islice

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fengqiao.config.settings")
    import django

    django.setup()
    from fengqiao.demo.generator.cases import generate_cases

    specs = islice(generate_cases(seed=4242, count=count, now=dt.datetime(2026, 11, 1, 9, tzinfo=dt.UTC)), count)
    return [(s.process, s.title, s.narrative, s.region) for s in specs]


def measure(base: str, port: int, args: argparse.Namespace, after_creates) -> dict:
    token = token_for(base)
    paced_requests = sum(round(args.paced_seconds * args.clients / i) for i in args.paced_intervals)
    texts = demo_texts(args.requests + SINGLE_CLIENT_REQUESTS + paced_requests + 10)
    api_headers = {"Authorization": f"Token {token}", "Accept": "application/json"}

    def api_connection() -> Connection:
        return Connection(port, api_headers)

    def create(conn: Connection, n: int) -> tuple[int, bytes]:
        process, title, narrative, region = texts[(n - 1) % len(texts)]
        body = {
            "process": process,
            "channel": "api",
            "title": title,
            "narrative": narrative,
            "region": region,
            "parties": [{"name": f"测试申请人{n}", "phone": f"199{n % 100_000_000:08d}"}],
        }
        return conn.send("POST", "/api/v1/cases/", json.dumps(body, ensure_ascii=False).encode())

    def list_api(conn: Connection, n: int) -> tuple[int, bytes]:
        return conn.send("GET", "/api/v1/cases/")

    cookie: list[str] = []

    def page_connection() -> Connection:
        if not cookie:
            cookie.append(session_cookie(base))
        return Connection(port, {"Cookie": cookie[0], "Accept": "text/html"})

    def list_page(conn: Connection, n: int) -> tuple[int, bytes]:
        return conn.send("GET", "/cases/")

    numbers = iter(range(1, 10**9, 1))  # every create gets its own number across phases

    def numbered(request):
        return lambda conn, _n: request(conn, next(numbers))

    plan = [
        ("create", "POST /api/v1/cases/", args.requests, api_connection, numbered(create)),
        ("list_api", "GET /api/v1/cases/ (page 1 of 25 with count)", args.list_requests, api_connection, list_api),
        ("list_page", "GET /cases/ (HTML, session login)", args.list_requests, page_connection, list_page),
    ]
    results = {}
    for key, label, total, make_connection, request in plan:
        print(
            f"  {key}: {label}: {SINGLE_CLIENT_REQUESTS} with one client; {args.clients} clients each sending every "
            f"{' / '.join(f'{i:g}' for i in args.paced_intervals)} s for {args.paced_seconds:g} s; {total} from "
            f"{args.clients} clients back to back ...",
            flush=True,
        )
        try:
            single = Phase(1, SINGLE_CLIENT_REQUESTS).run(make_connection, request)
            paced_runs = [
                Phase(args.clients, max(1, round(args.paced_seconds * args.clients / interval)), interval=interval).run(
                    make_connection, request
                )
                for interval in args.paced_intervals
            ]
            closed = Phase(args.clients, total).run(make_connection, request)
        except (requests.RequestException, RuntimeError) as exc:  # e.g. a login that did not answer in time
            print(f"  {key} failed: {exc}", flush=True)
            results[key] = {"failed": str(exc)[:500]}
            continue
        results[key] = {
            "single_client_p50_ms": single["p50_ms"],
            "paced": paced_runs[0],
            "paced_faster": paced_runs[1:],
            "closed_loop": closed,
        }
        if key == "create":
            results[key]["triage"] = after_creates()
    return results


# -- one backend -----------------------------------------------------------------------------------
def redis_reachable(url: str) -> str:
    try:
        import redis

        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except Exception as exc:  # any failure means: run without a broker
        return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return ""


def start_worker(env: dict) -> subprocess.Popen:
    """The Celery worker that triages new cases, at the lowest CPU priority: intake answers first and
    triage catches up in the gaps, as it would on a shared two-core server."""
    cmd = ["nice", "-n", "19", str(Path(PYTHON).with_name("celery")), "-A", "fengqiao.config", "worker",
           "--concurrency", "1", "--loglevel", "WARNING", "--without-gossip", "--without-mingle"]
    return subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)


def pending_triage(database_url: str) -> int:
    sql = "SELECT COUNT(*) FROM triage_triageresult WHERE status = 'pending'"
    if database_url.startswith("sqlite:///"):
        import sqlite3

        with contextlib.closing(sqlite3.connect(database_url.removeprefix("sqlite:///"), timeout=30)) as conn:
            return conn.execute(sql).fetchone()[0]
    import psycopg

    with psycopg.connect(database_url.replace("postgres://", "postgresql://", 1)) as conn:
        return conn.execute(sql).fetchone()[0]


def wait_for_triage(database_url: str, limit_seconds: float) -> dict:
    """After the creates: how many cases still waited for triage, and how long the worker took to finish
    them (bounded; the list phases are measured after it)."""
    started = time.monotonic()
    backlog = pending_triage(database_url)
    left = backlog
    while left and time.monotonic() - started < limit_seconds:
        time.sleep(2)
        left = pending_triage(database_url)
    return {"pending_after_creates": backlog, "drained_seconds": round(time.monotonic() - started, 1),
            "still_pending": left}


def run_backend(name: str, args: argparse.Namespace) -> dict:
    if name == "postgres":
        problem = postgres_reachable()
        if problem:
            print(f"[{name}] skipped: not reachable at 127.0.0.1:5432 ({problem})", flush=True)
            return {"skipped": f"PostgreSQL not reachable: {problem}"}
    var_dir = Path(tempfile.mkdtemp(prefix=f"fengqiao-bench-{name}-"))
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG", "REDIS_URL"}}
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
    broker_problem = redis_reachable(args.redis_url) if args.redis_url else "no --redis-url"
    if broker_problem:
        print(f"[{name}] no Redis ({broker_problem}): triage runs inside each create request", flush=True)
    server = worker = None
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
        if not broker_problem:
            import redis

            redis.Redis.from_url(args.redis_url).flushdb()
            env["REDIS_URL"] = args.redis_url
            worker = start_worker(env)
        port = free_port()
        server, label = start_server(env, port, args.workers, args.threads)
        setup = f"{label}; " + ("Celery worker (nice 19, 1 process) on Redis" if worker else "tasks run eagerly")
        print(f"[{name}] server: {setup} on 127.0.0.1:{port}", flush=True)

        def after_creates() -> dict:
            if worker is None:
                return {"pending_after_creates": 0, "note": "triage ran inside the requests"}
            return wait_for_triage(env["DATABASE_URL"], args.drain_timeout)

        results = measure(f"http://127.0.0.1:{port}", port, args, after_creates)
        for phase, figures in results.items():
            if "failed" in figures:
                print(f"[{name}] {phase:<10} failed: {figures['failed']}", flush=True)
                continue
            for mode, f in [("paced", figures["paced"]), *(("paced", f) for f in figures["paced_faster"]),
                            ("closed_loop", figures["closed_loop"])]:
                if mode == "paced":
                    mode = f"paced {f['offered_per_s']:g}/s"
                print(
                    f"[{name}] {phase:<10} {mode:<13} {f['requests']:>5} ok {f['errors']:>4} errors  "
                    f"{f['throughput_per_s']:>7.1f}/s  p50 {f['p50_ms']} ms  p95 {f['p95_ms']} ms  p99 {f['p99_ms']} ms",
                    flush=True,
                )
                if f.get("first_error"):
                    print(f"[{name}]   first error: {f['first_error']}", flush=True)
            print(f"[{name}] {phase:<10} one client alone: p50 {figures['single_client_p50_ms']} ms", flush=True)
            if "triage" in figures:
                print(f"[{name}] triage after the creates: {figures['triage']}", flush=True)
        return {
            "prefill": args.prefill,
            "prefill_seconds": round(prefill_seconds, 1),
            "server": setup,
            "load_average_before": load_before,
            "load_average_after": round(os.getloadavg()[0], 2),
            **results,
        }
    finally:
        for proc in (server, worker):
            if proc is not None:
                stop_server(proc)
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
    ap.add_argument(
        "--paced-intervals",
        type=lambda text: [float(x) for x in text.split(",") if x.strip()],
        default=[1.0, 0.5],
        help="paced load: seconds between one client's requests, one paced run per value; the first is the target's "
        "(default 1,0.5: 20 and 40 requests a second from 20 clients)",
    )
    ap.add_argument("--paced-seconds", type=float, default=30.0, help="paced load: how long each paced phase lasts")
    ap.add_argument("--redis-url", default="redis://127.0.0.1:6379/8",
                    help="broker and cache for the server and its Celery worker (flushed); '' runs tasks eagerly")
    ap.add_argument("--drain-timeout", type=float, default=600.0, help="seconds to wait for triage after the creates")
    args = ap.parse_args()
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    unknown = set(backends) - {"sqlite", "postgres"}
    if unknown:
        sys.exit(f"unknown backend(s): {', '.join(sorted(unknown))}")
    print(
        f"intake benchmark: prefill {args.prefill}, {args.clients} clients, {args.requests} creates, "
        f"{args.list_requests} list requests per list, backends {', '.join(backends)}; {os.cpu_count()} CPUs",
        flush=True,
    )
    result: dict = {}
    for backend in backends:
        try:
            result[backend] = run_backend(backend, args)
        except Exception as exc:  # report the failure and go on with the next backend
            import traceback

            traceback.print_exc()
            print(f"[{backend}] failed: {exc}", flush=True)
            result[backend] = {"failed": str(exc)[:2000]}
    _common.emit(result)


if __name__ == "__main__":
    main()
