"""What an uploaded file really is, told from its bytes before any reader sees it: a workbook, a CSV, or something to
refuse with a Chinese reason — a zip bomb, a password or macros, a Word document, a web page saved as .xls.

Only directories are read here (the zip's central directory, the OLE compound file's directory): nothing is inflated,
so a bomb is refused by the sizes it declares, in microseconds.
"""
from __future__ import annotations

import io
import re
import struct
import zipfile
from dataclasses import dataclass

from analytics.core.errors import FileRejected

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Unzipped XML of a real export is 5-15 times its zip (12x for the 100,000-row benchmark file); a bomb is ~1,000x.
MAX_UNZIPPED_PER_UPLOAD_MB = 20
MAX_RATIO = 100                 # Apache POI's default floor for zip bombs is the same 1:100
RATIO_CHECKED_FROM = 1 << 20    # small parts (styles, themes) compress far better than sheets and are harmless
MAX_ZIP_ENTRIES = 10_000
# A reader builds each sheet as the full rectangle of its range (python-calamine: ~32 bytes a cell, then a Python
# object per cell): 1 million cells per MB of upload limit keeps a declared range inside the reading child's cap.
MAX_CELLS_PER_UPLOAD_MB = 1_000_000
DIMENSION_SCAN_BYTES = 64 << 10  # <dimension> comes before <sheetData>, within the sheet XML's first few hundred bytes
DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]{1,3})(\d{1,7})(?::([A-Z]{1,3})(\d{1,7}))?"')

REPACK = "请用 Excel 或 WPS 打开后“另存为” .xlsx 再上传"
PASSWORD = "工作簿设有打开密码（已加密），无法读取；请在 Excel 中取消密码（文件→信息→保护工作簿→用密码进行加密，清空）后另存再上传"
MACROS = "工作簿含有宏（VBA 代码），为安全起见不予读取；请在 Excel 中“另存为”不含宏的 .xlsx 后上传"
TRUNCATED = "文件不完整或已损坏（可能未下载完整、传输中断或被截断），请重新导出或重新下载后上传"
SIGNATURES = (  # (leading bytes, what the file is) for files that are plainly not spreadsheets
    (b"%PDF-", "PDF 文档"), (b"\x89PNG", "PNG 图片"), (b"\xff\xd8\xff", "JPEG 图片"), (b"GIF8", "GIF 图片"),
    (b"{\\rtf", "RTF 文档"), (b"Rar!", "RAR 压缩包"), (b"7z\xbc\xaf", "7z 压缩包"),
    (b"\x1f\x8b", "gzip 压缩包"),
)


@dataclass(frozen=True)
class Container:
    format: str                 # xlsx | xls | text
    has_drawings: bool = False  # pictures or charts: explains a workbook without cells


def identify(file_name: str, data: bytes, max_upload_mb: int) -> Container:
    if not data:
        raise FileRejected(file_name, "文件是空的（0 字节），请重新导出后上传")
    if data.startswith(ZIP_MAGIC):
        return _zip(file_name, data, max_upload_mb)
    if data.startswith(OLE_MAGIC):
        return _ole(file_name, data)
    for magic, what in SIGNATURES:
        if data.startswith(magic):
            raise FileRejected(file_name, f"这是 {what}，不是表格文件；请上传 .xlsx、.xls 或 .csv 表格")
    _refuse_markup(file_name, data)
    return Container("text")


def _zip(file_name: str, data: bytes, max_upload_mb: int) -> Container:
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise FileRejected(file_name, TRUNCATED) from None
    names = {info.filename for info in infos}
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise FileRejected(file_name, MACROS)
    if "xl/workbook.xml" not in names:
        raise FileRejected(file_name, _other_zip(names))
    _refuse_bomb(file_name, infos, max_upload_mb)
    _refuse_huge_range(file_name, data, infos, max_upload_mb)
    return Container("xlsx", any(n.startswith(("xl/drawings/", "xl/media/", "xl/charts/")) for n in names))


def _other_zip(names: set[str]) -> str:
    if "xl/workbook.bin" in names:
        return f"这是 Excel 二进制工作簿（.xlsb），{REPACK}"
    if "word/document.xml" in names:
        return "这是 Word 文档（.docx），不是表格；请上传 .xlsx、.xls 或 .csv 表格"
    if any(n.startswith("ppt/") for n in names):
        return "这是 PowerPoint 演示文稿，不是表格；请上传 .xlsx、.xls 或 .csv 表格"
    if "content.xml" in names and "mimetype" in names:
        return f"这是 WPS/LibreOffice 的开放文档格式（.ods 等），{REPACK}"
    return "这是一个 ZIP 压缩包，不是 Excel 工作簿；请解压后上传其中的表格文件"


