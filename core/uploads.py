"""The one upload check: is this file small enough, and one of the kinds allowed here?

A file's kind is judged by its content (``filetype`` reads the first bytes), never by
its name alone: a binary file must be a detected type whose name carries one of that
type's suffixes; a file with no recognisable signature is accepted only as text (one
of the allowed text suffixes, UTF-8 without NUL bytes). Each caller passes its own
``FileKinds`` (the kinds it allows, its size limit, its form field and its own
messages) and gets back the file's safe name and content type.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath

import filetype
from django.utils.text import get_valid_filename

from core.exceptions import ApplicationError

SNIFF_BYTES = 8192


@dataclass(frozen=True)
class FileKinds:
    """What one place accepts.

    ``binary``: detected MIME type → the name suffixes a file of that type may carry;
    ``text``: name suffix → content type, for UTF-8 text. Messages may use
    ``%(name)s`` (the safe file name), ``%(size)s`` and ``%(limit)s`` (in MB);
    ``*_short`` are the field's own error."""

    binary: Mapping[str, tuple[str, ...]]
    text: Mapping[str, str]
    max_bytes: int
    field: str
    too_large: str
    too_large_short: str
    refused: str
    refused_short: str


@dataclass(frozen=True)
class CheckedUpload:
    file: object
    name: str
    content_type: str
    size: int
    head: bytes  # the first bytes, as read for the check


def safe_name(upload) -> str:
    """The upload's own name without any folder, safe to store and show."""
    return get_valid_filename(PurePosixPath(upload.name or "file").name)[:200] or "file"


def looks_like_text(head: bytes) -> bool:
    """UTF-8 without NUL bytes (a character cut at the sniff boundary still is)."""
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # a UTF-8 character is at most 4 bytes: one cut at the end leaves at most 3
        return exc.start >= len(head) - 3
    return True


def _mb(size: int) -> float:
    return round(size / 1_048_576, 1)


def refusal(kinds: FileKinds, name: str) -> ApplicationError:
    """The caller's "not an allowed kind" error, for a check of its own on top."""
    return ApplicationError(
        str(kinds.refused) % {"name": name},
        extra={"fields": {kinds.field: [str(kinds.refused_short)]}},
    )


def check_upload(upload, kinds: FileKinds) -> CheckedUpload:
    """The checked file, or ``ApplicationError`` with the caller's message."""
    name = safe_name(upload)
    if upload.size > kinds.max_bytes:
        raise ApplicationError(
            str(kinds.too_large)
            % {
                "name": name,
                "size": _mb(upload.size),
                "limit": _mb(kinds.max_bytes),
            },
            extra={"fields": {kinds.field: [str(kinds.too_large_short)]}},
        )
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    suffix = PurePosixPath(name).suffix.lower()
    kind = filetype.guess(head)
    if kind is not None:
        content_type = kind.mime if suffix in kinds.binary.get(kind.mime, ()) else None
    elif suffix in kinds.text and looks_like_text(head):
        content_type = kinds.text[suffix]
    else:
        content_type = None
    if content_type is None:
        raise refusal(kinds, name)
    return CheckedUpload(
        file=upload, name=name, content_type=content_type, size=upload.size, head=head
    )
