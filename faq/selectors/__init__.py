"""Reads of the knowledge base, with audience and status rules applied:
``articles`` (who may read which article, the reader's language, lists and the
article page), ``searches`` (search, suggestions, and search gaps from the search
log), ``translations`` (missing or outdated, for the admin), ``links`` (hub
links to articles from other apps) and ``pages`` (the index and article pages as
one read each).

The names other modules use are imported here.
"""

from faq.selectors.articles import (  # noqa: F401
    article_for_reader,
    article_get,
    article_list,
    article_versions,
    articles_needing_review,
    audiences_for,
    category_list,
    in_reader_language,
    popular_articles,
    published_articles,
    reader_article_list,
    recent_articles,
    related_articles,
    visible_articles,
)
from faq.selectors.links import (  # noqa: F401
    article_slug_from_path,
    missing_article_links,
)
from faq.selectors.pages import (  # noqa: F401
    article_page,
    index_page,
    ticket_link,
)
from faq.selectors.searches import (  # noqa: F401
    article_answering_queries,
    article_search,
    article_suggestions,
    unanswered_searches,
)
from faq.selectors.translations import (  # noqa: F401
    missing_translation,
    outdated_translations,
    translation_states,
)
