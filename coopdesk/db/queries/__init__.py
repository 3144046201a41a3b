"""The book's named reads: one module per topic, each taking a Reader, returning typed values."""
