"""Running the text engine inside a process: a one-time warm-up, loaded models kept per process, and a time
budget around every analysis.

The engine call runs in a daemon thread and the caller waits at most the budget: a slow or stuck analysis
never holds up a request or a worker for longer, and never touches the database (the thread gets plain
values and returns plain values). A thread that overruns is left to finish on its own; its answer is dropped.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

logger = logging.getLogger(__name__)
T = TypeVar("T")

_warm_lock = threading.Lock()
_warm = False
_model_lock = threading.Lock()
_models: dict[str, tuple[tuple[int, str], Any]] = {}


class EngineFailure(Exception):
    """The analysis raised, or ran past its time budget."""


class EngineTimeout(EngineFailure):
    pass


def warm_up() -> None:
    """Load jieba's dictionary, the address tables and the dispute-type examples once per process."""
    global _warm
    if _warm:
        return
    with _warm_lock:
        if _warm:
            return
        from fengqiao.triage import engine

        started = time.perf_counter()
        engine.warm_up()
        _warm = True
        logger.debug("triage engine warmed up in %.1f s", time.perf_counter() - started)


def is_warm() -> bool:
    return _warm


def warm_up_in_background() -> threading.Thread:
    thread = threading.Thread(target=_quiet_warm_up, name="triage-warm-up", daemon=True)
    thread.start()
    return thread


def _quiet_warm_up() -> None:
    try:
        warm_up()
    except Exception:
        logger.exception("triage engine warm-up failed")


@dataclass(frozen=True)
class ModelRef:
    """An active registry entry, as plain values the engine thread may use."""

    kind: str
    id: int
    version: int
    path: str


def load_model(ref: ModelRef) -> Any:
    """The model of `ref`, loaded once per process (a newly activated version replaces the old one)."""
    key = (ref.id, ref.path)
    cached = _models.get(ref.kind)
    if cached is not None and cached[0] == key:
        return cached[1]
    with _model_lock:
        cached = _models.get(ref.kind)
        if cached is not None and cached[0] == key:
            return cached[1]
        from fengqiao.triage.engine import classifier, crisis

        model = crisis.CrisisModel.load(ref.path) if ref.kind == "crisis" else classifier.load(ref.path)
        _models[ref.kind] = (key, model)
        return model


def forget_models() -> None:
    with _model_lock:
        _models.clear()


def run_with_budget(fn: Callable[..., T], *args: Any, budget: float, fault: str = "") -> T:
    """Run `fn(*args)` after the warm-up, in a daemon thread; raise EngineFailure if it raises or if the whole
    call (warm-up included) takes longer than `budget` seconds. `fault` injects a failure ("raise" or
    "timeout") for drills and tests."""
    box: dict[str, Any] = {}

    def work() -> None:
        try:
            if fault == "timeout":
                time.sleep(budget + 1.0)
            warm_up()
            if fault == "raise":
                raise RuntimeError("triage fault injected (TRIAGE_FAULT=raise)")
            box["value"] = fn(*args)
        except BaseException as exc:  # reported to the caller, never lost in the thread
            box["error"] = exc

    thread = threading.Thread(target=work, name="triage-analysis", daemon=True)
    thread.start()
    thread.join(budget)
    if thread.is_alive():
        raise EngineTimeout(f"analysis took longer than {budget:g} s")
    if "error" in box:
        exc = box["error"]
        raise EngineFailure(f"{type(exc).__name__}: {exc}"[:280]) from exc
    return box["value"]
