from qa.config import Settings
