from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FaqConfig(AppConfig):
    name = "faq"
    verbose_name = _("Knowledge base")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from faq import home  # noqa: F401 - registers the portal-home panels
        from faq.search import set_trigram_threshold

        connection_created.connect(set_trigram_threshold, dispatch_uid="faq-trgm")
        # ``title__trigram_word_similar`` (django.contrib.postgres is not installed)
        from django.contrib.postgres.lookups import TrigramWordSimilar

        from faq.models import Article

        Article._meta.get_field("title").register_lookup(TrigramWordSimilar)
