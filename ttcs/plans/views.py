"""Plans pages: import and review, plans and their cascade tree, tasks, progress, dashboards,
calendar and reports. Views fetch through permission-checking helpers and call one action."""

from __future__ import annotations

import calendar as pycal
import datetime as dt
import hashlib
from typing import cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.forms import formset_factory
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ttcs.core.http import AuthenticatedHttpRequest
from ttcs.core.models import Agency
from ttcs.core.permissions import can_approve, can_write, readable_agency_ids
from ttcs.plans import actions, reporting
from ttcs.plans.forms import (
    ImportForm,
    ParentForm,
    PlanHeaderForm,
    ProgressForm,
    ReportForm,
    ReviewDecisionForm,
    TaskEditForm,
    TaskReviewForm,
)
from ttcs.plans.importing import ImportRefused, import_document
from ttcs.plans.models import (
    Evidence,
    Occurrence,
    OccurrenceStatus,
    Plan,
    Report,
    SourceDocument,
    Task,
)
from ttcs.plans.review import agency_choices_for, draft_from_forms, initial_forms
from ttcs.plans.rollup import build_tree


def _current_agency(request: AuthenticatedHttpRequest) -> Agency:
    agency = getattr(request, "current_agency", None)
    if agency is None:
        raise PermissionDenied(_("Tài khoản chưa thuộc cơ quan nào."))
    return agency


def _scope(request: AuthenticatedHttpRequest) -> set[int] | None:
    return readable_agency_ids(request.user)


def _get_plan(request: AuthenticatedHttpRequest, pk: int) -> Plan:
    plan = Plan.objects.visible_to(request.user).filter(pk=pk).select_related("agency").first()
    if plan is None:
        raise Http404(_("Không tìm thấy kế hoạch."))
    return plan


def _get_task(request: AuthenticatedHttpRequest, pk: int) -> Task:
    task = (
        Task.objects.visible_to(request.user)
        .filter(pk=pk)
        .select_related("plan", "plan__agency", "parent_task", "suggested_parent")
        .first()
    )
    if task is None:
        raise Http404(_("Không tìm thấy nhiệm vụ."))
    return task


def _get_occurrence(request: AuthenticatedHttpRequest, pk: int) -> Occurrence:
    occ = (
        Occurrence.objects.filter(pk=pk)
        .select_related("task", "task__plan", "task__plan__agency", "agency")
        .first()
    )
    if occ is None or not actions.can_view_occurrence(request.user, occ):
        raise Http404(_("Không tìm thấy nhiệm vụ."))
    return occ


def _get_document(request: AuthenticatedHttpRequest, pk: int) -> SourceDocument:
    doc = SourceDocument.objects.visible_to(request.user).filter(pk=pk).first()
    if doc is None:
        raise Http404(_("Không tìm thấy văn bản."))
    return doc


def _get_report(request: AuthenticatedHttpRequest, pk: int) -> Report:
    report = (
        Report.objects.visible_to(request.user)
        .filter(pk=pk)
        .select_related("agency", "agency__parent", "submitted_to")
        .first()
    )
    if report is None:
        raise Http404(_("Không tìm thấy báo cáo."))
    return report


# --- plans ---------------------------------------------------------------------------------


@login_required
def plan_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    plans = (
        Plan.objects.visible_to(request.user)
        .select_related("agency")
        .annotate(task_count=Count("tasks", distinct=True))
        .order_by("-issued_on", "-pk")
    )
    q = request.GET.get("q", "").strip()
    if q:
        plans = plans.filter(Q(title__icontains=q) | Q(number__icontains=q))
    page = Paginator(plans, 30).get_page(request.GET.get("page"))
    documents = (
        SourceDocument.objects.visible_to(request.user)
        .exclude(status="confirmed")
        .select_related("agency")[:10]
    )
    return render(
        request, "plans/plan_list.html", {"page_obj": page, "q": q, "documents": documents}
    )


@login_required
def plan_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = _get_plan(request, pk)
    tree = build_tree(plan, visible_ids=_scope(request))
    context = {
        "plan": plan,
        "tree": tree,
        "parents": plan.parents.select_related("agency"),
        "children": plan.children.select_related("agency"),
        "can_edit": can_write(request.user, plan.agency_id),
    }
    return render(request, "plans/plan_detail.html", context)


