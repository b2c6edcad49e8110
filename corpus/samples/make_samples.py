"""Write the sample documents of corpus/samples/ (.docx, .pdf for some, README.md).

Usage: python corpus/samples/make_samples.py [--out DIR]

The texts are below, as data: invented jurisdictions (青川市, 临江县, 东湖区),
names and numbers, written for this project. Each sample is a cover notice
(关于印发《…》的通知) followed by the attached measure. The generated files are
committed next to this script; regenerating them is byte-for-byte reproducible
(fixed zip timestamps and PDF invariant mode). After writing, the script reads
every file back (python-docx; pypdfium2 and pdfplumber for the PDFs) and exits 1
if any text does not come back.

Markup of ``Sample.measure`` (one paragraph per line, leading blanks ignored):
  ``# 总则``    a chapter heading, numbered 第一章、第二章… in order
  ``§ 为了…``   an article, numbered 第一条、第二条… in order
  any other     a paragraph of the preceding article (款) or an item (（一）项),
                or, in a document without articles, a plain paragraph
Cross references inside the text (本办法第四条) are written by hand and were
checked against that numbering (see README.md).
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path


@dataclass(frozen=True)
class Sample:
    stem: str  # file name without suffix
    banner: str  # 发文机关标志, e.g. 青川市市场监督管理局文件
    doc_number: str  # 文号 as printed (defects kept)
    title: str  # the cover notice's title
    addressee: str  # 主送机关
    notice_body: tuple[str, ...]
    signers: tuple[str, ...]  # 落款机关
    date: str  # 成文日期, e.g. 2025年3月12日
    measure_title: str
    measure: str  # marked-up text of the attached measure
    running_header: str = ""  # PDF running header; empty: no PDF is made
    auto_numbering: bool = False  # docx: 第X条 by Word list numbering
    publish_note: str = "（此件公开发布）"
    jurisdiction: str = ""  # 青川市 / 临江县 / 东湖区 (used by bench/make_corpus.py)
    notes: tuple[str, ...] = field(default=())  # what a reviewer should find (README)

    @property
    def makes_pdf(self) -> bool:
        return bool(self.running_header)


# ---------------------------------------------------------------------------
# 1. 市场监管: creates fines and a 备案 licence of its own; cites the repealed
#    《中华人民共和国合同法》 in 2025. Articles numbered automatically in Word.
# ---------------------------------------------------------------------------
MARKET = Sample(
    stem="01_qingchuan_prepaid_consumption",
    banner="青川市市场监督管理局文件",
    doc_number="青市监发〔2025〕9号",
    title="青川市市场监督管理局关于印发《青川市预付式消费经营活动管理办法》的通知",
    addressee="各区县市场监督管理局，局机关各科室、各直属单位：",
    notice_body=(
        "为规范我市预付式消费经营活动，切实维护消费者合法权益，市局研究制定了"
        "《青川市预付式消费经营活动管理办法》，已经2025年3月5日局长办公会议审议通过，"
        "现印发给你们，请结合工作实际认真贯彻执行。",
        "执行中遇到的问题，请及时向市局消费者权益保护科反馈。",
    ),
    signers=("青川市市场监督管理局",),
    date="2025年3月12日",
    measure_title="青川市预付式消费经营活动管理办法",
    auto_numbering=True,
    jurisdiction="青川市",
    measure="""
# 总则
§ 为了规范本市预付式消费经营活动，维护消费者和经营者的合法权益，促进服务消费健康发展，根据《中华人民共和国消费者权益保护法》《中华人民共和国合同法》等法律法规，结合本市实际，制定本办法。
§ 本市行政区域内从事美容美发、健身、教育培训、洗车、洗衣、餐饮等经营活动，以发行单用途预付卡、会员卡或者其他方式预先收取费用，再分次提供商品或者服务的（以下简称预付式消费经营），适用本办法。
§ 市市场监督管理部门负责全市预付式消费经营活动的监督管理工作。区县市场监督管理部门按照职责分工，负责本辖区内预付式消费经营活动的监督管理工作。
  商务、教育、文化旅游、体育等部门按照各自职责，做好预付式消费经营的相关管理工作。
# 经营备案
§ 经营者开展预付式消费经营前，应当向所在地区县市场监督管理部门申请办理预付式消费经营备案，取得《预付式消费经营备案证明》后，方可发售预付卡。
  未取得备案证明的，不得以任何形式预收费用。
§ 申请办理预付式消费经营备案，应当提交下列材料：
  （一）营业执照复印件；
  （二）经营场所产权证明或者租赁合同，租赁期限不得少于二年；
  （三）预付卡章程和格式合同文本；
  （四）预收资金存管协议；
  （五）经营场所所在地社区居民委员会出具的无经营纠纷证明；
  （六）市场监督管理部门要求提交的其他材料。
§ 区县市场监督管理部门应当自受理申请之日起十个工作日内进行审核。符合条件的，发给备案证明；不符合条件的，书面告知申请人并说明理由。
  备案证明有效期为二年。有效期届满需要继续经营的，经营者应当在届满三十日前重新申请备案。
# 经营规范
§ 经营者应当与消费者订立书面合同，依照《中华人民共和国合同法》的规定明确双方的权利义务。合同应当载明下列事项：
  （一）商品或者服务的名称、数量、价格和质量标准；
  （二）预付金额、有效期限和使用方式；
  （三）退款条件、退款方式和违约责任；
  （四）争议解决方式。
§ 单张预付卡记载的金额不得超过五千元；经营者一次性预收的费用不得超过十二个月的服务费用。
§ 经营者应当将预收资金的百分之三十存入市市场监督管理部门指定的商业银行开立的专用存管账户，作为履约保证金，在预付卡余额全部消费或者退还前不得支取。
§ 经营者应当在经营场所显著位置公示备案证明、预付卡章程、退款规则和投诉电话。
§ 消费者要求退卡的，经营者应当自收到申请之日起七日内按照合同约定退还余额；合同未约定的，应当退还未消费部分的全部金额。
§ 经营者停业、歇业或者迁移经营场所的，应当提前三十日在经营场所显著位置和市场监督管理部门网站公告，并妥善处理消费者未消费的余额。
# 监督管理
§ 市场监督管理部门应当建立预付式消费经营信用档案，根据经营者的信用状况实施分类监管。
§ 经营者有下列情形之一的，列入预付式消费经营重点监管名单，三年内不予办理备案，其法定代表人三年内不得在本市从事预付式消费经营活动：
  （一）收取预付款后停业、歇业，未妥善处理消费者余额的；
  （二）一年内被消费者投诉三次以上且经查证属实的；
  （三）拒不配合监督检查的。
