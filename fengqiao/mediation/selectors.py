"""Reads for the mediation pages, always scoped through the case app's `Case.objects.visible_to(user)`."""
from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from fengqiao.accounts.choices import Role
from fengqiao.accounts.models import User
from fengqiao.accounts.selectors import users_with_roles
from fengqiao.cases.models import Case
from fengqiao.cases.selectors import users_for_case
from fengqiao.mediation.choices import OrganisationKind
from fengqiao.mediation.models import (
    Agreement,
    Instalment,
    Mediation,
    MediationClock,
    MediationSession,
    Mediator,
    Organisation,
)
from fengqiao.regions.paths import ancestor_paths, county_path

MEDIATION_RELATED = ("case", "case__process", "case__state", "case__region", "case__dispute_type", "organisation",
                     "organisation__region", "mediator", "mediator__user", "started_by", "refused_by")


def _with_details(queryset: QuerySet[Mediation]) -> QuerySet[Mediation]:
    sessions = MediationSession.objects.prefetch_related(
        "party_participants", "staff_participants", "attended_parties", "attended_staff"
    ).select_related("minuted_by").order_by("number")
    instalments = Instalment.objects.prefetch_related("checks__recorded_by").order_by("number")
    return queryset.select_related(*MEDIATION_RELATED, "agreement").prefetch_related(
        Prefetch("sessions", queryset=sessions),
        Prefetch("agreement__instalments", queryset=instalments),
        Prefetch("clocks", queryset=MediationClock.objects.select_related("target_organisation")),
        "case__parties",
    )


def mediation_get_visible(*, user: User, mediation_id: int) -> Mediation:
    """The mediation if the user may see its case; 404 for missing and forbidden alike."""
    mediation = _with_details(Mediation.objects.visible_to(user)).filter(pk=mediation_id).first()
    if mediation is None:
        raise Http404
    return mediation


def mediations_for_case(*, case: Case) -> list[Mediation]:
    """A case's mediations, oldest first (the caller has already checked the case is visible)."""
    return list(_with_details(Mediation.objects.filter(case=case)).order_by("started_at", "id"))


def agreement_for(mediation: Mediation) -> Agreement | None:
    try:
        agreement = mediation.agreement
    except Agreement.DoesNotExist:
        return None
    return agreement


def agreement_with_instalments(mediation: Mediation) -> Agreement | None:
    return (
        Agreement.objects.filter(mediation=mediation)
        .prefetch_related(Prefetch("instalments", queryset=Instalment.objects.prefetch_related("checks__recorded_by")))
        .first()
    )


def organisations_for_case(*, case: Case, channel: str | None = None) -> QuerySet[Organisation]:
    """Active organisations whose area contains the case's region (a village committee of another village
    cannot take the case; the county's industry committees and court centre can)."""
    ancestors = ancestor_paths(case.region_path)
    queryset = Organisation.objects.active().filter(region__path__in=ancestors).select_related("region")
    if channel:
        from fengqiao.mediation.choices import CHANNEL_ORGANISATION_KINDS

        queryset = queryset.filter(kind__in=CHANNEL_ORGANISATION_KINDS.get(channel, set()))
    return queryset.order_by("region__path", "kind", "name")


def court_centres_for_case(*, case: Case) -> QuerySet[Organisation]:
    return Organisation.objects.active().in_county_of(case.region_path).filter(kind=OrganisationKind.COURT_CENTER)


def mediators_for_case(*, case: Case) -> QuerySet[Mediator]:
    return (
        Mediator.objects.active().filter(organisation__region__path__startswith=county_path(case.region_path))
        .select_related("organisation").order_by("organisation__name", "name")
    )


def staff_for_case(*, case: Case) -> QuerySet[User]:
    return users_for_case(case=case)


def supervision_recipients(*, case: Case, mediation: Mediation | None = None) -> list[User]:
    """Who answers for a broken agreement: center staff of the case's area (and above), the case's lead
    and the mediator."""
    center = list(users_with_roles(roles=[Role.CENTER], region_paths=ancestor_paths(case.region_path)))
    people = [*center]
    if case.lead_user is not None:
        people.append(case.lead_user)
    if mediation is not None and mediation.mediator is not None and mediation.mediator.user is not None:
        people.append(mediation.mediator.user)
    return people


def directory_for(*, user: User, text: str = "", kind: str = "") -> QuerySet[Organisation]:
    """The directory page: organisations of the user's counties with their mediators and current loads."""
    mediators = Mediator.objects.with_load().prefetch_related("specialities", "regions_served").select_related("user")
    queryset = Organisation.objects.visible_to(user).select_related("region", "department").prefetch_related(
        Prefetch("mediators", queryset=mediators.order_by("-is_active", "name"))
    )
    if kind:
        queryset = queryset.filter(kind=kind)
    if text:
        queryset = queryset.filter(
            Q(name__icontains=text) | Q(mediators__name__icontains=text) | Q(region__name__icontains=text),
        ).distinct()
    return queryset.order_by("region__path", "kind", "name")


def failed_mediation_counts(*, case_ids: list[int]) -> dict[int, int]:
    """For each of `case_ids` with one, how many of its mediations ended without agreement (调解不成)."""
    from django.db.models import Count

    from fengqiao.mediation.choices import MediationStatus

    rows = (Mediation.objects.filter(case_id__in=case_ids, status=MediationStatus.FAILED)
            .values("case_id").annotate(n=Count("id")).values_list("case_id", "n"))
    return dict(rows)
