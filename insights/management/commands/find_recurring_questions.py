"""Group recent tickets into recurring questions now (what the nightly job does)."""

import json
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from insights import recurring, services

DATA = Path(settings.BASE_DIR) / "tests" / "insights" / "data"
SETS = {
    "labelled": DATA / "labelled_tickets.json",
    "paraphrase": DATA / "paraphrase_tickets.json",
    "dev": DATA / "dev_tickets.json",
    # tuning too: related-but-not-answering articles, for the answered-by call
    "negatives": DATA / "negatives_tickets.json",
    "heldout": DATA / "heldout_tickets.json",
    "heldout2": DATA / "heldout2_tickets.json",
}
HELDOUT_SETS = ("heldout", "heldout2")
TOPIC_ARTICLES = DATA / "topic_articles.json"
RESULTS = Path(settings.BASE_DIR) / "benchmarks" / ".work" / "recurring.json"
SHOWN = (
    "tickets",
    "topics",
    "groups_of_3_or_more",
    "ari",
    "purity",
    "coverage",
    "answered_by_precision",
    "answered_groups",
)


def load_items(path: Path) -> list[dict]:
    """A labelled set: a JSON list of ``{topic, subject, description[, lang]}``."""
    try:
        items = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CommandError(f"{path}: cannot read a JSON list ({error}).") from error
    if not isinstance(items, list) or not all(
        isinstance(i, dict) and i.get("topic") and i.get("subject") for i in items
    ):
        raise CommandError(f"{path}: each item needs a topic and a subject.")
    return items


def topic_articles() -> dict:
    """Topic → slugs of the demo articles that answer it, from topic_articles.json
    (written with article titles), for sets without an answers file of their own."""
    from django.utils.text import slugify

    if not TOPIC_ARTICLES.exists():
        return {}
    return {
        topic: [slugify(title) for title in titles]
        for topic, titles in json.loads(TOPIC_ARTICLES.read_text()).items()
        if not topic.startswith("_")
    }


def answers_for(path: Path) -> dict:
    """The answered-by truth of a labelled set: ``<name>_answers.json`` beside
    ``<name>_tickets.json`` (topic → slug, list of slugs or null), else
    ``topic_articles()``."""
    path = Path(path)
    own = path.with_name(path.name.replace("_tickets.json", "_answers.json"))
    if own != path and own.exists():
        try:
            return json.loads(own.read_text(encoding="utf-8"))
        except ValueError as error:
            raise CommandError(f"{own}: not JSON ({error}).") from error
    return topic_articles()


class Command(BaseCommand):
    help = "Group the last weeks' tickets by meaning into recurring questions."

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
            help="Measure the grouping (ARI, purity, coverage, answered-by precision) "
            "on the tuning sets (labelled, paraphrase, dev, negatives) and (when "
            "present) the two held-out sets and write "
            "the figures to benchmarks/.work/recurring.json; no regrouping.",
        )
        parser.add_argument(
            "--evaluate-file",
            action="append",
            default=[],
            metavar="PATH",
            help="Measure on this labelled file too (same format); repeatable.",
        )

    def handle(self, *args, weeks=None, evaluate=False, evaluate_file=(), **options):
        if evaluate or evaluate_file:
            self.evaluate(evaluate, evaluate_file)
            return
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

    def evaluate(self, standard: bool, files) -> None:
        sets = {}
        if standard:
            sets = {name: path for name, path in SETS.items() if path.exists()}
        for path in files:
            sets[Path(path).name] = Path(path)
        figures = {}
        for name, path in sets.items():
            started = time.monotonic()
            result = recurring.evaluate(load_items(path), answers=answers_for(path))
            result["seconds"] = round(time.monotonic() - started, 2)
            figures[name] = result
            self.stdout.write(
                f"{name}: " + ", ".join(f"{k} = {result[k]}" for k in SHOWN)
            )
        for name in HELDOUT_SETS if standard else ():
            if not SETS[name].exists():
                self.stdout.write(f"{name}: {SETS[name]} not present.")
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(figures, indent=2) + "\n")
