"""The mediation agreement (调解协议书) as a PDF, laid out after the usual paper form: A4, Song typeface,
numbered terms, signature lines for the parties, the mediator and the organisation's seal.

Fonts: a TrueType CJK font when one is available (settings.FENGQIAO_PDF_FONTS lists candidate files as
(path, subfont index or None)); reportlab reads only TrueType outlines, so the CFF-based Noto CJK collections of
Debian's fonts-noto-cjk are tried and, when refused, the built-in Adobe-GB1 CID font STSong-Light is used,
which every PDF reader with Chinese support renders with its Song face. Personal identifiers are always masked.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import os
import struct
from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils.translation import gettext as _
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from fengqiao.cases.choices import PartyKind
from fengqiao.core.masking import mask_id_number, mask_phone, mask_text
from fengqiao.mediation.choices import Channel
from fengqiao.mediation.models import Agreement

NOTO_DIR = "/usr/share/fonts/opentype/noto"
DEFAULT_FONTS: tuple[tuple[str, int | None], ...] = (
    (f"{NOTO_DIR}/NotoSerifCJK-Regular.ttc", None),
    (f"{NOTO_DIR}/NotoSansCJK-Regular.ttc", None),
    ("/usr/share/fonts/truetype/noto/NotoSerifSC-Regular.ttf", 0),
    ("/usr/share/fonts/truetype/noto/NotoSansSC-Regular.ttf", 0),
)
FALLBACK_FONT = "STSong-Light"
COVERAGE_SAMPLE = "调解协议书当事人签名盖章年月日"
MAX_SUBFONTS = 8
CHINESE_NUMERALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class PdfFont:
    name: str
    embedded: bool
    source: str


def _covers(font: TTFont) -> bool:
    glyphs = font.face.charToGlyph
    return all(ord(c) in glyphs for c in COVERAGE_SAMPLE)


def _prefers_simplified(font: TTFont) -> bool:
    raw = font.face.name
    name = (raw.decode("latin-1", "replace") if isinstance(raw, bytes) else str(raw)).upper()
    return "CJKSC" in name or "SC-" in name


def _has_truetype_outlines(path: str) -> bool:
    """Whether the (first) font of the file has TrueType outlines ('glyf'), read from its table directory only:
    opening a 20 MB CFF collection with reportlab just to be told it is unsupported takes a while."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(12)
            offset = 0
            if head[:4] == b"ttcf":
                offset = struct.unpack(">I", handle.read(4))[0]
                handle.seek(offset)
                head = handle.read(12)
            tables = struct.unpack(">H", head[4:6])[0]
            directory = handle.read(16 * tables)
    except (OSError, struct.error):
        return False
    tags = {directory[i:i + 4] for i in range(0, len(directory), 16)}
    return b"glyf" in tags


def _try_file(path: str, index: int | None) -> TTFont | None:
    """A TrueType face of `path` covering Chinese (in a collection, the Simplified Chinese face if there is one)."""
    if not os.path.exists(path) or not _has_truetype_outlines(path):
        return None
    indexes = [index] if index is not None else list(range(MAX_SUBFONTS))
    fallback = None
    for i in indexes:
        name = "FQCJK-" + hashlib.sha1(f"{path}:{i}".encode(), usedforsecurity=False).hexdigest()[:10]
        try:
            font = TTFont(name, path, subfontIndex=i)
        except (TTFError, OSError) as exc:
            if "postscript outlines" in str(exc) or index is not None:
                break  # CFF outlines (every face of the file) or the one face asked for: give up on this file
            continue
        if not _covers(font):
            continue
        if index is not None or _prefers_simplified(font):
            return font
        fallback = fallback or font
    return fallback


@functools.lru_cache(maxsize=8)
def _resolve(candidates: tuple[tuple[str, int | None], ...]) -> PdfFont:
    for path, index in candidates:
        font = _try_file(path, index)
        if font is not None:
            pdfmetrics.registerFont(font)
            return PdfFont(name=font.fontName, embedded=True, source=f"{path}#{index}")
    pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_FONT))
    return PdfFont(name=FALLBACK_FONT, embedded=False, source=FALLBACK_FONT)


def resolve_font() -> PdfFont:
    configured = getattr(settings, "FENGQIAO_PDF_FONTS", DEFAULT_FONTS)
    return _resolve(tuple((str(path), index) for path, index in configured))


def _styles(font: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=font, fontSize=14, leading=25, wordWrap="CJK", alignment=TA_LEFT)
    return {
        "title": ParagraphStyle("title", parent=base, fontSize=22, leading=32, alignment=TA_CENTER, spaceAfter=4 * mm),
        "number": ParagraphStyle("number", parent=base, fontSize=12, leading=20, alignment=TA_RIGHT, spaceAfter=4 * mm),
        "heading": ParagraphStyle("heading", parent=base, spaceBefore=3 * mm, keepWithNext=1),
        "body": ParagraphStyle("indented", parent=base, firstLineIndent=28),
        "party": ParagraphStyle("party", parent=base),
        "sign": ParagraphStyle("sign", parent=base, fontSize=13, leading=30),
        "date": ParagraphStyle("date", parent=base, alignment=TA_RIGHT, spaceBefore=6 * mm),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(mask_text(text)).replace("\n", "<br/>"), style)


def _date_text(day: dt.date | None) -> str:
    if day is None:
        return _("　　　　年　　月　　日")
    return _("%(y)d年%(m)d月%(d)d日") % {"y": day.year, "m": day.month, "d": day.day}


def _heading(n: int, text: str) -> str:
    return f"{CHINESE_NUMERALS[n - 1]}、{text}"


