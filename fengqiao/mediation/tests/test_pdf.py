"""Font choice of the agreement PDF: a TrueType CJK face when one is available, else the built-in Song CID font."""
from __future__ import annotations

import os

import pytest

from fengqiao.mediation.pdf import FALLBACK_FONT, _has_truetype_outlines, resolve_font

NOTO = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def test_missing_fonts_fall_back_to_the_builtin_song_face(settings):
    settings.FENGQIAO_PDF_FONTS = [("/nonexistent/NotoSerifCJK-Regular.ttc", None)]
    font = resolve_font()
    assert font.name == FALLBACK_FONT and not font.embedded


@pytest.mark.skipif(not os.path.exists(NOTO), reason="fonts-noto-cjk is not installed")
def test_cff_noto_collections_are_recognised_and_skipped(settings):
    # reportlab embeds TrueType outlines only; Debian's Noto CJK collections carry CFF outlines.
    assert not _has_truetype_outlines(NOTO)
    settings.FENGQIAO_PDF_FONTS = [(NOTO, None)]
    assert resolve_font().name == FALLBACK_FONT


@pytest.mark.skipif(not os.path.exists(DEJAVU), reason="fonts-dejavu is not installed")
def test_a_truetype_font_without_chinese_glyphs_is_not_used(settings):
    assert _has_truetype_outlines(DEJAVU)
    settings.FENGQIAO_PDF_FONTS = [(DEJAVU, 0)]
    assert resolve_font().name == FALLBACK_FONT
