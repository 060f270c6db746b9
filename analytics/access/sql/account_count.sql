-- How many accounts exist, disabled ones included (none at all means 单机模式).
select count(*) from app_user
