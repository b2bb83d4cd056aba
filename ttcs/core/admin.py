from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ttcs.core.actions import delete_calendar_exception, set_calendar_exception
from ttcs.core.admin_readonly import ReadOnlyAdminMixin, ReadOnlyInlineMixin
from ttcs.core.models import (
    Agency,
    AgencySuccession,
    AuditEvent,
    CalendarException,
    Membership,
    Notification,
)


class SuccessionOutInline(ReadOnlyInlineMixin, admin.TabularInline):  # type: ignore[type-arg]
    model = AgencySuccession
    fk_name = "predecessor"
    extra = 0
    autocomplete_fields = ["successor"]


class MembershipInline(ReadOnlyInlineMixin, admin.TabularInline):  # type: ignore[type-arg]
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Agency)
class AgencyAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "kind", "parent", "valid_from", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "code"]
    autocomplete_fields = ["parent"]
    readonly_fields = ["path"]
    inlines = [SuccessionOutInline, MembershipInline]


@admin.register(AgencySuccession)
class AgencySuccessionAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ["predecessor", "kind", "successor", "effective_date", "legal_basis"]
    list_filter = ["kind", "effective_date"]
    search_fields = ["predecessor__name", "successor__name"]
    autocomplete_fields = ["predecessor", "successor"]


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ["user", "agency", "role", "title", "active"]
    list_filter = ["role", "active"]
    search_fields = ["user__username", "user__last_name", "agency__name"]
    autocomplete_fields = ["user", "agency"]


@admin.register(CalendarException)
class CalendarExceptionAdmin(SimpleHistoryAdmin):
    list_display = ["date", "kind", "name", "legal_basis"]
    list_filter = ["kind"]

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        # Through the action, so the change is audited and deadlines follow at once.
        set_calendar_exception(
            date=obj.date,
            kind=obj.kind,
            name=obj.name,
            legal_basis=obj.legal_basis,
            acting_user=request.user,
        )

    def delete_model(self, request, obj):  # type: ignore[no-untyped-def]
        delete_calendar_exception(exception=obj, acting_user=request.user)

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return bool(request.user.is_superuser)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["created_at", "actor", "verb", "object_repr", "agency"]
    list_filter = ["verb"]
    search_fields = ["object_repr", "verb", "actor__username"]
    readonly_fields = [f.name for f in AuditEvent._meta.fields]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["created_at", "user", "subject", "read_at"]
