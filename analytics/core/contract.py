"""The data contract, written once: datasets, their fields, types and accepted header spellings (domain.md §3).

The validator, the store's tables, the downloadable templates and the README's column table are all derived from it.
"""
from __future__ import annotations

from dataclasses import dataclass

# field types understood by analytics.importing.validate and mapped to DuckDB types by analytics.core.store
SQL_TYPES = {
    "id": "varchar", "text": "varchar", "account": "varchar", "village": "varchar", "program": "varchar",
    "sub_type": "varchar", "money": "decimal(12,2)", "date": "date", "start_date": "date", "end_date": "date",
    "month": "date", "int": "integer", "choice": "varchar", "yesno": "varchar",
}
PERSON_ID = ("身份证号", "身份证号码", "公民身份号码", "享受人身份证号码", "享受人身份证号", "证件号码", "对象身份证号", "身份证",
             "逝者证件号", "逝者身份证号")
PERSON_NAME = ("姓名", "享受人姓名", "对象姓名", "享受人", "逝者姓名")
VILLAGE = ("村(社区)", "村(居)", "村(居)委会", "村居", "所属村", "社区", "村", "村(社区)名称", "所属村(居)", "所属社区", "所属社",
           "行政村", "所在村")
GROUP = ("村民小组", "村(居)民小组", "所在村民小组")
ID_IN_NUMBER = ("残疾证号",)   # the ID and two more digits: the ID when a file has no ID column
ACCOUNT = ("账号", "卡号", "银行帐号", "帐号", "银行卡号")
CARD_ACCOUNT = ("一卡通账号", "一卡通账户", "一卡通帐号")   # a system export may give it beside the bank account
# The domain's vocabularies, written here only: code names them through these constants, SQL binds them by name
# (VOCABULARY, offered to every named query by analytics.core.db).
# roster statuses as systems and offices write them: active (blank: active), and not
STATUSES_ACTIVE = ("在保", "正常", "正常享受", "保障中", "新增", "渐退", "")
STATUSES_INACTIVE = ("停保", "停发", "暂停", "退出", "注销", "终止", "死亡")
DEATH_SOURCES = ("死亡", "火化", "户籍注销")
CROSSCHECK_SOURCES = (*DEATH_SOURCES, "财政供养", "车辆", "房产", "工商", "社保养老金", "公积金", "其他")
FOCUSES = ("政策执行", "资金使用管理", "关爱服务", "工作保障")   # 整治重点, in the campaign plan's order
SEVERITIES = ("高", "中", "低")
ISSUE_STATUSES = ("待整改", "整改中", "已整改待销号", "已销号", "长期整改")   # 整改状态 of a ledger issue
TO_RECTIFY, RECTIFYING, RECTIFIED, ISSUE_CLOSED, LONG_TERM = ISSUE_STATUSES
YES, NO = "是", "否"
# how 是/否 fields are written in real ledgers (a 供养机构台账's 消防验收: 已验收, √, 有 …)
YES_NO_SPELLINGS = {**dict.fromkeys(("是", "有", "√", "✓", "已验收", "已办理", "已取得", "已登记", "已建立", "具备", "合格",
                                     "Y", "YES"), YES),
                    **dict.fromkeys(("否", "无", "×", "✗", "未验收", "未办理", "未取得", "未登记", "未建立", "不具备",
                                     "不合格", "N", "NO"), NO)}
