from django.apps import AppConfig


class HubConfig(AppConfig):
    name = "hub"
    verbose_name = "Hub: people and networks"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from hub.roles import sync_group_permissions

        post_migrate.connect(sync_group_permissions, dispatch_uid="hub_sync_groups")
