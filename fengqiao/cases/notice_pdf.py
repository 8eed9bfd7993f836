"""A written notice (告知书) of a refusal or redirection as a PDF, on the official page of core.pdf: title,
number, the notice text as written when the step was taken, the issuing body and date. The addressee's name is
shown; personal identifiers in the text are masked."""
from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer

from fengqiao.cases.models import CaseNotice
from fengqiao.core.masking import mask_text
from fengqiao.core.pdf import document_styles, paragraph, preformatted, render_document
from fengqiao.core.pdf_fonts import DocumentFonts


def _date(notice: CaseNotice) -> str:
    day = timezone.localtime(notice.issued_at).date()
    return _("%(y)d年%(m)d月%(d)d日") % {"y": day.year, "m": day.month, "d": day.day}


def notice_pdf(*, notice: CaseNotice, invariant: bool = False) -> bytes:
    title = notice.get_kind_display()
    number = _("编号：%(number)s") % {"number": notice.number}
    lines = [mask_text(line) for line in notice.text.splitlines() if line.strip()]
    closing = [notice.issuer, _date(notice)]

    def story(fonts: DocumentFonts, width: float) -> list:
        styles = document_styles(fonts)
        flow = [paragraph(title, styles["title"]), paragraph(number, styles["number"])]
        if lines:
            flow.append(paragraph(lines[0], styles["party"]))
        flow += [paragraph(line, styles["body"]) for line in lines[1:]]
        flow.append(KeepTogether([Spacer(1, 12 * mm), paragraph(closing[0], styles["date"]),
                                  preformatted(closing[1], styles["date"])]))
        return flow

    return render_document(body_text=number + "".join(lines) + "".join(closing), heading_text=title, story=story,
                           title=f"{title} {notice.number}", author=notice.issuer, subject=notice.case.reference,
                           invariant=invariant)


def notice_filename(notice: CaseNotice) -> str:
    safe = "".join(c for c in notice.number if c not in '\\/:*?"<>|')
    return f"{_('告知书')}-{safe}.pdf"
