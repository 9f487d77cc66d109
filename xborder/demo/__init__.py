"""Realistic synthetic scenario for `xborder demo`: gangs sharing mule accounts,
phones, sites and handles across Thailand and Cambodia, and their victims' reports.

    from xborder.demo import generate
    scenario = generate(seed=7)
    scenario.reports[0]            # a POST /api/v1/reports body
    scenario.truth["demo-000001"]  # its gang id, or None for a lone scammer
"""

from xborder.demo.banks import BankAccount
from xborder.demo.gangs import Gang
from xborder.demo.planted import Planted
from xborder.demo.scenario import Scenario, generate
from xborder.demo.wallets import Wallet

__all__ = ["BankAccount", "Gang", "Planted", "Scenario", "Wallet", "generate"]
