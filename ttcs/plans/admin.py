from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ttcs.plans.models import Assignment, Occurrence, Plan, ProgressUpdate, Report, Task


class TaskInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Task
    extra = 0
    fields = ["ref", "title", "timeframe_kind", "due"]


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ["number", "title", "agency", "issued_on", "status"]
    search_fields = ["number", "title"]
    list_filter = ["status", "doc_type"]
    autocomplete_fields = ["agency"]
    inlines = [TaskInline]


@admin.register(Task)
class TaskAdmin(SimpleHistoryAdmin):
    list_display = ["ref", "title", "plan", "timeframe_kind", "due"]
    search_fields = ["title"]
    raw_id_fields = ["plan", "parent_task", "suggested_parent"]


@admin.register(Occurrence)
class OccurrenceAdmin(SimpleHistoryAdmin):
    list_display = ["task", "agency", "period_label", "due", "status", "percent"]
    list_filter = ["status"]
    raw_id_fields = ["task", "agency"]


admin.site.register(Assignment, SimpleHistoryAdmin)
admin.site.register(ProgressUpdate)
admin.site.register(Report, SimpleHistoryAdmin)
