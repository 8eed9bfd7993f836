"""Chinese faces for every generated PDF (mediation agreements, case notices): Noto CJK embedded as a
per-document subset, else the built-in Song CID font.

reportlab embeds TrueType (glyf) outlines only, while Debian's fonts-noto-cjk ships CFF-outline OpenType
collections. For each document, the characters it shows are taken out of the CFF face, their cubic outlines are
turned into TrueType quadratic splines (cu2qu) and a small TrueType font is assembled in memory (fontTools);
reportlab registers it and embeds it, subsetting once more and writing a ToUnicode map, so that the text stays
searchable and copyable. Faces that already have TrueType outlines are handed to reportlab as they are.

Work done once per process is kept small: a face keeps its character map and advance widths as compact arrays,
reads its CFF data through a read-only memory map of the font file (the pages are shared between processes, and
only those of glyphs in use are ever touched) and remembers the converted outlines of recently used glyphs.
Without a usable face, documents are set in the Adobe-GB1 CID font STSong-Light, which is not embedded: readers
with Chinese support show it in their own Song face.

Settings: FENGQIAO_PDF_FONTS lists candidate files for running text as (path, face index or None) pairs, tried in
order (None: in a collection, the Simplified Chinese face); an empty list means the built-in font.
FENGQIAO_PDF_HEADING_FONTS does the same for titles and headings; by default the Bold file next to the chosen
regular one (same face index), else the body face itself.
"""
from __future__ import annotations

import bisect
import contextlib
import functools
import hashlib
import io
import logging
import mmap
import os
import re
import struct
import sys
import threading
from abc import ABC, abstractmethod
from array import array
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from fontTools.cffLib import CFFFontSet
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable
from fontTools.ttLib.tables._g_l_y_f import Glyph
from reportlab.lib import fonts as rl_fonts
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont as ReportlabTTFont

# The name from before the move out of mediation: logging settings and alerts that name it keep working.
LOGGER_NAME = "fengqiao.mediation.pdf_fonts"
logger = logging.getLogger(LOGGER_NAME)

NOTO_DIR = "/usr/share/fonts/opentype/noto"
DEFAULT_FONTS: tuple[tuple[str, int | None], ...] = (
    (f"{NOTO_DIR}/NotoSerifCJK-Regular.ttc", None),
    ("/usr/share/fonts/truetype/noto/NotoSerifSC-Regular.ttf", 0),
    (f"{NOTO_DIR}/NotoSansCJK-Regular.ttc", None),
    ("/usr/share/fonts/truetype/noto/NotoSansSC-Regular.ttf", 0),
)
FALLBACK_FONT = "STSong-Light"
COVERAGE_SAMPLE = "调解协议书当事人签名盖章年月日"
# Always in a body subset, whatever the document says: page numbers and the usual Latin and CJK punctuation.
ALWAYS_BODY = "".join(chr(c) for c in range(0x20, 0x7F)) + "—–…·，。、：；！？（）《》〈〉“”‘’【】＿　"
ALWAYS_HEADING = "0123456789 "

MAX_ERROR = 1.0  # cu2qu tolerance, font units (1/1000 em for Noto): invisible at any print size
GLYPH_CACHE = 6000  # converted outlines kept per face, some 300 bytes each
IDLE_SUBSETS = 6  # registered per-document fonts kept for a document generated again
_LOCK = threading.RLock()  # one PDF at a time touches faces and the reportlab registry


class FontFileError(Exception):
    """A font file that cannot be used (unreadable, without Chinese, of an unsupported outline format)."""


@dataclass(frozen=True)
class DocumentFonts:
    """reportlab font names for one document: `body` for running text, `heading` for the title and headings."""
    body: str
    heading: str
    embedded: bool


class Face(ABC):
    """A font face a document can be set in."""
    label: str
    path: str
    index: int
    ps_name: str  # PostScript name, which reportlab names the embedded fonts after

    @abstractmethod
    def covers(self, text: str) -> bool:
        """Whether the face has a glyph for every character of `text`."""

    @abstractmethod
    def acquire(self, text: str, extras: str = "") -> str:
        """The name of a registered reportlab font that shows `text` (and what the face has of `extras`); give
        it back with release() once the document is built."""

    def release(self, name: str) -> None:  # noqa: B027 - faces with nothing to free keep this default
        """The document set in font `name` is built (a face that caches nothing has nothing to free)."""


