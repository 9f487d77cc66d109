from datetime import datetime, timezone

import pytest

from xborder.demo import Scenario, generate


@pytest.fixture(scope="session")
def end() -> datetime:
    """A fixed end for the scenario window, so that tests are reproducible."""
    return datetime(2025, 6, 1, tzinfo=timezone.utc)


@pytest.fixture(scope="session")
def scenario(end) -> Scenario:
    return generate(seed=7, end=end)
