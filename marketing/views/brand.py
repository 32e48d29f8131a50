"""The brand kit: browse and download (networks), upload and retire (managers)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.exceptions import ApplicationError
from core.forms import form_add_service_error
from hub import permissions as access
from hub.decorators import manager_required, member_or_staff_required
from marketing import selectors, services
from marketing.forms import BrandAssetForm, BrandVersionForm


@member_or_staff_required
def asset_list_view(request):
    assets = list(selectors.brand_asset_list(user=request.user))
    for asset in assets:
        asset.current = asset.current_versions[0] if asset.current_versions else None
    return render(
        request,
        "marketing/asset_list.html",
        {"assets": assets, "can_manage": access.is_manager(request.user)},
    )


@manager_required
def asset_create_view(request):
    form = BrandAssetForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            asset = services.brand_asset_create(
                actor=request.user,
                file=data["file"],
                title=data["title"],
                kind=data["kind"],
                usage_notes=data["usage_notes"],
                tiers=form.tiers(),
                regions=data["regions"],
                networks=data["networks"],
            )
            messages.success(request, _("Brand asset added."))
            return redirect(asset.get_absolute_url())
        except ApplicationError as exc:
            form_add_service_error(form, exc)
    return render(request, "marketing/asset_form.html", {"form": form})


@login_required
def asset_detail_view(request, pk):
    asset = selectors.brand_asset_get(user=request.user, pk=pk)
    form = BrandVersionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:  # the service refuses anyone but a manager
            services.brand_version_add(
                asset=asset, actor=request.user, file=form.cleaned_data["file"]
            )
            messages.success(request, _("New version uploaded; it is now current."))
            return redirect(asset.get_absolute_url())
        except ApplicationError as exc:
            form_add_service_error(form, exc)
    return render(
        request,
        "marketing/asset_detail.html",
        {
            "asset": asset,
            "versions": selectors.brand_versions(asset=asset, user=request.user),
            "form": form,
            "can_manage": access.is_manager(request.user),
        },
    )


def _download(version):
    services.brand_version_downloaded(version=version)
    response = FileResponse(
        version.file.open("rb"),
        as_attachment=True,  # never inline: SVG and friends can carry scripts
        filename=version.name,
        content_type=version.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response


@login_required
def asset_download_view(request, pk):
    asset = selectors.brand_asset_get(user=request.user, pk=pk)
    if asset.current is None:
        raise Http404
    return _download(asset.current)


@login_required
def version_download_view(request, pk):
    return _download(selectors.brand_version_get(user=request.user, pk=pk))


@require_POST
@manager_required
def version_retire_view(request, pk):
    version = selectors.brand_version_get(user=request.user, pk=pk)
    services.brand_version_retire(version=version, actor=request.user)
    messages.success(request, _("Version %(n)s retired.") % {"n": version.number})
    return redirect(version.asset.get_absolute_url())
