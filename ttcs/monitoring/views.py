"""Monitoring pages: story feed with search and filters, story page, charts, alerts, rules,
sources with health, digest, label correction and exports."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.db.models import Count
from django.db.models.functions import TruncDate
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ttcs.core.http import AuthenticatedHttpRequest
from ttcs.core.models import JobRun
from ttcs.core.permissions import can_write, readable_agency_ids
from ttcs.monitoring import actions
from ttcs.monitoring.forms import AlertRuleForm, ImportForm, LabelForm, SearchForm, SourceForm
from ttcs.monitoring.models import (
    Alert,
    AlertRule,
    Article,
    Digest,
    Sentiment,
    Source,
    Story,
    topic_name,
)
from ttcs.monitoring.query import QueryError
from ttcs.monitoring.search import Filters, search


def _agency(request: AuthenticatedHttpRequest) -> Any:
    if request.current_agency is None:
        raise PermissionDenied(_("Tài khoản chưa thuộc cơ quan nào."))
    return request.current_agency


def _filters(form: SearchForm) -> Filters:
    data = form.cleaned_data
    tz = timezone.get_current_timezone()
    f = Filters(topic=data.get("topic") or "", locality=data.get("locality") or "")
    if data.get("since"):
        f.since = dt.datetime.combine(data["since"], dt.time(0, 0), tzinfo=tz)
    if data.get("until"):
        f.until = dt.datetime.combine(data["until"], dt.time(0, 0), tzinfo=tz) + dt.timedelta(1)
    if data.get("tier"):
        f.tiers = [data["tier"]]
    if data.get("sentiment"):
        f.sentiments = [data["sentiment"]]
    return f


@login_required
def feed(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    hits: list[Any] = []
    stories = None
    base = Article.objects.visible_to(request.user)
    if form.is_valid() and form.cleaned_data.get("q"):
        try:
            hits = search(form.cleaned_data["q"], base=base, filters=_filters(form), limit=50)
        except QueryError as exc:
            form.add_error("q", str(exc))
    else:
        f = _filters(form) if form.is_valid() else Filters()
        ids = f.apply(base).values("story_id")
        stories = Paginator(
            Story.objects.filter(pk__in=ids).order_by("-last_seen_at"), 30
        ).get_page(request.GET.get("page"))
    return render(
        request,
        "monitoring/feed.html",
        {"form": form, "hits": hits, "stories": stories, "labels": Sentiment.choices},
    )


@login_required
def story_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    articles = Article.objects.visible_to(request.user).filter(story_id=pk)
    story = Story.objects.filter(pk=pk, articles__in=articles).distinct().first()
    if story is None:
        raise Http404(_("Không tìm thấy sự việc."))
    return render(
        request,
        "monitoring/story.html",
        {
            "story": story,
            "articles": articles.order_by("published_at"),
            "labels": Sentiment.choices,
        },
    )


@require_POST
@login_required
def label_article(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    article = Article.objects.visible_to(request.user).filter(pk=pk).first()
    if article is None:
        raise Http404
    form = LabelForm(request.POST)
    if not form.is_valid():
        return HttpResponse(_("Nhãn không hợp lệ."), status=400)
    actions.correct_sentiment(
        article=article, label=form.cleaned_data["label"], acting_user=request.user
    )
    if request.htmx:  # type: ignore[attr-defined]
        return render(
            request, "monitoring/_label.html", {"a": article, "labels": Sentiment.choices}
        )
    return redirect("monitoring:story", pk=article.story_id)


@login_required
def charts(request: AuthenticatedHttpRequest) -> HttpResponse:
    since = timezone.now() - dt.timedelta(days=14)
    arts = Article.objects.visible_to(request.user).filter(published_at__gte=since)
    per_day = list(
        arts.annotate(day=TruncDate("published_at"))
        .values("day", "sentiment")
        .annotate(n=Count("pk"))
        .order_by("day")
    )
    days = sorted({r["day"] for r in per_day})
    series = {s: [0] * len(days) for s in Sentiment.values}
    index = {d: i for i, d in enumerate(days)}
    for r in per_day:
        series[r["sentiment"]][index[r["day"]]] = r["n"]
    topics: dict[str, int] = {}
    localities: dict[str, int] = {}
    for t_list, l_list in arts.values_list("topics", "localities"):
        for t in t_list:
            topics[t] = topics.get(t, 0) + 1
        for loc in l_list:
            localities[loc] = localities.get(loc, 0) + 1
    sources = list(arts.values("source_name").annotate(n=Count("pk")).order_by("-n")[:12])
    data = {
        "days": [d.strftime("%d/%m") for d in days],
        "series": [
            {"name": str(label), "data": series[value]} for value, label in Sentiment.choices
        ],
        "topics": [
            (topic_name(t), n) for t, n in sorted(topics.items(), key=lambda kv: -kv[1])[:12]
        ],
        "localities": sorted(localities.items(), key=lambda kv: -kv[1])[:12],
        "sources": [[s["source_name"], s["n"]] for s in sources],
    }
    return render(request, "monitoring/charts.html", {"data": data})


@login_required
def alert_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    ids = readable_agency_ids(request.user)
    alerts = Alert.objects.select_related("agency", "acknowledged_by", "rule")
    if ids is not None:
        alerts = alerts.filter(agency_id__in=ids)
    if request.GET.get("show") != "all":
        alerts = alerts.filter(acknowledged_at__isnull=True)
    page = Paginator(alerts, 30).get_page(request.GET.get("page"))
    return render(
        request, "monitoring/alerts.html", {"page_obj": page, "show": request.GET.get("show", "")}
    )


@login_required
def alert_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    ids = readable_agency_ids(request.user)
    alert = Alert.objects.filter(pk=pk).select_related("agency", "rule").first()
    if alert is None or (ids is not None and alert.agency_id not in ids):
        raise Http404
    if request.method == "POST":
        actions.acknowledge_alert(alert=alert, acting_user=request.user)
        messages.success(request, _("Đã ghi nhận xử lý cảnh báo."))
        return redirect("monitoring:alerts")
    return render(
        request,
        "monitoring/alert.html",
        {
            "alert": alert,
            "stories": alert.stories.all()[:10],
            "can_ack": can_write(request.user, alert.agency_id),
        },
    )


@login_required
def rules(request: AuthenticatedHttpRequest) -> HttpResponse:
    agency = _agency(request)
    form = AlertRuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_alert_rule(agency=agency, acting_user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error("query", exc)
        else:
            messages.success(request, _("Đã lưu quy tắc cảnh báo."))
            return redirect("monitoring:rules")
    items = AlertRule.objects.filter(agency=agency)
    return render(
        request, "monitoring/rules.html", {"form": form, "rules": items, "agency": agency}
    )


@login_required
def sources(request: AuthenticatedHttpRequest) -> HttpResponse:
    agency = _agency(request)
    form = SourceForm(request.POST or None)
    import_form = ImportForm()
    if request.method == "POST":
        if "toggle" in request.POST:
            source = (
                Source.objects.visible_to(request.user).filter(pk=request.POST["toggle"]).first()
            )
            if source is None:
                raise Http404
            actions.set_source_active(
                source=source, active=not source.active, acting_user=request.user
            )
            return redirect("monitoring:sources")
        if form.is_valid():
            try:
                actions.create_source(
                    owner_agency=agency, acting_user=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Đã thêm nguồn tin."))
                return redirect("monitoring:sources")
    rows = Source.objects.visible_to(request.user).select_related("owner_agency")
    return render(
        request,
        "monitoring/sources.html",
        {"form": form, "import_form": import_form, "sources": rows},
    )


@require_POST
@login_required
def import_file(request: AuthenticatedHttpRequest) -> HttpResponse:
    from ttcs.monitoring.importing import import_upload

    agency = _agency(request)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn một tệp CSV hoặc JSONL."))
        return redirect("monitoring:sources")
    try:
        summary, errors = import_upload(
            agency=agency, acting_user=request.user, upload=form.cleaned_data["file"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Đã nhập %(n)s tin mới (%(d)s trùng lặp).")
            % {"n": summary.new, "d": summary.duplicates},
        )
        for error in errors[:10]:
            messages.warning(request, error)
    return redirect("monitoring:sources")


@login_required
def digest(request: AuthenticatedHttpRequest) -> HttpResponse:
    agency = _agency(request)
    if request.method == "POST":
        from ttcs.monitoring.digest import build_digest

        if not can_write(request.user, agency.pk):
            raise PermissionDenied
        build_digest(agency, send=False)
        messages.success(request, _("Đã lập bản tin hôm nay."))
        return redirect("monitoring:digest")
    latest = Digest.objects.filter(agency=agency).first()
    return render(request, "monitoring/digest.html", {"digest": latest, "agency": agency})


@login_required
def digest_docx(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse | FileResponse:
    ids = readable_agency_ids(request.user)
    d = Digest.objects.filter(pk=pk).first()
    if d is None or not d.docx or (ids is not None and d.agency_id not in ids):
        raise Http404
    return FileResponse(
        d.docx.open("rb"), as_attachment=True, filename=f"ban-tin-{d.day:%Y%m%d}.docx"
    )


@require_POST
@login_required
def export_start(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = SearchForm(request.POST)
    if not form.is_valid() or not form.cleaned_data.get("q"):
        messages.error(request, _("Hãy nhập từ khóa trước khi xuất."))
        return redirect("monitoring:feed")
    f = _filters(form)
    raw = {
        "since": f.since.isoformat() if f.since else None,
        "until": f.until.isoformat() if f.until else None,
        "tiers": f.tiers,
        "sentiments": f.sentiments,
        "topic": f.topic,
        "locality": f.locality,
    }
    try:
        job = actions.start_export(
            query=form.cleaned_data["q"],
            filters=raw,
            fmt=request.POST.get("format", "csv"),
            acting_user=request.user,
            agency=request.current_agency,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("monitoring:feed")
    return redirect("monitoring:export", pk=job.pk)


@login_required
def export_status(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse | FileResponse:
    job = JobRun.objects.filter(pk=pk, requested_by=request.user, name="monitoring.export").first()
    if job is None:
        raise Http404
    if request.GET.get("download") and job.result.get("file"):
        return FileResponse(
            default_storage.open(job.result["file"], "rb"),
            as_attachment=True,
            filename=job.result["file"].rsplit("/", 1)[-1],
        )
    template = "monitoring/_export_progress.html" if request.htmx else "monitoring/export.html"  # type: ignore[attr-defined]
    return render(request, template, {"job": job})