§ 市场监督管理部门可以对经营者的经营场所、账簿和预收资金存管情况进行检查，经营者应当予以配合，如实提供有关资料。
# 法律责任
§ 违反本办法第四条规定，未取得备案证明发售预付卡或者预收费用的，由市场监督管理部门责令停止发卡，处一万元以上三万元以下罚款。
§ 违反本办法第八条规定，单张预付卡金额或者一次性预收费用超过限额的，由市场监督管理部门责令改正，处五千元以上一万元以下罚款；情节严重的，吊销其备案证明。
§ 违反本办法第九条规定，经营者未按照规定存管履约保证金的，由市场监督管理部门责令限期改正；逾期不改正的，处二万元罚款，并没收履约保证金。
§ 经营者以预收款方式提供商品或者服务，未按照约定提供的，依照《中华人民共和国消费者权益保护法》第五十三条、第五十六条的规定处理。
§ 市场监督管理部门工作人员在预付式消费经营监督管理工作中滥用职权、玩忽职守、徇私舞弊的，依法给予处分；构成犯罪的，依法追究刑事责任。
# 附则
§ 本办法由青川市市场监督管理局负责解释。
§ 本办法自2025年4月1日起施行，有效期5年。
""",
    notes=(
        "第一条、第七条引用《中华人民共和国合同法》。该法已于2021年1月1日《中华人民共和国民法典》施行时废止，本文件成文于2025年，属引用已废止的上位法（superior_law.repealed）。第一条同时引用的《中华人民共和国消费者权益保护法》现行有效。",
        "第四条、第五条、第六条自设“预付式消费经营备案”：取得备案证明后“方可”发售预付卡，另设材料、审核、有效期二年，实为变相设定行政许可，违反《中华人民共和国行政许可法》第十七条（ultra_vires.license）。",
        "第五条第（五）项要求社区居民委员会出具“无经营纠纷证明”，属于无谓证明；第（六）项“要求提交的其他材料”属于兜底条件，增加申请人义务（ultra_vires.obligation）。",
        "第八条限定预付卡金额和预收期限，无法律、法规依据，增加经营者义务（ultra_vires.obligation，宜为警告级）。",
        "第九条要求将预收资金的百分之三十存入“市市场监督管理部门指定的商业银行”作为履约保证金：既是没有法律依据的保证金（ultra_vires.fee），又是限定交易，《公平竞争审查条例》第八条第（三）项（fair_competition.entry）。",
        "第十四条“列入重点监管名单，三年内不予办理备案，其法定代表人……不得在本市从事……”，以名单作为惩戒并限制从业，无上位法依据（ultra_vires.obligation）。",
        "第十六条、第十七条、第十八条自行设定罚款，第十七条设定“吊销备案证明”，第十八条设定“没收履约保证金”，违反《中华人民共和国行政处罚法》第十六条（ultra_vires.penalty）。",
        "第十九条“依照《中华人民共和国消费者权益保护法》第五十三条、第五十六条的规定处理”属于援引上位法，合法，不应报错。",
        "第二十二条规定有效期5年，不应报有效期问题。",
        "docx 中“第X条”由 Word 自动编号（numbering.xml 中 chineseCounting、lvlText 为“第%1条”）生成，document.xml 的 w:t 中没有“第X条”字样，提取文本时须自行还原条号。",
        "清理建议：修改（modify）。",
    ),
)


# ---------------------------------------------------------------------------
# 2. 招商引资若干措施: fair-competition problems.
# ---------------------------------------------------------------------------
INVESTMENT = Sample(
    stem="02_donghu_investment_measures",
    banner="东湖区人民政府文件",
    doc_number="东政发〔2025〕3号",
    title="东湖区人民政府关于印发《东湖区促进招商引资高质量发展若干措施》的通知",
    addressee="各街道办事处，区政府各部门，各有关单位：",
    notice_body=(
        "《东湖区促进招商引资高质量发展若干措施》已经2025年2月10日区政府第27次常务会议研究通过，"
        "现印发给你们，请认真组织实施。",
        "各责任单位要按照职责分工，抓紧制定具体兑现流程，确保各项政策落地见效。",
    ),
    signers=("东湖区人民政府",),
    date="2025年2月18日",
    measure_title="东湖区促进招商引资高质量发展若干措施",
    running_header="东湖区人民政府行政规范性文件",
    jurisdiction="东湖区",
    measure="""
§ 为进一步优化营商环境，加大招商引资工作力度，推动区域经济高质量发展，结合我区实际，制定本措施。
§ 本措施适用于在东湖区注册登记、税收解缴关系在东湖区、具有独立法人资格的企业。
§ 对新引进的企业，实缴注册资本达到5000万元以上的，按照实缴注册资本的1%给予一次性落户奖励，最高不超过500万元。
§ 对新引进的企业，自投产或者开业之日起三年内，以其当年缴纳的增值税、企业所得税区级留成部分为基数，第一年按照100%、第二年和第三年按照50%给予经济贡献奖励。
§ 对新认定的总部企业，按照其当年缴纳税收形成的区级财力贡献的60%给予返还，连续返还五年。
§ 对新引进企业的高级管理人员，按照其缴纳的个人所得税区级留成部分的80%给予奖励，奖励期限为三年。
§ 对固定资产投资额10亿元以上的重大产业项目，实行“一事一议”，由区投资促进局报区政府研究后，在用地、用能、资金等方面给予特殊支持。
§ 对新引进的企业，前三年为职工缴纳的基本养老保险、基本医疗保险和失业保险单位缴费部分，由区财政按照50%给予补贴。
§ 区属行政机关、事业单位和国有企业在政府采购和工程建设项目招标中，同等条件下优先采购本区企业生产的产品和提供的服务。
  区政府投资项目的设计、施工、监理，优先选择在本区注册的企业承担。
§ 外地企业参与本区政府投资项目投标的，应当在本区注册设立具有独立法人资格的子公司，并在中标后六个月内将税收解缴关系迁入本区。
§ 区工业和信息化局定期发布《东湖区优质产品推荐目录》。区属国有企业和政府投资项目应当优先选用目录内产品，未选用的应当书面说明理由。
§ 外地生产的预拌混凝土、钢材等建材产品进入本区重点工程的，应当先经区住房和城乡建设局备案登记。
§ 对引进的高层次人才，按照下列标准给予安家补贴：
  （一）国家级领军人才，每人100万元；
  （二）省级领军人才，每人50万元；
  （三）博士研究生或者具有正高级专业技术职称的，每人20万元。
  安家补贴分三年平均发放。
§ 建立重点企业“服务专员”制度，由区有关部门负责同志担任服务专员，协调解决企业在项目建设和生产经营中遇到的困难和问题。
§ 本措施规定的奖励资金，由企业提出申请，区投资促进局会同区财政局、区税务局审核后兑现。
  企业享受本措施奖励后十年内将注册地、税收解缴关系迁出本区或者减少注册资本的，应当全额退还已享受的奖励资金。
