"""Extra sections of the case page contributed by higher apps (mediation, triage, care, ...).

The case page must not import those apps, so each registers a panel in its AppConfig.ready():

    register_case_panel(name="mediation", template="mediation/partials/case_panel.html",
                        context=lambda request, case: {...}, order=30)

The case page renders every registered panel whose context function returns a dict (None hides it). A panel
with a `slot` other than "main" renders where the case page names that slot (e.g. "final_review": the note in
the header that a matter is the same as one closed after 复核, contributed by triage).

A higher app that runs a step of the case itself while it holds the case (an active mediation ends with its own
调解不成 or 当事人拒绝调解 form, which records the reason and the routes and then moves the case) registers which
step effects it owns, so the case page does not offer a second action with the same name beside it:

    register_step_owner(name="mediation", effects=lambda case: {TransitionEffect.FAIL} if ... else set())
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
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


_STEP_OWNERS: dict[str, Callable[[object], Iterable[str]]] = {}


def register_step_owner(*, name: str, effects: Callable[[object], Iterable[str]]) -> None:
    _STEP_OWNERS[name] = effects


def steps_owned_elsewhere(case) -> set[str]:
    """The transition effects another app performs for `case` just now (its case page hides those steps)."""
    owned: set[str] = set()
    for effects in _STEP_OWNERS.values():
        owned.update(effects(case))
    return owned


def panels_for(request: HttpRequest, case, slot: str = "main") -> list[tuple[CasePanel, dict]]:
    rendered = []
    for panel in sorted((p for p in _PANELS.values() if p.slot == slot), key=lambda p: (p.order, p.name)):
        context = panel.context(request, case)
        if context is not None:
            rendered.append((panel, context))
    return rendered
