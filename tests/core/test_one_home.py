"""Rules with one home stay in it: a copy written elsewhere fails here."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# every top-level app (a folder with an apps.py): a new app is checked too
APPS = sorted(path.parent.name for path in ROOT.glob("*/apps.py"))


def test_every_app_is_checked():
    assert {"core", "hub", "marketing", "programmes", "webhooks", "inbound"} <= set(
        APPS
    )


def sources():
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path, ast.parse(path.read_text())


def calls(tree, names: set[str]):
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and f"{node.func.value.id}.{node.func.attr}" in names
        ):
            yield node.lineno, f"{node.func.value.id}.{node.func.attr}"


def test_every_csv_is_written_by_hub_csvfile():
    writers = {"csv.writer", "csv.DictWriter"}
    found = [
        f"{path.relative_to(ROOT)}:{line} {name}"
        for path, tree in sources()
        if path.relative_to(ROOT).as_posix() != "core/csvfile.py"
        for line, name in calls(tree, writers)
    ]
    assert found == []


def test_iso_weeks_are_computed_by_core_periods_only():
    found = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path, tree in sources()
        if path.relative_to(ROOT).as_posix() != "core/periods.py"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and node.attr in ("isocalendar", "fromisocalendar")
    ]
    assert found == []


def test_only_core_db_branches_on_the_database_engine_for_figures():
    # medians and other figures are spelled once per engine in core/db.py; the
    # remaining vendor checks are infrastructure (paginator counts, health, search)
    allowed = {
        "core/db.py",
        "core/paginator.py",
        "hub/views.py",
        "faq/search.py",
        "tickets/seeding.py",
    }
    found = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path, tree in sources()
        if path.relative_to(ROOT).as_posix() not in allowed
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr == "vendor"
    ]
    assert found == []


def test_dialect_branches_live_in_faq_search_and_querysets_beside_the_models():
    # a selector or filter that needs PostgreSQL's own SQL calls a QuerySet method
    # (``ArticleQuerySet.search``, ``TicketQuerySet.matching_text``)
    def is_models_file(relative: Path) -> bool:
        return relative.name == "models.py" or "models" in relative.parts[:-1]

    found = [
        f"{relative}:{node.lineno}"
        for path, tree in sources()
        if (relative := path.relative_to(ROOT)).as_posix() != "faq/search.py"
        and not is_models_file(relative)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and "using_postgres"
        in (getattr(node.func, "id", None), getattr(node.func, "attr", None))
    ]
    assert found == []


def test_core_imports_no_app():
    # core/ is the shared infrastructure every app may use (issue 16's split of
    # hub/): an import of an app from it would put a domain under the layer
    apps = {
        "audit",
        "campaigns",
        "emails",
        "faq",
        "hub",
        "inbound",
        "insights",
        "marketing",
        "onboarding",
        "programmes",
        "tickets",
        "webhooks",
    }
    found = []
    for path in (ROOT / "core").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            else:
                continue
            found += [
                f"{path.relative_to(ROOT)}:{node.lineno} {name}"
                for name in names
                if name.split(".")[0] in apps
            ]
    assert found == []
