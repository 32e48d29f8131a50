from django.db import models
from django.utils.translation import gettext_lazy as _


class Tip(models.Model):
    """One weekly tip; members get the active tips in ``order``, one a week."""

    order = models.PositiveIntegerField(_("order"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("body"), help_text=_("Plain text; blank lines separate paragraphs.")
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("weekly tip")
        ordering = ["order"]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"
