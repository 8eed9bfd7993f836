"""Official documents as PDF, laid out after the paper form of GB/T 9704: A4, text block 156 x 225 mm (top margin
37 mm, inside 28 mm), title in 二号 (22 pt) bold, text in 四号 (14 pt) on a 26 pt line, page numbers "— 1 —"
under the text block. Text is set in the faces of `pdf_fonts` (Noto CJK embedded as subsets, else STSong-Light)
and lines break the Chinese way (anywhere between characters, never before closing punctuation).

Used by the mediation agreement (mediation.pdf) and the written notices of cases (cases.notice_pdf): each
builds its own story of flowables from `document_styles` and hands it to `render_document`.
"""
from __future__ import annotations

import io
from collections.abc import Callable
from xml.sax.saxutils import escape

from reportlab.lib import textsplit
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, XPreformatted
from reportlab.platypus import paragraph as rl_paragraph

from fengqiao.core.pdf_fonts import DocumentFonts, document_fonts

MARGINS = {"topMargin": 37 * mm, "bottomMargin": 35 * mm, "leftMargin": 28 * mm, "rightMargin": 26 * mm}
NO_PADDING = {"leftPadding": 0, "rightPadding": 0, "topPadding": 0, "bottomPadding": 0}  # the margins are the block
PAGE_NUMBER_BASELINE = 23.5 * mm  # 7 mm under the text block, 四号
BODY_SIZE, BODY_LEADING = 14, 26
# Full-width punctuation that must not begin a line. reportlab's list (Japanese) lacks most Chinese marks; with
# them added, a mark that falls at a line start stays at the end of the previous line instead (its glyph sits
# in the left half of its em, so it stays inside the text block).
NO_LINE_START = "，：；！？）》〉」』〗〙”’％"


def _break_lines_the_chinese_way() -> None:
    for module in (textsplit, rl_paragraph):  # single-run paragraphs use the one, mixed runs the other
        module.ALL_CANNOT_START += "".join(c for c in NO_LINE_START if c not in module.ALL_CANNOT_START)


_break_lines_the_chinese_way()


def document_styles(fonts: DocumentFonts) -> dict[str, ParagraphStyle]:
    """The paragraph styles of an official document: title, number, party, heading, body, sign, date."""
    base = ParagraphStyle("body", fontName=fonts.body, fontSize=BODY_SIZE, leading=BODY_LEADING, wordWrap="CJK",
                          alignment=TA_LEFT)
    return {
        "title": ParagraphStyle("title", parent=base, fontName=fonts.heading, fontSize=22, leading=36,
                                alignment=TA_CENTER, spaceAfter=4 * mm),
        "number": ParagraphStyle("number", parent=base, fontSize=14, leading=24, alignment=TA_RIGHT,
                                 spaceAfter=4 * mm),
        "party": ParagraphStyle("party", parent=base, alignment=TA_JUSTIFY),
        "heading": ParagraphStyle("heading", parent=base, fontName=fonts.heading, spaceBefore=2 * mm,
                                  keepWithNext=1),
        "body": ParagraphStyle("indented", parent=base, firstLineIndent=2 * BODY_SIZE, alignment=TA_JUSTIFY),
        "sign": ParagraphStyle("sign", parent=base, leading=36),
        "date": ParagraphStyle("date", parent=base, alignment=TA_RIGHT, spaceBefore=6 * mm),
    }


def paragraph(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def preformatted(text: str, style: ParagraphStyle) -> XPreformatted:
    """A line that keeps its blanks (a Paragraph would fold the ideographic spaces of an undated form)."""
    return XPreformatted(escape(text), style)


def render_document(*, body_text: str, heading_text: str, story: Callable[[DocumentFonts, float], list],
                    title: str, author: str, subject: str, invariant: bool = False, compress: bool = True) -> bytes:
    """PDF bytes of one document. `body_text`/`heading_text` are every character shown in each face (the fonts
    are subset to them); `story(fonts, text_width)` gives the flowables. `invariant` gives byte-identical output
    for the same data (tests, archives)."""
    buffer = io.BytesIO()
    with document_fonts(body_text=body_text, heading_text=heading_text) as fonts:
        doc = BaseDocTemplate(
            buffer, pagesize=A4, **MARGINS, initialFontName=fonts.body, initialFontSize=BODY_SIZE,
            initialLeading=BODY_LEADING, title=title, author=author, subject=subject, creator="Fengqiao",
            invariant=1 if invariant else 0, pageCompression=1 if compress else 0, lang="zh-CN",
        )

        def page_number(canvas, document) -> None:
            canvas.saveState()
            canvas.setFont(fonts.body, 14)
            canvas.drawCentredString(A4[0] / 2, PAGE_NUMBER_BASELINE, f"— {document.page} —")
            canvas.restoreState()

        frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="text", **NO_PADDING)
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=page_number)])
        doc.build(story(fonts, doc.width))
    return buffer.getvalue()
