"""Benchmark: finding a person's cases by phone or ID number (issue 13).

Builds a database (PostgreSQL `fengqiao_bench_search` on postgres://postgres@127.0.0.1:5432, or SQLite with
`--backend sqlite`) with the demo's migrations, a county of `--grids` grids and the test county's users, then
`--cases` cases written straight as rows (COPY on PostgreSQL) with their parties built by the cases app's one
party-row builder (`cases.services.parties.party_row_values`, which computes the keyed hashes). Each case has an
applicant drawn from `--cases / 3` residents (each with a phone number and an ID number, so a resident has about
three cases) and, every other case, an organisation as respondent.

Then, for `--searches` random residents and each of four users (a grid worker, a street center, the county center,
a superuser), the search the list page and the API run: `case_list_for` with the text as a caller would type it
("+86 139-…", the ID number with a lower-case x), counted and its first page of 25 rows read, timed from the text
to the rows. The cases found are checked against the cases that resident has in that user's area (known from the
generator), so a wrong or out-of-jurisdiction answer fails the run. Also the whole page (`GET /cases/?person=…`,
rendered) for the county center.

Last line: one JSON object (`backend`, `cases`, `parties`, `load_seconds`, and per search kind and user: p50, p95
and max in ms, and `wrong_answers`).
"""
from __future__ import annotations

import _common

_common.add_repo_to_path()

import argparse  # noqa: E402
import datetime as dt  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_BENCH_DB = "fengqiao_bench_search"
CHUNK = 50_000


def database_url(backend: str, var_dir: str) -> str:
    if backend == "sqlite":
        return f"sqlite:///{var_dir}/bench-search.sqlite3"
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{PG_BENCH_DB}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{PG_BENCH_DB}"')
    return f"postgres://postgres@127.0.0.1:5432/{PG_BENCH_DB}"


def drop_postgres() -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{PG_BENCH_DB}" WITH (FORCE)')


def resident_phone(n: int) -> str:
    return f"139{n:08d}"


def resident_id(n: int) -> str:
    from fengqiao.core.validators import id_check_digit

    born = dt.date(1950, 1, 1) + dt.timedelta(days=n % 20000)  # a different area code for every 20,000 residents
    first17 = f"{110101 + n // 20000:06d}{born:%Y%m%d}{n % 1000:03d}"
    return first17 + id_check_digit(first17)


