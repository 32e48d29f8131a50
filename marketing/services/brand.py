"""The brand kit: assets, their versions (checked files), retiring, downloads."""

from pathlib import PurePosixPath

import filetype
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from audit.services import audit_record
from hub import permissions as access
from hub.exceptions import ApplicationError
from marketing.models import (
    BrandAsset,
    BrandAssetVersion,
)

# --- brand kit --------------------------------------------------------------------

BRAND_MAX_BYTES = 50 * 1024 * 1024
# detected extension → accepted file-name suffixes
BRAND_BINARY = {
    "png": (".png",),
    "jpg": (".jpg", ".jpeg"),
    "gif": (".gif",),
    "webp": (".webp",),
    "pdf": (".pdf",),
    "zip": (".zip",),
    "mp4": (".mp4",),
    "mov": (".mov",),
    "woff": (".woff",),
    "woff2": (".woff2",),
    "ttf": (".ttf",),
    "otf": (".otf",),
}
BRAND_TEXT = {
    ".svg": "image/svg+xml",
    ".txt": "text/plain",
    ".ase": "application/octet-stream",
}


def check_brand_file(file) -> tuple[str, str]:
    """(safe name, content type) of an upload, judged by its content; HTML refused.

    SVG is accepted (logos) but, like every brand file, only ever downloaded as an
    attachment, never shown inline (it can carry scripts)."""
    name = get_valid_filename(PurePosixPath(file.name or "file").name)[:200] or "file"
    suffix = PurePosixPath(name).suffix.lower()
    refused = ApplicationError(
        _(
            "%(name)s is not an accepted brand file (images, SVG, PDF, fonts, ZIP, MP4, MOV)."
        )
        % {"name": name},
        extra={"fields": {"file": [_("Type not accepted.")]}},
    )
    if file.size > BRAND_MAX_BYTES:
        raise ApplicationError(
            _("Brand files may be at most 50 MB."),
            extra={"fields": {"file": [_("Too large.")]}},
        )
    file.seek(0)
    head = file.read(8192)
    file.seek(0)
    kind = filetype.guess(head)
    if kind is not None:
        if suffix not in BRAND_BINARY.get(kind.extension, ()):
            raise refused
        return name, kind.mime
    if suffix not in BRAND_TEXT or b"\x00" in head:
        raise refused
    lowered = head.lower()
    if b"<html" in lowered or b"<!doctype html" in lowered:
        raise refused
    if suffix == ".svg" and b"<svg" not in lowered:
        raise refused
    return name, BRAND_TEXT[suffix]


def _add_version(*, asset: BrandAsset, actor, file) -> BrandAssetVersion:
    name, content_type = check_brand_file(file)
    last = (
        asset.versions.order_by("-number").values_list("number", flat=True).first() or 0
    )
    asset.versions.filter(is_current=True).update(is_current=False)
    return BrandAssetVersion.objects.create(
        asset=asset,
        number=last + 1,
        file=file,
        name=name,
        content_type=content_type,
        size=file.size,
        is_current=True,
        uploaded_by=actor,
    )


@transaction.atomic
def brand_asset_create(*, actor, file, regions=(), networks=(), **fields) -> BrandAsset:
    access.require_manager(actor)
    asset = BrandAsset.objects.create(created_by=actor, **fields)
    asset.regions.set(regions)
    asset.networks.set(networks)
    _add_version(asset=asset, actor=actor, file=file)
    audit_record(actor=actor, action="brand_asset.create", obj=asset)
    return asset


@transaction.atomic
def brand_version_add(*, asset: BrandAsset, actor, file) -> BrandAssetVersion:
    """A new version becomes current; the older ones are kept."""
    access.require_manager(actor)
    asset = BrandAsset.objects.select_for_update().get(pk=asset.pk)
    version = _add_version(asset=asset, actor=actor, file=file)
    audit_record(
        actor=actor,
        action="brand_asset.version",
        obj=asset,
        changes={"version": [None, version.number]},
    )
    return version


@transaction.atomic
def brand_version_retire(*, version: BrandAssetVersion, actor) -> BrandAssetVersion:
    """Retired versions stay listed for staff but are no longer offered; when the
    current one retires, the newest version left becomes current."""
    access.require_manager(actor)
    BrandAsset.objects.select_for_update().get(pk=version.asset_id)
    version = BrandAssetVersion.objects.get(pk=version.pk)
    if version.retired_at is not None:
        return version
    was_current = version.is_current
    version.retired_at = timezone.now()
    version.is_current = False
    version.save(update_fields=["retired_at", "is_current"])
    if was_current:
        successor = (
            BrandAssetVersion.objects.filter(
                asset_id=version.asset_id, retired_at__isnull=True
            )
            .order_by("-number")
            .first()
        )
        if successor is not None:
            successor.is_current = True
            successor.save(update_fields=["is_current"])
    audit_record(
        actor=actor,
        action="brand_asset.retire",
        obj=version.asset,
        changes={"retired": [None, version.number]},
    )
    return version


def brand_version_downloaded(*, version: BrandAssetVersion) -> None:
    BrandAssetVersion.objects.filter(pk=version.pk).update(
        download_count=F("download_count") + 1
    )
