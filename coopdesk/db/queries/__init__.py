"""The book's named reads: one module per topic, each function taking a Reader and returning typed values."""
