"""``python -m scalinglaws``: the same command line as the ``scalinglaws`` script."""

import sys

from scalinglaws.cli import main

sys.exit(main())
