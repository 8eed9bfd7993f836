"""Similar-case search: MinHash-LSH over character 3-gram shingles, plus exact
look-ups on party names, phone numbers, ID numbers and places.

* Incremental: :meth:`SimilarIndex.add` (one case) and :meth:`add_many`
  (a batch, vectorised) can be called at any time, interleaved with queries.
* Serialisable: :meth:`save` / :meth:`load` use one ``.npz`` file (no pickle).
* Text similarity: signatures of ``num_perm`` 32-bit MinHash values, banded
  ``bands`` x ``rows``; candidates from the bands are re-ranked by exact
  Jaccard over the stored shingle sets.  With the defaults (96 = 32 x 3) a pair
  with Jaccard 0.5 becomes a candidate with probability 0.986 (0.9992 at 0.6).
* Memory: about 1.5 KB per case for 150-300-character texts (signatures
  384 B, shingles 4 B each, band tables 12 B per band): 1.5 GB of arrays for
  1,000,000 cases in ``bench/similar.py``, with queries of ~2 ms.
* Topic: the jieba keywords of each case (:func:`topic_words`) are indexed too, so that a case worded
  differently on the same matter ("楼上噪音" / "邻居深夜噪音") is found, ranked below every near-duplicate.
  Extracting them costs about 0.6 ms per case when adding and about 1.5 ms per query (bench/similar.py at
  20,000 cases: median query 0.33 ms without topics, 2.0 ms with; bench/similar_topics.py measures the recall).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .text import normalize

MAX_CHARS = 5000
SHINGLE = 3
_KEEP_RE = re.compile(r"[^0-9a-z\u3400-\u9fff]+")
_ANON_NAME_RE = re.compile(r"^.{1,2}某+.?$")
_M64 = np.uint64(0xFFFFFFFFFFFFFFFF)

RERANK_MARGIN = 0.15
RERANK_MAX = 60
REASON_TEXT = "文本相似 / similar text"
REASONS = {
    "id_number": "同一身份证号 / same ID number",
    "phone": "同一电话 / same phone",
    "party": "同一当事人 / same party",
    "place": "同一地点 / same place",
    "organisation": "同一单位 / same organisation",
}
_META_WEIGHT = {"id_number": 1.0, "phone": 0.9, "party": 0.8, "place": 0.5, "organisation": 0.5}
MATTER_KINDS = ("place", "organisation", "topic")
"""What the matter is about besides its text: where it happened and which organisation it concerns. A match on
the person alone (ID number, phone, name) is not the same matter."""

# Topic: the matter's own words (jieba keywords weighted by the idf table jieba ships), so that a noise
# complaint finds earlier noise complaints worded differently, not only near-duplicates.  A case is a topic
# match when it shares at least TOPIC_MIN_SHARED of the query's TOPIC_WORDS keywords and at least TOPIC_MIN of
# their weight; one shared word (a company's name, "小区") is not a topic.
TOPIC_WORDS = 8
TOPIC_MIN_SHARED = 2
TOPIC_MIN = 0.3
TOPIC_WEIGHT = 0.45  # below the lowest near-duplicate (min_jaccard 0.5): those rank first
TOPIC_CAP = 300
TOPIC_REASON = "话题相近 / same topic"
_TOPIC_OK = re.compile(r"^[\u3400-\u9fff]{2,}$")


def topic_words(text: object, k: int = TOPIC_WORDS) -> list[tuple[str, float]]:
    """Up to ``k`` keywords of ``text`` with their TF-IDF weights (jieba's own idf table), Chinese words of two
    characters or more."""
    from .text import _ensure_jieba

    s = normalize(text, 2000)
    if not s:
        return []
    _ensure_jieba()
    import jieba.analyse

    got = jieba.analyse.extract_tags(s, topK=k * 2, withWeight=True)
    return [(w, float(x)) for w, x in got if _TOPIC_OK.match(w)][:k]


def shingles(text: object) -> np.ndarray:
    """Sorted unique uint32 hashes of the character 3-grams of ``text``
    (punctuation and whitespace dropped, lower-cased)."""
    s = _KEEP_RE.sub("", normalize(text, MAX_CHARS).lower())
    if not s:
        return np.zeros(0, dtype=np.uint32)
    cp = np.frombuffer(s.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if len(cp) < SHINGLE:
        cp = np.concatenate([cp, np.zeros(SHINGLE - len(cp), dtype=np.uint64)])
    with np.errstate(over="ignore"):
        h = (
            cp[:-2] * np.uint64(0x9E3779B97F4A7C15)
            + cp[1:-1] * np.uint64(0xC2B2AE3D27D4EB4F)
            + cp[2:] * np.uint64(0x165667B19E3779F9)
        )
        h ^= h >> np.uint64(31)
        h *= np.uint64(0xBF58476D1CE4E5B9)
        h ^= h >> np.uint64(29)
    return np.unique((h >> np.uint64(32)).astype(np.uint32))


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Exact Jaccard similarity of two sorted unique shingle arrays."""
    if len(a) == 0 or len(b) == 0:
        return 0.0
    inter = len(np.intersect1d(a, b, assume_unique=True))
    return inter / (len(a) + len(b) - inter)


def key64(s: str) -> int:
    """Stable 64-bit key of a normalised string (blake2b)."""
    return int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "little")


