"""Aanjager: housing for labour migrants, one live and open system."""
