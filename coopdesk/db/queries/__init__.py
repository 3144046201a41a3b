"""The read layer: named queries over the book, returning typed values (import submodules)."""
