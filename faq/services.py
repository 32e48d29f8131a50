"""Every write to the knowledge base.

``article_save`` is the one place an article is stored: it validates, renders and
sanitises the body, stamps author/editor/published dates, keeps a revision of the
content and refreshes the search vector. The admin, the demo data and the other
services all go through it.
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Max, Q
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.cache import within_limit
from core.exceptions import ApplicationError, PermissionDeniedError, RateLimitedError
from faq import search
from faq.models import Article, ArticleRevision, ArticleVote, Deflection
from faq.rendering import render_markdown
from hub import permissions as access

REVIEW_AFTER = timedelta(days=180)
DEFLECTION_WINDOW = timedelta(hours=24)
RESERVED_SLUGS = {"suggest", "preview"}  # URLs of faq/urls.py beside <slug>/
REVISION_FIELDS = [
    "title",
    "summary",
    "body",
    "category_id",
    "kind",
    "status",
    "audience",
    "language",
    "tags",
]


def _unique_slug(
    title: str, *, exclude_pk: int | None = None, translation_of=None, language=""
) -> str:
    """From the title; a translation's from its source's slug and its language
    (``how-diamond-payouts-work-zh-hans``: Chinese and Arabic titles slugify to
    nothing)."""
    base = slugify(title)[:200] or "article"
    if translation_of is not None:
        base = f"{translation_of.slug[:190]}-{language}"
    slug, n = base, 2
    taken = Article.objects.exclude(pk=exclude_pk)
    while slug in RESERVED_SLUGS or taken.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _validate(article: Article) -> None:
    try:
        article.full_clean(exclude=["search_vector", "body_html", "slug"])
    except ValidationError as exc:
        raise ApplicationError(
            _("The article is not valid."), extra={"fields": exc.message_dict}
        ) from exc
    clash = Article.objects.filter(slug=article.slug).exclude(pk=article.pk)
    if article.slug in RESERVED_SLUGS or clash.exists():
        raise ApplicationError(
            _("Another article already uses this slug."),
            extra={"fields": {"slug": [_("Choose another slug.")]}},
        )


@transaction.atomic
def article_save(*, article: Article, editor, note: str = "") -> Article:
    """Store an article (new or changed) and keep a revision of its content."""
    if not article.slug:
        article.slug = _unique_slug(
            article.title,
            exclude_pk=article.pk,
            translation_of=article.translation_of,
            language=article.language,
        )
    _validate(article)
    if article.pk:
        Article.objects.select_for_update().filter(pk=article.pk).first()
    elif article.author_id is None and editor is not None:
        article.author = editor
    article.last_editor = editor
    if article.status == Article.Status.PUBLISHED:
        if article.published_at is None:
            article.published_at = timezone.now()
        if article.review_by is None:
            article.review_by = timezone.localdate() + REVIEW_AFTER
    article.body_html = render_markdown(
        article.body, guide=article.kind == Article.Kind.GUIDE
    )
    article.save()
    _record_revision(article, editor=editor, note=note)
    search.refresh_vectors(Article.objects.filter(pk=article.pk))
    return article


def _record_revision(article: Article, *, editor, note: str) -> ArticleRevision:
    last = article.revisions.aggregate(last=Max("number"))["last"] or 0
    return ArticleRevision.objects.create(
        article=article,
        number=last + 1,
        editor=editor,
        note=note[:200],
        **{field: getattr(article, field) for field in REVISION_FIELDS},
    )


def article_create(*, author, title: str, body: str, category, **fields) -> Article:
    article = Article(title=title, body=body, category=category, **fields)
    return article_save(article=article, editor=author, note=_("Created"))


def article_translate(
    *, source: Article, language: str, title: str, body: str, editor, **fields
) -> Article:
    """A translation of ``source`` into ``language`` (category, kind, audience and
    tags from the source unless given)."""
    defaults = {
        "category": source.category,
        "kind": source.kind,
        "audience": source.audience,
        "tags": source.tags,
    }
    article = Article(
        translation_of=source,
        language=language,
        title=title,
        body=body,
        **{**defaults, **fields},
    )
    return article_save(article=article, editor=editor, note=_("Created"))


def article_update(*, article: Article, editor, note: str = "", **changes) -> Article:
    for field, value in changes.items():
        setattr(article, field, value)
    return article_save(article=article, editor=editor, note=note)


def article_publish(*, article: Article, editor) -> Article:
    if article.status == Article.Status.PUBLISHED:
        raise ApplicationError(_("“%s” is already published.") % article.title)
    article.status = Article.Status.PUBLISHED
    return article_save(article=article, editor=editor, note=_("Published"))


def article_archive(*, article: Article, editor) -> Article:
    if article.status == Article.Status.ARCHIVED:
        raise ApplicationError(_("“%s” is already archived.") % article.title)
    article.status = Article.Status.ARCHIVED
    return article_save(article=article, editor=editor, note=_("Archived"))


def article_revision_restore(*, revision: ArticleRevision, editor) -> Article:
    """Bring back a revision's content (the status stays as it is now)."""
    article = revision.article
    if revision.category_id is None:
        raise ApplicationError(_("The category of this revision no longer exists."))
    for field in REVISION_FIELDS:
        if field != "status":
            setattr(article, field, getattr(revision, field))
    return article_save(
        article=article,
        editor=editor,
        note=_("Restored revision %(number)s") % {"number": revision.number},
    )


