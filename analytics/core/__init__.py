"""The base every feature stands on: the store and its named queries, migrations and backups, the configuration, the
data contract, filters, errors and the town's clock."""