def percentiles(values: list[float]) -> dict[str, float]:
    values = sorted(values)
    return {"p50_ms": round(statistics.median(values), 2), "p95_ms": round(values[int(len(values) * 0.95) - 1], 2),
            "max_ms": round(values[-1], 2), "n": len(values)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=1_000_000)
    ap.add_argument("--grids", type=int, default=100, help="grids the cases are spread over (10 per street)")
    ap.add_argument("--searches", type=int, default=200)
    ap.add_argument("--backend", choices=["postgres", "sqlite"], default="postgres")
    ap.add_argument("--keep", action="store_true", help="keep the PostgreSQL database afterwards")
    args = ap.parse_args()

    var_dir = tempfile.mkdtemp(prefix="fengqiao-bench-search-")
    os.environ["FENGQIAO_VAR_DIR"] = var_dir
    os.environ["DATABASE_URL"] = database_url(args.backend, var_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fengqiao.config.settings")
    os.environ["FENGQIAO_COUNT_CACHE_SECONDS"] = "0"  # every count is really counted
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client

    from fengqiao.cases.list_filters import CaseFilters, person_key
    from fengqiao.cases.models import Case, Party, Process
    from fengqiao.cases.rows import RowWriter
    from fengqiao.cases.selectors import case_list_for
    from fengqiao.cases.services import case_bulk_analyze
    from fengqiao.cases.services.parties import party_row_values
    from fengqiao.conftest import build_county
    from fengqiao.regions.choices import RegionLevel
    from fengqiao.testing.factories import RegionFactory, UserFactory

    try:
        print(f"backend {args.backend}; migrating", flush=True)
        call_command("migrate", interactive=False, verbosity=0)
        county = build_county("S")
        grids = [county.grid, county.other_grid]
        for s in range(max(args.grids // 10, 1)):
            street = RegionFactory(code=f"S9{s:02d}", name=f"街道{s}", level=RegionLevel.STREET, parent=county.county)
            community = RegionFactory(code=f"S9{s:02d}01", name=f"社区{s}", level=RegionLevel.COMMUNITY, parent=street)
            grids += [RegionFactory(code=f"S9{s:02d}01{g:02d}", name=f"网格{s}-{g}", level=RegionLevel.GRID,
                                    parent=community) for g in range(10)]
        process = Process.objects.get(code="dispute")
        state = process.initial_state
        rng = random.Random(13)
        residents = max(args.cases // 3, 1)
        start = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
        case_person: list[int] = []
        case_grid: list[int] = []
        t0 = time.perf_counter()
        case_rows, party_rows = RowWriter(Case), RowWriter(Party)
        parties = 0
        for first in range(0, args.cases, CHUNK):
            size = min(CHUNK, args.cases - first)
            rows, people, places = [], [], []
            for i in range(first, first + size):
                person, grid_index = rng.randrange(residents), rng.randrange(len(grids))
                grid = grids[grid_index]
                received = start + dt.timedelta(minutes=i)
                rows.append({"process_id": process.pk, "state_id": state.pk, "channel": "visit", "title": f"纠纷{i}",
                             "narrative": "邻里之间因为噪声和漏水发生争执，多次协商未果。", "region_id": grid.pk,
                             "region_path": grid.path, "party_count": 2, "received_at": received,
                             "created_at": received, "updated_at": received})
                people.append(person)
                places.append(grid_index)
            with transaction.atomic():
                last_id = Case.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
                case_rows.write(rows)
                ids = list(Case.objects.filter(pk__gt=last_id).order_by("pk").values_list("pk", flat=True))
                assert len(ids) == size
                prows = []
                for case_id, person in zip(ids, people, strict=True):
                    prows.append({"case_id": case_id, **party_row_values(
                        kind="person", role="applicant", name=f"居民{person}", phone=resident_phone(person),
                        id_number=resident_id(person))})
                    if case_id % 2:
                        prows.append({"case_id": case_id, **party_row_values(kind="organisation", role="respondent",
                                                                             name=f"某物业公司{case_id % 97}")})
                party_rows.write(prows)
                parties += len(prows)
            case_person += people
            case_grid += places
            print(f"  {first + size} cases", flush=True)
        case_bulk_analyze()
        load_seconds = round(time.perf_counter() - t0, 1)
        print(f"loaded {args.cases} cases, {parties} parties in {load_seconds} s", flush=True)

        # Expected answers, from the generator: the grids (by index) each user sees.
        by_person: dict[int, list[int]] = {}
        for index, person in enumerate(case_person):
            by_person.setdefault(person, []).append(index)
        street_grids = {0}  # county.grid is the street center's only grid here (other_grid is on another street)
        users = {
            "grid_worker": (county.grid_worker, {0}),
            "street_center": (county.street_center, street_grids),
            "county_center": (county.center, set(range(len(grids)))),
            "superuser": (UserFactory(username="bench-root", is_superuser=True), set(range(len(grids)))),
        }
        searched = [rng.choice(case_person) for _ in range(args.searches)]
        # residents with a case in the grid worker's grid too, so the narrow scope answers something
        in_grid = [case_person[i] for i in range(len(case_person)) if case_grid[i] == 0]
        searched += [rng.choice(in_grid) for _ in range(min(args.searches // 4, len(in_grid)))]
        kinds = {"phone": lambda n: f"+86 {resident_phone(n)[:3]}-{resident_phone(n)[3:7]}-{resident_phone(n)[7:]}",
                 "id_number": lambda n: resident_id(n).lower()}
        results: dict[str, dict] = {}
        wrong = 0
        for kind, spell in kinds.items():
            for name, (user, seen_grids) in users.items():
                user.__dict__.pop("active_memberships", None)
                timings, wrong_here = [], 0
                for person in searched:
                    expected_count = sum(1 for i in by_person[person] if case_grid[i] in seen_grids)
                    begin = time.perf_counter()
                    qs = case_list_for(user=user, filters=CaseFilters(text=spell(person)))
                    count = qs.count()
                    rows = list(qs[:25])
                    timings.append((time.perf_counter() - begin) * 1000)
                    if count != expected_count or len(rows) != min(count, 25):
                        wrong_here += 1
                wrong += wrong_here
                results[f"{kind}.{name}"] = {**percentiles(timings), "wrong": wrong_here}
                print(f"{kind:9s} {name:14s} {results[f'{kind}.{name}']}", flush=True)

        client = Client()
        client.force_login(county.center)
        page_timings, page_wrong = [], 0
        client.get("/cases/")  # the first page compiles its templates; not a search's cost
        for person in searched[: min(100, len(searched))]:
            key = person_key(resident_phone(person))
            begin = time.perf_counter()
            response = client.get("/cases/", {"person": key})
            page_timings.append((time.perf_counter() - begin) * 1000)
            if response.status_code != 200 or resident_phone(person) in response.content.decode():
                page_wrong += 1
        wrong += page_wrong
        results["page.county_center"] = {**percentiles(page_timings), "wrong": page_wrong}
        print(f"page      county_center  {results['page.county_center']}", flush=True)
        if connection.vendor == "postgresql":
            qs = case_list_for(user=county.center, filters=CaseFilters(text=resident_phone(searched[0])))
            print(qs.explain(), flush=True)
        _common.emit({"backend": args.backend, "cases": args.cases, "parties": parties, "residents": residents,
                      "grids": len(grids), "load_seconds": load_seconds, "searches_per_user": len(searched),
                      "wrong_answers": wrong, **results})
        if wrong:
            sys.exit(1)
    finally:
        from django.db import connections

        connections.close_all()
        if args.backend == "postgres" and not args.keep:
            drop_postgres()
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
