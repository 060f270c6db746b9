"""The TOML configuration: the shipped file carries the domain defaults; a wrong key or value stops with its name."""
import datetime as dt
from decimal import Decimal

import pytest

from analytics.core import config as config_module
from analytics.core.config import DEFAULT_PATH, load
from analytics.core.errors import ConfigError, JiuzhuError

SHIPPED = DEFAULT_PATH.read_text(encoding="utf-8")


def write(tmp_path, text: str):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def edited(tmp_path, old: str, new: str):
    assert old in SHIPPED, f"the shipped config no longer holds {old!r}"
    return write(tmp_path, SHIPPED.replace(old, new, 1))


def refused(path) -> str:
    with pytest.raises(ConfigError) as caught:
        load(path)
    return str(caught.value)


def test_shipped_config_names_the_town_and_its_five_villages(config):
    assert config.town == "庆隆镇" and config.district == "铜梁区"
    assert config.village_names == ("镜滩社区", "冬笋村", "金源村", "庆新村", "同康村")


def test_shipped_config_has_the_nine_programs_with_their_sub_types(config):
    assert config.program_names == ("低保", "特困供养", "孤儿", "事实无人抚养儿童", "困难残疾人生活补贴", "重度残疾人护理补贴",
                                     "高龄津贴", "失能老人补贴", "临时救助")
    assert config.program("孤儿").sub_types == ("集中", "散居")
    assert config.program("低保").pays == "household" and config.program("临时救助").pays == "one-off"
    assert config.program("低保").spellings["城保"] == "城市"


def test_shipped_config_has_the_default_rules_and_limits(config):
    assert config.rules.due_day == 28
    assert config.rules.visit_interval_days == 30
    assert config.rules.shared_account_min_households == 2
    assert config.rules.max_residents_per_caregiver == 10
    assert config.limits.max_upload_mb == 50 and config.limits.max_rows == 2_000_000


def standard(config, program, sub_type, day):
    dated = [s for s in config.standards if s.program == program and s.sub_type == sub_type and s.effective <= day]
    return max(dated, key=lambda s: s.effective).amount


def test_shipped_standards_include_the_rise_of_2022_10_01(config):
    before, after = dt.date(2022, 9, 30), dt.date(2022, 10, 1)
    assert standard(config, "特困供养", "", after) == Decimal("932")
    assert standard(config, "孤儿", "集中", after) == 1582 and standard(config, "孤儿", "散居", after) == 1382
    assert standard(config, "事实无人抚养儿童", "", before) == 1382
    assert (standard(config, "困难残疾人生活补贴", "", before), standard(config, "困难残疾人生活补贴", "", after)) == (70, 80)
    assert (standard(config, "重度残疾人护理补贴", "一级", before), standard(config, "重度残疾人护理补贴", "一级", after)) == (80, 90)
    assert (standard(config, "重度残疾人护理补贴", "二级", before), standard(config, "重度残疾人护理补贴", "二级", after)) == (70, 80)
    assert all(isinstance(s.amount, Decimal) for s in config.standards)


def test_shipped_exclusive_pairs_and_age_rules_follow_the_domain(config):
    pairs = {(p.a, p.b): p.level for p in config.exclusive_pairs}
    assert len(pairs) == 8
    assert pairs[("特困供养", "低保")] == "复核"
    assert pairs[("孤儿", "事实无人抚养儿童")] == "禁止"
    assert ("困难残疾人生活补贴", "重度残疾人护理补贴") not in pairs
    ages = {a.program: (a.min_age, a.max_age) for a in config.age_rules}
    assert ages == {"孤儿": (None, 18), "事实无人抚养儿童": (None, 18), "高龄津贴": (80, None)}


def test_shipped_phases_and_milestones(config):
    assert [p.name for p in config.phases] == ["部署启动", "自查自纠", "督导抽查", "总结深化"]
    assert config.phases[1].start == dt.date(2022, 6, 1) and config.phases[1].end == dt.date(2022, 9, 30)
    by_name = {m.name: m for m in config.milestones}
    assert by_name["各村(居)上报自查情况"].per_village and by_name["各村(居)上报自查情况"].due == dt.date(2022, 9, 20)
    assert by_name["成立领导小组"].due == dt.date(2022, 5, 31)  # no due date: the end of its phase


def test_loading_the_shipped_file_by_path_gives_an_equal_config(tmp_path, config):
    assert load(write(tmp_path, SHIPPED)) == config


def test_environment_variable_points_to_another_config(tmp_path, monkeypatch):
    path = edited(tmp_path, "due_day = 28", "due_day = 20")
    monkeypatch.setenv("JIUZHU_CONFIG", str(path))
    assert config_module.load().rules.due_day == 20


def test_unknown_top_level_key_is_named(tmp_path):
    message = refused(write(tmp_path, SHIPPED + "\n[extra]\nx = 1\n"))
    assert "未知的键 extra" in message


