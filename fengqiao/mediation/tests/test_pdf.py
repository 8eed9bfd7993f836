"""Font choice of the agreement PDF: Noto CJK (its CFF collections converted to TrueType), a TrueType CJK face,
else the built-in Song CID font."""
from __future__ import annotations

import os

import pytest

from fengqiao.mediation.pdf import FALLBACK_FONT, choose_fonts
from fengqiao.mediation.pdf_fonts import FontFileError, OutlineFace, open_face

NOTO = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def test_missing_fonts_fall_back_to_the_builtin_song_face(settings):
    settings.FENGQIAO_PDF_FONTS = [("/nonexistent/NotoSerifCJK-Regular.ttc", None)]
    choice = choose_fonts()
    assert choice.body is None and not choice.embedded and FALLBACK_FONT in choice.describe()


@pytest.mark.skipif(not os.path.exists(NOTO), reason="fonts-noto-cjk is not installed")
def test_cff_noto_collections_are_used_through_conversion(settings):
    # reportlab embeds TrueType outlines only; Debian's Noto CJK collections carry CFF outlines, converted per PDF.
    settings.FENGQIAO_PDF_FONTS = [(NOTO, None)]
    face = choose_fonts().body
    assert isinstance(face, OutlineFace) and face.ps_name == "NotoSerifCJKsc-Regular"  # the collection's SC face


@pytest.mark.skipif(not os.path.exists(DEJAVU), reason="fonts-dejavu is not installed")
def test_a_truetype_font_without_chinese_glyphs_is_not_used(settings):
    settings.FENGQIAO_PDF_FONTS = [(DEJAVU, 0)]
    assert choose_fonts().body is None
    with pytest.raises(FontFileError, match="no face with Chinese glyphs"):
        open_face(DEJAVU, 0)