def can_delete_article(user, article: Article | None = None) -> bool:
    """Interns may delete articles that were never published; an article that has
    ever been published (even if archived or back to draft since) needs a manager.
    The rule looks at the article's history, not its current status, so archiving
    first is no way around it."""
    if not access.is_staff_member(user):
        return False
    if article is not None and was_ever_published(article):
        return access.is_manager(user)
    return True


def was_ever_published(article: Article) -> bool:
    """Published now, or once (``published_at`` is set on first publication and
    never cleared; a published revision proves it for older rows)."""
    if article.status == Article.Status.PUBLISHED or article.published_at:
        return True
    if article.pk is None:
        return False
    return article.revisions.filter(status=Article.Status.PUBLISHED).exists()


def ever_published_filter() -> Q:
    """The same rule as ``was_ever_published``, for a queryset of articles."""
    return (
        Q(status=Article.Status.PUBLISHED)
        | Q(published_at__isnull=False)
        | Q(revisions__status=Article.Status.PUBLISHED)
    )


@transaction.atomic
def article_delete(*, article: Article, user) -> int:
    """Delete an article and, deliberately, its revisions (which are protected from
    vanishing in a cascade). Returns how many revisions went with it."""
    article = Article.objects.select_for_update().get(pk=article.pk)
    if not can_delete_article(user, article):
        raise PermissionDeniedError(
            _(
                "Only agency managers may delete an article that has been published; "
                "archive it instead."
            )
        )
    revisions, _by_model = ArticleRevision.objects.filter(article=article).delete()
    article.delete()
    return revisions


def article_view_record(*, article: Article) -> None:
    """Count a view with one UPDATE (no read-modify-write race)."""
    Article.objects.filter(pk=article.pk).update(view_count=F("view_count") + 1)


ANONYMOUS_WINDOW_SECONDS = 3600


def anonymous_allowed(*, kind: str, article: Article, address: str) -> bool:
    """Anonymous votes and deflection clicks: at most
    ``HUB_ANONYMOUS_FEEDBACK_PER_ADDRESS`` an hour per client address and
    article, whatever the session (fresh sessions are free to make, addresses
    are not). Signed-in people are counted once each anyway."""
    digest = hashlib.sha256((address or "unknown").encode()).hexdigest()[:24]
    return within_limit(
        f"faq:anon:{kind}:{article.pk}:{digest}",
        limit=settings.HUB_ANONYMOUS_FEEDBACK_PER_ADDRESS,
        seconds=ANONYMOUS_WINDOW_SECONDS,
    )


def _is_anonymous(user) -> bool:
    return not (user is not None and user.is_authenticated)


