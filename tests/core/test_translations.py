"""The shipped message catalogues are complete, current and load (SPEC §9).

``scripts/messages.py`` owns the rules; these tests run them on the real catalogues
and prove each rule can fail on a catalogue built to break it.
"""

import shutil

import pytest
from babel.messages.catalog import Catalog, Message
from django.test import override_settings
from django.utils import translation

from scripts import messages

SHIPPED = messages.LANGUAGES


@pytest.fixture(scope="module")
def source_template():
    return messages.extract_template()


@pytest.mark.parametrize("lang", SHIPPED)
def test_shipped_catalogue_has_every_msgid_translated_with_its_placeholders(lang):
    found = messages.problems(lang)

    assert found == [], "\n".join(found[:40])


@pytest.mark.parametrize("lang", SHIPPED)
def test_shipped_catalogue_is_current_with_the_marked_source(lang, source_template):
    # a string marked in the code but never extracted (or extracted and since
    # removed) fails here: run `make messages` and translate what it reports
    found = [p for p in messages.problems(lang, source_template) if "stale" in p]

    assert found == [], "\n".join(found[:40])


def test_extraction_reads_python_django_templates_and_jinja2_partials(source_template):
    ids = {messages.msgid_key(m)[1]: m for m in messages.messages(source_template)}

    # Jinja2 partial (templates/jinja2/tickets/queue_table.html), which Django's
    # makemessages cannot read
    assert "Select %(ref)s" in ids
    assert any(
        "templates/jinja2/" in path for path, _line in ids["Select %(ref)s"].locations
    )
    # a Django template {% blocktranslate count %} arrives with its plural
    plurals = [m for m in ids.values() if m.pluralizable]
    assert any(path.endswith(".html") for m in plurals for path, _line in m.locations)
    # Python code (a model's verbose_name through gettext_lazy)
    assert any(path.endswith(".py") for m in ids.values() for path, _ in m.locations)


def _message(msgid, msgstr, **kwargs):
    return Message(msgid, msgstr, **kwargs)


@pytest.mark.parametrize(
    ("msgid", "msgstr"),
    [
        ("Hello %(name)s", "Halo"),
        ("Hello %(name)s", "Halo %(nama)s"),
        ("%s replied", "membalas"),
        ("Read <a href='%(url)s'>the guide</a>", "Baca panduan di %(url)s"),
        ("Open {count} tickets", "Buka tiket"),
        ("%(pct)s%% solved", "%(pct)s% selesai"),
    ],
)
def test_placeholder_check_fails_on_a_dropped_or_renamed_placeholder(msgid, msgstr):
    assert messages.placeholder_problems(_message(msgid, msgstr), "id") != []


def test_placeholder_check_passes_a_faithful_translation():
    message = _message(
        "Read <a href='%(url)s'>the guide</a>, %(name)s",
        "Baca <a href='%(url)s'>panduannya</a>, %(name)s",
    )

    assert messages.placeholder_problems(message, "id") == []


def test_arabic_exact_number_forms_may_leave_out_the_count_only():
    ids = ("%(average)s/5 (%(n)s rating)", "%(average)s/5 (%(n)s ratings)")
    forms = ["%(average)s/5 (%(n)s تقييم)"] * 6
    forms[1] = "تقييم واحد"  # both fields gone: the average was lost with the count

    found = messages.placeholder_problems(_message(ids, tuple(forms)), "ar")

    assert found == [
        "form 1: %(average)s is missing",
        "form 1: %(n)s is missing",
    ]


def test_arabic_exact_number_forms_may_leave_the_count_out_but_others_may_not():
    ids = ("%(count)s ticket", "%(count)s tickets")
    good = ("لا تذاكر", "تذكرة واحدة", "تذكرتان", "%(count)s تذاكر", "%(count)s تذكرة")
    message = _message(ids, (*good, "%(count)s تذكرة"))
    broken = _message(ids, (*good, "تذاكر"))

    assert messages.placeholder_problems(message, "ar") == []
    assert messages.placeholder_problems(broken, "ar") == [
        "form 5: %(count)s is missing"
    ]


