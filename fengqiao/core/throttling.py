"""DRF throttles that count per client address as `client_address` reads it.

DRF's own `get_ident` trusts the whole X-Forwarded-For header when NUM_PROXIES is unset, so a client that sends a
new header each time starts a fresh count. These read the address behind our own proxies only."""
from __future__ import annotations

from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from fengqiao.core.ratelimit import client_address


class ClientAnonRateThrottle(AnonRateThrottle):
    def get_ident(self, request) -> str:  # DRF hook
        return client_address(request)


class ClientUserRateThrottle(UserRateThrottle):
    def get_ident(self, request) -> str:  # DRF hook
        return client_address(request)
