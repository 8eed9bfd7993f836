"""The English catalogue: compiled, nearly complete, placeholders intact, and the key UI strings come out in English."""
from __future__ import annotations

import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MAX_UNTRANSLATED_SHARE = 0.02
PLACEHOLDER = re.compile(r"%%|%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?([sdif])|\{\{?\s*\w*\s*\}?\}")
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str = ""
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def translated(self) -> bool:
        return "fuzzy" not in self.flags and bool(self.msgstr) and all(self.msgstr.values())


def _unquote(text: str) -> str:
    body = text.strip()
    assert body.startswith('"') and body.endswith('"'), f"not a quoted .po string: {text!r}"
    return re.sub(r"\\(.)", lambda m: ESCAPES.get(m.group(1), m.group(1)), body[1:-1])


def parse_po(path: Path) -> list[Entry]:
    """Read a .po file (header excluded, obsolete #~ entries skipped) into entries."""
    entries: list[Entry] = []
    current = Entry()
    key: tuple[str, int] | None = None
    started = False

    def finish() -> None:
        nonlocal current, key, started
        if started:
            entries.append(current)
        current, key, started = Entry(), None, False

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            finish()
        elif line.startswith("#,"):
            if started:
                finish()
            current.flags.update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            if started and not line.startswith("#~"):
                finish()
        elif line.startswith('"'):
            assert key is not None, f"continuation line without a keyword: {raw!r}"
            name, index = key
            if name == "msgstr":
                current.msgstr[index] += _unquote(line)
            else:
                setattr(current, name, (getattr(current, name) or "") + _unquote(line))
        else:
            keyword, _space, value = line.partition(" ")
            plural_form = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
            if keyword in {"msgctxt", "msgid"} and current.msgstr:
                finish()
            started = True
            if plural_form:
                key = ("msgstr", int(plural_form.group(1)))
                current.msgstr[key[1]] = _unquote(value)
            elif keyword == "msgstr":
                key = ("msgstr", 0)
                current.msgstr[0] = _unquote(value)
            elif keyword in {"msgid", "msgid_plural", "msgctxt"}:
                key = (keyword, 0)
                setattr(current, keyword, _unquote(value))
            else:
                raise AssertionError(f"unexpected line in .po file: {raw!r}")
    finish()
    return [entry for entry in entries if entry.msgid]


def _placeholders(text: str) -> list[str]:
    return sorted(re.sub(r"\s", "", m.group(0)) if not m.group(1) else f"%({m.group(1)}){m.group(2)}"
                  for m in PLACEHOLDER.finditer(text))


@pytest.fixture(scope="module")
def catalogue_dir() -> Path:
    return Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"


@pytest.fixture(scope="module")
def entries(catalogue_dir: Path) -> list[Entry]:
    po = catalogue_dir / "django.po"
    assert po.is_file(), f"missing English catalogue source {po}"
    parsed = parse_po(po)
    assert len(parsed) > 1000, "the English catalogue looks truncated"
    return parsed


def test_the_parser_reads_singular_plural_and_multiline_entries(tmp_path: Path) -> None:
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n\n'
        '#: a.py:1\n#, python-format\nmsgid ""\n"第一行\\n"\n"第二行 %(n)s"\nmsgstr ""\n"Line one\\n"\n"line two %(n)s"\n\n'
        '#, fuzzy\nmsgid "旧"\nmsgstr "Old"\n\n'
        'msgid "%(counter)s 件"\nmsgid_plural "%(counter)s 件"\nmsgstr[0] "%(counter)s case"\nmsgstr[1] ""\n\n'
        'msgid "空"\nmsgstr ""\n\n#~ msgid "删"\n#~ msgstr "Gone"\n',
        encoding="utf-8",
    )
    multi, fuzzy, plural, empty = parse_po(po)
    assert multi.msgid == "第一行\n第二行 %(n)s" and multi.msgstr == {0: "Line one\nline two %(n)s"}
    assert multi.translated and not fuzzy.translated and not plural.translated and not empty.translated
    assert plural.msgid_plural == "%(counter)s 件" and plural.msgstr == {0: "%(counter)s case", 1: ""}


def test_the_compiled_catalogue_exists_and_matches_the_po_file(catalogue_dir: Path, entries: list[Entry]) -> None:
    mo = catalogue_dir / "django.mo"
    assert mo.is_file(), "compile the English catalogue: manage.py compilemessages -l en"
    with mo.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for entry in entries:
        if not entry.translated:
            continue
        context = f"{entry.msgctxt}\x04" if entry.msgctxt is not None else ""
        if entry.msgid_plural:
            got = [compiled.ngettext(context + entry.msgid, entry.msgid_plural, n) for n in (1, 2)]
            want = [entry.msgstr[0], entry.msgstr[1]]
        else:
            got, want = compiled.gettext(context + entry.msgid), entry.msgstr[0]
        if got != want:
            stale.append(entry.msgid)
    assert not stale, f"django.mo is older than django.po, recompile it ({len(stale)} differ, e.g. {stale[:3]})"


def test_at_most_two_percent_of_the_msgids_are_untranslated(entries: list[Entry]) -> None:
    missing = [entry.msgid for entry in entries if not entry.translated]
    share = len(missing) / len(entries)
    assert share <= MAX_UNTRANSLATED_SHARE, (
        f"{len(missing)} of {len(entries)} msgids ({share:.1%}) have no English translation (empty or fuzzy), "
        f"e.g. {missing[:5]}"
    )


def test_translations_keep_placeholders_and_plural_forms(entries: list[Entry]) -> None:
    broken = []
    for entry in entries:
        if not entry.translated:
            continue
        if entry.msgid_plural:
            if sorted(entry.msgstr) != [0, 1]:
                broken.append((entry.msgid, "English needs exactly two plural forms"))
            sources = {0: entry.msgid, 1: entry.msgid_plural}
        else:
            sources = {0: entry.msgid}
        for index, text in entry.msgstr.items():
            if _placeholders(text) != _placeholders(sources.get(index, entry.msgid_plural)):
                broken.append((entry.msgid, text))
    assert not broken, f"translations whose placeholders differ from the source: {broken[:5]}"


@pytest.mark.parametrize(("source", "english"), [
    ("案件列表", "Cases"),
    ("我的待办", "My work"),
    ("登录", "Sign in"),
    ("网格员", "Grid worker"),
    ("人民调解员", "Mediator"),
    ("督办", "Supervision notice"),
    ("领导包案", "Leader-owned case"),
    ("查询码", "Tracking code"),
    ("12345热线", "12345 hotline"),
    ("调解协议书", "Mediation agreement"),
])
def test_key_ui_strings_are_english(source: str, english: str) -> None:
    with translation.override("en"):
        assert _(source) == english
    with translation.override("zh-hans"):
        assert _(source) == source


def test_placeholders_and_plurals_render_in_english() -> None:
    with translation.override("en"):
        assert ngettext("共 %(total)s 件", "共 %(total)s 件", 1) % {"total": 1} == "1 case"
        assert ngettext("共 %(total)s 件", "共 %(total)s 件", 12) % {"total": 12} == "12 cases"
        assert _("您的诉求已登记，查询码 %(code)s。") % {"code": "AB12CD34EF"} == (
            "Your request has been registered. Tracking code: AB12CD34EF."
        )
