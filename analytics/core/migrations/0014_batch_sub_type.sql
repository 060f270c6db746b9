-- 0014: the 类别 a whole file is for when its title or name says it (城市/农村居民最低生活保障 → 低保 城市): a town's
-- 城市 and 农村 低保 rosters of one village and month are two lists, and one must not replace the other.
alter table import_batch add column sub_type varchar;
