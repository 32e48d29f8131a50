"""Brand kit: versions (one current, older kept), retire, content-checked uploads."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.exceptions import ApplicationError
from marketing import services
from marketing.models import BrandAssetVersion
from tests.marketing.factories import PNG

pytestmark = pytest.mark.django_db


def _png(name="logo.png", extra=b""):
    return SimpleUploadedFile(name, PNG + extra, content_type="image/png")


def _asset(manager, **kw):
    return services.brand_asset_create(
        actor=manager, file=_png(), title="Logo", kind="logo", **kw
    )


def test_a_new_version_becomes_current_and_older_ones_are_kept(manager):
    asset = _asset(manager)
    services.brand_version_add(asset=asset, actor=manager, file=_png(extra=b"v2"))
    versions = list(asset.versions.order_by("number"))
    assert [(v.number, v.is_current) for v in versions] == [(1, False), (2, True)]


def test_retiring_the_current_version_hands_over_to_the_newest_left(manager):
    asset = _asset(manager)
    v2 = services.brand_version_add(asset=asset, actor=manager, file=_png(extra=b"v2"))
    services.brand_version_retire(version=v2, actor=manager)
    current = BrandAssetVersion.objects.get(asset=asset, is_current=True)
    assert current.number == 1


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("page.html", b"<!doctype html><html><script>alert(1)</script></html>"),
        ("logo.png", b"<html>not a png</html>"),
        ("logo.svg", b"<!DOCTYPE html><html><svg></svg></html>"),
        ("tool.exe", b"MZ\x90\x00\x03\x00\x00\x00"),
    ],
)
def test_uploads_are_checked_by_content(manager, name, content):
    with pytest.raises(ApplicationError):
        services.brand_asset_create(
            actor=manager,
            file=SimpleUploadedFile(name, content),
            title="X",
            kind="logo",
        )


def test_only_managers_upload(intern):
    with pytest.raises(ApplicationError):
        services.brand_asset_create(actor=intern, file=_png(), title="X", kind="logo")


def test_a_network_downloads_the_current_logo_as_an_attachment(
    client_as, manager, member_a
):
    asset = _asset(manager)
    services.brand_version_add(
        asset=asset, actor=manager, file=_png("logo-2026.png", b"v2")
    )

    response = client_as(member_a).get(f"/brand/{asset.pk}/download/")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG + b"v2"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="logo-2026.png"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert (
        BrandAssetVersion.objects.get(asset=asset, is_current=True).download_count == 1
    )


def test_svg_is_never_served_inline(client_as, manager, member_a):
    svg = SimpleUploadedFile(
        "mark.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>'
    )
    asset = services.brand_asset_create(
        actor=manager, file=svg, title="Mark", kind="logo"
    )
    response = client_as(member_a).get(f"/brand/{asset.pk}/download/")
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"] == "sandbox"


def test_an_asset_for_another_network_answers_404(
    client_as, manager, network_a, member_b
):
    asset = _asset(manager, networks=[network_a])
    assert client_as(member_b).get(f"/brand/{asset.pk}/").status_code == 404
    assert client_as(member_b).get(f"/brand/{asset.pk}/download/").status_code == 404
    version = asset.versions.get()
    assert (
        client_as(member_b).get(f"/brand/versions/{version.pk}/download/").status_code
        == 404
    )


def test_retired_versions_are_hidden_from_networks(client_as, manager, member_a):
    asset = _asset(manager)
    v1 = asset.versions.get()
    services.brand_version_add(asset=asset, actor=manager, file=_png(extra=b"v2"))
    services.brand_version_retire(version=v1, actor=manager)
    assert (
        client_as(member_a).get(f"/brand/versions/{v1.pk}/download/").status_code == 404
    )
    assert (
        client_as(manager).get(f"/brand/versions/{v1.pk}/download/").status_code == 200
    )


@pytest.mark.parametrize("who", ["member_a", "intern"])
def test_only_a_manager_uploads_a_new_version_from_the_asset_page(
    client_as, manager, who, request
):
    # given an asset the person may see
    asset = _asset(manager)
    # when someone other than a manager posts a new version
    response = client_as(request.getfixturevalue(who)).post(
        f"/brand/{asset.pk}/", {"file": _png(extra=b"v2")}
    )
    # then the service refuses it onto the form (shown only to managers) and
    # nothing is added
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Only agency managers may do this."
    ]
    assert asset.versions.count() == 1
