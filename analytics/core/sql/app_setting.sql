-- One of the store's own settings.
select value from app_setting where key = $key
