"""Households as files give them: a block of rows, the head's row first carrying 低保证号 and the amounts, each
member's row below with those blank; or one row per person with 户主身份证号 blank on the head's own row and the
household's amount repeated on every member's row. Either way every person keeps a row linked to the household,
and a household's amount is stored once, on its head's row, as the sample town's roster has it.
"""
from __future__ import annotations

from analytics.core.config import Config

AMOUNTS = ("monthly_amount",)  # a roster's approved amount; a payment list's rows are money paid, each kept


def link(values: dict, n: int, config: Config, sheet: str) -> list[str]:
    """Fill the household fields of member rows from their block, and keep a repeated household amount once.
    Returns notes for the report."""
    if n == 0 or values.get("person_id") is None:
        return []
    where = f"工作表“{sheet}”" if sheet else "文件"
    notes = []
    blocks = _fill_blocks(values, n)
    if blocks:
        notes.append(f"{where}有 {len(blocks)} 户按户成块排列：成员行的户编号、户主取自户主行")
        _sizes_from_blocks(values, blocks)
    else:
        _heads_of_themselves(values, n)
    kept = _amount_once(values, n, {p.name for p in config.programs if p.pays == "household"})
    if kept:
        notes.append(f"{where}有 {kept} 户的户金额在每个成员行重复，只记在户主行一次")
    return notes


def _fill_blocks(values: dict, n: int) -> list[list[int]]:
    """Rows with a blank 户编号 below a row with one are that row's household members (R1's 低保 sheet)."""
    household = values.get("household_id")
    if household is None or all(h is None for h in household) or all(h is not None for h in household):
        return []
    person, name = values["person_id"], values.get("name", [None] * n)
    head_id = values.setdefault("head_id", [None] * n)
    head_name = values.setdefault("head_name", [None] * n)
    blocks, start = [], None
    for i in range(n):
        if household[i] is not None:
            start = i
            blocks.append([i])
        elif start is not None and person[i] is not None:
            blocks[-1].append(i)
    if all(len(b) == 1 for b in blocks):
        return []
    for block in blocks:
        first = block[0]
        head_id[first] = head_id[first] or person[first]
        head_name[first] = head_name[first] or name[first]
        for i in block[1:]:
            household[i] = household[first]
            head_id[i] = head_id[i] or head_id[first]
            head_name[i] = head_name[i] or head_name[first]
    return blocks


def _sizes_from_blocks(values: dict, blocks: list[list[int]]) -> None:
    """保障人数 1 on every row of a block counts the person, not the household: the household's size is the block's."""
    size = values.get("household_size")
    if size is None:
        return
    for block in blocks:
        if all(size[i] in (1, None) for i in block):
            for i in block:
                size[i] = len(block)


def _heads_of_themselves(values: dict, n: int) -> None:
    """A head's own row with 户主身份证号 blank (system exports) is linked to the household it heads."""
    head_id = values.get("head_id")
    if head_id is None or None not in head_id:
        return
    heads = {h for h in head_id if h is not None}
    person = values["person_id"]
    for i in range(n):
        if head_id[i] is None and person[i] in heads:
            head_id[i] = person[i]


def _amount_once(values: dict, n: int, household_programs: set[str]) -> int:
    """A household program's amount repeated on every member's row is the household's, kept on the head's row."""
    amount_field = next((a for a in AMOUNTS if values.get(a) is not None), None)
    key = values.get("household_id") or values.get("head_id")
    if amount_field is None or key is None or household_programs.isdisjoint(values.get("program") or ()):
        return 0
    amount, person, blank = values[amount_field], values["person_id"], [None] * n
    head_id, program, period = values.get("head_id", blank), values.get("program", blank), values.get("period", blank)
    rows = [i for i, k, pr, a in zip(range(n), key, program, amount)
            if k is not None and a is not None and pr in household_programs]
    if len({key[i] for i in rows}) == len(rows):
        return 0  # no household on two rows: nothing repeated
    groups: dict[tuple, list[int]] = {}
    for i in rows:
        groups.setdefault((key[i], program[i], period[i]), []).append(i)
    kept = 0
    for rows in groups.values():
        if len(rows) < 2 or len({amount[i] for i in rows}) != 1:
            continue
        head = next((i for i in rows if person[i] is not None and person[i] == head_id[i]), rows[0])
        for i in rows:
            if i != head:
                amount[i] = None
                if values.get("amount_parts") is not None:
                    values["amount_parts"][i] = None
        kept += 1
    return kept
