-- An account can no longer log in; its row stays, so the audit log's names keep their meaning.
update app_user set disabled = true where name = $name