§ 本措施与本区其他同类政策不重复享受，按照就高原则执行。
§ 本措施由区投资促进局负责解释。
§ 本措施自2025年3月1日起施行，有效期至2027年12月31日。
""",
    notes=(
        "第二条把适用对象限于在东湖区注册、税收解缴关系在东湖区的企业，配合以下各条构成对本地企业的选择性优惠（fair_competition.cost，宜为警告级）。",
        "第四条“以其当年缴纳的增值税、企业所得税区级留成部分为基数”给予奖励，第五条“区级财力贡献的60%给予返还”，第六条按个人所得税区级留成给予奖励：属于税收返还、以纳税额为基数的奖励，违反《公平竞争审查条例》第十条第（一）项、第（二）项（fair_competition.cost）。",
        "第三条按注册资本给予落户奖励、第七条“一事一议”给予特殊支持：对特定经营者的选择性奖励，《公平竞争审查条例》第十条第（二）项（fair_competition.cost；第七条个案给予，宜为错误级，第三条宜为警告级）。",
        "第八条对新引进企业的社会保险单位缴费给予补贴：在社会保险费方面给予特定经营者优惠，《公平竞争审查条例》第十条第（三）项（fair_competition.cost）。",
        "第九条政府采购和招标中“优先采购本区企业”“优先选择在本区注册的企业”：排斥、限制外地经营者参加本地政府采购和招标投标，《公平竞争审查条例》第九条第（三）项（fair_competition.flow）。",
        "第十条要求外地企业“在本区注册设立具有独立法人资格的子公司”并迁入税收关系：强制外地经营者在本地投资或设立分支机构，《公平竞争审查条例》第九条第（二）项（fair_competition.flow）。",
        "第十一条《优质产品推荐目录》要求“应当优先选用目录内产品，未选用的应当书面说明理由”：推荐目录具有强制效果，构成限定交易，《公平竞争审查条例》第八条第（三）项（fair_competition.entry）。",
        "第十二条外地建材进入本区须先“备案登记”：限制外地商品进入本地市场，《公平竞争审查条例》第九条第（一）项（fair_competition.flow），也涉嫌自设许可。",
        "第十五条第二款企业十年内迁出须全额退还奖励：阻碍本地经营者迁出，《公平竞争审查条例》第九条第（一）项（fair_competition.flow）。",
        "第十三条人才安家补贴按客观标准面向个人，第十四条“服务专员”是政府自身职责，均不应报错。",
        "第十八条规定有效期至2027年12月31日，不应报有效期问题。",
        "清理建议：废止（abolish）或全面修改，主要内容与公平竞争审查要求冲突。",
        "同时提供 PDF 版（每页页眉“东湖区人民政府行政规范性文件”、页脚页码“— 1 —”），用于检验 PDF 提取时剔除页眉页脚并拼接跨行、跨页段落。",
    ),
)


# ---------------------------------------------------------------------------
# 3. 城市管理: clean; restates superior law correctly; validity 5 years.
# ---------------------------------------------------------------------------
URBAN = Sample(
    stem="03_qingchuan_illegal_building_dust",
    banner="青川市人民政府文件",
    doc_number="青政规〔2025〕2号",
    title="青川市人民政府关于印发《青川市城市规划区违法建设和施工扬尘治理办法》的通知",
    addressee="各区县人民政府，市政府各部门，各有关单位：",
    notice_body=(
        "《青川市城市规划区违法建设和施工扬尘治理办法》已经市司法局合法性审核，"
        "并经2025年3月28日市政府第41次常务会议审议通过，现印发给你们，请认真贯彻执行。",
    ),
    signers=("青川市人民政府",),
    date="2025年4月8日",
    measure_title="青川市城市规划区违法建设和施工扬尘治理办法",
    jurisdiction="青川市",
    measure="""
# 总则
§ 为了加强城市规划区内违法建设和建设工程施工扬尘的治理，改善人居环境，根据《中华人民共和国城乡规划法》《中华人民共和国大气污染防治法》《中华人民共和国行政处罚法》等法律法规，结合本市实际，制定本办法。
§ 本市城市规划区内违法建设和建设工程施工扬尘的治理，适用本办法。
  本办法所称违法建设，是指未取得建设工程规划许可证或者未按照建设工程规划许可证的规定进行建设，以及未经批准或者未按照批准内容进行临时建设的建筑物、构筑物和其他设施。
§ 市城乡规划主管部门、住房城乡建设主管部门和城市管理综合执法部门按照法律、法规规定的职责，做好违法建设和施工扬尘的治理工作。
  区县人民政府、街道办事处应当做好本辖区内违法建设的日常巡查和报告工作。
§ 违法建设和施工扬尘治理坚持预防为主、教育与处罚相结合的原则，做到依法、公开、公正。
# 违法建设治理
§ 在城市规划区内进行建筑物、构筑物、道路、管线和其他工程建设的，建设单位或者个人应当依照《中华人民共和国城乡规划法》第四十条的规定，申请办理建设工程规划许可证。
§ 在城市规划区内进行临时建设的，应当依照《中华人民共和国城乡规划法》第四十四条的规定经城乡规划主管部门批准，并在批准的使用期限内自行拆除。
§ 城市管理综合执法部门、街道办事处在日常巡查中发现正在进行的违法建设的，应当及时劝阻，并告知有管辖权的部门依法处理。
§ 未取得建设工程规划许可证或者未按照建设工程规划许可证的规定进行建设的，由市城乡规划主管部门依照《中华人民共和国城乡规划法》第六十四条的规定责令停止建设；尚可采取改正措施消除对规划实施的影响的，限期改正，处建设工程造价百分之五以上百分之十以下的罚款；无法采取改正措施消除影响的，限期拆除，不能拆除的，没收实物或者违法收入，可以并处建设工程造价百分之十以下的罚款。
§ 未经批准进行临时建设、未按照批准内容进行临时建设或者临时建筑物、构筑物超过批准期限不拆除的，由城乡规划主管部门依照《中华人民共和国城乡规划法》第六十六条的规定责令限期拆除，可以并处临时建设工程造价一倍以下的罚款。
§ 城乡规划主管部门作出责令停止建设或者限期拆除的决定后，当事人不停止建设或者逾期不拆除的，建设工程所在地区县人民政府可以依照《中华人民共和国城乡规划法》第六十八条的规定，责成有关部门采取查封施工现场、强制拆除等措施。
  需要强制拆除的，应当依照《中华人民共和国行政强制法》第四十四条的规定，由行政机关予以公告，限期当事人自行拆除。当事人在法定期限内不申请行政复议或者提起行政诉讼，又不拆除的，行政机关可以依法强制拆除。
# 施工扬尘治理
§ 建设单位应当依照《中华人民共和国大气污染防治法》第六十九条的规定，将防治扬尘污染的费用列入工程造价，并在施工承包合同中明确施工单位扬尘污染防治责任。
  从事房屋建筑、市政基础设施建设、河道整治以及建筑物拆除等施工单位，应当依照该条规定制定具体的施工扬尘污染防治实施方案，并向负责监督管理扬尘污染防治的主管部门备案。
§ 施工单位应当在施工工地设置硬质围挡，并采取覆盖、分段作业、择时施工、洒水抑尘、冲洗地面和车辆等有效防尘降尘措施。建筑土方、工程渣土、建筑垃圾应当及时清运；在场地内堆存的，应当采用密闭式防尘网遮盖。
§ 运输煤炭、垃圾、渣土、砂石、土方、灰浆等散装、流体物料的车辆，应当依照《中华人民共和国大气污染防治法》第七十条的规定，采取密闭或者其他措施防止物料遗撒造成扬尘污染，并按照规定路线行驶。
§ 施工单位有下列行为之一的，由住房城乡建设等主管部门依照《中华人民共和国大气污染防治法》第一百一十五条的规定，按照职责责令改正，处一万元以上十万元以下的罚款；拒不改正的，责令停工整治：
  （一）施工工地未设置硬质围挡，或者未采取覆盖、分段作业、择时施工、洒水抑尘、冲洗地面和车辆等有效防尘降尘措施的；
  （二）建筑土方、工程渣土、建筑垃圾未及时清运，或者未采用密闭式防尘网遮盖的。
