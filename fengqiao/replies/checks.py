"""The check of a written answer against the request before it is sent (a pure function: no database, no clock
unless given).

Five questions, each answered pass / warn / fail with what was found and what is missing:
  place       does the answer name the place the request is about?
  problem     does it take up the request's key terms (the problem raised)?
  basis       does it give a basis (law, policy, rule), the facts found, the handling, or the reasons — or is it
              only stock phrases ("已收悉", "已转有关部门处理", "感谢您的支持")?
  deadline    is it sent within the step's deadline?
  next_steps  does it tell the resident what they can do next (复查, a number to call, where to apply)?
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fengqiao.replies.answer_text import explanation_in, next_steps_in, substantive_sentences
from fengqiao.replies.subjects import Subjects, mentions_place, mentions_term, subjects_of

PASS, WARN, FAIL = "pass", "warn", "fail"
PLACE, PROBLEM, BASIS, DEADLINE, NEXT_STEPS = "place", "problem", "basis", "deadline", "next_steps"
ORDER = (PLACE, PROBLEM, BASIS, DEADLINE, NEXT_STEPS)
# An answer with this much text besides its stock phrases says something of its own even where no basis,
# finding or reason is recognised: it is flagged for a second look (warn), not as empty (fail).
SUBSTANTIVE_CHARS = 40
RESULT_VERSION = 1

TITLES = {
    PLACE: gettext_lazy("针对诉求地点"),
    PROBLEM: gettext_lazy("回应所提问题"),
    BASIS: gettext_lazy("说明依据或理由"),
    DEADLINE: gettext_lazy("在办理期限内"),
    NEXT_STEPS: gettext_lazy("告知后续途径"),
}
EVIDENCE_LABELS = {
    "place": gettext_lazy("地点"),
    "term": gettext_lazy("要点"),
    "basis": gettext_lazy("依据"),
    "facts": gettext_lazy("核实情况"),
    "measures": gettext_lazy("办理情况"),
    "reasons": gettext_lazy("理由"),
    "next_steps": gettext_lazy("后续途径"),
}


@dataclass(frozen=True)
class Evidence:
    kind: str
    text: str

    @property
    def label(self) -> str:
        return str(EVIDENCE_LABELS.get(self.kind, self.kind))


@dataclass(frozen=True)
class CheckItem:
    code: str
    status: str
    evidence: tuple[Evidence, ...] = ()
    missing: tuple[str, ...] = ()
    days: int | None = None
    due_at: dt.datetime | None = None

    @property
    def ok(self) -> bool:
        return self.status != FAIL

    @property
    def title(self) -> str:
        return str(TITLES[self.code])

    @property
    def message(self) -> str:  # one sentence per (question, answer
        missing = "、".join(self.missing)
        due = timezone.localtime(self.due_at).strftime("%Y-%m-%d %H:%M") if self.due_at else ""
        if self.code == PLACE:
            if self.status == PASS and not self.evidence:
                return _("诉求没有写明具体地点。")
            if self.status == PASS:
                return _("答复提到了诉求中的地点。")
            return _("答复没有提到诉求中的地点（%(places)s），群众难以确认答复针对的是自己反映的事项。") % {"places": missing}
        if self.code == PROBLEM:
            if self.status == PASS and not self.evidence:
                return _("未能从诉求中提取问题要点。")
            if self.status == PASS:
                return _("答复回应了诉求中的问题要点。")
            if self.status == WARN:
                return _("答复只提到部分问题要点，未提到：%(terms)s。") % {"terms": missing}
            return _("答复没有回应诉求中的问题要点（%(terms)s）。") % {"terms": missing}
        if self.code == BASIS:
            if self.status == PASS:
                return _("答复说明了结论的依据或理由。")
            if self.status == WARN:
                return _("未见明确的法律政策依据、核实情况或理由，请确认答复已说明结论从何而来。")
            return _("答复只有收悉、转办、感谢等套话，没有说明依据、核实情况或理由。")
        if self.code == DEADLINE:
            if self.due_at is None:
                return _("本环节没有办理期限。")
            if self.status == PASS:
                return _("在办理期限内（%(due)s 前）。") % {"due": due}
            return _("已超过办理期限 %(days)d 天（期限 %(due)s）。") % {"days": self.days or 0, "due": due}
        if self.status == PASS:
            return _("答复告知了群众后续可以怎么做。")
        return _("答复没有告知群众后续可以怎么做（如对答复不服可申请复查、咨询电话、可以向哪个部门反映）。")

    def to_json(self) -> dict:
        return {
            "code": self.code, "status": self.status,
            "evidence": [[e.kind, e.text] for e in self.evidence], "missing": list(self.missing),
            "days": self.days, "due_at": self.due_at.isoformat() if self.due_at else None,
        }

    @classmethod
    def from_json(cls, data: dict) -> CheckItem:
        due = data.get("due_at")
        return cls(
            code=data["code"], status=data["status"],
            evidence=tuple(Evidence(kind=k, text=t) for k, t in data.get("evidence") or []),
            missing=tuple(data.get("missing") or []), days=data.get("days"),
            due_at=dt.datetime.fromisoformat(due) if due else None,
        )


@dataclass(frozen=True)
class CheckResult:
    items: tuple[CheckItem, ...] = field(default_factory=tuple)

    @property
    def passed(self) -> bool:
        return all(item.ok for item in self.items)

    @property
    def failed(self) -> list[CheckItem]:
        return [item for item in self.items if not item.ok]

    @property
    def warnings(self) -> list[CheckItem]:
        return [item for item in self.items if item.status == WARN]

    def item(self, code: str) -> CheckItem:
        return next(item for item in self.items if item.code == code)

    @property
    def explains(self) -> bool:
        """The "explains itself" part: a basis, facts, handling or reasons, or at least substance of its own."""
        return self.item(BASIS).ok

    def to_json(self) -> dict:
        return {"version": RESULT_VERSION, "passed": self.passed, "items": [item.to_json() for item in self.items]}

    @classmethod
    def from_json(cls, data: dict | None) -> CheckResult | None:
        if not data or data.get("version") != RESULT_VERSION:
            return None
        return cls(items=tuple(CheckItem.from_json(item) for item in data.get("items") or []))


def _split_request(request_text: str) -> tuple[str, str]:
    """The first line is the title, the rest the narrative (callers join them with a newline)."""
    text = (request_text or "").strip()
    title, _sep, narrative = text.partition("\n")
    return title.strip(), narrative.strip()


def check_place(*, subjects: Subjects, reply_text: str) -> CheckItem:
    places = subjects.places
    if not places:
        return CheckItem(code=PLACE, status=PASS)
    named = [p for p in places if mentions_place(reply_text, p)]
    if named:
        return CheckItem(code=PLACE, status=PASS, evidence=tuple(Evidence("place", p) for p in named))
    return CheckItem(code=PLACE, status=FAIL, missing=tuple(places[:3]))


def check_problem(*, subjects: Subjects, reply_text: str) -> CheckItem:
    terms = subjects.terms
    if not terms:
        return CheckItem(code=PROBLEM, status=PASS)
    named = [t for t in terms if mentions_term(reply_text, t)]
    absent = tuple(t for t in terms if t not in named)[:5]
    evidence = tuple(Evidence("term", t) for t in named)
    if len(named) >= 2 or (named and len(terms) <= 3):
        return CheckItem(code=PROBLEM, status=PASS, evidence=evidence, missing=absent)
    if named:
        return CheckItem(code=PROBLEM, status=WARN, evidence=evidence, missing=absent)
    return CheckItem(code=PROBLEM, status=FAIL, missing=absent)


def check_basis(*, reply_text: str) -> CheckItem:
    found = explanation_in(reply_text)
    evidence = tuple(
        Evidence(kind, text)
        for kind, texts in (("basis", found.basis), ("facts", found.facts), ("reasons", found.reasons),
                            ("measures", found.measures))
        for text in texts[:2]
    )
    if found.explains:
        return CheckItem(code=BASIS, status=PASS, evidence=evidence)
    substance = "".join(substantive_sentences(reply_text))
    return CheckItem(code=BASIS, status=WARN if len(substance) >= SUBSTANTIVE_CHARS else FAIL)


def check_deadline(*, due_at: dt.datetime | None, now: dt.datetime) -> CheckItem:
    if due_at is None:
        return CheckItem(code=DEADLINE, status=PASS)
    if now <= due_at:
        left = (timezone.localtime(due_at).date() - timezone.localtime(now).date()).days
        return CheckItem(code=DEADLINE, status=PASS, days=left, due_at=due_at)
    late = max(1, (timezone.localtime(now).date() - timezone.localtime(due_at).date()).days)
    return CheckItem(code=DEADLINE, status=FAIL, days=late, due_at=due_at)


def check_next_steps(*, reply_text: str) -> CheckItem:
    found = next_steps_in(reply_text)
    if found:
        return CheckItem(code=NEXT_STEPS, status=PASS, evidence=tuple(Evidence("next_steps", t) for t in found[:2]))
    return CheckItem(code=NEXT_STEPS, status=FAIL)


def reply_check(*, request_text: str, reply_text: str, due_at: dt.datetime | None = None,
                now: dt.datetime | None = None) -> CheckResult:
    """Check an answer against the request (title on the first line, then the narrative)."""
    now = now or timezone.now()
    title, narrative = _split_request(request_text)
    subjects = subjects_of(title=title, narrative=narrative)
    return CheckResult(items=(
        check_place(subjects=subjects, reply_text=reply_text),
        check_problem(subjects=subjects, reply_text=reply_text),
        check_basis(reply_text=reply_text),
        check_deadline(due_at=due_at, now=now),
        check_next_steps(reply_text=reply_text),
    ))
