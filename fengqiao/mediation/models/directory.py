"""The directory: mediation organisations (调解组织) and their mediators (调解员)."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fengqiao.mediation.choices import OrganisationKind
from fengqiao.regions.paths import county_path


class OrganisationQuerySet(models.QuerySet):
    def active(self) -> OrganisationQuerySet:
        return self.filter(is_active=True)

    def in_county_of(self, region_path: str) -> OrganisationQuerySet:
        return self.filter(region__path__startswith=county_path(region_path))

    def visible_to(self, user) -> OrganisationQuerySet:
        """Organisations of the counties where the user holds an active role (all of them for a superuser)."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        roots = {county_path(m.region.path) for m in user.active_memberships}
        q = Q(pk__in=[])
        for root in roots:
            q |= Q(region__path__startswith=root)
        return self.filter(q)


class Organisation(models.Model):
    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=20, choices=OrganisationKind.choices)
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("所在区划"), on_delete=models.PROTECT, related_name="mediation_organisations"
    )
    department = models.ForeignKey(
        "regions.Department", verbose_name=_("所属部门"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="mediation_organisations", help_text=_("行政调解、派出所警调室填写所属部门"),
    )
    number_prefix = models.CharField(
        _("文书字号"), max_length=20, blank=True,
        help_text=_("调解协议书编号中的简称，例如“柳湾”得到“（2026）柳湾调字第0001号”；留空时使用名称"),
    )
    address = models.CharField(_("办公地址"), max_length=200, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("调解组织")
        verbose_name_plural = _("调解组织")
        ordering = ["region__path", "kind", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def document_prefix(self) -> str:
        return self.number_prefix or self.name.removesuffix("人民调解委员会").removesuffix("调解委员会")[:10]


class MediatorQuerySet(models.QuerySet):
    def active(self) -> MediatorQuerySet:
        return self.filter(is_active=True, organisation__is_active=True)

    def with_load(self) -> MediatorQuerySet:
        """Annotate `load`: the mediations this mediator is conducting now."""
        from fengqiao.mediation.choices import MediationStatus

        return self.annotate(
            load=models.Count("mediations", filter=Q(mediations__status=MediationStatus.ACTIVE), distinct=True)
        )


class Mediator(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("平台账号"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="mediator_profiles", help_text=_("调解员没有平台账号时留空"),
    )
    name = models.CharField(_("姓名"), max_length=50)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("调解组织"), on_delete=models.PROTECT, related_name="mediators"
    )
    specialities = models.ManyToManyField(
        "cases.DisputeType", verbose_name=_("擅长纠纷类型"), blank=True, related_name="mediators"
    )
    regions_served = models.ManyToManyField(
        "regions.Region", verbose_name=_("服务区域"), blank=True, related_name="mediators",
        help_text=_("调解员负责的区划（含下级区划）"),
    )
    phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    is_active = models.BooleanField(_("在岗"), default=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = MediatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("调解员")
        verbose_name_plural = _("调解员")
        ordering = ["organisation_id", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], condition=Q(user__isnull=False), name="one_mediator_profile_per_organisation"
            ),
        ]

    def __str__(self) -> str:
        return self.name
