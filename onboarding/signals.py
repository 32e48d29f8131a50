"""New networks get a checklist from the default onboarding plan."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from hub.models import CreatorNetwork


@receiver(post_save, sender=CreatorNetwork, dispatch_uid="onboarding_start_network")
def start_onboarding(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from onboarding.services import onboarding_start

        onboarding_start(network=instance)
