"""Agreement PDFs set in Noto CJK: the CFF outlines of the installed faces become a TrueType subset per document,
embedded with a ToUnicode map (the parties' names can be found in the text); STSong-Light where no face is usable.

The Noto tests skip on a machine without fonts-noto-cjk, and fail there when FENGQIAO_REQUIRE_BROWSER=1 (CI
installs the fonts). The tests on a small CFF font built here run everywhere."""
from __future__ import annotations

import datetime as dt
import io
import logging
import os
import struct

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.boundsPen import BoundsPen
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from fengqiao.mediation import pdf_fonts
from fengqiao.mediation.choices import Channel
from fengqiao.mediation.pdf import agreement_pdf
from fengqiao.mediation.services import agreement_draft, mediation_start
from fengqiao.testing.factories import valid_id_number

SERIF = f"{pdf_fonts.NOTO_DIR}/NotoSerifCJK-Regular.ttc"
TEST_FACE = "FengqiaoTestSong-Regular"
TEST_TEXT = pdf_fonts.COVERAGE_SAMPLE + "张某"


@pytest.fixture
def noto(settings) -> str:
    if not os.path.exists(SERIF):
        reason = f"fonts-noto-cjk is not installed ({pdf_fonts.NOTO_DIR} has no NotoSerifCJK-Regular.ttc)"
        if os.environ.get("FENGQIAO_REQUIRE_BROWSER") == "1":
            pytest.fail(reason + "; FENGQIAO_REQUIRE_BROWSER=1 expects it")
        pytest.skip(reason)
    settings.FENGQIAO_PDF_FONTS = [(SERIF, None)]
    settings.FENGQIAO_PDF_HEADING_FONTS = None  # the Bold collection next to it
    return SERIF


def make_agreement(county, directory, case):
    mediation = mediation_start(case=case, acting_user=county.mediator, channel=Channel.PEOPLE,
                                organisation=directory.village, mediator=directory.near, applied_on=dt.date(2026, 9, 2))
    return agreement_draft(mediation=mediation, acting_user=county.mediator,
                           facts="申请人张某在被申请人承建的工地务工五个月，被拖欠工资三万元，多次讨要无果。",
                           terms=["被申请人某建筑公司支付申请人张某工资人民币30000元。", "双方就本纠纷再无其他争议。"],
                           performance_method="银行转账至申请人账户", performance_deadline=dt.date(2026, 10, 15))


def fonts_of(data: bytes) -> dict[str, dict]:
    """The font dictionaries of every page, by /BaseFont."""
    found = {}
    for page in PdfReader(io.BytesIO(data)).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            found[str(font["/BaseFont"])] = font
    return found


