"""Is the text a normative document at all? (DOMAIN.md §1)

A reviewer sets aside work plans, summaries, annual reports, meeting notices,
commendations and decisions on one named party. The answer comes with its reason.
"""
from __future__ import annotations

import re
from functools import lru_cache

_NOT_NORMATIVE_TITLE = [
    (re.compile(r"工作要点|工作计划|工作安排|要点$"), "工作要点、工作计划属于内部工作部署，不属于行政规范性文件"),
    (re.compile(r"(?:年度|年|季度|半年)?(?:工作)?(?:总结|报告)$|情况的?报告|年度报告|工作报告"), "工作总结、年度报告不属于行政规范性文件"),
    (re.compile(r"(?:\d{4}|[〇○一二三四五六七八九零]{4})年(?:度)?[^》]{0,30}(?:工作)?(?:实施)?方案|年度[^》]{0,20}(?:实施)?方案"), "针对特定年度的工作方案属于一次性工作部署，不属于行政规范性文件"),
    (re.compile(r"召开[^》]{0,30}会议的通知|会议的通知|培训班的通知|举办[^》]{0,20}的通知"), "会议、培训通知属于事务性文件，不属于行政规范性文件"),
    (re.compile(r"表彰|表扬|通报批评|嘉奖|命名[^》]{0,20}的决定"), "表彰、通报类文件不属于行政规范性文件"),
    (re.compile(r"任免|任职|免职|聘任|人事"), "人事任免文件属于内部管理文件，不属于行政规范性文件"),
    (re.compile(r"批复$|复函$|答复$"), "批复、复函针对特定事项，不属于行政规范性文件"),
    (re.compile(r"(?:调整|成立|组建)[^》]{0,30}(?:领导小组|委员会|工作专班|指挥部)"), "机构设置与人员调整文件属于内部管理文件，不属于行政规范性文件"),
    (re.compile(r"(?:处罚|处理|处分)决定书?$|关于对[^》]{2,40}(?:有限公司|公司|厂|店)[^》]{0,20}的(?:决定|通知)"), "针对特定对象作出的决定属于具体行政行为，不属于行政规范性文件"),
]
_NOT_NORMATIVE_BODY = [
    (re.compile(r"特制定本(?:工作)?要点|本工作要点|现将[^。]{0,40}(?:情况|工作)[^。]{0,10}报告如下|年度报告如下|报告如下[:：]"),
     "正文为工作部署或工作报告，不设定公民、法人和其他组织的权利义务"),
]
_REPORT_MARKERS = re.compile(r"主要做法和成效|主要举措和成效|主要工作成效|工作成效|存在的(?:问题|不足)|下一步工作(?:打算|安排|计划|思路)|"
                             r"取得了?(?:一定|明显|显著|积极)?成效|现将[^。]{0,30}(?:情况|工作)[^。]{0,6}报告|工作总结|述法")
_NORMATIVE_LANGUAGE = re.compile(r"应当|不得|必须|须|禁止|严禁|一律|可以申请|给予[^。]{0,10}(?:补贴|奖励)")
_MEASURE_WORDS = re.compile(r"(?:办法|规定|细则|规则|意见|措施|决定|制度|规程|标准|目录|清单|公告|通告|指引|若干)"
                            r"(?:[（(](?:试行|暂行|修订|征求意见稿|草案|送审稿)[）)])?$")
_PUBLIC_DUTY = re.compile(r"公民|法人|其他组织|单位和个人|企业|经营者|申请人|当事人|市场主体|居民|村民|群众|学生|家长|业主|从业人员|"
                          r"(?:服务|经营|生产|建设|施工|用人|运营|使用|销售)单位|商户|个体工商户|养殖户|农户|驾驶人|机动车所有人|物业服务人|承租人|出租人")
# Provinces number normative documents apart (青政办规〔2024〕5号), and only they must state a validity period (国办发〔2018〕37号).
_NORMATIVE_NUMBER = re.compile(r"规〔|规\[|规［|规字")


def superior_law_kind(text: str) -> tuple[str, str] | None:
    """(kind, reason) when the text is itself a law, an administrative regulation, a local
    regulation or a rule, by the way it announces itself (rules/vocab/superior_forms.yaml)."""
    forms, n = _superior_forms()
    head = text[:n]
    for kind, reason, rx in forms:
        if rx.search(head):
            return kind, reason
    return None


@lru_cache(maxsize=1)
def _superior_forms():
    from .vocabulary import VOCAB_DIR
    from .yamlio import load_path
    data = load_path(VOCAB_DIR / "superior_forms.yaml")
    forms = tuple((f["kind"], f["reason"], re.compile("|".join(f"(?:{p})" for p in f["patterns"]), re.M))
                  for f in data["forms"])
    return forms, int(data.get("head_chars", 400))


def classify_normative(doc, has_articles: bool) -> tuple[bool, str, bool]:
    """(is it normative?, the reason, is there positive evidence that it is not?).

    Only positive evidence (a work plan, a report, a meeting notice, a law or rule's own
    promulgation formula…) keeps the content rules from reading a text; a text the
    classifier cannot place is still reviewed."""
    superior = superior_law_kind(doc.text) if getattr(doc, "kind", "document") == "document" else None
    if superior is not None:
        return False, superior[1], True
    is_norm, reason = _classify(doc, has_articles)
    return is_norm, reason, not is_norm and not reason.startswith(_UNCERTAIN)


_UNCERTAIN = ("未识别出文件标题", "未见设定")


def _classify(doc, has_articles: bool) -> tuple[bool, str]:
    title = doc.measure_title or doc.title or ""
    whole_title = doc.title or ""
    for rx, reason in _NOT_NORMATIVE_TITLE:
        if rx.search(title) or (whole_title != title and rx.search(whole_title)):
            return False, reason
    head = doc.text[:3000]
    for rx, reason in _NOT_NORMATIVE_BODY:
        if rx.search(head):
            return False, reason
    if len(set(m.group(0) for m in _REPORT_MARKERS.finditer(doc.text[:20000]))) >= 2:
        return False, "正文为工作总结或情况报告，不设定公民、法人和其他组织的权利义务"
    body = doc.text[doc.body_start:]
    if _MEASURE_WORDS.search(title) and (has_articles or _PUBLIC_DUTY.search(body)):
        return True, f"《{title}》以规范性文件形式对不特定对象普遍适用，可反复适用"
    if has_articles and _PUBLIC_DUTY.search(body):
        return True, "文件分条规定不特定对象的权利义务，按规范性文件审查"
    if doc.doc_number and _NORMATIVE_NUMBER.search(doc.doc_number.text) and _NORMATIVE_LANGUAGE.search(body):
        return True, f"文号“{doc.doc_number.text}”为规范性文件编号，且正文设定了普遍适用的要求"
    if doc.validity_text and _PUBLIC_DUTY.search(body) and _NORMATIVE_LANGUAGE.search(body):
        return True, f"《{title}》规定了有效期，并对不特定对象提出普遍适用的要求，按规范性文件审查"
    if title.endswith(("通知", "意见", "决定")) and _PUBLIC_DUTY.search(body) and len(_NORMATIVE_LANGUAGE.findall(body)) >= 3:
        return True, f"《{title}》对不特定对象提出普遍适用的要求，按规范性文件审查"
    if not title:
        if has_articles:
            return True, "文件分条设定规范，按规范性文件审查"
        return False, "未识别出文件标题，且正文未分条设定公民、法人和其他组织的权利义务"
    return False, f"《{title}》未见设定不特定对象权利义务的规范内容"
