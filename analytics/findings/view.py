"""The findings as people read them in tables and in the village lists they take away to rectify."""
from __future__ import annotations

import io

import pandas as pd
from openpyxl import Workbook

from analytics.access.privacy import Privacy, mask_text, masked
from analytics.core.values import period_text
from analytics.core.xlsx import write_table
from analytics.findings.codes import CODES
from analytics.findings.export import table

SHOWN = ("疑点", "严重程度", "整治重点", "村(居)", "姓名", "身份证号", "救助类别", "另一救助类别", "月份", "涉及金额(元)",
         "说明", "来源文件与行号")
MONEY = "涉及金额(元)"
WITH_ACCOUNT = (*SHOWN[:7], "银行账号", *SHOWN[7:])


def shown(frame: pd.DataFrame, privacy: Privacy) -> pd.DataFrame:
    """Findings with Chinese headers, IDs and accounts masked (and names in projector mode)."""
    if frame.empty:
        return pd.DataFrame(columns=list(SHOWN))
    out = masked(table(frame), privacy)
    money = pd.to_numeric(out[MONEY], errors="coerce")
    out = out.astype("object").where(out.notna(), "")
    out[MONEY] = money
    return out


def listed(frame: pd.DataFrame, privacy: Privacy) -> pd.DataFrame:
    """The columns of the findings tables (SHOWN), in their order."""
    return shown(frame, privacy)[list(SHOWN)]


def dismissed_shown(frame: pd.DataFrame, privacy: Privacy) -> pd.DataFrame:
    """Findings judged 不属实 as listed apart: who checked and what they found, then the finding as usual."""
    shown = listed(frame, privacy)
    shown.insert(0, "核实说明", [mask_text(note) for note in frame["verification_note"]])
    shown.insert(0, "核实人", frame["verified_by"].to_list())
    return shown


def narrowed(frame: pd.DataFrame, severities: list[str], focuses: list[str]) -> pd.DataFrame:
    """Findings of the chosen severities and 整治重点 (none chosen: all)."""
    keep = pd.Series(True, index=frame.index)
    if severities:
        keep &= frame["severity"].isin(severities)
    if focuses:
        keep &= frame["focus"].isin(focuses)
    return frame[keep]


def by_focus(frame: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The findings of each 整治重点 that has any, in the order of the codes (CODES); rows keep their index."""
    parts = {focus: frame[frame["focus"] == focus] for focus in dict.fromkeys(code.focus for code in CODES)}
    return {focus: part for focus, part in parts.items() if len(part)}


def masked_people(frame: pd.DataFrame, privacy: Privacy) -> pd.DataFrame:
    """Rows about persons (changes, exits) with Chinese headers, masked."""
    labels = {"period": "月份", "village": "村(居)", "program": "救助类别", "person_id": "身份证号", "name": "姓名",
              "change": "变化", "reason": "原因"}
    shown = frame[[c for c in labels if c in frame.columns]].copy()
    if "period" in shown:
        shown["period"] = shown["period"].map(period_text)
    shown = shown.astype("object").where(shown.notna(), "")
    return masked(shown.rename(columns=labels), privacy)


def search(frame: pd.DataFrame, text: str) -> pd.DataFrame:
    """Findings whose name or ID contains the text (an ID is searched in clear, shown masked)."""
    text = text.strip().upper()
    if not text:
        return frame
    names = frame["name"].fillna("")
    ids = frame["person_id"].fillna("")
    return frame[names.str.contains(text, regex=False) | ids.str.contains(text, regex=False)]


def workbook(frame: pd.DataFrame, privacy: Privacy) -> bytes:
    """One sheet per village (town-level findings on 镇级), Chinese headers, money as numbers shown to the fen, and text
    that looks like a formula kept as text (analytics.core.xlsx.write_table)."""
    rows = shown(frame, privacy)
    book = Workbook()
    book.remove(book.active)
    for village, part in rows.groupby(rows["村(居)"].replace("", "镇级").fillna("镇级"), sort=True):
        write_table(book.create_sheet(str(village)[:31]), part, money=(MONEY,))
    if not book.worksheets:
        write_table(book.create_sheet("疑点清单"), rows, money=(MONEY,))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
