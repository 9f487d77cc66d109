"""Pure domain: indicator kinds, taxonomy, reference data, money. No I/O."""
