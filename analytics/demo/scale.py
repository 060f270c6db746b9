"""District and city scale sample data, written straight into a store with DuckDB SQL (for benchmarks).

    from analytics.demo.scale import write_scale
    counts = write_scale(con, "city")  # 1,000,000 recipients, 2022-01 … 2022-12, ~11 M payment rows

The town's kinds of people (低保 households, 特困 集中/分散, 孤儿, 事实无人抚养儿童, the two disability subsidies, 高龄,
失能, one-off 临时救助, guardians and proxies, staff and cadres), in many more villages, and a sprinkling of every finding
of domain.md §5: a person whose `hash(seed, i, 'plant') % PLANT_RATE` is k carries plant k (see the SQL files
analytics/demo/sql/finding_scale_*.sql). Going through the spreadsheet importer would take hours at this size; rows are
written as the importer would leave them (valid IDs, canonical names, one CSV-like batch per dataset and month).
Deterministic by seed. Unlike the town (analytics.demo), there is no ground truth list: a bench, not a test, uses it.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

import duckdb

from analytics.core.db import bind, memory_limit, quote_identifier, sql, transaction, write_lock
from analytics.core.errors import JiuzhuError

SCALES = {"district": 50_000, "city": 1_000_000}
RECIPIENTS_PER_VILLAGE = 250  # the town: ~1,300 recipients in 5 villages
PLANT_RATE = 1000             # one person in a thousand carries a plant
d = dt.date
# kind, share of the recipients (低保: household slots, two in three filled), born from, born until
RECIPIENT_BLOCKS = (("dibao", 0.48, d(1950, 1, 1), d(1999, 12, 31)), ("tekun", 0.08, d(1935, 1, 1), d(1962, 12, 31)),
                    ("orphan", 0.013, d(2006, 1, 1), d(2016, 12, 31)),
                    ("uncared", 0.008, d(2006, 1, 1), d(2016, 12, 31)),
                    ("aged", 0.31, d(1920, 1, 1), d(1941, 12, 31)), ("disabled", 0.23, d(1945, 1, 1), d(2000, 12, 31)),
                    ("frail", 0.035, d(1935, 1, 1), d(1960, 12, 31)),
                    ("ageplant", 0.001, d(2004, 1, 1), d(2004, 12, 30)))  # 孤儿 who turn 18 in 2022
GUARDED = ("orphan", "uncared", "aged")  # consecutive blocks: guardian k collects for the k-th of them
SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何罗高林唐谭蒋冉向邓余彭")
GIVEN = ["德明", "国强", "建华", "志刚", "永福", "秀英", "桂兰", "淑芬", "玉珍", "明珍", "子涵", "浩然", "欣怡", "梓轩"]
VILLAGE_HEADS = list("安白柏宝北碧长朝陈大丹东风福高古广桂和河红虎华黄回吉金锦九兰龙鹿马梅明南盘平青清石双水太桃天万")
VILLAGE_TAILS = list("坝堡冲店洞峰沟关河湖家涧口梁林岭庙坪桥山滩塘田湾溪垭岩院寨洲子坡坎场铺墩园峡嘴坳井头门")
TOWN_VILLAGES = ["镜滩社区", "冬笋村", "金源村", "庆新村", "同康村"]
MONTHLY = ("roster", "payments")
# a city's year, written in one transaction, needs more than the store's own limit (analytics.core.db), which the
# recompute measured after it keeps
WRITE_MEMORY_LIMIT = "8GB"
OTHERS = ("proxy_agreements", "staff", "crosscheck", "potential", "visits", "institutions")
OTHER_SQL = {"proxy_agreements": "agreements", "staff": "staff", "crosscheck": "crosscheck",
             "potential": "potential", "visits": "visits", "institutions": "institutions"}


def write_scale(con: duckdb.DuckDBPyConnection, scale: str, seed: int = 42) -> dict[str, int]:
    """Fill an empty store; return the live row count of every dataset written."""
    if scale not in SCALES:
        raise ValueError(f"unknown scale {scale!r}: one of {', '.join(SCALES)}")
    recipients = SCALES[scale]
    if con.execute("select count(*) from roster").fetchone()[0]:
        raise JiuzhuError("规模示例数据只能写入空的数据库")
    villages = village_names(max(5, recipients // RECIPIENTS_PER_VILLAGE))
    params = dict(seed=seed, village_names=villages, village_count=len(villages), plant_rate=PLANT_RATE,
                  surnames=SURNAMES, given=GIVEN, **blocks(recipients, len(villages)))
    with write_lock, _memory(con, WRITE_MEMORY_LIMIT), transaction(con):
        con.execute("create temp table scale_person as " + sql("finding_scale_people"), _bound("people", params))
        params["enrolments"] = 0
        con.execute("create temp table scale_enrolment as " + sql("finding_scale_enrolments"),
                    _bound("enrolments", params))
        params["enrolments"] = con.execute("select count(*) from scale_enrolment").fetchone()[0]
        batches = _batch_ids(con)
        params.update(roster_batches=batches["roster"], payment_batches=batches["payments"])
        counts = {kind: _insert(con, kind, kind, params) for kind in MONTHLY}
        for kind in OTHERS:
            params["batch_id"] = batches[kind]
            counts[kind] = _insert(con, kind, OTHER_SQL[kind], params)
        _record_batches(con, scale, seed, batches)
        con.execute("drop table scale_enrolment")
        con.execute("drop table scale_person")
    return counts


@contextmanager
def _memory(con: duckdb.DuckDBPyConnection, limit: str) -> Iterator[None]:
    """DuckDB's memory limit raised to `limit` for a while, then set back to the store's."""
    con.execute("set memory_limit = ?", [limit])
    try:
        yield
    finally:
        con.execute("set memory_limit = ?", [memory_limit()])


def village_names(count: int) -> list[str]:
    """The town's five, then made-up names (head + tail + 村, every tenth a 社区; then the other suffix), all distinct."""
    pairs = [h + t for t in VILLAGE_TAILS for h in VILLAGE_HEADS]
    made = [p + ("社区" if k % 10 == 9 else "村") for k, p in enumerate(pairs)]
    made += [p + ("村" if k % 10 == 9 else "社区") for k, p in enumerate(pairs)]
    if count > len(TOWN_VILLAGES) + len(made):
        raise ValueError(f"at most {len(TOWN_VILLAGES) + len(made)} villages")
    return (TOWN_VILLAGES + made)[:count]


