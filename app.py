#!/usr/bin/env python3
"""The newsqa web chat: ``python app.py [--host H] [--port P] [--store DIR]`` serves http://127.0.0.1:7860;
``--help`` lists the flags, which override the ``QA_*`` variables."""

import logging

from qa.serve import main

if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    main()
