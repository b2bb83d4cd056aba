#!/usr/bin/env python
import sys

from ttcs.cli import main

if __name__ == "__main__":
    sys.exit(main())