VERIFY_RESULTS = ("属实", "不属实", "部分属实")    # 核实结论 of a finding checked in the village
TRUE, NOT_TRUE, PARTLY_TRUE = VERIFY_RESULTS
VERIFY_ACTIONS = ("停保", "追回", "补发", "纠正", "无需处理")   # 处理方式
# 问题线索移送登记: what a lead is about (问题性质) and how far the receiving unit has got with it (办理结果)
REFERRAL_NATURES = ("优亲厚友", "违规审批", "虚报冒领", "截留挪用", "吃拿卡要", "代领代管", "失职失责", "其他")
REFERRAL_OUTCOMES = ("待办理", "初步核实中", "已立案", "已办结", "不予立案", "已转办")
AMOUNT_UNIT, AMOUNT_UNITS = "金额单位", ("元", "分")   # asked when a file's amounts look like 分 (--set 金额单位=分)
# how an expected monthly payment went (资金发放, 总览); the last three are not judged for timeliness
PAYMENT_OUTCOMES = ("按时", "迟发", "欠付", "未到期", "未上传发放数据", "已发放日期不明")
ON_TIME, PAID_LATE, NOT_PAID, NOT_DUE, NO_PAYMENTS_FILE, PAID_UNDATED = PAYMENT_OUTCOMES
# what a finding's amount means, each yuan counted once in its meaning: (label, one-line definition)
MONEY_KINDS = {
    "recover": ("应追回", "已发放但不应发放的钱：死亡后或不在保仍发放、同月重复发放的多出部分、多发的差额；同一笔发放被两条规则标出只算一次"),
    "owed": ("应补发", "应发放而未发放的钱：应发未发的核定金额、少发的差额、核定低于标准的差额"),
    "late": ("迟发金额", "已发放但晚于发放期限的钱：是及时性问题，不是资金风险"),
    "approved": ("每月涉及核定金额", "死亡未退保、工作人员及近亲属享受、重复享受等对象每月的核定金额，不是已发放的钱，不与其他金额相加"),
}
STAFF_KINDS = ("工作人员", "村干部", "近亲属")
# words in a title or file name that give a whole file's value of a field it has no column for
TITLE_WORDS = {
    ("staff", "kind"): {"两委": STAFF_KINDS[1], "村民小组长": STAFF_KINDS[1], "监督委员会": STAFF_KINDS[1],
                        **{k: k for k in STAFF_KINDS}},
    ("crosscheck", "source"): {"殡仪馆": DEATH_SOURCES[1], "殡葬": DEATH_SOURCES[1],
                               **{s: s for s in CROSSCHECK_SOURCES}},
}
# a required field a file may lack, made from another column of the same row: (kind, field) -> (column, words)
FROM_COLUMN = {
    ("issues", "focus"): ("category", {"资金": FOCUSES[1], "补贴发放": FOCUSES[1], "政策": FOCUSES[0], "认定": FOCUSES[0],
                                       "关爱": FOCUSES[2], "走访": FOCUSES[2], "服务": FOCUSES[2], "作风": FOCUSES[3],
                                       **{f: f for f in FOCUSES}}),
}
NUMBERED = (("issues", "issue_no"),)   # numbered village + 序号 when the file has no such column
VOCABULARY = {
    "active_statuses": list(STATUSES_ACTIVE), "death_sources": list(DEATH_SOURCES), "all_focuses": list(FOCUSES),
    "all_severities": list(SEVERITIES), "yes": YES, "issue_statuses": list(ISSUE_STATUSES), "issue_closed": ISSUE_CLOSED,
    "payment_outcomes": list(PAYMENT_OUTCOMES),
}


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    type: str
    required: bool = False
    spellings: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    example: str = ""
    fallbacks: tuple[str, ...] = ()  # spellings that give way, with a note, to a column of another spelling
    text_ok: bool = False            # a cell that is no date (长期坚持) keeps its row: the text goes to 备注

    @property
    def headers(self) -> tuple[str, ...]:
        return (self.label, *self.spellings, *self.fallbacks)


@dataclass(frozen=True)
class Dataset:
    kind: str
    label: str
    fields: tuple[Field, ...]
    scope: tuple[str, ...]       # a new import replaces live rows with the same values of these columns
    file_hints: tuple[str, ...]  # words in a file name or title that point to this dataset
    monthly: bool = False        # rows belong to a month (period), taken from a column, the title or the file name
    accumulates: bool = False    # a new list adds to the earlier ones of its scope, replacing them only when asked
    adds_when: tuple[str, ...] = ()  # words in a file name or title that make a file add rows (补发), never replace

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    @property
    def required(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.required)


def _person(required_name: bool = True) -> tuple[Field, ...]:
    return (Field("person_id", "身份证号", "id", True, PERSON_ID, example="500224195001011231",
                  fallbacks=ID_IN_NUMBER),
            Field("name", "姓名", "text", required_name, PERSON_NAME, example="张三"))


_PROGRAM_HEADERS = ("救助类别", "救助类型", "保障类别", "对象类别", "项目名称", "补贴项目", "可能符合类别")

