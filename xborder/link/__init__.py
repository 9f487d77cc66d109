"""Pure linking and scoring: components over the report-indicator graph, priorities."""
