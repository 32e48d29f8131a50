"""CSV exports: the weekly update and the feedback board (for product teams).

Written by ``core.csvfile``, which neutralises spreadsheet formulas in every cell.
"""

from django.http import HttpResponse

from core.csvfile import csv_response as _response
from insights.selectors.workflow import workflow_csv_rows


def weekly_csv(update: dict) -> HttpResponse:
    week = update["week"]
    response, writer = _response(f"weekly-update-{week}.csv")
    writer.writerow(["section", "key", "value"])
    volume = update["volume"]
    for label, opened, solved in zip(
        volume["weeks"], volume["opened"], volume["solved"], strict=True
    ):
        writer.writerow(["volume", f"{label} opened", opened])
        writer.writerow(["volume", f"{label} solved", solved])
    for row in update["categories"]["rows"]:
        writer.writerow(["top categories", row["name"], row["count"]])
    for group in update["recurring"]["groups"]:
        writer.writerow(["recurring questions", group.label, group.size])
    faq = update["faq"]
    for key in ("opened", "solved", "filed", "deflection_rate"):
        writer.writerow(["faq deflection", key, faq[key]])
    for article in faq["top_articles"]:
        writer.writerow(["faq views", article["title"], article["view_count"]])
    for figure in (update.get("campaigns") or {}).get("figures", []):
        key = f"{figure['campaign'].name}: {figure['label']}"
        writer.writerow(["campaigns", key, figure["value"]])
    _service_rows(writer, update.get("sla"))
    for key, value in (update.get("onboarding") or {}).items():
        writer.writerow(["onboarding", key, value])
    writer.writerows(workflow_csv_rows(update.get("workflow")))
    return response


SERVICE_FIGURES = (
    "first_response_median_hours",
    "first_response_count",
    "resolution_median_hours",
    "resolution_count",
    "first_response_met",
    "first_response_total",
    "first_response_pct",
    "resolution_met",
    "resolution_total",
    "resolution_pct",
)
SATISFACTION_FIGURES = (
    "satisfaction_count",
    "satisfaction_average",
    "satisfaction_positive_pct",
)


def _service_rows(writer, sla: dict | None) -> None:
    """Medians (business hours), attainment overall and by priority, satisfaction;
    an empty cell where there was nothing to measure."""
    if not sla:
        return
    for key in SERVICE_FIGURES:
        writer.writerow(["service", key, sla[key]])
    for row in sla["by_priority"]:
        for name in ("first_response", "resolution"):
            writer.writerow(
                [
                    "service by priority",
                    f"{row['key']} {name}_pct",
                    row[f"{name}_pct"],
                ]
            )
    for key in SATISFACTION_FIGURES:
        writer.writerow(["satisfaction", key, sla[key]])


def feedback_csv(items) -> HttpResponse:
    response, writer = _response("feedback-board.csv")
    writer.writerow(
        ["area", "title", "status", "networks asking", "tickets", "note", "updated"]
    )
    for item in items:
        writer.writerow(
            [
                item.area.name if item.area else "",
                item.title,
                item.status,
                item.network_count,
                item.ticket_count,
                item.note,
                item.updated_at.date().isoformat(),
            ]
        )
    return response