def test_unknown_nested_key_is_named_with_its_table(tmp_path):
    message = refused(edited(tmp_path, "due_day = 28", "due_dya = 28"))
    assert "未知的键 rules.due_dya" in message


def test_unknown_key_in_an_array_of_tables_is_named_with_its_index(tmp_path):
    message = refused(edited(tmp_path, 'aliases = ["冬笋"', 'alias = ["冬笋"'))
    assert "未知的键 villages[1].alias" in message


def test_unknown_key_in_the_import_limits_is_named(tmp_path):
    message = refused(edited(tmp_path, "max_rows = 2000000", "max_row = 2000000"))
    assert "import.max_row" in message


def test_missing_required_key_is_named(tmp_path):
    message = refused(edited(tmp_path, 'name = "庆隆镇"\n', ""))
    assert "缺少必填的键 town.name" in message


@pytest.mark.parametrize("old, new, key", [
    ("due_day = 28", 'due_day = "28"', "rules.due_day"),
    ("due_day = 28", "due_day = true", "rules.due_day"),
    ("due_day = 28", "due_day = 28.0", "rules.due_day"),
    ("amount = 932", 'amount = "932"', "standards[0].amount"),
    ("effective = 2022-01-01", 'effective = "2022-01-01"', "standards[0].effective"),
    ("effective = 2022-01-01", "effective = 2022-01-01T08:00:00", "standards[0].effective"),
    ("per_village = true", 'per_village = "是"', "milestones[2].per_village"),
    ('[town]\nname = "庆隆镇"', '[town]\nname = 1', "town.name"),
])
def test_value_of_the_wrong_type_is_named(tmp_path, old, new, key):
    message = refused(edited(tmp_path, old, new))
    assert f"配置项 {key} " in message and "类型不对" in message


@pytest.mark.parametrize("old, new, key", [
    ("due_day = 28", "due_day = 31", "rules.due_day"),
    ("due_day = 28", "due_day = 0", "rules.due_day"),
    ("visit_interval_days = 30", "visit_interval_days = 0", "rules.visit_interval_days"),
    ('program = "特困供养"', 'program = "特困补助"', "standards[0].program"),
    ('program = "高龄津贴"', 'program = "高龄补助"', "age_rules[2].program"),
    ('a = "特困供养"\nb = "困难残疾人生活补贴"', 'a = "五保户"\nb = "困难残疾人生活补贴"', "exclusive_pairs[0]"),
    ('a = "特困供养"\nb = "困难残疾人生活补贴"', 'a = "特困供养"\nb = "特困供养"', "exclusive_pairs[0]"),
    ('level = "复核"', 'level = "警告"', "exclusive_pairs[7].level"),
    ('pays = "household"', 'pays = "family"', "programs[0].pays"),
    ('"城保" = "城市"', '"城保" = "市区"', "programs[0].spellings.城保"),
    ("amount = 932", "amount = -932", "standards[0].amount"),
    ('phase = "督导抽查"\nname = "配合区督导抽查"', 'phase = "督察"\nname = "配合区督导抽查"', "milestones[5].phase"),
    ("end = 2022-05-31", "end = 2022-04-30", "phases[0]"),
])
def test_bad_value_is_named(tmp_path, old, new, key):
    assert f"配置项 {key}" in refused(edited(tmp_path, old, new))


def test_duplicate_village_is_refused(tmp_path):
    message = refused(edited(tmp_path, 'name = "冬笋村"', 'name = "镜滩社区"'))
    assert "villages" in message and "重名" in message


def test_table_where_an_array_is_expected_is_refused(tmp_path):
    message = refused(write(tmp_path, SHIPPED.replace("[rules]", "[[rules]]")))
    assert "rules" in message


def test_broken_toml_is_a_config_error_with_the_path(tmp_path):
    path = write(tmp_path, SHIPPED.replace("due_day = 28", "due_day = = 28"))
    message = refused(path)
    assert "不是合法的 TOML" in message and str(path) in message


def test_missing_file_is_a_config_error(tmp_path):
    message = refused(tmp_path / "none.toml")
    assert "找不到配置文件" in message


def test_config_error_is_a_jiuzhu_error():
    assert issubclass(ConfigError, JiuzhuError)


def test_minimal_config_needs_only_town_villages_and_programs(tmp_path):
    minimal = '[town]\nname = "某镇"\n[[villages]]\nname = "甲村"\n[[programs]]\nname = "低保"\npays = "household"\n'
    loaded = load(write(tmp_path, minimal))
    assert loaded.village_names == ("甲村",) and loaded.program_names == ("低保",)
    assert loaded.rules.due_day == 28 and loaded.standards == () and loaded.district == ""


def test_standard_for_an_unknown_sub_type_is_named(tmp_path):
    message = refused(edited(tmp_path, 'sub_type = "一级"', 'sub_type = "三级"'))
    assert "standards[6].sub_type" in message
