"""A corpus of broken and hostile uploads, built here in code. Each is refused with a Chinese message that says what is
wrong (and the sheet, row and column where that applies), writes nothing to the store, and reads in bounded memory.

Memory bound: reading runs in a capped child process (analytics.importing.sandbox). The cap is 40 MB per MB of the configured
upload limit (2,000 MB at the default 50 MB); the big hostile files below stay far under it — each adds at most
BIG_FILE_MB of resident memory, measured in the child (VmHWM), and is refused within BIG_FILE_SECONDS.
"""
from __future__ import annotations

import codecs
import dataclasses
import functools
import io
import struct
import time
import zipfile
import zlib

import openpyxl
import pytest
import xlwt

from analytics.core import db, store
from analytics.core.errors import FileRejected
from analytics.importing.files import import_file
from analytics.importing.plan import plan_isolated
from conftest import PAYMENT_HEADER, csv_bytes, payment_rows, person, xls_bytes, xlsx_bytes

TITLE = ["2022年6月特困供养发放明细"]
BIG_FILE_MB = 300
BIG_FILE_SECONDS = 20
SHEET_NS = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def payments(rows=None, header=PAYMENT_HEADER) -> list[list]:
    return [TITLE, header, *(payment_rows(3) if rows is None else rows)]


def good_xlsx() -> bytes:
    return xlsx_bytes(("发放", payments()))


def good_csv() -> bytes:
    return csv_bytes(payments())


def xlsx_parts(base: bytes, parts: dict[str, bytes]) -> bytes:
    """The workbook with some parts replaced or added."""
    source, out, wanted = zipfile.ZipFile(io.BytesIO(base)), io.BytesIO(), dict(parts)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, wanted.pop(info.filename, None) or source.read(info))
        for name, data in wanted.items():
            target.writestr(name, data)
    return out.getvalue()


def with_sheet_xml(body: bytes) -> bytes:
    base = xlsx_bytes(("发放", [PAYMENT_HEADER]))
    return xlsx_parts(base, {"xl/worksheets/sheet1.xml": SHEET_NS + body + b"</worksheet>"})


def inline_row(number: int, cells: list[str]) -> bytes:
    return (f'<row r="{number}">' + "".join(f'<c r="{_column(i)}{number}" t="inlineStr"><is><t>{text}</t></is></c>'
                                           for i, text in enumerate(cells)) + "</row>").encode()


