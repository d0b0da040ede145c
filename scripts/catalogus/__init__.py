"""Validation and page generation for the catalogue 'Wat werkt tegen ondermijning'."""
