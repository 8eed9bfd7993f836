"""Character n-gram TF-IDF vectors, counted with numpy.

Each n-gram of code points is packed into one 64-bit integer (21 bits a character), so counting a million
characters is a handful of array operations instead of millions of Python strings. Weights are scikit-learn's
TF-IDF (sublinear term frequency, smoothed IDF), rows L2-normalised: the dot product of two rows is their cosine.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfTransformer

_BITS = 21
_SPACE = ord(" ")


def _codes(doc: str, sizes: Sequence[int]) -> np.ndarray:
    chars = np.frombuffer(doc.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    parts = []
    for n in sizes:
        if len(chars) < n:
            continue
        windows = [chars[k : len(chars) - n + 1 + k] for k in range(n)]
        code = np.zeros(len(windows[0]), dtype=np.int64)
        has_space = np.zeros(len(windows[0]), dtype=bool)
        for window in windows:
            code = (code << _BITS) | window
            has_space |= window == _SPACE
        parts.append(code[~has_space] * 4 + n)  # the size keeps a bigram from meeting a trigram's code
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)


def tfidf_vectors(
    docs: Sequence[str], *, sizes: Sequence[int] = (2, 3), min_df: int = 2, max_df: float = 0.5
) -> sparse.csr_matrix:
    """Rows of L2-normalised TF-IDF weights of the character n-grams of ``docs``. An n-gram in fewer than
    ``min_df`` documents or in more than ``max_df`` of them is left out. Empty input gives an empty column."""
    per_doc = [_codes(doc, sizes) for doc in docs]
    lengths = np.array([len(c) for c in per_doc], dtype=np.int64)
    if not len(docs) or not lengths.sum():
        return sparse.csr_matrix((len(docs), 1), dtype=np.float32)
    codes = np.concatenate(per_doc)
    rows = np.repeat(np.arange(len(docs)), lengths)
    vocabulary, columns = np.unique(codes, return_inverse=True)
    counts = sparse.csr_matrix((np.ones(len(codes), dtype=np.float32), (rows, columns.ravel())),
                               shape=(len(docs), len(vocabulary)))
    counts.sum_duplicates()
    document_frequency = np.bincount(counts.indices, minlength=counts.shape[1])
    keep = (document_frequency >= min(min_df, len(docs))) & (document_frequency <= max(1, max_df * len(docs)))
    if not keep.any():
        return sparse.csr_matrix((len(docs), 1), dtype=np.float32)
    counts = counts[:, np.flatnonzero(keep)]
    weights = TfidfTransformer(sublinear_tf=True).fit_transform(counts)
    return sparse.csr_matrix(weights, dtype=np.float32)
