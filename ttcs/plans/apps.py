from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "ttcs.plans"
    label = "plans"
    verbose_name = _("Kế hoạch")

    def ready(self) -> None:
        from ttcs.core.navigation import NavEntry, register
        from ttcs.plans import cards  # noqa: F401  (registers dashboard cards)

        register(NavEntry("plans:my_tasks", _("Việc của tôi"), 10))
        register(NavEntry("plans:plan_list", _("Kế hoạch"), 20))
        register(NavEntry("plans:dashboard", _("Tiến độ"), 25))
        register(NavEntry("plans:calendar", _("Lịch hạn"), 27))
        register(NavEntry("plans:report_list", _("Báo cáo"), 30))
