"""Bundled supplier self-assessment questionnaires, one YAML file per version.

Package data only; `storage.questionnaire.load_questionnaire` reads and checks it. A changed
questionnaire is a new file (`saq-2027-1.yaml`), never an edit of a published one.
"""
