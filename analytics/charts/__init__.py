"""Charts drawn from the DataFrames of analytics.analysis and analytics.campaign: one style, titles with units and a
source note."""
