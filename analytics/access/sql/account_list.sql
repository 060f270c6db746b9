-- Every account without its password hash, by role then name (pinyin order).
select name, role, village, disabled, failed_logins, locked_until, last_login, created_at, password_changed_at
from app_user
order by case role when '管理员' then 1 when '领导' then 2 when '纪委' then 3 else 4 end, name collate zh