DATASETS: dict[str, Dataset] = {d.kind: d for d in (
    Dataset("roster", "救助对象名册", (
        *_person(),
        Field("village", "村(居)", "village", True, VILLAGE, example="冬笋村"),
        Field("program", "救助类别", "program", True, _PROGRAM_HEADERS[:5], example="特困供养"),
        Field("monthly_amount", "保障金额", "money", False,
              ("月保障金额", "核定金额", "补贴标准", "发放标准", "保障金(元)", "保障金额(元)", "户月保障金额", "领取金额"),
              example="932", fallbacks=("合计",)),
        Field("period", "名册月份", "month", False, ("享受年月", "发放年月"), example="2022-06"),
        Field("household_id", "户编号", "text", False, ("低保证号", "家庭编号", "低保(特困)证号")),
        Field("head_id", "户主身份证号", "id", False, ("户主身份证号码",)),
        Field("head_name", "户主姓名", "text"),
        Field("household_size", "保障人数", "int", False, ("保障人口数",)),
        Field("sub_type", "供养方式", "sub_type", False, ("类别", "子类别"), example="分散"),
        Field("disability_level", "残疾等级", "text"),
        Field("start_date", "起始保障年月", "start_date", False, ("纳入日期", "审批日期", "最初享受月", "最初享受月份")),
        Field("end_date", "截止保障年月", "end_date", False, ("终止日期", "退出日期")),
        Field("status", "状态", "choice", False, ("保障状态",), STATUSES_ACTIVE + STATUSES_INACTIVE, STATUSES_ACTIVE[0]),
        Field("bank_account", "银行账号", "account", False, ACCOUNT, fallbacks=CARD_ACCOUNT),
        Field("bank_name", "开户银行", "text"),
        Field("group_name", "组", "text", False, GROUP),
        # the parts a household amount was given in (家庭补差 420；重点救助60元 60), kept beside their sum
        Field("amount_parts", "金额构成", "text"),
    ), ("program", "batch_period", "village"), ("名册", "花名册", "在保"), monthly=True),
    Dataset("payments", "资金发放明细", (
        Field("period", "发放年月", "month", True, ("发放月份", "享受年月"), example="2022-06"),
        Field("person_id", "享受人身份证号码", "id", True, PERSON_ID, example="500224195001011231",
              fallbacks=ID_IN_NUMBER),
        Field("name", "姓名", "text", True, PERSON_NAME, example="张三"),
        Field("program", "项目名称", "program", True, ("救助类别", "补贴项目", "救助类型"), example="特困供养"),
        Field("amount", "发放金额", "money", True, ("补贴金额", "发放合计(元)", "金额", "发放金额(元)", "领取金额"),
              example="932", fallbacks=("合计",)),
        Field("paid_date", "发放日期", "date", False, ("到账日期", "支付日期", "拨付日期", "发放时间"), example="2022-06-20"),
        Field("village", "村(居)", "village", False, VILLAGE),
        Field("head_id", "户主身份证号", "id", False, ("户主身份证号码",)),
        Field("head_name", "户主姓名", "text"),
        Field("payee_id", "收款人身份证号码", "id", False, ("领取人身份证号", "收款人身份证号")),
        Field("payee_name", "收款人姓名", "text", False, ("领取人", "账户名称", "银行账户名称", "户名")),
        Field("bank_account", "银行账号", "account", False, ACCOUNT, fallbacks=CARD_ACCOUNT),
        Field("bank_name", "开户银行", "text"),
        Field("method", "发放方式", "choice", False, (), ("银行", "现金", "实物", ""), "银行"),
        Field("filing_no", "登记备案号", "text"),
        Field("note", "备注", "text"),
        # the month the money is for: this column, else a 补发…月 note, else 发放年月 (filled at import)
        Field("paid_for", "所属期", "month", False, ("补贴期号", "资金所属期"), example="2022-06"),
    ), ("program", "batch_period", "village"), ("发放", "一卡通", "资金"), monthly=True,
       adds_when=("补发", "补差", "追加")),
    Dataset("proxy_agreements", "代领协议", (
        *_person(required_name=False),
        Field("proxy_name", "代领人姓名", "text", True, example="李四"),
        Field("proxy_id", "代领人身份证号", "id", False, ("代领人身份证号码",)),
        Field("relation", "与对象关系", "text"),
        Field("signed_date", "签订日期", "date", True, example="2022-06-01"),
        Field("filed_date", "备案日期", "date"),
        Field("valid_until", "有效期至", "date"),
    ), (), ("代领",)),
    Dataset("staff", "工作人员及近亲属", (
        *_person(),
        Field("unit", "单位", "text", False, ("村(居)", "工作单位", "村(社区)名称", "填报单位")),
        Field("role", "职务", "text", False, ("职务/职称", "职称", "现任职务")),
        Field("kind", "类别", "choice", True, ("人员类别",), STAFF_KINDS, STAFF_KINDS[0]),
        Field("related_staff_id", "关联工作人员身份证号", "id"),
        Field("relation", "关系", "text", False, ("与工作人员关系",)),
    ), (), (*STAFF_KINDS, "两委", "村民小组长", "监督委员会")),
    Dataset("crosscheck", "比对名单", (
        *_person(required_name=False),
        Field("source", "比对来源", "choice", True, (), CROSSCHECK_SOURCES, "死亡"),
        Field("event_date", "事项日期", "date", False, ("死亡日期", "登记日期"), fallbacks=("火化日期",)),
        Field("detail", "说明", "text"),
        # when the list was drawn: this column, else a date in the title or file name, else the import day; a record
        # without its own date counts from it
        Field("list_date", "比对日期", "date", False, ("名单日期", "比对时间", "核查日期")),
    ), ("source",), ("比对", "殡仪馆", "殡葬", DEATH_SOURCES[1]), accumulates=True),
    Dataset("potential", "摸排对象", (
        *_person(required_name=False),
        Field("village", "村(居)", "village", False, VILLAGE),
        Field("program", "可能符合类别", "program", True, example="重度残疾人护理补贴"),
        Field("basis", "依据", "text"),
    ), ("program",), ("摸排", "漏保")),
    Dataset("visits", "走访记录", (
        *_person(required_name=False),
        Field("visit_date", "走访日期", "date", True, ("探访日期",), example="2022-06-15"),
        Field("visitor", "走访人", "text"),
        Field("note", "情况", "text"),
        Field("village", "村(居)", "village", False, VILLAGE),
    ), ("village", "batch_period"), ("走访", "探访")),
    Dataset("institutions", "供养机构台账", (
        Field("name", "机构名称", "text", True, example="庆隆镇敬老院"),
        Field("legal_registration", "法人登记", "yesno"),
        Field("fire_approval", "消防验收", "yesno"),
        Field("property_right", "合法产权", "yesno"),
        Field("catering_licence", "食品经营许可", "yesno"),
        Field("finance_rules", "财务管理制度", "yesno"),
        Field("caregivers", "护理人员数", "int"),
        Field("residents", "供养人数", "int"),
        Field("checked_on", "检查日期", "date"),
    ), (), ("机构", "敬老院")),
    Dataset("issues", "问题台账", (
        Field("issue_no", "问题编号", "text", True, example="QL-2022-001"),
        Field("village", "村(居)/单位", "text", True, ("村(居)", "单位"), example="冬笋村"),
        Field("focus", "整治重点", "choice", True, (), FOCUSES, FOCUSES[0]),
        Field("category", "问题类别", "text", False, ("问题类型",)),
        Field("description", "问题描述", "text", True, ("具体问题", "问题简述"), example="死亡后仍发放"),
        Field("origin", "问题来源", "choice", False, (),
              ("自查自纠", "信息比对", "走访排查", "督导抽查", "审计", "信访举报", "纪委移送", "")),
        Field("found_date", "发现日期", "date"),
        Field("persons", "涉及对象", "text"),
        Field("amount", "涉及金额", "money"),
        Field("responsible_unit", "责任单位", "text"),
        Field("responsible_person", "责任人", "text"),
        Field("measures", "整改措施", "text"),
        Field("deadline", "整改时限", "date", False, ("完成时限",), text_ok=True),
        Field("status", "整改状态", "choice", False, (), (*ISSUE_STATUSES, ""), ISSUE_STATUSES[0]),
        Field("closed_date", "销号日期", "date"),
        Field("recovered", "追回金额", "money"),
        Field("referred", "是否移送纪委", "yesno"),
        Field("evidence", "佐证材料", "text", False, ("整改推进情况",), fallbacks=("整改结果",)),
        Field("note", "备注", "text"),
    ), ("issue_no",), ("台账",)),
    # optional: what the district transferred to the town for each program and month, for the money reconciliation
    Dataset("transfers", "区拨付资金", (
        Field("period", "资金所属月份", "month", True, ("拨付所属月份", "拨付月份"), example="2022-06"),
        Field("program", "救助类别", "program", True, _PROGRAM_HEADERS[:5], example="特困供养"),
        Field("amount", "区拨付金额", "money", True, ("拨付金额", "下达金额", "到位金额"), example="120000"),
        Field("returned", "退回金额", "money", False, ("退回区财政", "上缴金额"), example="0"),
        Field("doc_no", "拨付文号", "text", False, ("指标文号",)),
        Field("note", "备注", "text"),
    ), (), ("区拨付", "拨付台账")),
)}

# columns the importer adds to every dataset table: where each row came from
TRACE_COLUMNS = (("batch_id", "bigint"), ("sheet", "varchar"), ("row_no", "integer"))
# a hidden column of the monthly datasets: the month the file is for, which decides what a re-import replaces
BATCH_PERIOD = ("batch_period", "date")


def table_columns(dataset: Dataset) -> list[tuple[str, str]]:
    """The store's columns of a dataset table, in order."""
    extra = [BATCH_PERIOD] if "batch_period" in dataset.scope else []
    return [*TRACE_COLUMNS, *[(f.name, SQL_TYPES[f.type]) for f in dataset.fields], *extra]


def markdown_table() -> str:
    """The README's table of datasets and columns (bold = required), generated so it never drifts."""
    lines = ["| 数据 | 类型代码 | 列（**加粗**为必填；括号内为也可识别的写法） |", "|---|---|---|"]
    for dataset in DATASETS.values():
        cells = []
        for f in dataset.fields:
            label = f"**{f.label}**" if f.required else f.label
            cells.append(label + (f"（{'/'.join(f.headers[1:])}）" if f.headers[1:] else ""))
        lines.append(f"| {dataset.label} | `{dataset.kind}` | {'；'.join(cells)} |")
    return "\n".join(lines)
