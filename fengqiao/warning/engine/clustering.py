"""Grouping messages about the same place and problem.

1. Text: each message becomes a TF-IDF vector of character 2- and 3-grams of its subject (twice) and the start of
   its detail, L2-normalised, so the cosine of two vectors is their text similarity.
2. Places (:mod:`.places`): the keys of the places named in the subject and the first few in the detail. Keys
   inside one another ("魅力之城" in "万科魅力之城", "丽发" at the start of "丽发新城") are read as one.
3. Candidate pairs: messages that share a place key and whose similarity (plus ``problem_bonus`` when both name
   one problem of our lexicon, :mod:`.problems`) is at least ``place_threshold``; and
   messages whose similarity is at least ``text_threshold`` when they name no conflicting places (one names no
   place at all) and one problem of the lexicon. Two messages naming only different places are never paired.
4. Merging: pairs from the most similar down join their groups (Kruskal), but two groups merge only when the
   cosine of their centroids (plus ``problem_bonus`` when a problem is named by half of each group) is at least
   ``merge_threshold``, they still share a place key (or one has none), and they do not name two different
   problems (the problems named by half of each group do not overlap).
   This keeps one bridging message from chaining two topics at one place into a single group.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from .places import Place, extract_places, normalise
from .problems import problems_in
from .records import Message
from .vectors import tfidf_vectors

DETAIL_CHARS = 300
SUBJECT_PLACES = 4
DETAIL_PLACES = 3
MAX_BLOCK = 800  # a key shared by more messages than this names a district-sized area, not a place
ROW_CHUNK = 1000
LARGE_SET = 200
MIN_SHARED = 3


@dataclass(frozen=True)
class Thresholds:
    place: float = 0.22
    problem_bonus: float = 0.1  # added to a same-place pair's similarity when both name one lexicon problem
    text: float = 0.55
    merge: float = 0.25


@dataclass
class Grouping:
    """Groups of message indexes (largest first) and, per message, the places it names."""

    groups: list[list[int]]
    places: list[list[Place]]
    vectors: sparse.csr_matrix
    keys: list[set[str]] = field(default_factory=list)


def _document(message: Message, places: list[Place]) -> str:
    """Subject twice and the start of the detail."""
    subject = normalise(message.subject)
    text = f"{subject} {subject} {normalise(message.detail[: DETAIL_CHARS * 2])[:DETAIL_CHARS]}"
    return text


def message_places(message: Message) -> list[Place]:
    """Places of the subject first, then those of the start of the detail."""
    places = extract_places(message.subject, limit=SUBJECT_PLACES)
    keys = {p.key for p in places}
    for place in extract_places(message.detail[: DETAIL_CHARS * 2], limit=DETAIL_PLACES + len(places)):
        if place.key not in keys and len(places) < SUBJECT_PLACES + DETAIL_PLACES:
            places.append(place)
            keys.add(place.key)
    return places


def _canonical_keys(places: list[list[Place]]) -> list[set[str]]:
    """Each message's place keys, with a key read as the key that best names its place among itself, the keys it
    contains (``MIN_SHARED`` characters or more: "魅力之城" in "万科魅力之城") and, for a two-character key, the
    keys it starts ("丽发" of "丽发新城"); best is specific (an estate, not a road) and then most frequent. One
    step, not a chain: a name spanning two places does not join them."""
    frequency = Counter(p.key for ps in places for p in ps)
    weight: dict[str, int] = {}
    for place in (p for ps in places for p in ps):
        weight[place.key] = max(weight.get(place.key, 0), place.weight)
    starting: dict[str, list[str]] = {}
    for key in frequency:
        starting.setdefault(key[:2], []).append(key)

    def rank(key: str) -> tuple[int, int, int]:
        return weight[key], frequency[key], len(key)

    def canonical(key: str) -> str:
        options = {key[a:b] for a in range(len(key)) for b in range(a + MIN_SHARED, len(key) + 1)} & frequency.keys()
        if len(key) == MIN_SHARED - 1:
            options.update(starting.get(key, ()))
        return max(options | {key}, key=rank)

    table = {key: canonical(key) for key in frequency}
    return [{table[p.key] for p in ps} for ps in places]


def vectorise(messages: Sequence[Message], places: list[list[Place]]) -> sparse.csr_matrix:
    """TF-IDF rows of the messages' documents. An n-gram of one message only is left out (it adds nothing to any
    similarity, only to the norms); so is one in more than half of them, but only in a large set: in a county's
    few dozen cases one matter may well fill half of them."""
    docs = [_document(m, p) for m, p in zip(messages, places, strict=True)]
    return tfidf_vectors(docs, min_df=2, max_df=0.5 if len(docs) > LARGE_SET else 1.0)


def _place_pairs(
    vectors: sparse.csr_matrix, keys: list[set[str]], problems: list[set[str]], limits: Thresholds
) -> dict[tuple[int, int], float]:
    blocks: dict[str, list[int]] = {}
    for index, message_keys in enumerate(keys):
        for key in message_keys:
            blocks.setdefault(key, []).append(index)
    pairs: dict[tuple[int, int], float] = {}
    for members in blocks.values():
        if len(members) < 2 or len(members) > MAX_BLOCK:
            continue
        sims = (vectors[members] @ vectors[members].T).toarray()
        rows, cols = np.nonzero(np.triu(sims >= limits.place - limits.problem_bonus, k=1))
        for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
            i, j = members[r], members[c]
            score = float(sims[r, c]) + (limits.problem_bonus if problems[i] & problems[j] else 0.0)
            if score >= limits.place:
                pairs[(i, j)] = max(score, pairs.get((i, j), 0.0))
    return pairs


def _text_pairs(
    vectors: sparse.csr_matrix, keys: list[set[str]], problems: list[set[str]], threshold: float
) -> dict[tuple[int, int], float]:
    pairs: dict[tuple[int, int], float] = {}
    total = vectors.shape[0]
    for start in range(0, total, ROW_CHUNK):
        sims = (vectors[start : start + ROW_CHUNK] @ vectors.T).toarray()
        rows, cols = np.nonzero(sims >= threshold)
        for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
            i = start + r
            if c <= i:
                continue
            if keys[i] and keys[c] and not keys[i] & keys[c]:
                continue  # both name places, and not the same ones
            if not problems[i] & problems[c]:
                continue  # without one place, the same problem at least
            pairs[(i, c)] = float(sims[r, c])
    return pairs


def group_messages(messages: Sequence[Message], thresholds: Thresholds | None = None) -> Grouping:
    """Group ``messages`` (see the module docstring); every message is in exactly one group."""
    limits = thresholds or Thresholds()
    places = [message_places(m) for m in messages]
    keys = _canonical_keys(places)
    vectors = vectorise(messages, places)
    problems = [set(problems_in(normalise(m.text[: DETAIL_CHARS * 2]))) for m in messages]
    pairs = _text_pairs(vectors, keys, problems, limits.text)
    pairs.update(_place_pairs(vectors, keys, problems, limits))
    parent = list(range(len(messages)))
    sums: dict[int, sparse.csr_matrix] = {i: vectors[i] for i in range(len(messages))}
    group_keys: dict[int, set[str]] = {i: set(k) for i, k in enumerate(keys)}
    group_problems: dict[int, Counter[str]] = {i: Counter(p) for i, p in enumerate(problems)}
    sizes = dict.fromkeys(range(len(messages)), 1)

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for (i, j), _sim in sorted(pairs.items(), key=lambda item: -item[1]):
        a, b = root(i), root(j)
        if a == b:
            continue
        if group_keys[a] and group_keys[b] and not group_keys[a] & group_keys[b]:
            continue
        main_a, main_b = _main_problems(group_problems[a], sizes[a]), _main_problems(group_problems[b], sizes[b])
        shared = main_a & main_b
        if main_a and main_b and not shared:
            continue  # one place, two different problems
        if _cosine(sums[a], sums[b]) + (limits.problem_bonus if shared else 0.0) < limits.merge:
            continue
        parent[b] = a
        sums[a] = sums[a] + sums.pop(b)
        group_keys[a] |= group_keys.pop(b)
        group_problems[a] += group_problems.pop(b)
        sizes[a] += sizes.pop(b)
    groups: dict[int, list[int]] = {}
    for index in range(len(messages)):
        groups.setdefault(root(index), []).append(index)
    ordered = sorted(groups.values(), key=lambda g: (-len(g), g[0]))
    return Grouping(groups=ordered, places=places, vectors=vectors, keys=keys)


def _main_problems(counts: Counter[str], size: int) -> set[str]:
    return {problem for problem, n in counts.items() if 2 * n >= size}


def _cosine(a: sparse.csr_matrix, b: sparse.csr_matrix) -> float:
    dot = float(a.multiply(b).sum())
    if dot <= 0:
        return 0.0
    norms = float(np.sqrt(a.multiply(a).sum() * b.multiply(b).sum()))
    return dot / norms if norms else 0.0
