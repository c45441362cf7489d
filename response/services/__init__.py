"""Writes of the response cycle: phase records and their gates, stakeholder updates, action items."""
