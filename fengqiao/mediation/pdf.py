"""The mediation agreement (调解协议书) as a PDF, laid out after the usual paper form on the page of GB/T 9704:
A4, text block 156 x 225 mm (top margin 37 mm, inside 28 mm), title in 二号 (22 pt) bold, text in 四号 (14 pt)
on a 26 pt line (31 characters a line, 24 lines a page), numbered terms, signature lines for the parties, the
mediator and the organisation's seal kept with the last paragraph, page numbers "— 1 —" under the text block.

The page, fonts and Chinese line breaking are those of every official document (fengqiao.core.pdf and
core.pdf_fonts). Personal identifiers are always masked.
"""
from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass

from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

from fengqiao.cases.choices import PartyKind
from fengqiao.core.masking import mask_id_number, mask_phone, mask_text
from fengqiao.core.pdf import document_styles, paragraph, preformatted, render_document
from fengqiao.core.pdf_fonts import FALLBACK_FONT, DocumentFonts, choose_fonts
from fengqiao.mediation.choices import Channel
from fengqiao.mediation.models import Agreement

__all__ = ["FALLBACK_FONT", "agreement_filename", "agreement_pdf", "choose_fonts"]

logger = logging.getLogger(__name__)

CHINESE_NUMERALS = "一二三四五六七八九十"
HEADING_STYLES = frozenset({"title", "heading"})
SIGNATURE_LINE = "＿＿＿＿＿＿＿＿"


@dataclass(frozen=True)
class Line:
    style: str
    text: str  # masked already


@dataclass(frozen=True)
class Signatures:
    rows: tuple[tuple[str, str], ...]  # (left cell, right cell), masked already
    date: str


def _line(style: str, text: str) -> Line:
    return Line(style=style, text=mask_text(text))


def _date_text(day: dt.date | None) -> str:
    if day is None:
        return _("　　　　年　　月　　日")
    return _("%(y)d年%(m)d月%(d)d日") % {"y": day.year, "m": day.month, "d": day.day}


def _heading(n: int, text: str) -> str:
    return f"{CHINESE_NUMERALS[n - 1]}、{text}"


def _party_line(party) -> str:
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


def agreement_content(agreement: Agreement) -> list[Line | Signatures]:
    """What the agreement says, block by block, before any layout."""
    mediation = agreement.mediation
    case = mediation.case
    parties = list(case.parties.all())
    blocks: list[Line | Signatures] = [_line("title", _title(mediation.channel)),
                                       _line("number", _("编号：%(number)s") % {"number": agreement.number})]
    blocks += [_line("party", _party_line(p)) for p in parties]
    blocks.append(_line("party", _("调解组织：%(org)s") % {"org": mediation.organisation.name}))
    if mediation.mediator_id:
        blocks.append(_line("party", _("调解员：%(name)s") % {"name": mediation.mediator.name}))
    blocks.append(_line("heading", _heading(1, _("纠纷的主要事实、争议事项及各方责任"))))
    blocks += [_line("body", line) for line in agreement.facts.splitlines() if line.strip()]
    blocks.append(_line("heading", _heading(2, _("经调解，各方当事人自愿达成如下协议："))))
    blocks += [_line("body", f"{i}．{term}") for i, term in enumerate(agreement.terms, start=1)]
    blocks.append(_line("heading", _heading(3, _("履行方式、期限"))))
    blocks.append(_line("body", agreement.performance_method))
    instalments = list(agreement.instalments.all())
    if len(instalments) > 1:
        blocks += [_line("body", _("第%(n)d期：%(date)s前，%(what)s") % {
            "n": i.number, "date": _date_text(i.due_on), "what": i.description}) for i in instalments]
    elif agreement.performance_deadline:
        blocks.append(_line("body", _("履行期限：%(date)s前履行完毕。") % {
            "date": _date_text(agreement.performance_deadline)}))
    blocks.append(_line("heading", _heading(4, _("其他事项"))))
    blocks.append(_line("body", _("本协议自各方当事人签名、盖章或者按指印，调解员签名并加盖调解组织印章之日起生效。"
                                  "本协议一式%(copies)d份，当事人各执一份，调解组织留存一份。") % {"copies": len(parties) + 1}))
    if mediation.channel in (Channel.PEOPLE, Channel.INDUSTRY):
        blocks.append(_line("body", _("经人民调解委员会调解达成的调解协议，具有法律约束力，当事人应当按照约定履行。"
                                      "双方当事人认为有必要的，可以自本协议生效之日起三十日内共同向人民法院申请司法确认"
                                      "（《中华人民共和国人民调解法》第三十一条、第三十三条）。")))
    rows = [(_("当事人（签名、盖章或按指印）："), "")]
    rows += [(f"{p.get_role_display()}：{p.name}", SIGNATURE_LINE) for p in parties]
    mediator_name = mediation.mediator.name if mediation.mediator_id else ""
    rows.append((_("调解员（签名）：%(name)s") % {"name": mediator_name}, SIGNATURE_LINE))
    rows.append((mediation.organisation.name, _seal_label(mediation.channel)))
    blocks.append(Signatures(rows=tuple((mask_text(a), mask_text(b)) for a, b in rows),
                             date=mask_text(_date_text(agreement.signed_on))))
    return blocks


def _texts(blocks: list[Line | Signatures]) -> tuple[str, str]:
    """Every character shown, as (body face text, heading face text)."""
    body, heading = [], []
    for block in blocks:
        if isinstance(block, Line):
            (heading if block.style in HEADING_STYLES else body).append(block.text)
        else:
            body += [cell for row in block.rows for cell in row] + [block.date]
    return "".join(body), "".join(heading)


def _flowables(blocks: list[Line | Signatures], fonts: DocumentFonts, width: float) -> list:
    styles = document_styles(fonts)
    story: list = []
    for block in blocks:
        if isinstance(block, Line):
            story.append(paragraph(block.text, styles[block.style]))
            continue
        table = Table([[paragraph(a, styles["sign"]), paragraph(b, styles["sign"])] for a, b in block.rows],
                      colWidths=[width * 0.6, width * 0.4], hAlign="LEFT")
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                   ("FONTNAME", (0, 0), (-1, -1), styles["sign"].fontName)]))  # not Helvetica
        # the signatures never stand on a page of their own: the last paragraph of the text goes with them
        last = [story.pop()] if story else []
        story.append(KeepTogether([*last, Spacer(1, 8 * mm), table, preformatted(block.date, styles["date"])]))
    return story


def agreement_pdf(*, agreement: Agreement, invariant: bool = False, compress: bool = True) -> bytes:
    """The agreement as PDF bytes. `invariant` gives byte-identical output for the same data (tests, archives)."""
    started = time.perf_counter()
    mediation = agreement.mediation
    blocks = agreement_content(agreement)
    body_text, heading_text = _texts(blocks)
    data = render_document(
        body_text=body_text, heading_text=heading_text, story=lambda fonts, width: _flowables(blocks, fonts, width),
        title=f"{_title(mediation.channel)} {agreement.number}", author=mediation.organisation.name,
        subject=mediation.case.reference, invariant=invariant, compress=compress,
    )
    logger.debug("agreement %s: PDF of %d bytes in %.0f ms", agreement.pk, len(data),
                 (time.perf_counter() - started) * 1000)
    return data


def agreement_filename(agreement: Agreement) -> str:
    safe = "".join(c for c in agreement.number if c not in '\\/:*?"<>|')
    return f"{_('调解协议书')}-{safe}.pdf"
