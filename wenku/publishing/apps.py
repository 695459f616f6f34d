from django.apps import AppConfig


class PublishingConfig(AppConfig):
    """Uploads, what happens when a document is ready or changes visibility, queued tasks.
    Above the domain apps, below web and api (docs/architecture.md)."""

    name = "wenku.publishing"
    verbose_name = "publishing"

    def ready(self) -> None:
        from wenku.library import signals  # app registry ready: models importable now

        from . import bridges, ready  # app registry ready: models importable now

        signals.visibility_changed.connect(ready.on_visibility_changed, dispatch_uid="publishing")
        signals.document_deleted.connect(ready.on_document_deleted, dispatch_uid="publishing")
        bridges.connect()
