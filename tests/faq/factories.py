import factory

from faq import services
from faq.models import Article, Category


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    """Creates articles through ``faq.services.article_create`` (rendering, revision
    and search vector included)."""

    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Article number {n}")
    body = "Some helpful text about the hub."
    summary = ""
    category = factory.SubFactory(CategoryFactory)
    kind = Article.Kind.ARTICLE
    status = Article.Status.PUBLISHED
    audience = Article.Audience.EVERYONE

    @classmethod
    def _create(cls, model_class, *args, author=None, **kwargs):
        return services.article_create(author=author, **kwargs)
