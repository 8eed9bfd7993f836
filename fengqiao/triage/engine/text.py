"""Text normalisation helpers shared by the triage engine.

Every public function in the engine accepts any ``str`` (including empty and
very long strings).  Long inputs are cut to ``MAX_CHARS`` characters here so
that no single case can make a request slow.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable

MAX_CHARS = 20_000
"""Longest text (in characters) that the engine looks at; the rest is ignored."""

_WS_RE = re.compile(r"[\s\u3000\xa0]+")
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")

_jieba_lock = threading.Lock()
_jieba_ready = False


def clip(text: object, max_chars: int = MAX_CHARS) -> str:
    """Return ``text`` as a ``str`` of at most ``max_chars`` characters.

    ``None`` and non-strings become ``""`` or their ``str()``; this never raises.
    """
    if text is None:
        return ""
    if not isinstance(text, str):
        try:
            text = str(text)
        except Exception:
            return ""
    if len(text) > max_chars:
        text = text[:max_chars]
    return text


def normalize(text: object, max_chars: int = MAX_CHARS) -> str:
    """Clip, apply NFKC (full-width digits/letters to half-width), collapse
    whitespace runs into one space and strip the ends."""
    s = clip(text, max_chars)
    if not s:
        return ""
    s = unicodedata.normalize("NFKC", s)
    s = _WS_RE.sub(" ", s)
    return s.strip()


def strip_leading_ws(text: str) -> str:
    """Remove leading runs of (ASCII or ideographic) whitespace."""
    return text.lstrip(" \t\r\n\u3000\xa0")


def cjk_ratio(text: str) -> float:
    """Share of Chinese characters in ``text`` (0 for empty text)."""
    if not text:
        return 0.0
    return len(_CJK_RE.findall(text)) / len(text)


def _ensure_jieba() -> None:
    global _jieba_ready
    if _jieba_ready:
        return
    with _jieba_lock:
        if _jieba_ready:
            return
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        _jieba_ready = True


def warm_up() -> None:
    """Load jieba's dictionary now (about a second) instead of on first use."""
    _ensure_jieba()


def words(text: str) -> list[str]:
    """jieba word segmentation of ``text`` (clipped), without whitespace tokens."""
    _ensure_jieba()
    import jieba

    return [w for w in jieba.lcut(clip(text), HMM=True) if w.strip()]


def join_fields(values: Iterable[object]) -> str:
    """Join several text fields with a newline, skipping empty/missing ones."""
    parts: list[str] = []
    for v in values:
        if v is None:
            continue
        if isinstance(v, float) and v != v:  # NaN from pandas
            continue
        s = strip_leading_ws(str(v)).rstrip()
        if s:
            parts.append(s)
    return "\n".join(parts)
