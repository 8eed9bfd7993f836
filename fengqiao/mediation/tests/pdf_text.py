"""Reading the text back out of a generated PDF, without a PDF library.

The agreement is written with page compression off (tests only) in the CID font STSong-Light, whose
UniGB-UCS2-H encoding stores each character as UTF-16BE inside the content stream's literal strings."""
from __future__ import annotations

import re

_ESCAPES = {ord("n"): 10, ord("r"): 13, ord("t"): 9, ord("b"): 8, ord("f"): 12}
_SHOWN = re.compile(rb"\s*Tj")


def _read_string(data: bytes, start: int) -> tuple[bytes, int]:
    """The literal string opening at data[start] == "(", unescaped, and the index after its closing ")"."""
    out, depth, i = bytearray(), 1, start + 1
    while i < len(data):
        c = data[i]
        if c == 0x5C:  # backslash
            nxt = data[i + 1]
            digits = re.match(rb"[0-7]{1,3}", data[i + 1:i + 4])
            if digits:
                out.append(int(digits.group(0), 8) & 0xFF)
                i += 1 + len(digits.group(0))
                continue
            out.append(_ESCAPES.get(nxt, nxt))
            i += 2
            continue
        if c == 0x28:
            depth += 1
        elif c == 0x29:
            depth -= 1
            if depth == 0:
                return bytes(out), i + 1
        out.append(c)
        i += 1
    return bytes(out), i


def shown_strings(data: bytes) -> list[bytes]:
    """Every string operand of a Tj (show text) operator."""
    strings, i = [], 0
    while True:
        i = data.find(b"(", i)
        if i < 0:
            return strings
        text, end = _read_string(data, i)
        if _SHOWN.match(data, end):
            strings.append(text)
        i = end


def pdf_text(data: bytes) -> str:
    return "\n".join(s.decode("utf-16-be", "replace") for s in shown_strings(data) if len(s) % 2 == 0)
