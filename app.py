#!/usr/bin/env python3
"""The newsqa web chat: ``python app.py`` serves http://127.0.0.1:7860 (QA_HOST / QA_PORT to change)."""

import logging

from qa.web import launch

if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    launch()
