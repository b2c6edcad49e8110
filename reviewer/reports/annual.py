"""The annual filing-review report (备案审查年度报告): `build_annual_report`.

Figures come from `annual_figures.compute` (one read-only transaction on the register);
this module writes them up as an ordered list of blocks — headings, paragraphs, tables,
charts — in the order and register of a real annual report, and `annual_render` turns
the blocks into .docx (GB/T 9704 layout), HTML or Markdown. All three formats therefore
say exactly the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..dates import to_prose
from ..outputs.labels import book_title
from ..register.cleanup_outcomes import CLEANUP_NAMES
from ..register.filings import OUTCOMES
from .annual_figures import AnnualFigures, compute

_NUM = "一二三四五六七八九十"


@dataclass
class Block:
    kind: str  # title | h1 | h2 | p | table | chart | pagebreak | annex | signature
    text: str = ""
    lead: str = ""
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)  # mm, for the docx
    left_cols: tuple[int, ...] = ()
    chart: str = ""
    caption: str = ""
    small: bool = False


@dataclass
class AnnualReport:
    figures: AnnualFigures
    title: str
    blocks: list[Block]
    charts: dict[str, bytes]


def _pct(n: int, d: int) -> str:
    return "—" if not d else f"{n / d * 100:.1f}%"


def _cn(i: int) -> str:
    return _NUM[i - 1] if 1 <= i <= 10 else str(i)


def build_annual_report(
    register, year: int, *, organ: str | None = None, made_on: date | None = None, charts: bool = True
) -> AnnualReport:
    with register.transaction() as s:
        fig = compute(s, year, organ=organ, made_on=made_on)
    chart_png = {}
    captions = {}
    if charts:
        from .annual_charts import all_charts

        for key, cap, png in all_charts(fig):
            chart_png[key] = png
            captions[key] = cap
    title = f"{organ or ''}{year}年度行政规范性文件备案审查工作报告"
    return AnnualReport(fig, title, _blocks(fig, title, captions), chart_png)


def _blocks(f: AnnualFigures, title: str, captions: dict[str, str]) -> list[Block]:
    B = Block
    out: list[Block] = [B("title", title)]
    who = f.organ or "本机关"
    out.append(
        B(
            "p",
            f"{f.year}年，{who}依照行政规范性文件备案审查的有关规定，对制定机关报送备案的行政规范性文件"
            "逐件登记、逐件审查，对审查发现的问题依法提出处理意见并督促纠正。现将本年度备案审查工作情况报告如下。",
        )
    )
    fig_no = [0]
    tab_no = [0]

    def chart(key):
        if key in captions:
            fig_no[0] += 1
            out.append(B("chart", chart=key, caption=f"图{fig_no[0]}　{captions[key]}"))

    def table_caption(text):
        tab_no[0] += 1
        return f"表{tab_no[0]}　{text}"

    # 一、基本情况
    out.append(B("h1", "一、基本情况"))
    parts = [
        f"{f.year}年共收到制定机关报送备案的文件{f.filings_received}件次，涉及文件{f.documents_received}件"
        + (f"、制定机关{f.issuers}个" if f.issuers else "")
    ]
    if f.duplicate_filings:
        parts.append(f"其中重复报送{f.duplicate_filings}件次")
    if f.not_normative:
        parts.append(f"经审查不属于行政规范性文件、不予备案登记的{f.not_normative}件")
    text = (
        "，".join(parts)
        + f"；予以备案登记的行政规范性文件{f.registered}件，其中在规定期限内报备{f.on_time}件，逾期报备{f.late}件。"
    )
    out.append(B("p", text))
    corr = f.corrections
    out.append(
        B(
            "p",
            f"已完成审查{f.reviewed}件，尚在审查{f.under_review}件。经审查，存在问题的文件{f.defective}件，"
            f"确认问题{f.findings_confirmed}项（审查工具提示问题{f.findings_total}项，经人工审查不予采纳{f.findings_dismissed}项，"
            f"待处理{f.findings_pending}项"
            + (f"；审核人员另行发现问题{f.findings_own}项" if f.findings_own else "")
            + "）。"
            f"存在问题的文件中，已纠正{f.corrected_total}件（制定机关自行纠正{corr['corrected']}件、"
            f"撤销{corr['revoked']}件、变更{corr['changed']}件），正在督促纠正{corr['pending']}件。",
        )
    )
    rows = [
        ["收到报备文件（件次）", f.filings_received],
        ["其中：重复报送（件次）", f.duplicate_filings],
        ["涉及文件（件）", f.documents_received],
        ["其中：不属于规范性文件（件）", f.not_normative],
        ["予以备案登记的规范性文件（件）", f.registered],
        ["其中：按期报备（件）", f.on_time],
        ["　　　逾期报备（件）", f.late],
        ["已完成审查（件）", f.reviewed],
        ["尚在审查（件）", f.under_review],
        ["存在问题（件）", f.defective],
        ["确认问题（项）", f.findings_confirmed],
        ["已纠正（件）", f.corrected_total],
        ["正在督促纠正（件）", corr["pending"]],
    ]
    out.append(
        B(
            "table",
            caption=table_caption(f"{f.year}年度备案审查主要数据"),
            header=["项　目", "数　量"],
            rows=[[a, str(b)] for a, b in rows],
            widths=[110, 40],
            left_cols=(0,),
        )
    )

    # 二、报备情况和主要指标
    out.append(B("h1", "二、报备情况和主要指标"))
    out.append(B("h2", "（一）四项指标"))
    summary = "，".join(f"{r.name}{r.percent}" for r in f.rates)
    out.append(B("p", f"本年度{summary}。各项指标的计算口径如下，分子、分母均可由登记簿逐件核对。"))
    out.append(
        B(
            "table",
            caption=table_caption("四项指标"),
            header=["指　标", "分　子", "分　母", "比　率"],
            rows=[
                [r.name, f"{r.numerator_label} {r.numerator}", f"{r.denominator_label} {r.denominator}", r.percent]
                for r in f.rates
            ],
            widths=[28, 50, 52, 22],
            left_cols=(1, 2),
        )
    )
    for r in f.rates:
        out.append(B("p", r.definition, lead=f"{r.name}："))
    out.append(B("h2", "（二）报备时效和完整性"))
    late = [a for a in f.annex if a.normative and not a.on_time]
    text = f"本年度按期报备{f.on_time}件，逾期报备{f.late}件，及时报备率{f.rate('timely').percent}。"
    if late:
        text += (
            "逾期报备的文件是："
            + "；".join(
                f"{a.issuer}{book_title(a.title)}（{to_prose(a.published.isoformat())}公布，{to_prose(a.received.isoformat())}报送）"
                for a in late[:6]
            )
            + ("等" if len(late) > 6 else "")
            + "。"
        )
    out.append(B("p", text))
    if f.issuers_with_list:
        out.append(
            B(
                "p",
                f"对已提供发文目录的{f.issuers_with_list}个制定机关进行了报备完整性核查：发文目录所列本年度规范性文件"
                f"{f.listed}件，未报备{f.never_filed}件；另有已报备但未列入发文目录的文件{f.not_listed}件。",
            )
        )
    else:
        out.append(B("p", "本年度尚未导入制定机关的发文目录，报备率按已报备文件计算，未能核查漏报情况。"))
    chart("monthly")

    # 三、审查发现的主要问题
    out.append(B("h1", "三、审查发现的主要问题"))
    if f.categories:
        top = "、".join(f"{c.name}（{c.findings}项）" for c in f.categories[:3])
        out.append(
            B(
                "p",
                f"经审查确认问题{f.findings_confirmed}项，涉及文件{f.defective}件，按问题类别统计如下。"
                f"数量较多的问题是{top}。同一文件可能存在多类问题，各类别涉及文件数之和可能大于存在问题的文件数。",
            )
        )
        rows = [[str(i), c.name, str(c.findings), str(c.documents)] for i, c in enumerate(f.categories, 1)]
        rows.append(["", "合计", str(sum(c.findings for c in f.categories)), str(f.defective)])
        out.append(
            B(
                "table",
                caption=table_caption("审查确认的问题按类别统计"),
                header=["序号", "问题类别", "问题数（项）", "涉及文件（件）"],
                rows=rows,
                widths=[16, 76, 30, 30],
                left_cols=(1,),
            )
        )
        chart("categories")
    else:
        out.append(B("p", "本年度经审查未确认存在问题的文件。"))

    # 四、纠正情况
    out.append(B("h1", "四、纠正情况"))
    if f.defective:
        out.append(
            B(
                "p",
                f"对存在问题的{f.defective}件文件，均已向制定机关指出问题并提出处理意见。截至{to_prose(f.made_on.isoformat())}，"
                f"已纠正{f.corrected_total}件，纠正率{_pct(f.corrected_total, f.defective)}；正在督促纠正{corr['pending']}件。",
            )
        )
        names = {**OUTCOMES, "pending": "正在督促纠正"}
        rows = [[names[k], str(corr[k]), _pct(corr[k], f.defective)] for k in (*OUTCOMES, "pending")]
        rows.append(["合计", str(sum(corr.values())), _pct(sum(corr.values()), f.defective)])
        out.append(
            B(
                "table",
                caption=table_caption("存在问题文件的纠正情况"),
                header=["处理结果", "件数", "占存在问题文件比例"],
                rows=rows,
                widths=[70, 35, 45],
                left_cols=(0,),
            )
        )
    else:
        out.append(B("p", "本年度无需督促纠正的文件。"))

    # 五、规范性文件清理情况
    out.append(B("h1", "五、规范性文件清理情况"))
    c = f.cleanup
    if f.cleanup_total:
        out.append(
            B(
                "p",
                f"{f.year}年度共清理规范性文件{f.cleanup_total}件，其中继续有效{c['remain']}件，修改{c['modify']}件，"
                f"废止{c['abolish']}件，宣布失效{c['void']}件。清理结果目录见附件2。",
            )
        )
    else:
        out.append(B("p", f"登记簿中尚无{f.year}年度的规范性文件清理结果。"))
    rows = [[CLEANUP_NAMES[k], str(c[k]), _pct(c[k], f.cleanup_total)] for k in CLEANUP_NAMES]
    rows.append(["合计", str(f.cleanup_total), _pct(f.cleanup_total, f.cleanup_total)])
    out.append(
        B(
            "table",
            caption=table_caption(f"{f.year}年度规范性文件清理结果"),
            header=["清理结果", "件数", "占比"],
            rows=rows,
            widths=[70, 35, 45],
            left_cols=(0,),
        )
    )
    chart("outcomes")

    # 六、典型案例
    out.append(B("h1", "六、典型案例"))
    if not f.cases:
        out.append(B("p", "本年度无典型案例。"))
    for i, case in enumerate(f.cases, 1):
        out.append(B("h2", f"（{_cn(i)}）{case.issuer}{book_title(case.title)}{case.category_name}案"))
        number = f"（{case.doc_number}）" if case.doc_number else ""
        where = case.provision or "有关条款"
        out.append(
            B(
                "p",
                f"{case.issuer}报送备案的{book_title(case.title)}{number}{where}规定：“{case.quote}”",
                lead="基本情况。",
            )
        )
        found = "经审核人员审查发现，" if case.by_reviewer else ""
        basis = f"审查依据：{case.basis.rstrip('。')}。" if case.basis else ""
        out.append(B("p", f"{found}{case.explanation.rstrip('。')}。{basis}", lead="审查意见。"))
        out.append(B("p", case.outcome.rstrip("。") + "。", lead="处理结果。"))

    # 七、存在的问题和下一步工作
    out.append(B("h1", "七、存在的问题和下一步工作"))
    issues = []
    if f.late or f.never_filed:
        issues.append(
            (
                "报备及时性和完整性有待提高。",
                f"本年度逾期报备{f.late}件"
                + (f"，发文目录中未报备{f.never_filed}件" if f.never_filed else "")
                + "。下一步将对逾期、漏报的制定机关逐一提醒，并将报备情况纳入法治政府建设考核。",
            )
        )
    form = f.rate("form")
    if form.value is not None and form.value < 1:
        issues.append(
            (
                "报备材料规范性有待加强。",
                f"发文字号不规范的{f.doc_number_defects}件，报备材料不齐全的{f.materials_incomplete}件。"
                "下一步将明确报备材料清单，对不符合要求的予以退回补正。",
            )
        )
    legal = f.rate("legality")
    if legal.value is not None and legal.value < 1:
        issues.append(
            (
                "合法性审核有待全覆盖。",
                f"{legal.denominator - legal.numerator}件文件报备时未附合法性审核意见。"
                "下一步将督促制定机关落实提交集体审议前的合法性审核。",
            )
        )
    if corr["pending"]:
        issues.append(
            ("纠正工作仍需跟进。", f"尚有{corr['pending']}件存在问题的文件正在督促纠正，将跟踪至制定机关完成纠正。")
        )
    if f.findings_pending:
        issues.append(
            ("审查工作需按期完成。", f"尚有{f.under_review}件文件的{f.findings_pending}项提示问题待人工审查确认。")
        )
    if not issues:
        out.append(B("p", "本年度各项指标均达到要求，下一步将继续坚持有件必备、有备必审、有错必纠。"))
    for i, (lead, text) in enumerate(issues, 1):
        out.append(B("p", text, lead=f"（{_cn(i)}）{lead}"))
    out.append(B("signature", f.organ or "", caption=to_prose(f.made_on.isoformat())))

    # 附件
    out.append(B("pagebreak"))
    out.append(B("annex", "附件1"))
    out.append(B("title", f"{f.year}年度报备文件目录"))
    rows = []
    for i, a in enumerate(f.annex, 1):
        timing = "按期" if a.on_time else "逾期"
        if a.duplicates:
            timing += f"（重复{a.duplicates}次）"
        rows.append(
            [
                str(i),
                book_title(a.title) + (f"\n{a.doc_number}" if a.doc_number else ""),
                a.issuer,
                f"{to_prose(a.published.isoformat())}\n{to_prose(a.received.isoformat())}",
                timing,
                a.result,
            ]
        )
    out.append(
        B(
            "table",
            header=["序号", "文件名称及文号", "制定机关", "公布日期\n报送日期", "报备", "审查和处理结果"],
            rows=rows or [["", "（无）", "", "", "", ""]],
            widths=[12, 46, 26, 30, 14, 28],
            left_cols=(1, 2, 5),
            small=True,
        )
    )
    if f.cleanup_total:
        out.append(B("pagebreak"))
        out.append(B("annex", "附件2"))
        out.append(B("title", f"{f.year}年度规范性文件清理结果目录"))
        for i, key in enumerate(CLEANUP_NAMES, 1):
            items = f.cleanup_items[key]
            out.append(B("h1", f"{_cn(i)}、{CLEANUP_NAMES[key]}的规范性文件（{len(items)}件）"))
            rows = [
                [
                    str(j),
                    book_title(x["title"]) + (f"\n{x['doc_number']}" if x["doc_number"] else ""),
                    x["issuer"] or "",
                    "；".join(x["reasons"]),
                ]
                for j, x in enumerate(items, 1)
            ]
            out.append(
                B(
                    "table",
                    header=["序号", "文件名称及文号", "制定机关", "理由"],
                    rows=rows or [["", "（无）", "", ""]],
                    widths=[12, 56, 30, 58],
                    left_cols=(1, 2, 3),
                    small=True,
                )
            )
    return out