def _refuse_bomb(file_name: str, infos: list[zipfile.ZipInfo], max_upload_mb: int) -> None:
    """Judge by the sizes the zip's directory declares; a part that inflates past its declared size fails the reader's
    own check, and the reading child's memory cap (analytics.importing.sandbox) bounds whatever the reader does meanwhile."""
    if len(infos) > MAX_ZIP_ENTRIES:
        raise FileRejected(file_name, f"工作簿内部含 {len(infos):,} 个部件，远超正常表格，疑为恶意文件，已拒绝")
    limit = max_upload_mb * MAX_UNZIPPED_PER_UPLOAD_MB
    total = sum(info.file_size for info in infos) / 2**20
    if total > limit:
        raise FileRejected(file_name, f"工作簿解压后共 {total:,.0f} MB，超过上限 {limit:,} MB（疑为“压缩炸弹”），已拒绝，"
                                      "未解压；如确为正常数据，请按月或按村拆分后上传")
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_CHECKED_FROM and ratio > MAX_RATIO:
            raise FileRejected(file_name, f"工作簿部件“{info.filename}”的压缩比为 {ratio:,.0f} 倍（正常表格不超过 "
                                          f"{MAX_RATIO} 倍），解压后达 {info.file_size / 2**20:,.0f} MB，疑为“压缩炸弹”，"
                                          "已拒绝，未解压")


def _refuse_huge_range(file_name: str, data: bytes, infos: list[zipfile.ZipInfo], max_upload_mb: int) -> None:
    """Each sheet's declared range (<dimension ref="A1:XFD1048576"/>), read from the first bytes of its XML: a range no
    upload of the allowed size could fill is refused before any reader builds it. A sheet that declares no range is
    left to the reading child's memory cap."""
    limit = max_upload_mb * MAX_CELLS_PER_UPLOAD_MB
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in infos:
            if not re.fullmatch(r"xl/worksheets/[^/]+\.xml", info.filename):
                continue
            try:
                with archive.open(info) as part:
                    head = part.read(DIMENSION_SCAN_BYTES)
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
                raise FileRejected(file_name, TRUNCATED) from None
            found = DIMENSION.search(head)
            if not found:
                continue
            first = _cell_index(*found.group(1, 2))
            last = _cell_index(*found.group(3, 4)) if found[3] else first
            cells = (abs(last[0] - first[0]) + 1) * (abs(last[1] - first[1]) + 1)
            if cells > limit:
                span = found[0].decode().split('"')[1]
                raise FileRejected(file_name, f"工作簿部件“{info.filename}”声明的表格范围为 {span}，共 {cells:,} 个单元格，"
                                              f"读取所需内存超过上限（{max_upload_mb} MB 以内的表格不超过 {limit:,} 个单元格），"
                                              "疑为异常或恶意文件，已拒绝，未读取；看板未受影响")


def _cell_index(letters: bytes, digits: bytes) -> tuple[int, int]:
    """(row, column) of an A1 reference, both counted from 1."""
    column = 0
    for letter in letters:
        column = column * 26 + letter - 64
    return int(digits), column


def _ole(file_name: str, data: bytes) -> Container:
    try:
        names, workbook = ole_directory(data)
    except ValueError:
        raise FileRejected(file_name, TRUNCATED) from None
    if {"EncryptionInfo", "EncryptedPackage"} & names or (workbook and _has_filepass(workbook)):
        raise FileRejected(file_name, PASSWORD)
    if {"_VBA_PROJECT_CUR", "_VBA_PROJECT", "VBA"} & names:
        raise FileRejected(file_name, MACROS)
    if workbook is None:
        what = "Word 文档（.doc）" if "WordDocument" in names else "PowerPoint 演示文稿" if "PowerPoint Document" in names \
            else "OLE 复合文档"
        raise FileRejected(file_name, f"这是 {what}，不是 Excel 工作簿；请上传 .xlsx、.xls 或 .csv 表格")
    return Container("xls")


def _has_filepass(head: bytes) -> bool:
    """An encrypted .xls says so in a FILEPASS record (0x002F) right after the workbook's first BOF record."""
    if len(head) < 8:
        return False
    kind, length = struct.unpack_from("<HH", head)
    return kind == 0x0809 and len(head) >= 8 + length and struct.unpack_from("<H", head, 4 + length)[0] == 0x002F


