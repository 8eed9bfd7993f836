from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    GRID_WORKER = "grid_worker", _("网格员")
    MEDIATOR = "mediator", _("人民调解员")
    HANDLER = "handler", _("部门承办人")
    CENTER = "center", _("矛调中心工作人员")
    LEADER = "leader", _("领导")
    COUNSELLOR = "counsellor", _("心理咨询师/社工")
    ADMIN = "admin", _("管理员")


# Roles allowed to see full ID and phone numbers after giving a reason.
REVEAL_ROLES = {Role.CENTER, Role.MEDIATOR, Role.HANDLER, Role.LEADER, Role.ADMIN, Role.COUNSELLOR, Role.GRID_WORKER}
