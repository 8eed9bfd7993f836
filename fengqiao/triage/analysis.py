"""One text analysis: category (when a model is active), dispute type, crisis language and entities.

Pure: takes strings and model references, returns plain values, never touches the database, so that it can
run under a time budget in a separate thread (see runtime.py) and in the `triage predict` command alike.
"""

from __future__ import annotations

import logging
import time
from dataclasses import asdict, dataclass, field
from typing import Any

from fengqiao.triage.engine import crisis as crisis_engine
from fengqiao.triage.engine import dispute_types, entities
from fengqiao.triage.engine.text import join_fields
from fengqiao.triage.runtime import ModelRef, load_model

logger = logging.getLogger(__name__)
HARM_OTHERS_MIN_WEIGHT = 0.5


@dataclass
class Analysis:
    category_label: str | None = None
    category_confidence: float | None = None
    dispute_type: str = dispute_types.OTHER
    dispute_type_confidence: float = 0.0
    dispute_type_terms: list[str] = field(default_factory=list)
    dispute_type_probabilities: dict[str, float] = field(default_factory=dict)
    crisis: bool = False
    crisis_score: float = 0.0
    crisis_reasons: list[str] = field(default_factory=list)
    crisis_kind: str | None = None
    entities: dict[str, Any] = field(default_factory=dict)
    model_notes: list[str] = field(default_factory=list)
    timings: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def case_text(title: str, narrative: str) -> str:
    return join_fields([title, narrative])


def _crisis_kind(text: str, verdict: crisis_engine.CrisisResult) -> str | None:
    """The engine's kind, except that any strong harm-to-others phrase makes it harm-to-others (the care team is
    told to look after everyone's safety; reporting to the police stays a person's decision)."""
    if not verdict.is_crisis:
        return None
    for kind, weight, _phrase in crisis_engine.lexicon_matches(text):
        if kind == crisis_engine.HARM_OTHERS and weight >= HARM_OTHERS_MIN_WEIGHT:
            return crisis_engine.HARM_OTHERS
    return verdict.kind or crisis_engine.SELF_HARM


def _model(refs: dict[str, ModelRef], kind: str, notes: list[str]) -> Any:
    ref = refs.get(kind)
    if ref is None:
        return None
    try:
        return load_model(ref)
    except Exception as exc:  # a broken model directory must not stop the rest of the analysis
        logger.warning("triage model %s v%s unusable: %s", kind, ref.version, exc)
        notes.append(f"{kind} v{ref.version}: {type(exc).__name__}")
        return None


def analyse(text: str, extra_text: str = "", refs: dict[str, ModelRef] | None = None) -> Analysis:
    """Analyse a case text. `extra_text` (e.g. the registered address) only feeds entity extraction."""
    refs = refs or {}
    result = Analysis()
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        result.timings[name] = round((now - clock) * 1000)
        clock = now

    category_model = _model(refs, "category", result.model_notes)
    if category_model is not None:
        label, confidence = category_model.predict_one(text)
        result.category_label, result.category_confidence = label, round(float(confidence), 4)
    lap("category")
    verdict = dispute_types.classify(text, model=_model(refs, "dispute_type", result.model_notes))
    result.dispute_type = verdict.type_code
    result.dispute_type_confidence = float(verdict.confidence)
    result.dispute_type_terms = list(verdict.matched_terms)
    result.dispute_type_probabilities = dict(verdict.probabilities)
    lap("dispute_type")
    danger = crisis_engine.detect(text, model=_model(refs, "crisis", result.model_notes))
    result.crisis = bool(danger.is_crisis)
    result.crisis_score = float(danger.score)
    result.crisis_reasons = list(danger.reasons)
    result.crisis_kind = _crisis_kind(text, danger)
    lap("crisis")
    found = entities.extract_entities(join_fields([text, extra_text]))
    result.entities = {
        "persons": found.get("persons", []),
        "organisations": found.get("organisations", []),
        "parties": found.get("parties", []),
        "phones": found.get("phones", []),
        "id_numbers": found.get("id_numbers", []),
        "invalid_id_numbers": found.get("invalid_id_numbers", []),
        "addresses": found.get("addresses", []),
    }
    lap("entities")
    return result
