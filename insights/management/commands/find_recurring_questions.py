"""Group recent tickets into recurring questions now (what the nightly job does)."""

import json
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from insights import recurring, services

LABELLED = (
    Path(settings.BASE_DIR) / "tests" / "insights" / "data" / "labelled_tickets.json"
)
RESULTS = Path(settings.BASE_DIR) / "benchmarks" / ".work" / "recurring.json"


class Command(BaseCommand):
    help = "Group the last weeks' tickets by similarity into recurring questions."

    def add_arguments(self, parser):
        parser.add_argument(
            "--weeks",
            type=int,
            default=None,
            help=f"How many weeks back (default {settings.HUB_RECURRING_WEEKS}).",
        )
        parser.add_argument(
            "--evaluate",
            action="store_true",
            help="Also measure the grouping on the labelled tickets (ARI, purity) "
            "and write the figures to benchmarks/.work/recurring.json.",
        )

    def handle(self, *args, weeks=None, evaluate=False, **options):
        started = time.monotonic()
        groups = services.recurring_groups_compute(weeks=weeks)
        elapsed = time.monotonic() - started
        for group in groups[:20]:
            answered = f" → {group.article.slug}" if group.article_id else ""
            self.stdout.write(
                f"{group.size:>5} tickets {group.network_count:>4} networks  "
                f"{group.label}{answered}"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Found {len(groups)} recurring questions in {elapsed:.2f} s."
            )
        )
        if evaluate:
            items = json.loads(LABELLED.read_text())
            started = time.monotonic()
            figures = recurring.evaluate(items)
            figures["evaluate_seconds"] = round(time.monotonic() - started, 3)
            figures["groups_found"] = len(groups)
            figures["grouping_seconds"] = round(elapsed, 2)
            RESULTS.parent.mkdir(parents=True, exist_ok=True)
            RESULTS.write_text(json.dumps(figures, indent=2) + "\n")
            self.stdout.write(
                "Labelled set: "
                + ", ".join(f"{key} = {value}" for key, value in figures.items())
            )
