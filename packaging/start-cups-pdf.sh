#!/usr/bin/env bash
# Start cupsd when it is not running and add a CUPS-PDF print queue (idempotent).
# Installs nothing: cups and printer-driver-cups-pdf must already be there.
# Printed jobs land as PDF files in the folder cups-pdf's "Out" setting names
# (Debian: ~/PDF of the user who printed).
set -euo pipefail

QUEUE="${1:-CUPS-PDF}"
SUDO=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi

if ! command -v cupsd >/dev/null 2>&1; then
  echo "cupsd is not installed; install cups and printer-driver-cups-pdf." >&2
  exit 1
fi

if ! lpstat -r 2>/dev/null | grep -q "is running"; then
  $SUDO cupsd
  for _ in $(seq 1 50); do
    lpstat -r 2>/dev/null | grep -q "is running" && break
    sleep 0.2
  done
fi
if ! lpstat -r 2>/dev/null | grep -q "is running"; then
  echo "cupsd did not start." >&2
  exit 1
fi

if lpstat -p "$QUEUE" >/dev/null 2>&1; then
  echo "The print queue $QUEUE is ready."
  exit 0
fi

PPD="lsb/usr/cups-pdf/CUPS-PDF_opt.ppd"
if ! lpinfo -m 2>/dev/null | grep -q "^$PPD "; then
  PPD="$(lpinfo -m 2>/dev/null | grep -i 'cups-pdf' | head -n 1 | cut -d' ' -f1 || true)"
fi
if [ -z "$PPD" ]; then
  echo "No CUPS-PDF model was found (lpinfo -m); is printer-driver-cups-pdf installed?" >&2
  exit 1
fi
$SUDO lpadmin -p "$QUEUE" -v cups-pdf:/ -m "$PPD" -E
$SUDO cupsenable "$QUEUE" 2>/dev/null || true
$SUDO cupsaccept "$QUEUE" 2>/dev/null || true
echo "The print queue $QUEUE was added (model $PPD)."
