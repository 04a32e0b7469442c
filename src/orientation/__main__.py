"""``python -m orientation`` : la ligne de commande."""

import sys

from orientation.interfaces.cli import main

sys.exit(main())