@dataclass(frozen=True)
class FontChoice:
    body: Face | None
    heading: Face | None

    @property
    def embedded(self) -> bool:
        return self.body is not None

    def describe(self) -> str:
        if self.body is None:
            return f"{FALLBACK_FONT} (built-in, not embedded)"
        heading = self.heading or self.body
        return f"body {self.body.label}; headings {heading.label}"


# --- TrueType faces: reportlab reads and subsets them itself ---------------------------------------------------

class TrueTypeFace(Face):
    def __init__(self, path: str, index: int, label: str) -> None:
        self.path, self.index, self.label = path, index, f"{label} ({path}#{index}, TrueType)"
        name = "FQ-" + hashlib.sha1(f"{path}#{index}".encode(), usedforsecurity=False).hexdigest()[:12]
        self._font = ReportlabTTFont(name, path, subfontIndex=index)  # errors: see open_face
        self._registered = False
        self.ps_name = self._font.face.name.decode("latin-1") if isinstance(self._font.face.name, bytes) else label

    def covers(self, text: str) -> bool:
        glyphs = self._font.face.charToGlyph
        return all(ord(c) in glyphs for c in text)

    def acquire(self, text: str, extras: str = "") -> str:
        with _LOCK:
            if not self._registered:
                pdfmetrics.registerFont(self._font)
                self._registered = True
        return self._font.fontName


# --- CFF faces: converted to a TrueType subset for each document ----------------------------------------------

class _TableStream(io.RawIOBase):
    """A read-only stream over one table of a memory-mapped font file, positions counted from the table's start.
    Wrapped in io.BufferedReader: fontTools reads CFF index offsets a few bytes at a time."""

    def __init__(self, buffer: mmap.mmap, start: int, length: int) -> None:
        super().__init__()
        self._buffer, self._start, self._length, self._pos = buffer, start, length, 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, target: Any) -> int:
        size = max(0, min(len(target), self._length - self._pos))
        at = self._start + self._pos
        target[:size] = self._buffer[at:at + size]
        self._pos += size
        return size

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: self._length}[whence]
        self._pos = base + offset
        return self._pos

    def tell(self) -> int:
        return self._pos


class _CharMap:
    """Unicode code point -> glyph id, as sorted ranges (start, end, first glyph) in three arrays."""

    def __init__(self, ranges: list[tuple[int, int, int]]) -> None:
        self.starts = array("L", (r[0] for r in ranges))
        self.ends = array("L", (r[1] for r in ranges))
        self.glyphs = array("L", (r[2] for r in ranges))

    def __len__(self) -> int:
        return len(self.starts)

    def get(self, code: int) -> int:
        i = bisect.bisect_right(self.starts, code) - 1
        if i < 0 or code > self.ends[i]:
            return 0
        return self.glyphs[i] + code - self.starts[i]

    @classmethod
    def from_mapping(cls, mapping: dict[int, int]) -> _CharMap:
        ranges: list[list[int]] = []
        for code, gid in sorted(mapping.items()):
            last = ranges[-1] if ranges else None
            if last and code == last[1] + 1 and gid == last[2] + code - last[0]:
                last[1] = code
            else:
                ranges.append([code, code, gid])
        return cls([(a, b, g) for a, b, g in ranges])


def _format12_ranges(data: bytes) -> list[tuple[int, int, int]] | None:
    """The groups of the Unicode format-12 subtable of a raw cmap table, if there is one."""
    count = struct.unpack_from(">H", data, 2)[0]
    records = [struct.unpack_from(">HHI", data, 4 + 8 * i) for i in range(count)]
    for platform, encoding in ((3, 10), (0, 4), (0, 6)):
        for p, e, offset in records:
            if (p, e) == (platform, encoding) and struct.unpack_from(">H", data, offset)[0] == 12:
                groups = struct.unpack_from(">I", data, offset + 12)[0]
                return list(struct.iter_unpack(">III", data[offset + 16:offset + 16 + 12 * groups]))
    return None


