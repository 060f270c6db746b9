"""The rectification ledger (问题台账, domain.md §6): issues created in the app, from findings or by import, moved
through the status flow, with every change kept (who, when, what, a note) in the append-only ledger_event table.

Rules a careful office keeps, enforced here and not only in the page:
- the status moves only along FLOW; 销号 needs a 销号日期 and 佐证材料;
- an import adds new issues and changes existing ones as filled in; an empty cell never erases what the ledger holds;
- an issue made from findings is re-checked after each recompute (`recheck`): its problem found again in a month after
  the issue was made → 整改未见效; not found again → 可销号, once the money it was made from is paid (待补发到位)
  or recovered (待追回资金).

`rules` holds the vocabulary and the checks, `store` the writes, `views` the reads; callers use them as `ledger.X`
through the names below. No code here: analytics.access.scope imports `rules`, which runs this file first.
"""
from analytics.campaign.ledger.rules import (AWAITING_PAYMENT, AWAITING_RECOVERY, CLOSED, EDITABLE, FIELDS, FLOW,
                                             LABELS, NOT_EFFECTIVE, OPEN_STATUSES, READY_TO_CLOSE, STATUSES,
                                             TEXT_FIELDS, LedgerError)
from analytics.campaign.ledger.store import change_status, create, edit, merge_import, recheck
from analytics.campaign.ledger.views import (BUCKETS, HEAT_COUNTS, HEAT_VILLAGES, buckets, busiest, check_visible,
                                             draft_from_findings, headline, heatmap, history, in_cell, issue, issues,
                                             linked_findings, money, narrowed, next_issue_no, totals)

__all__ = ["AWAITING_PAYMENT", "AWAITING_RECOVERY", "BUCKETS", "CLOSED", "EDITABLE", "FIELDS", "FLOW", "HEAT_COUNTS",
           "HEAT_VILLAGES", "LABELS", "NOT_EFFECTIVE", "OPEN_STATUSES", "READY_TO_CLOSE", "STATUSES", "TEXT_FIELDS",
           "LedgerError", "buckets", "busiest", "change_status", "check_visible", "create", "draft_from_findings", "edit",
           "headline", "heatmap", "history", "in_cell", "issue", "issues", "linked_findings", "merge_import", "money",
           "narrowed", "next_issue_no", "recheck", "totals"]
