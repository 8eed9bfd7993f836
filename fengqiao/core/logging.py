"""Log filter that keeps ID and phone numbers out of every log line."""
from __future__ import annotations

import logging

from fengqiao.core.masking import mask_text
from fengqiao.core.request_context import current_request_id


class MaskPersonalDataFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not break logging
            message = str(record.msg)
        # CR/LF from user input must not forge extra log lines.
        record.msg = mask_text(message).replace("\r", "\\r").replace("\n", "\\n")
        record.args = None
        record.request_id = current_request_id() or "-"
        return True