def _advances(tt: TTFont) -> array:
    """Advance widths of every glyph, from the raw hmtx table (longHorMetric pairs, then the last one repeats)."""
    count = tt["hhea"].numberOfHMetrics
    pairs = array("H")
    pairs.frombytes(tt.reader["hmtx"][:4 * count])
    if sys.byteorder == "little":
        pairs.byteswap()
    widths = pairs[0::2]
    widths.extend([widths[-1]] * (tt["maxp"].numGlyphs - count))
    return widths


NAME_IDS = (0, 1, 2, 3, 4, 5, 6, 13, 14)
OS2_FIELDS = ("usWeightClass", "usWidthClass", "fsType", "ySubscriptXSize", "ySubscriptYSize", "ySubscriptXOffset",
              "ySubscriptYOffset", "ySuperscriptXSize", "ySuperscriptYSize", "ySuperscriptXOffset",
              "ySuperscriptYOffset", "yStrikeoutSize", "yStrikeoutPosition", "sFamilyClass", "panose",
              "ulUnicodeRange1", "ulUnicodeRange2", "ulUnicodeRange3", "ulUnicodeRange4", "achVendID", "fsSelection",
              "sTypoAscender", "sTypoDescender", "sTypoLineGap", "usWinAscent", "usWinDescent",
              "ulCodePageRange1", "ulCodePageRange2", "sxHeight", "sCapHeight")


@dataclass(frozen=True)
class _Outline:
    """One converted glyph: compiled TrueType glyph data and what the font's header tables sum up from it."""
    data: bytes
    bounds: tuple[int, int, int, int] | None  # xMin, yMin, xMax, yMax; None for an empty glyph (space)
    points: int
    contours: int


def _convert(charstring: Any) -> _Outline:
    pen = TTGlyphPen(None)
    charstring.draw(Cu2QuPen(pen, MAX_ERROR, reverse_direction=True))  # CFF winds the other way round
    glyph = pen.glyph()
    if glyph.numberOfContours == 0:
        return _Outline(data=b"", bounds=None, points=0, contours=0)
    data = glyph.compile(None)  # also computes the bounds
    return _Outline(data=data, bounds=(glyph.xMin, glyph.yMin, glyph.xMax, glyph.yMax),
                    points=len(glyph.coordinates), contours=glyph.numberOfContours)