§ 运输散装、流体物料的车辆未采取密闭或者其他措施防止物料遗撒的，由市人民政府确定的监督管理部门依照《中华人民共和国大气污染防治法》第一百一十六条的规定责令改正，处二千元以上二万元以下的罚款；拒不改正的，车辆不得上道路行驶。
# 执法规范
§ 违法行为轻微并及时改正，没有造成危害后果的，依照《中华人民共和国行政处罚法》第三十三条的规定，不予行政处罚；初次违法且危害后果轻微并及时改正的，可以不予行政处罚。对依法不予行政处罚的，应当对当事人进行教育。
§ 执法人员在调查或者进行检查时，不得少于两人，并应当依照《中华人民共和国行政处罚法》第五十五条的规定主动向当事人或者有关人员出示执法证件。
§ 行政机关及其执法人员不得向当事人收取任何费用，不得指定或者变相指定施工单位购买特定品牌的围挡、防尘网、冲洗设备等产品。
§ 当事人对行政处罚决定或者行政强制决定不服的，可以依法申请行政复议或者提起行政诉讼。
§ 城乡规划、住房城乡建设、城市管理综合执法等部门的工作人员在违法建设和施工扬尘治理工作中玩忽职守、滥用职权、徇私舞弊的，依法给予处分；构成犯罪的，依法追究刑事责任。
# 附则
§ 法律、法规对违法建设和施工扬尘治理另有规定的，从其规定。
§ 本办法自2025年5月1日起施行，有效期5年。
""",
    notes=(
        "本件为合规样本，审查结果应为无错误级问题，清理建议为继续有效（remain）。",
        "第五条、第六条、第八条、第九条、第十条分别依照《中华人民共和国城乡规划法》第四十条、第四十四条、第六十四条、第六十六条、第六十八条，复述上位法规定，罚款幅度与第六十四条、第六十六条一致，属于援引而非创设，不应报行政许可、行政处罚或行政强制问题。",
        "第十条第二款依照《中华人民共和国行政强制法》第四十四条复述强制拆除程序。",
        "第十一条第二款的“备案”来自《中华人民共和国大气污染防治法》第六十九条第二款（同条已援引，第二款以“该条”回指），不是自设许可。",
        "第十二条复述《中华人民共和国大气污染防治法》第六十九条第三款的义务，未写明条号，但与第十一条援引的同一条一致；规则如以“无依据义务”报出，应为提示级而非错误级。",
        "第十四条、第十五条罚款幅度与《中华人民共和国大气污染防治法》第一百一十五条、第一百一十六条一致。",
        "第十六条、第十七条依照《中华人民共和国行政处罚法》第三十三条、第五十五条（2021年修订后的条号）。",
        "第十八条“不得指定或者变相指定……”是对行政机关的禁止性规定，属于合规表述，不应报指定交易。",
        "第二十二条规定有效期5年。",
    ),
)


# ---------------------------------------------------------------------------
# 4. 暂行规定: no validity clause, document number with [ ], deposits and
#    sealing/seizure created by the document itself.
# ---------------------------------------------------------------------------
DEBRIS = Sample(
    stem="04_linjiang_construction_waste_interim",
    banner="临江县人民政府文件",
    doc_number="临政发[2024]12号",
    title="临江县人民政府关于印发《临江县建筑垃圾运输处置管理暂行规定》的通知",
    addressee="各乡镇人民政府、街道办事处，县政府各部门，各有关单位：",
    notice_body=("《临江县建筑垃圾运输处置管理暂行规定》已经县政府同意，现印发给你们，请认真遵照执行。",),
    signers=("临江县人民政府",),
    date="2024年6月20日",
    measure_title="临江县建筑垃圾运输处置管理暂行规定",
    running_header="临江县人民政府行政规范性文件",
    jurisdiction="临江县",
    measure="""
# 总则
§ 为了加强本县建筑垃圾运输处置管理，维护城区市容环境卫生，结合本县实际，制定本规定。
§ 本县城区范围内建筑垃圾的产生、运输、消纳和处置活动，适用本规定。
  本规定所称建筑垃圾，是指建设单位、施工单位新建、改建、扩建和拆除各类建筑物、构筑物、管网以及居民装饰装修房屋过程中产生的弃土、弃料和其他废弃物。
§ 县城市管理局是本县建筑垃圾运输处置的主管部门，负责建筑垃圾运输处置的监督管理工作。
  县住房和城乡建设局、县交通运输局、县公安局交通警察大队、市生态环境局临江分局按照各自职责，做好建筑垃圾运输处置的相关管理工作。
# 运输管理
§ 在本县从事建筑垃圾运输的企业，应当具备下列条件：
  （一）具有企业法人资格；
  （二）自有符合标准的全密闭运输车辆二十辆以上；
  （三）运输车辆安装卫星定位装置，并接入县建筑垃圾运输监管平台；
  （四）有固定的办公场所和车辆停放场所。
§ 运输企业在取得准运手续前，应当按照每辆运输车辆五万元的标准向县城市管理局缴纳运输押金。押金在企业退出本县建筑垃圾运输市场时无息退还。
§ 建设单位在申领施工许可证前，应当按照建筑面积每平方米十元的标准向县城市管理局缴纳建筑垃圾处置保证金。工程竣工后经核查无违规处置行为的，保证金予以退还；有违规处置行为的，保证金不予退还。
§ 运输车辆应当按照县城市管理局核定的时间、路线行驶，不得超载，不得沿途遗撒、飞扬、滴漏。
§ 建筑垃圾应当运往县城市管理局指定的消纳场所处置，任何单位和个人不得擅自倾倒、堆放。
§ 建设单位、施工单位应当在施工现场出入口设置车辆冲洗设施，运输车辆冲洗干净后方可驶出工地。
# 监督检查
§ 县城市管理局应当建立建筑垃圾运输企业信用档案，定期向社会公布运输企业名录。
§ 县城市管理局在监督检查中发现运输车辆有遗撒、乱倒行为的，可以扣押违法运输车辆，并查封运输企业的车辆停放场所，查封、扣押期限最长不超过九十日。
§ 运输企业拒不接受处理的，县城市管理局可以通知供电、供水企业对其办公场所和车辆停放场所停止供电、供水。
# 法律责任
§ 违反本规定第八条规定，擅自倾倒、堆放建筑垃圾的，由县城市管理局责令限期改正，对单位处五万元罚款，对个人处五千元罚款。
§ 运输企业一年内违反本规定三次以上的，取消其建筑垃圾运输资格，运输押金不予退还，三年内不得在本县从事建筑垃圾运输经营活动。
# 附则
§ 本规定由县城市管理局负责解释。
§ 本规定自印发之日起施行。
""",
    notes=(
        "文号印作“临政发[2024]12号”，年份应使用六角括号〔〕，属文号格式瑕疵（procedure.doc_number）。",
        "本件为“暂行规定”，第十六条仅规定“自印发之日起施行”，未规定有效期（暂行文件有效期一般不超过2年），属 procedure.validity。",
        "第一条未援引任何上位法作为制定依据（可作提示）。",
        "第五条向运输企业收取每车五万元运输押金，第六条向建设单位收取建筑垃圾处置保证金且违规时“不予退还”，均无法律、法规依据（ultra_vires.fee）；“不予退还”实为变相罚没。",
        "第四条第（二）项“自有……运输车辆二十辆以上”设置不合理的市场准入条件，《公平竞争审查条例》第八条第（四）项（fair_competition.entry，宜为警告级）。",
        "第十一条自行设定扣押车辆、查封停放场所的行政强制措施，违反《中华人民共和国行政强制法》第十条；查封、扣押期限“最长不超过九十日”也与该法第二十五条（不得超过三十日，延长不得超过三十日）相抵触（ultra_vires.coercion，superior_law.conflict）。",
        "第十二条以停止供电、供水迫使当事人履行，无法律依据（ultra_vires.coercion）。",
        "第十三条自行设定罚款（ultra_vires.penalty）；第十四条“取消运输资格”“押金不予退还”“三年内不得……从事”属于自设处罚和市场禁入（ultra_vires.penalty）。",
        "第八条“运往县城市管理局指定的消纳场所”可能需要人工判断（消纳场所是否属于公共设施）。",
        "清理建议：修改（modify）或废止（abolish）；成文日期2024年6月20日。",
        "同时提供 PDF 版（每页页眉“临江县人民政府行政规范性文件”、页脚页码）。",
    ),
)


# ---------------------------------------------------------------------------
# 5. 人社: clean; employment subsidies open to all on objective criteria.
# ---------------------------------------------------------------------------
SUBSIDY = Sample(
    stem="05_linjiang_employment_subsidy",
    banner="临江县人力资源和社会保障局\n临江县财政局",
    doc_number="临人社规〔2025〕2号",
    title="临江县人力资源和社会保障局　临江县财政局关于印发《临江县就业补贴资金申领管理实施细则》的通知",
    addressee="各乡镇人民政府、街道办事处，县直有关单位，各用人单位：",
    notice_body=(
        "为规范就业补贴资金申领和管理，更好发挥就业补贴促进就业创业的作用，县人力资源和社会保障局、"
        "县财政局制定了《临江县就业补贴资金申领管理实施细则》。该细则已经公开征求意见、合法性审核和"
        "集体审议，现印发给你们，请认真贯彻执行。",
    ),
    signers=("临江县人力资源和社会保障局", "临江县财政局"),
    date="2025年5月16日",
    measure_title="临江县就业补贴资金申领管理实施细则",
    running_header="临江县人民政府行政规范性文件",
    jurisdiction="临江县",
    measure="""
