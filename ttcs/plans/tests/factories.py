"""Plans built through real actions for tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ttcs.core.tests.personas import Org
from ttcs.plans import actions
from ttcs.plans.actions import PlanDraft, TaskDraft
from ttcs.plans.models import Plan


def province_plan(org: Org, *, issued: dt.date = dt.date(2026, 1, 15), **kw: Any) -> Plan:
    """Tỉnh A's plan with a one-off task for Sở A1, a continuous one for Xã A2 and a quarterly
    one for Sở A1 coordinated by Xã A2."""
    draft = PlanDraft(
        title="Kế hoạch truyền thông chính sách năm 2026",
        number=kw.pop("number", "12/KH-UBND"),
        doc_type="KH",
        issued_on=issued,
        implements_numbers=["07/CT-TTg"],
        tasks=[
            TaskDraft(
                ref="1",
                title="Tổ chức hội nghị tập huấn kỹ năng truyền thông chính sách",
                lead_ids=[org.dept_a1.pk],
                timeframe_raw="Hoàn thành trong quý II năm 2026",
                timeframe_kind="once",
                due=dt.date(2026, 6, 30),
            ),
            TaskDraft(
                ref="2",
                title="Cung cấp thông tin cho báo chí về chính sách mới",
                lead_ids=[org.commune_a2.pk],
                timeframe_raw="Thường xuyên",
                timeframe_kind="continuous",
            ),
            TaskDraft(
                ref="3",
                title="Báo cáo kết quả theo dõi dư luận xã hội",
                lead_ids=[org.dept_a1.pk],
                coordinator_ids=[org.commune_a2.pk],
                timeframe_raw="Định kỳ hằng quý",
                timeframe_kind="recurring",
                recurrence="quarterly",
            ),
        ],
    )
    return actions.create_plan(
        agency=org.province_a,
        draft=draft,
        acting_user=org.province_leader,
        today=kw.pop("today", dt.date(2026, 2, 1)),
    )