def _refuse_markup(file_name: str, data: bytes) -> None:
    """A web page or an XML spreadsheet saved with an .xls name: many office systems export these."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<table", b"<head", b"<meta", b"<body")) or b"<html" in head:
        raise FileRejected(file_name, f"这其实是网页（HTML）文件，只是扩展名为表格；{REPACK}")
    if head.startswith(b"<?xml"):
        if b"urn:schemas-microsoft-com:office:spreadsheet" in data[:8192]:
            raise FileRejected(file_name, f"这是 Excel 2003 XML 表格，不再支持；{REPACK}")
        raise FileRejected(file_name, "这是 XML 文件，不是表格；请上传 .xlsx、.xls 或 .csv 表格")


# The OLE compound file (CFB) directory: just enough to list stream names and read the start of the workbook stream.

ENDOFCHAIN, FREESECT = 0xFFFFFFFE, 0xFFFFFFFF
MINI_CUTOFF = 4096


def ole_directory(data: bytes) -> tuple[set[str], bytes | None]:
    """The names in a compound file's directory, and the first bytes of its Workbook (or Book) stream if any.
    Raises ValueError when the structure points outside the file (truncated) or loops."""
    if len(data) < 512:
        raise ValueError("short header")
    shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
    if shift not in (9, 12) or mini_shift != 6:
        raise ValueError("bad sector size")
    size = 1 << shift
    fat = _fat(data, size)
    names, workbook = set(), None
    entries = _chain_bytes(data, size, fat, struct.unpack_from("<I", data, 0x30)[0])
    root = None
    for offset in range(0, len(entries) - 127, 128):
        entry = entries[offset:offset + 128]
        kind = entry[66]
        if kind not in (1, 2, 5):
            continue
        length = min(struct.unpack_from("<H", entry, 64)[0], 64)
        name = entry[:max(length - 2, 0)].decode("utf-16-le", "replace")
        start, stream_size = struct.unpack_from("<IQ", entry, 116)
        if kind == 5:
            root = (start, stream_size)
        names.add(name)
        if kind == 2 and name in ("Workbook", "Book") and workbook is None:
            workbook = (start, stream_size)
    if workbook is None:
        return names, None
    start, stream_size = workbook
    if stream_size >= MINI_CUTOFF or root is None:
        return names, _chain_bytes(data, size, fat, start, limit=512)
    return names, _mini_head(data, size, fat, root[0], start)


def _fat(data: bytes, size: int) -> list[int]:
    count = struct.unpack_from("<I", data, 0x2C)[0]
    sectors = [s for s in struct.unpack_from("<109I", data, 0x4C) if s < ENDOFCHAIN][:count]
    difat, seen = struct.unpack_from("<I", data, 0x44)[0], set()
    while difat < ENDOFCHAIN and len(sectors) < count:
        if difat in seen:
            raise ValueError("DIFAT loop")
        seen.add(difat)
        block = _sector(data, size, difat)
        *more, difat = struct.unpack(f"<{size // 4}I", block)
        sectors += [s for s in more if s < ENDOFCHAIN]
    fat = []
    for sector in sectors[:count]:
        fat.extend(struct.unpack(f"<{size // 4}I", _sector(data, size, sector)))
    return fat


def _sector(data: bytes, size: int, number: int) -> bytes:
    offset = (number + 1) * size
    if offset + size > len(data):
        raise ValueError("sector beyond the end of the file")
    return data[offset:offset + size]


def _chain_bytes(data: bytes, size: int, fat: list[int], start: int, limit: int | None = None) -> bytes:
    out, sector, seen = [], start, set()
    while sector < ENDOFCHAIN and (limit is None or len(out) * size < limit):
        if sector in seen or sector >= len(fat):
            raise ValueError("broken chain")
        seen.add(sector)
        out.append(_sector(data, size, sector))
        sector = fat[sector]
    return b"".join(out)


def _mini_head(data: bytes, size: int, fat: list[int], root_start: int, mini_start: int) -> bytes:
    """The first 64-byte mini sector of a small stream, found inside the root's mini stream."""
    mini_stream = _chain_bytes(data, size, fat, root_start, limit=(mini_start + 1) * 64)
    return mini_stream[mini_start * 64:(mini_start + 1) * 64]