# 总则
§ 为了规范就业补贴资金的申领和管理，提高资金使用效益，促进劳动者就业创业，根据《中华人民共和国就业促进法》《中华人民共和国社会保险法》和国家、省关于就业补助资金管理的有关规定，结合本县实际，制定本细则。
§ 本细则所称就业补贴，包括社会保险补贴、一次性吸纳就业补贴、职业培训补贴和创业担保贷款贴息。
§ 县人力资源和社会保障局负责就业补贴的受理、审核和发放，县财政局负责就业补贴资金的预算安排、拨付和监督管理。
§ 就业补贴的申领和发放坚持公开、公平、公正的原则。凡符合本细则规定条件的用人单位和个人，不分所有制性质、注册地、组织形式和规模，均可以按照规定申领。
# 补贴对象和标准
§ 各类企业、个体工商户和社会组织（以下统称用人单位）招用就业困难人员，与其签订一年以上劳动合同并依法缴纳社会保险费的，可以申领社会保险补贴。补贴标准为用人单位为其实际缴纳的基本养老保险费、基本医疗保险费和失业保险费，不包括个人应当缴纳的部分。
  社会保险补贴期限最长不超过三年；对距法定退休年龄不足五年的就业困难人员，可以延长至退休。
§ 本细则所称就业困难人员，是指经公共就业服务机构认定，因身体状况、技能水平、家庭因素、失去土地等原因难以实现就业，以及连续失业一年以上的人员。
§ 用人单位招用毕业年度或者离校二年内未就业的高校毕业生、登记失业半年以上的人员，与其签订一年以上劳动合同并按月足额缴纳社会保险费满三个月的，按照每人一千元的标准给予一次性吸纳就业补贴。
  同一人员只能为用人单位申领一次一次性吸纳就业补贴。
§ 城乡劳动者参加就业技能培训，取得职业资格证书、职业技能等级证书或者专项职业能力证书的，按照下列标准给予职业培训补贴：
  （一）取得初级工证书的，每人一千元；
  （二）取得中级工证书的，每人一千五百元；
  （三）取得高级工以上证书的，每人二千元；
  （四）取得专项职业能力证书的，每人五百元。
  同一劳动者同一职业（工种）同一等级只能享受一次职业培训补贴，每人每年享受职业培训补贴不超过三次。
§ 劳动者自主选择列入培训机构目录的培训机构参加培训。培训机构目录实行动态管理，符合条件的各类培训机构均可以申请列入；人力资源社会保障部门不得限定或者变相限定劳动者选择培训机构。
§ 符合条件的个人和小微企业申请创业担保贷款的，按照国家和省有关规定给予贴息。
# 申领程序
§ 申领就业补贴，可以通过临江县政务服务网或者县就业服务中心窗口提出申请，并提交下列材料：
  （一）就业补贴申请表；
  （二）劳动合同或者培训证书；
  （三）申请人的银行账户信息。
  营业执照、社会保险缴费记录、就业失业登记等能够通过部门间信息共享获取的信息，不得要求申请人重复提供。
§ 县人力资源和社会保障局应当自受理申请之日起十五个工作日内完成审核。对符合条件的，在县人民政府门户网站公示五个工作日；公示无异议的，由县财政局按照国库集中支付的有关规定将补贴资金直接拨付至申请单位或者个人的银行账户。
  对不符合条件的，应当书面告知申请人并说明理由。
§ 就业补贴实行常年受理、按季度审核拨付。
# 监督管理
§ 县人力资源和社会保障局、县财政局应当建立就业补贴资金台账，每年向社会公开资金使用情况，接受社会监督。
§ 以欺诈、伪造证明材料等手段骗取就业补贴资金的，由县人力资源和社会保障局责令退回；涉嫌违法犯罪的，依法移送有关机关处理。
§ 人力资源社会保障部门、财政部门的工作人员在就业补贴资金管理工作中滥用职权、玩忽职守、徇私舞弊的，依法给予处分；构成犯罪的，依法追究刑事责任。
# 附则
§ 国家和省对就业补贴另有规定的，从其规定。
§ 本细则自2025年7月1日起施行，有效期5年。
""",
    notes=(
        "本件为合规样本，两个部门联合发文，清理建议为继续有效（remain）。",
        "第四条明确“不分所有制性质、注册地、组织形式和规模”，补贴按客观条件面向所有符合条件的经营者和个人，不属于选择性补贴，不应报公平竞争问题。",
        "第九条“不得限定或者变相限定”和第十一条第二款“不得要求申请人重复提供”是对行政机关的约束，属于合规表述。",
        "第十五条“责令退回”是返还骗取的资金，不是行政处罚；“依法移送有关机关处理”属于援引。",
        "第十八条规定有效期5年。",
        "同时提供 PDF 版（每页页眉“临江县人民政府行政规范性文件”、页脚页码）。",
    ),
)


# ---------------------------------------------------------------------------
# 6. Not a normative document: a 司法局's key points of work for 2024.
# ---------------------------------------------------------------------------
WORKPLAN = Sample(
    stem="06_donghu_justice_bureau_2024_workplan",
    banner="东湖区司法局文件",
    doc_number="东司发〔2024〕4号",
    title="东湖区司法局关于印发《东湖区司法局2024年工作要点》的通知",
    addressee="局机关各科室、各司法所：",
    notice_body=("现将《东湖区司法局2024年工作要点》印发给你们，请结合工作实际，细化工作措施，认真抓好贯彻落实。",),
    signers=("东湖区司法局",),
    date="2024年2月26日",
    measure_title="东湖区司法局2024年工作要点",
    publish_note="（此件主动公开）",
    jurisdiction="东湖区",
    measure="""
