"""Upload checks: size, count and type by content (not by the file's name)."""

from dataclasses import dataclass
from pathlib import PurePosixPath

import filetype
from django.conf import settings
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from hub.exceptions import ApplicationError

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_FILES = 5

# Types a browser draws as an <img>: the ticket page shows these as thumbnails.
THUMBNAIL_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp"})

# Detected MIME type → extensions a file of that type may carry.
ALLOWED_TYPES: dict[str, tuple[str, ...]] = {
    "image/png": (".png",),
    "image/jpeg": (".jpg", ".jpeg"),
    "image/gif": (".gif",),
    "image/webp": (".webp",),
    "image/heic": (".heic",),
    "application/pdf": (".pdf",),
    "video/mp4": (".mp4", ".m4v"),
    "video/quicktime": (".mov",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (
        ".docx",
    ),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": (".xlsx",),
    "text/plain": (".txt", ".log"),
    "text/csv": (".csv",),
}
TEXT_TYPES = {".txt": "text/plain", ".log": "text/plain", ".csv": "text/csv"}
SNIFF_BYTES = 8192


def max_bytes() -> int:
    return getattr(settings, "HUB_ATTACHMENT_MAX_BYTES", DEFAULT_MAX_BYTES)


def max_files() -> int:
    return getattr(settings, "HUB_ATTACHMENT_MAX_FILES", DEFAULT_MAX_FILES)


@dataclass(frozen=True)
class CheckedUpload:
    file: object
    name: str
    content_type: str
    size: int


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the sniff boundary is still text.
        return exc.start >= len(head) - 3
    return True


def check_upload(upload) -> CheckedUpload:
    """Validate one uploaded file or raise ApplicationError naming the file."""
    name = get_valid_filename(PurePosixPath(upload.name or "file").name)[:200] or "file"
    limit = max_bytes()
    if upload.size > limit:
        raise ApplicationError(
            _("%(name)s is too large (%(size)s MB; the limit is %(limit)s MB).")
            % {
                "name": name,
                "size": round(upload.size / 1_048_576, 1),
                "limit": round(limit / 1_048_576, 1),
            },
            extra={"fields": {"attachments": [_("File too large.")]}},
        )
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    suffix = PurePosixPath(name).suffix.lower()
    kind = filetype.guess(head)
    if kind is not None:
        content_type = kind.mime
    elif suffix in TEXT_TYPES and _looks_like_text(head):
        content_type = TEXT_TYPES[suffix]
    else:
        content_type = None
    if content_type not in ALLOWED_TYPES or suffix not in ALLOWED_TYPES[content_type]:
        raise ApplicationError(
            _(
                "%(name)s is not an allowed file type. Attach images, PDF, "
                "screen recordings (MP4, MOV), Word or Excel documents, or text/CSV."
            )
            % {"name": name},
            extra={"fields": {"attachments": [_("File type not allowed.")]}},
        )
    return CheckedUpload(
        file=upload, name=name, content_type=content_type, size=upload.size
    )


def check_uploads(uploads) -> list[CheckedUpload]:
    uploads = list(uploads or [])
    if len(uploads) > max_files():
        raise ApplicationError(
            _("Attach at most %(n)s files at a time.") % {"n": max_files()},
            extra={"fields": {"attachments": [_("Too many files.")]}},
        )
    return [check_upload(upload) for upload in uploads]
