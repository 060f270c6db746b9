-- Every issue number in the ledger (the next number continues them).
select issue_no from ledger_issue