class _MultiMap:
    """uint64 key -> many uint32 values; a sorted main part plus a small
    unsorted buffer for single inserts.  Values of a key keep insertion order."""

    def __init__(self, keys: np.ndarray | None = None, vals: np.ndarray | None = None) -> None:
        self.keys = keys if keys is not None else np.zeros(0, dtype=np.uint64)
        self.vals = vals if vals is not None else np.zeros(0, dtype=np.uint32)
        self.buf: dict[int, list[int]] = {}
        self.buf_n = 0

    def add(self, key: int, val: int) -> None:
        self.buf.setdefault(int(key), []).append(int(val))
        self.buf_n += 1
        if self.buf_n >= 20_000:
            self.flush()

    def add_many(self, keys: np.ndarray, vals: np.ndarray) -> None:
        self.flush()
        self._merge(keys.astype(np.uint64), vals.astype(np.uint32))

    def _merge(self, keys: np.ndarray, vals: np.ndarray) -> None:
        if len(keys) == 0:
            return
        order = np.argsort(keys, kind="stable")
        keys, vals = keys[order], vals[order]
        pos = np.searchsorted(self.keys, keys, side="right")
        self.keys = np.insert(self.keys, pos, keys)
        self.vals = np.insert(self.vals, pos, vals)

    def flush(self) -> None:
        if not self.buf:
            return
        ks = np.fromiter((k for k, v in self.buf.items() for _ in v), dtype=np.uint64, count=self.buf_n)
        vs = np.fromiter((x for v in self.buf.values() for x in v), dtype=np.uint32, count=self.buf_n)
        self.buf, self.buf_n = {}, 0
        self._merge(ks, vs)

    def get(self, key: int, cap: int) -> np.ndarray:
        """Up to ``cap`` most recently added values of ``key``."""
        k = np.uint64(key)
        lo = int(np.searchsorted(self.keys, k, side="left"))
        hi = int(np.searchsorted(self.keys, k, side="right"))
        out = self.vals[max(lo, hi - cap) : hi]
        extra = self.buf.get(int(key))
        if extra:
            out = np.concatenate([out, np.asarray(extra[-cap:], dtype=np.uint32)])[-cap:]
        return out


@dataclass
class CaseRecord:
    """What the index stores about one case (texts themselves are not kept)."""

    case_id: str
    text: str = ""
    parties: Sequence[str] = ()
    phones: Sequence[str] = ()
    id_numbers: Sequence[str] = ()
    place: str = ""
    region_code: str = ""
    organisations: Sequence[str] = ()
    topics: Sequence[str] | None = None
    """Its topic words when they are known already (e.g. stored); None: :func:`topic_words` of the text."""