class OutlineFace(Face):
    """A face with CFF outlines, embedded through a TrueType subset made for each document."""

    def __init__(self, path: str, index: int, tt: TTFont, label: str) -> None:
        self.path, self.index = path, index
        self.label = f"{label} ({path}#{index}, CFF converted to TrueType)"
        entry = tt.reader.tables["CFF "]
        self._cff_at = (entry.offset, entry.length)
        self._cff: tuple[CFFFontSet, Any] | None = None  # read on first use
        ranges = _format12_ranges(tt.reader["cmap"])
        if ranges is not None:
            self._cmap = _CharMap(ranges)
        else:  # fontTools reads the other formats, by glyph name: the names come from the CFF charset
            self._cff = self._read_cff(tt)
            tt.setGlyphOrder(self._cff[1].charset)
            order = {name: gid for gid, name in enumerate(tt.getGlyphOrder())}
            self._cmap = _CharMap.from_mapping({c: order[n] for c, n in tt.getBestCmap().items()})
        self._widths = _advances(tt)
        head, hhea, os2, post = tt["head"], tt["hhea"], tt["OS/2"], tt["post"]
        self._units = head.unitsPerEm
        self._head = {"created": head.created, "modified": head.modified, "fontRevision": head.fontRevision,
                      "macStyle": head.macStyle}
        self._hhea = {"ascent": hhea.ascent, "descent": hhea.descent, "lineGap": hhea.lineGap}
        self._os2 = {field: getattr(os2, field) for field in OS2_FIELDS if hasattr(os2, field)}
        self._post = {"italicAngle": post.italicAngle, "underlinePosition": post.underlinePosition,
                      "underlineThickness": post.underlineThickness, "isFixedPitch": post.isFixedPitch}
        self._names = {i: tt["name"].getDebugName(i) for i in NAME_IDS if tt["name"].getDebugName(i)}
        self.ps_name = self._names.get(6, label)
        self._glyphs: OrderedDict[int, _Outline] = OrderedDict()

    def _read_cff(self, tt: TTFont | None = None) -> tuple[CFFFontSet, Any]:
        with open(self.path, "rb") as handle:
            buffer = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        cff = CFFFontSet()
        cff.decompile(io.BufferedReader(_TableStream(buffer, *self._cff_at), 16384), tt, isCFF2=False)
        return cff, cff[0]

    def covers(self, text: str) -> bool:
        return all(self._cmap.get(ord(c)) for c in text)

    def glyph_id(self, char: str) -> int:
        return self._cmap.get(ord(char))

    def acquire(self, text: str, extras: str = "") -> str:
        missing = sorted({c for c in text if c >= " " and not self.glyph_id(c)})
        if missing:
            logger.warning("%d characters have no glyph in %s: %s", len(missing), self.label,
                           " ".join(f"U+{ord(c):04X}" for c in missing[:20]))
        chars = sorted({c for c in text + extras if c >= " " and self.glyph_id(c)})
        key = f"{self.path}#{self.index}:{''.join(chars)}"
        name = "FQ-" + hashlib.sha1(key.encode(), usedforsecurity=False).hexdigest()[:16]
        return _SUBSETS.acquire(name, lambda: self.subset_ttf(chars))

    def release(self, name: str) -> None:
        _SUBSETS.release(name)

    def subset_ttf(self, chars: list[str] | str) -> bytes:
        """A TrueType font (bytes) with quadratic outlines of `chars` (those the face has) and .notdef."""
        with _LOCK:
            if self._cff is None:
                self._cff = self._read_cff()
            top = self._cff[1]
            mapping = {ord(c): self.glyph_id(c) for c in chars if self.glyph_id(c)}
            gids = sorted({0, *mapping.values()})
            outlines = [self._outline(top, gid) for gid in gids]
            names = [top.charset[gid] for gid in gids]
            self._forget_decoded(top)
        return self._assemble(gids, names, outlines, {code: top.charset[gid] for code, gid in mapping.items()})

    def _assemble(self, gids: list[int], names: list[str], outlines: list[_Outline], cmap: dict[int, str]) -> bytes:
        """The TrueType font of these glyphs. The glyph data is compiled already, so fontTools is told not to
        recompute bounds (which would decode and re-encode every outline) and the header sums are done here."""
        widths = [self._widths[gid] for gid in gids]
        drawn = [(o.bounds, w) for o, w in zip(outlines, widths, strict=True) if o.bounds is not None]
        builder = FontBuilder(self._units, isTTF=True)
        font = builder.font
        font.recalcBBoxes = False
        builder.setupGlyphOrder(names)
        builder.setupCharacterMap(cmap)
        font["loca"] = newTable("loca")
        glyf = font["glyf"] = newTable("glyf")
        glyf.glyphOrder = names
        glyf.glyphs = {name: Glyph(o.data) for name, o in zip(names, outlines, strict=True)}
        builder.setupHorizontalMetrics({name: (w, o.bounds[0] if o.bounds else 0)
                                        for name, o, w in zip(names, outlines, widths, strict=True)})
        builder.setupHorizontalHeader(
            **self._hhea, advanceWidthMax=max(widths), numberOfHMetrics=len(names),
            minLeftSideBearing=min((b[0] for b, _w in drawn), default=0),
            minRightSideBearing=min((w - b[2] for b, w in drawn), default=0),
            xMaxExtent=max((b[2] for b, _w in drawn), default=0))
        builder.updateHead(**self._head, xMin=min((b[0] for b, _w in drawn), default=0),
                           yMin=min((b[1] for b, _w in drawn), default=0),
                           xMax=max((b[2] for b, _w in drawn), default=0),
                           yMax=max((b[3] for b, _w in drawn), default=0))
        maxp = font["maxp"]
        maxp.numGlyphs = len(names)
        maxp.maxPoints = max(o.points for o in outlines)
        maxp.maxContours = max(o.contours for o in outlines)
        builder.setupNameTable(self._names)
        builder.setupOS2(version=4, **self._os2)
        builder.setupPost(keepGlyphNames=False, **self._post)
        out = io.BytesIO()
        builder.save(out)
        return out.getvalue()

    def _outline(self, top: Any, gid: int) -> _Outline:
        """The glyph converted to TrueType, once, and kept while it is in use."""
        outline = self._glyphs.get(gid)
        if outline is not None:
            self._glyphs.move_to_end(gid)
            return outline
        outline = self._glyphs[gid] = _convert(top.CharStrings[top.charset[gid]])
        if len(self._glyphs) > GLYPH_CACHE:
            self._glyphs.popitem(last=False)
        return outline

    @staticmethod
    def _forget_decoded(top: Any) -> None:
        """Drop the decoded charstrings and subroutines that fontTools keeps once read (their outlines are cached
        above), so that the face does not grow with every glyph ever shown."""
        indexes = [top.CharStrings.charStringsIndex, top.GlobalSubrs]
        for fd in getattr(top, "FDArray", None) or [top]:
            subrs = getattr(fd.Private, "Subrs", None)
            if subrs is not None:
                indexes.append(subrs)
        for index in indexes:
            index.items = [None] * len(index.items)


