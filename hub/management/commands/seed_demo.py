"""``python manage.py seed_demo``: demo networks, people and content; idempotent."""

import importlib.util
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string


class Command(BaseCommand):
    help = (
        "Create the demo networks, accounts, tickets, articles, campaigns and onboarding "
        "(running it twice changes nothing). Volume options add benchmark data."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--tickets", type=int, default=0, help="Add N tickets in bulk."
        )
        parser.add_argument(
            "--articles", type=int, default=0, help="Add N articles in bulk."
        )
        parser.add_argument(
            "--networks", type=int, default=0, help="Ensure N benchmark networks."
        )
        parser.add_argument(
            "--members", type=int, default=0, help="Ensure N benchmark network members."
        )

    def handle(self, *args, **options):
        started = time.monotonic()
        for dotted in settings.HUB_DEMO_SEEDERS:
            if importlib.util.find_spec(dotted.rpartition(".")[0]) is None:
                continue  # that capability has no demo data (yet)
            step = time.monotonic()
            import_string(dotted)(options, self._progress)
            self._progress(f"({dotted}: {time.monotonic() - step:.1f}s)")
        self.stdout.write(
            self.style.SUCCESS(f"Demo data ready in {time.monotonic() - started:.1f}s.")
        )
        self.stdout.write("Sign in at http://127.0.0.1:8000/accounts/login/ with:")
        from hub.demo import DEMO_PASSWORD, PEOPLE, STAFF

        for email, _name, role in STAFF:
            self.stdout.write(f"  {email:<28} {role}")
        for email, _name, network, role in PEOPLE:
            self.stdout.write(f"  {email:<28} {role} of {network}")
        self.stdout.write(f"Password for all: {DEMO_PASSWORD}")

    def _progress(self, line: str) -> None:
        self.stdout.write(f"  {line}")
        self.stdout.flush()
