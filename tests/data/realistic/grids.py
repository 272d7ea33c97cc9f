"""The standard tables as the notices print them: grids of cells with rowspan and colspan.

Shared by ``make_fixtures.py`` (which writes the fixtures once) and the realistic tests.
The figures come from ``tests/seed_figures.py``; the raw strings of table 2 are the seeds'
printed forms ("+163", "7710(次)", "104367.118823万元").
"""

from __future__ import annotations

from dataclasses import dataclass

from tests.seed_figures import SeedTables

T3_LEFT = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
APPLICANTS = ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")


@dataclass(frozen=True)
class Cell:
    """One printed cell; ``header`` cells are labels, the others figures."""

    text: str
    rowspan: int = 1
    colspan: int = 1
    header: bool = True


Grid = list[list[Cell]]


def _v(value: object, colspan: int = 1) -> Cell:
    return Cell(str(value), colspan=colspan, header=False)


def _h(text: str, rowspan: int = 1, colspan: int = 1) -> Cell:
    return Cell(text, rowspan, colspan)


def t2_2021(t2: dict[str, object]) -> Grid:
    """Table 2 of the 2021 format (four columns)."""

    def part(item: str) -> list[Cell]:
        return [_h(f"第二十条第（{item}）项", colspan=4)]

    return [
        part("一"),
        [_h("信息内容"), _h("本年制发件数"), _h("本年废止件数"), _h("现行有效件数")],
        [_h("规章"), *(_v(t2[f"t2.rules.{c}"]) for c in ("issued", "repealed", "in_force"))],
        [
            _h("行政规范性文件"),
            *(_v(t2[f"t2.normative_documents.{c}"]) for c in ("issued", "repealed", "in_force")),
        ],
        part("五"),
        [_h("信息内容"), _h("本年处理决定数量", colspan=3)],
        [_h("行政许可"), _v(t2["t2.licensing.decisions"], 3)],
        part("六"),
        [_h("信息内容"), _h("本年处理决定数量", colspan=3)],
        [_h("行政处罚"), _v(t2["t2.penalty.decisions"], 3)],
        [_h("行政强制"), _v(t2["t2.coercion.decisions"], 3)],
        part("八"),
        [_h("信息内容"), _h("本年收费金额（单位：万元）", colspan=3)],
        [_h("行政事业性收费"), _v(t2["t2.fees.amount_wan_yuan"], 3)],
    ]


def t2_2019(raw: dict[str, str]) -> Grid:
    """Table 2 of the 2019 format (four columns); ``raw`` holds the printed strings."""

    def part(item: str) -> list[Cell]:
        return [_h(f"第二十条第（{item}）项", colspan=4)]

    def three(label: str, key: str, columns: tuple[str, ...]) -> list[Cell]:
        return [_h(label), *(_v(raw[f"t2.{key}.{c}"]) for c in columns)]

    stock = ("previous_items", "change", "decisions")
    return [
        part("一"),
        [_h("信息内容"), _h("本年新制作数量"), _h("本年新公开数量"), _h("对外公开总数量")],
        three("规章", "rules", ("made", "published", "total_published")),
        three("规范性文件", "normative_documents", ("made", "published", "total_published")),
        part("五"),
        [_h("信息内容"), _h("上一年项目数量"), _h("本年增/减"), _h("处理决定数量")],
        three("行政许可", "licensing", stock),
        three("其他对外管理服务事项", "other_services", stock),
        part("六"),
        [_h("信息内容"), _h("上一年项目数量"), _h("本年增/减"), _h("处理决定数量")],
        three("行政处罚", "penalty", stock),
        three("行政强制", "coercion", stock),
        part("八"),
        [_h("信息内容"), _h("上一年项目数量"), _h("本年增/减", colspan=2)],
        [_h("行政事业性收费"), _v(raw["t2.fees.previous_items"]), _v(raw["t2.fees.change"], 2)],
        part("九"),
        [_h("信息内容"), _h("采购项目数量"), _h("采购总金额", colspan=2)],
        [
            _h("政府集中采购"),
            _v(raw["t2.procurement.items"]),
            _v(raw["t2.procurement.amount_wan_yuan"], 2),
        ],
    ]