def test_completeness_check_reports_untranslated_fuzzy_and_stale_entries(
    tmp_path, monkeypatch
):
    # given a catalogue with one empty entry and one fuzzy one
    catalog = Catalog(locale="id", domain="django", fuzzy=False)
    catalog.add("Tickets", "Tiket")
    catalog.add("Queue", "")
    catalog.add("Reply", "Balas", flags=["fuzzy"])
    monkeypatch.setattr(messages, "LOCALE_DIR", tmp_path)
    messages.write_catalogue(catalog, messages.catalogue_path("id"))
    template = Catalog(domain="django")
    for msgid in ("Tickets", "Queue", "Reply", "Newly marked"):
        template.add(msgid)

    # when
    found = messages.problems("id", template)

    # then
    assert any("'Queue': untranslated" in line for line in found)
    assert any("'Reply': fuzzy" in line for line in found)
    assert any(
        "stale, not in the catalogue: ('', 'Newly marked')" in line for line in found
    )
    assert not any("'Tickets'" in line for line in found)


@pytest.fixture
def compiled_locale(tmp_path):
    """The shipped catalogues compiled the way make install and Docker do, served
    by Django's real translation machinery (USE_I18N on, whatever the settings)."""
    for lang in SHIPPED:
        target = tmp_path / lang / "LC_MESSAGES"
        target.mkdir(parents=True)
        shutil.copy(messages.catalogue_path(lang), target / "django.po")
    messages.compile_catalogues(sorted(tmp_path.glob("*/LC_MESSAGES/django.po")))
    languages = [
        ("en", "English"),
        ("id", "Indonesia"),
        ("zh-hans", "中文"),
        ("ar", "عربي"),
    ]
    # Django keeps the functions of the first USE_I18N it saw (Trans's docstring)
    translation._trans.__dict__.clear()
    with override_settings(USE_I18N=True, LANGUAGES=languages, LOCALE_PATHS=[tmp_path]):
        yield tmp_path
    translation._trans.__dict__.clear()


def test_todo_then_fill_translates_a_new_message_and_its_plural_forms(
    tmp_path, monkeypatch
):
    # given a catalogue with a newly extracted singular and plural message
    catalog = Catalog(locale="ar", domain="django", fuzzy=False)
    catalog.add("Queue")
    catalog.add(("%(n)s view", "%(n)s views"), ("", "", "", "", "", ""))
    monkeypatch.setattr(messages, "LOCALE_DIR", tmp_path)
    messages.write_catalogue(catalog, messages.catalogue_path("ar"))
    todo = messages.todo("ar").splitlines()
    assert len(todo) == 1 + 6

    # when each line's msgid is replaced by its translation
    answers = {
        "Queue": "قائمة الانتظار",
        "%(n)s view": "مشاهدة واحدة",
        "%(n)s views": "%(n)s مشاهدات",
    }
    table = "\n".join(
        f"{name}\t{answers[source]}"
        for name, source in (line.split("\t") for line in todo)
    )
    messages.fill("ar", table)

    # then nothing is left to do and the catalogue passes its checks
    assert messages.todo("ar") == ""
    assert messages.problems("ar") == []


@pytest.mark.parametrize(
    ("lang", "msgid", "expected"),
    [
        ("id", "Tickets", "Tiket"),
        ("zh-hans", "Tickets", "工单"),
        ("ar", "Tickets", "التذاكر"),
        ("en", "Tickets", "Tickets"),
    ],
)
def test_compiled_catalogue_loads_and_translates_a_ui_string(
    compiled_locale, lang, msgid, expected
):
    with translation.override(lang):
        assert translation.gettext(msgid) == expected


def test_compiled_catalogue_serves_plural_forms(compiled_locale):
    with translation.override("id"):
        text = translation.ngettext("%(n)s ticket", "%(n)s tickets", 3) % {"n": 3}

    assert text == "3 tiket"


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "لا تذاكر"),
        (1, "تذكرة واحدة"),
        (2, "تذكرتان"),
        (5, "5 تذاكر"),
        (11, "11 تذكرة"),
        (100, "100 تذكرة"),
    ],
)
def test_compiled_arabic_catalogue_uses_all_six_plural_forms(
    compiled_locale, n, expected
):
    with translation.override("ar"):
        text = translation.ngettext("%(n)s ticket", "%(n)s tickets", n) % {"n": n}

    assert text == expected