def text_of(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_agreement_embeds_noto_subsets_whose_text_can_be_read_back(noto, county, directory, case):
    agreement = make_agreement(county, directory, case)
    data = agreement_pdf(agreement=agreement)  # compressed, as served
    fonts = fonts_of(data)
    assert fonts and all("Noto" in name for name in fonts), fonts.keys()
    assert {name.split("+", 1)[1] for name in fonts} == {"NotoSerifCJKsc-Regular", "NotoSerifCJKsc-Bold"}
    for font in fonts.values():
        assert font["/Subtype"] == "/TrueType" and "/ToUnicode" in font
        assert "/FontFile2" in font["/FontDescriptor"]  # the TrueType program is in the file
    assert b"STSong" not in data
    text = text_of(data)
    for expected in ("人民调解协议书", agreement.number, "申请人：张某", "被申请人：某建筑公司", "王调解",
                     "A柳湾社区人民调解委员会", "138****5678", "2026年10月15日"):
        assert expected in text, expected
    assert valid_id_number() not in text and "13812345678" not in text


def test_noto_output_is_reproducible(noto, county, directory, case):
    agreement = make_agreement(county, directory, case)
    first = agreement_pdf(agreement=agreement, invariant=True)
    assert agreement_pdf(agreement=agreement, invariant=True) == first


def test_the_simplified_chinese_face_of_the_collection_and_its_bold_are_chosen(noto):
    choice = pdf_fonts.choose_fonts()
    assert isinstance(choice.body, pdf_fonts.OutlineFace) and choice.body.ps_name == "NotoSerifCJKsc-Regular"
    assert choice.heading is not None and choice.heading.path.endswith("NotoSerifCJK-Bold.ttc")
    assert choice.heading.index == choice.body.index
    assert "Bold" in choice.describe()


def test_a_noto_subset_is_a_truetype_font_with_the_same_shapes(noto):
    face = pdf_fonts.open_face(SERIF, None)
    font = TTFont(io.BytesIO(face.subset_ttf("张某调解，A1")))
    assert font.sfntVersion == "\x00\x01\x00\x00" and "glyf" in font and "CFF " not in font
    assert font["maxp"].tableVersion == 0x00010000 and font["maxp"].numGlyphs == 8  # 7 characters and .notdef
    assert set(font.getBestCmap()) == {ord(c) for c in "张某调解，A1"}
    assert font["name"].getDebugName(6) == "NotoSerifCJKsc-Regular"
    glyf = font["glyf"]
    assert font["maxp"].maxPoints == max(len(glyf[n].getCoordinates(glyf)[0]) for n in font.getGlyphOrder())
    assert not any(flag & 0x80 for name in font.getGlyphOrder() for flag in getattr(glyf[name], "flags", ()))
    source = TTFont(SERIF, fontNumber=face.index, lazy=True)
    source_glyphs, source_cmap = source.getGlyphSet(), source.getBestCmap()
    glyphs, cmap = font.getGlyphSet(), font.getBestCmap()
    for char in "张某调解，A1":
        expected, got = BoundsPen(source_glyphs), BoundsPen(glyphs)
        source_glyphs[source_cmap[ord(char)]].draw(expected)
        glyphs[cmap[ord(char)]].draw(got)
        assert max(abs(a - b) for a, b in zip(expected.bounds, got.bounds, strict=True)) <= 1, char
        assert glyphs[cmap[ord(char)]].width == source_glyphs[source_cmap[ord(char)]].width
    source.close()


def test_per_document_fonts_are_dropped_from_reportlab_once_idle_but_never_while_in_use(noto):
    letters = "甲乙丙丁戊己庚辛壬癸子丑寅卯"
    assert len(letters) > pdf_fonts.IDLE_SUBSETS + 2
    with pdf_fonts.document_fonts(body_text="在用", heading_text="") as held:
        names = []
        for letter in letters:
            with pdf_fonts.document_fonts(body_text=letter, heading_text="") as fonts:
                names.append(fonts.body)
                assert pdfmetrics.stringWidth(letter, fonts.body, 10) == 10
        registered = set(pdfmetrics.getRegisteredFontNames())
        assert held.body in registered and pdfmetrics.stringWidth("在用", held.body, 10) == 20
        assert not set(names[:2]) & registered  # the oldest idle ones are gone
        assert set(names[-pdf_fonts.IDLE_SUBSETS + 1:]) <= registered


# --- on a small CFF font made here: no Noto needed -----------------------------------------------------------

def build_cff_font(path: str, text: str = TEST_TEXT) -> None:
    """An OpenType font with CFF outlines (a hollow square per character); its character map has a format-12
    subtable only when `text` goes beyond the Basic Multilingual Plane."""
    order = [".notdef", *(f"u{ord(c):05X}" for c in text)]
    charstrings = {}
    for name in order:
        pen = T2CharStringPen(1000, None)
        if name != ".notdef":
            for box, clockwise in (((100, -80, 900, 800), False), ((200, 20, 800, 700), True)):
                x0, y0, x1, y1 = box
                points = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
                pen.moveTo(points[0])
                for point in (reversed(points[1:]) if clockwise else points[1:]):
                    pen.lineTo(point)
                pen.closePath()
        charstrings[name] = pen.getCharString()
    builder = FontBuilder(1000, isTTF=False)
    builder.setupGlyphOrder(order)
    builder.setupCharacterMap({ord(c): f"u{ord(c):05X}" for c in text})
    builder.setupCFF(TEST_FACE, {"FullName": "Fengqiao Test Song"}, charstrings, {})
    builder.setupHorizontalMetrics({name: (1000, 100 if name != ".notdef" else 0) for name in order})
    builder.setupHorizontalHeader(ascent=880, descent=-120)
    builder.setupNameTable({"familyName": "Fengqiao Test Song", "styleName": "Regular", "psName": TEST_FACE})
    builder.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120)
    builder.setupPost()
    builder.save(path)


@pytest.fixture
def cff_font(tmp_path, settings) -> str:
    path = str(tmp_path / "FengqiaoTestSong-Regular.otf")
    build_cff_font(path)
    settings.FENGQIAO_PDF_FONTS = [(path, None)]
    settings.FENGQIAO_PDF_HEADING_FONTS = []  # none: headings in the body face
    return path


def test_a_cff_font_is_converted_embedded_and_its_text_read_back(cff_font):
    assert pdf_fonts._format12_ranges(TTFont(cff_font).reader["cmap"]) is None  # the fontTools way, then
    choice = pdf_fonts.choose_fonts()
    assert isinstance(choice.body, pdf_fonts.OutlineFace) and choice.heading is choice.body
    out = io.BytesIO()
    with pdf_fonts.document_fonts(body_text="张某签名", heading_text="调解协议书") as fonts:
        assert fonts.embedded
        canvas = Canvas(out, invariant=1, initialFontName=fonts.body)
        canvas.setFont(fonts.body, 14)
        canvas.drawString(72, 700, "张某签名")
        canvas.setFont(fonts.heading, 22)
        canvas.drawString(72, 750, "调解协议书")
        canvas.save()
    data = out.getvalue()
    fonts_used = fonts_of(data)
    assert fonts_used and all(name.endswith("+" + TEST_FACE) for name in fonts_used)
    assert all("/FontFile2" in font["/FontDescriptor"] for font in fonts_used.values())
    text = text_of(data)
    assert "张某签名" in text and "调解协议书" in text


