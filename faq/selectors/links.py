"""Links to articles from other apps (onboarding steps, campaign materials)."""

from faq.models import Article


def article_slug_from_path(path: str) -> str | None:
    """The slug when ``path`` is a hub link to one article (``/faq/<slug>/``, with
    or without a query or fragment), else ``None`` (external or other pages)."""
    from django.urls import Resolver404, resolve

    if not path or not path.startswith("/") or path.startswith("//"):
        return None
    bare = path.split("#", 1)[0].split("?", 1)[0]
    try:
        match = resolve(bare)
    except Resolver404:
        return None
    if match.view_name != "faq:detail":
        return None
    return match.kwargs.get("slug")


def missing_article_links(paths) -> set[str]:
    """Of these links, the hub article links with no published article behind them
    (one query): what a guide link must not point at."""
    slugs = {path: article_slug_from_path(path) for path in paths}
    wanted = {slug for slug in slugs.values() if slug}
    if not wanted:
        return set()
    published = set(
        Article.objects.filter(
            slug__in=wanted, status=Article.Status.PUBLISHED
        ).values_list("slug", flat=True)
    )
    return {path for path, slug in slugs.items() if slug and slug not in published}
