"""The desk's filing-register pages, present when the desk runs with `--register DB`:

- `/register` — the filings on the register, newest first, as `reviewer filing list`
  shows them (`?year=2025` keeps one year's filings);
- `/register/{id}` — one filing: its particulars, its numbered findings and every
  decision recorded on each, its corrections;
- `/report?year=YYYY` — the annual filing-review report (备案审查年度报告) inside the
  desk's layout, and `/report/download?year=YYYY&format=docx|md` its Word and Markdown
  files.

Everything is read through the register's own functions (`list_filings`, `show_filing`,
`build_annual_report` and the report's renderers); nothing here computes a figure.
Without a register every route answers 404. Every page needs a login.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Callable, Optional
from urllib.parse import quote, urlencode

from fastapi import FastAPI, Request
from fastapi.responses import Response
from markupsafe import Markup

from ..errors import ReviewerError

NO_REGISTER = "本工作台未配置备案登记簿。请用 reviewer serve --register 数据库 启动工作台后再使用登记簿和年度报告页面。"
FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "md": "text/markdown; charset=utf-8",
}
_MAIN = re.compile(r"<main>(.*)</main>", re.S)


def add_register_pages(app: FastAPI, desk, *, page: Callable, user_of: Callable, to_login: Callable) -> None:
    """Add the register and report routes to the desk `app`."""
    from ..register.cleanup_outcomes import CLEANUP_NAMES
    from ..register.filings import DECISION_NAMES, MATERIALS, OUTCOMES

    names = {
        "outcome_names": OUTCOMES,
        "register_decision_names": DECISION_NAMES,
        "material_names": MATERIALS,
        "register_cleanup_names": CLEANUP_NAMES,
    }

    def gate(request: Request):
        """(register, None) for a logged-in user of a desk with a register, else (None, response)."""
        if not user_of(request):
            return None, to_login()
        if not desk.register.enabled:
            return None, page(request, "error.html", 404, message=NO_REGISTER)
        try:
            return desk.register.open(), None
        except ReviewerError as exc:
            return None, page(request, "error.html", 503, message=f"无法打开备案登记簿：{exc}")

    def bad(request: Request, message: str, status: int = 400):
        return page(request, "error.html", status, message=message)

    # ------------------------------------------------------------------ filings
    @app.get("/register", include_in_schema=False)
    async def register_list(request: Request):
        register, err = gate(request)
        if err:
            return err
        raw = request.query_params.get("year", "").strip()
        year = _year(raw, latest=date.today().year + 1) if raw else None
        if raw and year is None:
            return bad(request, "年度应为四位数字年份，例如 2025。")
        from ..register.filings import list_filings

        try:
            every = list_filings(register)
        except ReviewerError as exc:
            return bad(request, f"读取备案登记簿失败：{exc}", 503)
        years = sorted({int(r["received"][:4]) for r in every}, reverse=True)
        # list_filings(year=…) keeps the filings received in that year; the same rule here,
        # on the one list already read, so the year selector and the rows agree.
        rows = [r for r in every if year is None or int(r["received"][:4]) == year]
        rows.sort(key=lambda r: (r["received"], r["filing_id"]), reverse=True)
        return page(request, "register.html", rows=rows, year=year, years=years, total=len(every), **names)

    @app.get("/register/{fid}", include_in_schema=False)
    async def register_filing(request: Request, fid: str):
        register, err = gate(request)
        if err:
            return err
        if not fid.isdigit() or len(fid) > 12:
            return bad(request, "备案登记号应为数字，备案登记簿中没有这个登记号。", 404)
        from ..register.filings import show_filing

        try:
            data = show_filing(register, int(fid))
            history = _decision_history(register, int(fid))
        except ReviewerError as exc:
            if "不存在" in str(exc):
                return bad(request, f"备案登记簿中没有备案登记号 {int(fid)}。", 404)
            return bad(request, f"读取备案登记簿失败：{exc}", 503)
        for f in data["findings"]:
            f["history"] = history.get(f["no"], [])
        counts = {"pending": 0, "confirmed": 0, "dismissed": 0}
        for f in data["findings"]:
            counts[f["decision"] or "pending"] += 1
        return page(request, "filing.html", f=data, counts=counts, **names)

    # ------------------------------------------------------------------ annual report
    def report_params(request: Request):
        """(year, organ, None) or (None, None, error response)."""
        q = request.query_params
        raw = q.get("year", "").strip()
        if raw:
            year = _year(raw, latest=date.today().year)
            if year is None:
                return None, None, bad(request, f"报告年度“{raw[:10]}”无效：应为不晚于今年的四位年份，例如 2025。")
        else:
            year = None
        organ = re.sub(r"[\x00-\x1f\x7f]", "", q.get("organ", "")).strip()[:100] or None
        return year, organ, None

    @app.get("/report", include_in_schema=False)
    async def annual_report(request: Request):
        register, err = gate(request)
        if err:
            return err
        year, organ, err = report_params(request)
        if err:
            return err
        years = _filing_years(register)
        if year is None:
            year = years[0] if years and years[0] <= date.today().year else date.today().year
        from ..reports.annual_render import to_html

        try:
            rep, chart_note = _build(register, year, organ, charts=True)
        except ReviewerError as exc:
            return bad(request, f"生成年度报告失败：{exc}", 503)
        html = to_html(rep)
        m = _MAIN.search(html)
        # The renderer's own markup (its Jinja environment autoescapes every text it
        # places, as tests/test_web_register.py checks with a hostile issuer name); only
        # the <main> part is kept, its <style> being replaced by desk.css under the CSP.
        body = Markup(m.group(1) if m else "")
        query = {"year": year, **({"organ": organ} if organ else {})}
        downloads = {fmt: "/report/download?" + urlencode({**query, "format": fmt}) for fmt in FORMATS}
        return page(
            request,
            "report.html",
            report=rep,
            fig=rep.figures,
            report_html=body,
            year=year,
            organ=organ or "",
            years=years,
            chart_note=chart_note,
            downloads=downloads,
        )

    @app.get("/report/download", include_in_schema=False)
    async def annual_download(request: Request):
        register, err = gate(request)
        if err:
            return err
        year, organ, err = report_params(request)
        if err:
            return err
        fmt = request.query_params.get("format", "docx")
        if year is None or fmt not in FORMATS:
            return bad(request, "请指定报告年度（year）和下载格式（format=docx 或 md）。")
        from ..reports.annual_render import to_docx, to_markdown

        try:
            # Markdown cannot carry images: its report is built without charts.
            rep, _ = _build(register, year, organ, charts=fmt == "docx")
        except ReviewerError as exc:
            return bad(request, f"生成年度报告失败：{exc}", 503)
        data = to_docx(rep) if fmt == "docx" else to_markdown(rep).encode("utf-8")
        filename = f"{organ or ''}备案审查年度报告-{year}.{fmt}"
        disposition = f"attachment; filename=\"annual-report-{year}.{fmt}\"; filename*=UTF-8''{quote(filename)}"
        return Response(
            data, media_type=FORMATS[fmt], headers={"Content-Disposition": disposition, "Cache-Control": "no-store"}
        )


def _year(raw: str, *, latest: int) -> Optional[int]:
    if not re.fullmatch(r"\d{4}", raw):
        return None
    year = int(raw)
    return year if 1949 <= year <= latest else None


def _filing_years(register) -> list[int]:
    from sqlalchemy import select

    from ..register.models import Filing

    with register.transaction() as s:
        return sorted({d.year for d in s.scalars(select(Filing.received))}, reverse=True)


def _decision_history(register, filing_id: int) -> dict[int, list[dict]]:
    """Every decision recorded on each finding of the filing's document, oldest first
    (show_filing gives only the latest)."""
    from ..register.filings import get_filing

    with register.transaction() as s:
        review = get_filing(s, filing_id).document.latest_review
        return {
            f.no: [
                {
                    "decision": d.decision,
                    "note": d.note,
                    "by": d.decided_by,
                    "at": d.decided_at.strftime("%Y-%m-%d %H:%M") if d.decided_at else "",
                }
                for d in f.decisions
            ]
            for f in (review.findings if review else [])
        }


def _build(register, year: int, organ: Optional[str], *, charts: bool):
    """The report, with charts when asked and a Chinese font is installed; returns
    (report, note) where note says why the charts are missing, or None."""
    from ..reports.annual import build_annual_report

    if not charts:
        return build_annual_report(register, year, organ=organ, charts=False), None
    note = None
    try:
        from ..reports.cjkfont import FontMissingError
    except ImportError:  # pragma: no cover - the reports package always has it
        FontMissingError = ReviewerError
    try:
        return build_annual_report(register, year, organ=organ, charts=True), None
    except FontMissingError as exc:
        note = f"未生成图表：{exc}"
    except ImportError:
        note = "未生成图表：本机未安装 matplotlib（pip install matplotlib），报告的文字和表格不受影响。"
    return build_annual_report(register, year, organ=organ, charts=False), note
