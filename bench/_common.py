"""Helpers shared by the benchmark scripts (not a test module)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATASETS = REPO_ROOT.parent / "shared" / "datasets"


def single_thread() -> None:
    """Force numeric libraries to one thread; call before importing numpy."""
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
        os.environ[var] = "1"


def add_repo_to_path() -> None:
    if str(REPO_ROOT) not in sys.path:
        sys.path.insert(0, str(REPO_ROOT))


def parser(description: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=description)
    p.add_argument(
        "--datasets",
        type=Path,
        default=DEFAULT_DATASETS,
        help=f"folder holding the public datasets (default: {DEFAULT_DATASETS})",
    )
    return p


def require(path: Path) -> Path:
    if not path.exists():
        sys.exit(f"dataset not found: {path} (pass --datasets DIR; see shared/datasets/README.md)")
    return path


def emit(result: dict) -> None:
    """Print the figures as one JSON object on the last line."""
    print(json.dumps(result, ensure_ascii=False, sort_keys=False), flush=True)
