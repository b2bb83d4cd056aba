"""Demo plans: Directive 07/CT-TTg → the city's plan → a department's plan → a school's plan,
with progress at every level so the roll-up shows. Written for the demo; idempotent."""

from __future__ import annotations

import datetime as dt
from typing import IO, Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from ttcs.core import actions as core_actions
from ttcs.core.demo import demo_city
from ttcs.core.models import Agency, AgencyKind
from ttcs.plans import actions
from ttcs.plans.actions import PlanDraft, TaskDraft
from ttcs.plans.models import Occurrence, Plan


def _agency(name: str, kind: str) -> Agency:
    found = (
        Agency.objects.filter(name__iexact=name, kind=kind, valid_to__isnull=True)
        .order_by("path")
        .first()
    )
    return found or core_actions.create_agency(name=name, kind=kind, code="", parent=None)


def _by_name(fragment: str) -> Agency:
    agency = (
        Agency.objects.filter(name__icontains=fragment, valid_to__isnull=True)
        .order_by("path")
        .first()
    )
    if agency is None:
        raise LookupError(fragment)
    return agency


def _user(username: str) -> Any:
    return get_user_model().objects.get(username=username)


@transaction.atomic
def load_demo(stream: IO[str] | None = None) -> None:
    """Create the demo cascade once; later runs leave existing plans alone."""
    if Plan.objects.filter(number="07/CT-TTg").exists():
        return
    admin = None  # the demo loader acts as the operator
    today = timezone.localdate()
    pm = _agency("Thủ tướng Chính phủ", AgencyKind.GOVERNMENT)
    city = demo_city()
    sovh = _by_name("Sở Văn hóa, Thể thao và Du lịch thành phố Cần Thơ")
    sokhcn = _by_name("Sở Khoa học và Công nghệ thành phố Cần Thơ")
    sogd = _by_name("Sở Giáo dục và Đào tạo thành phố Cần Thơ")
    ninhkieu = _by_name("Phường Ninh Kiều")
    school = _by_name("Trường THPT Châu Văn Liêm")

    directive = actions.create_plan(
        agency=pm,
        acting_user=None,
        draft=PlanDraft(
            title="Chỉ thị về tăng cường công tác truyền thông chính sách",
            number="07/CT-TTg",
            doc_type="CT",
            issued_on=dt.date(2023, 3, 21),
            tasks=[
                TaskDraft(
                    ref="1.a",
                    title="Xác định truyền thông chính sách là nhiệm vụ quan "
                    "trọng, bố trí nguồn lực thực hiện",
                    lead_ids=[city.pk],
                    timeframe_raw="Thường xuyên",
                    timeframe_kind="continuous",
                ),
                TaskDraft(
                    ref="1.c",
                    title="Ứng dụng công nghệ hiện đại để nắm bắt, dự báo xu hướng thông tin",
                    lead_ids=[city.pk],
                    timeframe_raw="Thường xuyên",
                    timeframe_kind="continuous",
                ),
                TaskDraft(
                    ref="1.đ",
                    title="Báo cáo kết quả thực hiện Chỉ thị hằng năm",
                    lead_ids=[city.pk],
                    timeframe_raw="Trước ngày 01/12 hằng năm",
                    timeframe_kind="recurring",
                    recurrence="yearly",
                    recurrence_month=12,
                    recurrence_day=1,
                ),
            ],
        ),
    )
    city_plan = actions.create_plan(
        agency=city,
        acting_user=None,
        draft=PlanDraft(
            title="Kế hoạch triển khai Chỉ thị số 07/CT-TTg trên địa bàn thành phố năm 2026",
            number="58/KH-UBND",
            doc_type="KH",
            issued_on=dt.date(2026, 1, 20),
            place="Cần Thơ",
            implements_numbers=["07/CT-TTg"],
            tasks=[
                TaskDraft(
                    ref="1",
                    title="Tập huấn kỹ năng truyền thông chính sách cho đội ngũ cán bộ, công chức",
                    lead_ids=[sovh.pk],
                    coordinator_ids=[sokhcn.pk],
                    timeframe_raw="Hoàn thành trong quý II năm 2026",
                    timeframe_kind="once",
                    due=dt.date(2026, 6, 30),
                    form="Hội nghị, lớp tập huấn trực tiếp",
                ),
                TaskDraft(
                    ref="2",
                    title="Triển khai hệ thống theo dõi, phân tích thông tin trên "
                    "báo chí và mạng xã hội",
                    lead_ids=[sokhcn.pk],
                    timeframe_raw="Quý III năm 2026",
                    timeframe_kind="once",
                    due=dt.date(2026, 9, 30),
                ),
                TaskDraft(
                    ref="3",
                    title="Cung cấp thông tin cho báo chí về các chính sách có "
                    "tác động lớn đến xã hội",
                    lead_ids=[sovh.pk, ninhkieu.pk],
                    timeframe_raw="Thường xuyên",
                    timeframe_kind="continuous",
                ),
                TaskDraft(
                    ref="4",
                    title="Tuyên truyền chính sách giáo dục mới đến phụ huynh, học sinh",
                    lead_ids=[sogd.pk],
                    timeframe_raw="Định kỳ hằng quý",
                    timeframe_kind="recurring",
                    recurrence="quarterly",
                ),
            ],
        ),
    )
    dept_plan = actions.create_plan(
        agency=sogd,
        acting_user=None,
        draft=PlanDraft(
            title="Kế hoạch truyền thông chính sách ngành giáo dục năm 2026",
            number="112/KH-SGDĐT",
            doc_type="KH",
            issued_on=dt.date(2026, 2, 10),
            place="Cần Thơ",
            implements_numbers=["58/KH-UBND"],
            tasks=[
                TaskDraft(
                    ref="1",
                    title="Tổ chức truyền thông về chương trình giáo dục phổ thông tại các trường",
                    lead_ids=[school.pk],
                    timeframe_raw="Năm học 2025 - 2026",
                    timeframe_kind="once",
                    due=dt.date(2026, 5, 29),
                ),
                TaskDraft(
                    ref="2",
                    title="Cập nhật chuyên mục hỏi đáp chính sách trên cổng thông "
                    "tin điện tử của Sở",
                    lead_ids=[sogd.pk],
                    timeframe_raw="Hằng tháng",
                    timeframe_kind="recurring",
                    recurrence="monthly",
                ),
            ],
        ),
    )
    # Confirm the links a person would confirm on the review page.
    parent_4 = city_plan.tasks.get(ref="4")
    for task in dept_plan.tasks.all():
        actions.set_parent_task(task=task, parent=parent_4, acting_user=admin)
    parent_1c = directive.tasks.get(ref="1.c")
    actions.set_parent_task(task=city_plan.tasks.get(ref="2"), parent=parent_1c, acting_user=admin)
    parent_1a = directive.tasks.get(ref="1.a")
    for ref in ("1", "3"):
        actions.set_parent_task(
            task=city_plan.tasks.get(ref=ref), parent=parent_1a, acting_user=admin
        )

    # Progress at several levels.
    occ = Occurrence.objects.get(task__plan=city_plan, task__ref="1", agency=sovh)
    update = actions.report_progress(
        occurrence=occ,
        acting_user=_user("canbo.vhttdl"),
        status="done",
        percent=100,
        narrative="Đã tổ chức 02 lớp tập huấn cho 186 cán bộ, công chức phụ trách truyền thông "
        "của các sở, ngành và phường, xã.",
        links=["https://cantho.gov.vn/tin-tap-huan-truyen-thong-chinh-sach"],
    )
    actions.review_progress(update=update, approve=True, acting_user=_user("lanhdao"))
    occ = Occurrence.objects.get(task__plan=city_plan, task__ref="2", agency=sokhcn)
    actions.report_progress(
        occurrence=occ,
        acting_user=_user("canbo.khcn"),
        status="in_progress",
        percent=60,
        narrative="Đã cài đặt hệ thống, đang nạp nguồn tin của báo chí địa phương.",
    )
    occ = Occurrence.objects.get(task__plan=dept_plan, task__ref="1", agency=school)
    actions.report_progress(
        occurrence=occ,
        acting_user=_user("canbo.truong"),
        status="done",
        percent=100,
        narrative="Đã tổ chức 03 buổi sinh hoạt dưới cờ và họp phụ huynh giới thiệu chương trình.",
    )
    for o in Occurrence.objects.filter(task__plan=dept_plan, task__ref="2", due__lt=today)[:6]:
        update = actions.report_progress(
            occurrence=o,
            acting_user=None,
            status="done",
            percent=100,
            narrative="Đã cập nhật 12 câu hỏi - đáp về chính sách tuyển sinh, học phí.",
        )
        actions.review_progress(update=update, approve=True, acting_user=_user("lanhdao"))
    for plan in (city_plan, dept_plan):
        actions.suggest_parent_tasks(plan=plan)
    if stream is not None:
        stream.write("Đã tạo chuỗi kế hoạch minh họa: 07/CT-TTg → 58/KH-UBND → 112/KH-SGDĐT\n")
