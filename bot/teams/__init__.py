"""The Microsoft Teams adapter: activities in, Adaptive Cards out; nothing else."""
