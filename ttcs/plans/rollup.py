"""Upward roll-up of task status through the cascade (directive → province → department → …).

``build_tree`` loads a plan's tasks and every task that carries them out, level by level (one
query per level, whatever the number of tasks), and computes for each node the status of its own
occurrences combined with its children's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from ttcs.plans.models import OccurrenceStatus, Plan, Task


@dataclass
class Node:
    task: Task
    children: list[Node] = field(default_factory=list)
    own_total: int = 0
    own_done: int = 0
    own_overdue: int = 0
    own_percent_sum: int = 0
    total: int = 0
    done: int = 0
    overdue: int = 0
    percent: int = 0

    @property
    def status(self) -> str:
        if self.total == 0:
            return "empty"
        if self.done == self.total:
            return "done"
        if self.overdue:
            return "overdue"
        return "in_progress" if self.percent > 0 else "not_started"


MAX_DEPTH = 6


def build_tree(
    plan: Plan, *, visible_ids: set[int] | None = None, today: dt.date | None = None
) -> list[Node]:
    """Root nodes for ``plan``'s tasks with their descendants; ``visible_ids`` limits which
    lower plans' tasks are shown (None: all). Counts include hidden descendants so the roll-up
    stays true, only their details are hidden."""
    today = today or timezone.localdate()
    tasks = list(plan.tasks.prefetch_related("occurrences").order_by("position"))
    nodes = {t.pk: _node(t, today) for t in tasks}
    roots = [nodes[t.pk] for t in tasks]
    level = list(nodes)
    for _depth in range(MAX_DEPTH):
        if not level:
            break
        children = list(
            Task.objects.filter(parent_task_id__in=level)
            .select_related("plan", "plan__agency")
            .prefetch_related("occurrences")
            .order_by("plan__agency__path", "position")
        )
        level = []
        for child in children:
            node = _node(child, today)
            nodes[child.pk] = node
            parent = nodes.get(child.parent_task_id or 0)
            if parent is not None:
                parent.children.append(node)
            level.append(child.pk)
    for root in roots:
        _aggregate(root)
    if visible_ids is not None:
        for root in roots:
            _prune(root, visible_ids)
    return roots


def _node(task: Task, today: dt.date) -> Node:
    node = Node(task=task)
    for occ in task.occurrences.all():
        node.own_total += 1
        node.own_done += int(occ.status == OccurrenceStatus.DONE)
        node.own_overdue += int(occ.is_overdue(today))
        node.own_percent_sum += occ.percent
    return node


def _aggregate(node: Node) -> None:
    total, done, overdue, percent_sum = (
        node.own_total,
        node.own_done,
        node.own_overdue,
        node.own_percent_sum,
    )
    for child in node.children:
        _aggregate(child)
        total += child.total
        done += child.done
        overdue += child.overdue
        percent_sum += child.percent * child.total
    node.total, node.done, node.overdue = total, done, overdue
    node.percent = round(percent_sum / total) if total else 0


def _prune(node: Node, visible_ids: set[int]) -> None:
    node.children = [c for c in node.children if c.task.plan.agency_id in visible_ids]
    for child in node.children:
        _prune(child, visible_ids)
