"""Notes on tone: lawful intentions and strong feelings in a resident's words, for the handler only.

A resident who says he will petition (信访, 去省里, 进京), sue, apply for arbitration or review, go to the media
or the hotline, or wants 讨个说法, is using his rights; "跟他拼了", "鱼死网破", "跟他没完" about money are anger.
None of this is a crisis or a threat (信访工作条例 第十八条: no one may retaliate against a petitioner): the
crisis detector masks such wording (:data:`crisis._VENTING`) and this module only names it, so that the page
can suggest to the handler how to answer (listen, explain the lawful routes). Nothing here is stored or
attached to a person; it is computed from the text when the page is shown.

``tone_notes(text)`` returns the kinds found, each with the phrases that showed it, in a fixed order.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .text import normalize

PETITION = "petition"
LAWSUIT = "lawsuit"
MEDIA = "media"
REDRESS = "redress"
ANGER = "anger"
ORDER = (PETITION, LAWSUIT, MEDIA, REDRESS, ANGER)

_PATTERNS: dict[str, re.Pattern[str]] = {
    PETITION: re.compile(
        r"上访|信访|进京|越级|拉横幅|(?:去|到|找|告到)(?:省里|省城|省政府|市里|市政府|县里|北京|中央)|一级一级往上|往上告|告到底"
    ),
    LAWSUIT: re.compile(
        r"起诉|诉讼|打官司|官司|法庭上见|法院见|上法院|告(?:他|她|你|他们|你们|对方)|仲裁|复议|请了?律师|举报|投诉|纪委"
    ),
    MEDIA: re.compile(r"媒体|记者|电视台|报社|曝光|发到网上|网上发|抖音|微博|朋友圈|热线|12345"),
    REDRESS: re.compile(r"讨(?:不到|不来)?(?:个|一个)?(?:说法|公道)|要(?:个|一个)说法|给(?:个|一个)?说法|说理|讲理|评评理"),
    ANGER: re.compile(
        r"(?:拼个)?鱼死网破|你死我活|拼(?:了|命|到底)|豁出(?:去|这条老?命)|杀人的心都有|死磕|没完|走着瞧|咽不下"
        r"|气死|恨死|遭报应|不得好死|让(?:他|她|你)好看"
    ),
}


class ToneNote(NamedTuple):
    kind: str
    phrases: list[str]


def tone_notes(text: object, max_phrases: int = 3) -> list[ToneNote]:
    """The lawful intentions and strong feelings in ``text`` (empty when there are none)."""
    s = normalize(text, 20_000)
    notes = []
    for kind in ORDER:
        found = list(dict.fromkeys(m.group(0) for m in _PATTERNS[kind].finditer(s)))
        if found:
            notes.append(ToneNote(kind, found[:max_phrases]))
    return notes
