"""Background work of the knowledge base (thin: the services do it)."""

from celery import shared_task


@shared_task
def search_records_prune_task() -> int:
    """Nightly: drop FAQ search records past ``HUB_SEARCH_LOG_DAYS``."""
    from faq.search_log import search_records_prune

    return search_records_prune()
