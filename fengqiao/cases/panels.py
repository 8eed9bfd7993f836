"""Extra sections of the case page contributed by higher apps (mediation, triage, care, ...).

The case page must not import those apps, so each registers a panel in its AppConfig.ready():

    register_case_panel(name="mediation", template="mediation/partials/case_panel.html",
                        context=lambda request, case: {...}, order=30)

The case page renders every registered panel whose context function returns a dict (None hides it). A panel
with a `slot` other than "main" renders where the case page names that slot (e.g. "final_review": the note in
the header that a matter is the same as one closed after 复核, contributed by triage).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest


@dataclass(frozen=True)
class CasePanel:
    name: str
    template: str
    context: Callable[[HttpRequest, object], dict | None]
    order: int = 50
    slot: str = "main"


_PANELS: dict[str, CasePanel] = {}


def register_case_panel(*, name: str, template: str, context: Callable[[HttpRequest, object], dict | None],
                        order: int = 50, slot: str = "main") -> None:
    _PANELS[name] = CasePanel(name=name, template=template, context=context, order=order, slot=slot)


def panels_for(request: HttpRequest, case, slot: str = "main") -> list[tuple[CasePanel, dict]]:
    rendered = []
    for panel in sorted((p for p in _PANELS.values() if p.slot == slot), key=lambda p: (p.order, p.name)):
        context = panel.context(request, case)
        if context is not None:
            rendered.append((panel, context))
    return rendered
