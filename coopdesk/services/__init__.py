"""The use cases: one function per job, each one transaction. The GUI and CLI call these."""
