"""`python -m coopdesk` runs the command line (and the GUI when no command is given)."""

import sys

from coopdesk.cli import main

sys.exit(main())
