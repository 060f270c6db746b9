"""Who may see and change what: accounts and logins, the role's scope, the append-only audit log, masking of IDs,
accounts and names."""
