"""Builders for the portal tests: a valid submission to vary, real file contents, patterns of personal numbers."""
from __future__ import annotations

import re
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile

from fengqiao.testing.factories import valid_id_number

RESIDENT_PHONE = "13912345678"
ID_NUMBER_PATTERN = re.compile(r"\d{17}[\dXx]")
MOBILE_PATTERN = re.compile(r"1[3-9]\d{9}")


def png_bytes() -> bytes:
    """A real 1x1 PNG image."""
    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff")) + chunk(b"IEND", b"")


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def submission(county, **overrides) -> dict:
    data = {
        "kind": "dispute",
        "title": "楼上深夜拖动家具",
        "narrative": "楼上住户连续两周在凌晨一点后拖动家具，多次沟通无果，影响家中老人休息。",
        "street": county.street.pk,
        "community": county.community.pk,
        "address": "柳湾小区3幢2单元501室",
        "name": "王秀英",
        "phone": RESIDENT_PHONE,
        "id_number": valid_id_number(birth="19750312", seq="246"),
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}
