"""The API's JSON parser: bounded, so odd bodies answer 400/413, never 500.

On top of DRF's ``JSONParser`` (strict: no ``NaN``/``Infinity``) it refuses a body
larger than ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (413, read at most one byte past the
limit, with or without a ``Content-Length``), nesting deeper than ``MAX_DEPTH``,
numbers too large to be finite (``1e309``) and text containing NUL characters
(PostgreSQL cannot store them).
"""

import math

from django.conf import settings
from rest_framework import status
from rest_framework.exceptions import APIException, ParseError
from rest_framework.parsers import JSONParser
from rest_framework.utils import json

MAX_DEPTH = 32


class PayloadTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "payload_too_large"


def check_structure(data, *, max_depth: int = MAX_DEPTH) -> None:
    """Raise ``ParseError`` for nesting deeper than ``max_depth``, a non-finite
    number or a NUL character anywhere in ``data`` (walked without recursion)."""
    pending = [(data, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, dict | list):
            if depth > max_depth:
                raise ParseError(f"JSON is nested more than {max_depth} levels deep.")
            children = value.items() if isinstance(value, dict) else enumerate(value)
            for key, child in children:
                if isinstance(key, str) and "\x00" in key:
                    raise ParseError("Text may not contain NUL characters.")
                pending.append((child, depth + 1))
        elif isinstance(value, str):
            if "\x00" in value:
                raise ParseError("Text may not contain NUL characters.")
        elif isinstance(value, float) and not math.isfinite(value):
            raise ParseError("Numbers must be finite.")


class HubJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        raw = stream.read(limit + 1) if limit is not None else stream.read()
        if limit is not None and len(raw) > limit:
            raise PayloadTooLarge()
        try:
            data = json.loads(raw.decode(encoding))
        except RecursionError:
            raise ParseError(
                f"JSON is nested more than {MAX_DEPTH} levels deep."
            ) from None
        except UnicodeDecodeError:
            raise ParseError(f"The body is not {encoding} text.") from None
        except ValueError as exc:
            raise ParseError(f"JSON parse error - {exc}") from None
        check_structure(data)
        return data