def blocks(recipients: int, villages: int) -> dict[str, list]:
    """Block sizes and their ID ranges (first index, birth range, 3-digit sequence band) as bound lists."""
    sizes = [(kind, round(recipients * share), start, end) for kind, share, start, end in RECIPIENT_BLOCKS]
    guarded = sum(n for kind, n, _, _ in sizes if kind in GUARDED)
    sizes += [("guardian", guarded, d(1950, 1, 1), d(1984, 12, 31)), ("staff", 4 + 2 * villages, d(1965, 1, 1),
              d(1995, 12, 31)), ("temp", round(recipients * 0.036), d(1950, 1, 1), d(1995, 12, 31)),
              ("potential", max(2, recipients // 2000), d(1960, 1, 1), d(1990, 12, 31))]
    out = {k: [] for k in ("kinds", "counts", "first_index", "born_from", "born_span", "seq_band")}
    first, band = 0, 1
    for kind, n, start, end in sizes:
        span = (end - start).days + 1
        for key, value in zip(out, (kind, n, first, start, span, band)):
            out[key].append(value)
        first, band = first + n, band + (n - 1) // span + 1
    if band > 999:
        raise ValueError("too many people for unique synthetic IDs")
    index = dict(zip(out["kinds"], out["first_index"]))
    return out | dict(guarded_first=index[GUARDED[0]], guardian_first=index["guardian"], staff_first=index["staff"],
                      temp_first=index["temp"], temp_count=out["counts"][out["kinds"].index("temp")],
                      institution_count=max(1, villages // 10))


def _bound(name: str, params: dict) -> dict:
    return bind(sql(f"finding_scale_{name}"), params)


def _insert(con, table: str, name: str, params: dict) -> int:
    target = quote_identifier(table)
    con.execute("insert into " + target + " by name " + sql(f"finding_scale_{name}"), _bound(name, params))
    return con.execute("select count(*) from " + target).fetchone()[0]


def _batch_ids(con) -> dict:
    def next_id() -> int:
        return con.execute("select nextval('batch_id_seq')").fetchone()[0]
    return {"roster": [next_id() for _ in range(12)], "payments": [next_id() for _ in range(12)],
            **{kind: next_id() for kind in OTHERS}}


def _record_batches(con, scale: str, seed: int, batches: dict) -> None:
    """One import_batch row (and its 导入 event) per file the rows stand for, so findings name their sources."""
    labels = {"roster": "名册", "payments": "资金发放明细", "proxy_agreements": "代领协议", "staff": "工作人员",
              "crosscheck": "比对名单", "potential": "摸排对象", "visits": "走访记录", "institutions": "供养机构"}
    rows = [(b, kind, d(2022, m + 1, 1), f"规模示例数据-{scale}-2022年{m + 1:02d}月{labels[kind]}.csv")
            for kind in MONTHLY for m, b in enumerate(batches[kind])]
    rows += [(batches[kind], kind, None, f"规模示例数据-{scale}-2022年{labels[kind]}.csv") for kind in OTHERS]
    for batch_id, kind, period, file_name in rows:
        n = con.execute("select count(*) from " + quote_identifier(kind) + " where batch_id = ?", [batch_id]).fetchone()[0]
        con.execute("insert into import_batch (batch_id, file_name, sha256, size_bytes, kind, program, period, sheets, "
                    "villages, uploaded_by, uploaded_at, rows_read, rows_imported, rows_quarantined, strict) "
                    "values (?, ?, ?, 0, ?, null, ?, '', '', ?, now(), ?, ?, 0, false)",
                    [batch_id, file_name, f"scale:{scale}:{seed}:{batch_id}", kind, period, "规模示例数据生成器", n, n])
        con.execute("insert into batch_event values (nextval('event_id_seq'), ?, '导入', null, ?, now(), ?, 0)",
                    [batch_id, "规模示例数据生成器", n])
