"""The book's named reads: plain functions taking a connection and returning typed values."""