def _column(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def zip_of(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


# An OLE compound file (the container of .xls and of encrypted .xlsx), written from the spec: 512-byte sectors,
# FAT sectors first, then the directory, then each stream padded to 4,096 bytes so no mini stream is needed.

FREE, END, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def cfb(*entries: tuple[str, int, bytes]) -> bytes:
    """entries: (name, 1 storage | 2 stream, data)."""
    streams = [data.ljust(max(4096, -(-len(data) // 512) * 512), b"\x00") if kind == 2 else b""
               for _, kind, data in entries]
    dir_sectors = -(-(len(entries) + 1) // 4)
    data_sectors = sum(len(s) // 512 for s in streams)
    fat_sectors = 1
    while fat_sectors * 128 < fat_sectors + dir_sectors + data_sectors:
        fat_sectors += 1
    fat = [FATSECT] * fat_sectors
    fat += [fat_sectors + i + 1 for i in range(dir_sectors - 1)] + [END]
    starts = []
    for stream in streams:
        count, first = len(stream) // 512, len(fat)
        starts.append(first if count else END)
        fat += [first + i + 1 for i in range(count - 1)] + ([END] if count else [])
    fat += [FREE] * (fat_sectors * 128 - len(fat))
    directory = [_dir_entry("Root Entry", 5, END, 0, child=1 if entries else NOSTREAM)]
    directory += [_dir_entry(name, kind, start, len(stream), right=i + 2 if i + 1 < len(entries) else NOSTREAM)
                  for i, ((name, kind, _), start, stream) in enumerate(zip(entries, starts, streams))]
    directory += [b"\x00" * 128] * (dir_sectors * 4 - len(directory))
    header = struct.pack("<8s16sHHHHH6sIIIIIIIII", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", bytes(16), 0x3E, 3, 0xFFFE,
                         9, 6, bytes(6), 0, fat_sectors, fat_sectors, 0, 4096, END, 0, END, 0)
    header += struct.pack("<109I", *(list(range(fat_sectors)) + [FREE] * (109 - fat_sectors)))
    return header + struct.pack(f"<{len(fat)}I", *fat) + b"".join(directory) + b"".join(streams)


def _dir_entry(name: str, kind: int, start: int, size: int, right: int = NOSTREAM, child: int = NOSTREAM) -> bytes:
    encoded = name.encode("utf-16-le")
    return struct.pack("<64sHBBIII16sIQQIQ", encoded, len(encoded) + 2, kind, 1, NOSTREAM, right, child, bytes(16), 0,
                       0, 0, start, size)


def xls_workbook_stream(encrypted: bool = False) -> bytes:
    """xlwt's BIFF8 workbook stream; encrypted puts an RC4 FILEPASS record right after BOF, where Excel writes it."""
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("发放")
    for r, row in enumerate(payments()):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    stream = book.get_biff_data()
    if not encrypted:
        return stream
    bof_end = 4 + struct.unpack_from("<H", stream, 2)[0]
    replaced = 6 + 6 + 4 + 116  # INTERFACEHDR, MMS, INTERFACEEND, WRITEACCESS: same length, so offsets hold
    filepass = struct.pack("<HHHHH", 0x2F, 54, 1, 1, 1) + bytes(48)
    return stream[:bof_end] + filepass + struct.pack("<HH", 0x5C, 70) + b" " * 70 + stream[bof_end + replaced:]


def encrypted_xlsx() -> bytes:
    info = struct.pack("<HHI", 4, 4, 0x40) + b'<?xml version="1.0"?><encryption xmlns="http://schemas.microsoft.com/' \
                                             b'office/2006/encryption"/>'
    return cfb(("EncryptionInfo", 2, info), ("EncryptedPackage", 2, struct.pack("<Q", 9000) + bytes(9000)))


def pictures_only() -> bytes:
    from openpyxl.drawing.image import Image
    from PIL import Image as Picture
    png = io.BytesIO()
    Picture.new("RGB", (40, 30), "red").save(png, "PNG")
    book = openpyxl.Workbook()
    book.active.title = "照片"
    book.active.add_image(Image(io.BytesIO(png.getvalue())), "B2")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def all_hidden() -> bytes:
    book = openpyxl.Workbook()
    book.active.title = "旧表"
    book.active.append(PAYMENT_HEADER)
    hidden = book.create_sheet("底稿")
    hidden.append(PAYMENT_HEADER)
    hidden.sheet_state = "hidden"
    out = io.BytesIO()
    book.save(out)  # openpyxl insists on one visible sheet; other tools do not
    workbook = zipfile.ZipFile(io.BytesIO(out.getvalue())).read("xl/workbook.xml")
    return xlsx_parts(out.getvalue(), {"xl/workbook.xml": workbook.replace(b'state="visible"', b'state="hidden"')})


def merged_header() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "发放"
    for row in payments():
        sheet.append(row)
    sheet.merge_cells("D2:F2")  # 项目名称 over 发放金额 and 发放日期: their names are gone
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@functools.cache
def ratio_bomb() -> bytes:
    """256 MB of sheet XML in a zip of under 1 MB."""
    deflate, row = zlib.compressobj(9, zlib.DEFLATED, -15), b'<row r="1"><c r="A1"><v>1</v></c></row>' * 25_000
    body = [deflate.compress(SHEET_NS + b"<sheetData>")]
    for _ in range(256 * 2**20 // len(row)):
        body.append(deflate.compress(row))
    compressed = b"".join(body) + deflate.compress(b"</sheetData></worksheet>") + deflate.flush()
    size = len(SHEET_NS) + 11 + 256 * 2**20 // len(row) * len(row) + 24
    return _zip_with_raw_part(good_xlsx(), "xl/worksheets/sheet1.xml", compressed, size)


def _zip_with_raw_part(base: bytes, name: str, compressed: bytes, size: int) -> bytes:
    """The workbook with part `name` given already deflated (a bomb is cheaper to build than to inflate); its CRC is
    left 0, so inflating it would fail differently from the refusal the test expects."""
    source, out = zipfile.ZipFile(io.BytesIO(base)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != name:
                target.writestr(info.filename, source.read(info))
    head = out.getvalue()
    archive = zipfile.ZipFile(io.BytesIO(head))
    body, directory = head[:archive.start_dir], head[archive.start_dir:head.rfind(b"PK\x05\x06")]
    encoded, count = name.encode(), len(archive.infolist()) + 1
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, 0, len(compressed), size, len(encoded), 0)
    directory += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, 0, len(compressed), size,
                             len(encoded), 0, 0, 0, 0, 0, len(body)) + encoded
    part = local + encoded + compressed
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(directory), len(body) + len(part), 0)
    return body + part + directory + end


def many_parts(parts: int) -> bytes:
    """Parts of 1 MB each, every one under the ratio check's threshold, together over the unzipped limit."""
    out, megabyte = io.BytesIO(), b" " * 2**20
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name in ("[Content_Types].xml", "xl/workbook.xml"):
            archive.writestr(name, b"<x/>")
        for i in range(parts):
            archive.writestr(f"xl/media/blank{i}.xml", megabyte)
    return out.getvalue()


@functools.cache
def lying_part() -> bytes:
    """A sheet that inflates to 21 MB while the zip directory says 7 MB."""
    rows = b"".join(inline_row(i, ["x"]) for i in range(1, 300_001))
    data = bytearray(with_sheet_xml(b"<sheetData>" + rows + b"</sheetData>"))
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("xl/worksheets/sheet1.xml")
    struct.pack_into("<I", data, info.header_offset + 22, info.compress_size * 5)
    central = zipfile.ZipFile(io.BytesIO(bytes(data))).start_dir
    at = bytes(data).find(b"xl/worksheets/sheet1.xml", central) - 46
    struct.pack_into("<I", data, at + 24, info.compress_size * 5)
    return bytes(data)


def far_cells() -> bytes:
    """Two cells, A1 and XFD1048576: python-calamine would build all 17 billion cells between them."""
    return with_sheet_xml(b'<sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
                          b'<row r="1048576"><c r="XFD1048576"><v>2</v></c></row></sheetData>')


@functools.cache
def empty_rows(count: int) -> bytes:
    """The header, then `count` rows of empty text cells (what a sheet formatted far down exports)."""
    blank = "".join(f'<c r="{_column(i)}{{n}}" t="inlineStr"><is><t></t></is></c>' for i in range(len(PAYMENT_HEADER)))
    rows = "".join(f'<row r="{n}">' + blank.format(n=n) + "</row>" for n in range(3, count + 3))
    return with_sheet_xml(b"<sheetData>" + inline_row(1, TITLE) + inline_row(2, PAYMENT_HEADER) + rows.encode()
                          + b"</sheetData>")


@functools.cache
def wide_crosstab(columns: int, rows: int) -> bytes:
    """A village x day cross-table, 1,000 columns wide: no header of any dataset."""
    header = ["村(居)", *(f"第{d}天" for d in range(1, columns))]
    body = b"".join(inline_row(r, [f"村{r}", *("1" for _ in range(1, columns))]) for r in range(2, rows + 2))
    return with_sheet_xml(b"<sheetData>" + inline_row(1, header) + body + b"</sheetData>")


def entity_bomb() -> bytes:
    lol = b'<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">' \
          b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
    base = xlsx_bytes(("发放", [PAYMENT_HEADER]))
    sheet = lol + SHEET_NS + b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&d;</t></is></c></row>' \
                             b'</sheetData></worksheet>'
    return xlsx_parts(base, {"xl/worksheets/sheet1.xml": sheet})


def ids_as_numbers() -> bytes:
    rows = payment_rows(3)
    for row in rows:
        row[2] = float(row[2])
    return xlsx_bytes(("发放", payments(rows)))


def mixed_encodings() -> bytes:
    lines = [",".join(TITLE).encode("utf-8"), ",".join(PAYMENT_HEADER).encode("utf-8")]
    lines += [",".join(map(str, row)).encode("gbk") for row in payment_rows(3)]
    return b"\r\n".join(lines)


def staff_list() -> bytes:
    return xlsx_bytes(("人员", [["姓名", "身份证号", "单位", "职务", "类别"], ["李四", person(7), "冬笋村", "主任", "村干部"]]))


HTML = ('<html><head><meta charset="utf-8"></head><body><table><tr><td>姓名</td><td>身份证号</td></tr>'
        '<tr><td>张三</td><td>500224195001020015</td></tr></table></body></html>').encode()
XML_2003 = ('<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?><Workbook xmlns='
            '"urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="发放"/></Workbook>').encode()


@dataclasses.dataclass(frozen=True)
class Case:
    id: str
    file_name: str
    build: object           # () -> bytes
    says: tuple[str, ...]   # fragments of the Chinese message, besides the file's name
    kind: str | None = None
    big: bool = False       # measured for memory and time


CASES = [
    Case("zero_bytes", "发放.xlsx", lambda: b"", ("0 字节",)),
    Case("csv_of_blank_lines", "发放.csv", lambda: codecs.BOM_UTF8 + b"\r\n  \r\n,,\r\n", ("只有空行",)),
    Case("truncated_xlsx", "发放.xlsx", lambda: good_xlsx()[:len(good_xlsx()) // 2], ("文件不完整或已损坏",)),
    Case("truncated_xls", "发放.xls", lambda: xls_bytes(("发放", payments()))[:3000], ("文件不完整或已损坏",)),
    Case("truncated_utf8_csv", "发放.csv", lambda: good_csv()[:-2] + "测".encode()[:2], ("最后一个字只有半截",)),
    Case("truncated_gbk_csv", "发放.csv", lambda: csv_bytes(payments(), "gbk")[:-2] + "测".encode("gbk")[:1],
         ("最后一个字只有半截",)),
    Case("csv_quote_never_closed", "发放.csv", lambda: good_csv().replace(b",\xe6\xb5\x8b\xe8\xaf\x952,", b',"\xe6\xb5\x8b2,'),
         ("第 4 行", "引号", "没有配对")),
    Case("xlsx_that_is_a_pdf", "发放.xlsx", lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", ("PDF 文档",)),
    Case("html_saved_as_xls", "发放.xls", lambda: HTML, ("网页（HTML）", "另存为")),
    Case("excel_2003_xml_as_xls", "发放.xls", lambda: XML_2003, ("Excel 2003 XML",)),
    Case("binary_garbage_as_csv", "发放.csv", lambda: bytes(range(256)) * 8, ("二进制内容",)),
    Case("word_docx_as_xlsx", "发放.xlsx", lambda: zip_of({"word/document.xml": b"<w:document/>"}), ("Word 文档",)),
    Case("plain_zip_as_xlsx", "发放.xlsx", lambda: zip_of({"发放.csv": good_csv()}), ("ZIP 压缩包",)),
    Case("xlsb_binary_workbook", "发放.xlsx", lambda: zip_of({"xl/workbook.bin": b"\x83\x01"}), (".xlsb",)),
    Case("word_doc_as_xls", "发放.xls", lambda: cfb(("WordDocument", 2, b"\xec\xa5" * 100)), ("Word 文档（.doc）",)),
    Case("password_xlsx", "发放.xlsx", encrypted_xlsx, ("密码", "取消密码")),
    Case("password_xls", "发放.xls", lambda: cfb(("Workbook", 2, xls_workbook_stream(encrypted=True))), ("密码",)),
    Case("macro_xlsm", "发放.xlsm", lambda: xlsx_parts(good_xlsx(), {"xl/vbaProject.bin": b"\xcc\x61" * 50}), ("宏",)),
    Case("macro_xls", "发放.xls", lambda: cfb(("Workbook", 2, xls_workbook_stream()), ("_VBA_PROJECT_CUR", 1, b""),
                                            ("VBA", 1, b""), ("dir", 2, b"\x01" * 64)), ("宏", "不含宏")),
    Case("zip_bomb_huge_sheet", "发放.xlsx", ratio_bomb, ("压缩炸弹", "xl/worksheets/sheet1.xml", "未解压"), big=True),
    Case("zip_part_bigger_than_declared", "发放.xlsx", lying_part, ("已损坏", "larger than its declared"), big=True),
    Case("cells_at_a1_and_xfd1048576", "发放.xlsx", far_cells, ("内存超过上限", "看板未受影响"), big=True),
    Case("xml_entity_expansion", "发放.xlsx", entity_bomb, ("已损坏",)),
    Case("100000_empty_rows", "发放.xlsx", lambda: empty_rows(100_000),
         ("工作表“发放”第 2 行", "没有数据行", "略过了 100000 行空行"), big=True),
    Case("1000_columns", "交叉表.xlsx", lambda: wide_crosstab(1000, 200), ("工作表“发放”", "找不到表头"), big=True),
    Case("duplicated_headers", "发放.xlsx", lambda: xlsx_bytes(("发放", payments(
        [[*r, person(99)] for r in payment_rows(3)], [*PAYMENT_HEADER, "身份证号码"]))),
         ("工作表“发放”", "对应了多列", "第 3、8 列")),
    Case("merged_cells_across_the_header", "发放.xlsx", merged_header,
         ("缺少必需的列", "“发放金额”", "D2:F2", "跨列合并")),
    Case("ids_stored_as_numbers", "发放.xlsx", ids_as_numbers,
         ("全部 3 行", "工作表“发放”第 3、4、5 行“身份证号”列", "存为数字")),
    Case("mixed_encodings_csv", "发放.csv", mixed_encodings, ("混用了两种文字编码", "第 1 行是 UTF-8", "第 3 行不是")),
    Case("pictures_only", "照片.xlsx", pictures_only, ("工作表“照片”", "只有图片")),
    Case("every_sheet_hidden", "发放.xlsx", all_hidden, ("全部是隐藏的", "旧表、底稿")),
    Case("another_dataset_kind", "发放.xlsx", staff_list, ("资金发放明细", "看起来是“工作人员及近亲属”"), kind="payments"),
    Case("prose_without_a_header", "说明.xlsx", lambda: xlsx_bytes(("填表说明", [["本表由各村填报"], ["联系人：民政办"]])),
         ("工作表“填表说明”", "找不到表头")),
    Case("only_a_total_row", "发放.xlsx", lambda: xlsx_bytes(("发放", payments([["合计", "", "", "", "2796", "", ""]]))),
         ("没有数据行", "合计")),
]


def counts(con) -> dict[str, int]:
    tables = [r[0] for r in con.execute("select table_name from information_schema.tables where table_schema = 'main' "
                                        "and table_type = 'BASE TABLE' order by 1").fetchall()]
    return {t: con.execute(f"select count(*) from {db.quote_identifier(t)}").fetchone()[0] for t in tables}


@pytest.fixture(scope="module")
def seeded(tmp_path_factory, config):
    """A store holding one real import, so 'nothing written' compares non-empty tables."""
    con = store.connect(tmp_path_factory.mktemp("bad") / "store.duckdb")
    assert import_file(con, "发放.xlsx", good_xlsx(), config)["status"] == "committed"
    yield con
    con.close()


def test_the_corpus_has_at_least_25_distinct_cases():
    assert len({case.id for case in CASES}) == len(CASES) >= 25


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_a_bad_file_is_refused_in_chinese_and_writes_nothing(case, seeded, config):
    before, history = counts(seeded), seeded.execute(db.sql("batch_history")).fetchall()
    report = import_file(seeded, case.file_name, case.build(), config, kind=case.kind)
    message = report["problems"][0]["message"]
    assert report["status"] == "rejected", message
    assert message.startswith(f"文件“{case.file_name}”未导入："), message
    for fragment in case.says:
        assert fragment in message, message
    assert counts(seeded) == before and seeded.execute(db.sql("batch_history")).fetchall() == history


@pytest.mark.parametrize("case", [c for c in CASES if c.big], ids=[c.id for c in CASES if c.big])
def test_a_big_hostile_file_is_refused_in_bounded_memory_and_time(case, config):
    data = case.build()
    start = time.perf_counter()
    outcome = plan_isolated(case.file_name, data, config, kind=case.kind)
    seconds = time.perf_counter() - start
    assert isinstance(outcome.error, FileRejected)
    print(f"{case.id}: {len(data) / 2**20:.2f} MB file, refused in {seconds:.2f} s, reading added {outcome.peak_mb} MB")
    assert outcome.peak_mb is not None and outcome.peak_mb <= BIG_FILE_MB
    assert seconds <= BIG_FILE_SECONDS


def test_many_parts_that_unzip_past_the_configured_limit_are_refused_unread(config):
    """The same check as a 1 GB bomb at the default 50 MB limit, against a 1 MB limit so the test builds 21 MB."""
    small = dataclasses.replace(config, limits=dataclasses.replace(config.limits, max_upload_mb=1))
    report = import_file(None, "发放.xlsx", many_parts(21), small, dry_run=True)
    assert report["status"] == "rejected"
    assert "解压后共 21 MB，超过上限 20 MB" in report["problems"][0]["message"]


def test_a_file_over_the_size_limit_is_refused_before_reading(config):
    small = dataclasses.replace(config, limits=dataclasses.replace(config.limits, max_upload_mb=1))
    report = import_file(None, "发放.xlsx", good_xlsx() + b"\x00" * 2**20, small, dry_run=True)
    assert report["status"] == "rejected" and "文件大小超过上限 1 MB" in report["problems"][0]["message"]


def test_every_failing_row_is_listed_with_sheet_row_and_column_when_no_row_passes(seeded, config):
    report = import_file(seeded, "发放.xlsx", ids_as_numbers(), config)
    rows = [(p["sheet"], p["row"], p["column"]) for p in report["problems"][1:]]
    assert rows == [("发放", 3, "身份证号"), ("发放", 4, "身份证号"), ("发放", 5, "身份证号")]


@pytest.mark.parametrize("file_name, data, says", [
    ("发放.xlsx", good_csv(), "扩展名是 .xlsx，但内容是CSV 文本"),
    ("发放.csv", good_xlsx(), "扩展名是 .csv，但内容是Excel 工作簿（.xlsx）"),
], ids=["csv_named_xlsx", "xlsx_named_csv"])
def test_a_file_named_as_another_format_is_read_by_its_content_with_a_note(file_name, data, says, config):
    """Not refused: a clerk renaming 名册.csv to 名册.xlsx loses nothing, and the note tells what was found."""
    report = import_file(None, file_name, data, config, dry_run=True)
    assert report["rows_imported"] == 3 and says in report["notes"][0]
