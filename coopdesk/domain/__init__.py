"""The cooperative's rules in plain Python (stdlib only, no Qt, no database)."""
