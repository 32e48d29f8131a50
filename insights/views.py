"""Weekly update and the product feedback board (agency managers), recurring
questions (staff)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core import charts
from core.exceptions import ApplicationError
from hub.decorators import manager_required, staff_required
from insights import exports, selectors, services
from insights.filters import FeedbackFilter
from insights.forms import (
    FeedbackItemForm,
    FeedbackLinkForm,
    FeedbackStatusForm,
    WeekForm,
)
from insights.models import FeedbackItem, RecurringGroup, SearchGap
from insights.selectors.workflow import workflow_charts


@manager_required
@require_GET
def weekly_view(request):
    week_form = WeekForm(request.GET)
    if not week_form.is_valid() and week_form.has_error("week", "future"):
        # no figures exist for a week that has not started: go to this week
        messages.info(request, _("That week has not started yet; here is this week."))
        query = request.GET.copy()
        query.pop("week", None)
        return redirect(f"{reverse('insights:weekly')}?{query.urlencode()}")
    if not week_form.is_valid():
        week_form = WeekForm({})
        week_form.is_valid()
        messages.warning(request, _("That is not a week; showing this week."))
    week = week_form.cleaned_data["week"]
    page = selectors.weekly_page(week=week, params=request.GET)
    update = page["update"]
    if request.GET.get("format") == "csv":
        return exports.weekly_csv(update)
    volume = update["volume"]
    context = {
        **page,
        "volume_chart": charts.line_chart(
            _("Tickets opened and solved, last 8 weeks"),
            volume["labels"],
            {_("Opened"): volume["opened"], _("Solved"): volume["solved"]},
        ),
        "categories_chart": charts.bar_chart(
            _("Top categories this week"),
            [row["name"] for row in update["categories"]["rows"]],
            [row["count"] for row in update["categories"]["rows"]],
        ),
        "sla_chart": _sla_chart(update["sla"]),
        "workflow_charts": workflow_charts(update.get("workflow")),
    }
    return render(request, "insights/weekly_update.html", context)


def _sla_chart(sla: dict | None):
    """Attainment by priority (first response and resolution), when measured."""
    rows = [
        row
        for row in (sla or {}).get("by_priority", [])
        if row["first_response_total"] or row["resolution_total"]
    ]
    if not rows:
        return None
    return charts.grouped_bar_chart(
        _("Within target this week by priority (%)"),
        [row["label"] for row in rows],
        {
            _("First response"): [row["first_response_pct"] for row in rows],
            _("Resolution"): [row["resolution_pct"] for row in rows],
        },
        unit="%",
    )


@staff_required
@require_GET
def recurring_view(request):
    groups = list(selectors.recurring_group_list())
    gaps = selectors.search_gap_page(number=request.GET.get("page"))
    return render(
        request, "insights/recurring_list.html", {"groups": groups, "gaps": gaps}
    )


@staff_required
@require_POST
def recurring_draft_view(request, pk: int):
    group = get_object_or_404(RecurringGroup, pk=pk)
    try:
        article = services.recurring_group_draft_article(
            group=group, actor=request.user
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("insights:recurring")
    messages.success(request, _("Draft article created; finish it here."))
    return redirect(reverse("admin:faq_article_change", args=[article.pk]))


@staff_required
@require_POST
def search_gap_draft_view(request, pk: int):
    gap = get_object_or_404(SearchGap, pk=pk)
    try:
        article = services.search_gap_draft_article(gap=gap, actor=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("insights:recurring")
    messages.success(request, _("Draft article created; finish it here."))
    return redirect(reverse("admin:faq_article_change", args=[article.pk]))


@manager_required
@require_GET
def feedback_view(request):
    filterset = FeedbackFilter(request.GET, queryset=FeedbackItem.objects.none())
    board = selectors.feedback_board(filters=request.GET)
    return render(
        request,
        "insights/feedback_board.html",
        {
            **board,
            "filter": filterset,
            "create_form": FeedbackItemForm(),
            "status_choices": FeedbackItem.Status.choices,
        },
    )


@manager_required
@require_GET
def feedback_export_view(request):
    return exports.feedback_csv(selectors.feedback_items(filters=request.GET))


def _form_errors(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


@manager_required
@require_POST
def feedback_create_view(request):
    form = FeedbackItemForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect("insights:feedback")
    try:
        area = form.cleaned_data["area"]
        if form.cleaned_data["new_area"]:
            area = services.product_area_get_or_create(
                name=form.cleaned_data["new_area"], actor=request.user
            )
        services.feedback_item_create(
            actor=request.user,
            title=form.cleaned_data["title"],
            area=area,
            references=form.references(),
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Added to the board."))
    return redirect("insights:feedback")


@manager_required
@require_POST
def feedback_status_view(request, pk: int):
    item = get_object_or_404(FeedbackItem, pk=pk)
    form = FeedbackStatusForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect("insights:feedback")
    new_status = form.cleaned_data["status"]
    warnings = selectors.feedback_status_warnings(item=item, status=new_status)
    if warnings and request.POST.get("confirmed") != "1":
        # a new status e-mails the networks asking: say who, and ask first
        return render(
            request,
            "insights/feedback_status_confirm.html",
            {
                "item": item,
                "status": new_status,
                "status_label": FeedbackItem.Status(new_status).label,
                "note": form.cleaned_data["note"],
                "warnings": warnings,
            },
        )
    try:
        services.feedback_item_set_status(
            item=item,
            actor=request.user,
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Status changed; the networks asking are told."))
    return redirect("insights:feedback")


@manager_required
@require_POST
def feedback_link_view(request, pk: int):
    item = get_object_or_404(FeedbackItem, pk=pk)
    form = FeedbackLinkForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect("insights:feedback")
    try:
        services.feedback_item_link(
            item=item, actor=request.user, references=form.references()
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("insights:feedback")
