from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "ttcs.monitoring"
    label = "monitoring"
    verbose_name = _("Theo dõi thông tin")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from ttcs.core.navigation import NavEntry, register
        from ttcs.monitoring import cards  # noqa: F401  (registers dashboard cards)
        from ttcs.monitoring.sentiment import ensure_initial_model

        post_migrate.connect(ensure_initial_model, sender=self, dispatch_uid="ttcs-sentiment")
        register(NavEntry("monitoring:feed", _("Theo dõi tin"), 40))
        register(NavEntry("monitoring:alerts", _("Cảnh báo"), 42))
        register(NavEntry("monitoring:charts", _("Biểu đồ"), 44))
        register(NavEntry("monitoring:digest", _("Bản tin ngày"), 46))
        register(NavEntry("monitoring:sources", _("Nguồn tin"), 48))
        register(NavEntry("monitoring:rules", _("Quy tắc cảnh báo"), 49))
