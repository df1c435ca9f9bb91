"""`python -m operator_app` behaves exactly like the `operator-app` command."""

import sys

from operator_app.cli import main

sys.exit(main())
