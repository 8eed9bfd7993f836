from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict:
    return {"FENGQIAO_DEMO": settings.FENGQIAO_DEMO}