def _party_line(party) -> str:  # noqa: ANN001
    parts = [f"{party.get_role_display()}：{party.name}"]
    if party.kind == PartyKind.ORGANISATION:
        if party.id_number:
            parts.append(_("统一社会信用代码：%(code)s") % {"code": party.id_number})
    elif party.id_number:
        parts.append(_("身份证号码：%(id)s") % {"id": mask_id_number(party.id_number)})
    if party.phone:
        parts.append(_("联系电话：%(phone)s") % {"phone": mask_phone(party.phone)})
    if party.address:
        parts.append(_("住址：%(address)s") % {"address": party.address})
    return "，".join(parts)


def _seal_label(channel: str) -> str:
    if channel in (Channel.PEOPLE, Channel.INDUSTRY):
        return _("人民调解委员会（印章）")
    if channel == Channel.ADMINISTRATIVE:
        return _("调解机关（印章）")
    return _("调解组织（印章）")


def _title(channel: str) -> str:
    return _("人民调解协议书") if channel in (Channel.PEOPLE, Channel.INDUSTRY) else _("调解协议书")


def agreement_pdf(*, agreement: Agreement, invariant: bool = False, compress: bool = True) -> bytes:
    """The agreement as PDF bytes. `invariant` gives byte-identical output for the same data (tests, archives)."""
    mediation = agreement.mediation
    case = mediation.case
    parties = list(case.parties.all())
    font = resolve_font()
    styles = _styles(font.name)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, topMargin=37 * mm, bottomMargin=35 * mm, leftMargin=28 * mm, rightMargin=26 * mm,
        title=f"{_title(mediation.channel)} {agreement.number}", author=mediation.organisation.name,
        subject=case.reference, creator="Fengqiao", invariant=1 if invariant else 0,
        pageCompression=1 if compress else 0, lang="zh-CN",
    )
    story: list = [_p(_title(mediation.channel), styles["title"]),
                   _p(_("编号：%(number)s") % {"number": agreement.number}, styles["number"])]
    story += [_p(_party_line(p), styles["party"]) for p in parties]
    story.append(_p(_("调解组织：%(org)s") % {"org": mediation.organisation.name}, styles["party"]))
    if mediation.mediator_id:
        story.append(_p(_("调解员：%(name)s") % {"name": mediation.mediator.name}, styles["party"]))
    story.append(_p(_heading(1, _("纠纷的主要事实、争议事项及各方责任")), styles["heading"]))
    story += [_p(line, styles["body"]) for line in agreement.facts.splitlines() if line.strip()]
    story.append(_p(_heading(2, _("经调解，各方当事人自愿达成如下协议：")), styles["heading"]))
    story += [_p(f"{i}．{term}", styles["body"]) for i, term in enumerate(agreement.terms, start=1)]
    story.append(_p(_heading(3, _("履行方式、期限")), styles["heading"]))
    story.append(_p(agreement.performance_method, styles["body"]))
    instalments = list(agreement.instalments.all())
    if len(instalments) > 1:
        story += [_p(_("第%(n)d期：%(date)s前，%(what)s") % {"n": i.number, "date": _date_text(i.due_on), "what": i.description},
                     styles["body"]) for i in instalments]
    elif agreement.performance_deadline:
        story.append(_p(_("履行期限：%(date)s前履行完毕。") % {"date": _date_text(agreement.performance_deadline)},
                        styles["body"]))
    copies = len(parties) + 1
    story.append(_p(_heading(4, _("其他事项")), styles["heading"]))
    story.append(_p(_("本协议自各方当事人签名、盖章或者按指印，调解员签名并加盖调解组织印章之日起生效。"
                      "本协议一式%(copies)d份，当事人各执一份，调解组织留存一份。") % {"copies": copies}, styles["body"]))
    if mediation.channel in (Channel.PEOPLE, Channel.INDUSTRY):
        story.append(_p(_("经人民调解委员会调解达成的调解协议，具有法律约束力，当事人应当按照约定履行。"
                          "双方当事人认为有必要的，可以自本协议生效之日起三十日内共同向人民法院申请司法确认"
                          "（《中华人民共和国人民调解法》第三十一条、第三十三条）。"), styles["body"]))
    signature_rows = [[_p(_("当事人（签名、盖章或按指印）："), styles["sign"]), ""]]
    signature_rows += [[_p(f"{p.get_role_display()}：{p.name}", styles["sign"]), _p("＿＿＿＿＿＿＿＿", styles["sign"])]
                       for p in parties]
    mediator_name = mediation.mediator.name if mediation.mediator_id else ""
    signature_rows.append([_p(_("调解员（签名）：%(name)s") % {"name": mediator_name}, styles["sign"]),
                           _p("＿＿＿＿＿＿＿＿", styles["sign"])])
    signature_rows.append([_p(mediation.organisation.name, styles["sign"]), _p(_seal_label(mediation.channel), styles["sign"])])
    table = Table(signature_rows, colWidths=[doc.width * 0.6, doc.width * 0.4], hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    story.append(Spacer(1, 8 * mm))
    story.append(KeepTogether([table, _p(_date_text(agreement.signed_on), styles["date"])]))

    def page_number(canvas, document) -> None:  # noqa: ANN001
        canvas.saveState()
        canvas.setFont(font.name, 12)
        canvas.drawCentredString(A4[0] / 2, 20 * mm, f"— {document.page} —")
        canvas.restoreState()

    doc.build(story, onFirstPage=page_number, onLaterPages=page_number)
    return buffer.getvalue()


def agreement_filename(agreement: Agreement) -> str:
    safe = "".join(c for c in agreement.number if c not in '\\/:*?"<>|')
    return f"{_('调解协议书')}-{safe}.pdf"