_DENIED = (
    "1.属于国家秘密",
    "2.其他法律行政法规禁止公开",
    "3.危及“三安全一稳定”",
    "4.保护第三方合法权益",
    "5.属于三类内部事务信息",
    "6.属于四类过程性信息",
    "7.属于行政执法案卷",
    "8.属于行政查询事项",
)
_UNAVAILABLE = (
    "1.本机关不掌握相关政府信息",
    "2.没有现成信息需要另行制作",
    "3.补正后申请内容仍不明确",
)
_NOT_PROCESSED = (
    "1.信访举报投诉类申请",
    "2.重复申请",
    "3.要求提供公开出版物",
    "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息",
)
_OTHER = (
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.其他",
)


def t3(tables: SeedTables) -> Grid:
    """Table 3 exactly as the notice lays it out: ten columns, three of them labels."""
    rows = iter(tables.t3)

    def figures() -> list[Cell]:
        return [_v(v) for v in next(rows)]

    groups: list[tuple[str, tuple[str, ...]]] = [
        ("（三）不予公开", _DENIED),
        ("（四）无法提供", _UNAVAILABLE),
        ("（五）不予处理", _NOT_PROCESSED),
    ]
    if tables.split_other:
        groups.append(("（六）其他处理", _OTHER))
    outcome_rows = 2 + sum(len(labels) for _, labels in groups) + (1 if tables.split_other else 2)
    grid: Grid = [
        [_h(T3_LEFT, rowspan=3, colspan=3), _h("申请人情况", colspan=7)],
        [_h("自然人", rowspan=2), _h("法人或其他组织", colspan=5), _h("总计", rowspan=2)],
        [_h(name) for name in APPLICANTS],
        [_h("一、本年新收政府信息公开申请数量", colspan=3), *figures()],
        [_h("二、上年结转政府信息公开申请数量", colspan=3), *figures()],
        [
            _h("三、本年度办理结果", rowspan=outcome_rows),
            _h("（一）予以公开", colspan=2),
            *figures(),
        ],
        [_h("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", colspan=2), *figures()],
    ]
    for group, labels in groups:
        for i, label in enumerate(labels):
            lead = [_h(group, rowspan=len(labels))] if i == 0 else []
            grid.append([*lead, _h(label), *figures()])
    if not tables.split_other:
        grid.append([_h("（六）其他处理", colspan=2), *figures()])
    grid.append([_h("（七）总计", colspan=2), *figures()])
    grid.append([_h("四、结转下年度继续办理", colspan=3), *figures()])
    return grid


def t4(tables: SeedTables) -> Grid:
    """Table 4 as the notice lays it out: fifteen columns under three header rows."""
    results = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    return [
        [_h("行政复议", colspan=5), _h("行政诉讼", colspan=10)],
        [
            *(_h(name, rowspan=2) for name in results),
            _h("未经复议直接起诉", colspan=5),
            _h("复议后起诉", colspan=5),
        ],
        [_h(name) for name in results * 2],
        [_v(v) for v in tables.t4],
    ]


def positions(grid: Grid) -> list[list[tuple[int, int, Cell]]]:
    """Each cell's (row, column) in the full grid, rowspans taken into account."""
    taken: set[tuple[int, int]] = set()
    out: list[list[tuple[int, int, Cell]]] = []
    for r, row in enumerate(grid):
        column = 0
        placed: list[tuple[int, int, Cell]] = []
        for cell in row:
            while (r, column) in taken:
                column += 1
            placed.append((r, column, cell))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, column + dc))
            column += cell.colspan
        out.append(placed)
    return out
