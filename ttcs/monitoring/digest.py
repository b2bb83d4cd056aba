"""The daily digest for leaders: top stories, sentiment balance, spikes, what changed since
yesterday; stored, rendered as HTML (email) and DOCX."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from typing import Any

from django.core.files.base import ContentFile
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from ttcs.core.models import Agency, Membership, Role
from ttcs.monitoring.alerts import articles_for, watching_agencies
from ttcs.monitoring.models import Alert, Digest, Sentiment, topic_name


def _window(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(day, dt.time(0, 0), tzinfo=tz)
    return start, start + dt.timedelta(days=1)


def digest_content(agency: Agency, day: dt.date) -> dict[str, Any]:
    """Figures for ``day`` (Vietnam time) and the day before."""
    start, end = _window(day)
    prev_start = start - dt.timedelta(days=1)
    arts = articles_for(agency)
    today = list(
        arts.filter(published_at__gte=start, published_at__lt=end).values_list(
            "sentiment", "story_id", "topics"
        )
    )
    yesterday = list(
        arts.filter(published_at__gte=prev_start, published_at__lt=start).values_list(
            "sentiment", flat=True
        )
    )
    balance = Counter(s for s, _st, _t in today)
    balance_prev = Counter(yesterday)
    story_counts = Counter(st for _s, st, _t in today)
    from ttcs.monitoring.models import Story

    stories = Story.objects.in_bulk([pk for pk, _n in story_counts.most_common(8)])
    topics = Counter(t for _s, _st, ts in today for t in ts)
    alerts = Alert.objects.filter(
        agency=agency,
        created_at__gte=start - dt.timedelta(hours=6),
        created_at__lt=end + dt.timedelta(hours=12),
    )
    labels = dict(Sentiment.choices)
    return {
        "agency": agency.name,
        "day": day.isoformat(),
        "total": len(today),
        "total_prev": len(yesterday),
        "balance": {str(labels[k]): balance.get(k, 0) for k in Sentiment.values},
        "balance_prev": {str(labels[k]): balance_prev.get(k, 0) for k in Sentiment.values},
        "top_stories": [
            {
                "id": pk,
                "title": stories[pk].title,
                "articles_today": n,
                "sources": stories[pk].source_count,
                "sentiment": str(labels[stories[pk].sentiment]),
                "rising": stories[pk].rising,
            }
            for pk, n in story_counts.most_common(8)
            if pk in stories
        ],
        "topics": [(topic_name(t), n) for t, n in topics.most_common(8)],
        "alerts": [{"title": a.title, "kind": a.get_kind_display()} for a in alerts[:10]],
    }


@transaction.atomic
def build_digest(agency: Agency, day: dt.date | None = None, *, send: bool = True) -> Digest:
    """Create (or refresh) the digest of ``day``; mails it once to the agency's leaders."""
    day = day or timezone.localdate()
    content = digest_content(agency, day)
    html = render_to_string("monitoring/digest_email.html", {"d": content})
    digest, _created = Digest.objects.update_or_create(
        agency=agency, day=day, defaults={"content": content, "html": html}
    )
    digest.docx.save(
        f"ban-tin-{agency.pk}-{day:%Y%m%d}.docx", ContentFile(render_docx(content)), save=True
    )
    if send and digest.sent_at is None:
        leaders = [
            m.user.email
            for m in Membership.objects.current()
            .filter(agency=agency, role=Role.LEADER)
            .select_related("user")
            if m.user.email
        ]
        if leaders:
            mail = EmailMultiAlternatives(
                subject=f"Bản tin theo dõi thông tin ngày {day:%d/%m/%Y}",
                body=_plain(content),
                to=leaders,
            )
            mail.attach_alternative(html, "text/html")
            transaction.on_commit(lambda: mail.send(fail_silently=True))
        digest.sent_at = timezone.now()
        digest.save(update_fields=["sent_at"])
    return digest


def build_all_digests(day: dt.date | None = None) -> int:
    return len([build_digest(agency, day) for agency in watching_agencies()])


def _plain(c: dict[str, Any]) -> str:
    lines = [
        f"Bản tin ngày {c['day']} — {c['agency']}",
        f"Tổng số tin: {c['total']} (hôm trước {c['total_prev']})",
    ]
    lines += [f"- {k}: {v}" for k, v in c["balance"].items()]
    lines.append("Sự việc nổi bật:")
    lines += [f"- {s['title']} ({s['articles_today']} tin)" for s in c["top_stories"]]
    if c["alerts"]:
        lines.append("Cảnh báo:")
        lines += [f"- {a['title']}" for a in c["alerts"]]
    return "\n".join(lines)


def render_docx(c: dict[str, Any]) -> bytes:
    from docx import Document
    from docx.shared import Mm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.top_margin = section.bottom_margin = Mm(20)
    doc.styles["Normal"].font.name = "Times New Roman"
    doc.styles["Normal"].font.size = Pt(13)
    day = dt.date.fromisoformat(c["day"])
    doc.add_heading(f"BẢN TIN THEO DÕI THÔNG TIN NGÀY {day:%d/%m/%Y}", level=1)
    doc.add_paragraph(c["agency"])
    doc.add_paragraph(f"Tổng số tin: {c['total']} (ngày trước: {c['total_prev']}).")
    doc.add_heading("Sắc thái thông tin", level=2)
    for k, v in c["balance"].items():
        doc.add_paragraph(
            f"{k}: {v} (ngày trước {c['balance_prev'].get(k, 0)})", style="List Bullet"
        )
    doc.add_heading("Sự việc nổi bật", level=2)
    for s in c["top_stories"]:
        doc.add_paragraph(
            f"{s['title']} — {s['articles_today']} tin, {s['sources']} nguồn, "
            f"{s['sentiment'].lower()}{' (đang lan nhanh)' if s['rising'] else ''}",
            style="List Bullet",
        )
    doc.add_heading("Cảnh báo", level=2)
    for a in c["alerts"] or [{"title": "Không có cảnh báo.", "kind": ""}]:
        doc.add_paragraph(a["title"], style="List Bullet")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
