"""The only code that changes state: each action is one transaction with its audit row."""
