"""Similar earlier cases, from the database.

Each triaged case leaves keys in SimilarityKey: the MinHash band keys of its text (the engine's scheme) and
hashed party names, phone numbers, ID numbers and place. A new case looks up the cases that share any key
(an indexed IN query, so this scales with the number of matches, not of cases), and the engine's
SimilarIndex ranks those candidates with exact Jaccard similarity and says why each one matched.

Each case also leaves its topic words (jieba keywords): a noise complaint finds earlier noise complaints worded
differently, when they share enough of them (the engine's `topic_words`).

Matches are ranked by the matter (text, topic, place, organisation): a case that shares only the person (ID number,
phone, name) with this one is not listed, and the person's reasons are named only on a case whose matter matches.

Stored matches are not scoped: whoever views them sees only the ones `Case.objects.visible_to` lets them see.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count

from fengqiao.cases.models import Case, Party
from fengqiao.triage.engine.similar import (
    REASONS,
    TOPIC_REASON,
    CaseRecord,
    SimilarIndex,
    key64,
    normalise_key,
    topic_words,
)
from fengqiao.triage.models import SimilarityKey, TriageResult

MAX_CANDIDATES = 300
KEEP_MATCHES = 20  # stored; the page shows the first 5 the viewer may see
SHOW_MATCHES = 5
TEXT_MAX_CHARS = 5000
_REASON_KIND = {text: kind for kind, text in REASONS.items()}
_TEXT_RE = re.compile(r"^文本相似 ([0-9.]+)")
_SIGNED = 1 << 63
_PROBE = SimilarIndex()


@dataclass
class CaseKeys:
    text: str
    parties: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    id_numbers: list[str] = field(default_factory=list)
    place: str = ""
    region_code: str = ""
    organisations: list[str] = field(default_factory=list)

    def record(self, case_id: int) -> CaseRecord:
        return CaseRecord(
            str(case_id),
            self.text,
            parties=self.parties,
            phones=self.phones,
            id_numbers=self.id_numbers,
            place=self.place,
            region_code=self.region_code,
            organisations=self.organisations,
        )


def _signed(value: int) -> int:
    return value - (1 << 64) if value >= _SIGNED else value


def text_band_keys(text: str) -> list[int]:
    """The MinHash band keys of `text` under the engine's default index parameters."""
    return [_signed(key64(f"t{b}:{k}")) for b, k in enumerate(_PROBE.band_keys(text))]


def keys_for(keys: CaseKeys) -> list[tuple[int, int]]:
    """(kind, key) pairs of a case."""
    out: list[tuple[int, int]] = [(SimilarityKey.Kind.TEXT, k) for k in text_band_keys(keys.text)]
    out += [(SimilarityKey.Kind.TOPIC, _signed(key64(f"w:{word}"))) for word, _w in topic_words(keys.text)]
    for kind, code, values in (
        ("id_number", SimilarityKey.Kind.ID_NUMBER, keys.id_numbers),
        ("phone", SimilarityKey.Kind.PHONE, keys.phones),
        ("party", SimilarityKey.Kind.PARTY, keys.parties),
        ("place", SimilarityKey.Kind.PLACE, [keys.place] if keys.place else []),
        ("organisation", SimilarityKey.Kind.ORGANISATION, keys.organisations),
    ):
        for value in values:
            s = normalise_key(kind, value)
            if s:
                out.append((code, _signed(key64(f"{kind}:{s}"))))
    return list(dict.fromkeys(out))


def case_keys(case: Case, parties: list[Party], found: dict[str, Any]) -> CaseKeys:
    """What identifies a case for the similar-case search: its text, place and organisations (the matter), and
    its parties, phones and ID numbers (the person)."""
    detailed = [a.get("text", "") for a in found.get("addresses", []) if a.get("detail")]
    place = case.address.strip() or (detailed[0] if detailed else "")
    return CaseKeys(
        text=f"{case.title}\n{case.narrative}"[:TEXT_MAX_CHARS],
        parties=[p.name for p in parties],
        phones=[p.phone for p in parties if p.phone] + list(found.get("phones", [])),
        id_numbers=[p.id_number for p in parties if p.id_number] + list(found.get("id_numbers", [])),
        place=place,
        region_code=case.region.code,
        organisations=[o for o in found.get("organisations", []) if isinstance(o, str)],
    )


def keys_store(case: Case, keys: CaseKeys) -> int:
    SimilarityKey.objects.filter(case=case).delete()
    rows = [SimilarityKey(case=case, kind=kind, key=key) for kind, key in keys_for(keys)]
    SimilarityKey.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def _candidate_keys(case_ids: list[int]) -> dict[int, CaseKeys]:
    cases = (
        Case.objects.filter(pk__in=case_ids)
        .select_related("region")
        .only("id", "title", "narrative", "address", "region__code")
    )
    parties: dict[int, list[Party]] = {}
    for party in Party.objects.filter(case_id__in=case_ids).only("case_id", "name", "phone", "id_number"):
        parties.setdefault(party.case_id, []).append(party)
    found = {
        case_id: {"organisations": (entities or {}).get("organisations", [])}
        for case_id, entities in TriageResult.objects.filter(case_id__in=case_ids).values_list("case_id", "entities")
    }
    return {c.pk: case_keys(c, parties.get(c.pk, []), found.get(c.pk, {})) for c in cases}


def _structured(reasons: list[str]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for reason in reasons:
        if reason in _REASON_KIND:
            out.append({"kind": _REASON_KIND[reason]})
        elif (m := _TEXT_RE.match(reason)) is not None:
            out.append({"kind": "text", "value": float(m.group(1))})
        elif reason.startswith(TOPIC_REASON):
            words = reason.split(":", 1)[1].strip() if ":" in reason else ""
            out.append({"kind": "topic", "value": words})
        elif reason.startswith("同一地区"):
            out.append({"kind": "region"})
    return out


def similar_search(case: Case, keys: CaseKeys, *, k: int = KEEP_MATCHES) -> list[dict[str, Any]]:
    """Earlier cases sharing a key with `case`, ranked by the engine: [{"case", "score", "reasons"}]."""
    wanted = [key for _kind, key in keys_for(keys)]
    if not wanted:
        return []
    hits = (
        SimilarityKey.objects.filter(key__in=wanted, case_id__lt=case.pk)
        .values("case_id")
        .annotate(n=Count("id"))
        .order_by("-n", "-case_id")[:MAX_CANDIDATES]
    )
    candidate_ids = [h["case_id"] for h in hits]
    if not candidate_ids:
        return []
    index = SimilarIndex()
    found = _candidate_keys(candidate_ids)
    index.add_many([found[i].record(i) for i in candidate_ids if i in found])
    matches = index.query(
        keys.text,
        k=k,
        parties=keys.parties,
        phones=keys.phones,
        id_numbers=keys.id_numbers,
        place=keys.place,
        region_code=keys.region_code,
        organisations=keys.organisations,
        exclude=[str(case.pk)],
        by_matter=True,
    )
    return [
        {"case": int(m.case_id), "score": round(m.score, 3), "reasons": _structured(m.reasons)}
        for m in matches
        if m.reasons
    ]
