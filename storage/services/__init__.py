"""Business rules over the register: one module per concern, keyword-only, principal first."""
