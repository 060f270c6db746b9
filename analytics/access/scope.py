"""Who may see and do what: the four roles and their rights as one table, the user's scope, and the checks that every
query and action goes through (issue 7) — enforced here in analytics, not only by hiding pages.

A 村(居) account sees one village: `Scope.filters` locks the shared filters to it (analytics.core.filters then refuses any
filter naming another village), and `Scope.check_village` guards what is reached by key (a person, an issue, an
export).
"""
from __future__ import annotations

from dataclasses import dataclass

from analytics.campaign.ledger.rules import EDITABLE, LABELS, OPEN_STATUSES, STATUSES
from analytics.core.errors import Forbidden
from analytics.core.filters import Filters

ADMIN, LEADER, DISCIPLINE, VILLAGE = "管理员", "领导", "纪委", "村(居)"
ROLES = (ADMIN, LEADER, DISCIPLINE, VILLAGE)
# url paths of ui.frame.PAGES
READ_PAGES = ("home", "guide", "history", "completeness", "overview", "coverage", "payouts", "findings_list",
              "village", "person", "data_overview", "rules", "ledger", "phases", "documents")
ALL_PAGES = ("home", "upload", *READ_PAGES[1:], "referrals", "accounts", "audit")
# a village account's pages are the ones that show one village without comparing it with the others
VILLAGE_PAGES = ("home", "guide", "village", "findings_list", "person", "rules", "ledger", "documents")
REFERRAL_FIELDS = ("referred", "recovered")          # 是否移送纪委, 追回金额
PROGRESS_FIELDS = ("measures", "evidence", "note")   # 整改措施, 佐证材料, 备注


@dataclass(frozen=True)
class Rights:
    pages: tuple[str, ...]
    status_to: tuple[str, ...]      # the ledger statuses the role may move an issue to
    fields: tuple[str, ...]         # the ledger fields the role may edit (ledger.EDITABLE names)
    unmask: bool = False            # see a full ID number or account, with a stated reason, logged
    export_town: bool = False       # export more than one village
    import_data: bool = False       # import, undo and restore batches
    record_milestones: bool = False  # 阶段进度: record or withdraw a milestone's completion
    verify: bool = False            # record what a check in the village found of a finding (核实)
    referrals: bool = False         # read and keep the 问题线索移送登记 (leads transferred to 纪委)

    @property
    def may_change_status(self) -> bool:
        return bool(self.status_to)

    @property
    def may_edit_referral(self) -> bool:
        return set(REFERRAL_FIELDS) <= set(self.fields)


RIGHTS = {
    ADMIN: Rights(ALL_PAGES, STATUSES, EDITABLE, unmask=True, export_town=True, import_data=True,
                  record_milestones=True, verify=True, referrals=True),
    LEADER: Rights(READ_PAGES, STATUSES, (), export_town=True),
    DISCIPLINE: Rights((*READ_PAGES, "referrals"), (), REFERRAL_FIELDS, export_town=True, referrals=True),
    VILLAGE: Rights(VILLAGE_PAGES, OPEN_STATUSES, PROGRESS_FIELDS, verify=True),
}


@dataclass(frozen=True)
class Scope:
    """Who is asking. Every analytics function that reads or changes people's records takes it: reads through
    `filters` (their village lock) or `check_village`, writes through the checks below."""
    user: str
    role: str
    village: str | None = None   # set for 村(居) accounts only

    @property
    def rights(self) -> Rights:
        return RIGHTS[self.role]

    def may_see(self, page: str) -> bool:
        return page in self.rights.pages

    def filters(self, filters: Filters) -> Filters:
        """The filters every query of this user runs with: a 村(居) user's locked to their village (a filter naming
        another village refuses)."""
        return filters if self.village is None else filters.narrowed(village_lock=self.village)

    def check_village(self, village: str | None) -> None:
        """One village's record (a person, an issue) or export; `village` None means the whole town."""
        if self.village is not None and village != self.village:
            raise Forbidden.outside(self.village, village or "全镇")

    def check_export(self, village: str | None) -> None:
        if village is None and not self.rights.export_town:
            raise Forbidden(f"{self.role}账户只能导出本村(居)的数据")
        self.check_village(village)

    def check_page(self, page: str) -> None:
        if not self.may_see(page):
            raise Forbidden(f"{self.role}账户无权访问此页面")

    def check_status_change(self, to: str) -> None:
        if to not in self.rights.status_to:
            raise Forbidden(f"{self.role}账户无权把问题改为“{to}”")

    def check_fields(self, fields) -> None:
        refused = [f for f in fields if f not in self.rights.fields]
        if refused:
            raise Forbidden(f"{self.role}账户无权修改：{'、'.join(LABELS.get(f, f) for f in refused)}")

    def check_unmask(self) -> None:
        if not self.rights.unmask:
            raise Forbidden("只有管理员可以查看完整的证件号或银行账号")

    def check_import(self) -> None:
        if not self.rights.import_data:
            raise Forbidden(f"{self.role}账户无权导入、撤销或恢复数据")

    def check_verify(self, village: str | None) -> None:
        """核实 of a finding: a 管理员 for any village, a 村(居) account for its own; 领导 and 纪委 read."""
        if not self.rights.verify:
            raise Forbidden(f"{self.role}账户只能查看核实结论，不能登记")
        self.check_village(village)

    def check_referrals(self) -> None:
        """问题线索移送登记: 纪委 and 管理员 only, to read, keep or export."""
        if not self.rights.referrals:
            raise Forbidden(f"{self.role}账户无权查看问题线索移送登记")

    def check_milestones(self) -> None:
        if not self.rights.record_milestones:
            raise Forbidden(f"{self.role}账户无权登记里程碑完成情况")


# 单机模式: no accounts exist, the one local user may do everything
LOCAL_USER = "本机用户"
LOCAL_SCOPE = Scope(LOCAL_USER, ADMIN)
