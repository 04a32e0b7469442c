"""``python -m orientation`` : la ligne de commande."""

import sys

from orientation.interfaces.cli import lancer

sys.exit(lancer())