@transaction.atomic
def article_vote(
    *,
    article: Article,
    helpful: bool,
    user=None,
    session_key: str = "",
    address: str = "",
) -> ArticleVote:
    """One vote per person (or session when anonymous); voting again changes it.
    New anonymous votes are limited per client ``address`` (``anonymous_allowed``)."""
    if not _is_anonymous(user):
        lookup = {"article": article, "user": user}
    elif session_key:
        lookup = {"article": article, "user": None, "session_key": session_key}
    else:
        raise ApplicationError(_("Your vote could not be recorded; enable cookies."))
    vote = ArticleVote.objects.select_for_update().filter(**lookup).first()
    if vote is not None and vote.helpful == helpful:
        return vote
    if (
        vote is None
        and _is_anonymous(user)
        and not anonymous_allowed(kind="vote", article=article, address=address)
    ):
        raise RateLimitedError(
            _("Many votes came from your address just now; please try again later.")
        )
    try:
        with transaction.atomic():
            if vote is None:
                vote = ArticleVote.objects.create(
                    helpful=helpful, **{"session_key": session_key, **lookup}
                )
            else:
                vote.helpful = helpful
                vote.save(update_fields=["helpful"])
                old = "helpful_no" if helpful else "helpful_yes"
                Article.objects.filter(pk=article.pk).update(**{old: F(old) - 1})
    except IntegrityError:  # a parallel first vote from the same person won
        return ArticleVote.objects.get(**lookup)
    new = "helpful_yes" if helpful else "helpful_no"
    Article.objects.filter(pk=article.pk).update(**{new: F(new) + 1})
    return vote


@transaction.atomic
def article_votes_remove(*, user) -> int:
    """Take back every vote of ``user`` (personal-data erasure): the votes go and
    the articles' helpful counts go down with them. Returns how many went."""
    votes = ArticleVote.objects.filter(user=user)
    tallies = votes.values("article_id", "helpful").annotate(n=Count("id"))
    for tally in tallies.order_by("article_id"):
        field = "helpful_yes" if tally["helpful"] else "helpful_no"
        Article.objects.filter(pk=tally["article_id"]).update(
            **{field: Greatest(F(field) - tally["n"], 0)}
        )
    return votes.delete()[0]


def _owner_lookup(user, session_key: str) -> dict:
    if user is not None and user.is_authenticated:
        return {"user": user}
    if session_key:
        return {"user": None, "session_key": session_key}
    return {}


@transaction.atomic
def deflection_record_open(
    *,
    article: Article,
    user=None,
    session_key: str = "",
    query: str = "",
    address: str = "",
) -> Deflection | None:
    """Someone opened a suggestion from the ticket form (once per article and day;
    anonymous opens beyond the per-address limit are not counted)."""
    owner = _owner_lookup(user, session_key)
    if not owner:
        return None
    since = timezone.now() - DEFLECTION_WINDOW
    existing = Deflection.objects.filter(
        article=article, created_at__gte=since, **owner
    ).first()
    if existing is not None:
        return existing
    if _is_anonymous(user) and not anonymous_allowed(
        kind="deflection", article=article, address=address
    ):
        return None
    return Deflection.objects.create(
        article=article,
        query=(query or "")[:200],
        **{"session_key": session_key, **owner},
    )


@transaction.atomic
def deflection_mark_solved(
    *,
    article: Article,
    user=None,
    session_key: str = "",
    query: str = "",
    address: str = "",
) -> Deflection:
    """“This solved it”: the suggestion answered the question."""
    owner = _owner_lookup(user, session_key)
    if not owner:
        raise ApplicationError(_("We could not record that; enable cookies."))
    since = timezone.now() - DEFLECTION_WINDOW
    deflection = (
        Deflection.objects.select_for_update()
        .filter(article=article, created_at__gte=since, **owner)
        .first()
    )
    if deflection is None and (
        _is_anonymous(user)
        and not anonymous_allowed(kind="deflection", article=article, address=address)
    ):
        raise RateLimitedError(
            _("Many answers came from your address just now; please try again later.")
        )
    if deflection is None:
        deflection = Deflection(
            article=article,
            query=(query or "")[:200],
            **{"session_key": session_key, **owner},
        )
    deflection.outcome = Deflection.Outcome.SOLVED
    deflection.save()
    return deflection


def deflection_mark_filed(*, session_key: str | None, user=None) -> int:
    """The same person filed a ticket after all: their recent ``opened`` suggestions
    did not deflect it. Called by the tickets app after a ticket is created; returns
    how many deflections changed. Safe to call when there are none."""
    condition = Q()
    if user is not None and getattr(user, "is_authenticated", False):
        condition |= Q(user=user)
    if session_key:
        condition |= Q(session_key=session_key)
    if not condition:
        return 0
    since = timezone.now() - DEFLECTION_WINDOW
    return Deflection.objects.filter(
        condition, outcome=Deflection.Outcome.OPENED, created_at__gte=since
    ).update(outcome=Deflection.Outcome.FILED, updated_at=timezone.now())
