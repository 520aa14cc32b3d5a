#!/usr/bin/env python3
"""Ingest articles into the newsqa store: ``python ingest.py data/``."""

import sys

from qa.ingest.cli import main

if __name__ == "__main__":
    sys.exit(main())
