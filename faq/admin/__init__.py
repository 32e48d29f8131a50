"""The knowledge base's admin, the interns' workplace: articles (``articles.py``,
with their translations in ``translations.py`` and revisions in
``revisions.py``), categories (``categories.py``) and what the ticket form's
suggestions achieved (``deflections.py``). Importing the package registers them."""

from faq.admin import articles, categories, deflections  # noqa: F401 - registration