def test_a_face_keeps_converted_outlines_but_not_fonttools_decoded_charstrings(cff_font):
    face = pdf_fonts.open_face(cff_font, None)
    first = face.subset_ttf("张某")
    top = face._cff[1]
    gid = face.glyph_id("张")
    decoded = top.CharStrings.charStringsIndex[gid]  # read (and kept) by fontTools
    assert face.subset_ttf("张某") == first  # from the outline cache: nothing decoded again
    assert top.CharStrings.charStringsIndex[gid] is not decoded  # fontTools' copy was let go


def test_a_truetype_chinese_font_is_handed_to_reportlab_as_it_is(cff_font, tmp_path, settings):
    converted = tmp_path / "FengqiaoTestSong.ttf"
    converted.write_bytes(pdf_fonts.open_face(cff_font, None).subset_ttf(TEST_TEXT))
    settings.FENGQIAO_PDF_FONTS = [(str(converted), 0)]
    face = pdf_fonts.choose_fonts().body
    assert isinstance(face, pdf_fonts.TrueTypeFace) and face.ps_name == TEST_FACE
    out = io.BytesIO()
    with pdf_fonts.document_fonts(body_text="张某", heading_text="签名") as fonts:
        assert fonts.embedded and fonts.body == fonts.heading == face.acquire("")
        canvas = Canvas(out, initialFontName=fonts.body)
        canvas.drawString(72, 700, "张某签名")
        canvas.save()
    assert all("/FontFile2" in font["/FontDescriptor"] for font in fonts_of(out.getvalue()).values())
    assert "张某签名" in text_of(out.getvalue())


def test_a_face_fonttools_cannot_read_gives_the_builtin_font_not_an_error(tmp_path, settings, caplog):
    path = str(tmp_path / "Broken-Regular.otf")
    build_cff_font(path, TEST_TEXT + "\U00020000")  # format 12: the character map is read without the CFF table
    with open(path, "r+b") as handle:  # blank the CFF table after its header: no fonts, no charstrings
        font = TTFont(path, lazy=True)
        entry = font.reader.tables["CFF "]
        font.close()
        handle.seek(entry.offset + 4)
        handle.write(b"\0" * (entry.length - 4))
    settings.FENGQIAO_PDF_FONTS = [(path, None)]
    settings.FENGQIAO_PDF_HEADING_FONTS = []
    assert pdf_fonts.choose_fonts().embedded  # its character map and metrics are fine
    with (caplog.at_level(logging.ERROR, logger="fengqiao.mediation.pdf_fonts"),
          pdf_fonts.document_fonts(body_text="张某", heading_text="") as fonts):
        assert fonts == pdf_fonts.DocumentFonts(body=pdf_fonts.FALLBACK_FONT, heading=pdf_fonts.FALLBACK_FONT,
                                                embedded=False)
    assert "STSong-Light" in caplog.text


def test_without_a_usable_face_the_builtin_font_is_used_and_logged(tmp_path, settings, caplog):
    settings.FENGQIAO_PDF_FONTS = [(str(tmp_path / "NotoSerifCJK-Regular.ttc"), None)]
    with caplog.at_level(logging.INFO, logger="fengqiao.mediation.pdf_fonts"):
        choice = pdf_fonts.choose_fonts()
    assert choice.body is None and not choice.embedded
    assert "PDF fonts: STSong-Light (built-in, not embedded)" in caplog.text
    with pdf_fonts.document_fonts(body_text="张某", heading_text="调解") as fonts:
        assert (fonts.body, fonts.heading, fonts.embedded) == (pdf_fonts.FALLBACK_FONT, pdf_fonts.FALLBACK_FONT, False)


def test_character_map_ranges_answer_like_a_dictionary():
    mapping = {0x20: 3, 0x21: 4, 0x22: 5, 0x4E00: 100, 0x4E01: 101, 0x4E03: 7, 0x20000: 9}
    charmap = pdf_fonts._CharMap.from_mapping(mapping)
    assert len(charmap) == 4  # 0x20-0x22, 0x4E00-0x4E01, 0x4E03, 0x20000
    for code in range(0x10, 0x20010):
        assert charmap.get(code) == mapping.get(code, 0)
    # the same ranges read from a raw format-12 subtable
    groups = [(0x20, 0x22, 3), (0x4E00, 0x4E01, 100), (0x4E03, 0x4E03, 7), (0x20000, 0x20000, 9)]
    subtable = struct.pack(">HHIII", 12, 0, 16 + 12 * len(groups), 0, len(groups))
    subtable += b"".join(struct.pack(">III", *g) for g in groups)
    table = struct.pack(">HH", 0, 1) + struct.pack(">HHI", 3, 10, 12) + subtable
    assert pdf_fonts._format12_ranges(table) == groups
