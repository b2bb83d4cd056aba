"""Shared helpers for the benchmarks: machine description and RESULTS.md sections."""

from __future__ import annotations

import os
import platform
import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
HEADING = "# Benchmark results"


def machine() -> str:
    """``uname -srm`` and the CPU model, e.g. "Linux 6.1 x86_64, AMD EPYC (2 CPUs)"."""
    uname = platform.uname()
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or cpu
    return f"{uname.system} {uname.release} {uname.machine}, {cpu} ({os.cpu_count()} CPUs)"


def stamp() -> str:
    return datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).strftime("%Y-%m-%d %H:%M %z")


def update_section(title: str, body: str, path: Path = RESULTS) -> None:
    """Replace the ``## title`` section of RESULTS.md with ``body`` (or append it).

    Other sections are kept byte for byte; the file is created with its heading if missing.
    """
    text = path.read_text(encoding="utf-8") if path.exists() else HEADING + "\n"
    section = f"## {title}\n\n_{stamp()} — {machine()}_\n\n{body.strip()}\n"
    pattern = re.compile(rf"^## {re.escape(title)}\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _m: section + "\n", text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text.rstrip("\n") + "\n", encoding="utf-8")