def test_plural_forms_header_is_checked(tmp_path, monkeypatch):
    catalog = Catalog(locale="ar", domain="django", fuzzy=False)
    catalog._num_plurals, catalog._plural_expr = 2, "(n != 1)"
    monkeypatch.setattr(messages, "LOCALE_DIR", tmp_path)
    messages.write_catalogue(catalog, messages.catalogue_path("ar"))

    assert any("Plural-Forms" in line for line in messages.problems("ar"))


def test_the_admin_speaks_too_our_labels_and_djangos_own(compiled_locale):
    from django.apps import apps

    from tickets.models import Ticket

    with translation.override("zh-hans"):
        # our app and model names, marked and translated here
        assert str(apps.get_app_config("tickets").verbose_name) == "工单"
        assert str(Ticket._meta.verbose_name_plural) == "工单"
        # the admin's own words come from Django's shipped catalogue
        assert translation.gettext("Log out") != "Log out"


# Labels a language keeps as they are in English (product names, and the glossary's
# loanwords); every other admin label must read differently from the English.
KEPT_AS_IN_ENGLISH = {
    "id": {"Message-ID", "URL", "slug", "data", "endpoint", "file", "item", "status"}
    | {"target"},
    "zh-hans": {"Message-ID", "URL", "slug"},
    "ar": {"Message-ID"},
}


def admin_models() -> list:
    """The hub's own models the admin shows: registered ones and their inlines
    (Django's, django-otp's and django-celery-beat's come with their catalogues)."""
    from django.contrib import admin

    shown = []
    for model, model_admin in admin.site._registry.items():
        for candidate in (model, *(inline.model for inline in model_admin.inlines)):
            if (
                candidate not in shown
                and not candidate._meta.app_config.name.startswith(("django", "otp"))
            ):
                shown.append(candidate)
    return shown


def untranslated_labels(fields, lang: str) -> list[str]:
    """Fields whose label is not marked for translation, or reads as the English
    in ``lang`` (unless ``lang`` keeps that word)."""
    from django.utils.functional import Promise

    found = []
    for field in fields:
        if not isinstance(field.verbose_name, Promise):
            found.append(f"{field}: {field.verbose_name!r} is not marked")
            continue
        with translation.override("en"):
            english = str(field.verbose_name)
        with translation.override(lang):
            shown = str(field.verbose_name)
        if shown == english and english not in KEPT_AS_IN_ENGLISH[lang]:
            found.append(f"{field}: {english!r} is English in {lang}")
    return found


def _admin_fields():
    return [
        field
        for model in admin_models()
        for field in (*model._meta.fields, *model._meta.many_to_many)
        if not field.auto_created
    ]


@pytest.mark.parametrize("lang", ["id", "zh-hans", "ar"])
def test_every_admin_field_label_is_translated(compiled_locale, lang):
    from tickets.models import Ticket

    fields = _admin_fields()
    # the sweep really covers the admin: every app's models, hundreds of fields
    assert Ticket in admin_models() and len(fields) > 400
    assert {f.model._meta.app_label for f in fields} >= {
        "hub",
        "tickets",
        "faq",
        "campaigns",
        "onboarding",
        "insights",
        "marketing",
        "programmes",
        "webhooks",
        "audit",
        "inbound",
    }

    found = untranslated_labels(fields, lang)

    assert found == [], "\n".join(found[:40])


def test_the_label_check_fails_on_an_unmarked_or_untranslated_label(compiled_locale):
    from django.db import models
    from django.utils.translation import gettext_lazy

    unmarked = models.CharField(max_length=5)
    unmarked.set_attributes_from_name("colour")  # Django's automatic "colour"
    untranslated = models.CharField(gettext_lazy("no such msgid"), max_length=5)
    untranslated.set_attributes_from_name("shade")
    kept = models.CharField(gettext_lazy("slug"), max_length=5)
    kept.set_attributes_from_name("slug")

    found = untranslated_labels([unmarked, untranslated, kept], "zh-hans")

    assert len(found) == 2
    assert "not marked" in found[0] and "English in zh-hans" in found[1]
