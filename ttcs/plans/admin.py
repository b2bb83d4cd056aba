from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ttcs.core.admin_readonly import ReadOnlyAdminMixin, ReadOnlyInlineMixin
from ttcs.plans.models import Assignment, Occurrence, Plan, ProgressUpdate, Report, Task


class TaskInline(ReadOnlyInlineMixin, admin.TabularInline):  # type: ignore[type-arg]
    model = Task
    extra = 0
    fields = ["ref", "title", "timeframe_kind", "due"]


@admin.register(Plan)
class PlanAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ["number", "title", "agency", "issued_on", "status"]
    search_fields = ["number", "title"]
    list_filter = ["status", "doc_type"]
    autocomplete_fields = ["agency"]
    inlines = [TaskInline]


@admin.register(Task)
class TaskAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ["ref", "title", "plan", "timeframe_kind", "due"]
    search_fields = ["title"]
    raw_id_fields = ["plan", "parent_task", "suggested_parent"]


@admin.register(Occurrence)
class OccurrenceAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ["task", "agency", "period_label", "due", "status", "percent"]
    list_filter = ["status"]
    raw_id_fields = ["task", "agency"]


class ReadOnlyHistoryAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    pass


class ReadOnlyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    pass


admin.site.register(Assignment, ReadOnlyHistoryAdmin)
admin.site.register(ProgressUpdate, ReadOnlyAdmin)
admin.site.register(Report, ReadOnlyHistoryAdmin)