2024年全区司法行政工作的总体要求是：坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，围绕区委、区政府中心工作，统筹推进法治政府建设、行政执法监督、行政复议、普法依法治理和公共法律服务，为全区经济社会高质量发展提供有力法治保障。
一、统筹推进法治政府建设
（一）做好法治政府建设示范创建。对照法治政府建设指标体系，梳理短板弱项，形成问题清单和整改台账，年底前完成自评工作。
（二）加强行政规范性文件合法性审核和备案审查。落实行政规范性文件合法性审核机制，全年审核区政府及其部门行政规范性文件30件以上，审核率保持100%；组织开展行政规范性文件专项清理，对与上位法不一致、不适应改革要求的文件及时提出修改或者废止建议。
（三）推进重大行政决策规范化。督促各决策承办单位严格履行公众参与、专家论证、风险评估、合法性审查和集体讨论决定程序，全年组织重大行政决策合法性审查不少于8件。
（四）发挥政府法律顾问作用。完善政府法律顾问工作规则，组织法律顾问参与重大合同审查、信访积案化解和涉法事务论证。
二、提升行政执法质量和效能
（五）深化行政执法“三项制度”。推动行政执法公示、执法全过程记录、重大执法决定法制审核制度全面落实，开展行政执法案卷评查，评查案卷不少于120卷。
（六）加强行政执法监督。开展涉企行政执法专项监督，重点纠治乱罚款、乱检查、乱查封等问题，健全行政执法投诉举报处理机制。
（七）推进执法人员能力提升。组织全区行政执法人员公共法律知识培训和考试，新上岗执法人员培训考试合格率达到100%。
三、做好行政复议和行政应诉工作
（八）贯彻实施新修订的《中华人民共和国行政复议法》。发挥行政复议化解行政争议主渠道作用，优化受理、审理流程，推行繁简分流，依法纠正违法或者不当的行政行为。
（九）提高行政应诉水平。推动行政机关负责人出庭应诉，出庭应诉率保持100%，配合法院做好行政争议实质性化解。
四、深化普法和依法治理
（十）落实“谁执法谁普法”普法责任制。发布年度普法责任清单，组织开展“宪法宣传周”“民法典宣传月”等主题活动。
（十一）推进法治乡村和法治街道建设。培育“法律明白人”200名，创建区级民主法治示范社区5个。
五、优化公共法律服务
（十二）完善公共法律服务体系。推进区、街道、社区三级公共法律服务平台规范化建设，提供“一站式”法律服务。
（十三）做好人民调解工作。健全矛盾纠纷多元化解机制，人民调解案件调解成功率达到95%以上。
（十四）加强法律援助。扩大法律援助覆盖面，落实法律援助案件质量评估制度。
六、加强队伍建设
（十五）坚持党建引领，深化模范机关建设，严格落实全面从严治党主体责任，锻造忠诚干净担当的司法行政队伍。
各科室、各司法所要对照本要点，细化工作措施，明确责任分工和完成时限，每季度末向局办公室报送工作进展情况。
""",
    notes=(
        "本件不是行政规范性文件：属于机关内部年度工作安排（工作要点），主送机关为局机关各科室、各司法所，不直接涉及公民、法人和其他组织的权利义务，不具有普遍约束力（is_normative 应为 false）。",
        "全文无“第X条”结构，只有“一、”“（一）”层次；审查规则不应对其中“乱罚款、乱检查、乱查封”“审核率保持100%”等字样报告越权问题。",
        "所引《中华人民共和国行政复议法》为2023年修订、2024年1月1日起施行的现行版本。",
        "如纳入清理，属于年度任务已完成的文件，应为宣布失效（void）。",
    ),
)


SAMPLES: tuple[Sample, ...] = (MARKET, INVESTMENT, URBAN, DEBRIS, SUBSIDY, WORKPLAN)


# ===========================================================================
# Layout: one list of blocks per sample, shared by the docx and pdf writers
# (and by bench/make_corpus.py).
# ===========================================================================
_CN_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五 (as in 第一百零五条)."""
    if not 0 < n < 1000:
        raise ValueError(n)
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    rest = n % 100
    head = _CN_DIGITS[n // 100] + "百"
    if rest == 0:
        return head
    if rest < 10:
        return head + "零" + _CN_DIGITS[rest]
    return head + _CN_DIGITS[rest // 10] + "十" + (_CN_DIGITS[rest % 10] if rest % 10 else "")


@dataclass(frozen=True)
class Block:
    """One paragraph of the printed document."""

    kind: str  # banner | doc_number | title | addressee | body | signer | date
    # | note | page_break | measure_title | chapter | article | paragraph
    text: str  # for an article: the text after the label
    label: str = ""  # 第一条 / 第一章

    @property
    def full_text(self) -> str:
        return f"{self.label}\u3000{self.text}" if self.label else self.text


def parse_measure(markup: str) -> list[Block]:
    """Turn the ``# chapter`` / ``§ article`` markup into numbered blocks."""
    blocks: list[Block] = []
    chapter = article = 0
    for raw in markup.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("# "):
            chapter += 1
            blocks.append(Block("chapter", line[2:].strip(), f"第{cn_number(chapter)}章"))
        elif line.startswith("§ "):
            article += 1
            blocks.append(Block("article", line[2:].strip(), f"第{cn_number(article)}条"))
        else:
            blocks.append(Block("paragraph", line))
    return blocks


def layout(sample: Sample) -> list[Block]:
    """The whole document: cover notice, page break, attached measure."""
    blocks = [Block("banner", line) for line in sample.banner.split("\n")]
    blocks.append(Block("doc_number", sample.doc_number))
    blocks.append(Block("title", sample.title))
    blocks.append(Block("addressee", sample.addressee))
    blocks += [Block("body", p) for p in sample.notice_body]
    blocks += [Block("signer", s) for s in sample.signers]
    blocks.append(Block("date", sample.date))
    if sample.publish_note:
        blocks.append(Block("note", sample.publish_note))
    blocks.append(Block("page_break", ""))
    blocks.append(Block("measure_title", sample.measure_title))
    blocks += parse_measure(sample.measure)
    return blocks


def plain_text(sample: Sample) -> str:
    """The document as plain text, one paragraph per line (article labels included)."""
    return "\n".join(b.full_text for b in layout(sample) if b.kind != "page_break")


# ===========================================================================
# docx (python-docx)
# ===========================================================================
FONT_BODY = "仿宋_GB2312"
FONT_TITLE = "方正小标宋简体"
FONT_HEI = "黑体"
FIXED_TIME = datetime(2025, 1, 1, 0, 0, 0)


def _set_font(run, east_asia: str, size: float, bold: bool = False, color=None) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    run.font.name = "Times New Roman"
    run.font.size = Pt(size)
    run.font.bold = bold or None
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), east_asia)
    if color:
        run.font.color.rgb = RGBColor(*color)


