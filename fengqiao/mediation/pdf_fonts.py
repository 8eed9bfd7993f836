"""The PDF fonts moved to fengqiao.core.pdf_fonts (cases writes PDFs too, and sits below mediation). This name
stays the same module object, so `from fengqiao.mediation import pdf_fonts` and its attributes keep working."""
import sys

from fengqiao.core import pdf_fonts

sys.modules[__name__] = pdf_fonts
