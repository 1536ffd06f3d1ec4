import sys

from vigie.cli.main import main

sys.exit(main())
