from django.db import models
from django.utils.translation import gettext_lazy as _


class ReplyStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SENT = "sent", _("已发送")
