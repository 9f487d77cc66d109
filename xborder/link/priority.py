"""A network's priority for investigators.

    priority = 10·log10(1 + loss_thb) + 8·log2(1 + reports) + 15·cross_border

Loss dominates (a 1,000,000 THB network scores 60 on loss alone), size adds
with diminishing returns (64 reports add 48), and a network seen in more than
one country gets 15 because it needs the partner to act. The full model with
growth lands with the networks issue; the formula is shown per network.
"""

from __future__ import annotations

import math
from decimal import Decimal

FORMULA = "10*log10(1+loss_thb) + 8*log2(1+reports) + 15*cross_border"


def network_priority(loss_thb: Decimal | float, reports: int, countries: int) -> float:
    loss = max(float(loss_thb), 0.0)
    score = 10 * math.log10(1 + loss) + 8 * math.log2(1 + max(reports, 0)) + (15 if countries > 1 else 0)
    return round(score, 3)
