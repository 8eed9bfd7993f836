"""How often one address may act: the client's address behind our own proxies, a hashed per-client key, and a
sliding-window limit kept in the cache (`scope` names the part of the site that counts, e.g. "portal")."""
from __future__ import annotations

import hashlib
import hmac
import ipaddress
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

logger = logging.getLogger("fengqiao.portal")

RATE_WINDOW_SECONDS = 60 * 60


# --- where a request comes from----------------------------------------------------------------------------

def client_address(request: HttpRequest) -> str:
    """The client's IP address: REMOTE_ADDR, unless settings.FENGQIAO_TRUSTED_PROXIES says that many reverse
    proxies of our own stand in front of the application; then the address the outermost of them saw.

    The one place that reads a client's address: portal limits, API throttles, the login lockout and the login
    logs all call it, so a client cannot pick its own address with a made-up X-Forwarded-For."""
    address = request.META.get("REMOTE_ADDR", "") or ""
    trusted = int(getattr(settings, "FENGQIAO_TRUSTED_PROXIES", 0) or 0)
    if trusted > 0:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
        # Every proxy appends the address it received the request from, so the client is `trusted` from the end.
        if len(hops) >= trusted:
            address = hops[-trusted]
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return "unknown"
    return str(parsed)


def client_bucket_key(address: str) -> str:
    """A keyed hash of the address (the cache never holds a plain IP). IPv6 clients usually own a whole /64,
    so they are counted per /64 network."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        label = address
    else:
        if isinstance(parsed, ipaddress.IPv6Address):
            label = str(parsed.ipv4_mapped or ipaddress.ip_network(f"{parsed}/64", strict=False))
        else:
            label = str(parsed)
    return hmac.new(settings.SECRET_KEY.encode(), label.encode(), hashlib.sha256).hexdigest()[:32]


# --- rate limiting ----------------------------------------------------------------------------------------------

@dataclass
class RateDecision:
    allowed: bool
    limit: int
    retry_after: int = 0  # seconds until the oldest counted attempt leaves the window
    key: str = ""
    stamp: float | None = None
    window: int = RATE_WINDOW_SECONDS


def rate_limit_take(*, bucket: str, address: str, limit: int, window: int = RATE_WINDOW_SECONDS,
                    now: float | None = None, scope: str = "portal") -> RateDecision:
    """Count one attempt for `address` in a sliding window; refuse when `limit` attempts are already in it.

    The cache holds the times of the attempts inside the window under a hashed key, so the count holds over any
    hour rather than per clock hour. Read and write are two cache calls: two requests arriving at the very same
    moment at the limit may both pass, which is acceptable for a limit that only stops floods and guessing."""
    now = time.time() if now is None else now
    key = f"{scope}:rate:{bucket}:{client_bucket_key(address)}"
    stamps = [s for s in cache.get(key, []) if s > now - window]
    if len(stamps) >= limit:
        retry_after = max(1, int((min(stamps) + window - now) if stamps else window) + 1)
        logger.warning("%s rate limit reached: bucket=%s client=%s limit=%d", scope, bucket, key[-8:], limit)
        return RateDecision(allowed=False, limit=limit, retry_after=retry_after, key=key, window=window)
    stamps.append(now)
    cache.set(key, stamps, timeout=window)
    return RateDecision(allowed=True, limit=limit, key=key, stamp=now, window=window)


def rate_limit_release(decision: RateDecision) -> None:
    """Give back an attempt that did not count (a submission refused for bad input saved nothing)."""
    if not decision.allowed or decision.stamp is None:
        return
    stamps = list(cache.get(decision.key, []))
    if decision.stamp in stamps:
        stamps.remove(decision.stamp)
        cache.set(decision.key, stamps, timeout=decision.window)
