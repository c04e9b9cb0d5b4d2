"""Monitoring: books of records re-screened on every list change, alerts under review, an audit trail."""
