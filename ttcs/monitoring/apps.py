from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "ttcs.monitoring"
    label = "monitoring"
    verbose_name = _("Theo dõi thông tin")

    def ready(self) -> None:
        from ttcs.core.navigation import NavEntry, register
        from ttcs.monitoring import cards  # noqa: F401  (registers dashboard cards)

        register(NavEntry("monitoring:feed", _("Theo dõi tin"), 40))
        register(NavEntry("monitoring:alerts", _("Cảnh báo"), 42))
        register(NavEntry("monitoring:charts", _("Biểu đồ"), 44))
        register(NavEntry("monitoring:digest", _("Bản tin ngày"), 46))
        register(NavEntry("monitoring:sources", _("Nguồn tin"), 48))
        register(NavEntry("monitoring:rules", _("Quy tắc cảnh báo"), 49))
