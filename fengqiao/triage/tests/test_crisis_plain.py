"""Crisis out of the box on dispute wording (issue 11): plain danger is caught, the same words in ordinary
complaints and lawful anger are not. The sentences are the project's own (tests/crisis_sentences.py)."""

from __future__ import annotations

import pytest

from fengqiao.triage.engine import crisis
from fengqiao.triage.engine.tone import tone_notes
from fengqiao.triage.tests.crisis_sentences import DANGER, HARD_NEGATIVES


def test_there_are_enough_sentences_of_each_kind() -> None:
    assert len(set(DANGER)) >= 200
    assert len(set(HARD_NEGATIVES)) >= 200


@pytest.mark.parametrize("text", DANGER)
def test_plain_danger_in_dispute_wording_is_caught(text: str) -> None:
    got = crisis.detect(text)
    assert got.is_crisis, got
    assert got.reasons  # the phrases that showed it


@pytest.mark.parametrize("text", HARD_NEGATIVES)
def test_the_same_words_in_ordinary_complaints_and_lawful_anger_are_not(text: str) -> None:
    assert not crisis.detect(text).is_crisis, crisis.detect(text)


@pytest.mark.parametrize(
    "text",
    [
        "我已经在楼顶了，你们再不来人解决，我马上就跳",
        "每天晚上站在阳台上都想往下跳",
        "只想一觉睡过去再也不要醒来",
        "工资再不给，我就抱着孩子一起走",
    ],
)
def test_the_sentences_of_the_issue(text: str) -> None:
    assert crisis.detect(text).is_crisis


def test_lawful_anger_among_the_negatives_gets_a_note_on_tone_instead() -> None:
    lawful = [t for t in HARD_NEGATIVES if tone_notes(t)]
    assert len(lawful) >= 40
    assert not any(crisis.detect(t).is_crisis for t in lawful)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("我已经把汽油泼在身上了。", crisis.SELF_HARM),
        ("我要把那个老板从楼上推下去。", crisis.HARM_OTHERS),
        ("我打算带着孩子一起走，去城里找份工作。", None),
        ("他拿刀砍了我家院子里的树。", None),
    ],
)
def test_kinds_and_destinations(text: str, kind: str | None) -> None:
    got = crisis.detect(text)
    assert got.is_crisis is (kind is not None)
    if kind:
        assert got.kind == kind
