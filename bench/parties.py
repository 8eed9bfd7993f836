"""Benchmark: parties found in real people's-mediation narratives.

Reads ``disputes/mediation-cases-dev.csv`` (columns event_description, disputing_parties) and asks
:func:`fengqiao.triage.engine.party_engine.extract_parties` for the named people and organisations of each
narrative.  A listed party counts as found when an extracted name equals it, or one contains the other
and the shorter has at least two characters ("印染厂" ↔ "某印染厂", "陈某家属" ↔ "陈某"); a note in brackets
after a listed name ("邱某（矿业公司法定代表人）") is dropped first.

Three figures: ``recall_all`` over every listed party; ``recall_in_text`` over the listed parties that the
narrative itself names (the committee lists people the summary never mentions: 58 of the 148 listed parties
of the dev file are not written in it, so no extractor can find them); and ``recall_named`` over the listed parties that are
names (a person written as a name, 某 or 老汉 ..., or an organisation with a name suffix such as 厂, 公司,
医院, 村委会) rather than a bare role ("片警", "社区干部", "死者家属").  Also the share of extracted
parties with the role applicant / respondent, and the common words wrongly taken for names.
Last line: one JSON object.
"""

from __future__ import annotations

import _common

_common.add_repo_to_path()

import re  # noqa: E402
import time  # noqa: E402

from fengqiao.triage.engine import parties as party_engine  # noqa: E402
from fengqiao.triage.engine.dataio import load_texts  # noqa: E402

_NOTE = re.compile(r"[（(][^）)]*[）)]")
_ROLE_ONLY = re.compile(
    r"^(?:.{0,12}(?:工作人员|调解员|调解人员|干部|民警|片警|代表|专家|律师|书记|党员|家属|负责人|老板|村民|有关人员|同志))$"
)


def listed(parties: str) -> list[str]:
    out = []
    for p in re.split(r"[,，、]\s*", parties):
        p = _NOTE.sub("", p).strip()
        if p:
            out.append(p)
    return out


def is_named(party: str) -> bool:
    """A party written as a name, not a bare role."""
    if re.search(r"某|老汉|老太|大爷|大妈|[甲乙丙丁]$", party):
        return True
    if re.search(party_engine.ORG_SUFFIX_RE, party) and not _ROLE_ONLY.match(party):
        return True
    return not _ROLE_ONLY.match(party) and 2 <= len(party) <= 4


_STEM = re.compile(r"(?:的)?(?:家属|妻子|丈夫|代表|负责人|工作人员|有关人员|法定代表人|代理人)$")


def in_text(party: str, text: str) -> bool:
    """The listed party, or the name in "陈某家属" / "某超市负责人", is written in the narrative."""
    return party in text or (
        _STEM.sub("", party) != party and len(_STEM.sub("", party)) >= 2 and _STEM.sub("", party) in text
    )


def found(party: str, names: list[str]) -> bool:
    for n in names:
        if n == party:
            return True
        short, long_ = sorted((n, party), key=len)
        if len(short) >= 2 and short in long_:
            return True
    return False


def main() -> None:
    ap = _common.parser(__doc__)
    ap.add_argument("--show-misses", action="store_true", help="print each listed party not found")
    args = ap.parse_args()
    path = _common.require(args.datasets / "disputes" / "mediation-cases-dev.csv")
    data = load_texts(path, ["event_description"], "disputing_parties")
    party_engine.extract_parties("预热：张某与某村村委会。")
    hit_all = n_all = hit_named = n_named = hit_text = n_text = 0
    roles = n_parties = 0
    times = []
    for text, parties in zip(data.texts, data.labels, strict=True):
        t0 = time.perf_counter()
        got = party_engine.extract_parties(text)
        times.append((time.perf_counter() - t0) * 1000)
        names = [p["name"] for p in got]
        n_parties += len(got)
        roles += sum(1 for p in got if p["role"] in ("applicant", "respondent"))
        for p in listed(parties):
            ok = found(p, names)
            n_all += 1
            hit_all += ok
            if in_text(p, text):
                n_text += 1
                hit_text += ok
            if is_named(p):
                n_named += 1
                hit_named += ok
            if args.show_misses and not ok:
                print(f"[miss] {p!r} named={is_named(p)} in_text={in_text(p, text)} got={names}")
    times.sort()
    _common.emit(
        {
            "recall_all": round(hit_all / max(n_all, 1), 4),
            "n_all": n_all,
            "recall_named": round(hit_named / max(n_named, 1), 4),
            "n_named": n_named,
            "recall_in_text": round(hit_text / max(n_text, 1), 4),
            "n_in_text": n_text,
            "parties_per_case": round(n_parties / max(len(data.texts), 1), 2),
            "with_role_share": round(roles / max(n_parties, 1), 4),
            "ms_per_text_median": round(times[len(times) // 2], 2) if times else None,
        }
    )


if __name__ == "__main__":
    main()
