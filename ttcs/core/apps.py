from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "ttcs.core"
    label = "core"
    verbose_name = _("Nền tảng")

    def ready(self) -> None:
        from ttcs.core import cards, permissions  # noqa: F401  (registers rules and cards)
        from ttcs.core.navigation import NavEntry, register

        register(NavEntry("core:dashboard", _("Tổng quan"), 0))
        register(NavEntry("core:agency_list", _("Cơ quan"), 80))
        register(NavEntry("core:deadline_calculator", _("Lịch làm việc"), 85))
        register(
            NavEntry(
                "core:audit_log",
                _("Nhật ký"),
                90,
                visible=lambda user: permissions.administrable_agency_ids(user) != set(),
            )
        )
        try:
            from ttcs.core import calendar_db
        except ImportError:  # pragma: no cover
            return
        calendar_db.install()
