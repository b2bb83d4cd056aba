from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "ttcs.core"
    label = "core"
    verbose_name = _("Nền tảng")

    def ready(self) -> None:
        import ttcs.celery  # noqa: F401  (the Celery app, so shared tasks bind to it)
        from ttcs.core import cards, permissions  # noqa: F401  (registers rules and cards)
        from ttcs.core.navigation import NavEntry, register

        register(NavEntry("core:dashboard", _("Tổng quan"), 0))
        register(NavEntry("core:agency_list", _("Cơ quan"), 80))
        register(NavEntry("core:deadline_calculator", _("Lịch làm việc"), 85))
        register(
            NavEntry(
                "core:members",
                _("Thành viên"),
                88,
                visible=lambda user: permissions.administrable_agency_ids(user) != set(),
            )
        )
        register(
            NavEntry(
                "core:audit_log",
                _("Nhật ký"),
                90,
                visible=lambda user: permissions.administrable_agency_ids(user) != set(),
            )
        )
        from django.db.models.signals import post_migrate

        from ttcs.core import calendar_db
        from ttcs.core.reference import ensure_reference_data

        calendar_db.install()
        post_migrate.connect(ensure_reference_data, sender=self, dispatch_uid="ttcs-reference")