def _add_article_numbering(doc) -> int:
    """Add a single-level list 第%1条 (chineseCounting) to numbering.xml; return its numId."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    numbering = doc.part.numbering_part.element
    abstract_ids = [int(e.get(qn("w:abstractNumId"))) for e in numbering.findall(qn("w:abstractNum"))]
    num_ids = [int(e.get(qn("w:numId"))) for e in numbering.findall(qn("w:num"))]
    aid, nid = max(abstract_ids, default=-1) + 1, max(num_ids, default=0) + 1
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{aid}">'
        '<w:nsid w:val="5A3C1E27"/><w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:suff w:val="space"/><w:lvlText w:val="第%1条"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr>'
        f'<w:rPr><w:rFonts w:ascii="{FONT_HEI}" w:eastAsia="{FONT_HEI}" w:hAnsi="{FONT_HEI}" w:hint="eastAsia"/></w:rPr>'
        "</w:lvl></w:abstractNum>"
    )
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)  # schema: every abstractNum before any num
    else:
        numbering.append(abstract)
    num = parse_xml(f'<w:num {nsdecls("w")} w:numId="{nid}"><w:abstractNumId w:val="{aid}"/></w:num>')
    last_num = numbering.findall(qn("w:num"))
    if last_num:
        last_num[-1].addnext(num)
    else:
        numbering.append(num)
    return nid


def _add_page_number_footer(section) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def field_char(kind):
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        return el

    _set_font(p.add_run("— "), FONT_BODY, 14)
    r = p.add_run()
    r._r.append(field_char("begin"))
    r = p.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    r._r.append(instr)
    r = p.add_run()
    r._r.append(field_char("separate"))
    _set_font(p.add_run("1"), FONT_BODY, 14)
    r = p.add_run()
    r._r.append(field_char("end"))
    _set_font(p.add_run(" —"), FONT_BODY, 14)


def docx_bytes(sample: Sample) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(16)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT_BODY)
    pf = normal.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(28)
    pf.space_before = pf.space_after = Pt(0)
    _add_page_number_footer(section)
    num_id = _add_article_numbering(doc) if sample.auto_numbering else None

    for block in layout(sample):
        if block.kind == "page_break":
            doc.add_page_break()
            continue
        p = doc.add_paragraph()
        fmt = p.paragraph_format
        if block.kind == "banner":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            fmt.line_spacing = Pt(40)
            _set_font(p.add_run(block.text), FONT_TITLE, 26, color=(0xE0, 0x00, 0x00))
        elif block.kind == "doc_number":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            fmt.space_before, fmt.space_after = Pt(24), Pt(24)
            _set_font(p.add_run(block.text), FONT_BODY, 16)
        elif block.kind in ("title", "measure_title"):
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            fmt.line_spacing = Pt(36)
            fmt.space_before, fmt.space_after = Pt(12), Pt(18)
            _set_font(p.add_run(block.text), FONT_TITLE, 22)
        elif block.kind == "chapter":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            fmt.space_before = fmt.space_after = Pt(6)
            _set_font(p.add_run(block.full_text), FONT_HEI, 16)
        elif block.kind in ("signer", "date"):
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            fmt.right_indent = Pt(64)
            if block.kind == "signer" and sample.signers.index(block.text) == 0:
                fmt.space_before = Pt(28)
            _set_font(p.add_run(block.text), FONT_BODY, 16)
        elif block.kind == "addressee":
            _set_font(p.add_run(block.text), FONT_BODY, 16)
        elif block.kind == "article" and num_id is not None:
            num_pr = p._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = 0
            num_pr.get_or_add_numId().val = num_id
            _set_font(p.add_run(block.text), FONT_BODY, 16)
        elif block.kind == "article":
            fmt.first_line_indent = Pt(32)
            _set_font(p.add_run(block.label), FONT_HEI, 16)
            _set_font(p.add_run("\u3000" + block.text), FONT_BODY, 16)
        else:  # body, note, paragraph
            fmt.first_line_indent = Pt(32)
            _set_font(p.add_run(block.text), FONT_BODY, 16)

    cp = doc.core_properties
    cp.title = sample.measure_title
    cp.subject = sample.title
    cp.author = sample.signers[0]
    cp.last_modified_by = sample.signers[0]
    cp.created = cp.modified = FIXED_TIME
    cp.revision = 1
    buf = io.BytesIO()
    doc.save(buf)
    return normalize_zip(buf.getvalue())


def normalize_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps so that regenerated files are byte-identical."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


# ===========================================================================
# pdf (reportlab, built-in CID font STSong-Light: not embedded, UCS-2 encoded,
# so text extracts as Unicode with pypdfium2 and pdfplumber)
# ===========================================================================
PDF_FONT = "STSong-Light"


def pdf_bytes(sample: Sample) -> bytes:
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import BaseDocTemplate, Frame, HRFlowable, PageBreak, PageTemplate, Paragraph

    if PDF_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))

    def style(name, size=16, leading=28, **kw):
        base = dict(fontName=PDF_FONT, fontSize=size, leading=leading, wordWrap="CJK", alignment=TA_JUSTIFY)
        base.update(kw)
        return ParagraphStyle(name, **base)

    styles = {
        "banner": style("banner", 26, 40, alignment=TA_CENTER, textColor=colors.red),
        "doc_number": style("doc_number", alignment=TA_CENTER, spaceBefore=18, spaceAfter=6),
        "title": style("title", 20, 32, alignment=TA_CENTER, spaceBefore=18, spaceAfter=16),
        "measure_title": style("measure_title", 20, 32, alignment=TA_CENTER, spaceAfter=16),
        "chapter": style("chapter", alignment=TA_CENTER, spaceBefore=6, spaceAfter=6),
        "addressee": style("addressee"),
        "signer": style("signer", alignment=TA_RIGHT, rightIndent=64),
        "date": style("date", alignment=TA_RIGHT, rightIndent=64),
        "body": style("body", firstLineIndent=32),
    }

    page_w, page_h = A4
    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=28 * mm,
        rightMargin=26 * mm,
        topMargin=37 * mm,
        bottomMargin=35 * mm,
        title=sample.title,
        author=sample.signers[0],
        subject=sample.measure_title,
        creator="reviewer corpus/samples/make_samples.py",
        invariant=1,
    )

    def header(canvas, _doc):
        canvas.saveState()
        canvas.setFont(PDF_FONT, 12)
        canvas.drawCentredString(page_w / 2, page_h - 22 * mm, sample.running_header)
        canvas.setLineWidth(0.6)
        canvas.line(28 * mm, page_h - 24.5 * mm, page_w - 26 * mm, page_h - 24.5 * mm)
        canvas.restoreState()

    def footer(canvas, _doc):
        canvas.saveState()
        canvas.setFont(PDF_FONT, 14)
        canvas.drawCentredString(page_w / 2, 20 * mm, f"— {canvas.getPageNumber()} —")
        canvas.restoreState()

    frame = Frame(
        doc.leftMargin,
        doc.bottomMargin,
        doc.width,
        doc.height,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=header, onPageEnd=footer)])
    story = []
    for block in layout(sample):
        if block.kind == "page_break":
            story.append(PageBreak())
            continue
        st = styles.get(block.kind, styles["body"])
        story.append(Paragraph(escape(block.full_text), st))
        if block.kind == "doc_number":
            story.append(HRFlowable(width="100%", thickness=1.5, color=colors.red, spaceBefore=2, spaceAfter=6))
    doc.build(story)
    return buf.getvalue()


# ===========================================================================
# README.md (generated from the samples' notes, so that it cannot drift)
# ===========================================================================
_KIND = {
    "01": "部门规范性文件（办法），问题较多",
    "02": "政府规范性文件（若干措施），公平竞争问题",
    "03": "政府规范性文件（办法），合规样本",
    "04": "政府规范性文件（暂行规定），程序和越权问题",
    "05": "部门联合规范性文件（实施细则），合规样本",
    "06": "非规范性文件（年度工作要点）",
}


def readme_text() -> str:
    lines = [
        "# 样本文件（corpus/samples）",
        "",
        "六件样本均为本项目自行编写的虚构文件：青川市、临江县、东湖区等地名，机关、文号、日期和金额均为虚构，"
        "不是任何真实文件的复制。每件由印发通知（关于印发《……》的通知，含文号、主送机关、正文、落款和成文日期）"
        "和所附的办法、实施细则、若干措施或暂行规定组成。",
        "",
        "本目录下的 .docx、.pdf 和本说明均由 `make_samples.py` 生成（文本即脚本中的数据），重新生成的文件逐字节相同：",
        "",
        "```",
        "python corpus/samples/make_samples.py",
        "```",
        "",
        "修改样本或下列说明，请修改 `make_samples.py` 中的文本和 `notes`，不要直接编辑生成的文件。",
        "脚本写完后会用 python-docx 读回 docx、用 pypdfium2 和 pdfplumber 读回 pdf，逐字核对文本。",
        "",
        "| 序号 | 文件 | 类型 | 文号 | 成文日期 | 条数 |",
        "|---|---|---|---|---|---|",
    ]
    for s in SAMPLES:
        files = f"`{s.stem}.docx`" + (f"、`{s.stem}.pdf`" if s.makes_pdf else "")
        n = sum(1 for b in layout(s) if b.kind == "article")
        lines.append(f"| {s.stem[:2]} | {files} | {_KIND[s.stem[:2]]} | {s.doc_number} | {s.date} | {n or '无条文'} |")
    lines += ["", "## 各样本应当审查出的问题", ""]
    for s in SAMPLES:
        lines += [
            f"### {s.stem[:2]}. {s.title}",
            "",
            f"发文机关：{'、'.join(s.signers)}；文号：{s.doc_number}；成文日期：{s.date}。",
            "",
        ]
        lines += [f"- {note}" for note in s.notes]
        lines.append("")
    lines += [
        "## 文件格式说明",
        "",
        "- docx：标题居中，发文机关标志、文号、标题、主送机关、正文、落款、成文日期依次排列，分页后为所附办法；"
        "章标题居中，条文首行缩进，条号“第X条”为黑体单独一个文字块（w:r）。页脚为“— PAGE —”页码域。"
        "样本 01 的条号由 Word 自动编号生成（见上文），其余为文字。",
        "- pdf（样本 02、04、05）：reportlab 生成，A4，内置 CID 字体 STSong-Light（不嵌入字体，编码 UniGB-UCS2-H），"
        "每页顶端有页眉（如“东湖区人民政府行政规范性文件”）和横线，底端居中页码“— 1 —”；段落按页宽自动折行，"
        "一段跨多行，文件跨多页。",
        "- pdf 文本层：pypdfium2 和 pdfplumber 均能正确提取中文（UCS-2 编码的 CID 字体，码位即 Unicode）。"
        "提取结果中：页眉在每页文本开头，页码在每页文本末尾；段落内每行以换行（pypdfium2 为 `\\r\\n`）断开；"
        "条号后的全角空格“　”提取为半角空格。因字体未嵌入，在没有中文字体的环境中渲染（如 pypdfium2 转图片）"
        "中文显示为空白，但不影响文本提取；在装有中文字体的阅读器中显示正常。",
        "",
    ]
    return "\n".join(lines)


# ===========================================================================
# Checks and main
# ===========================================================================
_WS = re.compile(r"\s+")


def squash(text: str) -> str:
    """Drop all whitespace (line breaks inside wrapped paragraphs, U+3000)."""
    return _WS.sub("", text)


def docx_text(path: Path) -> str:
    from docx import Document

    return "\n".join(p.text for p in Document(str(path)).paragraphs)


def pdf_text_pdfium(path: Path) -> list[str]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        pages = []
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return pages
    finally:
        pdf.close()


def pdf_text_pdfplumber(path: Path) -> list[str]:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def check_outputs(sample: Sample, out_dir: Path) -> list[str]:
    """Read the written files back; return problems (empty: all good)."""
    problems = []
    docx_path = out_dir / f"{sample.stem}.docx"
    text = docx_text(docx_path)
    for needle in (sample.title, sample.measure_title, sample.doc_number):
        if needle not in text:
            problems.append(f"{docx_path.name}: python-docx text lacks {needle!r}")
    if sample.makes_pdf:
        pdf_path = out_dir / f"{sample.stem}.pdf"
        expected = squash(plain_text(sample))
        for name, extract in (("pypdfium2", pdf_text_pdfium), ("pdfplumber", pdf_text_pdfplumber)):
            pages = extract(pdf_path)
            joined = squash("".join(pages))
            if squash(sample.title) not in joined:
                problems.append(f"{pdf_path.name}: {name} text lacks the title")
            # Every character of the body must come back, in order, once the running
            # header and the page numbers are removed.
            body = joined.replace(squash(sample.running_header), "")
            body = re.sub(r"—\d+—", "", body)
            if body != expected:
                problems.append(
                    f"{pdf_path.name}: {name} text differs from the source ({len(body)} vs {len(expected)} characters)"
                )
            if len(pages) < 2:
                problems.append(f"{pdf_path.name}: only {len(pages)} page")
    return problems


def write_all(out_dir: Path) -> list[tuple[Path, str]]:
    written = []
    for sample in SAMPLES:
        path = out_dir / f"{sample.stem}.docx"
        path.write_bytes(docx_bytes(sample))
        written.append((path, f"{len(layout(sample))} paragraphs"))
        if sample.makes_pdf:
            path = out_dir / f"{sample.stem}.pdf"
            path.write_bytes(pdf_bytes(sample))
            written.append((path, f"{len(pdf_text_pdfium(path))} pages"))
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(__file__).resolve().parent,
        help="directory to write into (default: next to this script)",
    )
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for path, what in write_all(args.out):
        print(f"{path.name:48} {path.stat().st_size:>8} bytes  {what}")
    readme = args.out / "README.md"
    readme.write_text(readme_text(), encoding="utf-8")
    print(f"{readme.name:48} {readme.stat().st_size:>8} bytes")
    problems = [p for s in SAMPLES for p in check_outputs(s, args.out)]
    for p in problems:
        print("PROBLEM:", p, file=sys.stderr)
    if not problems:
        print("checked: docx text via python-docx; pdf text via pypdfium2 and pdfplumber — all match")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
