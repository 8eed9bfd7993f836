from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    VISIT = "visit", _("来访")
    LETTER = "letter", _("来信")
    HOTLINE = "hotline", _("12345热线")
    ONLINE = "online", _("网上（群众端）")
    GRID = "grid", _("网格巡查")
    COURT = "court", _("法院委派")
    POLICE = "police", _("警调对接")
    API = "api", _("接口")
