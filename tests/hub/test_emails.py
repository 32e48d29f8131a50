"""Issue 14, finding 12: e-mail subjects showed HTML entities (``Creator&#x27;s``).
Subjects and text bodies are plain text; only the HTML part is escaped."""

from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings

from hub.emails import render_email, render_subject

TEXT = 'Creator\'s "LIVE" & <Co>'
ROOT = Path(settings.BASE_DIR)


class _Value:
    """Whatever a template asks of it (``x``, ``x.y``, ``x.0``), it is ``TEXT``."""

    def __str__(self):
        return TEXT

    def __getattr__(self, name):
        return self

    def __getitem__(self, key):
        return self


class _AnyName(dict):
    """A context in which every name is ``_Value()``, unless given."""

    def __contains__(self, key):
        return True

    def __getitem__(self, key):
        return super().get(key, _Value())


# names a filter or a plural needs of a real type (``period.start|date``)
REAL = {
    "period": SimpleNamespace(start=date(2026, 3, 1)),
    "volume": SimpleNamespace(this_week=2),  # a plural's count is a number
}


def _subject_templates() -> list[str]:
    return [
        path.name.removesuffix(".subject.txt")
        for path in sorted((ROOT / "templates/emails").glob("*.subject.txt"))
    ]


def test_every_email_template_lives_in_the_one_tree():
    trees = [
        str(path.relative_to(ROOT))
        for path in ROOT.glob("**/templates/emails")
        if ".venv" not in path.parts and "node_modules" not in path.parts
    ]
    assert trees == ["templates/emails"]


def test_there_are_subject_templates_to_check():
    assert {"ticket_reply", "onboarding_announcement", "feedback_status"} <= set(
        _subject_templates()
    )


@pytest.mark.parametrize("template", _subject_templates())
def test_no_subject_escapes_html(template):
    subject = render_subject(template, _AnyName(REAL))
    for entity in ("&#x27;", "&quot;", "&amp;", "&lt;", "&gt;"):
        assert entity not in subject, subject
    assert "\n" not in subject


def test_a_ticket_e_mail_reads_as_typed_in_subject_and_text_but_not_html():
    subject, text, html = render_email(
        "ticket_reply",
        {
            "reference": "HUB-000001",
            "subject": TEXT,
            "body": TEXT,
            "name": "Ana",
            "url": "http://hub.example/t",
        },
    )
    assert subject == f"[HUB-000001] New reply: {TEXT}"
    assert "&#x27;" not in text and "&amp;" not in text
    assert html is None or "<Co>" not in html  # the HTML part stays escaped
