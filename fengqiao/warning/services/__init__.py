"""The warning app's writes, one module per topic (risk, keys and clusters, alerts, the nightly run).
Each is atomic, takes `acting_user` where a person acts, and writes its own audit row."""
