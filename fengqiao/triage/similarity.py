"""Similar earlier cases, from the database.

Each triaged case leaves keys in SimilarityKey: the MinHash band keys of its text (the engine's scheme) and
hashed party names, phone numbers, ID numbers and place. A new case looks up the cases that share any key
(an indexed IN query, so this scales with the number of matches, not of cases), and the engine's
SimilarIndex ranks those candidates with exact Jaccard similarity and says why each one matched.

Each case also leaves its topic words (jieba keywords): a noise complaint finds earlier noise complaints worded
differently, when they share enough of them (the engine's `topic_words`).

A candidate is described to the engine by the keys it shares with the new case, read from SimilarityKey in one
query: its words and metadata are never worked out again (jieba is run once per triaged case, on its own text),
and only the candidates that share a text band key have their text read, for the exact Jaccard similarity.

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
    TOPIC_MIN_SHARED,
    TOPIC_REASON,
    CaseRecord,
    SimilarIndex,
    key64,
    normalise_key,
    topic_words,
)
from fengqiao.triage.models import SimilarityKey

MAX_CANDIDATES = 300
KEEP_MATCHES = 20  # stored; the page shows the first 5 the viewer may see
SHOW_MATCHES = 5
TEXT_MAX_CHARS = 5000
_REASON_KIND = {text: kind for kind, text in REASONS.items()}
_TEXT_RE = re.compile(r"^文本相似 ([0-9.]+)")
_SIGNED = 1 << 63
_PROBE = SimilarIndex()
_MATTER_KINDS = {SimilarityKey.Kind.PLACE, SimilarityKey.Kind.ORGANISATION}


@dataclass
class CaseKeys:
    text: str
    parties: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    id_numbers: list[str] = field(default_factory=list)
    place: str = ""
    region_code: str = ""
    organisations: list[str] = field(default_factory=list)
    _topics: list[tuple[str, float]] | None = field(default=None, init=False, repr=False, compare=False)
    _lookup: list[tuple[int, int, str]] | None = field(default=None, init=False, repr=False, compare=False)

    def topics(self) -> list[tuple[str, float]]:
        """The text's topic words with their weights, worked out once."""
        if self._topics is None:
            self._topics = topic_words(self.text)
        return self._topics

    def lookup(self) -> list[tuple[int, int, str]]:
        """(kind, key, value) of every stored key of the case, worked out once; `value` is the party name, phone,
        ID number, place or organisation as given, the topic word, or "" for a text band key."""
        if self._lookup is None:
            self._lookup = _lookup_keys(self)
        return self._lookup


def _signed(value: int) -> int:
    return value - (1 << 64) if value >= _SIGNED else value


def text_band_keys(text: str) -> list[int]:
    """The MinHash band keys of `text` under the engine's default index parameters."""
    return [_signed(key64(f"t{b}:{k}")) for b, k in enumerate(_PROBE.band_keys(text))]


def _lookup_keys(keys: CaseKeys) -> list[tuple[int, int, str]]:
    out: dict[tuple[int, int], str] = {(SimilarityKey.Kind.TEXT, k): "" for k in text_band_keys(keys.text)}
    for word, _w in keys.topics():
        out.setdefault((SimilarityKey.Kind.TOPIC, _signed(key64(f"w:{word}"))), word)
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
                out.setdefault((code, _signed(key64(f"{kind}:{s}"))), value)
    return [(kind, key, value) for (kind, key), value in out.items()]


def keys_for(keys: CaseKeys) -> list[tuple[int, int]]:
    """(kind, key) pairs of a case."""
    return [(kind, key) for kind, key, _value in keys.lookup()]


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


def _candidate_records(case_ids: list[int], keys: CaseKeys) -> list[CaseRecord]:
    """The candidates that can match `keys` by the matter, as the engine needs them to rank them: each with the
    new case's values it shares (read from the keys both stored), its region, and its text only when it shares a
    text band key. A candidate sharing only the person (name, phone, ID number) or fewer than TOPIC_MIN_SHARED
    topic words is left out: ranked by the matter, the engine would not list it."""
    by_key = {key: (kind, value) for kind, key, value in keys.lookup()}
    shared: dict[int, dict[int, list[str]]] = {}
    with_text: set[int] = set()
    for case_id, key in SimilarityKey.objects.filter(case_id__in=case_ids, key__in=list(by_key)).values_list(
        "case_id", "key"
    ):
        kind, value = by_key[key]
        if kind == SimilarityKey.Kind.TEXT:
            with_text.add(case_id)
        else:
            shared.setdefault(case_id, {}).setdefault(kind, []).append(value)
    matter = [
        case_id
        for case_id in case_ids
        if case_id in with_text
        or _MATTER_KINDS & shared.get(case_id, {}).keys()
        or len(shared.get(case_id, {}).get(SimilarityKey.Kind.TOPIC, [])) >= TOPIC_MIN_SHARED
    ]
    if not matter:
        return []
    texts = {
        pk: f"{title}\n{narrative}"[:TEXT_MAX_CHARS]
        for pk, title, narrative in Case.objects.filter(pk__in=with_text).values_list("id", "title", "narrative")
    }
    regions = dict(Case.objects.filter(pk__in=matter).values_list("id", "region__code"))
    records = []
    for case_id in matter:
        if case_id not in regions:
            continue
        values = shared.get(case_id, {})
        places = values.get(SimilarityKey.Kind.PLACE, [])
        records.append(
            CaseRecord(
                str(case_id),
                texts.get(case_id, ""),
                parties=values.get(SimilarityKey.Kind.PARTY, []),
                phones=values.get(SimilarityKey.Kind.PHONE, []),
                id_numbers=values.get(SimilarityKey.Kind.ID_NUMBER, []),
                place=places[0] if places else "",
                region_code=regions[case_id] or "",
                organisations=values.get(SimilarityKey.Kind.ORGANISATION, []),
                topics=values.get(SimilarityKey.Kind.TOPIC, []),
            )
        )
    return records


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
    index.add_many(_candidate_records(candidate_ids, keys))
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
        topics=keys.topics(),
    )
    return [
        {"case": int(m.case_id), "score": round(m.score, 3), "reasons": _structured(m.reasons)}
        for m in matches
        if m.reasons
    ]