class _SubsetRegistry:
    """Per-document fonts registered with reportlab under names derived from their content, counted while a
    document is being built with them, and dropped from reportlab's registry once more than IDLE_SUBSETS are idle.

    reportlab has no public way to unregister a font, and registerFont() shares one font object among all
    fonts of the same face name, so its registry (and the family map that registerFontFamily() fills in for
    Paragraph) is written directly."""

    def __init__(self) -> None:
        self._fonts: OrderedDict[str, int] = OrderedDict()  # name -> documents using it

    def acquire(self, name: str, build: Callable[[], bytes]) -> str:
        with _LOCK:
            if name not in self._fonts:
                pdfmetrics._fonts[name] = ReportlabTTFont(name, io.BytesIO(build()))
                pdfmetrics.registerFontFamily(name)
                self._fonts[name] = 0
            self._fonts[name] += 1
            self._fonts.move_to_end(name)
            return name

    def release(self, name: str) -> None:
        with _LOCK:
            self._fonts[name] -= 1
            idle = [n for n, users in self._fonts.items() if users == 0]
            for old in idle[:max(0, len(idle) - IDLE_SUBSETS)]:
                del self._fonts[old]
                pdfmetrics._fonts.pop(old, None)
                rl_fonts._ps2tt_map.pop(old.lower(), None)
                for bold, italic in ((0, 0), (1, 0), (0, 1), (1, 1)):
                    rl_fonts._tt2ps_map.pop((old.lower(), bold, italic), None)


_SUBSETS = _SubsetRegistry()


# --- choosing the faces ----------------------------------------------------------------------------------------

def _simplified_first(names: list[tuple[int, str]]) -> list[int]:
    """Face indexes of a collection, Simplified Chinese faces (by their names) first, proportional before mono."""
    def rank(item: tuple[int, str]) -> tuple[int, int, int]:
        index, name = item
        simplified = bool(re.search(r"CJKSC|SC($|[\s_-])", name.upper()))  # NotoSerifCJKsc-, SourceHanSerifSC-
        return (0 if simplified else 1, 1 if "MONO" in name.upper() else 0, index)
    return [index for index, _name in sorted(names, key=rank)]


def _face_name(tt: TTFont) -> str:
    return tt["name"].getDebugName(6) or tt["name"].getDebugName(4) or ""


def _open_faces(path: str) -> list[TTFont]:
    with open(path, "rb") as handle:
        collection = handle.read(4) == b"ttcf"
    return list(TTCollection(path, lazy=True).fonts) if collection else [TTFont(path, lazy=True)]


