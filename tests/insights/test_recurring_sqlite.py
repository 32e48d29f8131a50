"""Recurring questions on the embedded default (SQLite, tasks in-process): the
embedding cache table and the grouping work there as on PostgreSQL."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import django
django.setup()
from insights import embeddings, recurring
from insights.models import EmbeddingCache
rows = [
    (1, "Payout not received", "The monthly payout never reached the bank.", 1),
    (2, "Where is my payout?", "Creator still waits for last month's money.", 2),
    (3, "pembayaran belum masuk", "Pembayaran kreator belum masuk ke rekening.", 1),
    (4, "Forgot my password", "I cannot log in, the reset e-mail never came.", 1),
    (5, "Password reset not working", "The reset link says expired.", 2),
    (6, "cant login", "Login fails after I changed my password.", 1),
]
groups = recurring.find_groups(rows)
cached = EmbeddingCache.objects.count()
def no_model(*args, **kwargs):
    raise AssertionError("embedded again")
embeddings.embed = no_model
again = recurring.find_groups(rows)
print(sorted(sorted(g.ticket_ids) for g in groups), cached,
      [g.ticket_ids for g in again] == [g.ticket_ids for g in groups])
"""


def test_grouping_runs_on_the_embedded_sqlite_default(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "CELERY_BROKER_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="hub.settings.local",
        DATABASE_URL=f"sqlite:///{tmp_path / 'hub.sqlite3'}",
    )

    def run(args):
        result = subprocess.run(
            [sys.executable, *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout.strip()

    run(["manage.py", "migrate", "--verbosity", "0"])
    output = run(["-c", SCRIPT])
    assert output.splitlines()[-1] == "[[1, 2, 3], [4, 5, 6]] 6 True"
