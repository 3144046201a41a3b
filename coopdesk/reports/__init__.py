"""Printed paper: ReportLab documents rendered from plain data to PDF bytes."""
