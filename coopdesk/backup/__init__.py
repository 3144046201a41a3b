"""Keeping the book safe: verified backups, restore, encryption, volumes and the book lock."""
