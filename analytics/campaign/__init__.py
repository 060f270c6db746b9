"""The campaign itself: the rectification ledger (问题台账) and its workbook, the village lists, the phases and
milestones."""
