from django.template import engines


def test_jinja_partials_escape_what_they_are_given():
    template = engines["jinja2"].from_string("<p>{{ text }}</p>")

    assert template.render({"text": "<script>x</script>"}) == (
        "<p>&lt;script&gt;x&lt;/script&gt;</p>"
    )


def test_jinja_partials_mark_text_for_translation_and_reverse_urls():
    template = engines["jinja2"].from_string(
        '{{ _("Sign in") }} {{ ngettext("%(num)d ticket", "%(num)d tickets", 2) }}'
        ' {{ url("login") }}'
    )

    assert template.render({}) == "Sign in 2 tickets /accounts/login/"
