"""Events the triage app publishes for the apps above it (it never imports them).

``crisis_detected`` is sent inside a transaction when a case is found, or marked by a person, to contain
crisis language. Keyword arguments: ``case``, ``kind`` ("self_harm" | "harm_others"), ``phrases`` (the
phrases that raised it), ``score``, ``source`` ("triage" | "manual"), ``acting_user`` (None for triage).
A receiver that raises rolls the dispatch back, and the periodic retry sends it again.
"""

from __future__ import annotations

from django.dispatch import Signal

crisis_detected = Signal()