@functools.lru_cache(maxsize=8)
def open_face(path: str, index: int | None) -> Face:
    """The face of `path` to set Chinese in: face `index`, or, for None, the first Simplified Chinese one."""
    if not os.path.exists(path):
        raise FontFileError(f"{path}: no such file")
    faces: list[TTFont] = []
    try:
        faces = _open_faces(path)
        if index is not None and not 0 <= index < len(faces):
            raise FontFileError(f"{path}: no face {index}")
        order = [index] if index is not None else _simplified_first([(i, _face_name(f)) for i, f in enumerate(faces)])
        for i in order:
            face = _make_face(path, i, faces[i])
            if face is not None and face.covers(COVERAGE_SAMPLE):
                return face
    except FontFileError:
        raise
    except Exception as exc:  # fontTools and reportlab raise anything from struct.error to IndexError on bad files
        raise FontFileError(f"{path}: {type(exc).__name__}: {exc}") from exc
    finally:
        for font in faces:
            font.close()
    raise FontFileError(f"{path}: no face with Chinese glyphs")


def _make_face(path: str, index: int, tt: TTFont) -> Face | None:
    if "glyf" in tt.reader:
        return TrueTypeFace(path, index, _face_name(tt))
    if "CFF " in tt.reader:
        return OutlineFace(path, index, tt, _face_name(tt))
    return None  # CFF2 (variable) or bitmap-only faces


def _first_face(candidates: tuple[tuple[str, int | None], ...]) -> Face | None:
    for path, index in candidates:
        try:
            return open_face(path, index)
        except FontFileError as exc:
            logger.info("PDF font %s#%s not used: %s", path, index, exc)
    return None


def _bold_sibling(face: Face) -> tuple[tuple[str, int | None], ...]:
    directory, filename = os.path.split(face.path)
    bold = filename.replace("Regular", "Bold")
    return ((os.path.join(directory, bold), face.index),) if bold != filename else ()


@functools.lru_cache(maxsize=4)
def _choose(body: tuple[tuple[str, int | None], ...], heading: tuple[tuple[str, int | None], ...] | None) -> FontChoice:
    body_face = _first_face(body)
    heading_face = None
    if body_face is not None:
        heading_face = _first_face(heading if heading is not None else _bold_sibling(body_face))
        if heading_face is None or heading_face.ps_name == body_face.ps_name:
            heading_face = body_face  # one face, one embedded font: reportlab names subsets after the face
    choice = FontChoice(body=body_face, heading=heading_face)
    logger.info("PDF fonts: %s", choice.describe())
    return choice


def _setting(name: str) -> tuple[tuple[str, int | None], ...] | None:
    value = getattr(settings, name, None)
    if value is None:
        return None
    return tuple((str(path), None if index is None else int(index)) for path, index in value)


def choose_fonts() -> FontChoice:
    """The faces configured by settings (see the module's docstring), resolved once per process."""
    body = _setting("FENGQIAO_PDF_FONTS")
    return _choose(DEFAULT_FONTS if body is None else body, _setting("FENGQIAO_PDF_HEADING_FONTS"))


def _fallback() -> DocumentFonts:
    if FALLBACK_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_FONT))
    return DocumentFonts(body=FALLBACK_FONT, heading=FALLBACK_FONT, embedded=False)


@contextlib.contextmanager
def document_fonts(*, body_text: str, heading_text: str) -> Iterator[DocumentFonts]:
    """Fonts to build one document with, able to show `body_text` in the body face and `heading_text` in the
    heading face; valid inside the `with` block. A face that fails to convert falls back to STSong-Light."""
    choice = choose_fonts()
    if choice.body is None or choice.heading is None:
        yield _fallback()
        return
    held: list[tuple[Face, str]] = []
    try:
        try:
            if choice.heading is choice.body:
                body = heading = choice.body.acquire(body_text + heading_text, ALWAYS_BODY)
                held.append((choice.body, body))
            else:
                body = choice.body.acquire(body_text, ALWAYS_BODY)
                held.append((choice.body, body))
                heading = choice.heading.acquire(heading_text, ALWAYS_HEADING)
                held.append((choice.heading, heading))
            fonts = DocumentFonts(body=body, heading=heading, embedded=True)
        except Exception:  # a font file fontTools or reportlab cannot handle must not cost the user the document
            logger.exception("PDF fonts %s failed, using %s", choice.describe(), FALLBACK_FONT)
            fonts = _fallback()
        yield fonts
    finally:
        for face, name in held:
            face.release(name)
