"""Ticket attachments: which kinds a ticket takes, how many and how large (the
check itself is ``core.uploads``: type by content, not by the file's name)."""

from dataclasses import replace

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.exceptions import ApplicationError
from core.uploads import CheckedUpload, FileKinds
from core.uploads import check_upload as _check

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_FILES = 5

# Types a browser draws as an <img>: the ticket page shows these as thumbnails.
THUMBNAIL_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp"})

# Detected MIME type → extensions a file of that type may carry (text: below).
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
}
ATTACHMENT_KINDS = FileKinds(
    binary=ALLOWED_TYPES,
    text={".txt": "text/plain", ".log": "text/plain", ".csv": "text/csv"},
    max_bytes=DEFAULT_MAX_BYTES,  # HUB_ATTACHMENT_MAX_BYTES, read at each check
    field="attachments",
    too_large=gettext_lazy(
        "%(name)s is too large (%(size)s MB; the limit is %(limit)s MB)."
    ),
    too_large_short=gettext_lazy("File too large."),
    refused=gettext_lazy(
        "%(name)s is not an allowed file type. Attach images, PDF, "
        "screen recordings (MP4, MOV), Word or Excel documents, or text/CSV."
    ),
    refused_short=gettext_lazy("File type not allowed."),
)


def max_bytes() -> int:
    return getattr(settings, "HUB_ATTACHMENT_MAX_BYTES", DEFAULT_MAX_BYTES)


def max_files() -> int:
    return getattr(settings, "HUB_ATTACHMENT_MAX_FILES", DEFAULT_MAX_FILES)


def check_upload(upload) -> CheckedUpload:
    """Validate one uploaded file or raise ApplicationError naming the file."""
    return _check(upload, replace(ATTACHMENT_KINDS, max_bytes=max_bytes()))


def check_uploads(uploads) -> list[CheckedUpload]:
    uploads = list(uploads or [])
    if len(uploads) > max_files():
        raise ApplicationError(
            _("Attach at most %(n)s files at a time.") % {"n": max_files()},
            extra={"fields": {"attachments": [_("Too many files.")]}},
        )
    return [check_upload(upload) for upload in uploads]
