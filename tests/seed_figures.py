"""Every figure of the seed reports' tables, typed once, as printed.

Read by eye from /work/shared/seeds/*.txt (line numbers are those of the seed files) and from
the text layer of /work/shared/fixtures/hongze-2024.pdf, never by running the parser, so they
check the parser (test_seed_tables, test_seed_old) as well as validation (seed_reports).

Table 3 is one list of seven cells per printed row, top to bottom: 自然人, 商业企业, 科研机构,
社会公益组织, 法律服务机构, 其他, 总计. Table 4 is its one figure row of fifteen cells. Table 2
is keyed by metric, in printed order. Misprints are kept as printed and marked.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from gongkai.report import T3_COLUMNS, T4_COLUMNS, T4_GROUPS, Generation, Value, t3_rows

Row = list[int]


@dataclass(frozen=True)
class SeedTables:
    """Tables 2, 3 and 4 of one seed report, as printed."""

    generation: Generation
    split_other: bool  # （六）其他处理 printed as three sub-rows
    t2: dict[str, Value]
    t3: list[Row]
    t4: Row

    def t3_figures(self) -> dict[str, Value]:
        """Table 3 by metric key."""
        rows = t3_rows(self.generation, split_other=self.split_other)
        assert len(rows) == len(self.t3)
        out: dict[str, Value] = {}
        for row, cells in zip(rows, self.t3, strict=True):
            for (column, _), value in zip(T3_COLUMNS, cells, strict=True):
                out[f"t3.{row.row}.{column}"] = value
        return out

    def t4_figures(self) -> dict[str, Value]:
        """Table 4 by metric key."""
        keys = [f"t4.{g}.{c}" for g, _ in T4_GROUPS for c, _ in T4_COLUMNS]
        return dict(zip(keys, self.t4, strict=True))

    def figures(self) -> dict[str, Value]:
        """Every cell of tables 2, 3 and 4 by metric key."""
        return {**self.t2, **self.t3_figures(), **self.t4_figures()}


# --- Seed 000, 济南市天桥区人民政府 ---------------------------------------------------------

# Seed 000, the 2022 report: table 2 at lines 13-26, table 3 at 31-55, table 4 at 60.
TIANQIAO_2022 = SeedTables(
    Generation.Y2021,
    split_other=True,
    t2={
        "t2.rules.issued": 0,
        "t2.rules.repealed": 0,
        "t2.rules.in_force": 0,
        "t2.normative_documents.issued": 1,
        "t2.normative_documents.repealed": 1,
        "t2.normative_documents.in_force": 2,
        "t2.licensing.decisions": 69110,
        "t2.penalty.decisions": 946,
        "t2.coercion.decisions": 88,
        "t2.fees.amount_wan_yuan": Decimal("5952"),
    },
    t3=[
        [323, 0, 0, 0, 0, 0, 323],  # 一、本年新收
        [22, 0, 0, 0, 0, 0, 22],  # 二、上年结转
        [69, 0, 0, 0, 0, 0, 69],  # （一）予以公开
        [35, 0, 0, 0, 0, 0, 35],  # （二）部分公开
        [0, 0, 0, 0, 0, 0, 0],  # （三）不予公开 1.
        [0, 0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 0],
        [2, 0, 0, 0, 0, 0, 2],
        [5, 0, 0, 0, 0, 0, 5],
        [0, 0, 0, 0, 0, 0, 0],
        [1, 0, 0, 0, 0, 0, 1],
        [0, 0, 0, 0, 0, 0, 0],  # （三） 8.
        [197, 0, 0, 0, 0, 0, 197],  # （四）无法提供 1.
        [1, 0, 0, 0, 0, 0, 1],
        [0, 0, 0, 0, 0, 0, 0],
        [4, 0, 0, 0, 0, 0, 4],  # （五）不予处理 1.
        [1, 0, 0, 0, 0, 0, 1],
        [0, 0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 0],
        [1, 0, 0, 0, 0, 0, 1],
        [6, 0, 0, 0, 0, 0, 6],  # （六）其他处理 1.
        [0, 0, 0, 0, 0, 0, 0],
        [11, 0, 0, 0, 0, 0, 11],
        [333, 0, 0, 0, 0, 0, 333],  # （七）总计
        [12, 0, 0, 0, 0, 0, 12],  # 四、结转下年度
    ],
    t4=[41, 7, 5, 3, 56, 23, 3, 2, 13, 41, 30, 1, 3, 4, 38],
)

# Seed 000, the 2021 report: table 2 at lines 106-119, table 3 at 124-148, table 4 at 153.
TIANQIAO_2021 = SeedTables(
    Generation.Y2021,
    split_other=True,
    t2={
        "t2.rules.issued": 0,
        "t2.rules.repealed": 0,
        "t2.rules.in_force": 0,
        "t2.normative_documents.issued": 1,
        "t2.normative_documents.repealed": 0,
        "t2.normative_documents.in_force": 3,
        "t2.licensing.decisions": 95386,
        "t2.penalty.decisions": 1506,
        "t2.coercion.decisions": 88,
        "t2.fees.amount_wan_yuan": Decimal("7167"),
    },
    t3=[
        [340, 17, 0, 0, 1, 0, 358],
        [8, 0, 0, 0, 0, 0, 8],
        [51, 3, 0, 0, 0, 0, 54],
        [51, 2, 0, 0, 0, 0, 53],
        [0, 0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 0],
        [6, 2, 0, 0, 0, 0, 8],
        [1, 0, 0, 0, 0, 0, 1],
        [0, 0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 0],
        [182, 10, 0, 0, 1, 0, 193],
        [2, 0, 0, 0, 0, 0, 2],
        [0, 0, 0, 0, 0, 0, 0],
        [4, 0, 0, 0, 0, 0, 4],
        [1, 0, 0, 0, 0, 0, 1],
        [0, 0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 0],
        [3, 0, 0, 0, 0, 0, 1],  # line 144, misprinted so: 3 under 自然人, 1 under 总计
        [0, 0, 0, 0, 0, 0, 0],
        [25, 0, 0, 0, 0, 0, 25],
        [326, 17, 0, 0, 1, 0, 344],
        [22, 0, 0, 0, 0, 0, 22],
    ],
    t4=[18, 3, 2, 17, 40, 11, 4, 1, 4, 20, 41, 1, 1, 5, 48],
)

# Seed 000, the 2020 report: table 2 at lines 230-247, table 3 at 252-274, table 4 at 279.
# Its 2019-format table 2 repeats 2019's figures except 规范性文件's total, 收费 and 采购.
TIANQIAO_2020 = SeedTables(
    Generation.Y2019,
    split_other=False,
    t2={
        "t2.rules.made": 0,
        "t2.rules.published": 0,
        "t2.rules.total_published": 0,
        "t2.normative_documents.made": 1,
        "t2.normative_documents.published": 1,
        "t2.normative_documents.total_published": 9,
        "t2.licensing.previous_items": 210,
        "t2.licensing.change": -32,
        "t2.licensing.decisions": 74026,
        "t2.other_services.previous_items": 319,
        "t2.other_services.change": 163,  # printed "+163"
        "t2.other_services.decisions": 14465,
        "t2.penalty.previous_items": 2155,
        "t2.penalty.change": -89,
        "t2.penalty.decisions": 1349,
        "t2.coercion.previous_items": 58,
        "t2.coercion.change": -3,
        "t2.coercion.decisions": 55,
        "t2.fees.previous_items": 17,
        "t2.fees.change": 0,
        "t2.procurement.items": 7710,  # printed "7710(次)"
        "t2.procurement.amount_wan_yuan": Decimal("104367.118823"),  # "104367.118823万元"
    },
    t3=[
        [286, 0, 0, 0, 1, 0, 287],
        [10, 0, 0, 0, 0, 0, 10],
        [78, 1, 0, 0, 1, 0, 80],
        [36, 0, 0, 0, 0, 0, 36],
        [1, 0, 0, 0, 0, 0, 1],
        [0, 0, 0, 0, 0, 0, 0],
        [2, 0, 0, 0, 0, 0, 2],
        [1, 0, 0, 0, 0, 0, 1],
        [2, 0, 0, 0, 0, 0, 2],
        [0, 0, 0, 0, 0, 0, 0],
        [3, 0, 0, 0, 0, 0, 3],
        [0, 0, 0, 0, 0, 0, 0],
        [128, 1, 0, 0, 0, 0, 129],
        [0, 0, 0, 0, 0, 0, 0],
        [8, 0, 0, 0, 0, 0, 8],
        [22, 0, 0, 0, 0, 0, 22],
        [0, 0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 0],
        [1, 0, 0, 0, 0, 0, 1],
        [4, 0, 0, 0, 0, 0, 4],  # （六）其他处理, one row
        [286, 2, 0, 0, 1, 0, 289],
        [8, 0, 0, 0, 0, 0, 8],
    ],
    t4=[31, 10, 24, 0, 65, 38, 1, 4, 15, 58, 18, 0, 4, 10, 32],
)

# Seed 000, the 2019 report: table 2 at lines 325-342, table 3 at 347-369, table 4 at 374.
TIANQIAO_2019 = SeedTables(
    Generation.Y2019,
    split_other=False,
    t2={
        **TIANQIAO_2020.t2,  # lines 327-342 print the same figures but for these five
        "t2.normative_documents.total_published": 8,
        "t2.fees.previous_items": 16,
        "t2.fees.change": 1,
        "t2.procurement.items": 7030,
        "t2.procurement.amount_wan_yuan": Decimal("87420.234406"),
    },
    t3=[
        [241, 2, 0, 0, 0, 0, 243],
        [100, 0, 0, 0, 0, 0, 100],
        [70, 0, 0, 0, 0, 0, 70],
        [59, 0, 0, 0, 0, 0, 59],
        [0, 0, 0, 0, 0, 0, 0],
        [1, 0, 0, 0, 0, 0, 1],
        [0, 0, 0, 0, 0, 0, 0],
        [1, 0, 0, 0, 0, 0, 1],
        [4, 0, 0, 0, 0, 0, 4],
        [0, 0, 0, 0, 0, 0, 0],
        [3, 0, 0, 0, 0, 0, 3],
        [18, 0, 0, 0, 0, 0, 18],
        [157, 2, 0, 0, 0, 0, 159],
        [0, 0, 0, 0, 0, 0, 0],
        [1, 0, 0, 0, 0, 0, 1],
        [1, 0, 0, 0, 0, 0, 1],
        [0, 0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 0],
        [5, 0, 0, 0, 0, 0, 5],
        [0, 0, 0, 0, 0, 0, 0],
        [11, 0, 0, 0, 0, 0, 11],
        [331, 2, 0, 0, 0, 0, 333],
        [10, 0, 0, 0, 0, 0, 10],
    ],
    t4=[26, 3, 4, 1, 34, 17, 0, 1, 11, 29, 15, 0, 0, 3, 18],
)

TIANQIAO = {2022: TIANQIAO_2022, 2021: TIANQIAO_2021, 2020: TIANQIAO_2020, 2019: TIANQIAO_2019}

# --- Seed 004, 安康高新区 2019 (traditional characters, one cell per line) ------------------

# Table 2 at lines 13-65, table 3 at 77-272, table 4's fifteen figures at 308-322.
ANKANG_2019 = SeedTables(
    Generation.Y2019,
    split_other=False,
    t2={
        "t2.rules.made": 0,
        "t2.rules.published": 0,
        "t2.rules.total_published": 0,
        "t2.normative_documents.made": 14,
        "t2.normative_documents.published": 13,
        "t2.normative_documents.total_published": 13,
        "t2.licensing.previous_items": 201,
        "t2.licensing.change": 0,
        "t2.licensing.decisions": 201,
        "t2.other_services.previous_items": 0,
        "t2.other_services.change": 0,
        "t2.other_services.decisions": 0,
        "t2.penalty.previous_items": 51,
        "t2.penalty.change": 0,
        "t2.penalty.decisions": 51,
        "t2.coercion.previous_items": 0,
        "t2.coercion.change": 0,
        "t2.coercion.decisions": 0,
        "t2.fees.previous_items": 2,
        "t2.fees.change": 0,
        "t2.procurement.items": 120,
        "t2.procurement.amount_wan_yuan": Decimal("2191.563"),  # printed "2191.563萬元"
    },
    t3=[
        [2, 0, 0, 0, 0, 0, 2],
        [0, 0, 0, 0, 0, 0, 0],
        [2, 0, 0, 0, 0, 0, 2],
        *([[0, 0, 0, 0, 0, 0, 0]] * 18),  # （二） through （六）: all printed 0
        [2, 0, 0, 0, 0, 0, 2],
        [0, 0, 0, 0, 0, 0, 0],
    ],
    t4=[0, 0, 0, 0, 0, 2, 0, 0, 1, 3, 0, 0, 0, 0, 0],
)

# --- fixtures/hongze-2024.pdf, 淮安市洪泽区人民政府 2024 ------------------------------------

# The PDF's pages 2-3 (pdfplumber's tables): a 2021-format report whose （六）其他处理 is one
# undivided row.
HONGZE_2024 = SeedTables(
    Generation.Y2021,
    split_other=False,
    t2={
        "t2.rules.issued": 0,
        "t2.rules.repealed": 0,
        "t2.rules.in_force": 0,
        "t2.normative_documents.issued": 3,
        "t2.normative_documents.repealed": 0,
        "t2.normative_documents.in_force": 8,
        "t2.licensing.decisions": 9487,
        "t2.penalty.decisions": 2776,
        "t2.coercion.decisions": 84,
        "t2.fees.amount_wan_yuan": Decimal("7545"),
    },
    t3=[
        [95, 0, 0, 0, 0, 0, 95],
        [0, 0, 0, 0, 0, 0, 0],
        [50, 0, 0, 0, 0, 0, 50],
        [9, 0, 0, 0, 0, 0, 9],
        [0, 0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 0],  # label misprinted "2.其他法律行政止公开"
        [1, 0, 0, 0, 0, 0, 1],
        [0, 0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 0],
        [1, 0, 0, 0, 0, 0, 1],
        [1, 0, 0, 0, 0, 0, 1],
        [0, 0, 0, 0, 0, 0, 0],
        [31, 0, 0, 0, 0, 0, 31],
        [1, 0, 0, 0, 0, 0, 1],
        [0, 0, 0, 0, 0, 0, 0],
        [1, 0, 0, 0, 0, 0, 1],
        [0, 0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 0],  # （六）其他处理, printed undivided
        [95, 0, 0, 0, 0, 0, 95],
        [0, 0, 0, 0, 0, 0, 0],
    ],
    t4=[1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3],
)

# --- 2008-generation reports: headline figures (prose, or seed 003's 附表) ---------------------

_NONE_DISPUTED = {  # "全区未发生针对政府信息公开事务的行政复议申请、申诉和行政诉讼案件"
    "old.reconsideration.total": 0,
    "old.litigation.total": 0,
    "old.complaints.total": 0,
}
_FREE = {"old.fees.amount_yuan": 0}  # "对于申请公开政府信息暂免收费"

# (seed prefix, year) -> every figure of the report, by metric key.
OLD: dict[tuple[str, int], dict[str, Value]] = {
    ("000", 2018): {  # lines 385-445
        "old.proactive.total": 16387,  # 截止2018年12月31日,主动公开信息16387条
        "old.requests.received": 283,  # line 429
        "old.requests.in_person": 2,
        "old.requests.online": 9,
        "old.requests.letter": 272,
        "old.replies.total": 283,  # line 431: 共办结政府信息公开申请283件 (its parts add to 394)
        "old.replies.already_public": 38,
        "old.replies.granted": 110,
        "old.replies.partially_granted": 4,
        "old.replies.denied": 45,
        "old.replies.other": 197,
        **_FREE,
        "old.reconsideration.total": 52,  # line 435
        "old.reconsideration.upheld": 50,
        "old.reconsideration.corrected": 1,
        "old.reconsideration.other": 1,
        "old.litigation.total": 38,
        "old.litigation.upheld": 38,
        "old.litigation.corrected": 0,
        "old.litigation.other": 0,
    },
    ("000", 2017): {
        "old.proactive.total": 14696,
        "old.requests.received": 187,
        "old.requests.online": 10,
        "old.requests.letter": 177,
        **_FREE,
        "old.reconsideration.total": 14,
        "old.reconsideration.upheld": 5,
        "old.reconsideration.corrected": 0,
        "old.reconsideration.other": 9,
        "old.litigation.total": 6,
        "old.litigation.upheld": 6,
        "old.litigation.corrected": 0,
        "old.litigation.other": 0,
    },
    ("000", 2016): {
        "old.proactive.total": 4905,
        # "共收到来信38件,已全部受理" in 六、政府信息公开申请办理情况: the applications.
        # "通过政府网站办理群众来信496件" (the mailbox, section 三) is not.
        "old.requests.received": 38,
        **_FREE,
        "old.reconsideration.total": 18,
        "old.litigation.total": 7,
    },
    ("000", 2015): {
        "old.proactive.total": 4817,
        "old.requests.received": 16,
        "old.requests.online": 11,
        "old.requests.letter": 5,
        **_FREE,
        "old.reconsideration.total": 0,
        # "行政诉讼的有2件,1件已结案,1件正在处理": no upheld/corrected split.
        "old.litigation.total": 2,
    },
    ("000", 2014): {
        # "信息公开系统共发布信息7391条": the only count of the proactive section.
        "old.proactive.total": 7391,
        # "依申请公开7条(重复内容3条),已办结6条(重复内容3条),另有1条正在办理之中"
        "old.requests.received": 7,
        "old.replies.total": 6,
        **_FREE,
        "old.reconsideration.total": 0,
        "old.litigation.total": 2,
    },
    # 2009-2013: "全区发布信息N条,其中“主动公开信息”X条,“依申请公开信息”Y条": X is the
    # proactive total; Y counts information items published on request, not requests.
    ("000", 2013): {"old.proactive.total": 6303, **_FREE, **_NONE_DISPUTED},
    ("000", 2012): {"old.proactive.total": 3807, **_FREE, **_NONE_DISPUTED},
    ("000", 2011): {"old.proactive.total": 2345, **_FREE, **_NONE_DISPUTED},
    ("000", 2010): {"old.proactive.total": 2949, **_FREE, **_NONE_DISPUTED},
    ("000", 2009): {"old.proactive.total": 3893, **_FREE, **_NONE_DISPUTED},
    ("000", 2008): {
        "old.proactive.total": 643,  # 2008年公开各类政府信息643条
        "old.requests.received": 0,  # 全区未收到政府信息公开申请
        **_FREE,
        **_NONE_DISPUTED,
    },
    ("001", 2013): {
        # "受理群众来信226件" (诉求/咨询/意见建议/举报) are letters, not applications.
        "old.proactive.total": 3759,
        "old.fees.amount_yuan": 0,  # 没有…因政府信息公开收取复印、递送等成本费用
        "old.reconsideration.total": 0,
        "old.litigation.total": 0,
    },
    ("002", 2017): {
        "old.proactive.total": 4725,  # 通过不同渠道和方式公开政府信息4725条
        "old.requests.received": 19,  # 收到…依申请公开信息19条,全部来自网络申请
        "old.requests.online": 19,
        "old.reconsideration.total": 0,  # 没有发生行政复议和行政诉讼
        "old.litigation.total": 0,
        "old.fees.amount_yuan": 0,  # 未收取任何相关费用
        "old.complaints.total": 0,  # 未引起…政务公开工作方面的投诉举报
    },
    ("003", 2017): {  # the 附表's 本年 column, lines 80-119; the prose (line 50) says 37
        "old.proactive.total": 96,
        "old.requests.received": 7,
        "old.requests.in_person": 0,
        "old.requests.online": 4,
        "old.requests.letter": 3,  # 信函、传真申请数
        "old.replies.total": 7,
        "old.replies.granted": 0,
        "old.replies.partially_granted": 0,
        "old.replies.denied": 0,
        "old.replies.other": 7,
        "old.complaints.total": 0,
        "old.reconsideration.total": 0,
        "old.litigation.total": 1,
    },
}