@dataclass
class Match:
    case_id: str
    score: float
    reasons: list[str] = field(default_factory=list)
    text_similarity: float = 0.0


def normalise_key(kind: str, value: object) -> str:
    """The normal form of a party name, phone, ID number or place used as a lookup key ('' = not usable)."""
    s = _KEEP_RE.sub("", normalize(value, 200).lower())
    if kind == "party" and (len(s) < 2 or _ANON_NAME_RE.match(s)):
        return ""  # "张某" and the like are far too common to identify anyone
    if kind == "phone":
        s = re.sub(r"^(?:86|0086)(?=1\d{10}$)", "", s)
        if len(s) < 7 or "*" in str(value):
            return ""
    if kind == "id_number" and len(s) < 15:
        return ""
    if kind in {"place", "organisation"} and len(s) < 4:
        return ""
    return s


class SimilarIndex:
    """Incremental similar-case index.  See the module docstring."""

    def __init__(self, num_perm: int = 96, bands: int = 32, seed: int = 1, min_jaccard: float = 0.5) -> None:
        if num_perm % bands:
            raise ValueError("num_perm must be a multiple of bands")
        self.num_perm, self.bands, self.rows = num_perm, bands, num_perm // bands
        self.seed, self.min_jaccard = seed, min_jaccard
        rng = np.random.default_rng(seed)
        self._a = rng.integers(1, 2**63, size=num_perm, dtype=np.uint64) | np.uint64(1)
        self._b = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64)
        mix = rng.integers(1, 2**63, size=self.rows, dtype=np.uint64) | np.uint64(1)
        self._mix = mix
        self.ids: list[str] = []
        self._sig = np.zeros((0, num_perm), dtype=np.uint32)
        self._region = np.zeros(0, dtype=np.uint32)
        self._sh_data = np.zeros(0, dtype=np.uint32)
        self._sh_off = np.zeros(1, dtype=np.int64)
        self._n = 0
        self._nnz = 0
        self._bands = [_MultiMap() for _ in range(bands)]
        self._meta = {k: _MultiMap() for k in REASONS}
        self._topic = _MultiMap()

    # -- hashing --------------------------------------------------------
    def _minhash_batch(self, sh_list: Sequence[np.ndarray]) -> np.ndarray:
        n = len(sh_list)
        sig = np.full((n, self.num_perm), 0xFFFFFFFF, dtype=np.uint32)
        lens = np.array([len(s) for s in sh_list], dtype=np.int64)
        nz = np.nonzero(lens)[0]
        if len(nz) == 0:
            return sig
        start = 0
        while start < len(nz):  # chunks of about 60k shingles
            stop, total = start, 0
            while stop < len(nz) and (total == 0 or total + lens[nz[stop]] <= 60_000):
                total += lens[nz[stop]]
                stop += 1
            idx = nz[start:stop]
            x = np.concatenate([sh_list[i] for i in idx]).astype(np.uint64)
            with np.errstate(over="ignore"):
                v = ((self._a[:, None] * x[None, :] + self._b[:, None]) >> np.uint64(32)).astype(np.uint32)
            offs = np.concatenate([[0], np.cumsum(lens[idx])[:-1]])
            sig[idx] = np.minimum.reduceat(v, offs, axis=1).T
            start = stop
        return sig

    def _band_keys(self, sig: np.ndarray) -> np.ndarray:
        """(n, bands) uint64 keys."""
        s = sig.reshape(len(sig), self.bands, self.rows).astype(np.uint64)
        with np.errstate(over="ignore"):
            k = (s * self._mix).sum(axis=2, dtype=np.uint64)
            k ^= k >> np.uint64(33)
        return k

    # -- storage ----------------------------------------------------------
    def _grow(self, n_new: int, nnz_new: int) -> None:
        need = self._n + n_new
        if need > len(self._sig):
            cap = max(need, int(len(self._sig) * 1.5) + 1024)
            sig = np.zeros((cap, self.num_perm), dtype=np.uint32)
            sig[: self._n] = self._sig[: self._n]
            reg = np.zeros(cap, dtype=np.uint32)
            reg[: self._n] = self._region[: self._n]
            off = np.zeros(cap + 1, dtype=np.int64)
            off[: self._n + 1] = self._sh_off[: self._n + 1]
            self._sig, self._region, self._sh_off = sig, reg, off
        need = self._nnz + nnz_new
        if need > len(self._sh_data):
            cap = max(need, int(len(self._sh_data) * 1.5) + 65536)
            data = np.zeros(cap, dtype=np.uint32)
            data[: self._nnz] = self._sh_data[: self._nnz]
            self._sh_data = data

    def __len__(self) -> int:
        return self._n

    def shingles_of(self, idx: int) -> np.ndarray:
        return self._sh_data[self._sh_off[idx] : self._sh_off[idx + 1]]

    def _meta_keys(self, rec: CaseRecord) -> Iterable[tuple[str, int]]:
        for kind, values in (
            ("party", rec.parties),
            ("phone", rec.phones),
            ("id_number", rec.id_numbers),
            ("place", [rec.place] if rec.place else []),
            ("organisation", rec.organisations),
        ):
            seen = set()
            for v in values or ():
                s = normalise_key(kind, v)
                if s and s not in seen:
                    seen.add(s)
                    yield kind, key64(s)

    def band_keys(self, text: object) -> list[int]:
        """The MinHash band keys of `text` (one per band; empty for text without shingles)."""
        sh = shingles(text)
        if len(sh) == 0:
            return []
        return [int(k) for k in self._band_keys(self._minhash_batch([sh]))[0]]

    # -- adding -----------------------------------------------------------
    def add(self, case_id: object, text: object = "", **meta: object) -> int:
        """Add one case; returns its internal number.  ``meta``: ``parties``,
        ``phones``, ``id_numbers``, ``organisations`` (lists of str), ``place``, ``region_code``."""
        return self.add_many([CaseRecord(str(case_id), str(text or ""), **meta)], _single=True)[0]

    def add_many(self, records: Sequence[CaseRecord], *, _single: bool = False) -> list[int]:
        """Add a batch of :class:`CaseRecord` (vectorised)."""
        if not records:
            return []
        sh = [shingles(r.text) for r in records]
        sig = self._minhash_batch(sh)
        self._grow(len(records), sum(len(s) for s in sh))
        first = self._n
        new_ids = list(range(first, first + len(records)))
        for j, (rec, s) in enumerate(zip(records, sh, strict=True)):
            i = first + j
            self._sh_data[self._nnz : self._nnz + len(s)] = s
            self._nnz += len(s)
            self._sh_off[i + 1] = self._nnz
            self._region[i] = _region_int(rec.region_code)
            self.ids.append(str(rec.case_id))
        self._sig[first : first + len(records)] = sig
        self._n += len(records)
        has_text = np.array([len(s) > 0 for s in sh], dtype=bool)
        keys = self._band_keys(sig)
        vals = np.array(new_ids, dtype=np.uint32)
        for b, mm in enumerate(self._bands):
            if _single:
                if has_text[0]:
                    mm.add(int(keys[0, b]), new_ids[0])
            else:
                mm.add_many(keys[has_text, b], vals[has_text])
        for j, rec in enumerate(records):
            for kind, k in self._meta_keys(rec):
                self._meta[kind].add(k, first + j)
            words = rec.topics if rec.topics is not None else [w for w, _x in topic_words(rec.text)]
            for word in words:
                self._topic.add(key64(f"w:{word}"), first + j)
        return new_ids

    def _topic_matches(self, words: list[tuple[str, float]], cap: int) -> dict[int, tuple[float, list[str]]]:
        """Cases sharing the query's topic words: {number: (share of the query's keyword weight, shared words)}."""
        if len(words) < TOPIC_MIN_SHARED:
            return {}
        total = sum(w for _, w in words) or 1.0
        shared: dict[int, list[str]] = {}
        for word, _w in words:
            for i in self._topic.get(key64(f"w:{word}"), cap):
                shared.setdefault(int(i), []).append(word)
        weight = dict(words)
        out = {}
        for i, got in shared.items():
            share = sum(weight[w] for w in got) / total
            if len(got) >= TOPIC_MIN_SHARED and share >= TOPIC_MIN:
                out[i] = (share, got)
        return out

    # -- querying ---------------------------------------------------------
    def query(
        self,
        text: object = "",
        *,
        k: int = 5,
        exclude: Iterable[str] = (),
        bucket_cap: int = 300,
        by_matter: bool = False,
        topic: bool = True,
        topics: Sequence[tuple[str, float]] | None = None,
        **meta: object,
    ) -> list[Match]:
        """Up to ``k`` earlier cases similar to the given text/metadata, best
        first, each with its reasons.  ``exclude``: case ids to leave out.
        ``by_matter``: rank by the matter only (text, place, organisation) and
        leave out cases that share only the person (ID number, phone, name);
        the person's reasons are still named on a case whose matter matches.  ``topic``: also find cases that
        share the query's topic words (ranked below every near-duplicate: their score is at most
        ``TOPIC_WEIGHT``); ``topics``: the query's :func:`topic_words` when the caller has them already."""
        rec = CaseRecord("", str(text or ""), **meta)  # type: ignore[arg-type]
        excl = {str(e) for e in exclude}
        found: dict[int, dict[str, float]] = {}
        for kind, key in self._meta_keys(rec):
            for i in self._meta[kind].get(key, 50):
                found.setdefault(int(i), {})[kind] = _META_WEIGHT[kind]
        q = shingles(rec.text)
        if len(q) and self._n:
            sig = self._minhash_batch([q])
            keys = self._band_keys(sig)[0]
            parts = [mm.get(int(keys[b]), bucket_cap) for b, mm in enumerate(self._bands)]
            cand = np.unique(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.uint32)
            if len(cand):
                # MinHash estimate first (std ~0.05 at J=0.5 with 96 values), then
                # exact Jaccard for the few plausible candidates
                est = (self._sig[cand] == sig[0]).mean(axis=1)
                ok = est >= self.min_jaccard - RERANK_MARGIN
                keep, est = cand[ok], est[ok]
                if len(keep) > RERANK_MAX:
                    keep = keep[np.argsort(-est, kind="stable")[:RERANK_MAX]]
                for i in keep:
                    jac = jaccard(q, self.shingles_of(int(i)))
                    if jac >= self.min_jaccard:
                        found.setdefault(int(i), {})["text"] = jac
        topic_of: dict[int, list[str]] = {}
        words = (list(topics) if topics is not None else topic_words(rec.text)) if topic else []
        for i, (share, got) in self._topic_matches(words, min(bucket_cap, TOPIC_CAP)).items():
            found.setdefault(i, {})["topic"] = share
            topic_of[i] = got
        region = _region_int(rec.region_code)
        matches = []
        for i, why in found.items():
            cid = self.ids[i]
            if cid in excl:
                continue
            jac = why.pop("text", 0.0)
            topic_share = why.pop("topic", 0.0)
            reasons = [REASONS[kd] for kd in ("id_number", "phone", "party", "place", "organisation") if kd in why]
            if jac:
                reasons.append(f"文本相似 {jac:.2f} / similar text {jac:.2f}")
            if topic_share and (not jac or jac < 0.8):
                reasons.append(f"{TOPIC_REASON}: {'、'.join(topic_of[i][:4])}")
            if region and self._region[i] == region and reasons:
                reasons.append("同一地区 / same region")
            counted = {kd: w for kd, w in why.items() if not by_matter or kd in MATTER_KINDS}
            if by_matter and not jac and not topic_share and not counted:
                continue  # the same person on another matter is not a similar case
            score = max(jac, TOPIC_WEIGHT * topic_share) + sum(counted.values()) + (0.05 if region and self._region[i] == region else 0.0)
            matches.append((-score, -i, Match(cid, round(score, 4), reasons, round(jac, 4))))
        matches.sort(key=lambda t: (t[0], t[1]))
        return [m for _, _, m in matches[:k]]

    # -- persistence ------------------------------------------------------
    def _flush(self) -> None:
        for mm in [*self._bands, *self._meta.values(), self._topic]:
            mm.flush()

    def save(self, path: str | Path) -> Path:
        """Write the whole index to one ``.npz`` file (no pickle)."""
        self._flush()
        p = Path(path)
        if p.suffix != ".npz":
            p = p.with_suffix(".npz")
        p.parent.mkdir(parents=True, exist_ok=True)
        arrays: dict[str, np.ndarray] = {
            "params": np.array([self.num_perm, self.bands, self.seed], dtype=np.int64),
            "min_jaccard": np.array([self.min_jaccard]),
            "ids": np.array(self.ids, dtype=np.str_),
            "sig": self._sig[: self._n],
            "region": self._region[: self._n],
            "sh_data": self._sh_data[: self._nnz],
            "sh_off": self._sh_off[: self._n + 1],
        }
        for b, mm in enumerate(self._bands):
            arrays[f"band{b}_k"], arrays[f"band{b}_v"] = mm.keys, mm.vals
        for kind, mm in self._meta.items():
            arrays[f"meta_{kind}_k"], arrays[f"meta_{kind}_v"] = mm.keys, mm.vals
        arrays["topic_k"], arrays["topic_v"] = self._topic.keys, self._topic.vals
        np.savez(p, **arrays)
        return p

    @classmethod
    def load(cls, path: str | Path) -> SimilarIndex:
        with np.load(Path(path), allow_pickle=False) as z:
            num_perm, bands, seed = (int(v) for v in z["params"])
            idx = cls(num_perm=num_perm, bands=bands, seed=seed, min_jaccard=float(z["min_jaccard"][0]))
            idx.ids = [str(s) for s in z["ids"]]
            idx._sig, idx._region = z["sig"].copy(), z["region"].copy()
            idx._sh_data, idx._sh_off = z["sh_data"].copy(), z["sh_off"].copy()
            idx._n, idx._nnz = len(idx.ids), len(idx._sh_data)
            idx._bands = [_MultiMap(z[f"band{b}_k"].copy(), z[f"band{b}_v"].copy()) for b in range(bands)]
            idx._meta = {
                k: _MultiMap(z[f"meta_{k}_k"].copy(), z[f"meta_{k}_v"].copy()) if f"meta_{k}_k" in z else _MultiMap()
                for k in REASONS
            }  # an index saved before a kind existed loads with that kind empty
            if "topic_k" in z:
                idx._topic = _MultiMap(z["topic_k"].copy(), z["topic_v"].copy())
        return idx

    def memory_bytes(self) -> int:
        """Approximate bytes held by the arrays (not counting Python ids)."""
        total = self._sig.nbytes + self._region.nbytes + self._sh_data.nbytes + self._sh_off.nbytes
        for mm in [*self._bands, *self._meta.values(), self._topic]:
            total += mm.keys.nbytes + mm.vals.nbytes
        return total


def _region_int(code: object) -> int:
    s = re.sub(r"\D", "", str(code or ""))[:9]
    return int(s) if s else 0


def exact_top_k(
    index: SimilarIndex, text: object, k: int = 5, min_jaccard: float = 0.5, exclude: Iterable[str] = ()
) -> list[tuple[str, float]]:
    """Exact scan (Jaccard over the same shingles) of every indexed case, for
    measuring recall.  Slow: O(total shingles)."""
    q = shingles(text)
    excl = set(exclude)
    out = []
    for i in range(len(index)):
        jac = jaccard(q, index.shingles_of(i))
        if jac >= min_jaccard and index.ids[i] not in excl:
            out.append((index.ids[i], jac))
    out.sort(key=lambda t: -t[1])
    return out[:k]