@require_POST
@login_required
def plan_suggest_parents(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = _get_plan(request, pk)
    if not can_write(request.user, plan.agency_id):
        raise PermissionDenied
    n = actions.suggest_parent_tasks(plan=plan, acting_user=request.user)
    messages.info(request, _("Đã gợi ý nhiệm vụ cấp trên cho %(n)s nhiệm vụ.") % {"n": n})
    return redirect("plans:plan_detail", pk=plan.pk)


# --- import and review ---------------------------------------------------------------------


@login_required
def import_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    agency = _current_agency(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        if upload is not None:
            name, data = upload.name, upload.read()
        else:
            name, data = "van-ban-dan.txt", form.cleaned_data["text"].encode("utf-8")
        duplicate = actions.find_duplicate_document(
            sha256=hashlib.sha256(data).hexdigest(), number=None, agency=agency
        )
        if duplicate is not None:
            messages.warning(request, _("Văn bản này đã được nhập trước đây."))
            return redirect("plans:review", pk=duplicate.pk)
        try:
            doc = import_document(
                agency=agency,
                acting_user=request.user,
                name=name,
                data=data,
                issuer_hint=form.cleaned_data.get("issuer_hint") or None,
            )
        except ImportRefused as exc:
            form.add_error(None, exc.message)
        else:
            if doc.error:
                messages.warning(request, doc.error)
            return redirect("plans:review", pk=doc.pk)
    return render(request, "plans/import.html", {"form": form, "agency": agency})


@login_required
def review_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    doc = _get_document(request, pk)
    if not can_write(request.user, doc.agency_id):
        raise PermissionDenied
    existing_plan = Plan.objects.filter(source=doc).first()
    parsed = doc.parsed or {}
    header_initial, task_initial = initial_forms(parsed)
    number = header_initial.get("number")
    duplicate_plan = (
        Plan.objects.filter(number__iexact=number, agency=doc.agency).first() if number else None
    )
    choices = agency_choices_for(doc.agency, parsed)
    TaskFormSet = formset_factory(TaskReviewForm, extra=0 if task_initial else 1)
    if request.method == "POST" and existing_plan is None:
        header = PlanHeaderForm(request.POST, prefix="h")
        tasks = TaskFormSet(request.POST, prefix="t", form_kwargs={"agency_choices": choices})
        if header.is_valid() and tasks.is_valid():
            try:
                plan = actions.create_plan(
                    agency=doc.agency,
                    draft=draft_from_forms(header.cleaned_data, tasks.cleaned_data),
                    acting_user=request.user,
                    source=doc,
                )
            except ValidationError as exc:
                header.add_error(None, exc)
            else:
                messages.success(
                    request,
                    _("Đã tạo kế hoạch với %(n)s nhiệm vụ.") % {"n": plan.tasks.count()},
                )
                return redirect("plans:plan_detail", pk=plan.pk)
    else:
        header = PlanHeaderForm(initial=header_initial, prefix="h")
        tasks = TaskFormSet(
            initial=task_initial, prefix="t", form_kwargs={"agency_choices": choices}
        )
    return render(
        request,
        "plans/review.html",
        {
            "doc": doc,
            "header": header,
            "formset": tasks,
            "existing_plan": existing_plan,
            "duplicate_plan": duplicate_plan,
        },
    )


# --- tasks and progress --------------------------------------------------------------------


@login_required
def task_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    task = _get_task(request, pk)
    editable = can_write(request.user, task.plan.agency_id)
    edit_form = TaskEditForm(
        request.POST if request.method == "POST" and "save_task" in request.POST else None,
        initial={
            "version": task.version,
            "title": task.title,
            "content": task.content,
            "form": task.form,
            "timeframe_raw": task.timeframe_raw,
            "timeframe_kind": task.timeframe_kind,
            "start": task.start,
            "due": task.due,
            "needs_review": task.needs_review,
        },
    )
    parent_choices = [
        (t.pk, f"{t.plan.number or t.plan.title[:40]} — {t.ref}. {t.title[:120]}")
        for t in Task.objects.filter(plan__in=task.plan.parents.all()).select_related("plan")
    ]
    parent_form = ParentForm(
        request.POST if request.method == "POST" and "set_parent" in request.POST else None,
        initial={"parent": task.parent_task_id or task.suggested_parent_id},
    )
    cast(forms.ChoiceField, parent_form.fields["parent"]).choices = [("", "—"), *parent_choices]
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        try:
            if "save_task" in request.POST and edit_form.is_valid():
                data = dict(edit_form.cleaned_data)
                version = data.pop("version")
                actions.update_task(
                    task=task, changes=data, expected_version=version, acting_user=request.user
                )
                messages.success(request, _("Đã lưu nhiệm vụ."))
                return redirect("plans:task_detail", pk=task.pk)
            if "set_parent" in request.POST and parent_form.is_valid():
                parent_id = parent_form.cleaned_data["parent"]
                parent = Task.objects.filter(pk=parent_id).first() if parent_id else None
                actions.set_parent_task(task=task, parent=parent, acting_user=request.user)
                messages.success(request, _("Đã cập nhật nhiệm vụ cấp trên."))
                return redirect("plans:task_detail", pk=task.pk)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    occurrences = task.occurrences.select_related("agency").order_by("due", "agency__name")
    return render(
        request,
        "plans/task_detail.html",
        {
            "task": task,
            "edit_form": edit_form,
            "parent_form": parent_form,
            "editable": editable,
            "occurrences": occurrences,
            "assignments": task.assignments.select_related("agency"),
            "child_tasks": task.child_tasks.select_related("plan", "plan__agency"),
        },
    )


@login_required
def occurrence_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    occ = _get_occurrence(request, pk)
    can_report = can_write(request.user, occ.agency_id) and occ.status != OccurrenceStatus.DONE
    approver = can_approve(request.user, occ.agency_id)
    form = ProgressForm(
        request.POST if request.method == "POST" and "report" in request.POST else None,
        request.FILES if request.method == "POST" and "report" in request.POST else None,
        initial={"version": occ.version, "percent": occ.percent},
    )
    decision = ReviewDecisionForm(
        request.POST if request.method == "POST" and "review" in request.POST else None
    )
    if request.method == "POST":
        try:
            if "report" in request.POST and form.is_valid():
                files = [(f.name, f.read()) for f in form.cleaned_data.get("evidence") or []]
                actions.report_progress(
                    occurrence=occ,
                    acting_user=request.user,
                    status=form.cleaned_data["status"],
                    percent=form.cleaned_data["percent"],
                    narrative=form.cleaned_data["narrative"],
                    links=form.cleaned_data["links"],
                    files=files,
                    expected_version=form.cleaned_data["version"],
                )
                messages.success(request, _("Đã ghi nhận báo cáo tiến độ."))
                return redirect("plans:occurrence", pk=occ.pk)
            if "review" in request.POST and decision.is_valid():
                latest = occ.updates.first()
                if latest is None:
                    raise ValidationError(_("Chưa có báo cáo để duyệt."))
                actions.review_progress(
                    update=latest,
                    approve=decision.cleaned_data["decision"] == "approve",
                    acting_user=request.user,
                    note=decision.cleaned_data["note"],
                )
                messages.success(request, _("Đã ghi nhận ý kiến phê duyệt."))
                return redirect("plans:occurrence", pk=occ.pk)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return render(
        request,
        "plans/occurrence.html",
        {
            "occ": occ,
            "form": form,
            "decision": decision,
            "can_report": can_report,
            "can_review": approver and occ.status == OccurrenceStatus.SUBMITTED,
            "updates": occ.updates.select_related("author", "reviewed_by").prefetch_related(
                "evidence"
            ),
            "overdue": occ.is_overdue(),
        },
    )


@login_required
def my_tasks(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The officer's daily list: occurrences of the current agency (and below, for leaders)."""
    from ttcs.core.dashboard import scope_ids

    ids = scope_ids(request)
    show = request.GET.get("show", "open")
    qs = Occurrence.objects.for_agencies(ids).select_related("task", "task__plan", "agency")
    today = timezone.localdate()
    if show == "overdue":
        qs = qs.overdue(today)
    elif show == "soon":
        qs = qs.due_within(14, today)
    elif show == "submitted":
        qs = qs.filter(status=OccurrenceStatus.SUBMITTED)
    elif show != "all":
        qs = qs.open()
    page = Paginator(qs.order_by("due", "pk"), 50).get_page(request.GET.get("page"))
    return render(request, "plans/my_tasks.html", {"page_obj": page, "show": show, "today": today})


# --- dashboard and calendar ----------------------------------------------------------------


@login_required
def plans_dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    from ttcs.plans.stats import dashboard_figures

    figures = dashboard_figures(request)
    return render(request, "plans/dashboard.html", {"figures": figures})


@login_required
def calendar_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    from ttcs.core.dashboard import scope_ids

    today = timezone.localdate()
    try:
        year = int(request.GET.get("y", today.year))
        month = int(request.GET.get("m", today.month))
        first = dt.date(year, month, 1)
    except ValueError:
        first = today.replace(day=1)
    last = first.replace(day=pycal.monthrange(first.year, first.month)[1])
    occs = (
        Occurrence.objects.for_agencies(scope_ids(request))
        .filter(due__gte=first, due__lte=last)
        .select_related("task", "agency")
        .order_by("due")
    )
    by_day: dict[dt.date, list[Occurrence]] = {}
    for occ in occs:
        if occ.due is not None:
            by_day.setdefault(occ.due, []).append(occ)
    weeks = [
        [(d, by_day.get(d, []), d.month == first.month) for d in week]
        for week in pycal.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    ]
    prev_month = (first - dt.timedelta(days=1)).replace(day=1)
    next_month = last + dt.timedelta(days=1)
    return render(
        request,
        "plans/calendar.html",
        {"weeks": weeks, "first": first, "prev": prev_month, "next": next_month, "today": today},
    )


# --- reports -------------------------------------------------------------------------------


@login_required
def report_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    agency = _current_agency(request)
    today = timezone.localdate()
    form = ReportForm(
        request.POST or None,
        initial={
            "period_start": dt.date(today.year, 1, 1),
            "period_end": dt.date(today.year, 11, 30),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            report = actions.create_report(
                agency=agency, acting_user=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("plans:report_detail", pk=report.pk)
    reports = Report.objects.visible_to(request.user).select_related("agency", "submitted_to")
    page = Paginator(reports, 30).get_page(request.GET.get("page"))
    return render(
        request, "plans/report_list.html", {"form": form, "page_obj": page, "agency": agency}
    )


@login_required
def report_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = _get_report(request, pk)
    if request.method == "POST":
        try:
            if "refresh" in request.POST:
                actions.refresh_report(report=report, acting_user=request.user)
                messages.success(request, _("Đã cập nhật số liệu."))
            elif "submit" in request.POST:
                actions.submit_report(report=report, acting_user=request.user)
                messages.success(request, _("Đã gửi báo cáo lên cấp trên."))
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        return redirect("plans:report_detail", pk=report.pk)
    return render(
        request,
        "plans/report_detail.html",
        {
            "report": report,
            "can_edit": can_write(request.user, report.agency_id),
            "can_submit": can_approve(request.user, report.agency_id),
        },
    )


@login_required
def report_download(request: AuthenticatedHttpRequest, pk: int, fmt: str) -> HttpResponse:
    report = _get_report(request, pk)
    slug = f"bao-cao-{report.pk}"
    if fmt == "docx":
        data = reporting.render_docx(report)
        ctype = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    elif fmt == "xlsx":
        data = reporting.render_xlsx(report)
        ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    elif fmt == "pdf":
        try:
            data = reporting.docx_to_pdf(reporting.render_docx(report))
        except reporting.ConversionError as exc:
            messages.error(request, str(exc))
            return redirect("plans:report_detail", pk=report.pk)
        ctype = "application/pdf"
    else:
        raise Http404
    response = HttpResponse(data, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="{slug}.{fmt}"'
    return response


@login_required
def evidence_file(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    """Evidence files are served only to those who may see the occurrence."""
    evidence = (
        Evidence.objects.filter(pk=pk).select_related("update__occurrence__task__plan").first()
    )
    if evidence is None or not actions.can_view_occurrence(
        request.user, evidence.update.occurrence
    ):
        raise Http404
    return FileResponse(
        evidence.file.open("rb"), as_attachment=True, filename=evidence.original_name
    )


@login_required
def document_file(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    doc = _get_document(request, pk)
    if not doc.file:
        raise Http404
    return FileResponse(
        doc.file.open("rb"), as_attachment=True, filename=doc.original_name or "van-ban"
    )
