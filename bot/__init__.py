"""Chat surfaces for aktsom: conversation core, Slack and Teams adapters, CLI and settings."""
