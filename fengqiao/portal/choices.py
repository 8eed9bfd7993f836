from django.db import models
from django.utils.translation import gettext_lazy as _


class RequestKind(models.TextChoices):
    """What a resident says the matter is; each kind is handled by one process."""

    DISPUTE = "dispute", _("与他人或单位发生纠纷，希望调解")
    GOVERNMENT = "government", _("向政府部门投诉、求助或提建议")
