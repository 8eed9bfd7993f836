"""Generating cases in a second process while the loader writes them: two cores instead of one.

The child is a fresh interpreter (spawn), so it shares no database connection with the loader;
it sends the cases in batches through a bounded queue and reports a failure as text.
The cases are the same as generate_cases() gives in-process for the same arguments.
"""
from __future__ import annotations

import datetime as dt
import multiprocessing
import queue as queue_module
import traceback
from collections.abc import Iterator

from fengqiao.demo.generator.specs import CaseSpec

WAIT_SECONDS = 600  # longest pause between two batches before the load gives up


def _produce(out: multiprocessing.Queue, seed: int, count: int, now: dt.datetime, months: int, batch: int) -> None:
    try:
        import django

        django.setup()
        from fengqiao.demo.generator.cases import generate_cases

        chunk: list[CaseSpec] = []
        for spec in generate_cases(seed=seed, count=count, now=now, months=months):
            chunk.append(spec)
            if len(chunk) >= batch:
                out.put(chunk)
                chunk = []
        if chunk:
            out.put(chunk)
        out.put(None)
    except BaseException:  # everything goes back to the parent as text
        out.put(traceback.format_exc())


def generate_in_background(*, seed: int, count: int, now: dt.datetime, months: int = 24, batch: int = 500) -> Iterator[CaseSpec]:
    context = multiprocessing.get_context("spawn")
    out = context.Queue(maxsize=8)
    process = context.Process(target=_produce, args=(out, seed, count, now, months, batch), daemon=True)
    process.start()
    try:
        while True:
            try:
                item = out.get(timeout=WAIT_SECONDS)
            except queue_module.Empty as exc:
                raise RuntimeError("the case generator stopped answering") from exc
            if item is None:
                break
            if isinstance(item, str):
                raise RuntimeError(f"the case generator failed:\n{item}")
            yield from item
    finally:
        process.join(timeout=10)
        if process.is_alive():
            process.terminate()
            process.join(timeout=10)
